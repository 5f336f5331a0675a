"""Spreadsheet exports for the association's finance staff: pure writers returning bytes/text.

`budget_workbook` builds the XLSX workbook (sheets Budget, Personal, Jämförelse) from an
`Application`; `application_list_csv` writes the reviewers' list for Swedish Excel.
No Flask or database import: the routes pass plain values and send what comes back.
"""
from .csv_list import application_list_csv, application_list_csv_chunks
from .workbook import budget_workbook

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIMETYPE = "text/csv; charset=utf-8"

__all__ = ["CSV_MIMETYPE", "XLSX_MIMETYPE", "application_list_csv", "application_list_csv_chunks",
           "budget_workbook"]
