"""The wizard's steps in order, each with its own behaviour: form, template, form preparation, checks, live preview.

The routes call these hooks and never ask which step they are on.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from flask_babel import lazy_gettext as _l

from builder import readiness
from forms import wizard as wf
from forms.base import select_choices

from . import fees, field_checks, mapping, preview


def _no_check(form, doc: dict) -> bool:
    return True


def _no_context(form, doc: dict) -> dict:
    return {}


@dataclass(frozen=True)
class Step:
    key: str
    title: object
    form: type | None
    load: Callable[[dict], dict] | None
    apply: Callable | None
    template: str = ""
    prepare: Callable[[object, dict], None] = field(default=lambda form, doc: None)  # choices, columns, defaults
    check: Callable[[object, dict], bool] = _no_check  # checks beyond the form's own validators
    context: Callable[[object, dict], dict] = _no_context  # what the page shows beside the form (live tables)
    live: bool = False  # the page computes from typed numbers: parse them quietly before showing
    renames: Callable[[object], dict[str, str]] | None = None  # party renames this step's save makes
    row_added: Callable[[object, dict, str], None] = field(default=lambda form, doc, path: None)  # fill a new row

    @property
    def page(self) -> str:
        return self.template or f"wizard/{self.key}.html"


def incomplete_steps(doc: dict) -> set[str]:
    """The steps without a tick: those that fix something missing for submission (builder/readiness.py), and
    the review step, which is never done. Computed once for the whole step indicator."""
    return readiness.incomplete_steps(doc) | {"review"}


# ---- form preparation ------------------------------------------------------

def party_choices(doc: dict, current: str | None) -> list:
    names = [p.get("name", "") for p in doc.get("parties") or [] if p.get("name")]
    if current and current not in names:
        names.append(current)
    return select_choices([("", _l("– välj part –"))] + [(n, n) for n in names])


def set_party_choices(form, doc: dict) -> None:
    """Every party select offers the draft's parties (and what it holds, so a stale value stays visible)."""
    for list_name in ("staff", "other_costs", "risks", "signatories"):
        for entry in getattr(form, list_name, []):
            entry.form.party.choices = party_choices(doc, entry.form.party.data)


def _prepare_parties(form, doc: dict) -> None:
    """The process owner is one of the parties as typed on this page."""
    names = [n for n in (mapping.typed_party_names(form)) if n]
    current = form.process_owner.data or ""
    if current and current not in names:
        names.append(current)
    form.process_owner.choices = select_choices([("", _l("– välj part –"))] + [(n, n) for n in names])


def prepare_association(field, doc: dict | None = None) -> None:
    """The association select: the active associations (and the one the draft names, if no longer active).
    A name in the field (the stored document's text, or posted by a script) becomes that association's id."""
    from builder.associations.service import active_associations, matching

    listed = active_associations()
    named = matching(str((doc or {}).get("association") or ""))
    if named is not None and named.id not in {a.id for a in listed}:
        listed.append(named)
    field.choices = select_choices([("", _l("– välj samordningsförbund –"))]
                                   + [(str(a.id), a.name) for a in listed])
    value = str(field.data or "").strip()
    if value and not (value.isascii() and value.isdigit()):
        found = matching(value)
        field.data = str(found.id) if found is not None else value


def lock_association(field, application) -> None:
    """Once the application has a case (a diarienummer), its association is fixed: the select offers only it.
    (A posted change would be ignored anyway: associations.service.link_association keeps the case's.)"""
    from builder.associations.service import case_association

    association = case_association(application)
    if association is None:
        return
    field.choices = select_choices([(str(association.id), association.name)])
    field.data = str(association.id)
    field.description = _l("Ansökan är diarieförd hos %(name)s och kan inte flyttas till ett annat förbund.",
                           name=association.name)


def _prepare_project(form, doc: dict) -> None:
    prepare_association(form.association, doc)
    if not form.association.data and (doc.get("title") or doc.get("period")):
        # submission needs an association (readiness.submission_gaps): say so where it is chosen
        form.association.description = _l("Välj samordningsförbund: ansökan kan inte skickas in utan.")


def _prepare_budget(form, doc: dict) -> None:
    set_party_choices(form, doc)
    fit_amount_columns(form, doc)
    fees.fill_party_defaults(form, doc)


def fit_amount_columns(form, doc: dict) -> None:
    """One amount input per year: the period's years for other costs, the baseline's for its rows."""
    columns = {"other_costs": mapping.period_years(doc), "baseline_rows": mapping.form_baseline_years(form)}
    for list_name, years in columns.items():
        for entry in getattr(form, list_name):
            amounts = entry.form.amounts
            while len(amounts.entries) < len(years):
                amounts.append_entry("")
            while len(amounts.entries) > len(years):
                amounts.pop_entry()


# ---- page context ----------------------------------------------------------

def _budget_row_added(form, doc: dict, path: str) -> None:
    if path == "staff":
        fees.new_staff_line(form, doc)


def _budget_context(form, doc: dict) -> dict:
    table, _effects, errors = preview.budget_preview(form, doc)
    return {"table": table, "preview_errors": errors, "baseline_years": mapping.form_baseline_years(form),
            "presets": fees.presets(), "party_fees": fees.party_default_texts(doc)}


def _goals_context(form, doc: dict) -> dict:
    effects, errors, total = preview.effects_preview(form, doc)
    return {"effects": effects, "preview_errors": errors, "budget_total": total}


def _text_step(key: str, title, form) -> Step:
    return Step(key, title, form, partial(mapping.sections_data, step=key), partial(mapping.sections_apply, step=key),
                template="wizard/text_step.html")


STEPS: tuple[Step, ...] = (
    Step("project", _l("Projekt"), wf.ProjectForm, mapping.project_data, mapping.project_apply,
         prepare=_prepare_project),
    Step("parties", _l("Parter"), wf.PartiesForm, mapping.parties_data, mapping.parties_apply,
         prepare=_prepare_parties, check=field_checks.check_process_owner, renames=mapping.party_renames),
    _text_step("background", _l("Bakgrund och behov"), wf.BackgroundForm),
    Step("goals", _l("Mål och effekter"), wf.GoalsForm, mapping.goals_data, mapping.goals_apply,
         check=lambda form, doc: field_checks.check_effects(form), context=_goals_context, live=True),
    _text_step("timeline", _l("Tidsplan och aktiviteter"), wf.TimelineForm),
    _text_step("organisation", _l("Organisation"), wf.OrganisationForm),
    Step("risks", _l("Risker"), wf.RisksForm, mapping.risks_data, mapping.risks_apply,
         prepare=set_party_choices),
    Step("budget", _l("Budget"), wf.BudgetForm, mapping.budget_data, mapping.budget_apply,
         prepare=_prepare_budget, check=field_checks.check_staff_lines, context=_budget_context, live=True,
         row_added=_budget_row_added),
    Step("signatories", _l("Underskrifter"), wf.SignatoriesForm, mapping.signatories_data,
         mapping.signatories_apply, prepare=set_party_choices),
    Step("review", _l("Granska"), None, None, None),
)
STEP_KEYS = tuple(s.key for s in STEPS)
BY_KEY = {s.key: s for s in STEPS}


def neighbours(key: str) -> tuple[str | None, str | None]:
    """The step before and after `key`."""
    i = STEP_KEYS.index(key)
    return (STEP_KEYS[i - 1] if i else None, STEP_KEYS[i + 1] if i + 1 < len(STEP_KEYS) else None)
