"""Edit a decoded application by place ("budget.staff[2].fte") and collect loader errors."""
from __future__ import annotations

import json
import re

from builder.appformat import ValidationError, from_dict, loads
from builder.format_messages import messages

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")

_DELETE = object()


def _steps(place: str) -> list:
    return [int(index) if index else key for key, index in _STEP.findall(place)]


def edit(data: dict, place: str, value=_DELETE) -> dict:
    """Set (or, without a value, delete) the item at `place`; returns `data`."""
    *parents, last = _steps(place)
    target = data
    for step in parents:
        target = target[step]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return data


def errors_of(data) -> list[str]:
    """The loader's messages (rendered in English) for a decoded object (fails if it is accepted)."""
    try:
        from_dict(data)
    except ValidationError as exc:
        return messages(exc.errors, "en")
    raise AssertionError("the loader accepted it")


def accepted(data) -> bool:
    try:
        from_dict(data)
    except ValidationError:
        return False
    return True


def errors_of_text(text) -> list[str]:
    try:
        loads(text)
    except ValidationError as exc:
        return messages(exc.errors, "en")
    raise AssertionError("the loader accepted it")


def with_raw(data: dict, place: str, raw: str) -> str:
    """The JSON text of `data` with the value at `place` written as raw JSON text (e.g. NaN, 1e3)."""
    marker = "@@RAW@@"
    return json.dumps(edit(data, place, marker)).replace(f'"{marker}"', raw)
