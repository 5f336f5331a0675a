"""Wizard routes: thin. A POST saves what was typed and redirects (303) to a page; the step's hooks do the rest."""
from __future__ import annotations

import secrets
from datetime import UTC, datetime

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm.exc import StaleDataError

from builder.applications.access import can_edit, get_editable, get_visible
from builder.extensions import db
from forms.base import choice_labels
from forms.walk import leaf_fields

from . import bp, drafts, fees, field_checks, mapping, preview
from .formdata import find_list, remove_entry
from .saving import build_form, form_for_page, parse_quietly, save_step
from .steps import BY_KEY, STEPS, incomplete_steps, lock_association, neighbours

__all__ = ["build_form"]  # fuzz support builds step forms through this module


def _render(step, application, form, focus: str | None = None):
    doc = application.doc
    _autofocus(form, focus)
    if step.key == "project":
        lock_association(form.association, application)
    context = dict(step=step, steps=STEPS, application=application, form=form, doc=doc,
                   neighbours=neighbours(step.key), editable=can_edit(current_user, application),
                   years=mapping.period_years(doc), editor=secrets.token_hex(8), focus=focus,
                   needs_fixing=drafts.steps_with_errors(application), language_form="step-form",
                   incomplete=incomplete_steps(doc))
    context.update(step.context(form, doc))
    return render_template(step.page, **context)


def _first_input_id(entry) -> str | None:
    """The id of a list row's first visible input (a row is a sub-form, or one input)."""
    fields = leaf_fields(entry.form) if hasattr(entry, "form") else [entry]
    return next((f.id for f in fields if f.type not in ("HiddenField", "CSRFTokenField")), None)


def _autofocus(form, focus: str | None) -> None:
    """The input `focus` gets autofocus (works without JavaScript; htmx and app.js honour it after a swap)."""
    for field in leaf_fields(form) if focus else ():
        if field.id == focus:
            field.render_kw = {**(field.render_kw or {}), "autofocus": True}
            return


def _structural_change(step, form, doc: dict) -> str | None:
    """Add the row asked for; returns the id to focus (the new row's first input)."""
    path = request.form.get("add")
    field = find_list(form, path) if path else None
    if field is None or (field.max_entries and len(field.entries) >= field.max_entries):
        return None
    field.append_entry()
    step.prepare(form, doc)
    step.row_added(form, doc, path)
    return _first_input_id(field.entries[-1])


def _focus_after_remove(form, target: str) -> str | None:
    """The row before the removed one (or the row that took its place, or the add button)."""
    prefix, _sep, index = target.rpartition("-")
    field = find_list(form, prefix)
    if field is None or not index.isdigit():
        return None
    if field.entries:
        return _first_input_id(field.entries[max(0, min(int(index) - 1, len(field.entries) - 1))])
    return f"add-{prefix}"


def _stale(application, base_version: int | None, editor: str | None) -> bool:
    """Someone else saved since this page was opened (this page's own autosaves do not count)."""
    if base_version == application.lock_version:
        return False
    if base_version is None:  # missing: never overwrite without knowing what
        return True
    return not (editor and editor == application.editor_token)


def _target(step) -> str:
    back, forward = neighbours(step.key)
    goto = request.form.get("goto")
    if goto in BY_KEY:
        return goto
    if "back" in request.form and back:
        return back
    if "next" in request.form and forward:
        return forward
    return step.key


def _save(step, application, form):
    """Save; returns None when saved (True/False: the document took it), or the 409 page."""
    editor = request.form.get("editor") or None
    if _stale(application, request.form.get("base_version", type=int), editor):
        return _conflict(step, application, form)
    try:
        return save_step(application, step, form, editor)
    except StaleDataError:  # another save committed between our read and our write
        db.session.rollback()
        application = db.session.get(type(application), application.id)
        if _stale(application, -1, editor):
            return _conflict(step, application, form)
        return save_step(application, step, build_form(step, application.doc, request.form), editor)


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
        form = form_for_page(step, application)
        focus = request.args.get("focus")
        return _render(step, application, form, focus if focus and len(focus) < 100 else None)
    application = get_editable(app_id)
    doc = application.doc
    target = request.form.get("remove_row")
    form = build_form(step, doc, remove_entry(request.form, target) if target else request.form)
    focus = _focus_after_remove(form, target) if target else _structural_change(step, form, doc)
    saved = _save(step, application, form)
    if not isinstance(saved, bool):
        return saved
    language = request.form.get("language")
    if language in current_app.config["LANGUAGES"]:
        session["language"] = language
    destination = _target(step)
    if not saved and not (target or request.form.get("add")):
        flash(_("Det du skrev på steget %(step)s är sparat som utkast. Rätta de markerade fälten så kommer det "
                "med i ansökan.", step=step.title), "error")
    elif saved and "save" in request.form and destination == step.key:
        flash(_("Utkastet är sparat."), "success")
    if focus and destination == step.key:  # the input to focus: autofocus on the page, and scrolled to
        return redirect(url_for("wizard.step", app_id=app_id, step_key=destination, focus=focus, _anchor=focus),
                        code=303)
    return redirect(url_for("wizard.step", app_id=app_id, step_key=destination), code=303)


@bp.post("/steps/<step_key>/autosave")
@login_required
def autosave(app_id: int, step_key: str):
    """Save what is typed (htmx, debounced) and answer with the small save status, not a page."""
    step = BY_KEY.get(step_key) or abort(404)
    if step.form is None:
        abort(404)
    application = get_editable(app_id)
    form = build_form(step, application.doc, request.form)
    saved = _save(step, application, form)
    if not isinstance(saved, bool):
        return render_template("wizard/_save_status.html", conflict=True, application=application, step=step)
    return render_template("wizard/_save_status.html", conflict=False, saved=saved, step=step,
                           application=application, when=datetime.now(UTC))


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
    theirs = form_for_page(step, application)
    mine_values, their_values = _leaves(mine), _leaves(theirs)
    changes = [(name, label, their_values.get(name, ("", ""))[1], value)
               for name, (label, value) in mine_values.items() if their_values.get(name, ("", ""))[1] != value]
    changes += [(name, label, value, "") for name, (label, value) in their_values.items()
                if name not in mine_values and value]
    last = application.transitions[-1] if application.transitions else None
    posted = [(k, v) for k, v in request.form.items(multi=True)
              if k not in ("csrf_token", "base_version", "next", "back", "save", "goto", "editor", "language")]
    return render_template("wizard/conflict.html", step=step, application=application, changes=changes,
                           posted=posted, last=last), 409


@bp.post("/steps/budget/preview")
@login_required
def budget_preview(app_id: int):
    """The live budget table (htmx): computed from the posted form, nothing saved."""
    application = get_visible(app_id)
    form = build_form(BY_KEY["budget"], application.doc, request.form)
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
    order = {s.key: i for i, s in enumerate(STEPS)}
    problems = sorted(field_checks.review_problems(doc) + drafts.problems(application), key=lambda p: order[p[0]])
    return render_template("wizard/review.html", step=step, steps=STEPS, application=application, doc=doc,
                           validated=validated, table=table, effects=effects, problems=problems,
                           warnings=fees.budget_warnings(doc), neighbours=neighbours("review"),
                           needs_fixing=drafts.steps_with_errors(application), incomplete=incomplete_steps(doc),
                           editable=can_edit(current_user, application), may_submit=may_submit,
                           transition_form=TransitionForm(formdata=None,
                                                          data={"version": latest_version_number(application)}))
