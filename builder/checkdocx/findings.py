"""One finding: where in which table, what is stated, what the arithmetic gives."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# Kinds, in the order a report lists them.
CELL = "cell"  # a cell that disagrees with both its row sum and its column sum by the same amount
ROW_SUM = "row_sum"  # a row's sum cell ≠ the sum of its year cells
COLUMN_SUM = "column_sum"  # a total row's year cell ≠ the sum of the rows above it
GRAND_TOTAL_BY_YEARS = "grand_total_by_years"  # the grand total ≠ the sum of the yearly totals
GRAND_TOTAL_BY_ROWS = "grand_total_by_rows"  # the grand total ≠ the sum of the row totals
DELTA = "delta"  # "(ökning med N kr)" ≠ this total − the same row's total in an earlier table
BUDGET_CHANGE = "budget_change"  # "höjning av budgeten med N kr" ≠ the sum of the changes
SOCIAL_FEES = "social_fees"  # salary × social fees ≠ the stated monthly cost
FTE_SHARE = "fte_share"  # FTE × full-time cost ≠ the stated part-time cost
YEARLY = "yearly"  # monthly cost × 12 ≠ the stated yearly cost
ARITHMETIC = "arithmetic"  # "a × b = c" written out, and c is not a × b
PERIOD = "period"  # a year's cell ≠ monthly cost × the months of the stated period in that year
MONTHS = "months"  # "2017: 4,5 månader x …" ≠ the months the stated dates give that year
KINDS = (CELL, ROW_SUM, COLUMN_SUM, GRAND_TOTAL_BY_YEARS, GRAND_TOTAL_BY_ROWS, DELTA, BUDGET_CHANGE,
         SOCIAL_FEES, FTE_SHARE, YEARLY, ARITHMETIC, PERIOD, MONTHS)


@dataclass(frozen=True)
class Finding:
    """A stated figure that the arithmetic does not give; difference = stated − expected."""

    kind: str
    table: int
    row: str | None
    column: str | None
    stated: Decimal
    expected: Decimal
    row_index: int | None = None  # position in the table's rows (0 = first row after the header)
    context: str | None = None  # the sentence a narrative finding comes from
    unit: str = "kr"  # "count" in a table of people or cases: the figures are no kronor
    basis: str | None = None  # for a change: "years" when it is the second year minus the first

    @property
    def difference(self) -> Decimal:
        return self.stated - self.expected
