"""Properties of the budget engine, against a naive month-by-month reference in Fraction."""
from __future__ import annotations

import calendar
import math
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal, localcontext
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from builder.budget import compute_budget, staff_line_cost_by_year, table_to_json

from .factories import staff
from .strategies import budgets, decimals, fee_rates, modes, one_month_lines, salaries, staff_lines

QUICK = settings(max_examples=60, deadline=None)
THOROUGH = settings(max_examples=200, deadline=None)
HALF = Fraction(1, 2)


def reference_share(days: int, days_in_month: int, mode: str) -> Fraction:
    """Rule 2 straight from the spec: exact, nearest half (ties up), nearest whole (ties up)."""
    share = Fraction(days, days_in_month)
    if mode == "half_month":
        return Fraction(math.floor(2 * share + HALF), 2)
    if mode == "month":
        return Fraction(math.floor(share + HALF))
    return share


def revisions_by(line, first_of_month: date) -> int:
    """Revisions on the 1st of the raise month in years where that day is after the start."""
    if line.annual_raise is None:
        return 0
    return sum(1 for year in range(line.start.year, first_of_month.year + 1)
               if line.start < date(year, line.annual_raise.month, 1) <= first_of_month)


def reference_cells(line, fee_rate: Decimal, mode: str) -> dict[str, int]:
    """Walk every month of the line, add cost × share in Fraction, round each year half-up."""
    totals: dict[str, Fraction] = {}
    month = date(line.start.year, line.start.month, 1)
    while month <= line.end:
        days_in_month = calendar.monthrange(month.year, month.month)[1]
        first, last = max(line.start, month), min(line.end, month.replace(day=days_in_month))
        share = reference_share((last - first).days + 1, days_in_month, mode)
        salary = Fraction(line.monthly_salary)
        if line.annual_raise is not None:
            salary *= (1 + Fraction(line.annual_raise.rate)) ** revisions_by(line, month)
        cost = salary * (1 + Fraction(fee_rate)) * Fraction(line.fte) * share
        totals[str(month.year)] = totals.get(str(month.year), Fraction(0)) + cost
        month = month.replace(day=days_in_month) + timedelta(days=1)
    return {year: math.floor(value + HALF) for year, value in totals.items()}


@THOROUGH
@given(staff_lines(), fee_rates, modes)
def test_engine_equals_the_naive_reference(line, fee_rate, mode):
    assert staff_line_cost_by_year(line, fee_rate, mode) == reference_cells(line, fee_rate, mode)


@THOROUGH
@given(one_month_lines(), fee_rates, modes)
def test_engine_equals_the_reference_on_ties_within_a_month(line, fee_rate, mode):
    assert staff_line_cost_by_year(line, fee_rate, mode) == reference_cells(line, fee_rate, mode)


@QUICK
@given(budgets())
def test_every_table_adds_up(budget):
    table = compute_budget(budget)
    for row in table.rows:
        assert set(row.yearly) == set(table.years)
        assert row.total == sum(row.yearly.values())
    assert table.yearly_totals == {y: sum(row.yearly[y] for row in table.rows) for y in table.years}
    assert table.total == sum(table.yearly_totals.values()) == sum(row.total for row in table.rows)
    by_party: dict[str, dict[str, int]] = {}
    for detail in table.lines:
        for year, cell in detail.cells.items():
            by_party.setdefault(detail.line.party, {}).setdefault(year, 0)
            by_party[detail.line.party][year] += cell
    for row in table.rows:
        if row.kind == "party":
            assert row.yearly == {y: by_party[row.label].get(y, 0) for y in table.years}


