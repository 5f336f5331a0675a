"""Swedish amounts as people type them: `1 041 600 kr`, `1.041.600`, `1041600:-`, `−5 000`.

Pure (the standard library and builder.swedish_numbers). Every value is an exact `Decimal`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from builder.swedish_numbers import parse_swedish_decimal

# Ordinary, no-break, thin, narrow no-break, figure and hair spaces all group thousands.
_SPACES = re.compile("[\u00a0\u2009\u202f\u2007\u200a\u2002\u2003]")
# Hyphen-minus, the minus sign, and the en dash Word puts in place of a typed " - ".
MINUS_SIGNS = "-\u2212\u2013"
_BLANKS = {"", "-", "\u2212", "\u2013", "\u2014", "--", "-:-", "\u2013:-"}

# One number, found here and read by builder.swedish_numbers (the forms' parser too): grouped
# by spaces or dots (`1 041 600`, `1.041.600`; a group never starts a number with 0), digits with
# a decimal point (`12.50`, `0.125`), or plain digits; an optional decimal comma.
NUMBER = (
    r"(?P<number>(?:[1-9]\d{0,2}(?P<sep>[ .])\d{3}(?:(?P=sep)\d{3})*"
    r"|\d+\.\d+(?!\d)"
    r"|\d+)"
    r"(?:,\d+)?)"
)
# The same forms without named groups, for finding numbers inside running text.
NUMBER_TEXT = r"(?<![\d,.])(?:\d{1,3}(?: \d{3})+|\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?![\d])"
_SCALE = r"(?P<scale>tkr|mkr|tsek|msek)"
_CURRENCY = r"(?:kr\.?|kronor|sek|:-|:-\s*kr)"
# Possessive quantifiers (*+, ?+) never give back what they took, so a cell of stars or
# spaces that ends wrongly fails in one pass instead of trying every split (that was n²).
_DELTA = (
    r"\(\s*+(?P<dir>ökning|höjning|minskning|sänkning|\+|[" + MINUS_SIGNS + r"])\s*+(?:med\s++|om\s++)?"
    r"(?P<delta>[^()]*+)\)"
)
_CELL = re.compile(
    r"^(?:ca\.?|cirka|c:a)?\s*+(?:kr|sek)?\s*+(?P<sign>[" + MINUS_SIGNS + r"]\s?)?" + NUMBER
    + r"\s*+(?:" + _SCALE + r"|" + _CURRENCY + r")?\s*+\**+\s*+(?:" + _DELTA + r")?\s*+\**+$",
    re.IGNORECASE,
)
# No amount, with its written change, is longer than this; longer cells are text, not parsed.
MAX_CELL_CHARS = 100
_PERCENT = re.compile(r"^(?P<sign>[" + MINUS_SIGNS + r"]\s?)?" + NUMBER + r"\s*%$")
_SCALES = {"tkr": Decimal(1000), "tsek": Decimal(1000), "mkr": Decimal(10**6), "msek": Decimal(10**6)}
_DECREASE = {"minskning", "sänkning"} | set(MINUS_SIGNS)


@dataclass(frozen=True)
class CellAmount:
    """A number read from a table cell, and the change written beside it, if any."""

    value: Decimal
    delta: Decimal | None = None


def normalise_spaces(text: str) -> str:
    """Every kind of space as an ordinary space; runs of white space as one."""
    return re.sub(r"\s+", " ", _SPACES.sub(" ", text)).strip()


def number_value(match: re.Match) -> Decimal:
    """The unsigned value of a match of NUMBER; InvalidOperation when the shared parser refuses it."""
    value = parse_swedish_decimal(match.group("number"))
    if value is None:
        raise InvalidOperation(match.group("number"))
    return value


def is_blank(text: str) -> bool:
    """True for an empty cell or a dash standing for nothing."""
    return normalise_spaces(text).lower() in _BLANKS


def parse_number(text: str) -> Decimal | None:
    """A bare Swedish number ("0,2", "1 041 600", "−5 000"); None when the text is not one."""
    amount = parse_amount(text)
    return None if amount is None or amount.delta is not None else amount.value


def parse_amount(text: str) -> CellAmount | None:
    """A cell's amount in any written form, with a "(ökning med N kr)" change; None if not one."""
    if len(text) > 10 * MAX_CELL_CHARS:
        return None
    text = normalise_spaces(text)
    match = _CELL.match(text) if len(text) <= MAX_CELL_CHARS else None
    if match is None:
        return None
    try:
        value = number_value(match)
    except InvalidOperation:
        return None
    if match.group("sign"):
        value = -value
    if match.group("scale"):
        value *= _SCALES[match.group("scale").lower()]
    if match.group("dir") is None:
        return CellAmount(value)
    delta = _delta_value(match.group("dir"), match.group("delta"))
    return None if delta is None else CellAmount(value, delta)


def _delta_value(direction: str, text: str) -> Decimal | None:
    """The signed change of "(ökning med 1 135 680 kr)" or "(−1 000)"."""
    amount = parse_amount(text)
    if amount is None or amount.delta is not None or amount.value < 0:
        return None
    return -amount.value if direction.lower() in _DECREASE else amount.value


def parse_percent(text: str) -> Decimal | None:
    """"40 %" → 0.40; None when the text is not a percentage."""
    if len(text) > MAX_CELL_CHARS:
        return None
    match = _PERCENT.match(normalise_spaces(text))
    if match is None:
        return None
    try:
        value = number_value(match) / 100
    except InvalidOperation:
        return None
    return -value if match.group("sign") else value


def plain_amount(value: Decimal) -> str:
    """Whole kronor as "781200", other amounts as decimal text ("1041600.5")."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")
