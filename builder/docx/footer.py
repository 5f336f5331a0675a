"""Header and footer: the draft marker, the title, the version label, "Sida X av Y" and the
fingerprint that ties a signed paper copy to the exact version of the application.
"""
from __future__ import annotations

import re

from docx.document import Document as DocumentObject

from .text import clean_text
from .xmlkit import field, paragraph, parse_blocks, run

DRAFT_COLOUR = "C00000"
RULE_COLOUR = "BFBFBF"
MAX_FOOTER_TITLE = 90
PAGE_MARK, PAGES_MARK = "\ue000", "\ue001"  # private-use characters stand in for the fields


def _one_line(text: str, limit: int = MAX_FOOTER_TITLE) -> str:
    """One line of at most `limit` characters."""
    text = " ".join(clean_text(text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def page_runs(gettext) -> list[str]:
    """"Sida X av Y" as runs, X and Y the PAGE and NUMPAGES fields, worded by the translation."""
    text = "\t\t" + gettext("Sida %(page)s av %(pages)s", page=PAGE_MARK, pages=PAGES_MARK)
    runs = []
    for piece in re.split(f"({PAGE_MARK}|{PAGES_MARK})", text):
        if piece == PAGE_MARK:
            runs += field("PAGE")
        elif piece == PAGES_MARK:
            runs += field("NUMPAGES")
        elif piece:
            runs.append(run(piece))
    return runs


def footer_blocks(gettext, title: str, version_label: str, fingerprint: str, case_number: str = "") -> list[str]:
    """Title and "Sida X av Y" on the first line, case number, version label and fingerprint on the second."""
    _ = gettext
    pages = page_runs(_)
    details = [_("Diarienummer: %(number)s", number=_one_line(case_number))] if case_number else []
    label = _one_line(version_label)
    if label:
        details.append(_("Version: %(label)s", label=label))
    details.append(_("Kontrollsumma: %(fingerprint)s", fingerprint=fingerprint))
    return [paragraph(_one_line(title), "Footer", runs=pages, border_top=RULE_COLOUR),
            paragraph(" · ".join(details), "Footer")]


def _replace_content(container, blocks: list[str]) -> None:
    """Put the blocks in a header or footer in place of what it holds."""
    element = container._element
    for child in list(element):
        element.remove(child)
    for child in parse_blocks(blocks):
        element.append(child)


def write_footer(document: DocumentObject, gettext, title: str, version_label: str, fingerprint: str,
                 case_number: str = "") -> None:
    """The footer of every section."""
    blocks = footer_blocks(gettext, title, version_label, fingerprint, case_number)
    for section in document.sections:
        section.footer.is_linked_to_previous = False
        _replace_content(section.footer, blocks)


def write_header(document: DocumentObject, gettext, draft: bool) -> None:
    """A draft carries "UTKAST – inte för underskrift" at the top of every page."""
    if not draft:
        return
    marker = paragraph(gettext("UTKAST – inte för underskrift"), "Header", bold=True, colour=DRAFT_COLOUR,
                       size_pt=11, align="right")
    for section in document.sections:
        section.header.is_linked_to_previous = False
        _replace_content(section.header, [marker])
