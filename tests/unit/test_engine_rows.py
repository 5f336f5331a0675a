"""Summary rows: parties, other costs, overhead, baseline deltas; effects; per-line fees."""
from __future__ import annotations

from decimal import Decimal

import pytest

from builder.budget import (
    EffectItem,
    EffectScenario,
    compute_budget,
    compute_effects,
    staff_line_cost_by_year,
    table_to_json,
)

from .factories import budget, d, staff, yearly


def summary(table):
    return [(row.label, row.kind, row.yearly) for row in table.rows]


def test_party_rows_in_first_appearance_order_then_other_costs_then_overhead():
    table = compute_budget(budget(
        staff(party="B", salary="1000"),                      # 2019: 12 000
        staff(party="A", salary="2000", start="2019-07-01"),  # 2019: 12 000
        staff(party="B", salary="500", end="2020-02-29"),     # 2019: 6 000, 2020: 1 000
        proration="month",
        other=[("Lokaler", yearly(y2019=3000)), ("Resor", yearly(y2020=700)),
               ("Lokaler", yearly(y2019=1000, y2020=250))],
        overhead=("Overhead", "0.1"),
    ))
    assert table.years == ("2019", "2020")
    assert summary(table) == [
        ("B", "party", {"2019": 18000, "2020": 1000}),
        ("A", "party", {"2019": 12000, "2020": 0}),
        ("Lokaler", "other", {"2019": 4000, "2020": 250}),   # merged by label
        ("Resor", "other", {"2019": 0, "2020": 700}),
        ("Overhead", "overhead", {"2019": 3000, "2020": 100}),  # 10 % of staff only
    ]
    assert table.yearly_totals == {"2019": 37000, "2020": 2050}
    assert table.total == 39050


@pytest.mark.parametrize("rate, expected", [
    ("0.15", {"2019": 63558, "2020": 3797}),  # 423 720 × 0.15; 25 310 × 0.15 = 3 796.5 → 3 797
    ("0.05", {"2019": 21186, "2020": 1266}),  # 1 265.5 → 1 266
    ("0", {"2019": 0, "2020": 0}),
])
def test_overhead_is_rate_times_each_years_staff_total_rounded_half_up(rate, expected):
    table = compute_budget(budget(
        staff(party="A", salary="10000"),                      # 2019: 120 000
        staff(party="B", salary="25310", end="2020-01-31"),   # 2019: 303 720, 2020: 25 310
        proration="month", other=[("Resor", yearly(y2019=99999))], overhead=("Indirekta kostnader", rate),
    ))
    overhead = table.rows[-1]
    assert (overhead.label, overhead.kind, overhead.yearly) == ("Indirekta kostnader", "overhead", expected)


def test_overhead_base_is_the_sum_of_rounded_cells():
    # Two lines of 10 000/31 × 14 = 4 516.13 → 4 516 each: base 9 032 (not 9 032.26); × 0.5 = 4 516
    line = staff("2019-03-18", "2019-03-31", "10000")
    table = compute_budget(budget(line, line, overhead=("OH", "0.5")))
    assert table.rows[0].yearly == {"2019": 9032}
    assert table.rows[1].yearly == {"2019": 4516}


def test_fractional_other_cost_rounded_half_up():
    table = compute_budget(budget(other=[("Tolk", yearly(y2019="1500.5", y2020="10.49"))]))
    assert summary(table) == [("Tolk", "other", {"2019": 1501, "2020": 10})]


BASELINE = [("A", yearly(y2018=50000, y2019=50000)), ("Lokaler", yearly(y2018=1000)),
            ("Utvärdering", yearly(y2018=20000, y2019="4999.5"))]


@pytest.fixture
def with_baseline():
    return compute_budget(budget(
        staff(party="A", salary="10000"), staff(party="New party", salary="1000", end="2019-06-30"),
        proration="month", other=[("Lokaler", yearly(y2019=2500))], baseline=BASELINE,
    ))


def test_rows_with_and_without_a_baseline_row(with_baseline):
    deltas = {r.label: (r.total, r.baseline_total, r.delta) for r in with_baseline.rows}
    assert deltas == {"A": (120000, 100000, 20000), "New party": (6000, 0, 6000),
                      "Lokaler": (2500, 1000, 1500)}


