"""Every limit of the finsam-application format, defined once: the loader and the wizard's forms use these.

A file the loader accepts always fits the wizard's forms (rows per list, years, decimals), and a value
a form accepts always passes the loader.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Range:
    """Bounds of a number: at least `low` (greater than it when `low_exclusive`) and at most `high`."""

    low: Decimal
    high: Decimal
    low_exclusive: bool = False

    def contains(self, value: Decimal) -> bool:
        return (value > self.low if self.low_exclusive else value >= self.low) and value <= self.high

    @property
    def least(self) -> Decimal:
        """The smallest value with at most MAX_DECIMALS decimals inside the range (for a form's minimum)."""
        return self.low + Decimal(1).scaleb(-MAX_DECIMALS) if self.low_exclusive else self.low


# Text
MAX_TEXT = 100_000  # a section, a risk description or mitigation
MAX_SHORT_TEXT = 500  # names, labels, titles

# Numbers: more decimals than this is no amount, rate or FTE anyone means; an exponent such as 1e-999999
# would otherwise make every exact sum of a staff line carry a million-digit denominator.
MAX_DECIMALS = 20
FTE = Range(Decimal(0), Decimal(10), low_exclusive=True)  # a line may hold several posts
MONTHLY_SALARY = Range(Decimal(0), Decimal(10_000_000))
SOCIAL_FEE_RATE = Range(Decimal(0), Decimal("1.5"))
RAISE_RATE = Range(Decimal(0), Decimal("0.5"))
OVERHEAD_RATE = Range(Decimal(0), Decimal(1))
AMOUNT = Range(Decimal(0), Decimal(1_000_000_000))  # a thousand million kronor in one cell is no FINSAM project
SCORE = Range(Decimal(1), Decimal(4))  # risk likelihood and consequence
MONTH = Range(Decimal(1), Decimal(12))
EFFECT_PERSONS = Range(Decimal(0), Decimal(100_000))
EFFECT_COST_PER_DAY = Range(Decimal(0), Decimal(1_000_000))
EFFECT_MONTHS = Range(Decimal(0), Decimal(240))
EFFECT_DAYS_PER_MONTH = Range(Decimal(0), Decimal(31))
DEFAULT_DAYS_PER_MONTH = "30.5"

# Years and dates: earlier than FIRST_YEAR is no FINSAM project (and a year under 1000 is no YYYY column).
FIRST_YEAR = 1900
LAST_YEAR = 2100
MAX_PERIOD_YEARS = 15  # a project period is shorter than this many years
MAX_YEAR_COLUMNS = 20  # one amount input per year: the baseline spans at most this many calendar years

# Rows per list: the wizard shows one input row each, so a longer list is refused on import.
MAX_PARTIES = 50
MAX_RISKS = 100
MAX_SIGNATORIES = 50
MAX_STAFF_LINES = 1000
MAX_OTHER_COSTS = 100
MAX_BASELINE_ROWS = 100
MAX_SCENARIOS = 20
MAX_EFFECT_ITEMS = 50
