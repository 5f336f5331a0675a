"""The budget and effects tables computed from a form that has not been saved (live preview)."""
from __future__ import annotations

import copy

from flask_babel import gettext as _

from builder.appformat import FormatError
from builder.applications.service import validate
from builder.budget import compute_budget, compute_effects
from builder.format_messages import message
from builder.web.locale import current_language

from . import mapping


def _field_names() -> dict[str, str]:
    return {"fte": _("tjänstgöringsgraden"), "monthly_salary": _("månadslönen"),
            "social_fee_rate": _("de sociala avgifterna"), "start": _("startdatumet"), "end": _("slutdatumet"),
            "party": _("parten"), "role": _("rollen"), "annual_raise": _("löneökningen"), "label": _("benämningen"),
            "yearly": _("beloppen"), "rate": _("andelen"), "rows": _("raderna"), "persons": _("antalet personer"),
            "cost_per_day": _("kostnaden per dygn"), "days_per_month": _("dygn per månad"),
            "months": _("antalet månader"), "cost": _("kostnaden"), "items": _("insatserna")}


def _describe(error: FormatError, names: dict[str, str]) -> str:
    """One error of the live preview as "Personalrad 2 räknas inte med: kontrollera månadslönen."."""
    path = error.path
    area = path[:2] if path[:1] == ("budget",) else path[:1]
    rest = path[len(area):]
    n = rest[0] + 1 if rest and isinstance(rest[0], int) else None
    keys = [part for part in rest if isinstance(part, str) and part in names]
    inner = [key for key in keys if key not in ("rows", "items")]  # the field inside a row, when there is one
    field = names[(inner or keys)[0]] if keys else _("uppgifterna")
    if area == ("budget", "staff") and n is not None:
        return _("Personalrad %(n)s räknas inte med: kontrollera %(field)s.", n=n, field=field)
    if area == ("budget", "other_costs") and n is not None:
        return _("Övrig kostnad %(n)s räknas inte med: kontrollera %(field)s.", n=n, field=field)
    if area == ("budget", "baseline"):
        return _("Den tidigare beviljade budgeten räknas inte med: kontrollera %(field)s.", field=field)
    if area == ("budget", "overhead"):
        return _("Overhead räknas inte med: kontrollera %(field)s.", field=field)
    if area == ("effects",) and n is not None:
        return _("Scenario %(n)s räknas inte med: kontrollera %(field)s.", n=n, field=field)
    return _("Kontrollera budgeten (%(detail)s).", detail=message(error, current_language()))


def describe_errors(errors: list[FormatError]) -> list[str]:
    """The format's errors as a person reads them beside the live table, in their language."""
    names = _field_names()
    out: list[str] = []
    for error in errors:
        text = _describe(error, names)
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


def _drop_bad_rows(candidate: dict, errors: list[FormatError]) -> dict:
    """The candidate without the rows (or the baseline, overhead, scenarios) the loader refused."""
    out = copy.deepcopy(candidate)
    bad: dict[str, set[int]] = {"staff": set(), "other_costs": set()}
    for error in errors:
        path = error.path
        if path[:1] == ("budget",) and len(path) > 2 and path[1] in bad and isinstance(path[2], int):
            bad[str(path[1])].add(path[2])
        elif path[:2] in (("budget", "baseline"), ("budget", "overhead")):
            out["budget"].pop(str(path[1]), None)
        elif path[:1] == ("effects",):
            out.pop("effects", None)
    for key, indexes in bad.items():
        out["budget"][key] = [row for i, row in enumerate(out["budget"].get(key) or []) if i not in indexes]
    return out
