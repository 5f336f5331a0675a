"""Small WordprocessingML builders: paragraphs, runs and fields as XML text.

The body is written as text and parsed once (`parse_blocks`): building thousands of elements one
by one through python-docx costs several times more than the whole export is allowed to take.
Every piece of user text goes through `clean_text` and is escaped here, and nowhere else.
"""
from __future__ import annotations

from docx.oxml.parser import parse_xml

from .text import clean_text, is_rtl

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"))


def escape(text: str) -> str:
    """Text for an XML element or a double-quoted attribute."""
    for char, entity in _ESCAPES:
        if char in text:
            text = text.replace(char, entity)
    return text


def el(tag: str, **attrs: str) -> str:
    """An empty w: element with w: attributes: el("w:jc", val="right") → '<w:jc w:val="right"/>'."""
    attributes = "".join(f' w:{name}="{escape(str(value))}"' for name, value in attrs.items())
    return f"<{tag}{attributes}/>"


def run(text: str, *, bold: bool = False, italic: bool = False, colour: str | None = None,
        size_pt: float | None = None, rtl: bool = False, cleaned: bool = False) -> str:
    """A w:r with cleaned, escaped text; tabs become w:tab and newlines w:br."""
    if not cleaned:
        text = clean_text(text)
    parts = ["<w:r>", _run_props(bold, italic, colour, size_pt, rtl)]
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    parts.append("</w:r>")
    return "".join(parts)


def _run_props(bold: bool, italic: bool, colour: str | None, size_pt: float | None, rtl: bool) -> str:
    """w:rPr in schema order, or nothing when the run needs none."""
    if not (bold or italic or colour or size_pt or rtl):
        return ""
    props = ["<w:rPr>"]
    if bold:
        props.append("<w:b/><w:bCs/>")
    if italic:
        props.append("<w:i/><w:iCs/>")
    if colour:
        props.append(el("w:color", val=colour))
    if size_pt:
        half_points = str(int(size_pt * 2))
        props.append(el("w:sz", val=half_points) + el("w:szCs", val=half_points))
    if rtl:
        props.append("<w:rtl/>")
    props.append("</w:rPr>")
    return "".join(props)


def paragraph(text: str = "", style: str | None = None, *, bold: bool = False, align: str | None = None,
              keep_next: bool = False, keep_lines: bool = False, space_before: int | None = None,
              space_after: int | None = None, runs: list[str] | None = None, colour: str | None = None,
              size_pt: float | None = None, page_break_before: bool = False, border_top: str = "") -> str:
    """A w:p holding `text` (or the given runs); right-to-left text gets a right-to-left paragraph."""
    text = clean_text(text)
    rtl = is_rtl(text)
    props = []
    if style:
        props.append(el("w:pStyle", val=style))
    if keep_next:
        props.append("<w:keepNext/>")
    if keep_lines:
        props.append("<w:keepLines/>")
    if page_break_before:
        props.append("<w:pageBreakBefore/>")
    if border_top:
        props.append(f'<w:pBdr>{el("w:top", val="single", sz="4", space="4", color=border_top)}</w:pBdr>')
    if rtl:
        props.append("<w:bidi/>")
    if space_before is not None or space_after is not None:
        spacing = {} if space_before is None else {"before": str(space_before * 20)}
        if space_after is not None:
            spacing["after"] = str(space_after * 20)
        props.append(el("w:spacing", **spacing))
    if align:
        props.append(el("w:jc", val=_logical(align, rtl)))
    body = run(text, bold=bold, colour=colour, size_pt=size_pt, rtl=rtl, cleaned=True) if text else ""
    properties = f"<w:pPr>{''.join(props)}</w:pPr>" if props else ""
    return f"<w:p>{properties}{body}{''.join(runs or ())}</w:p>"


def _logical(align: str, rtl: bool) -> str:
    """Word's jc is logical in a right-to-left paragraph: "right" means the line's end."""
    if not rtl:
        return align
    return {"right": "left", "left": "right"}.get(align, align)


def field(instruction: str, placeholder: str = "1") -> list[str]:
    """The runs of a complex field (PAGE, NUMPAGES) with a cached result Word and LibreOffice update."""
    return [
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        run(placeholder),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ]


def parse_blocks(xml_blocks: list[str]) -> list:
    """Block elements (w:p, w:tbl) parsed from XML text in one pass."""
    wrapper = parse_xml(f'<w:body xmlns:w="{W_NAMESPACE}">{"".join(xml_blocks)}</w:body>')
    return list(wrapper)
