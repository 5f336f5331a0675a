"""Safe reading of a DOCX: paragraphs and tables, in document order, from word/document.xml.

The archive is checked before anything is unpacked (size, unpacked size, compression ratio),
each read is capped, and the XML is parsed with entities and network access off; a document
that declares a DTD is refused. Tables typed as tab-separated paragraphs are gathered too.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from .errors import DocxTooLargeError, NotDocxError, UnsafeDocxError

MB = 1024 * 1024
MAX_DOCX_BYTES = 20 * MB
MAX_UNPACKED_BYTES = 100 * MB
MAX_DOCUMENT_XML_BYTES = 20 * MB  # the text of a 300-page application is a few MB
MAX_MEMBERS = 5000
MAX_RATIO = 100  # uncompressed ÷ compressed; real Word XML stays far below
RATIO_FLOOR = MB  # small members may compress well without harm
DOCUMENT_PART = "word/document.xml"
MAX_PARAGRAPHS = 50_000  # paragraphs, line breaks and table cells, each; a 300-page application has about 10 000
MAX_TABLES = 500  # an application has a few dozen
MAX_PARAGRAPH_CHARS = 2_000  # a longer paragraph is read in pieces, cut at line or sentence ends
SHORT_CELL = 20  # a tabbed line with one cell longer than this is an indented paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = {W + "pPr", W + "rPr", W + "del", W + "moveFrom", W + "instrText", W + "txbxContent",
         MC_FALLBACK}
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins", W + "moveTo"}
_BREAKS = {W + "br", W + "cr"}
_TABS = {W + "tab", W + "ptab"}
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"),
              "<!DOCTYPE".encode("utf-16-be"))


@dataclass(frozen=True)
class Paragraph:
    """One paragraph's text; line breaks inside it are "\\n", tabs "\\t"."""

    text: str


@dataclass(frozen=True)
class RawTable:
    """A table as rows of cell texts: a Word table ("word") or tab-separated lines ("tabs")."""

    rows: tuple[tuple[str, ...], ...]
    source: str = "word"
    lines: tuple[str, ...] = ()  # the original paragraph lines of a "tabs" table


@dataclass(frozen=True)
class DocxContent:
    """The body of a document: paragraphs and tables in order."""

    blocks: tuple[Paragraph | RawTable, ...]

    @property
    def tables(self) -> list[RawTable]:
        return [b for b in self.blocks if isinstance(b, RawTable)]


def read_docx(data: bytes) -> DocxContent:
    """Read a DOCX's body safely; raises a DocxError subclass with a clear reason."""
    root = parse_document_xml(document_xml(data))
    if any(sum(1 for _ in root.iter(tag)) > MAX_PARAGRAPHS for tag in (W + "p", W + "tc", W + "br")):
        raise DocxTooLargeError("too_many_paragraphs", limit=_count(MAX_PARAGRAPHS))
    if sum(1 for _ in root.iter(W + "tbl")) > MAX_TABLES:
        raise DocxTooLargeError("too_many_tables", limit=_count(MAX_TABLES))
    body = root.find(W + "body")
    blocks = _body_blocks(body if body is not None else root)
    return DocxContent(tuple(gather_tab_tables(blocks)))


def document_xml(data: bytes) -> bytes:
    """word/document.xml from the archive, after the size and zip-bomb checks."""
    check_packed(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = _checked_document_info(archive.infolist())
            with archive.open(info) as member:
                # Never more than the checked size: a member that holds more fails its CRC check.
                return member.read(info.file_size)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError,
            zlib.error, ValueError, OSError) as exc:
        raise NotDocxError("corrupt_zip") from exc


def check_packed(data: bytes) -> None:
    """Refuse an empty, oversized, OLE (.doc) or non-zip file: cheap, reads no member."""
    if not data:
        raise NotDocxError("empty")
    if len(data) > MAX_DOCX_BYTES:
        raise DocxTooLargeError("too_big", limit=_mb(MAX_DOCX_BYTES))
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: a .doc, or an encrypted .docx
        raise NotDocxError("ole")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise NotDocxError("not_zip")


def _checked_document_info(infos: list[zipfile.ZipInfo]) -> zipfile.ZipInfo:
    """Refuse too many members, too much unpacked data or a bomb-like ratio; find the document."""
    if len(infos) > MAX_MEMBERS:
        raise DocxTooLargeError("too_many_members", limit=MAX_MEMBERS)
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise DocxTooLargeError("unpacked_too_big", limit=_mb(MAX_UNPACKED_BYTES))
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocxTooLargeError("zip_bomb", member=info.filename)
    document = next((info for info in infos if info.filename == DOCUMENT_PART), None)
    if document is None:
        raise NotDocxError("no_document")
    if document.file_size > MAX_DOCUMENT_XML_BYTES:
        raise DocxTooLargeError("unpacked_too_big", limit=_mb(MAX_DOCUMENT_XML_BYTES))
    return document


