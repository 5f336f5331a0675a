"""A period report's figures (pure: no Flask, no database): per budget row and per party the budget for the
year, the outcome in the period and year to date, the forecast, the difference and what remains.

The budget per row and year comes from the budget engine (`compute_budget`: a staff line's yearly cells,
an other cost's rounded yearly amounts, the overhead row); nothing here computes a money rule of its own.
Every sum is a sum of rows, so per party and in total the figures add up.

- difference = forecast − budget (what the year is expected to end above (+) or below (−) the budget)
- remaining = budget − outcome year to date
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from builder.budget import Budget, BudgetTable, compute_budget, round_kr

COMMON_PARTY = ""  # overhead and other costs without a party: the insats's common costs


@dataclass(frozen=True)
class BudgetRow:
    """One row of the approved budget that outcomes are reported against."""

    key: str  # "staff:<index>", "other:<index>", "overhead"
    kind: str  # staff | other | overhead
    label: str
    party: str
    yearly: Mapping[str, int]


def budget_rows(budget: Budget, table: BudgetTable | None = None) -> tuple[BudgetRow, ...]:
    """The rows of a budget in the engine's order: staff lines, other costs, overhead."""
    table = table if table is not None else compute_budget(budget)
    rows = [BudgetRow(f"staff:{detail.index}", "staff", detail.line.role, detail.line.party, dict(detail.cells))
            for detail in table.lines]
    rows += [BudgetRow(f"other:{i}", "other", cost.label, cost.party or COMMON_PARTY,
                       {year: round_kr(Decimal(amount)) for year, amount in cost.yearly.items()})
             for i, cost in enumerate(budget.other_costs)]
    rows += [BudgetRow("overhead", "overhead", row.label, COMMON_PARTY, dict(row.yearly))
             for row in table.rows if row.kind == "overhead"]
    return tuple(rows)


@dataclass(frozen=True)
class Figure:
    """Whole kronor: budget for the year, outcome in the period and year to date, forecast for the year."""

    budget: int = 0
    outcome: int = 0
    ytd: int = 0
    forecast: int = 0

    @property
    def difference(self) -> int:
        return self.forecast - self.budget

    @property
    def remaining(self) -> int:
        return self.budget - self.ytd

    def __add__(self, other: Figure) -> Figure:
        return Figure(self.budget + other.budget, self.outcome + other.outcome, self.ytd + other.ytd,
                      self.forecast + other.forecast)


@dataclass(frozen=True)
class RowFigures:
    row: BudgetRow
    figure: Figure
    forecast_set: bool  # the lead changed the forecast (else it is the budget)
    reported: bool  # an outcome was entered for the row in this period

    @property
    def key(self) -> str:
        return self.row.key


@dataclass(frozen=True)
class PartyFigures:
    party: str
    rows: tuple[RowFigures, ...]
    figure: Figure


@dataclass(frozen=True)
class ReportFigures:
    year: str
    rows: tuple[RowFigures, ...]
    parties: tuple[PartyFigures, ...]
    total: Figure = field(default_factory=Figure)

    @property
    def missing(self) -> tuple[str, ...]:
        """The keys of the rows without an outcome in this period."""
        return tuple(r.key for r in self.rows if not r.reported)


def _sum(figures: Sequence[Figure]) -> Figure:
    total = Figure()
    for figure in figures:
        total = total + figure
    return total


def report_figures(rows: Sequence[BudgetRow], year: str | int, outcome: Mapping[str, int],
                   earlier: Mapping[str, int] | None = None,
                   forecast: Mapping[str, int | None] | None = None) -> ReportFigures:
    """The figures of one period of `year`.

    outcome: the period's outcome per row key (a key left out: not reported); earlier: the outcome of the
    year's earlier periods per row key; forecast: the lead's forecast per row key (None or left out: the budget).
    """
    year = str(year)
    earlier = earlier or {}
    forecast = forecast or {}
    computed: list[RowFigures] = []
    for row in rows:
        budget = row.yearly.get(year, 0)
        amount = outcome.get(row.key, 0)
        override = forecast.get(row.key)
        computed.append(RowFigures(row, Figure(budget, amount, earlier.get(row.key, 0) + amount,
                                               budget if override is None else override),
                                   override is not None, row.key in outcome))
    by_party: dict[str, list[RowFigures]] = {}
    for item in computed:
        by_party.setdefault(item.row.party, []).append(item)
    named = [p for p in by_party if p != COMMON_PARTY] + ([COMMON_PARTY] if COMMON_PARTY in by_party else [])
    parties = tuple(PartyFigures(p, tuple(by_party[p]), _sum([r.figure for r in by_party[p]])) for p in named)
    return ReportFigures(year, tuple(computed), parties, _sum([p.figure for p in parties]))


def year_budget(rows: Sequence[BudgetRow], year: str | int) -> int:
    return sum(row.yearly.get(str(year), 0) for row in rows)


QUESTION_KEYS = ("progress", "deviations", "changes")  # the short text answers, in the report's order
STAGES = ("started", "ongoing", "finished")
SEXES = ("women", "men", "other")
PARTICIPANT_KEYS = tuple((stage, sex) for stage in STAGES for sex in SEXES)
MAX_PARTICIPANTS = 100_000  # per count
MAX_ANSWER_CHARS = 4_000


@dataclass(frozen=True)
class Participants:
    """Anonymous counts of one period: (stage, sex) → number."""

    counts: Mapping[tuple[str, str], int] = field(default_factory=dict)

    def get(self, stage: str, sex: str) -> int:
        return self.counts.get((stage, sex), 0)

    def stage_total(self, stage: str) -> int:
        return sum(self.get(stage, sex) for sex in SEXES)


@dataclass(frozen=True)
class ReportDocument:
    """Everything a period report's DOCX and XLSX print, computed beforehand (plain values)."""

    kind: str  # delar | ar | slut
    title: str  # the insats
    association: str
    case_number: str
    period_start: date
    period_end: date
    figures: ReportFigures
    participants: Participants = field(default_factory=Participants)
    planned: int | None = None  # planned participants in the year (None: not known)
    answers: tuple[tuple[str, str], ...] = ()  # (question key, text)
    version_number: int | None = None
    status: str = "draft"
    report_date: date | None = None


def actual_participants(reports: Sequence[tuple[date, Participants]], year: int) -> dict[str, int]:
    """A year's participants by sex: those ongoing at the end of the previous year's last report, plus those
    who started in the year's reports. `reports`: (period end, counts) of the submitted and approved reports."""
    before = [item for item in reports if item[0].year == year - 1]  # as the national export counts them
    carried = max(before, key=lambda item: item[0])[1] if before else Participants()
    started = [counts for end, counts in reports if end.year == year]
    return {sex: carried.get("ongoing", sex) + sum(c.get("started", sex) for c in started) for sex in SEXES}


def ongoing_mismatches(previous: Participants, current: Participants) -> list[tuple[str, int, int]]:
    """(sex, expected, typed) where the ongoing count at the period's end is not the previous report's ongoing
    + started − finished in this period (the counts' own rule); nothing when every sex adds up."""
    out = []
    for sex in SEXES:
        expected = previous.get("ongoing", sex) + current.get("started", sex) - current.get("finished", sex)
        if current.get("ongoing", sex) != expected:
            out.append((sex, expected, current.get("ongoing", sex)))
    return out
