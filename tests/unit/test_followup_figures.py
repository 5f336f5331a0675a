"""The follow-up's figures and periods (pure): sums per party add to the totals, remaining = budget − year to
date, the budget per row is the engine's, and the periods follow the association's period ends."""
from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.budget import compute_budget
from builder.cases.reporting import reporting_schedule
from builder.followup.figures import COMMON_PARTY, budget_rows, report_figures, year_budget
from builder.followup.periods import Period, may_open, parse_period_ends, periods
from tests.unit.strategies import budgets

money = st.integers(-2_000_000, 20_000_000)


@settings(max_examples=150, deadline=None)
@given(budget=budgets(), data=st.data())
def test_sums_per_party_add_to_the_totals_and_remaining_is_budget_minus_ytd(budget, data):
    table = compute_budget(budget)
    rows = budget_rows(budget, table)
    keys = [row.key for row in rows]
    year = data.draw(st.sampled_from(table.years)) if table.years else "2020"
    outcome = data.draw(st.dictionaries(st.sampled_from(keys), money) if keys else st.just({}))
    earlier = data.draw(st.dictionaries(st.sampled_from(keys), money) if keys else st.just({}))
    forecast = data.draw(st.dictionaries(st.sampled_from(keys), st.none() | money) if keys else st.just({}))
    figures = report_figures(rows, year, outcome, earlier, forecast)
    for name in ("budget", "outcome", "ytd", "forecast", "difference", "remaining"):
        assert sum(getattr(p.figure, name) for p in figures.parties) == getattr(figures.total, name)
        for party in figures.parties:
            assert sum(getattr(r.figure, name) for r in party.rows) == getattr(party.figure, name)
    for item in figures.rows:
        assert item.figure.remaining == item.figure.budget - item.figure.ytd
        assert item.figure.ytd == earlier.get(item.key, 0) + outcome.get(item.key, 0)
        assert item.figure.forecast == (item.figure.budget if forecast.get(item.key) is None else forecast[item.key])
    assert figures.total.remaining == figures.total.budget - figures.total.ytd
    # The year's budget of the rows is the engine's yearly total for that year.
    assert figures.total.budget == year_budget(rows, year) == table.yearly_totals.get(year, 0)
    assert set(figures.missing) == set(keys) - set(outcome)


def test_row_keys_labels_and_parties_come_from_the_approved_budget(example_app):
    table = compute_budget(example_app.budget)
    rows = budget_rows(example_app.budget, table)
    assert [r.key for r in rows] == [f"staff:{i}" for i in range(len(example_app.budget.staff))] + \
        [f"other:{i}" for i in range(len(example_app.budget.other_costs))] + \
        (["overhead"] if example_app.budget.overhead else [])
    for detail in table.lines:
        row = rows[detail.index]
        assert row.yearly == detail.cells and row.party == detail.line.party and row.label == detail.line.role


def test_other_costs_and_overhead_are_rows_with_the_engines_amounts():
    from decimal import Decimal

    from builder.budget import Budget, OtherCost, Overhead, StaffLine

    budget = Budget(default_social_fee_rate=Decimal("0.3"),
                    staff=(StaffLine("A", "Coach", Decimal(1), Decimal(30000), date(2025, 1, 1), date(2025, 12, 31)),),
                    other_costs=(OtherCost("Lokaler", {"2025": Decimal("1000.50")}, party="A"),
                                 OtherCost("Resor", {"2025": Decimal("200")})),
                    overhead=Overhead("OH", Decimal("0.05")))
    table = compute_budget(budget)
    rows = budget_rows(budget, table)
    assert [(r.key, r.party) for r in rows] == [("staff:0", "A"), ("other:0", "A"), ("other:1", COMMON_PARTY),
                                                ("overhead", COMMON_PARTY)]
    assert rows[1].yearly == {"2025": 1001}  # rounded half-up by the engine's rule
    assert sum(r.yearly["2025"] for r in rows) == table.yearly_totals["2025"]
    figures = report_figures(rows, 2025, {"staff:0": 10})
    assert [p.party for p in figures.parties] == ["A", COMMON_PARTY]  # the common costs last


