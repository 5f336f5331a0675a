"""National reporting and the association's portfolio, computed from plain values (no Flask, no database).

`figures` turns what the database hands over (per insats: its commitment, outcome and participant sums of a
year) into the rows of the Uppföljning Finsam export and of the portfolio page, and checks a proposed
approval against the year's frame. The SQL that fetches those values is in builder/portfolio/service.py;
the CSV and XLSX writers are in builder/xlsx/national.py.
"""
