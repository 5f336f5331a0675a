"""Wizard routes: thin — build the step's form, check it, store it, redirect."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm.exc import StaleDataError

from builder.applications.access import can_edit, get_editable, get_visible
from builder.applications.service import save_document
from builder.extensions import db
from builder.models import FeePreset
from forms.base import choice_labels, select_choices
from forms.walk import leaf_fields

from . import bp, field_checks, mapping, preview
from .formdata import find_list, remove_entry
from .steps import BY_KEY, STEPS, neighbours


def _party_choices(doc: dict, current: str | None) -> list[tuple[str, str]]:
    names = [p.get("name", "") for p in doc.get("parties") or [] if p.get("name")]
    if current and current not in names:
        names.append(current)
    return [("", _("– välj part –"))] + [(n, n) for n in names]


def _set_choices(form, doc: dict) -> None:
    for list_name in ("staff", "other_costs", "risks", "signatories"):
        for entry in getattr(form, list_name, []):
            entry.form.party.choices = select_choices(_party_choices(doc, entry.form.party.data))


def build_form(step, doc: dict, formdata=None):
    """The step's form: from what was posted, else from the stored document."""
    form = step.form(formdata=formdata, data=step.load(doc)) if formdata is not None \
        else step.form(formdata=None, data=step.load(doc))
    _set_choices(form, doc)
    if step.key == "budget":
        _fit_amount_columns(form, doc)
    return form


def _fit_amount_columns(form, doc: dict) -> None:
    """One amount input per year: the period's years for other costs, the baseline's for its rows."""
    columns = {"other_costs": mapping.period_years(doc), "baseline_rows": mapping.form_baseline_years(form)}
    for list_name, years in columns.items():
        for entry in getattr(form, list_name):
            amounts = entry.form.amounts
            while len(amounts.entries) < len(years):
                amounts.append_entry("")
            while len(amounts.entries) > len(years):
                amounts.pop_entry()


def parse_quietly(form) -> None:
    """Parse the typed numbers (for the live tables) without showing errors nobody asked for yet."""
    form.validate()
    for field in leaf_fields(form):
        field.errors = []
    form.form_errors = []


def _render(step, application, form, status=200, base_version=None, **extra):
    doc = application.doc
    if step.key in ("budget", "goals") and not getattr(form, "checked", False):
        parse_quietly(form)
    context = dict(step=step, steps=STEPS, application=application, form=form, doc=doc, base_version=base_version,
                   neighbours=neighbours(step.key), editable=can_edit(current_user, application),
                   years=mapping.period_years(doc), **extra)
    if step.key == "budget":
        table, effects, errors = preview.budget_preview(form, doc)
        context.update(table=table, preview_errors=errors, baseline_years=mapping.form_baseline_years(form),
                       presets=db.session.scalars(db.select(FeePreset).order_by(FeePreset.position)).all())
    if step.key == "goals":
        effects, errors, total = preview.effects_preview(form, doc)
        context.update(effects=effects, preview_errors=errors, budget_total=total)
    return render_template(f"wizard/{step.key}.html", **context), status


def _structural_change(step, application):
    """Add or remove a row: re-show the form with what was typed, nothing saved yet."""
    doc = application.doc
    target = request.form.get("remove_row")
    if target:
        return build_form(step, doc, remove_entry(request.form, target))
    path = request.form.get("add")
    if path:
        form = build_form(step, doc, request.form)
        field = find_list(form, path)
        if field is not None and (not field.max_entries or len(field.entries) < field.max_entries):
            field.append_entry()
            _set_choices(form, doc)
            if step.key == "budget":
                _fit_amount_columns(form, doc)
        return form
    return None


def _checked_document(step, form, doc):
    """(the document to store, its validation) when the step's form checks out, else None."""
    ok = form.validate()
    form.checked = True
    if step.key == "budget":
        ok = field_checks.check_staff_lines(form, doc) and ok
    if step.key == "goals":
        ok = field_checks.check_effects(form) and ok
    return field_checks.check_document(step, form, doc) if ok else None  # only a valid form is applied


def _after_save(step, app_id: int):
    """Where to go after a save (the id is passed in: reading application.id after the commit costs a query)."""
    back, forward = neighbours(step.key)
    goto = request.form.get("goto")
    if goto in BY_KEY:
        target = goto
    elif "back" in request.form and back:
        target = back
    elif "next" in request.form and forward:
        target = forward
    else:
        flash(_("Utkastet är sparat."), "success")
        target = step.key
    return redirect(url_for("wizard.step", app_id=app_id, step_key=target))


