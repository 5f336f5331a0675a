"""Step checks that need the whole document: messages at the field, and the review list."""
from __future__ import annotations

import copy
import re
from datetime import date

from flask_babel import gettext as _

from builder.applications.service import validate
from forms.walk import leaf_fields

from .steps import STEPS

# Which step fixes a loader error, by the start of its place ("budget.staff[2].fte").
_PLACE_STEP = (("title", "project"), ("period", "project"), ("kind", "project"), ("association", "project"),
               ("parties", "parties"), ("process_owner", "parties"), ("sections.goals", "goals"),
               ("sections.background", "background"), ("sections.process", "background"),
               ("sections.target_group", "background"), ("sections.child_rights", "background"),
               ("sections.timeline", "timeline"), ("sections.activities", "timeline"),
               ("sections", "organisation"), ("risks", "risks"), ("budget", "budget"),
               ("effects", "goals"), ("signatories", "signatories"))


def step_for_place(place: str) -> str:
    for prefix, step in _PLACE_STEP:
        if place.startswith(prefix):
            return step
    return "project"


def _period(doc: dict) -> tuple[date, date] | None:
    try:
        return date.fromisoformat(doc["period"]["start"]), date.fromisoformat(doc["period"]["end"])
    except (KeyError, TypeError, ValueError):
        return None


def _need(field, message) -> bool:
    if field.errors is None or isinstance(field.errors, tuple):
        field.errors = list(field.errors or [])
    field.errors.append(message)
    return False


def check_staff_lines(form, doc: dict) -> bool:
    """Every staff line that is not blank needs party, role, FTE, salary and dates in the period."""
    ok = True
    period = _period(doc)
    for entry in form.staff:
        row = entry.form
        if row.is_blank():
            continue
        for field in (row.role, row.fte, row.monthly_salary, row.start, row.end):
            if not (field.data or "").strip() and not field.errors:
                ok = _need(field, _("Fyll i det här fältet."))
        if not row.party.data:
            ok = _need(row.party, _("Välj part."))
        start, end = row.start.date, row.end.date
        if start and end and end < start:
            ok = _need(row.end, _("Slutdatum kan inte vara före startdatum."))
        if period:
            for field, day in ((row.start, start), (row.end, end)):
                if day and not period[0] <= day <= period[1]:
                    ok = _need(field, _("Datumet måste ligga inom projektperioden %(start)s – %(end)s.",
                                        start=period[0].isoformat(), end=period[1].isoformat()))
        if row.raise_rate.decimal is not None and not row.raise_month.data:
            ok = _need(row.raise_month, _("Välj från vilken månad löneökningen gäller."))
    return ok


def check_effects(form) -> bool:
    ok = True
    for scenario in form.scenarios:
        for entry in scenario.form.items:
            item = entry.form
            if item.is_blank():
                continue
            for field in (item.label, item.persons, item.cost_per_day, item.months):
                if not (field.data or "").strip() and not field.errors:
                    ok = _need(field, _("Fyll i det här fältet."))
    return ok


def review_problems(doc: dict) -> list[tuple[str, str]]:
    """(step, message) for everything still missing or inconsistent, in step order."""
    problems: list[tuple[str, str]] = []
    missing = {
        "project": _("Projektets namn och period saknas."),
        "parties": _("Ange minst en part och processägaren."),
        "background": _("Bakgrund och målgrupp behöver beskrivas."),
        "goals": _("Resultat- och effektmål saknas."),
        "timeline": _("Tidsplan och aktiviteter saknas."),
        "organisation": _("Styrgrupp och metoder för uppföljning saknas."),
        "risks": _("Inga risker är beskrivna."),
        "budget": _("Budgeten har inga personalrader."),
        "signatories": _("Varje part behöver en firmatecknare."),
    }
    for step in STEPS:
        if step.key in missing and not step.complete(doc):
            problems.append((step.key, missing[step.key]))
    _validated, errors = validate(doc)
    for error in errors:
        place = error.split(":", 1)[0]
        problems.append((step_for_place(place), error))
    problems += _consistency(doc)
    order = {s.key: i for i, s in enumerate(STEPS)}
    return sorted(problems, key=lambda p: order[p[0]])


def _consistency(doc: dict) -> list[tuple[str, str]]:
    parties = {p.get("name") for p in doc.get("parties") or []}
    out = []
    owner = (doc.get("process_owner") or "").strip()
    if owner and owner not in parties:
        out.append(("parties", _("Processägaren %(name)s finns inte bland parterna.", name=owner)))
    for i, line in enumerate((doc.get("budget") or {}).get("staff") or []):
        if line.get("party") not in parties:
            out.append(("budget", _("Personalrad %(n)s: parten %(name)s finns inte bland parterna.",
                                    n=i + 1, name=line.get("party") or "–")))
    for s in doc.get("signatories") or []:
        if s.get("party") not in parties:
            out.append(("signatories", _("Firmatecknaren %(name)s hör till en part som inte finns bland parterna.",
                                         name=s.get("name"))))
    if doc.get("kind") == "extension" and not ((doc.get("budget") or {}).get("baseline") or {}).get("rows"):
        out.append(("budget", _("En utökning behöver den tidigare beviljade budgeten (jämförelsetabellen).")))
    return out


_INDEX = re.compile(r"\[([0-9]+)\]")
# Where the format's name of a place differs from the form's input names (budget. already removed).
_PLACE_TO_FORM = (("effects[", "scenarios["), ("overhead.", "overhead_"), ("baseline.rows", "baseline_rows"),
                  ("baseline.", "baseline_"))


def check_document(step, form, doc: dict):
    """The document this step's save would store, with its validation, or None when the step must be refused.

    A step is refused when its save would make the stored draft fail the application format (a
    problem this step causes, not one another step left): the message goes to the field the loader
    names. Returns (candidate, validated): the caller stores exactly this candidate.
    """
    candidate = copy.deepcopy(doc)
    step.apply(form, candidate)
    validated, errors = validate(candidate)
    if not errors:
        return candidate, validated
    before = set(validate(doc)[1])
    new = [e for e in errors if e not in before and step_for_place(e.split(":", 1)[0]) == step.key]
    for error in new:
        place, problem = error.split(":", 1)
        _need(_field_for_place(form, place), _message_for(problem))
    return None if new else (candidate, validated)


def _field_for_place(form, place: str):
    """The input behind a loader place ("budget.baseline.rows[1].label" → baseline_rows-1-label), else the
    nearest one above it, else the form's first input."""
    place = place.removeprefix("budget.")
    for format_name, form_name in _PLACE_TO_FORM:
        if place.startswith(format_name):
            place = form_name + place[len(format_name):]
            break
    name = _INDEX.sub(r"-\1-", place)
    name = name.replace(".", "").replace("--", "-").strip("-")
    fields = {f.name: f for f in leaf_fields(form) if f.type not in ("CSRFTokenField", "HiddenField")}
    while name:
        if name in fields:
            return fields[name]
        matches = [f for n, f in fields.items() if n.startswith(name + "-")]
        if matches:
            return matches[0]
        name = name.rpartition("-")[0]
    return next(iter(fields.values()))


def _message_for(problem: str) -> str:
    if "must not be empty" in problem or "is required" in problem:
        return _("Fyll i det här fältet.")
    if "must be unique" in problem:
        return _("Varje rad behöver en egen benämning.")
    if "must differ" in problem:
        return _("Benämningen får inte vara samma som en parts eller en annan rads.")
    return _("Värdet går inte ihop med resten av ansökan.")
