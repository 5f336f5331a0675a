"""Stated changes against an earlier budget table in the same document.

"4 260 480 (ökning med 1 135 680 kr)" is this row's total minus the same row's total in the
earlier table; "innebär en höjning av processbudget med 1 601 327 kr" is the sum of the rows'
changes (a row new to this table counts in full) or the change of the grand total.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .budget_table import TOTAL, ParsedRow, ParsedTable
from .findings import BUDGET_CHANGE, DELTA, Finding
from .narrative import prepare
from .numbers import NUMBER_TEXT, parse_number
from .sums import cell_value, column_name

_CHANGE = re.compile(
    r"\b(?P<dir>ök\w*|höj\w*|minsk\w*|sänk\w*)\b(?P<middle>[^.\d]{0,80}?)\bmed\s+(?P<amount>"
    + NUMBER_TEXT + r")\s*(?:kr\b|kronor\b)(?!\s*(?:/|per\b|i\s+månaden))", re.IGNORECASE)
# The change must be said of the budget or the total: "processbudgeten ökar med", "en höjning
# av budgeten med", "den totala kostnaden minskar med", not "lokalkostnaden ökar med".
_BUDGET_WORD = re.compile(r"budget|total", re.IGNORECASE)
SENTENCES_AFTER = 5
SENTENCES_BEFORE = 3


def delta_findings(table: ParsedTable, earlier: list[ParsedTable]) -> list[Finding]:
    """Each row's stated change against the same row (by label) in the nearest earlier table."""
    findings = []
    for index, row in enumerate(table.rows):
        if row.delta is None or row.delta_column is None:
            continue
        before = _earlier_row(row.key, earlier)
        if before is None:
            continue
        new, old = cell_value(row, row.delta_column), _amount(before, row.delta_column)
        if new is None or old is None or row.delta == new - old:
            continue
        findings.append(Finding(DELTA, table.index, row.label, column_name(table, row.delta_column),
                                row.delta, new - old, index))
    return findings


def change_column_findings(table: ParsedTable, earlier: list[ParsedTable]) -> list[Finding]:
    """An explicit "Förändring" column, against the arithmetic it can mean.

    A row's change is its total minus the same row's total in the nearest earlier table (a row
    new to this table counts in full); a total row's may also be the sum of the rows' changes;
    in a table of two years and no sum column it may be the second year minus the first.
    """
    if table.change_column is None:
        return []
    two_years = len(table.years) == 2 and table.sum_column is None
    findings = []
    for index, row in enumerate(table.rows):
        if row.change is None or row.unreadable:
            continue
        accepted = _total_changes(table, index, earlier)
        basis = None if accepted else "years"
        if two_years:
            first, second = (row.cells.get(year) for year in table.years)
            if first is not None or second is not None:
                accepted.append((second or Decimal(0)) - (first or Decimal(0)))
        if accepted and row.change not in accepted:
            findings.append(Finding(DELTA, table.index, row.label, table.change_column, row.change, accepted[0],
                                    index, unit=table.unit, basis=basis))
    return findings


def _total_changes(table: ParsedTable, index: int, earlier: list[ParsedTable]) -> list[Decimal]:
    """A row's change against the earlier tables: its total minus theirs (0 for a new row)."""
    row = table.rows[index]
    new = _amount(row, TOTAL)
    if not earlier or new is None:
        return []
    before = _earlier_row(row.key, earlier)
    old = Decimal(0) if before is None and row.role == "item" else _amount(before, TOTAL) if before else None
    accepted = [new - old] if old is not None else []
    if row.role == "total":  # the rows' changes added up (a new row in full), as the sentence check does
        accepted += _change_candidates(replace(table, rows=table.rows[:index]), earlier[-1])[:1]
    return accepted


def _earlier_row(key: str, earlier: list[ParsedTable]) -> ParsedRow | None:
    for table in reversed(earlier):
        row = table.row_by_key(key)
        if row is not None:
            return row
    return None


def _amount(row: ParsedRow, key: str) -> Decimal | None:
    """A row's amount in a column; its total is the stated one, else the sum of its cells."""
    if key != TOTAL:
        return row.cells.get(key)
    if row.total is not None:
        return row.total
    values = [v for v in row.cells.values() if v is not None]
    return sum(values, Decimal(0)) if values and not row.unreadable else None


def change_findings(table: ParsedTable, earlier: list[ParsedTable]) -> list[Finding]:
    """"Höjning av budgeten med N kr" against the sum of row changes or the grand-total change."""
    if not earlier:
        return []
    accepted = _change_candidates(table, earlier[-1])
    if not accepted:
        return []
    findings = []
    for text in [*table.before[-SENTENCES_BEFORE:], *table.after[:SENTENCES_AFTER]]:
        text = prepare(text)
        for match in _CHANGE.finditer(text):
            sentence_start = text.rfind(". ", 0, match.start()) + 1
            if not _BUDGET_WORD.search(text, sentence_start, match.start("amount")):
                continue
            stated = parse_number(match.group("amount"))
            if stated is None:
                continue
            if match.group("dir").lower().startswith(("minsk", "sänk")):
                stated = -stated
            if stated not in accepted:
                findings.append(Finding(BUDGET_CHANGE, table.index, None, None, stated, accepted[0],
                                        None, _sentence(text, match)))
    return findings


def _change_candidates(table: ParsedTable, before: ParsedTable) -> list[Decimal]:
    """The sum of the rows' changes (a new row in full), then the change of the grand total."""
    rows = [row for row in table.rows if row.role == "item"]
    found = [_amount(row, TOTAL) for row in rows]
    totals = [total for total in found if total is not None]
    if not rows or len(totals) < len(found):
        return []
    previous = [before.row_by_key(row.key) for row in rows]
    found = [_amount(p, TOTAL) if p is not None else Decimal(0) for p in previous]
    olds = [old for old in found if old is not None]
    if len(olds) < len(found):
        return []
    candidates = [sum(totals, Decimal(0)) - sum(olds, Decimal(0))]
    new_grand, old_grand = _grand_total(table), _grand_total(before)
    if new_grand is not None and old_grand is not None:
        candidates.append(new_grand - old_grand)
    return candidates


def _grand_total(table: ParsedTable) -> Decimal | None:
    totals = [row for row in table.rows if row.role == "total" and row.total is not None]
    return totals[-1].total if totals else None


def _sentence(text: str, match: re.Match) -> str:
    """The sentence around a match (from the last full stop before it to the next one)."""
    start = text.rfind(". ", 0, match.start()) + 1
    end = text.find(". ", match.end())
    return text[start:end + 1 if end >= 0 else len(text)].strip()
