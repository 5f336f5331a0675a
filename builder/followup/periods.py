"""The reporting periods of an approved insats (pure: the standard library only).

An association reports at the period ends it has chosen ("04-30,08-31,12-31"); within each calendar year
of the insats's period every period end makes a period. A period ending on 31 December is the year
report ("ar"), one ending before is an interim report ("delar"), and the period holding the insats's last
day is the final report ("slut"), which ends on that day.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

KIND_INTERIM, KIND_YEAR, KIND_FINAL = "delar", "ar", "slut"
MAX_PERIODS_PER_YEAR = 12
MAX_YEARS = 20


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    kind: str

    @property
    def year(self) -> int:
        return self.end.year


def parse_period_ends(text_or_list: str | list[str]) -> list[tuple[int, int]]:
    """(month, day) of each valid "MM-DD" in order, without repeats; 12-31 is always the last one."""
    items = text_or_list.split(",") if isinstance(text_or_list, str) else list(text_or_list)
    found: set[tuple[int, int]] = set()
    for item in items[:MAX_PERIODS_PER_YEAR * 2]:
        month_text, _sep, day_text = item.strip().partition("-")
        if not (month_text.isdigit() and day_text.isdigit() and len(month_text) <= 2 and len(day_text) <= 2):
            continue
        month, day = int(month_text), int(day_text)
        # 29 February is no period end (as in the agreement's schedule, builder/cases/reporting.py)
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2001, month)[1]:
            found.add((month, day))
    found.add((12, 31))
    return sorted(found)[-MAX_PERIODS_PER_YEAR:] if len(found) > MAX_PERIODS_PER_YEAR else sorted(found)


def _end_in(year: int, month: int, day: int) -> date:
    return date(year, month, day)


def periods(start: date, end: date, period_ends: str | list[str]) -> list[Period]:
    """Every reporting period of an insats running from `start` to `end`, in date order."""
    if end < start or end.year - start.year >= MAX_YEARS:
        return []
    ends = parse_period_ends(period_ends)
    out: list[Period] = []
    for year in range(start.year, end.year + 1):
        previous = date(year, 1, 1) - timedelta(days=1)
        for month, day in ends:
            period_end = _end_in(year, month, day)
            period_start = max(previous + timedelta(days=1), start)
            previous = period_end
            if period_end < start:
                continue
            if period_start > end:
                return out
            if period_end >= end:
                out.append(Period(period_start, end, KIND_FINAL))
                return out
            out.append(Period(period_start, period_end, KIND_YEAR if (month, day) == (12, 31) else KIND_INTERIM))
    return out


def may_open(period: Period, today: date) -> bool:
    """A report can be opened for a period that has ended or is running today."""
    return period.start <= today
