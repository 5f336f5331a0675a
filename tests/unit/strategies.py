"""Hypothesis strategies for staff lines, budgets and whole applications."""
from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from builder.budget import (
    PRORATION_MODES,
    AnnualRaise,
    Baseline,
    BaselineRow,
    Budget,
    OtherCost,
    Overhead,
    StaffLine,
)

FIRST_DAY = date(2015, 1, 1)
LAST_DAY = date(2027, 12, 31)


def decimals(low: int, high: int, places: int) -> st.SearchStrategy[Decimal]:
    """Decimals from low to high with at most `places` decimals, built from integers (exact)."""
    scale = 10 ** places
    return st.integers(low * scale, high * scale).map(lambda n: Decimal(n).scaleb(-places))


# Days where the proration rules have their edges and ties (7/28 = 0.25, 14/28 = 15/30 = 0.5,
# 21/28 = 0.75) come up often; plain random dates rarely hit them.
EDGE_DAYS = (1, 2, 7, 8, 14, 15, 16, 17, 21, 22, 28, 29, 30, 31)


@st.composite
def edge_dates(draw) -> date:
    year, month = draw(st.integers(FIRST_DAY.year, LAST_DAY.year)), draw(st.integers(1, 12))
    day = min(draw(st.sampled_from(EDGE_DAYS)), calendar.monthrange(year, month)[1])
    return date(year, month, day)


days = st.dates(FIRST_DAY, LAST_DAY) | edge_dates()
# Round figures too, so that cells of exactly n + 0.5 kr (ties) come up.
ftes = decimals(0, 10, 2).filter(lambda x: x > 0) | st.sampled_from(["0.5", "1", "1.5", "0.25"]).map(Decimal)
salaries = decimals(0, 120_000, 2) | st.integers(0, 99).map(Decimal)
fee_rates = decimals(0, 1, 4) | st.just(Decimal(0))
raises = st.none() | st.builds(AnnualRaise, decimals(0, 1, 3).map(lambda r: r / 10), st.integers(1, 12))
modes = st.sampled_from(PRORATION_MODES)


@st.composite
def spans(draw, max_days: int = 5 * 366) -> tuple[date, date]:
    start = draw(days)
    if draw(st.booleans()):
        end = start + timedelta(days=draw(st.integers(0, max_days)))
    else:
        end = max(start, draw(edge_dates().filter(lambda day: day <= start + timedelta(days=max_days))))
    return start, min(end, LAST_DAY)


@st.composite
def staff_lines(draw, party=st.sampled_from(["A", "B", "C"]), with_raise: bool = True) -> StaffLine:  # noqa: B008 (strategies are immutable)
    start, end = draw(spans())
    return StaffLine(
        party=draw(party), role="R", fte=draw(ftes), monthly_salary=draw(salaries), start=start, end=end,
        social_fee_rate=draw(st.none() | fee_rates),
        annual_raise=draw(raises) if with_raise else None,
    )


years = st.integers(FIRST_DAY.year, LAST_DAY.year).map(str)
amounts = decimals(0, 500_000, 2)
yearly = st.dictionaries(years, amounts, max_size=4)


@st.composite
def budgets(draw, max_lines: int = 6) -> Budget:
    """Budgets with every kind of row; labels never collide (the loader refuses that)."""
    baseline = draw(st.none() | st.lists(
        st.tuples(st.sampled_from(["A", "B", "Lokaler", "Gammal rad", "Utvärdering"]), yearly),
        max_size=4, unique_by=lambda row: row[0]))
    return Budget(
        proration=draw(modes),
        default_social_fee_rate=draw(fee_rates),
        staff=tuple(draw(st.lists(staff_lines(), max_size=max_lines))),
        other_costs=tuple(OtherCost(label, amounts_) for label, amounts_ in draw(
            st.lists(st.tuples(st.sampled_from(["Lokaler", "Resor"]), yearly), max_size=3))),
        overhead=draw(st.none() | st.builds(Overhead, st.just("Overhead"), decimals(0, 1, 3))),
        baseline=None if baseline is None else Baseline(
            "Ursprunglig budget", tuple(BaselineRow(label, amounts_) for label, amounts_ in baseline)),
    )


