"""Compare two versions: changed sections as a word diff, the budget side by side with differences."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from builder.appformat import SECTION_KEYS
from builder.applications.service import validate
from builder.budget import compute_budget

from .textdiff import cached_diff, new_clock


@dataclass(frozen=True)
class SectionDiff:
    key: str
    parts: list[tuple[str, str]]  # ("same" | "removed" | "added", text)


def section_diffs(old: dict, new: dict) -> list[SectionDiff]:
    """The sections whose text changed, each as kept, removed and added sentences and words (bounded in time)."""
    out = []
    old_sections, new_sections = old.get("sections") or {}, new.get("sections") or {}
    clock = new_clock()  # one time budget for the whole page
    for key in SECTION_KEYS:
        a, b = str(old_sections.get(key, "")), str(new_sections.get(key, ""))
        if a == b:
            continue
        out.append(SectionDiff(key, cached_diff(a, b, clock)))
    return out


def _rows(doc: dict) -> dict[str, dict[str, int]]:
    validated, _errors = validate(doc)
    if validated is None:
        return {}
    table = compute_budget(validated.budget)
    rows = {row.label: dict(row.yearly) for row in table.rows}
    rows["__total__"] = table.yearly_totals
    return rows


def budget_comparison(old: dict, new: dict) -> tuple[list[str], list[dict]]:
    """(years, rows): per row label and year the old amount, the new amount and the difference."""
    a, b = _rows(old), _rows(new)
    labels = [label for label in a if label != "__total__"]
    labels += [label for label in b if label not in a and label != "__total__"]
    labels.append("__total__")
    years = sorted({y for rows in (a, b) for row in rows.values() for y in row})
    out = []
    for label in labels:
        cells: list[dict[str, Any]] = []
        for year in years:
            before, after = a.get(label, {}).get(year, 0), b.get(label, {}).get(year, 0)
            cells.append({"year": year, "old": before, "new": after, "diff": after - before})
        old_total = sum(c["old"] for c in cells)
        new_total = sum(c["new"] for c in cells)
        out.append({"label": label, "cells": cells, "old_total": old_total, "new_total": new_total,
                    "diff": new_total - old_total})
    return years, out
