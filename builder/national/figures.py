"""Rows of the national export and the portfolio, commitments per year and the frame check: pure functions.

Money is whole kronor (int) as the engine computes it; nothing here rounds except `split_by_year`, which
hands out whole kronor exactly (the parts add up to the total).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

COUNTED_STATUSES = ("submitted", "approved")  # a period report's outcome and participants count from submission


def split_by_year(total: int, weights: Mapping[int, int]) -> dict[int, int]:
    """`total` in whole kronor over the years of `weights` in proportion to them (largest remainder: the
    parts add up to `total`, each within one krona of its exact share; ties go to the earlier year).
    Years weighing nothing get 0; with no weight at all the total is shared evenly."""
    years = sorted(weights)
    if not years:
        return {}
    raw = {year: max(int(weights[year]), 0) for year in years}
    whole = sum(raw.values())
    if whole == 0:
        raw, whole = {year: 1 for year in years}, len(years)
    shares = {year: total * raw[year] // whole for year in years}
    remainders = sorted(years, key=lambda year: (-(total * raw[year] % whole), year))
    for year in remainders[:total - sum(shares.values())]:
        shares[year] += 1
    return shares


def commitment_by_year(decided: Mapping[str, int], approved_total: int | None,
                       yearly_totals: Mapping[str, int]) -> dict[int, int]:
    """What a decision commits per calendar year.

    The styrelse's yearly amounts when it recorded them; else the approved version's budget per year (the
    engine's yearly totals: for an extension the new budget's total of each year) when no other total was
    approved or the approved total equals the budget's; else the approved total shared over the budget's
    years in proportion to them.
    """
    if decided:
        return {int(year): int(amount) for year, amount in decided.items()}
    yearly = {int(year): int(amount) for year, amount in yearly_totals.items()}
    if approved_total is None or approved_total == sum(yearly.values()):
        return yearly
    return split_by_year(approved_total, yearly)


@dataclass(frozen=True)
class Participants:
    """Participants by sex (women, men, other or not stated)."""

    women: int = 0
    men: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.women + self.men + self.other

    def __add__(self, other: Participants) -> Participants:
        return Participants(self.women + other.women, self.men + other.men, self.other + other.other)


def actual_participants(ongoing_before: Participants | None, started: Participants | None) -> Participants:
    """A year's participants: those still taking part at the end of the previous year's last counted report,
    plus those who started in the year's counted reports (each person once a year)."""
    return (ongoing_before or Participants()) + (started or Participants())


@dataclass(frozen=True)
class InsatsFacts:
    """What the database holds about one insats in one year (sums already made in SQL)."""

    application_id: int
    name: str
    case_number: str = ""
    case_year: int = 0
    case_sequence: int = 0
    focus: str = ""  # a key of builder.cases.national.FOCUS_KEYS, or ""
    target_group: str = ""
    period_start: str = ""  # ISO dates as the application states them, or ""
    period_end: str = ""
    approved_amount: int | None = None  # the year's commitment (InsatsYear), None without one
    planned_participants: int | None = None
    outcome: int = 0  # sum of the year's counted outcome rows
    started: Participants = field(default_factory=Participants)
    ongoing_before: Participants | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.case_year == 0, self.case_year, self.case_sequence, self.name, self.application_id)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


@dataclass(frozen=True)
class NationalRow:
    """One insats's row of the export to Uppföljning Finsam for one calendar year."""

    name: str
    case_number: str
    focus: str  # the national system's label ("Individinriktad"), "" when not registered
    target_group: str
    start: date | None
    end: date | None
    budget: int | None
    outcome: int
    planned_participants: int | None
    participants: Participants


def national_rows(facts: Iterable[InsatsFacts], focus_labels: Mapping[str, str]) -> list[NationalRow]:
    """The export's rows, by diarienummer (year and sequence), insatser without a case last; `focus_labels`
    names each focus key (builder.cases.national.FOCUS_LABELS_SV)."""
    return [NationalRow(name=f.name, case_number=f.case_number, focus=focus_labels.get(f.focus, f.focus),
                        target_group=f.target_group, start=_day(f.period_start), end=_day(f.period_end),
                        budget=f.approved_amount, outcome=f.outcome, planned_participants=f.planned_participants,
                        participants=actual_participants(f.ongoing_before, f.started))
            for f in sorted(facts, key=lambda f: f.sort_key)]


@dataclass(frozen=True)
class PortfolioRow:
    application_id: int
    name: str
    case_number: str
    committed: int
    outcome: int

    @property
    def unspent(self) -> int:
        return self.committed - self.outcome


@dataclass(frozen=True)
class Portfolio:
    """An association's year: the frame, what decisions committed, what was reported spent, and what is left."""

    year: int
    frame: int | None
    rows: tuple[PortfolioRow, ...]

    @property
    def committed(self) -> int:
        return sum(row.committed for row in self.rows)

    @property
    def outcome(self) -> int:
        return sum(row.outcome for row in self.rows)

    @property
    def remaining(self) -> int | None:
        """Frame − commitments (negative: committed beyond the frame); None without a frame."""
        return None if self.frame is None else self.frame - self.committed

    @property
    def unspent(self) -> int:
        """Commitments − reported outcomes."""
        return self.committed - self.outcome


def portfolio(year: int, frame: int | None, facts: Iterable[InsatsFacts]) -> Portfolio:
    """The portfolio of a year from each insats's commitment and outcome, ordered like the export."""
    return Portfolio(year=year, frame=frame, rows=tuple(
        PortfolioRow(application_id=f.application_id, name=f.name, case_number=f.case_number,
                     committed=f.approved_amount or 0, outcome=f.outcome)
        for f in sorted(facts, key=lambda f: f.sort_key)))


@dataclass(frozen=True)
class FrameWarning:
    """A proposed approval against a year's frame: no frame set, or more than what remains of it."""

    year: int
    proposed: int
    frame: int | None
    remaining: int | None  # frame − other applications' commitments
    excess: int  # proposed − remaining (0 when there is no frame)

    @property
    def no_frame(self) -> bool:
        return self.frame is None


def frame_warnings(proposed: Mapping[int, int], frames: Mapping[int, int],
                   committed_by_others: Mapping[int, int]) -> list[FrameWarning]:
    """A warning for each year of `proposed` that has no frame or whose amount exceeds the frame less the
    other applications' commitments (the application's own commitments are not in `committed_by_others`)."""
    warnings = []
    for year in sorted(proposed):
        amount = proposed[year]
        if amount <= 0:
            continue
        if year not in frames:
            warnings.append(FrameWarning(year, amount, None, None, 0))
            continue
        remaining = frames[year] - committed_by_others.get(year, 0)
        if amount > remaining:
            warnings.append(FrameWarning(year, amount, frames[year], remaining, amount - remaining))
    return warnings
