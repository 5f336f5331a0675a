"""One place that turns a stored document into a DOCX response (current draft or a frozen version)."""
from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import Response, render_template

from builder.applications.service import validate
from builder.docx import DOCX_MIME, ExportRefused, docx_filename, render_application_docx
from builder.format_messages import messages
from builder.readiness import describe_all
from builder.web.locale import current_language


def stockholm_date(moment: datetime) -> date:
    """A stored UTC time as the date in Sweden."""
    return moment.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Stockholm")).date()


def docx_response(application, doc: dict, *, draft: bool, version_label: str, back_url: str,
                  version_number: int | None = None, submitted: datetime | None = None):
    """The DOCX as a download, or a page listing what is missing for a signed-ready export (422)."""
    validated, errors = validate(doc)
    if validated is None:
        return render_template("applications/docx_refused.html", application=application,
                               problems=messages(errors, current_language()), back_url=back_url,
                               draft_possible=False), 422
    today = datetime.now(ZoneInfo("Europe/Stockholm")).date()
    try:
        body = render_application_docx(validated, draft=draft, version_label=version_label, today=today,
                                       case_number=_case_number(application), version_number=version_number,
                                       submitted=stockholm_date(submitted) if submitted else None)
    except ExportRefused as refused:
        return render_template("applications/docx_refused.html", application=application,
                               problems=describe_all(refused.gaps, current_language()), back_url=back_url,
                               draft_possible=True), 422
    name = docx_filename(validated.title, today, validated.language)
    return Response(body, mimetype=DOCX_MIME, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _case_number(application) -> str:
    """The diarienummer for the footer ("" before the first submission)."""
    from builder.cases.service import case_of

    case = case_of(application.id)
    return case.number if case else ""
