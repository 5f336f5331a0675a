"""Sheet "Budget": the computed summary table, with Summa, Totalt and change formulas.

Columns: the row label, one column per year, Summa (`=SUM` over the years). A party's year cell
adds up its staff lines' cost cells on the Personal sheet (`=SUMPRODUCT(EXACT(party column, label)
× cost column)`), the overhead row is `=ROUND(rate × the party rows)` with the rate in a cell below
the table, and other costs are the engine's whole kronor as values; with a baseline also Tidigare
budget (the replaced baseline row's total, a value) and Förändring (`=Summa - Tidigare budget`).
The Totalt row sums every column except Tidigare budget: the earlier budget's total also counts
the baseline rows that carry over unchanged, so it is given below as "Tidigare budget totalt".
"""
from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from builder.appformat import Application
from builder.budget import BudgetTable

from .cells import (
    BOLD,
    FIRST_ROW,
    HEADER_ROW,
    KR,
    KR_SIGNED,
    PERCENT,
    Gettext,
    amount_width,
    col,
    column_sum,
    excel_number,
    fit_to_page_width,
    put_header,
    put_number,
    put_text,
    row_sum,
    set_widths,
    text_width,
    write_heading,
)
from .staff_sheet import StaffLayout


class Layout:
    """Where the summary table's columns and rows are."""

    def __init__(self, table: BudgetTable, staff: StaffLayout | None = None, staff_sheet: str = ""):
        self.staff = staff
        self.staff_sheet = "'" + staff_sheet.replace("'", "''") + "'"
        self.party_rows = [FIRST_ROW + i for i, row in enumerate(table.rows) if row.kind == "party"]
        self.overhead_rate_row: int | None = None
        self.years = table.years
        self.summa = 2 + len(table.years)
        self.baseline = self.summa + 1 if table.has_baseline else None
        self.delta = self.summa + 2 if table.has_baseline else None
        self.last_row = FIRST_ROW + len(table.rows) - 1
        self.total_row = self.last_row + 1

    def year_column(self, index: int) -> int:
        """The column of the index-th year."""
        return 2 + index


def _headers(table: BudgetTable, _: Gettext) -> list[str]:
    headers = [_("Budget (kr)"), *table.years, _("Summa")]
    if table.has_baseline:
        headers += [_("Tidigare budget"), _("Förändring")]
    return headers


def _year_cell(layout: Layout, row_number: int, row, index: int):
    """A party's cell adds up its staff lines on the Personal sheet; overhead is a rate of the party
    rows; other costs (and a party with no line, which cannot happen) are the engine's values."""
    year = layout.years[index]
    staff = layout.staff
    if row.kind == "party" and staff is not None and staff.last_row >= staff.first_row and year in staff.years:
        sheet, first, last = layout.staff_sheet, staff.first_row, staff.last_row
        cost = col(staff.cost_column(staff.years.index(year)))
        return (f"=SUMPRODUCT(EXACT({sheet}!$A${first}:$A${last},$A{row_number})"
                f"*{sheet}!{cost}${first}:{cost}${last})")
    if row.kind == "overhead" and layout.overhead_rate_row and layout.party_rows:
        column = col(layout.year_column(index))
        parties = "+".join(f"{column}{r}" for r in layout.party_rows)
        return f"=ROUND(ROUND($B${layout.overhead_rate_row}*({parties}),6),0)"
    return row.yearly[year]


def _write_row(ws: Worksheet, layout: Layout, row_number: int, row) -> None:
    """One summary row: label, yearly cells, Summa formula, baseline value, change formula."""
    put_text(ws, row_number, 1, row.label)
    for index, _year in enumerate(layout.years):
        put_number(ws, row_number, layout.year_column(index), _year_cell(layout, row_number, row, index))
    put_number(ws, row_number, layout.summa, row_sum(row_number, 2, layout.summa - 1))
    if layout.baseline and layout.delta:
        put_number(ws, row_number, layout.baseline, row.baseline_total or 0)
        change = f"={col(layout.summa)}{row_number}-{col(layout.baseline)}{row_number}"
        put_number(ws, row_number, layout.delta, change, KR_SIGNED)


