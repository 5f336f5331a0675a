"""Display formatting with Babel, in one place (sv_SE first, English second).

Every output (pages, DOCX, XLSX texts, the CLI, the checker's and the reviewer's messages)
formats money here. Amounts are rounded by the engine's one rule (`round_half_up`, half-up,
away from zero) before Babel sees them: Babel itself would round half-even (37 504,5 → 37 504).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import NumberPattern, format_currency, format_decimal, parse_pattern

from builder.budget import round_half_up

LOCALES = {"sv": "sv_SE", "en": "en_GB"}
NBSP = "\u00a0"


def babel_locale(language: str) -> str:
    """The Babel locale for an application language ("sv" → "sv_SE")."""
    return LOCALES.get(language, language if "_" in language else "sv_SE")


# Babel parses a locale identifier and a number pattern on every call when given strings; a budget page
# formats a few hundred numbers, so both are parsed once per process and handed to Babel ready-made.
@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    return Locale.parse(babel_locale(language))


@lru_cache(maxsize=64)
def _pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


def _rounded(amount: int | Decimal, places: int = 0) -> int | Decimal:
    """The amount rounded half-up to `places` decimals (an int stays as it is)."""
    return amount if isinstance(amount, int) else round_half_up(Decimal(amount), places)


def kr(amount: int | Decimal, language: str = "sv") -> str:
    """Whole kronor with the currency: "1 041 600 kr" (no-break spaces; öre rounded half-up)."""
    return format_currency(_rounded(amount), "SEK", format=_pattern(f"#,##0{NBSP}¤"), currency_digits=False,
                           locale=_locale(language))


def number(amount: int | Decimal, language: str = "sv", places: int = 0) -> str:
    """A grouped number: "1 041 600" (rounded half-up); `places` fixes the decimals ("0,60")."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(_rounded(amount, places), format=_pattern(pattern), locale=_locale(language))


def money(amount: int | Decimal, language: str = "sv", currency: bool = True) -> str:
    """An amount to the öre: "31 000 kr", "22 774,38 kr" (öre only when not whole; rounded half-up)."""
    value = round_half_up(Decimal(amount), 2)
    if value == value.to_integral_value():
        text = whole_number(int(value), language)
    else:
        text = format_decimal(value, format=_pattern("#,##0.00"), locale=_locale(language))
    return text + _symbols(language)[2] if currency else text


def months(count: Fraction | Decimal | int, language: str = "sv", places: int = 4,
           monthly_cost: Decimal | None = None) -> str:
    """Months counted: "4,5", "12"; a day-rule fraction with up to `places` decimals ("4,5806"), or with
    enough that months × `monthly_cost` is off by at most 5 öre ("4,580645" at 22 774 kr/mån)."""
    if monthly_cost is not None:
        places = max(places, len(str(int(abs(monthly_cost)))) + 1)
    value = Fraction(count)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    if exact * 10 ** places != int(exact * 10 ** places):
        exact = round_half_up(exact, places)
    return decimal(exact.normalize() if exact else Decimal(0), language)


@lru_cache(maxsize=8)
def _symbols(language: str) -> tuple[str, str, str]:
    """(minus sign, group separator, currency suffix) exactly as Babel writes them for `language`."""
    sample = format_decimal(-1234567, format=_pattern("#,##0"), locale=_locale(language))
    minus, group = sample[:sample.index("1")], sample[sample.index("1") + 1]
    suffix = format_currency(0, "SEK", format=_pattern(f"#,##0{NBSP}¤"), currency_digits=False,
                             locale=_locale(language))[1:]
    return minus, group, suffix


def whole_number(amount: int, language: str = "sv") -> str:
    """Babel's grouping for whole numbers ("1 041 600"), without Babel's cost for every call."""
    minus, group, _suffix = _symbols(language)
    text = f"{abs(amount):,}".replace(",", group)
    return minus + text if amount < 0 else text


def whole_kronor(amount: int, language: str = "sv") -> str:
    """Babel's whole-kronor format ("1 041 600 kr"), the same fast way."""
    return whole_number(amount, language) + _symbols(language)[2]


def decimal(amount: Decimal | int, language: str = "sv") -> str:
    """A number with as many decimals as it needs: "0,6", "2", "31 000,5"."""
    value = Decimal(amount)
    places = max(0, -int(value.normalize().as_tuple().exponent))
    return format_decimal(value, format=_pattern("#,##0" + ("." + "#" * places if places else "")),
                          locale=_locale(language))


def percent(rate: Decimal, language: str = "sv") -> str:
    """A fraction as a percentage: 0.4015 → "40,15 %"."""
    return decimal(Decimal(rate) * 100, language) + NBSP + "%"


def long_date(day: date, language: str = "sv") -> str:
    """"14 augusti 2017"."""
    return _babel_date(day, format="long", locale=_locale(language))


def plain_spaces(text: str) -> str:
    """No-break and thin spaces as ordinary spaces (for a terminal)."""
    return text.replace(NBSP, " ").replace("\u202f", " ")
