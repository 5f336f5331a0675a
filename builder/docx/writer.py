"""render_application_docx: a validated application (plain values) to DOCX bytes."""
from __future__ import annotations

import io
from datetime import date, datetime, time

from docx.document import Document as DocumentObject

from builder.appformat import Application, fingerprint
from builder.budget import compute_budget, compute_effects
from builder.i18n import gettext_for
from builder.readiness import describe_all

from .base import new_document
from .budget import write_budget
from .context import Context
from .export_refusal import ExportRefused, signing_gaps
from .footer import write_footer, write_header
from .labels import DOCUMENT_LANGUAGE, SECTIONS_AFTER_BUDGET, SECTIONS_BEFORE_BUDGET
from .sections import document_title, write_effects, write_front, write_risks, write_sections
from .signatures import write_signatures
from .text import clean_text

MAX_PROPERTY = 255
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_application_docx(app: Application, *, draft: bool = False, version_label: str = "",
                            today: date | None = None, case_number: str = "", version_number: int | None = None,
                            submitted: date | None = None) -> bytes:
    """The application as a Word document; raises ExportRefused unless it is ready for signing or a draft.

    The footer's label is `version_label`, else "Version N, inskickad YYYY-MM-DD" from `version_number`
    and `submitted`, else "Utkast".
    """
    table = compute_budget(app.budget)
    if not draft:
        gaps = signing_gaps(app)
        if gaps:
            raise ExportRefused(describe_all(gaps, app.language), gaps)
    today = today or date.today()
    gettext = gettext_for(app.language, "docx")
    document = new_document(app.language)
    effects = compute_effects(app.effects, table.total) if app.effects else []
    ctx = Context(app, gettext, table, effects, today, draft)
    write_body(ctx, draft)
    ctx.write_into(document.element.body)
    write_header(document, gettext, draft)
    short_id = fingerprint(app)
    if not version_label and version_number is not None:
        version_label = (gettext("Version %(n)s, inskickad %(date)s", n=version_number, date=submitted.isoformat())
                         if submitted else gettext("Version %(n)s", n=version_number))
    write_footer(document, gettext, app.title, version_label, short_id, case_number)
    set_properties(document, app, document_title(app, gettext, draft), version_label, short_id, today)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_body(ctx: Context, draft: bool) -> None:
    """Everything between the header and the footer, in the reference application's order."""
    write_front(ctx, draft)
    write_sections(ctx, SECTIONS_BEFORE_BUDGET)
    write_budget(ctx)
    write_effects(ctx)
    write_risks(ctx)
    write_sections(ctx, SECTIONS_AFTER_BUDGET)
    write_signatures(ctx)


def _one_line(text: str) -> str:
    """A core property value: one line, at most the 255 characters python-docx allows."""
    text = " ".join(clean_text(text).split())
    return text if len(text) <= MAX_PROPERTY else text[:MAX_PROPERTY - 1] + "…"


def set_properties(document: DocumentObject, app: Application, title: str, version_label: str,
                   short_id: str, today: date) -> None:
    """Core properties: title, subject, author (the process owner), language, version, fingerprint."""
    gettext = gettext_for(app.language, "docx")
    props = document.core_properties
    owner = _one_line(app.process_owner)
    association = _one_line(app.association)
    props.title = _one_line(title)
    props.subject = _one_line(gettext("Ansökan om medel från %(association)s", association=association)
                              if association else gettext("Ansökan om FINSAM-medel"))
    props.author = owner
    props.last_modified_by = owner
    props.language = DOCUMENT_LANGUAGE.get(app.language, "sv-SE")
    props.keywords = "FINSAM"
    props.identifier = short_id
    props.version = _one_line(version_label)
    props.comments = gettext("Kontrollsumma: %(fingerprint)s", fingerprint=short_id)
    props.category = ""
    props.revision = 1
    moment = datetime.combine(today, time(0, 0))
    props.created = moment
    props.modified = moment
