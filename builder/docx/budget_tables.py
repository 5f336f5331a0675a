"""The budget's tables: the summary (a column per year, Summa, the change) and the baseline.

A long period is split into several tables of as many years as fit the page width; the last
one carries Summa and the change column, so no table ever runs past the margin.
"""
from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from builder.budget import round_kr

from .base import TEXT_WIDTH_TWIPS
from .context import Context
from .tables import Column, TableRow

LABEL_MIN = 1800
DELTA_MAX = 2600
CELL_PADDING = 230  # twips: the cell margins and a little air
# Approximate advance widths in twips of Calibri 9.5 pt (digits are tabular).
DIGIT, SPACE, OTHER = 97, 45, 95


class Line(NamedTuple):
    """One table row before formatting: label, whole kronor by year, total, change text, kind."""

    label: str
    yearly: dict[str, int]
    total: int
    change: str = ""
    kind: str = "body"


def text_twips(text: str, bold: bool = False) -> int:
    """About how wide a cell's text is at the table's font size."""
    width = sum(DIGIT if c.isdigit() else SPACE if c.isspace() else OTHER for c in text)
    return int(width * (1.06 if bold else 1.0)) + CELL_PADDING


def column_width(texts: list[str], cap: int | None = None) -> int:
    """The widest of a column's texts (header and total rows are bold, so count them as bold)."""
    width = max(text_twips(text, bold=True) for text in texts)
    return min(width, cap) if cap else width


def delta_text(ctx: Context, delta: int | None) -> str:
    """"ökning med 1 135 680 kr", "minskning med 20 000 kr" or "oförändrad"."""
    delta = delta or 0
    if delta > 0:
        return ctx.gettext("ökning med %(amount)s", amount=ctx.kr(delta))
    if delta < 0:
        return ctx.gettext("minskning med %(amount)s", amount=ctx.kr(-delta))
    return ctx.gettext("oförändrad")


def rounded_cells(yearly: dict[str, Decimal]) -> dict[str, int]:
    """Whole-kronor cells, rounded by the engine's rule."""
    return {year: round_kr(Decimal(amount)) for year, amount in yearly.items()}


def year_chunks(years: tuple[str, ...], year_width: int, tail_width: int) -> list[tuple[str, ...]]:
    """The years split into groups that fit beside the label and the columns after the years."""
    per_table = max(1, (TEXT_WIDTH_TWIPS - LABEL_MIN - tail_width) // year_width)
    count = -(-len(years) // per_table)  # ceiling: as few tables as fit, then as even as possible
    size = -(-len(years) // count) if count else 0
    return [years[i:i + size] for i in range(0, len(years), size)] if years else [()]


def _table(ctx: Context, header: list[str], widths: list[int], rows: list[TableRow]) -> None:
    """A table whose first column takes the width the right-aligned columns leave."""
    columns = [Column(TEXT_WIDTH_TWIPS - sum(widths))] + [Column(w, "right") for w in widths]
    ctx.add_table(columns, header, rows)


def _write_chunked(ctx: Context, years: tuple[str, ...], with_delta: bool, lines: list[Line]) -> None:
    """One table (label, years, Summa, change), or, when the years do not fit the page width, a
    table per group of years with its own sum, then a table of the totals and the change."""
    gettext = ctx.gettext
    first = gettext("Budget (kr)")
    tail_header = [gettext("Summa")] + ([gettext("Förändring")] if with_delta else [])
    tails = [[ctx.number(line.total)] + ([line.change] if with_delta else []) for line in lines]
    tail_widths = [column_width([tail_header[i]] + [tail[i] for tail in tails], cap=DELTA_MAX)
                   for i in range(len(tail_header))]
    cells = [{year: ctx.number(line.yearly.get(year, 0)) for year in years} for line in lines]
    year_width = max([column_width([year] + [c[year] for c in cells]) for year in years] or [1])
    if len(year_chunks(years, year_width, sum(tail_widths))) == 1:
        rows = [TableRow((line.label, *(c[y] for y in years), *tail), line.kind)
                for line, c, tail in zip(lines, cells, tails, strict=False)]
        _table(ctx, [first, *years, *tail_header], [year_width] * len(years) + tail_widths, rows)
        return
    for chunk in year_chunks(years, year_width, tail_widths[0]):
        label = (gettext("Summa %(first)s–%(last)s", first=chunk[0], last=chunk[-1]) if len(chunk) > 1
                 else gettext("Summa %(year)s", year=chunk[0]))
        sums = [ctx.number(sum(line.yearly.get(y, 0) for y in chunk)) for line in lines]
        rows = [TableRow((line.label, *(c[y] for y in chunk), subtotal), line.kind)
                for line, c, subtotal in zip(lines, cells, sums, strict=False)]
        _table(ctx, [first, *chunk, label], [year_width] * len(chunk) + [column_width([label] + sums)], rows)
    rows = [TableRow((line.label, *tail), line.kind) for line, tail in zip(lines, tails, strict=False)]
    _table(ctx, [first, *tail_header], tail_widths, rows)


def write_summary_tables(ctx: Context) -> None:
    """A row per party and cost, a column per year, Summa, a Totalt row; the change with a baseline."""
    table = ctx.table
    with_delta = table.has_baseline
    lines = [Line(row.label, row.yearly, row.total, delta_text(ctx, row.delta) if with_delta else "")
             for row in table.rows]
    lines.append(Line(ctx.gettext("Totalt"), table.yearly_totals, table.total,
                      delta_text(ctx, table.delta) if with_delta else "", "total"))
    _write_chunked(ctx, table.years, with_delta, lines)


def write_baseline_table(ctx: Context) -> None:
    """The earlier approved budget: its rows by year, Summa and Totalt."""
    lines: list[Line] = []
    per_year: dict[str, int] = {}
    for row in ctx.table.baseline_rows:
        cells = rounded_cells(row.yearly)
        for year, amount in cells.items():
            per_year[year] = per_year.get(year, 0) + amount
        lines.append(Line(row.label, cells, sum(cells.values())))
    years = tuple(sorted(per_year))
    lines.append(Line(ctx.gettext("Totalt"), per_year, ctx.table.baseline_total, kind="total"))
    _write_chunked(ctx, years, False, lines)


def signed(ctx: Context, amount: int) -> str:
    """"+1 135 680", "-20 000", "0"."""
    return ("+" if amount > 0 else "") + ctx.number(amount)


def write_reconciliation_table(ctx: Context) -> None:
    """Per row the original approved budget, the new budget and the change, the rows carried over
    unchanged as rows of their own, and the revised total: a reader can add up every column."""
    _ = ctx.gettext
    table = ctx.table
    rows = [TableRow((row.label, ctx.number(row.baseline_total or 0), ctx.number(row.total),
                      signed(ctx, row.delta or 0))) for row in table.rows]
    rows += [TableRow((_("%(label)s (oförändrad)", label=row.label), ctx.number(row.total), ctx.number(row.total),
                       "0")) for row in table.carried_over]
    rows.append(TableRow((_("Reviderad total"), ctx.number(table.baseline_total), ctx.number(table.revised_total),
                          signed(ctx, table.delta)), "total"))
    header = [_("Post (kr)"), _("Ursprunglig budget"), _("Ny budget"), _("Förändring")]
    widths = [column_width([header[i]] + [row.cells[i] for row in rows]) for i in (1, 2, 3)]
    _table(ctx, header, widths, rows)
