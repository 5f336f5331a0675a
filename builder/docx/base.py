"""The styled base document: A4, margins, fonts, heading and table styles, document language.

python-docx's default template carries about 800 KB of Word 2010 table styles and a
stylesWithEffects copy; the base keeps only what this document uses, is built once per
process and every export starts from its bytes.
"""
from __future__ import annotations

import io
from functools import lru_cache

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .labels import DOCUMENT_LANGUAGE

FONT = "Calibri"  # LibreOffice renders it with the metric-compatible Carlito
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM = Mm(25), Mm(22)
MARGIN_LEFT, MARGIN_RIGHT = Mm(22), Mm(20)
HEADER_DISTANCE, FOOTER_DISTANCE = Mm(12), Mm(10)
TEXT_WIDTH_TWIPS = int((PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / 635)  # EMU → twentieths of a point
HEADING_COLOUR = RGBColor(0x1F, 0x38, 0x64)
MUTED_COLOUR = RGBColor(0x59, 0x59, 0x59)
KEEP_STYLES = {"TableNormal", "TableGrid"}
DROP_RELATIONSHIPS = ("stylesWithEffects", "customXml", "thumbnail")
TABLE_TEXT_STYLE = "Table Text"


def new_document(language: str) -> DocumentObject:
    """A fresh document from the base, its text marked as the given language."""
    document = Document(io.BytesIO(_base_bytes()))
    set_language(document, DOCUMENT_LANGUAGE.get(language, "sv-SE"))
    return document


@lru_cache(maxsize=1)
def _base_bytes() -> bytes:
    """The base document, built once."""
    document = Document()
    _drop_unused_parts(document)
    _set_defaults(document)
    _set_paragraph_styles(document)
    _add_table_text_style(document)
    _set_page(document)
    _set_settings(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _drop_unused_parts(document: DocumentObject) -> None:
    """Drop the Word 2010 style copy, custom XML, thumbnail and the unused table styles."""
    for rels in (document.part.rels, document.part.package.rels):
        for rId, rel in list(rels.items()):
            if rel.reltype.endswith(DROP_RELATIONSHIPS):
                del rels[rId]
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in KEEP_STYLES:
            styles.remove(style)


def _fonts(rpr, size_pt: float | None = None) -> None:
    """Explicit Calibri for every script in a w:rPr (no theme fonts, so every renderer agrees)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            size = rpr.find(qn(tag))
            if size is None:
                size = OxmlElement(tag)
                rpr.append(size)
            size.set(qn("w:val"), str(int(size_pt * 2)))


def _set_defaults(document: DocumentObject) -> None:
    """Document defaults: Calibri 11 pt, 6 pt after a paragraph, line spacing 1.15."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    _fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), 11)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "264")


def _set_paragraph_styles(document: DocumentObject) -> None:
    """Title, Heading 1/2, header and footer as this document wants them."""
    styles = document.styles
    for name, size, before, after in (("Title", 20, 0, 6), ("Heading 1", 14, 18, 6),
                                      ("Heading 2", 12, 12, 4)):
        style = styles[name]
        _fonts(style.element.get_or_add_rPr(), size)
        style.font.bold = name != "Title"
        style.font.color.rgb = HEADING_COLOUR
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"].element
    title.pPr.remove(title.pPr.find(qn("w:pBdr")))
    for name in ("Header", "Footer"):
        style = styles[name]
        style.font.size = Pt(8.5)
        style.font.color.rgb = MUTED_COLOUR
        tabs = style.element.pPr.find(qn("w:tabs"))
        tabs.findall(qn("w:tab"))[0].set(qn("w:pos"), str(TEXT_WIDTH_TWIPS // 2))
        tabs.findall(qn("w:tab"))[1].set(qn("w:pos"), str(TEXT_WIDTH_TWIPS))


def _add_table_text_style(document: DocumentObject) -> None:
    """A compact paragraph style for table cells."""
    style = document.styles.add_style(TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(9.5)
    style.paragraph_format.space_before = Pt(1)
    style.paragraph_format.space_after = Pt(1)
    style.paragraph_format.line_spacing = 1.0


def _set_page(document: DocumentObject) -> None:
    """A4 portrait with the margins on every section."""
    for section in document.sections:
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE


def _set_settings(document: DocumentObject) -> None:
    """Let Word spell-check the text anew (the template claims it is already checked)."""
    settings = document.settings.element
    proof_state = settings.find(qn("w:proofState"))
    if proof_state is not None:
        settings.remove(proof_state)


def set_language(document: DocumentObject, tag: str) -> None:
    """Mark the text as `tag` (sv-SE, en-GB) in the defaults, the Normal style and the settings."""
    styles = document.styles.element
    targets = [styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")),
               document.styles["Normal"].element.get_or_add_rPr()]
    for rpr in targets:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)
        lang.set(qn("w:bidi"), "ar-SA")
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)
        theme_lang.attrib.pop(qn("w:eastAsia"), None)
    for tag_name, value in (("w:decimalSymbol", "," if tag.startswith("sv") else "."),
                            ("w:listSeparator", ";" if tag.startswith("sv") else ",")):
        element = settings.find(qn(tag_name))
        if element is not None:
            element.set(qn("w:val"), value)
