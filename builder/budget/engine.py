"""The budget rules of the finsam-application format, in exact arithmetic.

Pure: standard library only. Every number a view, export or test shows comes from here.
"""
from __future__ import annotations

import calendar
from collections import OrderedDict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, localcontext
from fractions import Fraction

from .model import (
    Baseline,
    Budget,
    BudgetTable,
    EdgeMonth,
    EffectItem,
    EffectResult,
    EffectScenario,
    LineDetail,
    LineYear,
    Revision,
    Row,
    StaffLine,
    YearPart,
    whole_kronor,
)

# Least common multiple of 28, 29, 30 and 31: every `day` share is an integer over it.
_DAY_DENOMINATOR = 377_580
_PRECISION = 60


def round_kr(value: Decimal | Fraction) -> int:
    """Round half-up (away from zero) to whole kronor."""
    if isinstance(value, Fraction):
        return _round_ratio(value.numerator, value.denominator)
    return whole_kronor(value)


def active_days(start: date, end: date, year: int, month: int) -> tuple[int, int]:
    """(days of the month inside [start, end], days in the month)."""
    days_in_month = calendar.monthrange(year, month)[1]
    first = max(start, date(year, month, 1))
    last = min(end, date(year, month, days_in_month))
    return max(0, (last - first).days + 1), days_in_month


