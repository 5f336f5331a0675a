"""Sheet "Försättsblad": which application and version the workbook is, and what each sheet holds."""
from __future__ import annotations

from datetime import date

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from builder.appformat import Application

from .cells import BOLD, DATE, KR, TITLE, Gettext, fit_to_page_width, put_number, put_text, set_widths

WRAP = Alignment(wrap_text=True, vertical="top")


def write_cover_sheet(ws: Worksheet, application: Application, _: Gettext, *, fingerprint: str,
                      version_label: str = "", status_label: str = "", decision_date: date | None = None,
                      approved_total: int | None = None, total: int | None = None,
                      revised_total: int | None = None) -> None:
    """Title, association, period, version, fingerprint, status, decision date, amounts, contents."""
    put_text(ws, 1, 1, application.title, TITLE)
    period = application.period
    facts = [
        (_("Samordningsförbund"), application.association),
        (_("Period"), _("%(start)s – %(end)s", start=period.start.isoformat(), end=period.end.isoformat())),
        (_("Version"), version_label or _("Utkast")),
        (_("Kontrollsumma"), fingerprint),
        (_("Status"), status_label),
        (_("Beslutsdatum"), decision_date),
        (_("Sökt belopp"), total),
        (_("Beviljat belopp"), approved_total),
    ]
    if revised_total is not None:  # an extension applies for the change; the revised total follows
        facts[-2:-1] = [(_("Sökt belopp (förändring)"), total),
                        (_("Reviderad total"), revised_total)]
    row = 3
    for label, value in facts:
        put_text(ws, row, 1, label, BOLD)
        if isinstance(value, date):
            put_number(ws, row, 2, value, DATE).alignment = Alignment(horizontal="left")
        elif isinstance(value, int):
            put_number(ws, row, 2, value, KR).alignment = Alignment(horizontal="left")
        else:
            put_text(ws, row, 2, value or "–")
        row += 1
    row += 1
    put_text(ws, row, 1, _("Innehåll"), BOLD)
    for text in (_("Budget: en rad per part och kostnad, en kolumn per år; partsraderna summerar bladet Personal."),
                 _("Personal: varje personalrads indata (tjänstgöringsgrad, månadslön, sociala avgifter, datum, "
                   "löneökning) och per år de räknade månaderna och kostnaden som formel. Ändra en lön, en "
                   "tjänstgöringsgrad eller en avgift så räknas alla summor om."),
                 _("Jämförelse (vid utökning): den tidigare beviljade budgeten och förändringen per rad.")):
        row += 1
        put_text(ws, row, 1, text).alignment = WRAP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.row_dimensions[row].height = 15 * (1 + len(text) // 95)  # the merged cell's wrapped lines
    set_widths(ws, {1: 22, 2: 70})
    fit_to_page_width(ws)
    ws.page_setup.orientation = "portrait"
