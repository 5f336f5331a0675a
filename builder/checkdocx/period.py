"""A row's yearly cells against the monthly cost and start date its paragraphs state.

"Vårdcentralen Vilan: 0,2 tjänst … fr.o.m. den 14 augusti 2017 … 11 018 kr/mån" gives
2017 = 4,5 × 11 018 and 2018 = 12 × 11 018. Checked only when the row's paragraphs state
exactly one part-time monthly cost and one start date, and only when at least one of the
row's cells agrees with that reading (otherwise the row holds more than the one post).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from builder.budget import PRORATION_MODES, AnnualRaise, StaffLine, staff_line_cost_by_year

from .budget_table import ParsedTable, label_key
from .findings import PERIOD, Finding
from .salary import BlockFacts, rounding_tolerance


def period_findings(table: ParsedTable, blocks: dict[str, BlockFacts]) -> list[Finding]:
    """Cells that are not the stated monthly cost × the stated period's months in that year."""
    findings = []
    for label, block in blocks.items():
        index = _row_for(table, label_key(label))
        if (index is None or len(block.monthly) != 1 or len(block.starts) != 1 or len(block.raises) > 1
                or block.posts > 1):
            continue
        findings += _row_findings(table, index, block)
    return sorted(findings, key=lambda f: f.row_index)


def _row_for(table: ParsedTable, key: str) -> int | None:
    """The one item row whose label is the paragraph's label, or begins with it ("Projektledare 1,0")."""
    rows = [i for i, row in enumerate(table.rows)
            if row.role == "item" and (row.key == key or row.key.startswith(key + " "))]
    return rows[0] if len(rows) == 1 else None


def _row_findings(table: ParsedTable, index: int, block: BlockFacts) -> list[Finding]:
    row = table.rows[index]
    (monthly,), (start,) = block.monthly, block.starts
    end = next(iter(block.ends)) if len(block.ends) == 1 else None
    last_year = int(table.years[-1]) if end is None else end.year
    if end is not None and end < start:
        return []
    raise_ = AnnualRaise(*next(iter(block.raises))) if block.raises else None
    readings = _readings(monthly, start, end or date(last_year, 12, 31), raise_)
    checked = []
    for year, stated in row.cells.items():
        partial_end = end is None and int(year) == last_year  # an unstated end: the last year may be short
        if stated is None or int(year) < start.year or int(year) > last_year or partial_end:
            continue
        accepted = [reading[year] for reading in readings if year in reading]
        checked.append((year, stated, accepted))
    agreeing = [year for year, stated, accepted in checked if _agrees(stated, accepted)]
    if not agreeing:
        return []  # no cell fits this reading of the paragraphs: the row holds something else
    return [Finding(PERIOD, table.index, row.label, year, stated, Decimal(accepted[0]), index)
            for year, stated, accepted in checked if not _agrees(stated, accepted)]


def _readings(monthly: Decimal, start: date, end: date, raise_: AnnualRaise | None = None) -> list[dict[str, int]]:
    """The yearly cells of one post at this monthly cost (and stated raise), under each proration mode."""
    line = StaffLine(party="", role="", fte=Decimal(1), monthly_salary=monthly, start=start, end=end,
                     annual_raise=raise_)
    return [staff_line_cost_by_year(line, Decimal(0), mode) for mode in PRORATION_MODES]


def _agrees(stated: Decimal, accepted: list[int]) -> bool:
    # The monthly cost was rounded to whole kronor; a year holds up to twelve of it.
    return any(abs(stated - value) <= rounding_tolerance(12) for value in accepted)
