"""The export to Uppföljning Finsam (CSV and XLSX) and the portfolio workbook: plain values in, bytes out.

The export's column names are the national system's Swedish field names in every language: the file is
typed (or pasted) into that Swedish system. The CSV is the reviewer list's dialect (csv_list.py): a UTF-8
byte-order mark, `;` between fields, CRLF, text guarded against formulas, numbers plain. In the XLSX every
amount and count is a number cell and every date a date cell.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

from builder.national.figures import NationalRow, Portfolio

from .cells import BOLD, DATE, KR, TITLE, Gettext, put_header, put_number, put_text, set_widths, text_width
from .csv_list import BOM, csv_cell

NATIONAL_COLUMNS = ("Insats", "Diarienummer", "Inriktning", "Målgrupp", "Startdatum", "Slutdatum", "Budget",
                    "Utfall", "Planerade deltagare", "Deltagare kvinnor", "Deltagare män",
                    "Deltagare annat/ej angivet", "Deltagare totalt")
_TEXT_COLUMNS = 4  # name, diarienummer, focus, target group; then two dates and seven numbers
COUNT = "0"


def national_values(row: NationalRow) -> list:
    """One row's values in the export's column order (None: nothing registered)."""
    people = row.participants
    return [row.name, row.case_number, row.focus, row.target_group, row.start, row.end, row.budget, row.outcome,
            row.planned_participants, people.women, people.men, people.other, people.total]


def national_csv(rows: Iterable[NationalRow]) -> str:
    """The export as `;`-separated CSV with a BOM, a header row and one row per insats."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(NATIONAL_COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(value) for value in national_values(row)])
    return BOM + out.getvalue()


def national_xlsx(rows: Sequence[NationalRow], sheet_title: str = "Uppföljning Finsam") -> bytes:
    """The export as a workbook: the header in row 1, an insats a row from row 2."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet_title[:31]
    put_header(ws, 1, NATIONAL_COLUMNS, text_columns=range(1, _TEXT_COLUMNS + 1))
    for number, row in enumerate(rows, 2):
        values = national_values(row)
        for column, value in enumerate(values[:_TEXT_COLUMNS], 1):
            put_text(ws, number, column, value)
        for column, value in enumerate(values[_TEXT_COLUMNS:], _TEXT_COLUMNS + 1):
            if value is None:
                continue
            fmt = DATE if column in (5, 6) else KR if column in (7, 8) else COUNT
            put_number(ws, number, column, value, fmt)
    set_widths(ws, {1: text_width([r.name for r in rows], minimum=20), 2: 18, 3: 28,
                    4: text_width([r.target_group for r in rows], minimum=16),
                    5: 12, 6: 12, 7: 14, 8: 14, 9: 12, 10: 12, 11: 12, 12: 14, 13: 12})
    ws.freeze_panes = "A2"
    return _bytes(book)


def portfolio_xlsx(value: Portfolio, association: str, _: Gettext) -> bytes:
    """The portfolio of a year: the frame and its sums, then a row per insats with a total row."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = _("Portfölj %(year)s", year=value.year)[:31]
    put_text(ws, 1, 1, _("Portfölj %(year)s", year=value.year), TITLE)
    put_text(ws, 2, 1, _("Samordningsförbund"), BOLD)
    put_text(ws, 2, 2, association)
    facts = [(_("Ram"), value.frame), (_("Beviljade åtaganden"), value.committed),
             (_("Redovisat utfall"), value.outcome), (_("Kvar av ramen"), value.remaining),
             (_("Ej förbrukat av åtagandena"), value.unspent)]
    row = 4
    for label, amount in facts:
        put_text(ws, row, 1, label, BOLD)
        if amount is None:
            put_text(ws, row, 2, _("Ingen ram satt"))
        else:
            put_number(ws, row, 2, amount)
        row += 1
    row += 1
    put_header(ws, row, (_("Diarienummer"), _("Insats"), _("Beviljat"), _("Utfall"), _("Ej förbrukat")),
               text_columns=(1, 2))
    first = row + 1
    for number, line in enumerate(value.rows, first):
        put_text(ws, number, 1, line.case_number)
        put_text(ws, number, 2, line.name)
        put_number(ws, number, 3, line.committed)
        put_number(ws, number, 4, line.outcome)
        put_number(ws, number, 5, line.unspent)
    total = first + len(value.rows)
    put_text(ws, total, 2, _("Summa"), BOLD)
    put_number(ws, total, 3, value.committed, bold=True)
    put_number(ws, total, 4, value.outcome, bold=True)
    put_number(ws, total, 5, value.unspent, bold=True)
    set_widths(ws, {1: 30, 2: text_width([r.name for r in value.rows], minimum=20), 3: 14, 4: 14, 5: 16})
    return _bytes(book)


def _bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
