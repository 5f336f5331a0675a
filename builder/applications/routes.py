"""Application list, create, import/export JSON, overview page and co-applicant invitations."""
from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from builder.appformat import ValidationError
from builder.auth.decorators import role_required
from builder.extensions import db
from builder.format_messages import messages
from builder.models import Application
from builder.web.downloads import safe_filename
from builder.web.locale import current_language
from forms.applications import ImportForm, NewApplicationForm
from forms.auth import InviteForm

from . import bp, service
from .access import (
    can_delete,
    can_edit,
    can_view,
    can_withdraw,
    get_case_visible,
    get_visible,
    refuse_over_quota,
    visible_query,
    works_on,
)

MAX_IMPORT_BYTES = 2 * 1024 * 1024


def _new_form(formdata=None) -> NewApplicationForm:
    """"Ny ansökan" with the active associations to choose from (the only one chosen beforehand)."""
    from builder.wizard.steps import prepare_association

    form = NewApplicationForm(formdata=formdata) if formdata is not None else NewApplicationForm(formdata=None)
    prepare_association(form.association)
    listed = [c for c in form.association.choices if c.value]
    if len(listed) == 1 and not form.association.data:
        form.association.data = str(listed[0].value)
    return form


@bp.get("")
@login_required
def index(new_form: NewApplicationForm | None = None, status: int = 200):
    applications = db.session.scalars(visible_query(current_user).order_by(Application.updated_at.desc())).all()
    from .progress import progress_of

    progress = {a.id: progress_of(a) for a in applications if a.status == "draft" and a.is_member(current_user.id)}
    return render_template("applications/index.html", applications=applications, progress=progress,
                           new_form=new_form or _new_form()), status


@bp.post("/new")
@role_required("applicant", "admin")
def create():
    """A new draft to the association chosen on the list page (required when there are several)."""
    from builder.models import Association

    refuse_over_quota()
    form = _new_form(request.form)
    if not form.validate_on_submit() or not form.association.data:
        if not form.association.errors:
            form.association.errors = [_("Välj det samordningsförbund ansökan ska till.")]
        return index(form, 422)
    association = db.session.get(Association, int(form.association.data))
    application = service.create_application(current_user, association=association)
    return redirect(url_for("wizard.step", app_id=application.id, step_key="project"))


@bp.get("/<int:app_id>")
@login_required
def show(app_id: int):
    application = get_case_visible(app_id)
    # Staff looking at a case the lead is revising see the last submitted version, not the working draft.
    case_only = not can_view(current_user, application)
    doc = application.versions[-1].doc if case_only else application.doc
    table, effects = service.computed_budget(doc)
    return render_template("applications/show.html", application=application, doc=doc, table=table,
                           effects=effects, editable=can_edit(current_user, application),
                           is_owner=application.owner_id == current_user.id, invite_form=InviteForm(),
                           case_only=case_only, **review_context(application, doc))


def review_context(application: Application, doc: dict | None = None) -> dict:
    """What the workflow panel of an application page needs."""
    from builder.review.budget_findings import budget_findings
    from builder.review.service import comment_targets, is_party, latest_version_number
    from builder.workflow import allowed_actions
    from forms.base import choice_labels, select_choices
    from forms.review import CommentForm, DecisionForm, TransitionForm

    member = application.is_member(current_user.id)
    comment_form = CommentForm()
    doc = application.doc if doc is None else doc
    comment_form.target.choices = select_choices(comment_targets(doc))
    reviewer = current_user.role in ("reviewer", "admin") and works_on(current_user, application)
    parent = db.session.get(Application, application.parent_id) if application.parent_id else None
    findings = budget_findings(doc, parent.approved_total if parent else None) if reviewer else []
    version = latest_version_number(application)
    decision_form = DecisionForm(formdata=None, data={"version": version})
    if application.approved_total is None and application.total is not None:
        decision_form.approved_total.process_data(application.total)
    actions = [a for a in allowed_actions(application.status, is_member=member, role=current_user.role,
                                          is_party=is_party(current_user, application))
               if a != "withdraw" or can_withdraw(application)]
    frame_warnings = []
    if "approve" in actions:  # compared with the association's remaining frame: a warning, not a block
        from builder.portfolio.warnings import approve_form_warnings

        frame_warnings = approve_form_warnings(application)
    return dict(actions=actions, can_delete=can_delete(application, current_user), frame_warnings=frame_warnings,
                transition_form=TransitionForm(formdata=None, data={"version": version}),
                decision_form=decision_form, may_comment=current_user.role != "finance",
                version_total=application.versions[-1].total if application.versions else None,
                comment_form=comment_form, is_reviewer=reviewer, is_member=member, findings=findings,
                parent=parent, top_comments=[c for c in application.comments
                                             if c.parent_id is None and (reviewer or not c.internal)],
                target_labels=choice_labels(comment_form.target))




