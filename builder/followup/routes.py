"""Follow-up routes: thin — find what the user may see (builder/applications/access.py), call the service,
redirect (303) or render."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from builder.applications.access import get_case_visible
from builder.docx.text import ascii_slug
from builder.extensions import db
from builder.web.downloads import attachment
from builder.web.locale import current_language
from forms.followup import (
    QUESTIONS,
    SEX_LABELS,
    STAGE_LABELS,
    ReportApproveForm,
    ReportChangesForm,
    ReviewCommentForm,
    answer_name,
    field_id,
    message_text,
    participant_name,
    read_report,
)

from . import service
from .models import PeriodReport
from .notify import after_report_event

bp = Blueprint("followup", __name__)
DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _application(app_id: int):
    """The approved application if the user may see it (404 otherwise: nothing to follow up)."""
    application = get_case_visible(app_id)
    if application.status != "approved":
        abort(404)
    return application


def _report(app_id: int, report_id: int) -> PeriodReport:
    application = _application(app_id)
    report = db.session.get(PeriodReport, report_id)
    if report is None or report.application_id != application.id:
        abort(404)
    return report


def _back(report: PeriodReport, anchor: str = ""):
    return redirect(url_for("followup.report", app_id=report.application_id, report_id=report.id) + anchor, 303)


def _stale() -> None:
    db.session.rollback()
    abort(409, description=_("Rapporten har ändrats av någon annan sedan sidan öppnades. Ladda om sidan och se "
                             "vad som gäller nu. Det du skickade är inte sparat."))


def _check_lock(report: PeriodReport, posted: str | None) -> None:
    try:
        service.check_lock(report, posted)
    except service.StaleReport:
        _stale()


def _refusal(error: service.ReportError) -> str:
    return {
        "no_period": _("Perioden finns inte för den här insatsen."),
        "not_yet": _("Perioden har inte börjat än."),
        "not_editable": _("Rapporten är inskickad eller godkänd och kan inte ändras."),
        "not_member": _("Bara projektet kan skicka in rapporten."),
        "rows_missing": _("Fyll i utfallet för alla rader innan du skickar in (%(count)s saknas; skriv 0 för en "
                          "rad utan kostnader).", count=error.values.get("count", 0)),
        "typed_input": _("Rätta felen i formuläret och spara innan du skickar in."),
        "not_staff": _("Bara förbundets handläggare kan granska rapporten."),
        "not_submitted": _("Rapporten är inte inskickad."),
        "text_required": _("Skriv vad som behöver ändras i rapporten."),
    }.get(error.code, _("Det gick inte."))


@bp.get("/reports")
@login_required
def reports():
    """Staff's list of period reports by status (submitted: waiting for review)."""
    if current_user.role not in ("reviewer", "admin", "finance"):
        abort(404)
    status = request.args.get("status", "submitted")
    status = status if status in ("submitted", "changes_requested", "approved", "draft") else "submitted"
    return render_template("followup/reports.html", reports=service.reports_for_staff(current_user, status),
                           status=status, limit=500)


@bp.get("/applications/<int:app_id>/followup")
@login_required
def overview(app_id: int):
    application = _application(app_id)
    periods, years = service.overview(application)
    return render_template("followup/overview.html", application=application, periods=periods, years=years,
                           is_member=application.is_member(current_user.id))


@bp.post("/applications/<int:app_id>/followup/reports")
@login_required
def open_report(app_id: int):
    application = _application(app_id)
    if not application.is_member(current_user.id):
        abort(403)
    text = (request.form.get("period_end") or "")[:10]
    try:
        period_end = date.fromisoformat(text)
        report = service.open_report(application, period_end, current_user)
    except ValueError:
        abort(404)
    except service.ReportError as error:
        flash(_refusal(error), "error")
        return redirect(url_for("followup.overview", app_id=app_id), 303)
    except IntegrityError:  # opened by a co-applicant in the same moment: theirs is the one
        db.session.rollback()
        report = db.session.scalar(db.select(PeriodReport).where(PeriodReport.application_id == app_id,
                                                                 PeriodReport.period_end == period_end))
        if report is None:
            abort(409)
    return _back(report)


