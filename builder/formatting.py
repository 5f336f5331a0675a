"""Display formatting with Babel, in one place (sv_SE first, English second)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import NumberPattern, format_currency, format_decimal, parse_pattern

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


def kr(amount: int | Decimal, language: str = "sv") -> str:
    """Whole kronor with the currency: "1 041 600 kr" (no-break spaces)."""
    return format_currency(amount, "SEK", format=_pattern(f"#,##0{NBSP}¤"), currency_digits=False,
                           locale=_locale(language))


def number(amount: int | Decimal, language: str = "sv", places: int = 0) -> str:
    """A grouped number: "1 041 600"; `places` fixes the decimals ("0,60")."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(amount, format=_pattern(pattern), locale=_locale(language))


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