def _write_total_row(ws: Worksheet, layout: Layout, _: Gettext) -> None:
    """Totalt: a column SUM under every year, Summa and Förändring."""
    row = layout.total_row
    put_text(ws, row, 1, _("Totalt"), BOLD)
    columns = list(range(2, layout.summa + 1))
    if layout.delta:
        columns.append(layout.delta)
    for column in columns:
        number_format = KR_SIGNED if column == layout.delta else KR
        put_number(ws, row, column, column_sum(column, FIRST_ROW, layout.last_row), number_format,
                   bold=True)


def _write_change_totals(ws: Worksheet, layout: Layout, table: BudgetTable, _: Gettext, first: int) -> int:
    """Tidigare budget totalt (value), Förändring totalt and Reviderad total (formulas)."""
    summa = col(layout.summa)
    assert layout.delta is not None, "only with a baseline"
    rows = [
        (_("Tidigare budget totalt"), table.baseline_total, KR),
        (_("Förändring totalt"), f"={col(layout.delta)}{layout.total_row}", KR_SIGNED),
        (_("Reviderad total"), f"={summa}{first}+{summa}{first + 1}", KR),
    ]
    for offset, (label, value, number_format) in enumerate(rows):
        put_text(ws, first + offset, 1, label, BOLD)
        put_number(ws, first + offset, layout.summa, value, number_format, bold=True)
    if table.carried_over:
        put_text(ws, first + 3, 1, _("Tidigare budget totalt omfattar även de rader som inte "
                                     "ändras; se bladet %(sheet)s.", sheet=_("Jämförelse")))
    return first + 5


def _write_decision(ws: Worksheet, layout: Layout, row: int, approved_total: int | None,
                    status_label: str, _: Gettext) -> None:
    """The review status and the approved amount, when the caller gives them."""
    if status_label:
        put_text(ws, row, 1, _("Status"), BOLD)
        put_text(ws, row, 2, status_label)
        row += 1
    if approved_total is not None:
        put_text(ws, row, 1, _("Beviljat belopp"), BOLD)
        put_number(ws, row, layout.summa, approved_total, bold=True)


def _set_widths(ws: Worksheet, layout: Layout, table: BudgetTable, headers: list[str],
                approved_total: int | None) -> None:
    widths = {1: text_width([headers[0], *(row.label for row in table.rows)], maximum=50)}
    for index, year in enumerate(layout.years):
        widths[layout.year_column(index)] = amount_width(year, table.yearly_totals.values())
    summa_amounts = [table.total, table.baseline_total, table.delta, table.revised_total,
                     approved_total or 0]
    widths[layout.summa] = amount_width(headers[layout.summa - 1], summa_amounts)
    if layout.baseline and layout.delta:
        widths[layout.baseline] = amount_width(headers[-2], [row.baseline_total or 0 for row in table.rows])
        widths[layout.delta] = amount_width(headers[-1], [table.delta])
    set_widths(ws, widths)


def write_budget_sheet(ws: Worksheet, application: Application, table: BudgetTable, _: Gettext,
                       approved_total: int | None = None, status_label: str = "",
                       staff: StaffLayout | None = None, staff_sheet: str = "") -> None:
    """Fill the Budget sheet: heading, summary rows, Totalt, change totals, review decision."""
    layout = Layout(table, staff, staff_sheet)
    headers = _headers(table, _)
    write_heading(ws, application, _)
    put_header(ws, HEADER_ROW, headers)
    next_row = layout.total_row + 2
    overhead = application.budget.overhead
    if overhead is not None:
        layout.overhead_rate_row = next_row
        put_text(ws, next_row, 1, _("Andel för %(label)s", label=overhead.label), BOLD)
        put_number(ws, next_row, 2, excel_number(overhead.rate), PERCENT)
        next_row += 2
    for row_number, row in enumerate(table.rows, FIRST_ROW):
        _write_row(ws, layout, row_number, row)
    _write_total_row(ws, layout, _)
    if table.has_baseline:
        next_row = _write_change_totals(ws, layout, table, _, next_row)
    _write_decision(ws, layout, next_row, approved_total, status_label, _)
    ws.freeze_panes = f"B{FIRST_ROW}"
    _set_widths(ws, layout, table, headers, approved_total)
    fit_to_page_width(ws)
