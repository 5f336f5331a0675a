"""The loader's problems as data: where (a path), what (a code) and the values a message needs.

Messages are made from these at the edge (builder/format_messages.py), in the reader's language;
nothing parses a message to find out what went wrong.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

PathPart = str | int
Path = tuple[PathPart, ...]

# Every code the loader uses, with the parameters its message may use.
CODES: dict[str, tuple[str, ...]] = {
    "invalid_json": ("reason", "line", "column", "pos"),  # the file is no JSON text (no line: no position)
    "duplicate_key": ("key",),  # a key twice in one object
    "not_a_number_constant": ("name",),  # NaN, Infinity
    "too_deep": (),  # nested deeper than can be read
    "not_utf8": (),
    "not_object": ("got",),  # got: a kind (object, list, text, boolean, null, number)
    "not_list": ("got",),
    "not_text": ("got",),
    "unknown_key": (),
    "required": (),
    "empty": (),
    "lone_surrogate": (),
    "too_long": ("max", "count"),
    "too_many": ("max", "count"),
    "not_choice": ("choices", "got"),
    "not_a_number": ("kind", "min", "max", "min_exclusive", "got"),  # kind: number, whole_number, amount, month
    "too_small": ("kind", "min", "max", "min_exclusive", "got"),
    "too_large": ("kind", "min", "max", "min_exclusive", "got"),
    "too_many_decimals": ("max", "got"),
    "not_whole": ("kind", "min", "max", "got"),
    "not_date": ("got",),
    "date_too_early": ("min", "got"),
    "date_too_late": ("max", "got"),
    "end_before_start": ("start", "got"),  # got: only on staff lines
    "period_too_long": ("max",),
    "outside_period": ("start", "end", "got"),
    "not_year_key": (),
    "year_outside_period": ("first", "last"),
    "year_out_of_range": ("min", "max"),
    "too_many_years": ("max",),
    "wrong_format": ("expected", "got"),
    "wrong_version": ("expected", "got"),
    "duplicate_label": ("got", "other"),  # other: the path of the first row with that label
    "label_is_party": ("got",),
    "label_taken": ("got",),
}


@dataclass(frozen=True)
class FormatError:
    """One problem: `path` such as ("budget", "staff", 1, "fte"), `code` such as "too_large", `params`."""

    path: Path
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.path, self.code, tuple(sorted((k, str(v)) for k, v in self.params.items()))))

    @property
    def place(self) -> str:
        """The path written the format's way: "budget.staff[1].fte" ("" for the whole file)."""
        return place_text(self.path)

    def __str__(self) -> str:
        return f"{self.place or '(file)'}: {self.code}"


def place_text(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class ValidationError(Exception):
    """A refused application: `errors` lists every problem as a FormatError."""

    def __init__(self, errors: list[FormatError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
