"""Sum checks of one budget table: rows, columns, the grand total both ways.

When a row sum and a column sum disagree by the same amount at the one cell they share,
the two findings become one: that cell, with the value both sums imply.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from .budget_table import TOTAL, ParsedRow, ParsedTable
from .findings import CELL, COLUMN_SUM, GRAND_TOTAL_BY_ROWS, GRAND_TOTAL_BY_YEARS, ROW_SUM, Finding

_GRAND_LABEL = re.compile(r"^(?:totalt?|totalsumma|summa\s+totalt|total\s+kostnad)\b", re.IGNORECASE)
Cell = tuple[int, str]  # (row index, column key)


# A table with more failed column sums than this is reported without merging row and column
# findings into cell findings (the merge looks at every member of every failed sum).
MAX_MERGED_COLUMN_CHECKS = 50


@dataclass(frozen=True)
class _SumCheck:
    """A failed sum: its finding, its addends (cell → value) and the cell holding the sum.

    The addends of a column sum are kept as slices of running lists (made in one pass over
    the table) and turned into cells only when the findings are merged.
    """

    finding: Finding
    axis: str  # "row" or "column"
    addends: tuple  # ((cell, value), …) or, for a column, ((list, length), …) of ((row, value)) pairs
    total_cell: Cell

    def corrections(self) -> dict[Cell, Decimal]:
        """The value each cell in the sum would need for the sum to hold."""
        difference = self.finding.difference
        pairs: list[tuple[Cell, Decimal]]
        if self.axis == "row":
            pairs = list(self.addends)
        else:
            key = self.total_cell[1]
            pairs = [((i, key), value) for members, length in self.addends for i, value in members[:length]]
        corrections = {cell: value + difference for cell, value in pairs}
        corrections[self.total_cell] = self.finding.expected
        return corrections


@dataclass
class _Running:
    """A running sum of one column over some rows: total, members with a value, any unreadable."""

    total: Decimal = Decimal(0)
    members: list = field(default_factory=list)
    unreadable: bool = False

    def add(self, index: int, row: ParsedRow, key: str) -> None:
        if key in row.unreadable:
            self.unreadable = True
        value = cell_value(row, key)
        if value is not None:
            self.total += value
            self.members.append((index, value))


def sum_findings(table: ParsedTable) -> list[Finding]:
    """Row sums, column sums and both grand totals of one table, cell errors merged."""
    rows = [c for i, row in enumerate(table.rows) if (c := _row_check(table, i, row))]
    return _merge_cells(table, rows, _column_checks(table))


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
                   tuple(((index, year), value) for year, value in addends.items()))


def _column_checks(table: ParsedTable) -> list[_SumCheck]:
    """Each total row's cells against the rows it may add, in one pass over the table.

    A total may add every item row above it, or (after an earlier total) the earlier totals and
    the items since, or only the items since the last total; it holds if any of these adds up.
    """
    keys = _column_keys(table)
    above = {key: _Running() for key in keys}
    section = {key: _Running() for key in keys}
    totals = {key: _Running() for key in keys}
    seen_total = False
    checks = []
    for index, row in enumerate(table.rows):
        if row.role == "item":
            for key in keys:
                above[key].add(index, row, key)
                section[key].add(index, row, key)
        elif row.role == "total":
            for key in keys:
                candidates = [[above[key]]]
                if seen_total:
                    candidates += [[totals[key], section[key]], [section[key]]]
                check = _column_check(table, index, key, candidates)
                if check is not None:
                    checks.append(check)
            for key in keys:
                totals[key].add(index, row, key)
            section = {key: _Running() for key in keys}
            seen_total = True
    return checks


def _column_check(table: ParsedTable, index: int, key: str, candidates: list[list[_Running]]) -> _SumCheck | None:
    stated = cell_value(table.rows[index], key)
    if stated is None:
        return None
    if any(part.unreadable for parts in candidates for part in parts):
        return None
    if not any(part.members for parts in candidates for part in parts):
        return None
    sums = [sum((part.total for part in parts), Decimal(0)) for parts in candidates]
    if stated in sums:
        return None
    chosen = 0 if _GRAND_LABEL.match(table.rows[index].label) else -1
    kind = GRAND_TOTAL_BY_ROWS if key == TOTAL else COLUMN_SUM
    addends = tuple((part.members, len(part.members)) for part in candidates[chosen])
    return _failed(table, kind, "column", index, key, stated, sums[chosen], addends)


def _failed(table: ParsedTable, kind: str, axis: str, index: int, key: str, stated: Decimal,
            expected: Decimal, addends: tuple) -> _SumCheck | None:
    """The check as a finding, or None when the sum holds."""
    if stated == expected:
        return None
    row = table.rows[index]
    finding = Finding(kind, table.index, row.label, column_name(table, key), stated, expected, index,
                      unit=table.unit)
    return _SumCheck(finding, axis, addends, (index, key))


def _merge_cells(table: ParsedTable, rows: list[_SumCheck], columns: list[_SumCheck]) -> list[Finding]:
    """Pairs of a row and a column check that agree on one shared cell become one cell finding.

    The column checks' corrections are indexed by cell, so each row check looks up its few cells.
    """
    findings = [check.finding for check in rows + columns]
    if not rows or not columns or len(columns) > MAX_MERGED_COLUMN_CHECKS:
        return sorted(findings, key=lambda f: (f.row_index, f.kind != CELL))
    by_cell: dict[Cell, list[tuple[_SumCheck, Decimal]]] = {}
    for column in columns:
        for cell, value in column.corrections().items():
            by_cell.setdefault(cell, []).append((column, value))
    pairs = [(r, c, cell) for r in rows for cell, value in r.corrections().items()
             for c, other in by_cell.get(cell, ()) if other == value]
    row_pairs = Counter(id(r) for r, _, _ in pairs)
    column_pairs = Counter(id(c) for _, c, _ in pairs)
    unique = [(r, c, cell) for r, c, cell in pairs if row_pairs[id(r)] == 1 and column_pairs[id(c)] == 1]
    merged = {id(check) for r, c, _ in unique for check in (r, c)}
    findings = [_cell_finding(table, cell, r.corrections()[cell]) for r, _, cell in unique]
    findings += [check.finding for check in rows + columns if id(check) not in merged]
    return sorted(findings, key=lambda f: (f.row_index, f.kind != CELL))


def _cell_finding(table: ParsedTable, cell: Cell, expected: Decimal) -> Finding:
    index, key = cell
    row = table.rows[index]
    stated = cell_value(row, key)  # a cell in a failed sum holds an amount
    return Finding(CELL, table.index, row.label, column_name(table, key), Decimal(0) if stated is None else stated,
                   expected, index, unit=table.unit)