@bp.get("/<int:app_id>/export.json")
@login_required
def export_json(app_id: int):
    application = get_visible(app_id)
    body = json.dumps(application.doc, ensure_ascii=False, indent=2, default=str) + "\n"
    name = safe_filename(application.title, ".json")
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/import", methods=["GET", "POST"])
@role_required("applicant", "admin")
def import_json():
    form = ImportForm()
    errors: list[str] = []
    if form.validate_on_submit():
        data = form.file.data.read(MAX_IMPORT_BYTES + 1)
        if len(data) > MAX_IMPORT_BYTES:
            errors = [_("Filen är för stor (högst 2 MB).")]
        else:
            try:
                application = service.import_document(current_user, data.decode("utf-8-sig"))
            except UnicodeDecodeError:
                errors = [_("Filen är inte UTF-8-text.")]
            except service.QuotaReached as exc:
                errors = [exc.message]
            except ValidationError as exc:
                errors = messages(exc.errors, current_language())
            else:
                flash(_("Ansökan är importerad."), "success")
                if application.association_id is None:
                    flash(_("Inget samordningsförbund här har det namn filen anger. Välj förbund i första steget "
                            "innan ansökan skickas in."), "warning")
                return redirect(url_for("applications.show", app_id=application.id))
    status = 422 if errors or form.errors else 200
    return render_template("applications/import.html", form=form, errors=errors), status


@bp.get("/<int:app_id>/export.xlsx")
@login_required
def export_xlsx(app_id: int):
    """The budget as an Excel workbook with live formulas (finance, reviewers, the applicants)."""
    from builder.cases.panel import case_numbers_for
    from builder.web.filters import STATUS_LABELS
    from builder.xlsx import XLSX_MIMETYPE, budget_workbook

    application = get_visible(app_id)
    validated, errors = service.validate(application.doc)
    if validated is None:
        flash(_("Budgeten kan inte exporteras förrän felen är rättade."), "error")
        return redirect(url_for("wizard.step", app_id=app_id, step_key="review"))
    version = _("Version %(n)s", n=len(application.versions)) if application.versions else ""
    body = budget_workbook(validated, approved_total=application.approved_total,
                           status_label=str(STATUS_LABELS.get(application.status, application.status)),
                           version_label=version, decision_date=application.decision_date,
                           case_number=case_numbers_for([application]).get(application.id, ""))
    name = safe_filename(f"Budget-{application.title}", ".xlsx")
    return Response(body, mimetype=XLSX_MIMETYPE, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/<int:app_id>/export.docx")
@login_required
def export_docx(app_id: int):
    """The application as a signed-ready Word document (`?draft=1`: marked UTKAST, exported anyway)."""
    from .docx_export import docx_response

    application = get_visible(app_id)
    draft = request.args.get("draft") == "1"
    from builder.wizard.drafts import problems as pending_problems

    pending = [] if draft else pending_problems(application)
    if pending:  # typed input not in the application yet: the final document would silently leave it out
        return render_template("applications/docx_refused.html", application=application,
                               problems=[message for _step, message in pending], draft_possible=True,
                               back_url=url_for("wizard.step", app_id=app_id, step_key="review")), 422
    # The footer says "Version 2, inskickad 2026-11-30" for a submitted application, "Utkast" for a draft.
    latest = application.versions[-1] if application.versions and application.status != "draft" else None
    return docx_response(application, application.doc, draft=draft, version_label="",
                         version_number=latest.number if latest else None,
                         submitted=latest.created_at if latest else None,
                         back_url=url_for("wizard.step", app_id=app_id, step_key="review"))
