"""Hypothesis strategies for whole applications whose figures exercise every budget rule:
raises, day and half-month proration, monthly costs with öre, overhead, other costs, a baseline
and effects. Texts are plausible (the round trip tests the figures, not hostile text)."""
from __future__ import annotations

import calendar
import dataclasses
import io
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
from hypothesis import strategies as st

from tests.unit.strategies import decimals

PARTIES = ("Kristianstads kommun", "Region Skåne", "Försäkringskassan", "Vårdcentralen Vilan")
ROLES = ("Socialpedagog", "Projektledare", "Sjuksköterska", "Kurator", "Arbetsterapeut")
EDGE_DAYS = (1, 2, 14, 15, 16, 28, 29, 30, 31)


@st.composite
def days_between(draw, first: date, last: date) -> date:
    if draw(st.booleans()):
        return draw(st.dates(first, last))
    year = draw(st.integers(first.year, last.year))
    month = draw(st.integers(1, 12))
    day = min(draw(st.sampled_from(EDGE_DAYS)), calendar.monthrange(year, month)[1])
    return min(max(date(year, month, day), first), last)


fte_texts = st.sampled_from(["1", "0.5", "0.2", "2", "0.25", "1.5"]) | decimals(0, 3, 2).filter(
    lambda x: x > 0).map(str)
salary_texts = st.sampled_from(["32500", "25003", "31000", "38000.50"]) | decimals(15_000, 70_000, 2).map(str)
rate_texts = st.sampled_from(["0.4015", "0.5", "0.3142", "0.40", "0"]) | decimals(0, 1, 4).map(str)


@st.composite
def staff_line(draw, start: date, end: date, party: str) -> dict:
    a, b = sorted([draw(days_between(start, end)), draw(days_between(start, end))])
    line = {"party": party, "role": draw(st.sampled_from(ROLES)), "fte": draw(fte_texts),
            "monthly_salary": draw(salary_texts), "start": a.isoformat(), "end": b.isoformat()}
    if draw(st.booleans()):
        line["social_fee_rate"] = draw(rate_texts)
    if draw(st.booleans()):
        line["annual_raise"] = {"rate": draw(st.sampled_from(["0.03", "0.025", "0.1"]) | decimals(0, 1, 3).map(
            lambda r: str(r / 10))), "month": draw(st.integers(1, 12))}
    return line


@st.composite
def figure_applications(draw, max_lines: int = 5) -> dict:
    """A valid finsam-application JSON object ready for signing."""
    start = draw(days_between(date(2016, 1, 1), date(2022, 12, 31)))
    end = start + timedelta(days=draw(st.integers(30, 4 * 366)))
    parties = draw(st.lists(st.sampled_from(PARTIES), min_size=1, max_size=3, unique=True))
    staff = [draw(staff_line(start, end, draw(st.sampled_from(parties))))
             for _ in range(draw(st.integers(1, max_lines)))]
    years = st.integers(start.year, end.year).map(str)
    amounts = decimals(0, 300_000, 2).map(str) | st.integers(0, 300_000).map(str)
    budget = {"proration": draw(st.sampled_from(["half_month", "day", "month"])),
              "default_social_fee_rate": draw(rate_texts), "staff": staff,
              "other_costs": [{"label": label, "yearly": draw(st.dictionaries(years, amounts, min_size=1, max_size=3))}
                              for label in draw(st.lists(st.sampled_from(["Lokaler", "Resor", "Utvärdering"]),
                                                         max_size=2, unique=True))]}
    if draw(st.booleans()):
        budget["overhead"] = {"label": "Indirekta kostnader", "rate": draw(decimals(0, 1, 3).map(lambda r: str(r / 5)))}
    kind = "new"
    if draw(st.booleans()):
        kind = "extension"
        labels = draw(st.lists(st.sampled_from([*parties, "Lokaler", "Gammal post", "Workshops"]), min_size=1,
                               max_size=4, unique=True))
        old_years = st.integers(start.year - 2, start.year).map(str)
        budget["baseline"] = {"label": "Ursprunglig budget", "rows": [
            {"label": label, "yearly": draw(st.dictionaries(old_years, amounts, min_size=1, max_size=3))}
            for label in labels]}
    app = {
        "format": "finsam-application", "version": 1, "title": draw(st.sampled_from(
            ["Hela Familjen", "Steg framåt", "Hela Familjen – utökning av försöksverksamhet"])),
        "kind": kind, "association": "Samordningsförbundet Test", "process_owner": parties[0],
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "parties": [{"name": p, "kind": "other"} for p in parties],
        "sections": {"background": "Bakgrund.", "target_group": "Målgrupp.", "goals": "Mål.",
                     "activities": "Aktiviteter."},
        "signatories": [{"party": p, "name": f"Person {i + 1}", "title": "Chef"} for i, p in enumerate(parties)],
        "budget": budget,
    }
    if draw(st.booleans()):
        app["effects"] = [{"label": "Undvikna placeringar", "items": [
            {"label": "HVB", "persons": draw(decimals(0, 20, 1).map(str)),
             "cost_per_day": draw(decimals(0, 5000, 2).map(str)), "months": draw(decimals(0, 24, 1).map(str))}]}]
    return app


# A finance officer typing over the first staff line's salary, FTE and social-fee rate in the workbook.
workbook_edits = st.tuples(st.integers(1_500_000, 9_000_000).map(lambda n: Decimal(n) / 100),
                           st.sampled_from(["0.5", "0.25", "1.3", "0.75"]).map(Decimal),
                           st.integers(0, 6000).map(lambda n: Decimal(n) / 10000))


def with_first_line_changed(app, salary: Decimal, fte: Decimal, rate: Decimal):
    """The application with the first staff line's salary, FTE and social-fee rate changed."""
    first, *rest = app.budget.staff
    line = dataclasses.replace(first, monthly_salary=salary, fte=fte, social_fee_rate=rate)
    return dataclasses.replace(app, budget=dataclasses.replace(app.budget, staff=(line, *rest)))


def edit_first_line(data: bytes, salary: Decimal, fte: Decimal, rate: Decimal) -> bytes:
    """The workbook with the first staff line's inputs typed over (Personal!C5, D5, E5)."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    ws = workbook["Personal"]
    ws["D5"], ws["C5"], ws["E5"] = float(salary), float(fte), float(rate)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