def _page(report: PeriodReport):
    application = report.application
    rows = service.report_rows(report)
    figures = service.figures_of(report, rows)
    typed, stored_errors = service.typed_of(report)
    errors = {str(name): message_text(stored) for name, stored in stored_errors.items()}
    stored_answers = report.answer_texts
    values: dict[str, str] = {}
    language = current_language()
    from builder.formatting import number

    for item in figures.rows:
        values[field_id("amount", item.key)] = number(item.figure.outcome, language) if item.reported else ""
        values[field_id("forecast", item.key)] = number(item.figure.forecast, language) if item.forecast_set else ""
    for stage in STAGE_LABELS:
        for sex in SEX_LABELS:
            values[participant_name(stage, sex)] = str(getattr(report, participant_name(stage, sex)))
    for key in QUESTIONS:
        values[answer_name(key)] = stored_answers.get(key, "")
    values.update({k: v for k, v in typed.items() if k in values})
    member = application.is_member(current_user.id)
    return render_template(
        "followup/report.html", application=application, report=report, figures=figures, values=values,
        errors=errors, period=service.period_of(report), editable=member and report.status in service.EDITABLE,
        is_member=member, may_review=service.may_review(current_user, report),
        comments=service.visible_comments(report, current_user), questions=QUESTIONS, stages=STAGE_LABELS,
        sexes=SEX_LABELS, field_id=field_id, participant_name=participant_name, answer_name=answer_name,
        planned=service.planned_participants(application.id).get(report.year),
        row_numbers={item.key: n for n, item in enumerate(figures.rows, 1)},
        comment_form=ReviewCommentForm(), changes_form=ReportChangesForm(), approve_form=ReportApproveForm(),
        comment_targets=_comment_targets(report, rows))


@bp.get("/applications/<int:app_id>/reports/<int:report_id>")
@login_required
def report(app_id: int, report_id: int):
    return _page(_report(app_id, report_id))


def _editable(report: PeriodReport) -> None:
    if not report.application.is_member(current_user.id):
        abort(403)
    if report.status not in service.EDITABLE:
        abort(409, description=_("Rapporten är inskickad eller godkänd och kan inte ändras."))


@bp.post("/applications/<int:app_id>/reports/<int:report_id>")
@login_required
def save(app_id: int, report_id: int):
    report = _report(app_id, report_id)
    _editable(report)
    _check_lock(report, request.form.get("lock_version"))
    rows = service.report_rows(report)
    data, values, errors = read_report(request.form, rows)
    try:
        if errors:
            service.keep_typed(report, values, errors)
            flash(_("Rapporten är inte sparad: rätta det som är markerat."), "error")
            return _back(report, "#report-form")
        service.save_report(report, data, rows)
        if request.form.get("action") == "submit":
            service.submit(report, current_user)
            after_report_event(report, "submit", current_user)
            flash(_("Rapporten är inskickad till förbundet."), "success")
        else:
            flash(_("Rapporten är sparad."), "success")
        _warn_ongoing(report)
    except service.ReportError as error:
        flash(_refusal(error), "error")
    except StaleDataError:
        _stale()
    return _back(report)


def _warn_ongoing(report: PeriodReport) -> None:
    """A warning per sex whose ongoing count does not follow from the previous report (the report stands)."""
    from builder.followup.figures import ongoing_mismatches

    previous = service.previous_report(report)
    if previous is None:
        return
    before, now = service.participants_of(previous), service.participants_of(report)
    for sex, expected, typed in ongoing_mismatches(before, now):
        flash(_("%(field)s, %(sex)s: %(typed)s, men föregående rapport ger %(expected)s (%(ongoing)s pågående + "
                "%(started)s påbörjade − %(finished)s avslutade). Kontrollera siffrorna.",
                field=STAGE_LABELS["ongoing"], sex=SEX_LABELS[sex], typed=typed, expected=expected,
                ongoing=before.get("ongoing", sex), started=now.get("started", sex),
                finished=now.get("finished", sex)), "warning")


