"""Form fields that accept numbers as Swedish users type them: "31 000", "31 000,50", "0,6", "40 %"."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, StringField
from wtforms.utils import unset_value
from wtforms.validators import ValidationError

from builder.appformat.limits import FIRST_YEAR, LAST_YEAR, MAX_DECIMALS, SOCIAL_FEE_RATE  # defined once
from builder.formatting import decimal as format_decimal
from builder.formatting import number as format_number
from builder.swedish_numbers import parse_swedish_decimal

MAX_ROW_INDEX = 99_999  # far above every list's max_entries; a row index is ASCII digits and no more
_ROW_INDEX = re.compile(r"[0-9]{1,5}")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_UNIT = re.compile(r"\s*(?:kr|:-)\s*$", re.IGNORECASE)


def parse_swedish_number(text: str) -> tuple[Decimal, bool]:
    """Parse "31 000,50", "0,6", "40 %", "1.041.600", "0.125"; returns (value, had a percent sign).

    The number itself is read by builder.swedish_numbers, the one parser the Word checker uses too.
    """
    cleaned = (text or "").strip()
    percent = cleaned.endswith("%")
    cleaned = _UNIT.sub("", cleaned.removesuffix("%"))
    value = parse_swedish_decimal(cleaned)
    if value is None:
        raise ValueError(text)
    return value, percent


class SwedishDecimalField(StringField):
    """A decimal typed the Swedish way; `.decimal` holds the value, `.data` keeps what was typed."""

    def __init__(self, label=None, validators=None, *, minimum=None, maximum=None, required=False,
                 message=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.minimum, self.maximum, self.required = minimum, maximum, required
        self.message = message
        self.decimal: Decimal | None = None

    def process_data(self, value):
        """Data from the stored document (decimal text) is shown in Swedish format."""
        if value is None or value == "":
            self.data = ""
        else:
            self.data = self.display(Decimal(str(value)))

    def display(self, value: Decimal) -> str:
        """Shown as typed: the stored decimals stay ("31000.50" → "31 000,50", not "31 000,5")."""
        exponent = value.as_tuple().exponent
        return format_number(value, places=max(0, -exponent) if isinstance(exponent, int) else 0)

    def convert(self, value: Decimal, percent: bool) -> Decimal:
        return value

    def pre_validate(self, form):
        self.decimal = None
        text = (self.data or "").strip()
        if not text:
            if self.required:
                raise ValidationError(_l("Fyll i ett värde."))
            return
        try:
            parsed, percent = parse_swedish_number(text)
        except ValueError:
            raise ValidationError(self.message or _l("Skriv ett tal, till exempel 31 000 eller 0,6.")) from None
        if -int(parsed.as_tuple().exponent) > MAX_DECIMALS:
            raise ValidationError(_l("Skriv högst %(n)s decimaler.", n=MAX_DECIMALS))
        try:
            value = self.convert(parsed, percent)
        except ValueError:
            raise ValidationError(self.message or _l("Skriv ett tal, till exempel 31 000 eller 0,6.")) from None
        if (self.minimum is not None and value < self.minimum) or (
                self.maximum is not None and value > self.maximum):
            raise ValidationError(self.range_message())
        self.decimal = value

    def range_message(self):
        return _l("Värdet måste vara mellan %(low)s och %(high)s.",
                  low=format_decimal(self.minimum), high=format_decimal(self.maximum))

    def value_text(self) -> str | None:
        """The parsed value as decimal text for the document, or None when empty."""
        return None if self.decimal is None else format(self.decimal, "f")


class YearField(SwedishDecimalField):
    """A calendar year, shown without digit grouping ("2015")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("message", _l("Skriv ett helt årtal, t.ex. 2015."))
        super().__init__(*args, **kwargs)

    def display(self, value: Decimal) -> str:
        return str(int(value))

    def convert(self, value: Decimal, percent: bool) -> Decimal:
        if percent or value != value.to_integral_value():
            raise ValueError(value)  # "2015,5" is no year
        return value

    def year(self) -> int | None:
        """The typed year, parsed even before validation (it decides the table's columns)."""
        if self.decimal is not None:
            return int(self.decimal)
        text = _SPACES.sub("", self.data or "")
        return int(text) if re.fullmatch(r"[0-9]{4}", text) and FIRST_YEAR <= int(text) <= LAST_YEAR else None