def test_baseline_rows_not_replaced_carry_over_with_delta_zero(with_baseline):
    carried = [(r.label, r.yearly, r.total, r.delta) for r in with_baseline.carried_over]
    assert carried == [("Utvärdering", {"2018": 20000, "2019": 5000}, 25000, 0)]


def test_baseline_totals(with_baseline):
    # Baseline 100 000 + 1 000 + 25 000 (4 999.5 → 5 000); delta 20 000 + 6 000 + 1 500.
    assert with_baseline.baseline_total == 126000
    assert with_baseline.delta == 27500
    assert with_baseline.revised_total == 153500
    totals = table_to_json(with_baseline)["totals"]
    assert totals == {"yearly": {"2019": "128500"}, "total": "128500", "baseline_total": "126000",
                      "delta": "27500", "revised_total": "153500"}


def test_without_baseline_the_json_has_no_delta_keys():
    out = table_to_json(compute_budget(budget(staff(salary="1000"), proration="month")))
    assert out == {"years": ["2019"],
                   "rows": [{"label": "P", "yearly": {"2019": "12000"}, "total": "12000"}],
                   "totals": {"yearly": {"2019": "12000"}, "total": "12000"}}


def test_line_social_fee_rate_overrides_the_default():
    table = compute_budget(budget(
        staff(salary="31000", fee="0.3142", end="2019-01-31"), staff(salary="31000", end="2019-01-31"),
        proration="month", fee="0.40",
    ))
    first, second = table.lines
    assert first.social_fee_rate == Decimal("0.3142")
    assert first.monthly_cost_full_time == Decimal("40740.2")    # 31 000 × 1.3142
    assert first.cells == {"2019": 40740}
    assert second.monthly_cost_full_time == Decimal("43400")     # 31 000 × 1.40
    assert second.yearly_cost_full_time == Decimal("520800")
    assert second.cells == {"2019": 43400}


def item(label, persons, per_day, months, days=None):
    extra = {} if days is None else {"days_per_month": d(days)}
    return EffectItem(label, d(persons), d(per_day), d(months), **extra)


def test_effects_amounts_totals_and_net():
    scenarios = [
        EffectScenario("Färre placeringar", (
            item("HVB", 3, 1500, 12),                 # 3 × 1 500 × 30.5 × 12 = 1 647 000
            item("Familjehem", 1, "333.33", 1),       # 10 166.565 → 10 167
            item("Kontaktfamilj", "0.5", 1001, 3, 30),  # 45 045
        )),
        EffectScenario("Med egen kostnad", (item("Tie", 1, "2.5", 1, 1),), cost=d("100000.5")),
    ]
    first, second = compute_effects(scenarios, grand_total=4_726_127)
    assert [amount for _, amount in first.items] == [1_647_000, 10_167, 45_045]
    assert (first.total, first.cost, first.net) == (1_702_212, 4_726_127, 1_702_212 - 4_726_127)
    assert [amount for _, amount in second.items] == [3]     # 2.5 → 3, half-up
    assert (second.total, second.cost, second.net) == (3, 100_001, -99_998)


def test_effects_in_json_output():
    table = compute_budget(budget(staff(salary="1000"), proration="month"))
    effects = compute_effects([EffectScenario("S", (item("I", 2, 100, 1),))], table.total)
    assert table_to_json(table, effects)["effects"] == [
        {"label": "S", "items": [{"label": "I", "amount": "6100"}], "total": "6100", "cost": "12000",
         "net": "-5900"}]


def test_splitting_mid_month_is_not_additive_under_half_month():
    """Why the split property holds only in `day` mode (or at month starts): each part is
    rounded on its own. February 2019 split on the 8th: 7/28 = 0.25 → 0.5 and 21/28 = 0.75 → 1."""
    whole = staff_line_cost_by_year(staff("2019-02-01", "2019-02-28", "12000"), d(0), "half_month")
    first = staff_line_cost_by_year(staff("2019-02-01", "2019-02-07", "12000"), d(0), "half_month")
    second = staff_line_cost_by_year(staff("2019-02-08", "2019-02-28", "12000"), d(0), "half_month")
    assert (whole, first, second) == ({"2019": 12000}, {"2019": 6000}, {"2019": 12000})
