"""Building a step's form and saving it: into the document when it checks out, always as typed."""
from __future__ import annotations

from builder.applications.service import save_document
from builder.extensions import db
from forms.walk import leaf_fields

from . import drafts, field_checks


def build_form(step, doc: dict, formdata=None, *, posted: bool = True):
    """The step's form: from posted or kept input when given, else from the stored document.

    Kept input (`posted=False`) is no request: it carries no CSRF token to check."""
    meta = None if posted else {"csrf": False}
    form = step.form(formdata=formdata, data=step.load(doc), meta=meta)
    step.prepare(form, doc)
    return form


def form_for_page(step, application):
    """The form a GET shows: what was typed and kept (with its messages), else the stored document."""
    doc = application.doc
    found = drafts.entry(application, step.key)
    if found is None:
        form = build_form(step, doc)
    else:
        form = build_form(step, doc, drafts.formdata(found), posted=False)
        if found.get("errors"):
            run_checks(step, form, doc)
            return form
    if step.live:
        parse_quietly(form)
    return form


def parse_quietly(form) -> None:
    """Parse the typed numbers (for the live tables) without showing errors nobody asked for yet."""
    form.validate()
    for field in leaf_fields(form):
        field.errors = []
    form.form_errors = []


def run_checks(step, form, doc: dict):
    """(the document to store, its validation) when the step's form checks out, else None (messages set)."""
    ok = form.validate()
    ok = step.check(form, doc) and ok
    return field_checks.check_document(step, form, doc) if ok else None  # only a valid form is applied


def save_step(application, step, form, editor: str | None) -> bool:
    """Store the step (one transaction): the document when the input checks out, the typed input when it does
    not or when it holds rows the document drops. True when the document took it."""
    checked = run_checks(step, form, application.doc)
    if checked is None or drafts.has_blank_rows(form):
        drafts.keep(application, step.key, form, errors=checked is None)
    else:
        drafts.drop(application, step.key)
    application.editor_token = editor
    if checked is None:
        application.mark_visited(step.key)
        db.session.commit()
        return False
    new_doc, validated = checked
    if step.renames is not None:
        drafts.rename_parties(application, step.renames(form))
    save_document(application, new_doc, step.key, validated=validated)
    return True
