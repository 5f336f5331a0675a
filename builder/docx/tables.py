"""Tables: fixed column widths that add up to the text width, a header row that repeats on a
new page (w:tblHeader), rows that never break across pages (w:cantSplit), amounts right-aligned.
"""
from __future__ import annotations

from dataclasses import dataclass

from .base import TABLE_TEXT_STYLE, TEXT_WIDTH_TWIPS
from .xmlkit import el, paragraph

TABLE_STYLE_ID = TABLE_TEXT_STYLE.replace(" ", "")
RULE_COLOUR = "7F7F7F"
LIGHT_RULE_COLOUR = "BFBFBF"
HEADER_FILL = "E7ECF3"
KEEP_TOGETHER_ROWS = 25  # a table this short is kept on one page (longer ones repeat their header)


@dataclass(frozen=True)
class Column:
    """A column's width in twips and its alignment ("left" or "right")."""

    width: int
    align: str = "left"


@dataclass(frozen=True)
class TableRow:
    """One body row: its cell texts and how it looks ("body" or "total")."""

    cells: tuple[str, ...]
    kind: str = "body"


def fit_columns(fixed: list[Column], flexible_index: int = 0, minimum: int = 1200) -> list[Column]:
    """Give the flexible column what the fixed ones leave of the text width."""
    used = sum(c.width for i, c in enumerate(fixed) if i != flexible_index)
    width = max(minimum, TEXT_WIDTH_TWIPS - used)
    return [Column(width, c.align) if i == flexible_index else c for i, c in enumerate(fixed)]


def build_table(columns: list[Column], header: list[str], rows: list[TableRow]) -> str:
    """A complete w:tbl as XML text."""
    grid = "".join(el("w:gridCol", w=str(column.width)) for column in columns)
    keep = len(rows) <= KEEP_TOGETHER_ROWS
    parts = ["<w:tbl>", _table_props(sum(c.width for c in columns)), f"<w:tblGrid>{grid}</w:tblGrid>",
             _row(columns, header, "header", keep_next=keep)]
    for i, row in enumerate(rows):
        parts.append(_row(columns, list(row.cells), row.kind, keep_next=keep and i < len(rows) - 1))
    parts.append("</w:tbl>")
    return "".join(parts)


def _table_props(width: int) -> str:
    """Width, fixed layout, horizontal rules only, compact cell margins."""
    borders = "".join(el("w:" + side, val="single", sz=size, space="0", color=colour)
                      for side, colour, size in (("top", RULE_COLOUR, "8"), ("bottom", RULE_COLOUR, "8"),
                                                 ("insideH", LIGHT_RULE_COLOUR, "4")))
    margins = el("w:left", w="85", type="dxa") + el("w:right", w="85", type="dxa")
    look = el("w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="1", lastColumn="0",
              noHBand="0", noVBand="1")
    return (f'<w:tblPr>{el("w:tblW", w=str(width), type="dxa")}<w:tblBorders>{borders}</w:tblBorders>'
            f'{el("w:tblLayout", type="fixed")}<w:tblCellMar>{margins}</w:tblCellMar>{look}</w:tblPr>')


def _row(columns: list[Column], cells: list[str], kind: str, keep_next: bool = False) -> str:
    """A w:tr that does not split across pages; the header row repeats on every page."""
    repeat = "<w:tblHeader/>" if kind == "header" else ""
    props = f"<w:trPr><w:cantSplit/>{repeat}</w:trPr>"
    body = "".join(_cell(column.width, column.align, text, kind, keep_next)
                   for column, text in zip(columns, cells, strict=False))
    return f"<w:tr>{props}{body}</w:tr>"


def _cell(width: int, align: str, text: str, kind: str, keep_next: bool) -> str:
    """A w:tc: one paragraph per line of text, bold in header and total rows."""
    props = [el("w:tcW", w=str(width), type="dxa")]
    if kind == "total":
        props.append("<w:tcBorders>" + el("w:top", val="single", sz="8", space="0", color=RULE_COLOUR)
                     + "</w:tcBorders>")
    if kind == "header":
        props.append(el("w:shd", val="clear", color="auto", fill=HEADER_FILL))
        props.append(el("w:vAlign", val="bottom"))
    bold = kind in ("header", "total")
    paragraphs = "".join(
        paragraph(line, TABLE_STYLE_ID, bold=bold, align=align if align != "left" else None, keep_next=keep_next)
        for line in (text.split("\n") if text else [""]))
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{paragraphs}</w:tc>"
