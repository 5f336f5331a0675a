"""Header and footer: the draft marker, the title, the version label, "Sida X av Y" and the
fingerprint that ties a signed paper copy to the exact version of the application.
"""
from __future__ import annotations

import re

from docx.document import Document as DocumentObject
from docx.oxml.parser import parse_xml

from .base import FONT
from .text import clean_text
from .xmlkit import W_NAMESPACE, escape, field, paragraph, parse_blocks, run

DRAFT_COLOUR = "C00000"
RULE_COLOUR = "BFBFBF"
MAX_FOOTER_TITLE = 90
MAX_FOOTER_LABEL = 40
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
    """The title (and the diarienummer) on the first line; the version label, the fingerprint and
    "Sida X av Y" on the second.

    The first line is cut to MAX_FOOTER_TITLE characters; the second is short (the label is cut to
    MAX_FOOTER_LABEL characters), so "Sida X av Y" never wraps onto a line of its own.
    """
    _ = gettext
    case = _("Diarienummer: %(number)s", number=_one_line(case_number, 30)) if case_number else ""
    first = _one_line(title, MAX_FOOTER_TITLE - (len(case) + 3 if case else 0))
    if case:
        first = f"{first} · {case}" if first else case
    label = _one_line(version_label, MAX_FOOTER_LABEL) or _("Utkast")
    details = " · ".join([label, _("Kontrollsumma: %(fingerprint)s", fingerprint=fingerprint)])
    return [paragraph(first, "Footer", border_top=RULE_COLOUR),
            paragraph(details, "Footer", runs=page_runs(_))]


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


def watermark(text: str) -> str:
    """A diagonal, pale word behind the text of every page (Word's own VML watermark shape)."""
    return (f'<w:p xmlns:w="{W_NAMESPACE}"><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:pict>'
            f'<v:shapetype xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            f'id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
            f'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
            f'<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
            f'<v:shape xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            f'id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" o:allowincell="f" '
            f'fillcolor="#bfbfbf" stroked="f" style="position:absolute;margin-left:0;margin-top:0;'
            f'width:440pt;height:110pt;rotation:315;z-index:-251654144;mso-position-horizontal:center;'
            f'mso-position-horizontal-relative:margin;mso-position-vertical:center;'
            f'mso-position-vertical-relative:margin"><v:fill opacity=".5"/>'
            f'<v:textpath style="font-family:&quot;{FONT}&quot;;font-size:1pt" on="t" fitshape="t" '
            f'string="{escape(text)}"/>'
            f'</v:shape></w:pict></w:r></w:p>')


def write_header(document: DocumentObject, gettext, draft: bool) -> None:
    """A draft carries "UTKAST – inte för underskrift" at the top and a diagonal "UTKAST" on every page."""
    if not draft:
        return
    marker = paragraph(gettext("UTKAST – inte för underskrift"), "Header", bold=True, colour=DRAFT_COLOUR,
                       size_pt=11, align="right")
    for section in document.sections:
        section.header.is_linked_to_previous = False
        _replace_content(section.header, [marker])
        section.header._element.append(parse_xml(watermark(gettext("UTKAST"))))
