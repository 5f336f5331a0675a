"""What was typed on a step and is not in the document (yet), kept with the draft exactly as typed.

A step whose input checks out is stored in the finsam-application document; input that does not (a half-filled
staff row, "12 x" as an amount) cannot be, so the step's inputs are kept here as [name, value] pairs and the
step is shown from them, with the messages at the fields. Rows left blank are kept here too (the document
drops them), so an added row survives a reload.
"""
from __future__ import annotations

import json

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from forms.walk import leaf_fields


def pending(application) -> dict[str, dict]:
    """{step key: {"values": [[name, value], ...], "errors": bool}} of the application."""
    try:
        data = json.loads(application.step_input or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def entry(application, step_key: str) -> dict | None:
    found = pending(application).get(step_key)
    return found if isinstance(found, dict) and isinstance(found.get("values"), list) else None


def formdata(found: dict) -> MultiDict:
    return MultiDict([(str(pair[0]), str(pair[1])) for pair in found["values"]
                      if isinstance(pair, list) and len(pair) == 2])


def typed_values(form) -> list[list[str]]:
    """[name, value] of every input of the form, as it is shown again."""
    return [[field.name, "" if field.data is None else str(field.data)]
            for field in leaf_fields(form) if field.type != "CSRFTokenField"]


def has_blank_rows(form) -> bool:
    """True when a list on the form holds a row with nothing typed (the document would drop it)."""
    for field in form:
        for row in getattr(field, "entries", ()):
            sub = getattr(row, "form", None)
            if sub is not None and (sub.is_blank() or has_blank_rows(sub)):
                return True
    return False


def keep(application, step_key: str, form, errors: bool) -> None:
    entries = pending(application)
    entries[step_key] = {"values": typed_values(form), "errors": errors}
    _store(application, entries)


def drop(application, step_key: str) -> None:
    entries = pending(application)
    if entries.pop(step_key, None) is not None:
        _store(application, entries)


def _store(application, entries: dict) -> None:
    application.step_input = json.dumps(entries, ensure_ascii=False) if entries else None


def rename_parties(application, renames: dict[str, str]) -> None:
    """A renamed party is renamed in what other steps hold as typed, too."""
    entries = pending(application)
    changed = False
    for found in entries.values():
        for pair in found.get("values") or []:
            name, value = pair[0], pair[1]
            refers = name.endswith(("-party", "-organisation")) or name == "process_owner" or (
                name.startswith("baseline_rows-") and name.endswith("-label"))
            if refers and value in renames and not name.startswith("parties-"):
                pair[1] = renames[value]
                changed = True
    if changed:
        _store(application, entries)


def steps_with_errors(application) -> set[str]:
    return {key for key, found in pending(application).items() if isinstance(found, dict) and found.get("errors")}


def problems(application) -> list[tuple[str, str]]:
    """(step, message) for every step holding input that is not in the application yet."""
    from .steps import BY_KEY

    return [(key, _("Steget %(step)s har uppgifter som behöver rättas innan de kommer med i ansökan.",
                    step=BY_KEY[key].title))
            for key in sorted(steps_with_errors(application)) if key in BY_KEY]
