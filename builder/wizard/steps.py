"""The wizard's steps in order: form class, template, and how each maps to the document."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from flask_babel import lazy_gettext as _l

from builder import readiness
from forms import wizard as wf

from . import mapping


@dataclass(frozen=True)
class Step:
    key: str
    title: object
    form: type | None
    load: Callable[[dict], dict] | None
    apply: Callable | None
    complete: Callable[[dict], bool]


def _sections(doc: dict) -> dict:
    return doc.get("sections") or {}


def _has(*keys):
    return lambda doc: all((_sections(doc).get(k) or "").strip() for k in keys)


def _signatories_complete(doc: dict) -> bool:
    return bool(doc.get("parties")) and not readiness.signatory_gaps(doc)


STEPS: tuple[Step, ...] = (
    Step("project", _l("Projekt"), wf.ProjectForm, mapping.project_data, mapping.project_apply,
         lambda d: bool((d.get("title") or "").strip() and d.get("period"))),
    Step("parties", _l("Parter"), wf.PartiesForm, mapping.parties_data, mapping.parties_apply,
         lambda d: bool(d.get("parties")) and bool((d.get("process_owner") or "").strip())),
    Step("background", _l("Bakgrund och behov"), wf.BackgroundForm,
         partial(mapping.sections_data, step="background"),
         partial(mapping.sections_apply, step="background"), _has("background", "target_group")),
    Step("goals", _l("Mål och effekter"), wf.GoalsForm, mapping.goals_data, mapping.goals_apply, _has("goals")),
    Step("timeline", _l("Tidsplan och aktiviteter"), wf.TimelineForm,
         partial(mapping.sections_data, step="timeline"),
         partial(mapping.sections_apply, step="timeline"), _has("timeline", "activities")),
    Step("organisation", _l("Organisation"), wf.OrganisationForm,
         partial(mapping.sections_data, step="organisation"),
         partial(mapping.sections_apply, step="organisation"), _has("steering_group", "follow_up")),
    Step("risks", _l("Risker"), wf.RisksForm, mapping.risks_data, mapping.risks_apply,
         lambda d: bool(d.get("risks"))),
    Step("budget", _l("Budget"), wf.BudgetForm, mapping.budget_data, mapping.budget_apply,
         lambda d: bool((d.get("budget") or {}).get("staff"))),
    Step("signatories", _l("Underskrifter"), wf.SignatoriesForm, mapping.signatories_data,
         mapping.signatories_apply, _signatories_complete),
    Step("review", _l("Granska"), None, None, None, lambda d: False),
)
STEP_KEYS = tuple(s.key for s in STEPS)
BY_KEY = {s.key: s for s in STEPS}


def neighbours(key: str) -> tuple[str | None, str | None]:
    """The step before and after `key`."""
    i = STEP_KEYS.index(key)
    return (STEP_KEYS[i - 1] if i else None, STEP_KEYS[i + 1] if i + 1 < len(STEP_KEYS) else None)