@bp.route("/steps/<step_key>", methods=["GET", "POST"])
@login_required
def step(app_id: int, step_key: str):
    step = BY_KEY.get(step_key) or abort(404)
    if step.key == "review":
        return review(app_id)
    if request.method == "GET":
        application = get_visible(app_id)
        if not can_edit(current_user, application):
            return redirect(url_for("applications.show", app_id=app_id))
        return _render(step, application, build_form(step, application.doc))
    application = get_editable(app_id)
    base_version = request.form.get("base_version", type=int)
    changed = _structural_change(step, application)
    if changed is not None:
        return _render(step, application, changed, base_version=base_version)
    doc = application.doc
    form = build_form(step, doc, request.form)
    checked = _checked_document(step, form, doc)
    if checked is None:
        flash(_("Kontrollera de markerade fälten. Inget av det du skrev har gått förlorat."), "error")
        return _render(step, application, form, status=422, base_version=base_version)
    if base_version != application.lock_version:  # stale, or missing: never overwrite without knowing what
        return _conflict(step, application, form)
    new_doc, validated = checked
    try:
        save_document(application, new_doc, step.key, validated=validated)
    except StaleDataError:  # another save committed between our read and our write
        db.session.rollback()
        return _conflict(step, db.session.get(type(application), app_id), form)
    return _after_save(step, app_id)


def _leaves(form) -> dict[str, tuple[str, str]]:
    """{field name: (label, shown value)} of every input in a form, nested lists included."""
    out = {}
    for field in leaf_fields(form):
        if field.type in ("CSRFTokenField", "HiddenField"):
            continue
        value = field.data
        if field.type == "SelectField":
            value = choice_labels(field).get(str(value), value)
        out[field.name] = (str(field.label.text), "" if value is None else str(value))
    return out


def _conflict(step, application, mine):
    """409: someone saved this draft after it was opened here; show both versions and let the user choose."""
    theirs = build_form(step, application.doc)
    mine_values, their_values = _leaves(mine), _leaves(theirs)
    changes = [(name, label, their_values.get(name, ("", ""))[1], value)
               for name, (label, value) in mine_values.items() if their_values.get(name, ("", ""))[1] != value]
    changes += [(name, label, value, "") for name, (label, value) in their_values.items()
                if name not in mine_values and value]
    last = application.transitions[-1] if application.transitions else None
    posted = [(k, v) for k, v in request.form.items(multi=True)
              if k not in ("csrf_token", "base_version", "next", "back", "save", "goto")]
    return render_template("wizard/conflict.html", step=step, application=application, changes=changes,
                           posted=posted, last=last), 409


@bp.post("/steps/budget/preview")
@login_required
def budget_preview(app_id: int):
    """The live budget table (htmx): computed from the posted form, nothing saved."""
    application = get_visible(app_id)
    step = BY_KEY["budget"]
    form = build_form(step, application.doc, request.form)
    parse_quietly(form)
    table, _effects, errors = preview.budget_preview(form, application.doc)
    return render_template("wizard/_budget_preview.html", table=table, preview_errors=errors,
                           application=application)


@bp.post("/steps/goals/preview")
@login_required
def goals_preview(app_id: int):
    """The live effects calculation (htmx)."""
    application = get_visible(app_id)
    form = build_form(BY_KEY["goals"], application.doc, request.form)
    parse_quietly(form)
    effects, errors, total = preview.effects_preview(form, application.doc)
    return render_template("wizard/_effects_preview.html", effects=effects, preview_errors=errors,
                           budget_total=total)


def review(app_id: int):
    application = get_visible(app_id)
    doc = application.doc
    from builder.applications.service import validate
    from builder.budget import compute_budget, compute_effects

    validated, _errors = validate(doc)
    table = effects = None
    if validated is not None:
        table = compute_budget(validated.budget)
        effects = compute_effects(validated.effects, table.total)
    from builder.review.service import latest_version_number
    from builder.workflow import allowed_actions
    from forms.review import TransitionForm

    step = BY_KEY["review"]
    member = application.is_member(current_user.id)
    may_submit = "submit" in allowed_actions(application.status, is_member=member, role=current_user.role)
    return render_template("wizard/review.html", step=step, steps=STEPS, application=application, doc=doc,
                           validated=validated, table=table, effects=effects,
                           problems=field_checks.review_problems(doc), neighbours=neighbours("review"),
                           editable=can_edit(current_user, application), may_submit=may_submit,
                           transition_form=TransitionForm(formdata=None,
                                                          data={"version": latest_version_number(application)}))
