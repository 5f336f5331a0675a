"""Sheet "Jämförelse" (only with a baseline): the earlier budget, then each row's change.

First the baseline as approved: a row per baseline row, a column per year, Summa and Totalt
formulas. Then every row of the new budget with its new total, the baseline total it
replaces and the change (`=new - baseline`), followed by the baseline rows that carry over
unchanged; its Totalt row therefore adds up to the revised total, which is also given as
"Tidigare budget + Förändring".
"""
from __future__ import annotations

from decimal import Decimal

from openpyxl.worksheet.worksheet import Worksheet

from builder.appformat import Application
from builder.budget import BudgetTable, round_kr

from .cells import (
    BOLD,
    FIRST_ROW,
    KR,
    KR_SIGNED,
    Gettext,
    amount_width,
    col,
    column_sum,
    fit_to_page_width,
    put_header,
    put_number,
    put_text,
    row_sum,
    set_widths,
    text_width,
    write_heading,
)

BASELINE_TITLE_ROW = 5


def baseline_cells(table: BudgetTable) -> list[tuple[str, dict[str, int]]]:
    """The baseline rows as (label, whole kronor by year), rounded by the engine's rule."""
    return [(row.label, {year: round_kr(Decimal(amount)) for year, amount in row.yearly.items()})
            for row in table.baseline_rows]


def _write_baseline(ws: Worksheet, table: BudgetTable, _: Gettext) -> int:
    """The earlier budget with Summa and Totalt formulas; returns the Totalt row."""
    rows = baseline_cells(table)
    years = sorted({year for _label, cells in rows for year in cells})
    label = table.baseline_label or _("Tidigare budget")
    put_text(ws, BASELINE_TITLE_ROW, 1, _("Tidigare budget: %(label)s", label=label), BOLD)
    header_row = BASELINE_TITLE_ROW + 1
    put_header(ws, header_row, [_("Budget (kr)"), *years, _("Summa")])
    summa = 2 + len(years)
    for row_number, (row_label, cells) in enumerate(rows, header_row + 1):
        put_text(ws, row_number, 1, row_label)
        for index, year in enumerate(years):
            put_number(ws, row_number, 2 + index, cells.get(year, 0))
        put_number(ws, row_number, summa, row_sum(row_number, 2, summa - 1))
    total_row = header_row + 1 + len(rows)
    put_text(ws, total_row, 1, _("Totalt"), BOLD)
    for column in range(2, summa + 1):
        put_number(ws, total_row, column, column_sum(column, header_row + 1, total_row - 1), bold=True)
    return total_row


def _change_lines(table: BudgetTable, _: Gettext) -> list[tuple[str, int, int, str]]:
    """(label, new total, baseline total, remark) for every row, the carried-over ones last."""
    lines = [(row.label, row.total, row.baseline_total or 0, "") for row in table.rows]
    lines += [(row.label, row.total, row.baseline_total or 0, _("oförändrad"))
              for row in table.carried_over]
    return lines


def _write_changes(ws: Worksheet, first_row: int, table: BudgetTable, _: Gettext, budget_sheet: str = "") -> None:
    """Each row's new total, baseline total and change formula; Totalt; the revised total."""
    label = table.baseline_label or _("Tidigare budget")
    put_text(ws, first_row, 1, _("Förändring mot %(label)s", label=label), BOLD)
    header_row = first_row + 1
    put_header(ws, header_row, [_("Budget (kr)"), _("Ny budget"), _("Tidigare budget"),
                                _("Förändring"), _("Anmärkning")], text_columns=(1, 5))
    lines = _change_lines(table, _)
    sheet = "'" + budget_sheet.replace("'", "''") + "'"
    summa = col(2 + len(table.years))
    for index, (row_label, new, before, remark) in enumerate(lines):
        row_number = header_row + 1 + index
        put_text(ws, row_number, 1, row_label)
        # A new budget row follows the Budget sheet's Summa (which follows the staff lines).
        live = budget_sheet and index < len(table.rows)
        put_number(ws, row_number, 2, f"={sheet}!{summa}{FIRST_ROW + index}" if live else new)
        put_number(ws, row_number, 3, before)
        put_number(ws, row_number, 4, f"=B{row_number}-C{row_number}", KR_SIGNED)
        put_text(ws, row_number, 5, remark)
    total_row = header_row + 1 + len(lines)
    put_text(ws, total_row, 1, _("Totalt"), BOLD)
    for column, number_format in ((2, KR), (3, KR), (4, KR_SIGNED)):
        put_number(ws, total_row, column, column_sum(column, header_row + 1, total_row - 1),
                   number_format, bold=True)
    put_text(ws, total_row + 1, 1, _("Reviderad total"), BOLD)
    put_number(ws, total_row + 1, 2, f"=C{total_row}+D{total_row}", bold=True)


def _set_widths(ws: Worksheet, table: BudgetTable, _: Gettext) -> None:
    labels = [row.label for row in table.baseline_rows] + [row.label for row in table.rows]
    headers = [_("Summa"), _("Ny budget"), _("Tidigare budget"), _("Förändring"), _("Anmärkning")]
    number_width = amount_width(max(headers, key=len), [table.revised_total, table.delta])
    widths = {1: text_width(labels, minimum=18, maximum=50)}
    widths.update({column: number_width for column in range(2, ws.max_column + 1)})
    set_widths(ws, widths)


def write_comparison_sheet(ws: Worksheet, application: Application, table: BudgetTable,
                           _: Gettext, budget_sheet: str = "") -> None:
    """Fill the Jämförelse sheet: the baseline table, then the changes and the revised total."""
    write_heading(ws, application, _)
    baseline_total_row = _write_baseline(ws, table, _)
    _write_changes(ws, baseline_total_row + 2, table, _, budget_sheet)
    ws.freeze_panes = "B1"
    _set_widths(ws, table, _)
    fit_to_page_width(ws)
