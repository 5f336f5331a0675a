"""Review routes: thin — check who may act, call the service, redirect."""
from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from builder import notify
from builder.applications.access import can_withdraw, get_case_visible, get_visible, refuse_over_quota, works_on
from builder.applications.service import computed_budget
from builder.extensions import db
from builder.models import Comment
from builder.web.downloads import safe_filename
from builder.web.filters import SECTION_TITLES, STATUS_LABELS
from builder.web.ids import parse_id
from builder.wizard.drafts import problems as pending_problems
from builder.wizard.field_checks import review_problems
from builder.workflow import ACTIONS, DECISIONS, WorkflowError, may_act
from forms.base import choice_labels, select_choices
from forms.review import CommentForm, DecisionForm, TransitionForm

from . import bp, compare, service


def _check_may(application, action_name: str) -> None:
    action = ACTIONS.get(action_name) or abort(404)
    if not may_act(action, is_member=service.is_member(current_user, application), role=current_user.role,
                   is_party=service.is_party(current_user, application)):
        abort(403)
    if action_name == "withdraw" and not can_withdraw(application):
        abort(409, description=_("Bara en inskickad ansökan kan återkallas. Ett utkast som aldrig har skickats in "
                                 "kan du ta bort i stället."))
    if application.status not in action.sources:
        abort(409, description=_("Det går inte att %(action)s en ansökan med status %(status)s.",
                                 action=action_label(action_name), status=STATUS_LABELS[application.status]))


def action_label(name: str) -> str:
    return {"submit": _("skicka in"), "request_changes": _("begära komplettering av"),
            "revise": _("revidera"), "approve": _("bevilja"), "reject": _("avslå"),
            "withdraw": _("återkalla")}.get(name, name)


@bp.post("/applications/<int:app_id>/actions/<action>")
@login_required
def transition(app_id: int, action: str):
    application = get_visible(app_id)
    _check_may(application, action)
    form = DecisionForm() if action in DECISIONS else TransitionForm()
    if action == "request_changes":
        from forms.cases import ChangeRequestForm

        form = ChangeRequestForm()  # the text is required: it tells the lead what to fix
    _check_version(application, form.version.data)
    if not form.validate_on_submit():
        for message in [m for errors in form.errors.values() for m in errors]:
            flash(str(message), "error")
        return redirect(url_for("applications.show", app_id=app_id))
    if action == "submit":
        problems = review_problems(application.doc) + pending_problems(application)
        if problems:
            flash(_("Ansökan kan inte skickas in förrän allt under Att åtgärda är klart."), "error")
            return redirect(url_for("wizard.step", app_id=app_id, step_key="review"))
    decision = service.decision_from_form(form) if action in DECISIONS else None
    over_frame: list[str] = []
    if action == "approve":
        from builder.portfolio.warnings import approve_form_warnings

        over_frame = approve_form_warnings(application, (decision or {}).get("approved_total"))
    try:
        done = service.apply_transition(application, action, current_user, form.comment.data or "", decision)
    except WorkflowError:
        abort(409)
    except (StaleDataError, IntegrityError):  # another submit or decision committed between our read and write
        db.session.rollback()
        abort(409, description=_("Någon annan ändrade ansökan i samma ögonblick. Ladda om sidan och se "
                                 "vad som gäller nu. Ditt beslut är inte registrerat."))
    notify.after_transition(application, done, current_user)
    flash(_("Klart: ansökan har nu status %(status)s.", status=STATUS_LABELS[application.status]), "success")
    _warn_amount(application, decision)
    for text in over_frame:
        flash(text, "warning")
    return redirect(url_for("applications.show", app_id=app_id))


def _check_version(application, posted) -> None:
    """409 unless the form was made for the newest version: a decision is about what the reviewer read."""
    latest = service.latest_version_number(application)
    text = (posted or "").strip()
    if not (text.isascii() and text.isdigit() and len(text) < 10) or int(text) != latest:
        abort(409, description=_("Ansökan har ändrats sedan sidan öppnades: den senaste versionen är nu "
                                 "version %(n)s. Läs den och försök igen. Inget har ändrats.", n=latest))


def _warn_amount(application, decision: dict | None) -> None:
    """A warning when the approved amount is not the total of the version that was approved."""
    approved = (decision or {}).get("approved_total")
    total = application.versions[-1].total if application.versions else None
    if approved is not None and total is not None and approved != total:
        from builder import formatting
        from builder.web.locale import current_language

        language = current_language()
        flash(_("Observera: beviljat belopp %(approved)s avviker från versionens total %(total)s.",
                approved=formatting.kr(approved, language), total=formatting.kr(total, language)), "warning")


def _version(application, number: int):
    for version in application.versions:
        if version.number == number:
            return version
    abort(404)


@bp.get("/applications/<int:app_id>/versions/<int:number>")
@login_required
def version(app_id: int, number: int):
    application = get_case_visible(app_id)
    frozen = _version(application, number)
    table, effects = computed_budget(frozen.doc)
    return render_template("review/version.html", application=application, version=frozen, doc=frozen.doc,
                           table=table, effects=effects)