@QUICK
@given(budgets())
def test_overhead_and_baseline_arithmetic(budget):
    table = compute_budget(budget)
    staff = {y: sum(r.yearly[y] for r in table.rows if r.kind == "party") for y in table.years}
    if budget.overhead is not None:
        overhead = table.rows[-1]
        for year in table.years:
            assert overhead.yearly[year] == math.floor(Fraction(budget.overhead.rate) * staff[year] + HALF)
    if budget.baseline is None:
        assert "delta" not in table_to_json(table)["totals"]
        return
    baseline = {row.label: sum(math.floor(Fraction(a) + HALF) for a in row.yearly.values())
                for row in budget.baseline.rows}
    for row in table.rows:
        assert row.delta == row.total - baseline.get(row.label, 0)
    assert {r.label for r in table.carried_over} == set(baseline) - {r.label for r in table.rows}
    assert table.baseline_total == sum(baseline.values())
    assert table.delta == sum(row.delta for row in table.rows)
    totals = table_to_json(table)["totals"]
    assert int(totals["revised_total"]) == table.baseline_total + table.delta
    assert int(totals["revised_total"]) == table.total + sum(r.total for r in table.carried_over)


def cells_at_least(bigger: dict[str, int], smaller: dict[str, int]) -> bool:
    return all(bigger.get(year, 0) >= cell for year, cell in smaller.items())


@QUICK
@given(staff_lines(), fee_rates, modes, decimals(0, 5, 2), decimals(0, 20_000, 2),
       st.integers(0, 400))
def test_cost_is_monotonic_in_fte_salary_and_period(line, fee_rate, mode, more_fte, more_salary, more_days):
    cells = staff_line_cost_by_year(line, fee_rate, mode)
    for bigger in (replace(line, fte=line.fte + more_fte),
                   replace(line, monthly_salary=line.monthly_salary + more_salary),
                   replace(line, end=line.end + timedelta(days=more_days))):
        assert cells_at_least(staff_line_cost_by_year(bigger, fee_rate, mode), cells)


@QUICK
@given(st.integers(2015, 2030), salaries, decimals(0, 10, 2).filter(bool), fee_rates)
def test_day_proration_over_a_calendar_year_is_twelve_months(year, salary, fte, fee_rate):
    line = staff(f"{year}-01-01", f"{year}-12-31", salary, fte)
    monthly = Fraction(salary) * (1 + Fraction(fee_rate)) * Fraction(fte)
    assert staff_line_cost_by_year(line, fee_rate, "day") == {str(year): math.floor(12 * monthly + HALF)}


def split(line, at: date):
    """Two lines [start, at − 1] and [at, end]; the second starts at the salary revised by `at`."""
    steps = revisions_by(line, at)
    with localcontext() as ctx:
        ctx.prec = 200  # exact: the second line must start at the very salary the first had reached
        salary = line.monthly_salary * (1 + line.annual_raise.rate) ** steps if steps else line.monthly_salary
    return replace(line, end=at - timedelta(days=1)), replace(line, start=at, monthly_salary=salary)


def assert_split_within_one_krona(line, at, fee_rate, mode):
    whole = staff_line_cost_by_year(line, fee_rate, mode)
    first, second = (staff_line_cost_by_year(part, fee_rate, mode) for part in split(line, at))
    assert set(first) | set(second) == set(whole)
    for year, cell in whole.items():
        assert abs(first.get(year, 0) + second.get(year, 0) - cell) <= 1


@QUICK
@given(staff_lines(), fee_rates, st.data())
def test_splitting_a_line_anywhere_keeps_each_cell_within_one_krona_in_day_mode(line, fee_rate, data):
    """Holds in `day` mode only: month shares there are exact, so the parts' shares add up to the
    whole's and the only difference is the two roundings of a cell (≤ ½ kr each). Under
    half_month and month each part's share is rounded on its own (see test_engine_rows)."""
    assume(line.start < line.end)
    at = line.start + timedelta(days=data.draw(st.integers(1, (line.end - line.start).days)))
    assert_split_within_one_krona(line, at, fee_rate, "day")


@QUICK
@given(staff_lines(), fee_rates, modes, st.data())
def test_splitting_on_the_first_of_a_month_holds_in_every_mode(line, fee_rate, mode, data):
    """At a month start no month is shared between the parts, so rounding per part is the same."""
    firsts = [date(y, m, 1) for y in range(line.start.year, line.end.year + 1) for m in range(1, 13)
              if line.start < date(y, m, 1) <= line.end]
    assume(firsts)
    assert_split_within_one_krona(line, data.draw(st.sampled_from(firsts)), fee_rate, mode)
