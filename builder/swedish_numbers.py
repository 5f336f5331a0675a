"""One reading of a number written the Swedish way, for the forms and the Word checker alike.

Pure: the standard library only; the signs are Babel's sv_SE symbols, written out so that the
command line does not load locale data (tests/unit/test_swedish_numbers.py compares them). The
rules (README, "Numbers"):

1. Spaces of any kind (ordinary, no-break, narrow no-break, thin, figure) group digits in
   threes: "1 041 600". The first group has 1–3 digits and does not start with 0; every later
   group has exactly 3 ("31 00" is no number: 3 100 or 31,00?).
2. A comma is the decimal sign: "31 000,50", "0,6". At most one, with digits after it.
3. A point:
   - before a comma, points group thousands like spaces: "1.041,50";
   - several points group thousands: "1.041.600";
   - one point with exactly three digits after it and 1–3 digits before, not starting with
     0, groups thousands: "31.000" is 31 000, "1.041" is 1 041 (Swedish usage);
   - any other single point is a decimal point: "12.50", "1.5", "1234.567" and "0.125"
     (a number never starts with a 0 group, so "0.125" can only be 0,125).
   Spaces and points are not mixed as group marks ("1 041.600" is refused).
4. A sign in front: "-", the minus sign "−" (U+2212) or the en dash Word puts for a typed
   " - "; a space may follow it ("− 5 000").
5. ASCII digits only ("١٠٠" and "１２" are refused), no exponent, no "NaN" or "Infinity".

Babel's own parse_decimal does not fit as it stands: in strict mode it refuses the ordinary
space people type, and otherwise it accepts "31 00" and reads no point as a group mark.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DECIMAL_SIGN = ","  # babel.numbers.get_decimal_symbol("sv_SE")
MINUS_SIGN = "\u2212"  # babel.numbers.get_minus_sign_symbol("sv_SE")
MINUS_SIGNS = "-" + MINUS_SIGN + "\u2013"  # hyphen-minus, minus sign, and the en dash Word makes of " - "
SPACES = " \u00a0\u202f\u2009\u2007\u200a\u2002\u2003"
_SPACE_RUN = re.compile("[" + SPACES + "]+")
_SIGN = re.compile("^[" + re.escape(MINUS_SIGNS) + "] ?")
_GROUPED = {
    " ": re.compile(r"[1-9][0-9]{0,2}(?: [0-9]{3})+"),
    ".": re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+"),
}
_PLAIN = re.compile(r"[0-9]+")
_FRACTION = re.compile(r"[0-9]+")
_POINTED = re.compile(r"[0-9]+\.[0-9]+")
MAX_CHARS = 100  # no number anyone types is longer; longer text is not parsed


def parse_swedish_decimal(text: str) -> Decimal | None:
    """The value of "1 041 600", "31 000,50", "−5 000", "1.041.600", "0.125"; None if not a number."""
    if text is None or len(text) > MAX_CHARS:
        return None
    text = _SPACE_RUN.sub(" ", text.strip())
    sign = _SIGN.match(text)
    negative = sign is not None
    body = text[sign.end():] if sign else text
    digits = _digits(body)
    if digits is None:
        return None
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return -value if negative else value


def _digits(body: str) -> str | None:
    """The number as plain decimal text ("1041600.50"), or None when it breaks a rule."""
    whole, comma, fraction = body.partition(DECIMAL_SIGN)
    if comma:
        if not _FRACTION.fullmatch(fraction):
            return None
        whole_digits = _whole(whole)
        return None if whole_digits is None else whole_digits + "." + fraction
    if whole.count(".") == 1 and " " not in whole and not _GROUPED["."].fullmatch(whole):
        return whole if _POINTED.fullmatch(whole) else None  # a decimal point: "12.50", "0.125"
    return _whole(whole)


def _whole(whole: str) -> str | None:
    """Whole digits, plain or grouped by spaces or points (not both)."""
    if _PLAIN.fullmatch(whole):
        return whole
    for mark, pattern in _GROUPED.items():
        if pattern.fullmatch(whole):
            return whole.replace(mark, "")
    return None