@st.composite
def one_month_lines(draw) -> StaffLine:
    """A line inside one month, often February or a 30-day month for a tie-length span
    (7, 14 or 21 of 28 days, 15 of 30): where ties-up rounding is decided."""
    year = draw(st.integers(FIRST_DAY.year, LAST_DAY.year))
    month = draw(st.sampled_from([2, 2, 2, 4, 6, 9, 11]) | st.integers(1, 12))
    days_in_month = calendar.monthrange(year, month)[1]
    length = draw(st.sampled_from([7, 14, 15, 21]) | st.integers(1, days_in_month))
    first_day = draw(st.integers(1, max(1, days_in_month - length + 1)))
    start = date(year, month, first_day)
    end = min(start + timedelta(days=length - 1), date(year, month, days_in_month))
    return StaffLine("A", "R", draw(ftes), draw(salaries), start, end, None, None)


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
names = texts.filter(lambda t: t.strip())
amount_texts = decimals(0, 900_000, 2).map(str) | st.integers(0, 900_000)


@st.composite
def application_dicts(draw) -> dict:
    """A valid finsam-application JSON object (as `json.loads` would give it, amounts as text)."""
    start, end = draw(spans(max_days=4 * 366))
    inside = st.dates(start, end)

    def staff_line(party):
        a, b = sorted([draw(inside), draw(inside)])
        line = {"party": party, "role": draw(names), "fte": str(draw(ftes)),
                "monthly_salary": str(draw(salaries)), "start": a.isoformat(), "end": b.isoformat()}
        if draw(st.booleans()):
            line["social_fee_rate"] = str(draw(fee_rates))
        if draw(st.booleans()):
            revision = draw(raises.filter(bool))
            line["annual_raise"] = {"rate": str(revision.rate), "month": revision.month}
        return line

    period_years = st.integers(start.year, end.year).map(str)
    budget = {
        "proration": draw(modes),
        "default_social_fee_rate": str(draw(fee_rates)),
        "staff": [staff_line(p) for p in draw(st.lists(st.sampled_from(["Kommunen", "Regionen"]), max_size=4))],
        "other_costs": [{"label": label, "yearly": draw(st.dictionaries(period_years, amount_texts, max_size=3))}
                        for label in draw(st.lists(st.sampled_from(["Lokaler", "Resor"]), max_size=3))],
    }
    if draw(st.booleans()):
        budget["overhead"] = {"label": "Indirekta kostnader", "rate": str(draw(decimals(0, 1, 3)))}
    if draw(st.booleans()):
        labels = draw(st.lists(names, max_size=3, unique=True))
        budget["baseline"] = {"label": draw(texts), "rows": [  # a baseline spans at most 20 years
            {"label": label, "yearly": draw(st.dictionaries(st.integers(2010, 2029).map(str), amount_texts,
                                                             max_size=3))} for label in labels]}
    out = {
        "format": "finsam-application", "version": 1, "title": draw(names),
        "language": draw(st.sampled_from(["sv", "en"])), "kind": draw(st.sampled_from(["new", "extension"])),
        "association": draw(texts),
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "parties": [{"name": n, "kind": "municipality"} for n in draw(st.lists(names, max_size=2))],
        "sections": draw(st.dictionaries(st.sampled_from(["background", "goals", "other"]), texts)),
        "risks": [{"area": draw(names), "description": draw(texts), "likelihood": draw(st.integers(1, 4)),
                   "consequence": str(draw(st.integers(1, 4)))} for _ in range(draw(st.integers(0, 2)))],
        "signatories": [{"party": draw(names), "name": draw(names)} for _ in range(draw(st.integers(0, 2)))],
        "budget": budget,
    }
    if draw(st.booleans()):
        out["effects"] = [{"label": draw(names), "items": [
            {"label": draw(names), "persons": str(draw(decimals(0, 20, 1))),
             "cost_per_day": str(draw(decimals(0, 5000, 2))), "months": str(draw(decimals(0, 24, 1)))}]}]
    return out
