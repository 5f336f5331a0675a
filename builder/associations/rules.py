"""What an association's settings must look like: organisation number, reporting periods, frames (pure).

Each check returns the cleaned value or raises SettingError with a message key the callers translate
(the CLI prints English, the web pages say it at the field in the user's language).
"""
from __future__ import annotations

import re
from datetime import date

ORGNR = re.compile(r"([0-9]{6})-?([0-9]{4})")
PERIOD = re.compile(r"([0-9]{2})-([0-9]{2})")
MAX_NAME = 200
MAX_PERIODS = 12
MAX_FRAME = 10_000_000_000  # kronor: ten billion, far above any association's year
MIN_YEAR, MAX_YEAR = 2000, 2100


class SettingError(ValueError):
    """A setting that cannot be used; `code` names the rule broken."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def luhn_ok(digits: str) -> bool:
    """The Luhn check (mod 10) over all digits, the last being the check digit (Swedish organisationsnummer)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def check_orgnr(text: str) -> str:
    """"NNNNNN-NNNN" (the hyphen may be left out) with a correct check digit; returned with the hyphen."""
    text = (text or "").strip()
    if len(text) > 20:
        raise SettingError("orgnr_format")
    found = ORGNR.fullmatch(text)
    if not found:
        raise SettingError("orgnr_format")
    digits = found.group(1) + found.group(2)
    if not luhn_ok(digits):
        raise SettingError("orgnr_check")
    return f"{found.group(1)}-{found.group(2)}"


def check_periods(text: str) -> str:
    """Period ends "MM-DD" separated by commas, real dates, strictly increasing, the last 12-31."""
    text = (text or "").strip()
    if not text or len(text) > 100:
        raise SettingError("periods_format")
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > MAX_PERIODS:
        raise SettingError("periods_format")
    days = []
    for part in parts:
        found = PERIOD.fullmatch(part)
        if not found:
            raise SettingError("periods_format")
        try:
            days.append(date(2001, int(found.group(1)), int(found.group(2))))  # not a leap year: no 02-29
        except ValueError:
            raise SettingError("periods_date") from None
    if any(b <= a for a, b in zip(days, days[1:], strict=False)):
        raise SettingError("periods_order")
    if (days[-1].month, days[-1].day) != (12, 31):
        raise SettingError("periods_year_end")
    return ",".join(d.strftime("%m-%d") for d in days)


def check_name(text: str) -> str:
    name = " ".join((text or "").split())
    if not name:
        raise SettingError("name_required")
    if len(name) > MAX_NAME:
        raise SettingError("name_long")
    return name


def check_year(value: int | str) -> int:
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text) != 4 or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise SettingError("year")
    return int(text)


def check_amount(value: int | str) -> int:
    text = str(value).replace(" ", "").replace("\u00a0", "").replace("\u202f", "").strip()
    if len(text) > 15 or not (text.isascii() and text.isdigit()):
        raise SettingError("amount")
    amount = int(text)
    if amount > MAX_FRAME:
        raise SettingError("amount")
    return amount


ENGLISH = {
    "orgnr_format": "an organisation number is ten digits, NNNNNN-NNNN",
    "orgnr_check": "the organisation number's check digit is wrong",
    "periods_format": "reporting periods are period ends MM-DD separated by commas, e.g. 04-30,08-31,12-31",
    "periods_date": "a reporting period ends on a date that does not exist",
    "periods_order": "the reporting periods must be in date order, each later than the one before",
    "periods_year_end": "the last reporting period must end on 12-31",
    "name_required": "the association needs a name",
    "name_long": f"a name is at most {MAX_NAME} characters",
    "name_taken": "there is already an association with this name",
    "year": f"a year is four digits from {MIN_YEAR} to {MAX_YEAR}",
    "amount": "an amount is whole kronor, at most 10 000 000 000",
    "pattern": "the case-number pattern may hold only {year} and {n}, and must hold {n}",
}