def share_units(days: int, days_in_month: int, proration: str) -> int:
    """Rule 2: a month's active share in units of 1/SHARE_DENOMINATOR[proration] (ties up)."""
    if proration == "day":
        return days * (_DAY_DENOMINATOR // days_in_month)
    if proration == "half_month":
        return (4 * days + days_in_month) // (2 * days_in_month)  # round(2·share) half-up
    if proration == "month":
        return (2 * days + days_in_month) // (2 * days_in_month)
    raise ValueError(f"unknown proration mode {proration!r}")


SHARE_DENOMINATOR = {"day": _DAY_DENOMINATOR, "half_month": 2, "month": 1}


def month_share(days: int, days_in_month: int, proration: str) -> Fraction:
    """Share of a month a line is active, rounded as the proration mode says."""
    return Fraction(share_units(days, days_in_month, proration), SHARE_DENOMINATOR[proration])


def _first_raise_year(line: StaffLine) -> int | None:
    revision = line.annual_raise
    if revision is None:
        return None
    # A revision takes effect on the 1st of its month, in each year where that day is after the start.
    if date(line.start.year, revision.month, 1) > line.start:
        return line.start.year
    return line.start.year + 1


def raises_applied(line: StaffLine, year: int, month: int) -> int:
    """How many salary revisions have taken effect by the first day of (year, month)."""
    first = _first_raise_year(line)
    if first is None or line.annual_raise is None or year < first:
        return 0
    return (year - first) + (1 if month >= line.annual_raise.month else 0)


def monthly_cost(line: StaffLine, fee_rate: Decimal, year: int, month: int) -> Decimal:
    """Rule 1: salary (revised for this month) × (1 + social fees) × FTE, exact."""
    return _cost_after_raises(line, fee_rate, raises_applied(line, year, month))


def _cost_after_raises(line: StaffLine, fee_rate: Decimal, steps: int) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        salary = line.monthly_salary
        if steps and line.annual_raise is not None:
            salary *= (1 + line.annual_raise.rate) ** steps
        return salary * (1 + fee_rate) * line.fte


def _round_ratio(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half-up (away from zero), in integers."""
    sign = -1 if (numerator < 0) != (denominator < 0) else 1
    numerator, denominator = abs(numerator), abs(denominator)
    return sign * ((2 * numerator + denominator) // (2 * denominator))


def _units_by_year(line: StaffLine, proration: str) -> dict[int, dict[int, int]]:
    """Per calendar year, the month shares (in units of SHARE_DENOMINATOR) summed per number of raises."""
    start, end = line.start, line.end
    full = SHARE_DENOMINATOR[proration]
    first_raise = _first_raise_year(line)
    raise_month = line.annual_raise.month if line.annual_raise is not None else 13
    out: dict[int, dict[int, int]] = {}
    for year in range(start.year, end.year + 1):
        first_month = start.month if year == start.year else 1
        last_month = end.month if year == end.year else 12
        units_by_steps: dict[int, int] = {}
        for month in range(first_month, last_month + 1):
            edge = (year, month) in ((start.year, start.month), (end.year, end.month))
            units = share_units(*active_days(start, end, year, month), proration) if edge else full
            # raises_applied(line, year, month), inlined: this loop runs for every month of every line
            steps = 0 if first_raise is None or year < first_raise else (
                year - first_raise + (1 if month >= raise_month else 0))
            units_by_steps[steps] = units_by_steps.get(steps, 0) + units
        out[year] = units_by_steps
    return out


def _cell(units_by_steps: dict[int, int], costs: dict[int, tuple[int, int]], full: int) -> int:
    """One cell: the exact sum of cost × shares, rounded once."""
    numerator = 0
    denominator = 1
    for steps, units in units_by_steps.items():
        num, den = costs[steps]
        # Sum fractions num/den × units over a common denominator.
        numerator = numerator * den + num * units * denominator
        denominator *= den
    return _round_ratio(numerator, denominator * full)


def _costs(line: StaffLine, fee_rate: Decimal, units: dict[int, dict[int, int]]) -> dict[int, tuple[int, int]]:
    steps = {s for by_steps in units.values() for s in by_steps}
    return {s: _cost_after_raises(line, fee_rate, s).as_integer_ratio() for s in steps}


def staff_line_cost_by_year(line: StaffLine, fee_rate: Decimal, proration: str) -> dict[str, int]:
    """Rules 2–3: a line's cost per calendar year, each cell rounded half-up to kronor.

    Month shares are summed as integers per (year, number of salary revisions); each cell is
    then one exact sum of cost × shares, rounded once.
    """
    units = _units_by_year(line, proration)
    costs = _costs(line, fee_rate, units)
    full = SHARE_DENOMINATOR[proration]
    return {str(year): _cell(by_steps, costs, full) for year, by_steps in units.items()}


def _revisions(line: StaffLine, fee_rate: Decimal) -> tuple[Revision, ...]:
    """The monthly cost at the start and from the 1st of the raise month in each later year."""
    out = [Revision(line.start, 0, _cost_after_raises(line, fee_rate, 0))]
    first = _first_raise_year(line)
    if first is None or line.annual_raise is None:
        return tuple(out)
    year, month = first, line.annual_raise.month
    while date(year, month, 1) <= line.end:
        steps = year - first + 1
        out.append(Revision(date(year, month, 1), steps, _cost_after_raises(line, fee_rate, steps)))
        year += 1
    return tuple(out)


def _edges(line: StaffLine, proration: str) -> tuple[EdgeMonth, ...]:
    """The first and last months when the line covers them only partly."""
    out = []
    months = [(line.start.year, line.start.month, True)]
    if (line.end.year, line.end.month) != (line.start.year, line.start.month):
        months.append((line.end.year, line.end.month, False))
    for year, month, first in months:
        days, days_in_month = active_days(line.start, line.end, year, month)
        if days < days_in_month:
            out.append(EdgeMonth(year, month, days, days_in_month, month_share(days, days_in_month, proration),
                                 first))
    return tuple(out)


def line_detail(index: int, line: StaffLine, fee_rate: Decimal, proration: str) -> LineDetail:
    """The per-line figures every output prints: monthly costs, months per year, cost per year."""
    units = _units_by_year(line, proration)
    full = SHARE_DENOMINATOR[proration]
    revisions = _revisions(line, fee_rate)
    monthly = {r.steps: r.monthly_cost for r in revisions}
    for by_steps in units.values():
        for steps in by_steps:
            if steps not in monthly:  # not reached: every level in the dates has a revision
                monthly[steps] = _cost_after_raises(line, fee_rate, steps)
    ratios = {steps: cost.as_integer_ratio() for steps, cost in monthly.items()}
    years = tuple(
        LineYear(str(year),
                 tuple(YearPart(Fraction(u, full), monthly[s], s) for s, u in sorted(by_steps.items()) if u),
                 _cell(by_steps, ratios, full))
        for year, by_steps in units.items())
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        full_time_month = line.monthly_salary * (1 + fee_rate)
        return LineDetail(
            index=index,
            line=line,
            social_fee_rate=fee_rate,
            monthly_cost_full_time=full_time_month,
            yearly_cost_full_time=full_time_month * 12,
            monthly_cost=full_time_month * line.fte,
            yearly_cost=full_time_month * line.fte * 12,
            cells={y.year: y.amount for y in years},
            years=years,
            revisions=revisions,
            edges=_edges(line, proration),
        )


def _add_cells(target: dict[str, int], cells: dict[str, int]) -> None:
    for year, amount in cells.items():
        target[year] = target.get(year, 0) + amount


def _rounded_yearly(yearly: dict[str, Decimal]) -> dict[str, int]:
    return {year: round_kr(Decimal(amount)) for year, amount in yearly.items()}


def summary_rows(budget: Budget, lines: list[LineDetail]) -> list[Row]:
    """Rule 5: a row per party (first-appearance order), per other-cost label, then overhead."""
    party_cells: dict[str, dict[str, int]] = OrderedDict()
    for detail in lines:
        _add_cells(party_cells.setdefault(detail.line.party, {}), detail.cells)
    rows = [Row(label, cells, "party") for label, cells in party_cells.items()]

    other_cells: dict[str, dict[str, int]] = OrderedDict()
    for cost in budget.other_costs:
        _add_cells(other_cells.setdefault(cost.label, {}), _rounded_yearly(cost.yearly))
    rows += [Row(label, cells, "other") for label, cells in other_cells.items()]

    if budget.overhead is not None:
        staff_by_year: dict[str, int] = {}
        for cells in party_cells.values():
            _add_cells(staff_by_year, cells)
        overhead = {y: round_kr(budget.overhead.rate * amount) for y, amount in staff_by_year.items()}
        rows.append(Row(budget.overhead.label, overhead, "overhead"))
    return rows


def apply_baseline(rows: list[Row], baseline: Baseline) -> tuple[list[Row], list[Row]]:
    """Rule 6: deltas per row against the baseline; the baseline rows not replaced carry over."""
    baseline_totals = {}
    for base in baseline.rows:
        baseline_totals[base.label] = sum(_rounded_yearly(base.yearly).values())
    with_deltas = []
    for row in rows:
        before = baseline_totals.get(row.label, 0)
        with_deltas.append(Row(row.label, row.yearly, row.kind, before, row.total - before))
    replaced = {row.label for row in rows}
    carried = [
        Row(r.label, _rounded_yearly(r.yearly), "baseline", baseline_totals[r.label], 0)
        for r in baseline.rows
        if r.label not in replaced
    ]
    return with_deltas, carried


def _years(rows: list[Row]) -> tuple[str, ...]:
    return tuple(sorted({year for row in rows for year in row.yearly}))


def _fill_years(rows: list[Row], years: tuple[str, ...]) -> list[Row]:
    return [
        Row(r.label, {y: r.yearly.get(y, 0) for y in years}, r.kind, r.baseline_total, r.delta)
        for r in rows
    ]


def compute_budget(budget: Budget) -> BudgetTable:
    """Compute the whole budget table: per-line cells, summary rows, totals, baseline deltas."""
    lines = [
        line_detail(i, line, budget.fee_rate(line), budget.proration)
        for i, line in enumerate(budget.staff)
    ]
    rows = summary_rows(budget, lines)
    carried: list[Row] = []
    if budget.baseline is not None:
        rows, carried = apply_baseline(rows, budget.baseline)
    years = _years(rows)
    return BudgetTable(
        years=years,
        rows=tuple(_fill_years(rows, years)),
        lines=tuple(lines),
        baseline=budget.baseline,
        carried_over=tuple(carried),
    )


def effect_item_amount(item: EffectItem) -> int:
    """persons × cost per day × days per month × months, rounded half-up to kronor."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return round_kr(item.persons * item.cost_per_day * item.days_per_month * item.months)


def compute_effects(scenarios: Iterable[EffectScenario], grand_total: int) -> list[EffectResult]:
    """Each scenario's item amounts, total, cost (default: the budget's grand total) and net."""
    results = []
    for scenario in scenarios:
        items = tuple((item, effect_item_amount(item)) for item in scenario.items)
        total = sum(amount for _, amount in items)
        cost = grand_total if scenario.cost is None else round_kr(scenario.cost)
        results.append(EffectResult(scenario.label, items, total, cost, total - cost))
    return results
