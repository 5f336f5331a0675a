"""A row's yearly cells against the monthly cost and start date its paragraphs state.

"Vårdcentralen Vilan: 0,2 tjänst … fr.o.m. den 14 augusti 2017 … 11 018 kr/mån" gives
2017 = 4,5 × 11 018 and 2018 = 12 × 11 018. Checked only when the row's paragraphs state
exactly one part-time monthly cost and one start date, and only when at least one of the
row's cells agrees with that reading (otherwise the row holds more than the one post).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from builder.budget import PRORATION_MODES, AnnualRaise, LineDetail, StaffLine, staff_line_cost_by_year
from builder.budget.engine import line_detail

from .budget_table import ParsedTable, label_key
from .findings import MONTHS, PERIOD, Finding
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
    return sorted(findings, key=lambda f: f.row_index or 0)


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
    checked: list[tuple[str, Decimal, list[int]]] = []
    evidence: list[tuple[str, Decimal, list[int]]] = []
    for year, stated in row.cells.items():
        if stated is None or int(year) < start.year or int(year) > last_year:
            continue
        accepted = [reading[year] for reading in readings if year in reading]
        # With no end stated the last year may be short: it can confirm the reading, never be reported.
        (evidence if end is None and int(year) == last_year else checked).append((year, stated, accepted))
    agreeing = [year for year, stated, accepted in checked + evidence if _agrees(stated, accepted)]
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


def months_findings(table: ParsedTable, blocks: dict[str, BlockFacts]) -> list[Finding]:
    """"2017: 4,5 månader x …" against the months the row's stated start (and end) give that year.

    Read only for a row with one post, one start date and at most one end date; a year is checked
    when the dates decide it (the last year only with a stated end). The proration is the one the
    "räknas som en halv månad" sentences imply, else any; at least one year must agree.
    """
    findings = []
    for label, block in blocks.items():
        index = _row_for(table, label_key(label))
        if (index is None or not block.year_months or len(block.starts) != 1 or len(block.ends) > 1
                or block.posts > 1):
            continue
        findings += _months_row(table, index, block)
    return sorted(findings, key=lambda f: f.row_index or 0)


def _months_row(table: ParsedTable, index: int, block: BlockFacts) -> list[Finding]:
    (start,) = block.starts
    end = next(iter(block.ends)) if block.ends else None
    last_year = end.year if end else int(table.years[-1])
    if end is not None and end < start:
        return []
    modes = [m for m in PRORATION_MODES if block.prorations is None or m in block.prorations] or list(PRORATION_MODES)
    details = [_months_by_year(start, end or date(last_year, 12, 31), mode) for mode in modes]
    checked = [(year, stated) for year, stated in block.year_months.items()
               if start.year <= int(year) <= last_year and (end is not None or int(year) < last_year)]
    agreeing = [year for year, stated in checked if any(_same(stated, d.get(year, Fraction(0))) for d in details)]
    if not agreeing:
        return []
    row = table.rows[index]
    return [Finding(MONTHS, table.index, row.label, year, stated, _decimal(details[0].get(year, Fraction(0))), index)
            for year, stated in checked if not any(_same(stated, d.get(year, Fraction(0))) for d in details)]


def _months_by_year(start: date, end: date, mode: str) -> dict[str, Fraction]:
    line = StaffLine(party="", role="", fte=Decimal(1), monthly_salary=Decimal(0), start=start, end=end)
    detail: LineDetail = line_detail(0, line, Decimal(0), mode)
    return detail.months_by_year


def _same(stated: Decimal, months: Fraction) -> bool:
    """Equal, or equal once the months are rounded to the decimals the text writes."""
    exponent = stated.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return abs(Fraction(stated) - months) < Fraction(1, 2 * 10 ** places)


def _decimal(months: Fraction) -> Decimal:
    return (Decimal(months.numerator) / Decimal(months.denominator)).quantize(Decimal("0.0001")).normalize()