def test_periods_of_an_insats_across_years():
    found = periods(date(2017, 6, 1), date(2019, 5, 31), "04-30,08-31,12-31")
    assert found == [
        Period(date(2017, 6, 1), date(2017, 8, 31), "delar"), Period(date(2017, 9, 1), date(2017, 12, 31), "ar"),
        Period(date(2018, 1, 1), date(2018, 4, 30), "delar"), Period(date(2018, 5, 1), date(2018, 8, 31), "delar"),
        Period(date(2018, 9, 1), date(2018, 12, 31), "ar"), Period(date(2019, 1, 1), date(2019, 4, 30), "delar"),
        Period(date(2019, 5, 1), date(2019, 5, 31), "slut")]


def test_an_insats_ending_on_a_period_end_closes_with_the_final_report():
    found = periods(date(2025, 1, 1), date(2025, 12, 31), "06-30,12-31")
    assert [(p.end, p.kind) for p in found] == [(date(2025, 6, 30), "delar"), (date(2025, 12, 31), "slut")]
    assert [(p.start, p.kind) for p in periods(date(2024, 3, 1), date(2024, 4, 30), "04-30")] == \
        [(date(2024, 3, 1), "slut")]


def test_period_ends_are_read_safely():
    assert parse_period_ends("08-31, 04-30,bad,13-01,02-30,,02-29,02-28") == [(2, 28), (4, 30), (8, 31), (12, 31)]
    assert parse_period_ends("") == [(12, 31)]
    assert periods(date(2025, 1, 1), date(2024, 1, 1), "12-31") == []


@given(start=st.dates(date(2015, 1, 1), date(2030, 12, 31)), days=st.integers(0, 2000),
       ends=st.lists(st.tuples(st.integers(1, 12), st.integers(1, 28)), max_size=5))
def test_periods_tile_the_insats_without_gaps(start, days, ends):
    from datetime import timedelta

    end = start + timedelta(days=days)
    found = periods(start, end, ",".join(f"{m:02d}-{d:02d}" for m, d in ends))
    assert found[0].start == start and found[-1].end == end and found[-1].kind == "slut"
    assert [p.kind for p in found].count("slut") == 1
    for before, after in zip(found, found[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
        assert before.kind == ("ar" if (before.end.month, before.end.day) == (12, 31) else "delar")


@settings(deadline=None)
@given(start=st.dates(date(2015, 1, 1), date(2030, 12, 31)), days=st.integers(0, 2000),
       ends=st.lists(st.sampled_from(["03-31", "04-30", "06-30", "08-31", "09-30", "02-29", "x"]), max_size=4))
def test_the_periods_end_where_the_agreements_schedule_says(start, days, ends):
    """The överenskommelse lists the reports (builder/cases/reporting.py); the follow-up has one per report."""
    from datetime import timedelta

    end = start + timedelta(days=days)
    schedule = reporting_schedule(start, end, ends)
    assert [p.end for p in periods(start, end, ",".join(ends))] == [r.covers_until for r in schedule]


def test_a_report_opens_once_its_period_has_begun():
    period = Period(date(2026, 5, 1), date(2026, 8, 31), "delar")
    assert not may_open(period, date(2026, 4, 30))
    assert may_open(period, date(2026, 5, 1)) and may_open(period, date(2027, 1, 1))


def test_a_years_participants_carry_the_ongoing_of_the_year_before():
    from builder.followup.figures import Participants, actual_participants

    def counts(**values):
        return Participants({tuple(k.split("_")): v for k, v in values.items()})

    reports = [(date(2017, 8, 31), counts(started_women=3, ongoing_women=3)),
               (date(2017, 12, 31), counts(started_women=2, started_men=1, ongoing_women=4, ongoing_men=1)),
               (date(2018, 4, 30), counts(started_men=2, started_other=1, ongoing_men=3))]
    assert actual_participants(reports, 2017) == {"women": 5, "men": 1, "other": 0}
    assert actual_participants(reports, 2018) == {"women": 4, "men": 3, "other": 1}  # 4 + 1 ongoing, then started
    assert actual_participants(reports, 2019) == {"women": 0, "men": 3, "other": 0}
    assert actual_participants(reports, 2020) == {"women": 0, "men": 0, "other": 0}  # only the year before counts
    assert actual_participants([], 2020) == {"women": 0, "men": 0, "other": 0}
