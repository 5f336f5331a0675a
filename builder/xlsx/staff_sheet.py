"""Sheet "Personal": each staff line's inputs as cells, and per year the months counted and the cost
as a formula of those cells, so that changing a salary, an FTE or a rate recalculates every sum.

Columns: party, role, FTE, monthly salary, social-fee rate, start, end, annual raise and its month
(the inputs), the monthly cost for a full-time post and for the line (formulas), then per year the
months counted (the engine's, with the half-month or day rule applied; a day-rule share is written
as a fraction such as `=4+18/31`), the months after that year's raise when any line has a raise, and
the year's cost `=ROUND(ROUND(salary × (1 + fees) × FTE × (months × (1 + raise)^k + …), 6), 0)`.
The inner ROUND to six decimals takes away binary floating-point noise (x.4999999999 where the
exact value is x.5), so the outer ROUND rounds half-up exactly as the engine does. Summa and Totalt
are sums; the Budget sheet's party rows add up these cells.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from builder.appformat import Application
from builder.budget import BudgetTable, LineDetail, LineYear

from .cells import (
    BOLD,
    DATE,
    FIRST_ROW,
    FTE,
    HEADER_ROW,
    KR,
    KR_DECIMALS,
    PERCENT,
    Gettext,
    amount_width,
    col,
    column_sum,
    excel_number,
    fit_to_page_width,
    money_format,
    put_header,
    put_number,
    put_text,
    set_widths,
    text_width,
    write_heading,
)

INPUT_COLUMNS = 11  # party … monthly cost of the line; the years start after them
MONTHS = "0.0###"
C_FTE, C_SALARY, C_FEES, C_RAISE = "C", "D", "E", "H"


@dataclass(frozen=True)
class StaffLayout:
    """Where the Personal sheet keeps each year's months and cost, and its rows."""

    years: tuple[str, ...]
    with_raise: bool
    first_row: int
    last_row: int

    @property
    def per_year(self) -> int:
        return 3 if self.with_raise else 2

    def months_column(self, index: int) -> int:
        return INPUT_COLUMNS + 1 + index * self.per_year

    def raised_column(self, index: int) -> int:
        return self.months_column(index) + 1

    def cost_column(self, index: int) -> int:
        return self.months_column(index) + self.per_year - 1

    @property
    def summa(self) -> int:
        return INPUT_COLUMNS + 1 + len(self.years) * self.per_year

    @property
    def total_row(self) -> int:
        return self.last_row + 1


def staff_layout(table: BudgetTable) -> StaffLayout:
    with_raise = any(detail.line.annual_raise is not None for detail in table.lines)
    return StaffLayout(table.years, with_raise, FIRST_ROW, FIRST_ROW + len(table.lines) - 1)


def _headers(layout: StaffLayout, _: Gettext) -> list[str]:
    headers = [
        _("Part"), _("Roll"), _("Tjänstgöringsgrad"), _("Månadslön"), _("Sociala avgifter"),
        _("Start"), _("Slut"), _("Årlig löneökning"), _("Löneökning från månad"),
        _("Månadskostnad heltid"), _("Månadskostnad"),
    ]
    for year in layout.years:
        headers.append(_("Månader %(year)s", year=year))
        if layout.with_raise:
            headers.append(_("Månader efter höjning %(year)s", year=year))
        headers.append(year)
    return [*headers, _("Summa")]


def months_value(months: Fraction):
    """Months as a number, or a formula `=4+18/31` for a day-rule share that no float holds exactly."""
    if months.denominator == 1:
        return months.numerator
    if months.denominator == 2:
        return months.numerator / 2
    whole, rest = divmod(months.numerator, months.denominator)
    return f"={whole}+{rest}/{months.denominator}"


def _year_months(year: LineYear | None) -> tuple[int, Fraction, Fraction]:
    """(k, months at k raises, months at k + 1 raises) for one line-year."""
    if year is None or not year.parts:
        return 0, Fraction(0), Fraction(0)
    k = min(part.steps for part in year.parts)
    before = sum((p.months for p in year.parts if p.steps == k), Fraction(0))
    after = sum((p.months for p in year.parts if p.steps == k + 1), Fraction(0))
    return k, before, after


def cost_formula(row: int, months_cell: str, raised_cell: str | None, k: int) -> str:
    """=ROUND(ROUND(salary × (1 + fees) × FTE × months (× raises), 6), 0): half-up like the engine."""
    monthly = f"${C_SALARY}{row}*(1+${C_FEES}{row})*${C_FTE}{row}"
    if raised_cell is None:
        months = months_cell
    else:
        factor = f"(1+${C_RAISE}{row})"
        months = f"({months_cell}*{factor}^{k}+{raised_cell}*{factor}^{k + 1})"
    return f"=ROUND(ROUND({monthly}*{months},6),0)"


