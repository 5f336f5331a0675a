"""The reporting schedule of a granted project (pure): interim reports after 30 April and 31 August,
a yearly report, and a final report with the evaluation, as samordningsförbund commonly ask for them."""
from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

FINAL_REPORT_MONTHS = 2


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


def reporting_schedule(start: date, end: date) -> list[Report]:
    """Every report due for a project running from `start` to `end`, in date order."""
    if end < start:
        return []
    reports = []
    for year in range(start.year, end.year + 1):
        for kind, cutoff, due in (("interim_april", date(year, 4, 30), date(year, 5, 31)),
                                  ("interim_august", date(year, 8, 31), date(year, 9, 30)),
                                  ("yearly", date(year, 12, 31), date(year + 1, 1, 31))):
            if start <= cutoff < end:
                reports.append(Report(kind, year, cutoff, due))
    reports.append(Report("final", end.year, end, _months_later(end, FINAL_REPORT_MONTHS)))
    return reports