@bp.post("/applications/<int:app_id>/reports/<int:report_id>/upload")
@login_required
def upload(app_id: int, report_id: int):
    from builder.xlsx.outcomes import MAX_UPLOAD_BYTES, read_outcomes

    report = _report(app_id, report_id)
    _editable(report)
    _check_lock(report, request.form.get("lock_version"))
    file = request.files.get("file")
    if file is None or not file.filename:
        flash(_("Välj en Excel-fil (XLSX) att läsa in."), "error")
        return _back(report, "#upload")
    data = file.stream.read(MAX_UPLOAD_BYTES + 1)
    rows = service.report_rows(report)
    result = read_outcomes(data, frozenset(row.key for row in rows))
    reported = {row.row_key for row in report.rows}
    alone = sorted(set(result.forecasts) - set(result.amounts) - reported)
    if result.problems or alone:
        for problem in result.problems:
            flash(_upload_message(problem), "error")
        for key in alone[:10]:
            flash(_("Radnyckeln %(key)s har en prognos men inget utfall: skriv utfallet också (0 om raden inte har "
                    "haft kostnader).", key=key), "error")
        return _back(report, "#upload")
    try:
        service.save_report(report, service.ReportInput(dict(result.amounts), dict(result.forecasts)), rows)
    except service.ReportError as error:
        flash(_refusal(error), "error")
        return _back(report)
    except StaleDataError:
        _stale()
    flash(_("Filen är inläst: %(count)s rader med utfall.", count=len(result.amounts)), "success")
    return _back(report)


