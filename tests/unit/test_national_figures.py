"""The pure figures of the portfolio and the national export: commitments per year, participants, rows, frames."""
from __future__ import annotations

from datetime import date
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from builder.cases.national import FOCUS_KEYS, FOCUS_LABELS_SV, period_years
from builder.national.figures import (
    FrameWarning,
    InsatsFacts,
    Participants,
    actual_participants,
    commitment_by_year,
    frame_warnings,
    national_rows,
    portfolio,
    split_by_year,
)


def test_split_by_year_hands_out_whole_kronor_in_proportion():
    assert split_by_year(1000, {2024: 1, 2025: 1, 2026: 1}) == {2024: 334, 2025: 333, 2026: 333}
    assert split_by_year(100, {2024: 300, 2025: 100}) == {2024: 75, 2025: 25}
    assert split_by_year(7, {2024: 0, 2025: 0}) == {2024: 4, 2025: 3}  # no weights: shared evenly
    assert split_by_year(5, {}) == {}
    assert split_by_year(10, {2024: 0, 2025: 5}) == {2024: 0, 2025: 10}


@given(total=st.integers(min_value=0, max_value=10**10),
       weights=st.dictionaries(st.integers(min_value=2000, max_value=2040), st.integers(min_value=0, max_value=10**9),
                               min_size=1, max_size=20))
def test_split_by_year_adds_up_and_stays_within_a_krona_of_the_exact_share(total, weights):
    parts = split_by_year(total, weights)
    assert set(parts) == set(weights)
    assert sum(parts.values()) == total
    whole = sum(weights.values())
    for year, part in parts.items():
        exact = Fraction(total * weights[year], whole) if whole else Fraction(total, len(weights))
        assert abs(part - exact) < 1


def test_commitment_by_year_follows_the_decision_then_the_budget():
    yearly = {"2017": 1_340_101, "2018": 2_390_136, "2019": 995_890}
    assert commitment_by_year({"2017": 100, "2018": 200}, 300, yearly) == {2017: 100, 2018: 200}
    assert commitment_by_year({}, None, yearly) == {2017: 1_340_101, 2018: 2_390_136, 2019: 995_890}
    assert commitment_by_year({}, 4_726_127, yearly) == {2017: 1_340_101, 2018: 2_390_136, 2019: 995_890}
    shared = commitment_by_year({}, 4_000_000, yearly)
    assert sum(shared.values()) == 4_000_000 and list(shared) == [2017, 2018, 2019]
    assert shared[2018] > shared[2017] > shared[2019]


def test_participants_of_a_year_are_those_ongoing_from_last_year_plus_those_who_started():
    assert actual_participants(Participants(3, 2, 1), Participants(4, 5, 0)) == Participants(7, 7, 1)
    assert actual_participants(None, Participants(1, 0, 0)).total == 1
    assert actual_participants(None, None) == Participants()


def _facts(**kw) -> InsatsFacts:
    base = dict(application_id=1, name="Insats", case_number="FINSAM 2026/1", case_year=2026, case_sequence=1)
    return InsatsFacts(**{**base, **kw})


def test_national_rows_are_ordered_by_diarienummer_and_name_the_focus():
    rows = national_rows([
        _facts(application_id=3, name="Utan ärende", case_number="", case_year=0, case_sequence=0),
        _facts(application_id=2, name="Tionde", case_number="FINSAM 2026/10", case_sequence=10, focus="struktur"),
        _facts(application_id=1, name="Nionde", case_number="FINSAM 2026/9", case_sequence=9, focus="individ",
               target_group="Unga 16–29", period_start="2026-01-01", period_end="2027-06-30",
               approved_amount=500_000, planned_participants=40, outcome=120_000,
               started=Participants(5, 4, 1), ongoing_before=Participants(2, 2, 0)),
    ], FOCUS_LABELS_SV)
    assert [r.name for r in rows] == ["Nionde", "Tionde", "Utan ärende"]
    first = rows[0]
    assert first.focus == "Individinriktad" and rows[1].focus == "Strukturinriktad" and rows[2].focus == ""
    assert (first.start, first.end) == (date(2026, 1, 1), date(2027, 6, 30))
    assert (first.budget, first.outcome, first.planned_participants) == (500_000, 120_000, 40)
    assert first.participants == Participants(7, 6, 1) and first.participants.total == 14
    assert rows[2].budget is None and rows[2].start is None


def test_portfolio_sums_remaining_and_unspent():
    value = portfolio(2026, 1_000_000, [_facts(application_id=1, approved_amount=600_000, outcome=250_000),
                                        _facts(application_id=2, case_sequence=2, approved_amount=None,
                                               outcome=10_000)])
    assert (value.committed, value.outcome) == (600_000, 260_000)
    assert value.remaining == 400_000 and value.unspent == 340_000
    assert [r.unspent for r in value.rows] == [350_000, -10_000]
    assert portfolio(2026, None, []).remaining is None


@given(frame=st.one_of(st.none(), st.integers(min_value=0, max_value=10**9)),
       amounts=st.lists(st.tuples(st.integers(min_value=0, max_value=10**8), st.integers(min_value=0, max_value=10**8)),
                        max_size=30))
def test_portfolio_remaining_plus_committed_is_the_frame(frame, amounts):
    facts = [_facts(application_id=i, case_sequence=i, approved_amount=a, outcome=o)
             for i, (a, o) in enumerate(amounts, 1)]
    value = portfolio(2026, frame, facts)
    assert value.committed == sum(a for a, _o in amounts)
    assert value.unspent + value.outcome == value.committed
    if frame is not None:
        assert value.remaining is not None and value.remaining + value.committed == frame


def test_frame_warnings_name_year_remaining_and_excess_or_a_missing_frame():
    warnings = frame_warnings({2026: 300, 2027: 100, 2028: 50, 2029: 0}, {2026: 1000, 2027: 1000},
                              {2026: 800, 2027: 900})
    assert warnings == [FrameWarning(2026, 300, 1000, 200, 100), FrameWarning(2028, 50, None, None, 0)]
    assert warnings[1].no_frame
    assert frame_warnings({2026: 200}, {2026: 1000}, {2026: 800}) == []  # exactly what remains: fine


def test_focus_keys_labels_and_period_years():
    assert set(FOCUS_LABELS_SV) == set(FOCUS_KEYS)
    assert period_years("2024-06-01", "2026-05-31") == [2024, 2025, 2026]
    assert period_years("", "2026-01-01") == [] and period_years("2026-01-01", "2025-01-01") == []
    assert len(period_years("2000-01-01", "2099-12-31")) == 20


def test_form_bounds_equal_the_pure_module():
    from builder.cases import national
    from forms.cases import PARTICIPANTS_MAX, TARGET_GROUP_MAX, focus_choices

    assert (TARGET_GROUP_MAX, int(PARTICIPANTS_MAX)) == (national.TARGET_GROUP_MAX, national.PARTICIPANTS_MAX)
    labels = {choice.value: str(choice.label) for choice in focus_choices() if choice.value}
    assert labels == national.FOCUS_LABELS_SV
