"""Upload a Word application and see its budget arithmetic checked; turn a table into a draft's baseline."""
from __future__ import annotations

import json

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from builder.appformat import ValidationError
from builder.applications.service import baseline_draft
from builder.checkdocx import MAX_DOCX_BYTES, DocxError, finding_text, table_to_baseline
from builder.checkdocx.isolated import check_docx_isolated
from builder.extensions import limiter
from builder.web.locale import current_language
from forms.applications import CheckDocxForm

from . import bp


def _marks(table_report) -> dict:
    """{(row index, column): True} for every cell a finding points at (column None: the whole row)."""
    marks = {}
    for finding in table_report.findings:
        if finding.row_index is not None:
            marks[(finding.row_index, finding.column)] = True
    return marks


def _baseline_json(table_report) -> str:
    baseline = table_to_baseline(table_report.table, findings=table_report.findings)
    return json.dumps({"label": baseline.label or _("Tidigare budget"),
                       "rows": [{"label": r.label, "yearly": {y: format(v, "f") for y, v in r.yearly.items()}}
                                for r in baseline.rows]}, ensure_ascii=False)


def _check_limit() -> str:
    return current_app.config["CHECKDOCX_RATE_LIMIT"]


def _user_key() -> str:
    """Uploads are counted per account (the page needs a login; an address only before it)."""
    return f"check-docx:user:{current_user.get_id()}" if current_user.is_authenticated else request.remote_addr or ""


@bp.route("/check-docx", methods=["GET", "POST"])
@limiter.limit(_check_limit, methods=["POST"], key_func=_user_key)
@login_required
def check_docx_page():
    form = CheckDocxForm()
    report, error, name = None, None, None
    if form.validate_on_submit():
        data = form.file.data.read(MAX_DOCX_BYTES + 1)
        name = form.file.data.filename
        try:
            # In a child with a CPU-time limit: no upload can hold this worker's threads.
            report = check_docx_isolated(data, cpu_seconds=current_app.config["CHECKDOCX_CPU_SECONDS"])
        except DocxError as exc:
            error = exc.message(current_language())
    language = current_language()
    tables = []
    for table_report in report.tables if report else ():
        tables.append({"report": table_report, "marks": _marks(table_report),
                       "findings": [finding_text(f, language) for f in table_report.findings],
                       "baseline": _baseline_json(table_report)})
    status = 422 if error or form.errors else 200
    return render_template("checkdocx_web/check_docx.html", form=form, report=report, tables=tables, error=error,
                           name=name, can_draft=current_user.role in ("applicant", "admin")), status


@bp.post("/check-docx/draft")
@login_required
def check_docx_draft():
    """A new extension draft whose baseline is the checked table (read by the application-format parser)."""
    if current_user.role not in ("applicant", "admin"):
        abort(403)
    try:
        application = baseline_draft(current_user, request.form.get("baseline", ""), request.form.get("title", ""))
    except ValidationError:
        flash(_("Tabellen kunde inte användas som jämförelsebudget."), "error")
        return redirect(url_for("checkdocx.check_docx_page"))
    flash(_("Ett utkast är skapat med tabellen som tidigare beviljad budget."), "success")
    return redirect(url_for("wizard.step", app_id=application.id, step_key="project"))
