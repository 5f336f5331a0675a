"""DOCX files for the check-docx tests, built with python-docx (and zipfile for broken ones)."""
from __future__ import annotations

import io
import zipfile

import docx

from tests.helpers import HELA_FAMILJEN_TEXT as HELA_FAMILJEN

BUDGET = [
    ["", "2017", "2018", "2019", "Summa"],
    ["Kommunen", "100 000", "200 000", "50 000", "350 000"],
    ["Regionen", "20 000", "40 000", "10 000", "70 000"],
    ["Utvärdering", "", "30 000", "20 000", "50 000"],
    ["Totalt", "120 000", "270 000", "80 000", "470 000"],
]


def as_tabs(rows: list[list[str]]) -> str:
    """The rows typed as tab-separated lines, in one paragraph with a line break after each."""
    return "\n".join("\t".join(cells) for cells in rows)


def docx_bytes(*blocks) -> bytes:
    """A document of paragraphs (str; tabs and "\\n" kept) and Word tables (lists of rows)."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            _paragraph(document, block)
        else:
            _table(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _paragraph(document, text: str) -> None:
    paragraph = document.add_paragraph()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)  # python-docx turns "\t" into <w:tab/>
        if i < len(lines) - 1:
            run.add_break()


def _table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text


def hela_familjen_lines(start: str | None = "Budget", end: str | None = "Metoder för uppföljning") -> list[str]:
    """The application's paragraphs from the heading `start` up to `end` (None: the whole text)."""
    lines = HELA_FAMILJEN.read_text(encoding="utf-8").replace("**", "").splitlines()
    first = lines.index(start) if start else 0
    last = lines.index(end) if end else len(lines)
    return [line for line in lines[first:last] if line.strip()]


def hela_familjen_docx(replace: dict[str, str] | None = None, **kwargs) -> bytes:
    """The Hela Familjen budget part as a DOCX of paragraphs, with optional text replacements."""
    lines = hela_familjen_lines(**kwargs)
    for old, new in (replace or {}).items():
        lines = [line.replace(old, new) for line in lines]
    return docx_bytes(*lines)


def hela_familjen_word_tables() -> bytes:
    """The budget part with its two typed tables as Word tables instead."""
    blocks: list = []
    for line in hela_familjen_lines():
        if "\t" not in line:
            blocks.append(line)
        elif blocks and isinstance(blocks[-1], list):
            blocks[-1].append(line.split("\t"))
        else:
            blocks.append([line.split("\t")])
    return docx_bytes(*blocks)


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive of the given members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def replace_document_xml(data: bytes, xml: bytes) -> bytes:
    """The same DOCX with word/document.xml replaced."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members["word/document.xml"] = xml
    return zip_bytes(members)
