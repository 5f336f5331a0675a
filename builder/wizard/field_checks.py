"""Step checks that need the whole document: messages at the field, and the review list."""
from __future__ import annotations

import copy
from datetime import date

from flask_babel import gettext as _

from builder import readiness
from builder.appformat import FormatError
from builder.appformat.errors import Path
from builder.applications.service import validate
from builder.format_messages import field_message, message
from builder.web.locale import current_language
from forms.walk import leaf_fields

from . import mapping

# Which step fixes a loader error, by the first key of its path (sections: readiness.SECTION_STEP).
_PATH_STEP = {"parties": "parties", "process_owner": "parties", "risks": "risks", "budget": "budget",
              "effects": "goals", "signatories": "signatories"}


def step_for_path(path: Path) -> str:
    """The wizard step whose form holds the value at `path` ("project" for the top level)."""
    if not path:
        return "project"
    if path[0] == "sections":
        return readiness.SECTION_STEP.get(str(path[1]), "organisation") if len(path) > 1 else "organisation"
    return _PATH_STEP.get(str(path[0]), "project")


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


def check_process_owner(form, doc: dict) -> bool:
    """The process owner is one of the parties typed on the page (a party renamed on the page keeps it)."""
    owner = (form.process_owner.data or "").strip()
    if owner and owner not in mapping.typed_party_names(form) and owner not in mapping.party_renames(form):
        return _need(form.process_owner, _("Välj processägaren bland parterna."))
    return True


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
    """(step, message) for everything still missing or inconsistent, in step order, in the user's language."""
    language = current_language()
    problems = [(gap.step, readiness.describe(gap, language)) for gap in readiness.submission_gaps(doc)]
    _validated, errors = validate(doc)
    problems += [(step_for_path(error.path), message(error, language)) for error in errors]
    from .steps import STEPS  # the steps carry these checks: imported when called

    order = {s.key: i for i, s in enumerate(STEPS)}
    return sorted(problems, key=lambda p: order[p[0]])


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
    new = [e for e in errors if e not in before and step_for_path(e.path) == step.key]
    language = current_language()
    for error in new:
        _need(field_for_error(form, error, candidate), field_message(error, language))
    return None if new else (candidate, validated)


# Which form rows were kept in the document (blank rows are dropped on save), per list of the form.
def _kept_row(entry) -> bool:
    return not entry.form.is_blank()


def _named(attribute: str):
    return lambda entry: bool((entry.form[attribute].data or "").strip())


def _kept_risk(entry) -> bool:
    return bool((entry.form.area.data or "").strip() or (entry.form.description.data or "").strip())


_KEPT = {"parties": _named("name"), "signatories": _named("name"), "risks": _kept_risk, "staff": _kept_row,
         "other_costs": _kept_row, "baseline_rows": _kept_row, "items": _kept_row,
         "scenarios": lambda entry: bool((entry.form.label.data or "").strip()) or any(
             _kept_row(item) for item in entry.form["items"])}


def _form_row(form_list, index: int, kept) -> int:
    """The form's row number of the document's row `index` (the rows in between were left blank)."""
    seen = -1
    for number, entry in enumerate(form_list):
        if kept(entry):
            seen += 1
            if seen == index:
                return number
    return index


def _form_name(form, path: Path, doc: dict) -> list:
    """The parts of the form input's name for a document path (joined with "-" by WTForms)."""
    parts = list(path)
    if parts[:1] == ["budget"]:
        parts = parts[1:]
        if parts[:2] == ["baseline", "rows"]:
            parts = ["baseline_rows", *parts[2:]] if len(parts) > 2 else ["baseline_last_year"]
        elif parts[:1] in (["baseline"], ["overhead"]) and len(parts) > 1:
            parts = [f"{parts[0]}_{parts[1]}", *parts[2:]]
    elif parts[:1] == ["effects"]:
        parts[0] = "scenarios"
    elif parts[:1] == ["period"] and len(parts) > 1:
        parts = [f"period_{parts[1]}"]
    elif parts[:1] == ["sections"] and len(parts) > 1:
        parts = [mapping.FIELD_NAME.get(str(parts[1]), str(parts[1]))]
    out: list = []
    holder = form
    for i, part in enumerate(parts):
        previous = parts[i - 1] if i else None
        if isinstance(part, int) and previous in _KEPT and holder is not None and previous in holder:
            row = _form_row(holder[previous], part, _KEPT[previous])
            out.append(row)
            entries = holder[previous].entries
            holder = entries[row].form if row < len(entries) else None
        elif part == "annual_raise" and i + 1 < len(parts):
            out.append(f"raise_{parts[i + 1]}")
            break
        elif part == "yearly" and i + 1 < len(parts):
            years = mapping.period_years(doc) if "other_costs" in parts else mapping.form_baseline_years(form)
            year = str(parts[i + 1])
            out += ["amounts", years.index(year)] if year in years else ["amounts"]
            break
        else:
            out.append(part)
    return out


def field_for_error(form, error: FormatError, doc: dict):
    """The input behind a loader error (baseline_rows-1-label for ("budget", "baseline", "rows", 1, "label")),
    else the nearest one above it, else the form's first input."""
    fields = {f.name: f for f in leaf_fields(form) if f.type not in ("CSRFTokenField", "HiddenField")}
    parts = [str(part) for part in _form_name(form, error.path, doc)]
    while parts:
        name = "-".join(parts)
        if name in fields:
            return fields[name]
        matches = [f for n, f in fields.items() if n.startswith(name + "-")]
        if matches:
            return matches[0]
        parts.pop()
    return next(iter(fields.values()))
