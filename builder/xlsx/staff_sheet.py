"""Sheet "Personal": each staff line's inputs, its monthly costs and the engine's cells by year.

The inputs are what the engine computed from (FTE, salary, social-fee rate, dates, annual
raise); the monthly costs are at the start salary, as the application's narrative prints
them. Each year's cell is the engine's rounded amount as a value; Summa and Totalt are
formulas, so the sheet can be checked against the Budget sheet's party rows.
"""
from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from builder.appformat import Application
from builder.budget import BudgetTable, LineDetail

from .cells import (
    BOLD,
    DATE,
    FIRST_ROW,
    FTE,
    HEADER_ROW,
    PERCENT,
    Gettext,
    amount_width,
    column_sum,
    excel_number,
    fit_to_page_width,
    money_format,
    put_header,
    put_number,
    put_text,
    row_sum,
    set_widths,
    text_width,
    write_heading,
)

INPUT_COLUMNS = 11  # party … monthly cost of the line; the years start after them


def _headers(table: BudgetTable, _: Gettext) -> list[str]:
    return [
        _("Part"), _("Roll"), _("Tjänstgöringsgrad"), _("Månadslön"), _("Sociala avgifter"),
        _("Start"), _("Slut"), _("Årlig löneökning"), _("Löneökning från månad"),
        _("Månadskostnad heltid"), _("Månadskostnad"), *table.years, _("Summa"),
    ]


def _input_cells(detail: LineDetail) -> list[tuple[object, str | None]]:
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
        (excel_number(detail.monthly_cost_full_time), money_format(detail.monthly_cost_full_time)),
        (excel_number(detail.monthly_cost), money_format(detail.monthly_cost)),
    ]


def _write_line(ws: Worksheet, row: int, detail: LineDetail, years: tuple[str, ...]) -> None:
    """One staff line: inputs, a cell per year (0 outside its dates), a Summa formula."""
    for column, (value, number_format) in enumerate(_input_cells(detail), 1):
        if number_format is None:
            put_text(ws, row, column, str(value))
        elif value is not None:
            put_number(ws, row, column, value, number_format)
    for index, year in enumerate(years):
        put_number(ws, row, INPUT_COLUMNS + 1 + index, detail.cells.get(year, 0))
    summa = INPUT_COLUMNS + 1 + len(years)
    put_number(ws, row, summa, row_sum(row, INPUT_COLUMNS + 1, summa - 1))


def _write_total_row(ws: Worksheet, row: int, years: tuple[str, ...], _: Gettext) -> None:
    """Totalt: a column SUM under every year and under Summa."""
    put_text(ws, row, 1, _("Totalt"), BOLD)
    for column in range(INPUT_COLUMNS + 1, INPUT_COLUMNS + len(years) + 2):
        put_number(ws, row, column, column_sum(column, FIRST_ROW, row - 1), bold=True)


def _set_widths(ws: Worksheet, table: BudgetTable, headers: list[str]) -> None:
    lines = [detail.line for detail in table.lines]
    widths = {1: text_width([headers[0], *(line.party for line in lines)], maximum=40),
              2: text_width([headers[1], *(line.role for line in lines)], maximum=50)}
    for column in range(3, INPUT_COLUMNS + 1):
        widths[column] = text_width([headers[column - 1]], maximum=24)
    line_totals = [detail.total for detail in table.lines]
    for column in range(INPUT_COLUMNS + 1, len(headers) + 1):
        widths[column] = amount_width(headers[column - 1], [sum(line_totals)])
    set_widths(ws, widths)


def write_staff_sheet(ws: Worksheet, application: Application, table: BudgetTable,
                      _: Gettext) -> None:
    """Fill the Personal sheet: heading, a row per staff line, Totalt."""
    headers = _headers(table, _)
    write_heading(ws, application, _)
    put_header(ws, HEADER_ROW, headers, text_columns=(1, 2))
    for row, detail in enumerate(table.lines, FIRST_ROW):
        _write_line(ws, row, detail, table.years)
    _write_total_row(ws, FIRST_ROW + len(table.lines), table.years, _)
    ws.freeze_panes = f"C{FIRST_ROW}"
    _set_widths(ws, table, headers)
    fit_to_page_width(ws)
