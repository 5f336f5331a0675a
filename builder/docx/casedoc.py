"""What the case documents (kallelse, beslutsbrev) share: the styled base, a footer and the saved bytes."""
from __future__ import annotations

import io
from datetime import date, datetime, time

from docx.document import Document as DocumentObject

from builder.formatting import kr, long_date

from .base import new_document
from .footer import RULE_COLOUR, _one_line, _replace_content, page_runs
from .xmlkit import paragraph, parse_blocks


def money(amount: int, language: str) -> str:
    """Whole kronor through builder.formatting: "1 041 600 kr"."""
    return kr(amount, language)


def day(value: date | None, language: str) -> str:
    return long_date(value, language) if value else "–"


def write_document(language: str, gettext, blocks: list[str], *, title: str, footer_title: str,
                   footer_detail: str, subject: str = "", today: date | None = None) -> bytes:
    """The blocks in the styled base document, with "Sida X av Y" and a detail line in the footer."""
    document = new_document(language)
    body = document.element.body
    section_properties = body.sectPr
    for element in parse_blocks(blocks):
        section_properties.addprevious(element)
    footer = [paragraph(_one_line(footer_title), "Footer", runs=page_runs(gettext), border_top=RULE_COLOUR)]
    if footer_detail:
        footer.append(paragraph(_one_line(footer_detail, 140), "Footer"))
    for section in document.sections:
        section.footer.is_linked_to_previous = False
        _replace_content(section.footer, footer)
    _properties(document, title, subject, today or date.today())
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _properties(document: DocumentObject, title: str, subject: str, today: date) -> None:
    props = document.core_properties
    props.title = _one_line(title, 250)
    props.subject = _one_line(subject, 250)
    props.author = ""
    props.last_modified_by = ""
    props.keywords = "FINSAM"
    props.revision = 1
    moment = datetime.combine(today, time(0, 0))
    props.created = moment
    props.modified = moment
