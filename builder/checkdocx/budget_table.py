"""Which tables are budgets: a header of years (and a sum column), label rows and a total row."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from .numbers import is_blank, normalise_spaces, parse_amount, parse_percent
from .reader import DocxContent, Paragraph, RawTable

_YEAR = re.compile(r"^(?:år\s*)?((?:19|20)\d{2})\s*[:*]?\s*(?:\([^()]*\))?$", re.IGNORECASE)
_SUM_HEADER = re.compile(
    r"^(?:summa|totalt?|sum|totalsumma|s:a|totala?\s+kostnad(?:er)?|total\s+kostnad)\b", re.IGNORECASE)
_TOTAL_LABEL = re.compile(
    r"^(?:summa|totalt?|totalsumma|sum|s:a|totala?\s+kostnad(?:er)?|total\s+kostnad)\b", re.IGNORECASE)
_PART_LABEL = re.compile(r"^[(\-–\s]*(?:varav|därav)\b", re.IGNORECASE)
TOTAL = "total"  # the key of the sum column among the year keys
CONTEXT_BEFORE = 40  # paragraphs kept before a table (back to the previous budget table)
CONTEXT_AFTER = 10


@dataclass(frozen=True)
class ParsedRow:
    """One row of a budget table: its label, role, year cells, stated total and stated change."""

    label: str
    role: str  # item | total | part ("varav …", not added into totals) | note (no amounts)
    cells: dict[str, Decimal | None]  # year → amount; None for an empty cell
    total: Decimal | None = None  # the sum column, as stated
    delta: Decimal | None = None  # "(ökning med N kr)", signed
    delta_column: str | None = None  # a year, or TOTAL for the sum column
    unreadable: tuple[str, ...] = ()  # columns whose text is not an amount

    @property
    def key(self) -> str:
        """The label as matched across tables: lower case, no colon, single spaces."""
        return label_key(self.label)


@dataclass(frozen=True)
class ParsedTable:
    """A recognised budget table with the paragraphs around it."""

    index: int  # 1 = the first table in the document
    source: str  # "word" (a Word table) or "tabs" (tab-separated paragraphs)
    years: tuple[str, ...]
    sum_column: str | None  # the sum column's header ("Summa"), if there is one
    rows: tuple[ParsedRow, ...]
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()

    def row_by_key(self, key: str) -> ParsedRow | None:
        """The first row whose label key is `key`."""
        return next((row for row in self.rows if row.key == key), None)


@dataclass(frozen=True)
class _Layout:
    header_row: int
    label_columns: int
    years: dict[int, str]  # column → year
    sum_column: int | None
    header: tuple[str, ...]

    @property
    def width(self) -> int:
        return len(self.header)


def clean_label(text: str) -> str:
    """A label or header without trailing colon or footnote mark: "Summa:" → "Summa"."""
    return normalise_spaces(text).rstrip(":*. ")


def label_key(label: str) -> str:
    """A label normalised for matching ("Kristianstads kommun:" → "kristianstads kommun")."""
    return clean_label(label).lower()


def find_budget_tables(content: DocxContent) -> list[ParsedTable]:
    """Every budget table in the document, numbered among its tables, with its context."""
    found: list[tuple[int, ParsedTable]] = []
    number = 0
    for position, block in enumerate(content.blocks):
        if not isinstance(block, RawTable):
            continue
        table = parse_budget_table(block)
        number += 1 if (table or block.source == "word") else 0
        if table is not None:
            found.append((position, replace(table, index=number)))
    positions = {position for position, _ in found}
    return [replace(t, before=_texts(content, positions, p, -1), after=_texts(content, positions, p, 1))
            for p, t in found]


def _texts(content: DocxContent, positions: set[int], position: int, step: int) -> tuple[str, ...]:
    """Paragraph texts before (step −1) or after (+1) a table, up to the next budget table."""
    texts: list[str] = []
    limit = CONTEXT_BEFORE if step < 0 else CONTEXT_AFTER
    cursor = position + step
    while 0 <= cursor < len(content.blocks) and cursor not in positions and len(texts) < limit:
        block = content.blocks[cursor]
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif block.source == "tabs":
            texts.extend(reversed(block.lines) if step < 0 else block.lines)
        cursor += step
    return tuple(reversed(texts) if step < 0 else texts)


def parse_budget_table(raw: RawTable) -> ParsedTable | None:
    """The table read as a budget, or None when it is not one."""
    layout = _find_header(raw)
    if layout is None:
        return None
    rows = []
    for cells in raw.rows[layout.header_row + 1:]:
        aligned = _aligned(cells, layout, raw.source)
        row = _parse_row(aligned, layout) if aligned is not None else _unreadable_row(cells, layout)
        if row is not None:
            rows.append(row)
    _mark_unlabelled_total(rows)
    if not any(row.role in ("item", "total") for row in rows):
        return None
    sum_header = layout.header[layout.sum_column] if layout.sum_column is not None else None
    return ParsedTable(0, raw.source, tuple(layout.years.values()),
                       clean_label(sum_header) if sum_header else None, tuple(rows))


def _find_header(raw: RawTable) -> _Layout | None:
    for index, cells in enumerate(raw.rows[:4]):
        if raw.source == "tabs" and cells and _YEAR.match(normalise_spaces(cells[0])):
            cells = ("", *cells)  # a typed header often lacks the leading tab of the label column
        layout = _header_layout(index, cells)
        if layout is not None:
            return layout
    return None


def _header_layout(index: int, cells: tuple[str, ...]) -> _Layout | None:
    years: dict[int, str] = {}
    sum_column = None
    for column, text in enumerate(cells):
        text = normalise_spaces(text)
        match = _YEAR.match(text)
        if match and sum_column is None:
            years[column] = match.group(1)
        elif _SUM_HEADER.match(text) and years:
            sum_column = column
    values = list(years.values())
    enough = len(years) >= 2 or (years and sum_column is not None)
    increasing = all(a < b for a, b in zip(values, values[1:], strict=False))
    if not enough or not increasing or min(years) == 0:
        return None
    return _Layout(index, min(years), years, sum_column, tuple(cells))


def _aligned(cells: tuple[str, ...], layout: _Layout, source: str) -> tuple[str, ...] | None:
    """Cells in the header's columns; a short typed row is aligned to the right (sum column last).

    None when a short typed row cannot be placed with confidence.
    """
    if source != "tabs":
        return cells[:layout.width]
    if len(cells) == layout.width:
        return cells
    row = _joined_label(list(cells), layout)
    if len(row) >= layout.width:
        return tuple(row)
    labels, values = row[:layout.label_columns], row[layout.label_columns:]
    labels += [""] * (layout.label_columns - len(labels))
    padding = [""] * (layout.width - layout.label_columns - len(values))
    aligned = tuple(labels + padding + values)
    # Right-aligned, as when an empty cell was typed as a double tab; but only when the row
    # then adds up to its sum cell: it may as well lack its last cells, too uncertain to check.
    return aligned if layout.sum_column is not None and _adds_up(aligned, layout) else None


def _joined_label(cells: list[str], layout: _Layout) -> list[str]:
    """A label typed with tabs inside ("Kommunen\tdel 1"): the cells before the first amount, up
    to the surplus over the header's width, joined into the last label cell (in one pass)."""
    first = layout.label_columns
    surplus = len(cells) - layout.width
    if surplus <= 0:
        return cells
    joined = next((k for k in range(surplus) if parse_amount(cells[first + k]) is not None), surplus)
    if joined == 0:
        return cells
    return [*cells[:first - 1], " ".join(cells[first - 1:first + joined]), *cells[first + joined:]]


