"""The budget and effects tables computed from a form that has not been saved (live preview)."""
from __future__ import annotations

import copy
import re

from builder.applications.service import validate
from builder.budget import compute_budget, compute_effects

from . import mapping

_ROW = re.compile(r"^budget\.(staff|other_costs)\[(\d+)\]")


def _minimal(doc: dict, budget: dict, effects: list | None = None) -> dict:
    out = {"format": "finsam-application", "version": 1, "title": doc.get("title") or "-",
           "period": doc.get("period"), "budget": budget}
    if effects:
        out["effects"] = effects
    return out


def budget_preview(form, doc: dict):
    """(table, effects, errors): the table of every row that is valid, and the loader's messages."""
    if not doc.get("period"):
        return None, [], []
    budget = mapping.budget_from_form(form, doc)
    effects = doc.get("effects")
    candidate = _minimal(doc, budget, effects)
    validated, errors = validate(candidate)
    if errors:
        candidate = _drop_bad_rows(candidate, errors)
        validated, _more = validate(candidate)
    if validated is None:
        return None, [], errors
    table = compute_budget(validated.budget)
    return table, compute_effects(validated.effects, table.total), errors


def effects_preview(form, doc: dict):
    """(effects, errors) for the goals step: the scenarios as typed, against the saved budget."""
    effects = mapping.effects_from_form(form)
    candidate = _minimal(doc, doc.get("budget") or {}, effects)
    validated, errors = validate(candidate)
    if validated is None:
        budget_only, _ = validate(_minimal(doc, doc.get("budget") or {}))
        return [], errors, (compute_budget(budget_only.budget).total if budget_only else 0)
    total = compute_budget(validated.budget).total
    return compute_effects(validated.effects, total), errors, total


def _drop_bad_rows(candidate: dict, errors: list[str]) -> dict:
    out = copy.deepcopy(candidate)
    bad = {"staff": set(), "other_costs": set()}
    for error in errors:
        match = _ROW.match(error)
        if match:
            bad[match.group(1)].add(int(match.group(2)))
        elif error.startswith("budget.baseline"):
            out["budget"].pop("baseline", None)
        elif error.startswith("budget.overhead"):
            out["budget"].pop("overhead", None)
        elif error.startswith("effects"):
            out.pop("effects", None)
    for key, indexes in bad.items():
        out["budget"][key] = [row for i, row in enumerate(out["budget"].get(key) or []) if i not in indexes]
    return out
