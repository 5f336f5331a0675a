"""Case numbers (diarienummer) from a pattern such as "SFSN {year}/{n}": pure, standard library only."""
from __future__ import annotations

import re
import string

DEFAULT_PATTERN = "FINSAM {year}/{n}"
FIELDS = ("year", "n")
MAX_PATTERN = 80
# An optional zero fill and a width of at most two digits, then an optional "d": "03d", "4". A wider field
# would be formatted at every submission (a width of a billion is a gigabyte).
_SPEC = re.compile(r"0?[0-9]{1,2}d?")


class PatternError(ValueError):
    """A case-number pattern that cannot be used."""


def check_pattern(pattern: str) -> str:
    """The pattern if usable: only {year} and {n} (with an optional width such as {n:03d}), {n} required."""
    if not pattern or len(pattern) > MAX_PATTERN:
        raise PatternError(f"CASE_NUMBER_PATTERN must be 1 to {MAX_PATTERN} characters, got {pattern!r}")
    names = []
    try:
        for _literal, name, spec, conversion in string.Formatter().parse(pattern):
            if name is None:
                continue
            if name not in FIELDS or conversion or (spec and not _SPEC.fullmatch(spec)):
                raise PatternError(f"CASE_NUMBER_PATTERN may hold only {{year}} and {{n}}, got {pattern!r}")
            names.append(name)
    except ValueError as exc:
        if isinstance(exc, PatternError):
            raise
        raise PatternError(f"CASE_NUMBER_PATTERN is not a valid pattern: {pattern!r}") from None
    if "n" not in names:
        raise PatternError(f"CASE_NUMBER_PATTERN must contain {{n}}, got {pattern!r}")
    return pattern


def format_case_number(pattern: str, year: int, n: int) -> str:
    """"SFSN {year}/{n}", 2026, 7 → "SFSN 2026/7"."""
    return check_pattern(pattern).format(year=year, n=n)