def _adds_up(cells: tuple[str, ...], layout: _Layout) -> bool:
    """True when the row's year cells add up to its sum cell."""
    if layout.sum_column is None or is_blank(cells[layout.sum_column]):
        return False
    parsed = [parse_amount(cells[c]) for c in layout.years if not is_blank(cells[c])]
    amounts = [a for a in parsed if a is not None]
    total = parse_amount(cells[layout.sum_column])
    if total is None or len(amounts) < len(parsed):
        return False
    return sum(a.value for a in amounts) == total.value


def _parse_row(cells: tuple[str, ...], layout: _Layout) -> ParsedRow | None:
    if all(is_blank(text) for text in cells):
        return None
    if len(cells) > layout.width:
        return _unreadable_row(cells, layout)
    cells = tuple(cells) + ("",) * (layout.width - len(cells))
    label = " – ".join(normalise_spaces(t) for t in cells[:layout.label_columns] if not is_blank(t))
    columns = dict(layout.years)
    if layout.sum_column is not None:
        columns[layout.sum_column] = TOTAL
    amounts, unreadable, delta, delta_column = _read_cells(cells, columns)
    return ParsedRow(label, _role(label, amounts), {year: amounts.get(year) for year in layout.years.values()},
                     amounts.get(TOTAL), delta, delta_column, tuple(unreadable))


def _read_cells(cells: tuple[str, ...], columns: dict[int, str]):
    """Amounts by column key, the keys whose text is no amount, and a stated change."""
    amounts: dict[str, Decimal] = {}
    unreadable: list[str] = []
    delta = delta_column = None
    for column, key in columns.items():
        text = cells[column]
        if is_blank(text) or parse_percent(text) is not None:
            continue
        amount = parse_amount(text)
        if amount is None:
            unreadable.append(key)
            continue
        amounts[key] = amount.value
        if amount.delta is not None:
            delta, delta_column = amount.delta, key
    return amounts, unreadable, delta, delta_column


def _role(label: str, amounts: dict) -> str:
    if not amounts:
        return "note"
    if _TOTAL_LABEL.match(label):
        return "total"
    if _PART_LABEL.match(label):
        return "part"
    return "item"


def _unreadable_row(cells: tuple[str, ...], layout: _Layout) -> ParsedRow:
    """A typed row that cannot be placed in the header's columns: kept, no figure in it trusted."""
    columns = [*layout.years.values()] + ([TOTAL] if layout.sum_column is not None else [])
    label = normalise_spaces(cells[0]) if cells else ""
    return ParsedRow(label, "total" if _TOTAL_LABEL.match(label) else "item",
                     {y: None for y in layout.years.values()}, unreadable=tuple(columns))


def _mark_unlabelled_total(rows: list[ParsedRow]) -> None:
    """A last row with amounts but no label is the total row."""
    numeric = [i for i, row in enumerate(rows) if row.role != "note"]
    if numeric and not rows[numeric[-1]].label and len(numeric) > 2:
        rows[numeric[-1]] = replace(rows[numeric[-1]], role="total")
