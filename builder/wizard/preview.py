"""The budget and effects tables computed from a form that has not been saved (live preview)."""
from __future__ import annotations

import copy
import re

from flask_babel import gettext as _

from builder.applications.service import validate
from builder.budget import compute_budget, compute_effects

from . import mapping

_ROW = re.compile(r"^budget\.(staff|other_costs)\[(\d+)\]")
_PLACE = re.compile(r"^(?P<area>budget\.staff|budget\.other_costs|budget\.baseline|budget\.overhead|effects)"
                    r"(?:\[(?P<n>\d+)\])?(?:\.\w+\[(?P<m>\d+)\])?\.?(?P<field>[a-z_]*)")


def _field_names() -> dict[str, str]:
    return {"fte": _("tjänstgöringsgraden"), "monthly_salary": _("månadslönen"),
            "social_fee_rate": _("de sociala avgifterna"), "start": _("startdatumet"), "end": _("slutdatumet"),
            "party": _("parten"), "role": _("rollen"), "annual_raise": _("löneökningen"), "label": _("benämningen"),
            "yearly": _("beloppen"), "rate": _("andelen"), "rows": _("raderna"), "persons": _("antalet personer"),
            "cost_per_day": _("kostnaden per dygn"), "days_per_month": _("dygn per månad"),
            "months": _("antalet månader"), "cost": _("kostnaden"), "items": _("insatserna")}


def describe_errors(errors: list[str]) -> list[str]:
    """The format's messages ("budget.staff[1].fte: must be ...") as a person reads them, in their language."""
    names = _field_names()
    out = []
    for error in errors:
        match = _PLACE.match(error)
        if not match:
            out.append(_("Kontrollera budgeten (%(detail)s).", detail=error))
            continue
        area, field = match.group("area"), names.get(match.group("field") or "", _("uppgifterna"))
        n = int(match.group("n")) + 1 if match.group("n") else None
        if area == "budget.staff":
            text = _("Personalrad %(n)s räknas inte med: kontrollera %(field)s.", n=n, field=field)
        elif area == "budget.other_costs":
            text = _("Övrig kostnad %(n)s räknas inte med: kontrollera %(field)s.", n=n, field=field)
        elif area == "budget.baseline":
            text = _("Den tidigare beviljade budgeten räknas inte med: kontrollera %(field)s.", field=field)
        elif area == "budget.overhead":
            text = _("Overhead räknas inte med: kontrollera %(field)s.", field=field)
        else:
            text = _("Scenario %(n)s räknas inte med: kontrollera %(field)s.", n=n or 1, field=field)
        if text not in out:
            out.append(text)
    return out


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
        return None, [], describe_errors(errors)
    table = compute_budget(validated.budget)
    return table, compute_effects(validated.effects, table.total), describe_errors(errors)


def effects_preview(form, doc: dict):
    """(effects, errors) for the goals step: the scenarios as typed, against the saved budget."""
    effects = mapping.effects_from_form(form)
    candidate = _minimal(doc, doc.get("budget") or {}, effects)
    validated, errors = validate(candidate)
    if validated is None:
        budget_only, _errors = validate(_minimal(doc, doc.get("budget") or {}))
        return [], describe_errors(errors), (compute_budget(budget_only.budget).total if budget_only else 0)
    total = compute_budget(validated.budget).total
    return compute_effects(validated.effects, total), describe_errors(errors), total


def _drop_bad_rows(candidate: dict, errors: list[str]) -> dict:
    out = copy.deepcopy(candidate)
    bad: dict[str, set[int]] = {"staff": set(), "other_costs": set()}
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
