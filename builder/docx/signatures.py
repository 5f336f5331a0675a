"""Signatures: a block per signatory, grouped by party (the party named on top), two side by side.

Each pair of blocks is one borderless table row that may not split (w:cantSplit), and every
paragraph in a block keeps with the next and keeps its lines together: Word honours either,
LibreOffice breaks long keep-with-next chains but never a row that cannot split.
"""
from __future__ import annotations

from typing import Any

from .base import TEXT_WIDTH_TWIPS
from .context import Context
from .export_refusal import applying_parties
from .text import clean_text, has_text
from .xmlkit import el, paragraph

SIGNATURE_RULE = "_" * 34
PLACE_RULE = "_" * 22
BLOCKS_PER_ROW = 2
PARTY_COLOUR = "1F3864"
DRAFT_COLOUR = "C00000"


def signatories_by_party(ctx: Context) -> list[tuple[str, list]]:
    """(party, its signatories): the applying parties in order, then any other party named."""
    groups: dict[str, list] = {party: [] for party in applying_parties(ctx.app)}
    for signatory in ctx.app.signatories:
        if has_text(signatory.name):
            groups.setdefault(clean_text(signatory.party).strip(), []).append(signatory)
    return [(party, people) for party, people in groups.items() if people]


def write_signatures(ctx: Context) -> None:
    """The signature pages: a heading, then per party its heading and its signature blocks."""
    groups = signatories_by_party(ctx)
    if not groups:
        return
    _ = ctx.gettext
    # The signatures start a page of their own, so the signed sheets hold nothing else.
    ctx.add(paragraph(_("Underskrifter"), "Heading1", page_break_before=True))
    ctx.para(_("Underskrifter av företrädare för de ansökande parterna."), keep_next=True)
    ctx.add(signature_table(ctx, [(party, person) for party, people in groups for person in people]))


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def block_paragraphs(ctx: Context, party: str, signatory) -> list:
    """Party, signature line, name, title, organisation and "Ort och datum" with a line."""
    rule = ctx.gettext("ej för underskrift") if ctx.draft else SIGNATURE_RULE
    lines: list[tuple[str, dict[str, Any]]] = [
        (party, dict(bold=True, colour=PARTY_COLOUR, space_before=12, space_after=0)),
        (rule, dict(space_before=30, space_after=0, **({"colour": DRAFT_COLOUR} if ctx.draft else {}))),
        (_one_line(signatory.name), dict(bold=True, space_after=0))]
    for detail in (signatory.title, signatory.organisation):
        if has_text(detail):
            lines.append((_one_line(detail), dict(space_after=0)))
    lines.append((ctx.gettext("Ort och datum: %(line)s", line=PLACE_RULE), dict(space_before=14, space_after=6)))
    return [paragraph(text, keep_next=i < len(lines) - 1, keep_lines=True, **options)
            for i, (text, options) in enumerate(lines)]


def signature_table(ctx: Context, people: list[tuple[str, object]]) -> str:
    """A borderless table, BLOCKS_PER_ROW blocks to a row, no row split across pages."""
    width = TEXT_WIDTH_TWIPS // BLOCKS_PER_ROW
    margins = el("w:left", w="0", type="dxa") + el("w:right", w="170", type="dxa")
    props = (f'<w:tblPr>{el("w:tblW", w=str(width * BLOCKS_PER_ROW), type="dxa")}'
             f'{el("w:tblLayout", type="fixed")}<w:tblCellMar>{margins}</w:tblCellMar></w:tblPr>')
    grid = el("w:gridCol", w=str(width)) * BLOCKS_PER_ROW
    rows = "".join(_row(ctx, people[start:start + BLOCKS_PER_ROW], width)
                   for start in range(0, len(people), BLOCKS_PER_ROW))
    return f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"


def _row(ctx: Context, people: list, width: int) -> str:
    """One row of signature blocks; an empty cell fills a row with fewer blocks."""
    cells = []
    for i in range(BLOCKS_PER_ROW):
        blocks = block_paragraphs(ctx, *people[i]) if i < len(people) else [paragraph("")]
        cells.append(f'<w:tc><w:tcPr>{el("w:tcW", w=str(width), type="dxa")}</w:tcPr>{"".join(blocks)}</w:tc>')
    return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>"