@bp.get("/applications/<int:app_id>/versions/<int:number>/export.json")
@login_required
def version_json(app_id: int, number: int):
    application = get_case_visible(app_id)
    frozen = _version(application, number)
    name = safe_filename(f"{application.title}-v{number}", ".json")
    return Response(frozen.document, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/applications/<int:app_id>/compare")
@login_required
def compare_versions(app_id: int):
    application = get_case_visible(app_id)
    numbers = [v.number for v in application.versions]
    a = request.args.get("a", type=int) or (numbers[-2] if len(numbers) > 1 else None)
    b = request.args.get("b", type=int) or (numbers[-1] if numbers else None)
    if a is None or b is None:
        flash(_("Det finns ännu inga två versioner att jämföra."), "info")
        return redirect(url_for("applications.show", app_id=app_id))
    old, new = _version(application, a), _version(application, b)
    years, rows = compare.budget_comparison(old.doc, new.doc)
    from builder.web.locale import current_language

    from .line_changes import line_changes

    return render_template("review/compare.html", application=application, old=old, new=new,
                           sections=compare.section_diffs(old.doc, new.doc), years=years, rows=rows,
                           titles=dict(SECTION_TITLES), numbers=numbers,
                           lines=line_changes(old.doc, new.doc, current_language()))


@bp.post("/applications/<int:app_id>/comments")
@login_required
def add_comment(app_id: int):
    application = get_case_visible(app_id)  # staff may comment while the lead revises
    form = CommentForm()
    form.target.choices = select_choices(service.comment_targets(application.doc))
    if current_user.role == "finance":
        abort(403)  # finance officers read; they do not comment or answer
    reviewer = current_user.role in ("reviewer", "admin") and works_on(current_user, application)
    parent = None
    if form.parent_id.data:
        parent_id = parse_id(form.parent_id.data)
        parent = db.session.get(Comment, parent_id) if parent_id is not None else None
        if parent is None or parent.application_id != application.id or (parent.internal and not reviewer):
            abort(404)
    elif not reviewer:
        abort(403)  # applicants answer comments; they do not open new threads
    if form.validate_on_submit() and (parent or form.target.data in choice_labels(form.target)):
        comment = service.add_comment(application, current_user, form.body.data, form.target.data or "general",
                                      parent, internal=reviewer and bool(form.internal.data))
        notify.after_comment(application, comment, current_user)
        flash(_("Kommentaren är sparad."), "success")
    else:
        flash(_("Skriv en kommentar."), "error")
    return redirect(url_for("applications.show", app_id=app_id) + "#comments")


@bp.post("/applications/<int:app_id>/extension")
@login_required
def extension(app_id: int):
    application = get_visible(app_id)
    if application.status != "approved" or not service.is_member(current_user, application):
        abort(403 if application.status == "approved" else 409)
    refuse_over_quota()
    kind = "continuation" if request.form.get("kind") == "continuation" else "extension"
    draft = service.start_extension(application, current_user, kind)
    flash(_("Ett nytt utkast är skapat med den beviljade budgeten som jämförelse."), "success")
    return redirect(url_for("wizard.step", app_id=draft.id, step_key="budget"))


def _list_query():
    """What the reviewer list was asked for, from the query string (404 for applicants)."""
    from builder.cases.listing import IN_REVISION
    from builder.models import STATUSES

    from .listing import ListQuery

    if current_user.role not in ("reviewer", "admin", "finance"):
        abort(404)
    args = request.args

    def text(name: str) -> str:  # PostgreSQL refuses a NUL in a text parameter: it can match nothing anyway
        return args.get(name, "")[:200].replace("\x00", "")

    status = args.get("status", "")
    return ListQuery(status=status if status in (*STATUSES, IN_REVISION) else "",
                     association=text("association"), query=text("q"),
                     sort=args.get("sort", "updated"), descending=args.get("dir", "desc") != "asc",
                     officer=args.get("officer", "")[:20], due=args.get("due", "")[:20])


@bp.get("/review")
@login_required
def review_list():
    from builder.cases.service import officers
    from builder.models import STATUSES

    from .listing import page_of

    page = page_of(current_user, _list_query(), request.args.get("page", ""), current_app.config["REVIEW_PAGE_SIZE"])
    staff_statuses = [s for s in STATUSES if s != "draft"]  # drafts are never staff's: the filter would stay empty
    from builder.applications.access import my_association_ids
    from builder.associations.service import associations_of

    return render_template("review/list.html", rows=page.rows, page=page, statuses=staff_statuses, args=request.args,
                           officers=officers(my_association_ids(current_user)),
                           associations=associations_of(current_user))


@bp.get("/review/export.csv")
@login_required
def list_csv():
    """The reviewer list (same filters, every matching row) as CSV for Excel, streamed as it is read."""
    from flask import stream_with_context

    from builder.xlsx import CSV_MIMETYPE, application_list_csv_chunks

    from .listing import application_rows

    rows = application_rows(current_user, _list_query())
    return Response(stream_with_context(application_list_csv_chunks(rows)), content_type=CSV_MIMETYPE,
                    headers={"Content-Disposition": 'attachment; filename="ansokningar.csv"'})


@bp.get("/applications/<int:app_id>/versions/<int:number>/export.docx")
@login_required
def version_docx(app_id: int, number: int):
    """A frozen version as DOCX; its footer fingerprint matches the version's."""
    from builder.applications.docx_export import docx_response

    application = get_case_visible(app_id)
    frozen = _version(application, number)
    return docx_response(application, frozen.doc, draft=request.args.get("draft") == "1", version_label="",
                         version_number=number, submitted=frozen.created_at,
                         back_url=url_for("review.version", app_id=app_id, number=number))
