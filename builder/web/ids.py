"""Database ids from URLs and forms: ASCII digits that fit a 32-bit integer column, else "not found"."""
from __future__ import annotations

import re

from werkzeug.routing import IntegerConverter, ValidationError

MAX_ID = 2**31 - 1  # PostgreSQL INTEGER; a larger number in a query is an error, not "no such row"
_ASCII_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_id(text: object) -> int | None:
    """The id typed in `text` ("42"), or None for anything else ("٣", "1e3", "99999999999")."""
    if not isinstance(text, str) or not _ASCII_DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if value <= MAX_ID else None


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` for every route: only ASCII digits up to 2^31−1 match, anything else is a 404."""

    regex = r"[0-9]+"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValidationError()
        return number
