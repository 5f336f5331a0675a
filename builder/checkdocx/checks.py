"""Sum checks of one budget table: rows, columns, the grand total both ways.

When a row sum and a column sum disagree by the same amount at the one cell they share,
the two findings become one: that cell, with the value both sums imply.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .budget_table import TOTAL, ParsedRow, ParsedTable
from .findings import CELL, COLUMN_SUM, GRAND_TOTAL_BY_ROWS, GRAND_TOTAL_BY_YEARS, ROW_SUM, Finding

_GRAND_LABEL = re.compile(r"^(?:totalt?|totalsumma|summa\s+totalt|total\s+kostnad)\b", re.IGNORECASE)
Cell = tuple[int, str]  # (row index, column key)


@dataclass(frozen=True)
class _SumCheck:
    """A failed sum, and the value each cell in it would need for the sum to hold."""

    finding: Finding
    axis: str  # "row" or "column"
    corrections: dict[Cell, Decimal]


def sum_findings(table: ParsedTable) -> list[Finding]:
    """Row sums, column sums and both grand totals of one table, cell errors merged."""
    rows = [c for i, row in enumerate(table.rows) if (c := _row_check(table, i, row))]
    columns = [c for i, row in enumerate(table.rows) if row.role == "total"
               for key in _column_keys(table) if (c := _column_check(table, i, key))]
    return _merge_cells(table, rows, columns)


def _column_keys(table: ParsedTable) -> list[str]:
    return [*table.years, TOTAL] if table.sum_column else list(table.years)


def column_name(table: ParsedTable, key: str) -> str:
    """A column key as people read it: the year, or the sum column's header."""
    return (table.sum_column or "Summa") if key == TOTAL else key


def cell_value(row: ParsedRow, key: str) -> Decimal | None:
    """The amount in a row's year cell or sum cell."""
    return row.total if key == TOTAL else row.cells.get(key)


def _row_check(table: ParsedTable, index: int, row: ParsedRow) -> _SumCheck | None:
    addends = {year: v for year, v in row.cells.items() if v is not None}
    if row.total is None or not addends or row.unreadable:
        return None
    expected = sum(addends.values(), Decimal(0))
    kind = GRAND_TOTAL_BY_YEARS if row.role == "total" else ROW_SUM
    return _failed(table, kind, "row", index, TOTAL, row.total, expected,
                   {(index, year): value for year, value in addends.items()})


def _column_check(table: ParsedTable, index: int, key: str) -> _SumCheck | None:
    stated = cell_value(table.rows[index], key)
    if stated is None:
        return None
    found = [_column_values(table, members, key) for members in _addend_candidates(table, index)]
    sums = [values for values in found if values is not None]
    if len(sums) < len(found) or not any(sums):
        return None
    if any(sum(v.values(), Decimal(0)) == stated for v in sums):
        return None
    chosen = sums[0] if _GRAND_LABEL.match(table.rows[index].label) else sums[-1]
    kind = GRAND_TOTAL_BY_ROWS if key == TOTAL else COLUMN_SUM
    return _failed(table, kind, "column", index, key, stated, sum(chosen.values(), Decimal(0)),
                   {(i, key): value for i, value in chosen.items()})


def _addend_candidates(table: ParsedTable, index: int) -> list[list[int]]:
    """Rows a total may add: every item row above it, or only those since the previous total."""
    above = [i for i in range(index) if table.rows[i].role == "item"]
    totals = [i for i in range(index) if table.rows[i].role == "total"]
    if not totals:
        return [above]
    section = [i for i in above if i > totals[-1]]
    return [above, totals + section, section]


def _column_values(table: ParsedTable, members: list[int], key: str) -> dict[int, Decimal] | None:
    """The members' amounts in one column (empty cells left out); None if one is unreadable."""
    values = {}
    for i in members:
        row = table.rows[i]
        if key in row.unreadable:
            return None
        value = cell_value(row, key)
        if value is not None:
            values[i] = value
    return values


def _failed(table: ParsedTable, kind: str, axis: str, index: int, key: str, stated: Decimal,
            expected: Decimal, addends: dict[Cell, Decimal]) -> _SumCheck | None:
    """The check as a finding, or None when the sum holds."""
    if stated == expected:
        return None
    difference = stated - expected
    corrections = {cell: value + difference for cell, value in addends.items()}
    corrections[(index, key)] = expected
    row = table.rows[index]
    finding = Finding(kind, table.index, row.label, column_name(table, key), stated, expected, index)
    return _SumCheck(finding, axis, corrections)


def _merge_cells(table: ParsedTable, rows: list[_SumCheck], columns: list[_SumCheck]) -> list[Finding]:
    """Pairs of a row and a column check that agree on one shared cell become one cell finding."""
    pairs = [(r, c, cell) for r in rows for c in columns
             for cell in r.corrections.keys() & c.corrections.keys()
             if r.corrections[cell] == c.corrections[cell]]
    unique = [(r, c, cell) for r, c, cell in pairs
              if sum(p[0] is r for p in pairs) == 1 and sum(p[1] is c for p in pairs) == 1]
    merged = {id(check) for r, c, _ in unique for check in (r, c)}
    findings = [_cell_finding(table, cell, r.corrections[cell]) for r, _, cell in unique]
    findings += [check.finding for check in rows + columns if id(check) not in merged]
    return sorted(findings, key=lambda f: (f.row_index, f.kind != CELL))


def _cell_finding(table: ParsedTable, cell: Cell, expected: Decimal) -> Finding:
    index, key = cell
    row = table.rows[index]
    stated = cell_value(row, key)
    assert stated is not None, "only a cell with a figure is corrected"
    return Finding(CELL, table.index, row.label, column_name(table, key), stated, expected, index)
