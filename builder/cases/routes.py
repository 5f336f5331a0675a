"""Case routes: thin — check who may act, read the form, call the service, render or redirect."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from builder import notify
from builder.applications.access import get_case_visible, my_association_ids, works_on
from builder.docx import DOCX_MIME
from builder.extensions import db
from builder.formatting import kr
from builder.models import Application
from builder.web.locale import current_language
from forms.base import select_choices
from forms.cases import (
    AgendaForm,
    BoardDecisionForm,
    MeetingForm,
    RecommendationForm,
    board_decision_form,
    case_data_form,
)

from . import bp, service
from .documents import (
    agenda_docx,
    agenda_filename,
    agreement_attachment,
    applied_by_year,
    decision_letter_attachment,
    extension_change,
)
from .models import AgendaItem, Meeting
from .panel import READ_ROLES


def _may_read() -> None:
    if current_user.role not in READ_ROLES:
        abort(404)


def _may_manage() -> None:
    _may_read()
    if not service.staff(current_user):
        abort(403)  # finance reads meetings and case data but changes nothing


def _meeting(meeting_id: int) -> Meeting:
    """The meeting if it is one of the user's associations', else 404."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.association_id not in my_association_ids(current_user):
        abort(404)
    return meeting


def _my_meetings() -> list[Meeting]:
    return list(db.session.scalars(db.select(Meeting)
                                   .where(Meeting.association_id.in_(my_association_ids(current_user)))
                                   .order_by(Meeting.date.desc(), Meeting.id.desc()).limit(200)))


def _meeting_form(formdata=None) -> MeetingForm:
    """The new-meeting form; the association select offers the user's associations (the first chosen)."""
    from builder.associations.service import associations_of

    form = MeetingForm(formdata=formdata) if formdata is not None else MeetingForm(formdata=None)
    mine = associations_of(current_user)
    form.association.choices = select_choices((str(a.id), a.name) for a in mine)
    if not form.association.data and mine:
        form.association.data = str(mine[0].id)
    return form


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting.id:
        abort(404)
    return item


