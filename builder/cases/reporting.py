"""The reporting schedule of a granted project (pure): interim reports after each of the association's
reporting periods (commonly 30 April and 31 August or 30 September), a yearly report, and a final report
with the evaluation, as samordningsförbund commonly ask for them."""
from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from builder.followup.periods import parse_period_ends  # one reading of "MM-DD" period ends

FINAL_REPORT_MONTHS = 2
DEFAULT_PERIOD_ENDS = ("04-30", "08-31", "12-31")
# The usual cut-offs have their own labels ("Delårsrapport till och med 30 april"); any other is "interim".
NAMED_INTERIMS = {(4, 30): "interim_april", (8, 31): "interim_august", (9, 30): "interim_september"}


@dataclass(frozen=True)
class Report:
    kind: str  # interim_april | interim_august | yearly | final
    year: int
    covers_until: date
    due: date


def _months_later(day: date, months: int) -> date:
    """The last day of the month `months` after `day`'s month."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, monthrange(year, month)[1])


def reporting_schedule(start: date, end: date, period_ends=DEFAULT_PERIOD_ENDS) -> list[Report]:
    """Every report due for a project running from `start` to `end`, in date order.

    `period_ends`: the association's reporting periods' last days as "MM-DD"; each report is due at the
    end of the month after its period (the final one two months after the project's end).
    """
    if end < start:
        return []
    reports = []
    for year in range(start.year, end.year + 1):
        for month, day_ in parse_period_ends(list(period_ends)):
            cutoff = date(year, month, day_)
            kind = "yearly" if (month, day_) == (12, 31) else NAMED_INTERIMS.get((month, day_), "interim")
            if start <= cutoff < end:
                reports.append(Report(kind, year, cutoff, _months_later(cutoff, 1)))
    reports.append(Report("final", end.year, end, _months_later(end, FINAL_REPORT_MONTHS)))
    return reports
