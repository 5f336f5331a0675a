"""Budget input values: plain, immutable dataclasses (standard library only)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import NamedTuple

PRORATION_MODES = ("half_month", "day", "month")


def whole_kronor(amount: Decimal) -> int:
    """Round half-up (away from zero) to whole kronor: the spec's one rounding rule."""
    return int(round_half_up(Decimal(amount), 0))


def round_half_up(amount: Decimal, places: int = 0) -> Decimal:
    """`amount` rounded half-up (away from zero) to `places` decimals (0: kronor, 2: öre)."""
    rounded = Decimal(amount).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded + 0  # -0 (from a small negative amount) as 0


@dataclass(frozen=True)
class AnnualRaise:
    """Salary revision: from the 1st of `month` each year after the start, salary × (1 + rate)."""

    rate: Decimal
    month: int


@dataclass(frozen=True)
class StaffLine:
    party: str
    role: str
    fte: Decimal
    monthly_salary: Decimal
    start: date
    end: date
    social_fee_rate: Decimal | None = None
    annual_raise: AnnualRaise | None = None


@dataclass(frozen=True)
class OtherCost:
    label: str
    yearly: dict[str, Decimal]
    party: str | None = None


@dataclass(frozen=True)
class Overhead:
    label: str
    rate: Decimal


@dataclass(frozen=True)
class BaselineRow:
    label: str
    yearly: dict[str, Decimal]


@dataclass(frozen=True)
class Baseline:
    label: str
    rows: tuple[BaselineRow, ...]


@dataclass(frozen=True)
class Budget:
    proration: str = "half_month"
    default_social_fee_rate: Decimal = Decimal("0")
    staff: tuple[StaffLine, ...] = ()
    other_costs: tuple[OtherCost, ...] = ()
    overhead: Overhead | None = None
    baseline: Baseline | None = None

    def fee_rate(self, line: StaffLine) -> Decimal:
        """The social-fee rate that applies to a line (its own, else the default)."""
        return self.default_social_fee_rate if line.social_fee_rate is None else line.social_fee_rate


@dataclass(frozen=True)
class EffectItem:
    label: str
    persons: Decimal
    cost_per_day: Decimal
    months: Decimal
    days_per_month: Decimal = Decimal("30.5")


@dataclass(frozen=True)
class EffectScenario:
    label: str
    items: tuple[EffectItem, ...] = ()
    cost: Decimal | None = None


@dataclass(frozen=True)
class Row:
    """One computed summary row: whole kronor per year."""

    label: str
    yearly: dict[str, int]
    kind: str = "party"  # party | other | overhead
    baseline_total: int | None = None
    delta: int | None = None

    @property
    def total(self) -> int:
        return sum(self.yearly.values())


class Revision(NamedTuple):
    """The line's exact monthly cost (× FTE) from `start` on: the first at the line's start,
    then one after each annual raise (`steps` raises applied)."""

    start: date
    steps: int
    monthly_cost: Decimal


class YearPart(NamedTuple):
    """Months of one year counted at one monthly cost (exact; months rounded by the proration rule)."""

    months: Fraction
    monthly_cost: Decimal
    steps: int = 0


class LineYear(NamedTuple):
    """One calendar year of a line: its parts (one per salary level) and the rounded cell."""

    year: str
    parts: tuple[YearPart, ...]
    amount: int

    @property
    def months(self) -> Fraction:
        return sum((part.months for part in self.parts), Fraction(0))


class EdgeMonth(NamedTuple):
    """A first or last month the line only partly covers: days active, days in it, the share counted."""

    year: int
    month: int
    days: int
    days_in_month: int
    share: Fraction
    first: bool  # the line's first month (else its last)


@dataclass(frozen=True)
class LineDetail:
    """One staff line's figures for the narrative and the per-line table.

    Every output prints these: no output recomputes a figure of its own.
    """

    index: int
    line: StaffLine
    social_fee_rate: Decimal
    monthly_cost_full_time: Decimal  # salary × (1 + fees), one full-time post, at the start salary
    yearly_cost_full_time: Decimal
    monthly_cost: Decimal  # × FTE
    yearly_cost: Decimal
    cells: dict[str, int]
    years: tuple[LineYear, ...] = ()  # months counted and cost per calendar year
    revisions: tuple[Revision, ...] = ()  # the exact monthly cost at the start and after each raise
    edges: tuple[EdgeMonth, ...] = ()  # partly covered first/last months

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    @property
    def months_by_year(self) -> dict[str, Fraction]:
        """Months counted per calendar year (the proration rule applied), for the years with any."""
        return {year.year: year.months for year in self.years if year.parts}


@dataclass(frozen=True)
class EffectResult:
    label: str
    items: tuple[tuple[EffectItem, int], ...]
    total: int
    cost: int
    net: int


@dataclass(frozen=True)
class BudgetTable:
    """The computed budget: rows, their years, totals and (with a baseline) deltas."""

    years: tuple[str, ...]
    rows: tuple[Row, ...]
    lines: tuple[LineDetail, ...]
    baseline: Baseline | None = None
    carried_over: tuple[Row, ...] = field(default=())

    @property
    def yearly_totals(self) -> dict[str, int]:
        return {y: sum(r.yearly.get(y, 0) for r in self.rows) for y in self.years}

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)

    @property
    def has_baseline(self) -> bool:
        return self.baseline is not None

    @property
    def baseline_label(self) -> str:
        return self.baseline.label if self.baseline is not None else ""

    @property
    def baseline_rows(self) -> tuple[BaselineRow, ...]:
        return self.baseline.rows if self.baseline is not None else ()

    @property
    def baseline_total(self) -> int:
        if self.baseline is None:
            return 0
        # Rule 4: the sum of rounded cells, as each baseline row's own total is.
        return sum(whole_kronor(amount) for r in self.baseline.rows for amount in r.yearly.values())

    @property
    def delta(self) -> int:
        return sum(r.delta or 0 for r in self.rows)

    @property
    def revised_total(self) -> int:
        return self.baseline_total + self.delta