def _attachment(body: bytes, name: str) -> Response:
    return Response(body, mimetype=DOCX_MIME, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _document_or_404(attachment: tuple[str, bytes] | None) -> Response:
    """A case document as a download; 404 while it does not exist (no decision, not approved)."""
    if attachment is None:
        abort(404)
    name, body = attachment
    return _attachment(body, name)


@bp.get("/meetings")
@login_required
def meetings():
    _may_read()
    return render_template("cases/meetings.html", meetings=_my_meetings(), form=_meeting_form(),
                           may_manage=service.staff(current_user), deadline=service.papers_deadline)


@bp.post("/meetings")
@login_required
def create_meeting():
    _may_manage()
    form = _meeting_form(request.form)
    if not form.validate_on_submit():
        return render_template("cases/meetings.html", meetings=_my_meetings(), form=form, may_manage=True,
                               deadline=service.papers_deadline), 422
    assert form.date.date is not None  # required: validation filled it
    meeting = service.create_meeting(form.kind.data, form.date.date, form.place.data, current_user,
                                     int(form.association.data))
    flash(_("Mötet är skapat."), "success")
    return redirect(url_for("cases.meeting", meeting_id=meeting.id))


def _render_meeting(meeting: Meeting, status: int = 200, failed: tuple[int, object] | None = None):
    """The meeting page; `failed` is (item id, form) of a post to show again with its errors."""
    forms = {}
    for item in meeting.items:
        if failed and failed[0] == item.id:
            forms[item.id] = failed[1]
        elif meeting.kind == "beredning":
            forms[item.id] = RecommendationForm(formdata=None, prefix=f"item{item.id}",
                                                recommendation=item.recommendation or "grant",
                                                note=item.recommendation_note)
        elif not item.decision and item.application.status == "submitted":
            forms[item.id] = _decision_form(item, formdata=None)
    warnings: dict[int, list[str]] = {}
    if meeting.kind == "styrelse" and service.staff(current_user):
        from builder.portfolio.warnings import frame_warning_texts

        for item_id, form in forms.items():
            if not isinstance(form, BoardDecisionForm) or form.decision.data == "reject":
                continue
            item = next(i for i in meeting.items if i.id == item_id)
            versions = item.application.versions
            # The amounts typed in a refused post, else those the form is filled with (the applied per year).
            amounts = form.amounts() if failed and failed[0] == item_id else \
                applied_by_year(versions[-1].doc) if versions else {}
            warnings[item_id] = frame_warning_texts(item.application, {int(y): a for y, a in amounts.items()})
    agenda_form = AgendaForm(formdata=None)
    candidates = service.agenda_candidates(meeting)
    agenda_form.application_id.choices = select_choices((str(a.id), f"{c.number} – {a.title}") for a, c in candidates)
    deadline = service.papers_deadline(meeting)
    return render_template("cases/meeting.html", meeting=meeting, forms=forms, agenda_form=agenda_form,
                           deadline=deadline, past_deadline=service.today() > deadline,
                           cases=service.cases_by_application(i.application_id for i in meeting.items),
                           may_manage=service.staff(current_user), applied_by_year=applied_by_year,
                           frame_warnings=warnings,
                           extension_change=extension_change,
                           submitted_on=service.submitted_on), status


def _decision_form(item: AgendaItem, **kwargs):
    """The styrelse's decision form of one agenda item, an amount field per year pre-filled with the applied."""
    application = item.application
    applied = applied_by_year(application.versions[-1].doc) if application.versions else {}
    form = board_decision_form(sorted(applied), applied, prefix=f"item{item.id}", **kwargs)
    if kwargs.get("formdata", True) is None:
        form.version.data = str(application.versions[-1].number if application.versions else 0)
        form.decision_date.data = item.meeting.date.isoformat()  # the styrelse decides at its meeting
    return form


@bp.get("/meetings/<int:meeting_id>")
@login_required
def meeting(meeting_id: int):
    _may_read()
    return _render_meeting(_meeting(meeting_id))


@bp.post("/meetings/<int:meeting_id>/agenda")
@login_required
def add_to_agenda(meeting_id: int):
    _may_manage()
    meeting = _meeting(meeting_id)
    form = AgendaForm()
    form.application_id.choices = select_choices((str(a.id), c.number) for a, c in service.agenda_candidates(meeting))
    if not form.validate_on_submit():
        flash(_("Välj ett inskickat ärende som inte redan finns på dagordningen."), "error")
        return redirect(url_for("cases.meeting", meeting_id=meeting_id))
    application = db.session.get(Application, int(form.application_id.data)) or abort(404)
    try:
        warnings = service.add_to_agenda(meeting, application, current_user)
    except service.CaseError:
        flash(_("Ärendet kan inte läggas på dagordningen."), "error")
        return redirect(url_for("cases.meeting", meeting_id=meeting_id))
    flash(_("Ärendet är lagt på dagordningen."), "success")
    if "late" in warnings:
        flash(_("Varning: sista dag för handlingarna (%(date)s) har passerat. Ärendet kommer med i kallelsen, "
                "men handlingarna går ut sent.", date=service.papers_deadline(meeting).isoformat()), "warning")
    return redirect(url_for("cases.meeting", meeting_id=meeting_id))


@bp.post("/meetings/<int:meeting_id>/agenda/<int:item_id>/remove")
@login_required
def remove_from_agenda(meeting_id: int, item_id: int):
    _may_manage()
    meeting = _meeting(meeting_id)
    try:
        service.remove_from_agenda(_item(meeting, item_id), current_user)
    except service.CaseError:
        flash(_("Ett beslutat ärende kan inte tas bort från dagordningen."), "error")
    else:
        flash(_("Ärendet är borttaget från dagordningen."), "success")
    return redirect(url_for("cases.meeting", meeting_id=meeting_id))


@bp.post("/meetings/<int:meeting_id>/agenda/<int:item_id>/recommendation")
@login_required
def recommend(meeting_id: int, item_id: int):
    _may_manage()
    meeting = _meeting(meeting_id)
    item = _item(meeting, item_id)
    if meeting.kind != "beredning":
        abort(409, description=_("Rekommendationer ges av beredningsgruppen."))
    form = RecommendationForm(prefix=f"item{item.id}")
    if not form.validate_on_submit():
        return _render_meeting(meeting, 422, (item.id, form))
    service.record_recommendation(item, form.recommendation.data, form.note.data or "", current_user)
    flash(_("Beredningsgruppens rekommendation är sparad."), "success")
    return redirect(url_for("cases.meeting", meeting_id=meeting_id) + f"#item-{item.id}")


@bp.post("/meetings/<int:meeting_id>/agenda/<int:item_id>/decision")
@login_required
def decide(meeting_id: int, item_id: int):
    _may_manage()
    meeting = _meeting(meeting_id)
    item = _item(meeting, item_id)
    application = item.application
    if meeting.kind != "styrelse":
        abort(409, description=_("Beslut fattas av styrelsen."))
    if application.status != "submitted":
        abort(409, description=_("Ärendet är inte inskickat och kan inte beslutas nu."))
    if service.is_party(current_user, application):
        abort(403)  # a member of the application, or the one who submitted it, never decides on it
    form = _decision_form(item)
    latest = str(application.versions[-1].number if application.versions else 0)
    if form.is_submitted() and (form.version.data or "").strip() != latest:
        abort(409, description=_("Ansökan har ändrats sedan sidan öppnades: den senaste versionen är nu "
                                 "version %(n)s. Läs den och försök igen. Inget har ändrats.", n=latest))
    if not form.validate_on_submit():
        return _render_meeting(meeting, 422, (item.id, form))
    submitted = service.decision_date_problem(application, form.decision_date.date)
    if submitted:
        form.decision_date.errors = [_("Beslutsdatum kan inte vara före ansökan skickades in (%(date)s).",
                                       date=submitted.isoformat())]
        return _render_meeting(meeting, 422, (item.id, form))
    decision = service.Decision(form.decision.data, form.paragraph.data, form.decision_date.date,
                                form.amounts() if form.decision.data == "approve" else {},
                                form.conditions.data or "", form.comment.data or "")
    difference = service.amount_difference(application, decision.amounts) if decision.amounts else None
    from builder.portfolio.warnings import frame_warning_texts

    over_frame = frame_warning_texts(application, {int(y): a for y, a in decision.amounts.items()})
    try:
        transition = service.record_decision(item, decision, current_user)
    except service.CaseError:
        abort(409, description=_("Beslutet kunde inte registreras; ärendet har ändrats. Inget har sparats."))
    notify.after_transition(item.application, transition, current_user)  # with the decision letter attached
    flash(_("Styrelsens beslut är registrerat (%(paragraph)s).", paragraph=item.paragraph), "success")
    if difference:
        flash(_("Obs: beviljat belopp avviker från ansökans budget (%(applied)s) med %(amount)s.",
                applied=kr(sum(decision.amounts.values()) - difference, current_language()),
                amount=("+" if difference > 0 else "") + kr(difference, current_language())), "warning")
    for text in over_frame:
        flash(text, "warning")
    return redirect(url_for("cases.meeting", meeting_id=meeting_id) + f"#item-{item.id}")


@bp.get("/meetings/<int:meeting_id>/kallelse.docx")
@login_required
def agenda_download(meeting_id: int):
    _may_read()
    meeting = _meeting(meeting_id)
    return _attachment(agenda_docx(meeting, current_language()), agenda_filename(meeting))


@bp.post("/applications/<int:app_id>/case")
@login_required
def update_case(app_id: int):
    application = get_case_visible(app_id)
    _may_manage()
    if not works_on(current_user, application):
        abort(403)  # a co-applicant who is staff elsewhere: not this association's case
    case = service.case_of(application.id) or abort(404)
    form = case_data_form(service.national_years(application), {})
    form.officer.choices = service.officer_choices(_("Ingen"), case.association_id)
    if service.focus_locked(application.id):
        form.focus.data = case.focus  # fixed once reported: a disabled select posts nothing
    if not form.validate_on_submit():
        for name, field_errors in form.errors.items():
            for message in field_errors:
                label = form[name].label.text if name in form else ""
                flash(f"{label}: {message}" if label else str(message), "error")
        return redirect(url_for("applications.show", app_id=app_id) + "#case")
    service.update_national_data(case, form.focus.data or "", form.target_group.data or "", form.planned(),
                                 current_user)
    officer_id = int(form.officer.data) if form.officer.data else None
    service.update_case_data(case, officer_id, form.due_date.date, form.officer_recommendation.data,
                             form.officer_note.data or "", current_user)
    flash(_("Ärendeuppgifterna är sparade."), "success")
    return redirect(url_for("applications.show", app_id=app_id) + "#case")


@bp.get("/applications/<int:app_id>/decision-letter.docx")
@login_required
def decision_letter_download(app_id: int):
    application = get_case_visible(app_id)
    return _document_or_404(decision_letter_attachment(application))


@bp.get("/applications/<int:app_id>/agreement.docx")
@login_required
def agreement_download(app_id: int):
    """The överenskommelse: staff, finance and the application's members, once approved."""
    application = get_case_visible(app_id)
    return _document_or_404(agreement_attachment(application))


@bp.post("/applications/<int:app_id>/comments/<int:comment_id>/resolve")
@login_required
def resolve_comment(app_id: int, comment_id: int):
    """Staff mark a comment resolved (or open again)."""
    from builder.models import Comment

    application = get_case_visible(app_id)
    _may_manage()
    if not works_on(current_user, application):
        abort(403)  # a co-applicant who is staff elsewhere: not this association's case
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.application_id != application.id or comment.parent_id is not None:
        abort(404)
    service.toggle_resolved(comment, current_user)
    flash(_("Kommentaren är markerad som löst.") if comment.resolved_at else _("Kommentaren är öppen igen."),
          "success")
    return redirect(url_for("applications.show", app_id=app_id) + "#comments")