def _count(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")


def _mb(size: int) -> str:
    return str(round(size / MB, 1)).replace(".", ",").removesuffix(",0")


def parse_document_xml(xml: bytes):
    """Parse with entities, DTD loading and network off; refuse any DTD outright."""
    head = xml[:4096]
    if any(mark in head for mark in _DTD_MARKS):
        raise UnsafeDocxError("dtd")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(xml, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise NotDocxError("bad_xml") from exc
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise UnsafeDocxError("dtd")
    return root


def _body_blocks(container) -> list[Paragraph | RawTable]:
    blocks: list[Paragraph | RawTable] = []
    for element in _content(container):
        if element.tag == W + "p":
            blocks.extend(Paragraph(piece) for piece in pieces(paragraph_text(element)))
        elif element.tag == W + "tbl":
            blocks.extend(_word_tables(element))
    return blocks


def pieces(text: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """A long paragraph as pieces of at most `limit` characters, cut after a line or a sentence.

    Every later step reads a paragraph at a time, so this bounds what any one step sees.
    """
    out, start = [], 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = max(text.rfind("\n", start + 1, window_end), text.rfind(". ", start, window_end - 1) + 1)
        cut = cut if cut > start else window_end
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _content(container):
    """Children that carry content, looking through content controls and similar wrappers."""
    for child in container:
        if child.tag in _WRAPPERS:
            yield from _content(child)
        elif isinstance(child.tag, str):
            yield child


def paragraph_text(element) -> str:
    """A paragraph's visible text: runs, tabs as "\\t", line breaks as "\\n"; deletions left out."""
    parts: list[str] = []
    _collect_text(element, parts)
    return "".join(parts)


def _collect_text(element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag in _TABS:
            parts.append("\t")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        else:
            _collect_text(child, parts)


def _word_tables(table) -> list[RawTable]:
    """The table's rows of cell texts (merged cells keep grid positions), then nested tables."""
    rows, nested = [], []
    for row in (e for e in _content(table) if e.tag == W + "tr"):
        cells = [""] * _grid_value(row.find(W + "trPr"), "gridBefore")
        for cell in (e for e in _content(row) if e.tag == W + "tc"):
            texts = []
            for element in _content(cell):
                if element.tag == W + "p":
                    texts.append(paragraph_text(element))
                elif element.tag == W + "tbl":
                    nested.extend(_word_tables(element))
            cells.append("\n".join(texts).strip())
            cells.extend([""] * (_grid_value(cell.find(W + "tcPr"), "gridSpan") - 1))
        rows.append(tuple(cells))
    return [RawTable(tuple(rows)), *nested]


def _grid_value(properties, name: str) -> int:
    """w:gridSpan / w:gridBefore as a count (0 or 1 when absent), capped for safety."""
    element = properties.find(W + name) if properties is not None else None
    value = element.get(W + "val") if element is not None else None
    default = 1 if name == "gridSpan" else 0
    return min(int(value), 64) if value and value.isdigit() else default


def gather_tab_tables(blocks: list[Paragraph | RawTable]) -> list[Paragraph | RawTable]:
    """Runs of two or more tab-separated lines become one "tabs" table; empty lines inside are skipped.

    A line is a row when tabs split it into cells (see _is_row), so a paragraph indented with
    a tab stays a paragraph.
    """
    out: list[Paragraph | RawTable] = []
    run: list[str] = []
    gap: list[Paragraph | RawTable] = []
    for block in blocks:
        lines = block.text.split("\n") if isinstance(block, Paragraph) else []
        if run and isinstance(block, Paragraph) and not block.text.strip():
            gap.append(block)
        elif any(_is_row(line) for line in lines):
            for line in (line for line in lines if line.strip()):
                if _is_row(line):
                    run.append(line)
                else:
                    out.extend(_flush(run) + [Paragraph(line)])
                    run = []
            gap = []
        else:
            out.extend(_flush(run) + gap + [block])
            run, gap = [], []
    out.extend(_flush(run) + gap)
    return out


def _cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in re.split(r"\t+", line.rstrip()))


def _is_row(line: str) -> bool:
    """Two or more cells, or one short one ("\t2017"); a long single cell is indented prose."""
    filled = [cell for cell in _cells(line) if cell] if "\t" in line else []
    return len(filled) >= 2 or (len(filled) == 1 and len(filled[0]) <= SHORT_CELL)


def _flush(lines: list[str]) -> list[Paragraph | RawTable]:
    if len(lines) < 2:
        return [Paragraph(line) for line in lines]
    return [RawTable(tuple(_cells(line) for line in lines), "tabs", tuple(lines))]