class RateField(SwedishDecimalField):
    """A rate typed as "40 %", "44,53 %", "0,40" or "40": stored as a fraction (0.40)."""

    def display(self, value: Decimal) -> str:
        return format_decimal(value * 100) + "\u00a0%"

    def convert(self, value: Decimal, percent: bool) -> Decimal:
        # Rates are at most 150 % (the format's limit): a bare number above 1.5 can only mean percent.
        if percent or value > SOCIAL_FEE_RATE.high:
            value = value / 100
        return value.normalize() if value == value.to_integral_value() else value

    def range_message(self):
        return _l("Ange en procentsats mellan %(low)s och %(high)s %%.",
                  low=format_decimal(self.minimum * 100), high=format_decimal(self.maximum * 100))


class SwedishDateField(StringField):
    """A date as "2017-08-14" (what a date input sends); `.date` holds the parsed value."""

    def __init__(self, label=None, validators=None, *, required=False, not_future=False, **kwargs):
        kwargs.setdefault("render_kw", {"type": "date"})
        super().__init__(label, validators, **kwargs)
        self.required = required
        self.not_future = not_future  # a date that has happened: not after today in Sweden
        self.date: date | None = None

    def process_data(self, value):
        self.data = value.isoformat() if isinstance(value, date) else (value or "")

    def pre_validate(self, form):
        self.date = None
        text = (self.data or "").strip()
        if not text:
            if self.required:
                raise ValidationError(_l("Ange ett datum, t.ex. 2017-06-01."))
            return
        match = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text)
        try:
            self.date = date(*map(int, match.groups())) if match else None
        except ValueError:
            self.date = None
        if self.date is None:
            raise ValidationError(_l("Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2017-08-14."))
        if self.date.year < FIRST_YEAR:
            self.date = None
            raise ValidationError(_l("Ange ett datum från år %(year)s eller senare.", year=FIRST_YEAR))
        if self.date.year > LAST_YEAR:
            self.date = None
            raise ValidationError(_l("Ange ett datum till och med år %(year)s.", year=LAST_YEAR))
        if self.not_future and self.date > swedish_today():
            self.date = None
            raise ValidationError(_l("Datumet har inte kommit än: registrera beslutet när det är fattat."))


def swedish_today() -> date:
    """Today in Sweden (Europe/Stockholm), whatever the server's time zone."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Europe/Stockholm")).date()


class RowList(FieldList):
    """A FieldList whose posted row numbers are ASCII digits of a sane size ("staff-٣-fte" is no row 3).

    A stored list longer than max_entries (a draft saved before the format's limits were the forms') is
    shown up to the limit, and the step refuses to save, so the rows beyond it are never lost.
    """

    errors: list[Any]
    stored_rows: int = 0

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.stored_rows = 0
        if self.max_entries and isinstance(data, (list, tuple)) and len(data) > self.max_entries:
            self.stored_rows = len(data)
            data = list(data)[:self.max_entries]
        super().process(formdata, data, extra_filters)

    def validate(self, form, extra_validators=()):
        ok = super().validate(form, extra_validators)
        if self.stored_rows and self.entries:
            last = self.entries[-1]
            field = next(iter(last.form), last) if hasattr(last, "form") else last
            message = _l("Listan har %(count)s rader, men formuläret rymmer högst %(max)s. Inget sparas här så att "
                         "inga rader går förlorade: exportera ansökan som JSON, korta listan och importera den igen.",
                         count=self.stored_rows, max=self.max_entries)
            field.errors = [*(field.errors or []), message]
            self.errors = [*self.errors, message]  # a list inside a row form makes that row invalid too
            return False
        return ok

    def _extract_indices(self, prefix, formdata):
        offset = len(prefix) + 1
        for key in formdata:
            if key.startswith(prefix):
                index = key[offset:].split(self._field_separator, 1)[0]
                if _ROW_INDEX.fullmatch(index) and int(index) <= MAX_ROW_INDEX:
                    yield int(index)