def _input_cells(detail: LineDetail, row: int) -> list[tuple[object, str | None]]:
    """(value, number format) for the input columns of one line; None format means text."""
    line = detail.line
    raise_rate = line.annual_raise.rate if line.annual_raise else None
    raise_month = line.annual_raise.month if line.annual_raise else None
    return [
        (line.party, None),
        (line.role, None),
        (excel_number(line.fte), FTE),
        (excel_number(line.monthly_salary), money_format(line.monthly_salary)),
        (excel_number(detail.social_fee_rate), PERCENT),
        (line.start, DATE),
        (line.end, DATE),
        (None if raise_rate is None else excel_number(raise_rate), PERCENT),
        (raise_month, "0"),
        (f"={C_SALARY}{row}*(1+{C_FEES}{row})", KR_DECIMALS),
        (f"=J{row}*{C_FTE}{row}", KR_DECIMALS),
    ]


def _write_line(ws: Worksheet, row: int, detail: LineDetail, layout: StaffLayout) -> None:
    """One staff line: inputs, per year months and a cost formula, a Summa formula."""
    for column, (value, number_format) in enumerate(_input_cells(detail, row), 1):
        if number_format is None:
            put_text(ws, row, column, str(value))
        elif value is not None:
            put_number(ws, row, column, value, number_format)
    years = {year.year: year for year in detail.years}
    costs = []
    for index, year in enumerate(layout.years):
        k, before, after = _year_months(years.get(year))
        months_cell = f"{col(layout.months_column(index))}{row}"
        put_number(ws, row, layout.months_column(index), months_value(before), MONTHS)
        raised_cell = None
        if layout.with_raise:
            put_number(ws, row, layout.raised_column(index), months_value(after), MONTHS)
            if detail.line.annual_raise is not None:
                raised_cell = f"{col(layout.raised_column(index))}{row}"
        cost = f"{col(layout.cost_column(index))}{row}"
        put_number(ws, row, layout.cost_column(index), cost_formula(row, months_cell, raised_cell, k))
        costs.append(cost)
    put_number(ws, row, layout.summa, f"=SUM({','.join(costs)})" if costs else 0)


def _write_total_row(ws: Worksheet, layout: StaffLayout, _: Gettext) -> None:
    """Totalt: a column SUM under every year's cost and under Summa."""
    row = layout.total_row
    put_text(ws, row, 1, _("Totalt"), BOLD)
    columns = [layout.cost_column(i) for i in range(len(layout.years))] + [layout.summa]
    for column in columns:
        put_number(ws, row, column, column_sum(column, layout.first_row, layout.last_row), KR, bold=True)


def _set_widths(ws: Worksheet, table: BudgetTable, headers: list[str], layout: StaffLayout) -> None:
    """Text columns fit their text; the input and months columns are narrow with a wrapped header."""
    lines = [detail.line for detail in table.lines]
    widths = {1: text_width([headers[0], *(line.party for line in lines)], maximum=40),
              2: text_width([headers[1], *(line.role for line in lines)], maximum=50)}
    for column in range(3, INPUT_COLUMNS + 1):
        widths[column] = 12 if column < 10 else 14
    line_totals = [detail.total for detail in table.lines]
    costs = {layout.cost_column(i) for i in range(len(layout.years))} | {layout.summa}
    for column in range(INPUT_COLUMNS + 1, len(headers) + 1):
        widths[column] = amount_width("", [sum(line_totals)], minimum=11) if column in costs else 10
    set_widths(ws, widths)
    ws.row_dimensions[HEADER_ROW].height = 45  # three lines of a wrapped header
    for cell in ws[HEADER_ROW]:
        cell.alignment = Alignment(wrap_text=True, vertical="bottom",
                                   horizontal=None if (cell.column or 0) <= 2 else "right")


def write_staff_sheet(ws: Worksheet, application: Application, table: BudgetTable,
                      _: Gettext) -> StaffLayout:
    """Fill the Personal sheet: heading, a row per staff line, Totalt; returns where the costs are."""
    layout = staff_layout(table)
    headers = _headers(layout, _)
    write_heading(ws, application, _)
    put_header(ws, HEADER_ROW, headers, text_columns=(1, 2))
    for row, detail in enumerate(table.lines, FIRST_ROW):
        _write_line(ws, row, detail, layout)
    _write_total_row(ws, layout, _)
    ws.freeze_panes = f"C{FIRST_ROW}"
    _set_widths(ws, table, headers, layout)
    fit_to_page_width(ws)
    return layout
