"""A parsed budget table as the budget engine's Baseline (the earlier approved budget)."""
from __future__ import annotations

from builder.budget.model import Baseline, BaselineRow

from .budget_table import ParsedTable, clean_label
from .findings import CELL, Finding


def table_to_baseline(table: ParsedTable, label: str = "",
                      findings: tuple[Finding, ...] | list[Finding] = ()) -> Baseline:
    """The table's item rows, year by year; a "cell" finding's expected value replaces the stated one.

    Totals, "varav" rows and notes are left out (the engine adds its own totals). Pass the
    table's findings to take the corrected cell where both sums agree on it, or none to keep
    the figures exactly as written.
    """
    fixes = {(f.row_index, f.column): f.expected for f in findings
             if f.kind == CELL and f.table == table.index}
    rows = []
    for index, row in enumerate(table.rows):
        if row.role != "item" or not row.label:
            continue
        yearly = {year: fixes.get((index, year), value) for year, value in row.cells.items()
                  if value is not None}
        rows.append(BaselineRow(clean_label(row.label), yearly))
    return Baseline(label, tuple(rows))

