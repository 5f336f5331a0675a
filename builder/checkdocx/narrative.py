"""What a budget narrative states: amounts (per month, per year), FTE shares, dates.

"31 000 kr/mån x sociala avgifter = 43 400 kr/mån", "För 0,2 tjänst blir månadslönen
10 640 kr/mån", "fr.o.m. den 14 augusti 2017". Only what is written close together is read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .numbers import NUMBER_TEXT, normalise_spaces, parse_number

MONTH, YEAR = "month", "year"
_AMOUNT = re.compile(
    r"(" + NUMBER_TEXT + r")\s*(?:kr\b\.?|kronor\b|:-)"
    r"(?:\s*(?:/\s*|per\s+|i\s+)(mån(?:ad(?:en)?)?|år(?:et)?)\b\.?)?", re.IGNORECASE)
_MONTH_WORDS = re.compile(r"månadslön\w*|månadskostnad\w*|per\s+månad", re.IGNORECASE)
_YEAR_WORDS = re.compile(r"helårs\w*|årslön\w*|årskostnad\w*|per\s+år\b", re.IGNORECASE)
_FTE = re.compile(
    r"(?<![\d,])(\d+(?:,\d+)?)\s*(?:-\s*)?(?:heltids)?(?:tjänst(?:er|en)?|åa)\b"
    r"|(?<![\d,])(\d+(?:,\d+)?)\s+av\s+(?:den|denna|en)\s+heltid\w*"
    r"|(?<![\d,])(\d+)\s*(?:%|procent)\s*(?:av\s+en\s+)?(?:-?tjänst|heltid)\w*", re.IGNORECASE)
FEE_WORDS = re.compile(
    r"sociala\s+avgifter|soc\.?\s*avg\.?|arbetsgivaravgift\w*|po-pålägg\w*|\bpo\b|lönebikostnad\w*",
    re.IGNORECASE)
MONTH_NAMES = _MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december")
_DATE = r"(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})"
_START = re.compile(r"(?:fr\.?\s?o\.?\s?m\.?|från\s+och\s+med|från|fom)\s+(?:den\s+)?" + _DATE,
                    re.IGNORECASE)
_END = re.compile(r"(?:t\.?\s?o\.?\s?m\.?|till\s+och\s+med|tom|–|-|till)\s+(?:den\s+)?" + _DATE,
                  re.IGNORECASE)
# "Start den 14 augusti 2017 räknas som en halv månad", "Slut den 10 maj 2019: 10 av 31 dagar räknas".
_EDGE = re.compile(r"\b(Start|Slut)\s+den\s+" + _DATE + r"(?::\s*\d+\s+av\s+\d+\s+dagar\s+(räknas)|\s+(räknas\s+"
                   r"(?:inte|som\s+en\s+(?:halv|hel)\s+månad)))", re.IGNORECASE)
_PRORATION_BY_PHRASE = {"räknas som en halv månad": {"half_month"}, "räknas som en hel månad": {"half_month", "month"},
                        "räknas inte": {"half_month", "month"}, "räknas": {"day"}}
_LABEL = re.compile(r"^([^\d:()]{2,60}):\s")


@dataclass(frozen=True)
class Amount:
    """An amount in kronor in running text; unit MONTH, YEAR or None (plain "kr")."""

    value: Decimal
    unit: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Fte:
    """A share of a full-time post: "0,2 tjänst", "0,4 av den heltidslönen", "50 % tjänst"."""

    value: Decimal
    start: int
    end: int


def prepare(text: str) -> str:
    """Paragraph text with every space and line break as one ordinary space."""
    return normalise_spaces(text.replace("\t", " "))


def amounts(text: str) -> list[Amount]:
    """Every "N kr", "N kr/mån", "N kr/år" in the text, with its unit where one is written."""
    found = []
    for match in _AMOUNT.finditer(text):
        value = parse_number(match.group(1))
        if value is None:
            continue
        unit = _unit(match.group(2)) or _unit_from_words(text[max(0, match.start() - 30):match.start()])
        found.append(Amount(value, unit, match.start(), match.end()))
    return found


def _unit(word: str | None) -> str | None:
    if not word:
        return None
    return MONTH if word.lower().startswith("mån") else YEAR


def _unit_from_words(before: str) -> str | None:
    """"månadslönen 10 640 kr" is a month, "helårslönen 127 680 kr" a year: the nearer word wins."""
    month = [m.end() for m in _MONTH_WORDS.finditer(before)]
    year = [m.end() for m in _YEAR_WORDS.finditer(before)]
    if not month and not year:
        return None
    return MONTH if max(month, default=-1) > max(year, default=-1) else YEAR


def ftes(text: str) -> list[Fte]:
    """Every FTE share written in the text (between 0 and 10 posts)."""
    found = []
    for match in _FTE.finditer(text):
        decimal, share, percent = match.groups()
        value = parse_number(decimal or share) if (decimal or share) else Decimal(percent) / 100
        if value is not None and 0 < value <= 10:
            found.append(Fte(value, match.start(), match.end()))
    return found


def start_dates(text: str) -> list[date]:
    """Dates after "fr.o.m.", "från och med", "från"."""
    return [d for d in (_date(m) for m in _START.finditer(text)) if d]


def end_dates(text: str) -> list[date]:
    """Dates after "t.o.m.", "till och med" or a dash."""
    return [d for d in (_date(m) for m in _END.finditer(text)) if d]


def _date(match: re.Match) -> date | None:
    day, month, year = match.groups()
    try:
        return date(int(year), _MONTHS.index(month.lower()) + 1, int(day))
    except ValueError:
        return None


def edges(text: str) -> list[tuple[str, date, set[str]]]:
    """("start" or "end", the date, the proration modes the phrase fits) of each month-share sentence."""
    found = []
    for match in _EDGE.finditer(text):
        day = _date_of(match.group(2), match.group(3), match.group(4))
        phrase = " ".join((match.group(5) or match.group(6)).lower().split())
        if day is not None:
            found.append(("start" if match.group(1).lower() == "start" else "end", day,
                          set(_PRORATION_BY_PHRASE.get(phrase, ()))))
    return found


def _date_of(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), _MONTHS.index(month.lower()) + 1, int(day))
    except ValueError:
        return None


def without_dates(text: str) -> str:
    """The text with its date phrases taken out (they sit between figures harmlessly)."""
    return _END.sub(" ", _START.sub(" ", text))


def words(text: str) -> list[str]:
    """The words of a text, lower case, punctuation left out."""
    return re.findall(r"[a-zåäöéü]+", text.lower())


def block_label(text: str) -> str | None:
    """"Vårdcentralen Vilan: 0,2 tjänst …" → "Vårdcentralen Vilan" (a paragraph about one row)."""
    match = _LABEL.match(text)
    return match.group(1).strip() if match else None