def _upload_message(problem) -> str:
    from builder.xlsx.outcomes import MAX_UPLOAD_BYTES

    where = problem.where
    text = {
        "too_large": _("Filen är större än %(mb)s MB.", mb=MAX_UPLOAD_BYTES // (1024 * 1024)),
        "not_xlsx": _("Filen är ingen Excel-fil (XLSX) som går att läsa."),
        "zip_bomb": _("Filen packas upp till mer än vad som tas emot och läses inte."),
        "too_many_cells": _("Filen har fler än %(cells)s celler med innehåll; läs in bara utfallet (utgå från mallen).",
                            cells=problem.values.get("cells", "")),
        "no_sheet": _("Ingen flik i filen har kolumnerna Radnyckel och Utfall perioden. Utgå från mallen."),
        "too_many_rows": _("Fliken har fler än %(rows)s rader.", rows=problem.values.get("rows", "")),
        "unknown_key": _("Radnyckeln %(key)s finns inte i den beviljade budgeten.",
                         key=problem.values.get("key", "")),
        "duplicate_key": _("Radnyckeln %(key)s står två gånger.", key=problem.values.get("key", "")),
        "not_a_number": _("Inget belopp (rad %(key)s).", key=problem.values.get("key", "")),
        "not_whole": _("Skriv hela kronor (rad %(key)s).", key=problem.values.get("key", "")),
        "out_of_range": _("Beloppet är för stort (rad %(key)s).", key=problem.values.get("key", "")),
        "too_many_errors": _("Fler fel än %(count)s: rätta dessa först.", count=problem.values.get("count", "")),
    }.get(problem.code, _("Filen kunde inte läsas."))
    return f"{where}: {text}" if where else text


@bp.post("/applications/<int:app_id>/reports/<int:report_id>/comments")
@login_required
def comment(app_id: int, report_id: int):
    report = _report(app_id, report_id)
    if current_user.role == "finance":
        abort(403)
    if not (report.application.is_member(current_user.id) or service.may_review(current_user, report)):
        abort(403)
    form = ReviewCommentForm()
    targets = _comment_targets(report)
    target = (request.form.get("target") or "general")[:100]
    if target not in targets:
        abort(400)
    if form.validate_on_submit():
        service.add_comment(report, current_user, form.body.data or "", bool(form.internal.data), target)
        flash(_("Kommentaren är sparad."), "success")
    else:
        flash(_("Skriv en kommentar."), "error")
    return _back(report, "#comments")


def _comment_targets(report: PeriodReport, rows=None) -> dict[str, str]:
    """What a comment can be about: the whole report or one budget row."""
    rows = rows if rows is not None else service.report_rows(report)
    return {"general": _("Hela rapporten"),
            **{row.key: _("Rad %(n)s: %(label)s", n=n, label=row.label) for n, row in enumerate(rows, 1)}}


def _review(report: PeriodReport) -> None:
    if not service.may_review(current_user, report):
        abort(403)
    if report.status != "submitted":
        abort(409, description=_("Rapporten är inte inskickad."))


@bp.post("/applications/<int:app_id>/reports/<int:report_id>/request-changes")
@login_required
def request_changes(app_id: int, report_id: int):
    report = _report(app_id, report_id)
    _review(report)
    form = ReportChangesForm()
    _check_lock(report, form.lock_version.data)
    if not form.validate_on_submit():
        flash(_("Skriv vad som behöver ändras i rapporten."), "error")
        return _back(report, "#review")
    try:
        service.request_changes(report, current_user, form.comment.data or "")
    except StaleDataError:
        _stale()
    after_report_event(report, "request_changes", current_user, form.comment.data or "")
    flash(_("Projektet ombeds ändra rapporten."), "success")
    return _back(report)


@bp.post("/applications/<int:app_id>/reports/<int:report_id>/approve")
@login_required
def approve(app_id: int, report_id: int):
    report = _report(app_id, report_id)
    _review(report)
    form = ReportApproveForm()
    _check_lock(report, form.lock_version.data)
    if not form.validate_on_submit():
        flash(_("Kommentaren är för lång."), "error")
        return _back(report, "#review")
    try:
        service.approve(report, current_user, form.comment.data or "")
    except StaleDataError:
        _stale()
    after_report_event(report, "approve", current_user, form.comment.data or "")
    flash(_("Rapporten är godkänd."), "success")
    return _back(report)


def _file_name(report: PeriodReport, prefix: str, suffix: str) -> str:
    slug = ascii_slug(report.application.title)[:60] or str(report.application_id)
    return f"{prefix}-{slug}-{report.period_end.isoformat()}{suffix}"


@bp.get("/applications/<int:app_id>/reports/<int:report_id>/template.xlsx")
@login_required
def template_xlsx(app_id: int, report_id: int):
    from builder.xlsx.outcomes import outcome_template

    report = _report(app_id, report_id)
    data = outcome_template(service.document_of(report), current_language())
    return attachment(data, XLSX_MIMETYPE, _file_name(report, _("Utfallsmall"), ".xlsx"))


@bp.get("/applications/<int:app_id>/reports/<int:report_id>/report.xlsx")
@login_required
def report_xlsx(app_id: int, report_id: int):
    from builder.xlsx.outcomes import report_workbook

    report = _report(app_id, report_id)
    data = report_workbook(service.document_of(report), current_language())
    return attachment(data, XLSX_MIMETYPE, _file_name(report, _("Rapport"), ".xlsx"))


@bp.get("/applications/<int:app_id>/reports/<int:report_id>/report.docx")
@login_required
def report_docx(app_id: int, report_id: int):
    from builder.docx.period_report import render_period_report_docx

    report = _report(app_id, report_id)
    data = render_period_report_docx(service.document_of(report), current_language())
    return attachment(data, DOCX_MIMETYPE, _file_name(report, _("Rapport"), ".docx"))
