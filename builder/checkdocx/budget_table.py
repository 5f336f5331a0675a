"""Which tables are budgets: a header of years (and a sum column), label rows and a total row."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .numbers import is_blank, normalise_spaces, parse_amount, parse_percent
from .reader import DocxContent, Paragraph, RawTable

_YEAR = re.compile(r"^(?:år\s*)?((?:19|20)\d{2})\s*[:*]?\s*(?:\([^()]*\))?$", re.IGNORECASE)
# A header naming one year among a few words: "Budget 2026", "2026 (jan–jun):", "Jan–jun 2026", "2026 kr".
_YEAR_TOKEN = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
MAX_YEAR_HEADER = 40
_SUM_WORDS = r"(?:summa|totalt?|sum|totalsumma|s:a|totala?\s+kostnad(?:er)?|total\s+kostnad)"
_SUM_HEADER = re.compile(r"^" + _SUM_WORDS + r"\b", re.IGNORECASE)
# Total rows: "Summa", "Totalt sökt", "Total kostnad", and "Kostnader totalt", "Sökt belopp totalt".
_TOTAL_LABEL = re.compile(r"^" + _SUM_WORDS + r"\b|\b(?:totalt|summa)$", re.IGNORECASE)
# In a table of counts only a plain sum word is a sum: "Totalt (unika)" and "Totalt antal avslut" are not.
_PLAIN_SUM = re.compile(r"^(?:summa|totalt?|sum|s:a)\s*:?$", re.IGNORECASE)
# Scores and averages (satisfaction, grades, indices): a table of them has no sums at all.
_MEASURE_WORDS = re.compile(r"\b(?:nöjd\w*|betyg\w*|skattning\w*|index\w*|poäng\w*|genomsnitt\w*|medelvärde\w*|"
                            r"snitt\w*)", re.IGNORECASE)
_NOT_A_SUM = re.compile(r"\b(?:unik\w*|genomsnitt\w*|snitt\w*|medel\w*|andel\w*|median\w*)", re.IGNORECASE)
_PART_LABEL = re.compile(r"^[(\-–\s]*(?:varav|därav)\b", re.IGNORECASE)
_CHANGE_HEADER = re.compile(r"^(?:förändring|skillnad|differens|diff\.?|ökning\s*/\s*minskning|\+\s*/\s*[-−–])",
                            re.IGNORECASE)
_MONEY_WORDS = re.compile(r"\b(?:kr|kronor|tkr|mkr|sek|belopp\w*|kostnad\w*|"
                          r"lön(?:er|en|erna|ekostnad\w*|ebikostnad\w*)?|budget\w*|medel|sökt\w*|bevilja\w*|"
                          r"arvode\w*|finansiering\w*)\b|\d:-", re.IGNORECASE)
_COUNT_WORDS = re.compile(r"\b(?:antal|deltagare|personer|unika|individer|st|stycken|avslut\w*|ärenden|"
                          r"inskrivna|nyckeltal)\b|%", re.IGNORECASE)
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
    change: Decimal | None = None  # an explicit "Förändring" column, signed

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
    unit: str = "kr"  # "kr", or "count" for a table of people, cases or other counts
    change_column: str | None = None  # the header of an explicit change column ("Förändring")
    layout: _Layout | None = field(default=None, compare=False, repr=False)  # to read a continuation

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
    change_column: int | None = None
    unit: str = "kr"

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
    """Every budget table in the document, numbered among its tables, with its context.

    A Word table without a header of its own that follows a budget table with only blank
    paragraphs (or a short "forts.") between, and has the same columns, continues it.
    """
    found: list[tuple[int, ParsedTable]] = []
    number = 0
    for position, block in enumerate(content.blocks):
        if not isinstance(block, RawTable):
            continue
        table = parse_budget_table(block)
        number += 1 if (table or block.source == "word") else 0
        if table is not None and found and _repeats_header(found[-1][1], table) and _continues(
                content, found[-1], position):
            found[-1] = (found[-1][0], _joined(found[-1][1], table.rows))  # "forts." with the header again
        elif table is not None:
            found.append((position, replace(table, index=number)))
        elif found and _continues(content, found[-1], position):
            previous_position, previous = found[-1]
            joined = continued_table(previous, block)
            if joined is not None:
                found[-1] = (previous_position, joined)
    positions = {position for position, _ in found}
    return [replace(t, before=_texts(content, positions, p, -1), after=_texts(content, positions, p, 1))
            for p, t in found]


def _continues(content: DocxContent, previous: tuple[int, ParsedTable], position: int) -> bool:
    """True when only blank paragraphs, or a short "(forts.)", stand between the two tables."""
    start, table = previous
    block = content.blocks[position]
    if table.source != "word" or not isinstance(block, RawTable) or block.source != "word":
        return False
    between = content.blocks[start + 1:position]
    return all(isinstance(b, Paragraph) and (not b.text.strip() or (len(b.text) < 40 and "forts" in b.text.lower()))
               for b in between) and len(between) <= 3


def _repeats_header(first: ParsedTable, second: ParsedTable) -> bool:
    """The second table has the first's columns and the first has no total row: one table, split."""
    return (first.years == second.years and first.sum_column == second.sum_column
            and first.layout is not None and second.layout is not None
            and first.layout.width == second.layout.width and not any(r.role == "total" for r in first.rows))


def _joined(table: ParsedTable, more) -> ParsedTable:
    rows = [*table.rows, *more]
    _mark_unlabelled_total(rows)
    return replace(table, rows=tuple(rows))


def continued_table(table: ParsedTable, raw: RawTable) -> ParsedTable | None:
    """The table with the rows of a headerless Word table that has its columns; None if it does not fit."""
    layout = table.layout
    filled = [cells for cells in raw.rows if not all(is_blank(text) for text in cells)]
    if layout is None or not filled or any(len(cells) != layout.width for cells in filled):
        return None
    more = [row for cells in filled if (row := _parse_row(cells, layout)) is not None]
    if not any(row.role in ("item", "total") for row in more):
        return None
    return _joined(table, more)


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
    unit = table_unit(raw)
    if unit == "measure":
        return None
    layout = _find_header(raw, unit)
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
    change_header = layout.header[layout.change_column] if layout.change_column is not None else None
    return ParsedTable(0, raw.source, tuple(layout.years.values()),
                       clean_label(sum_header) if sum_header else None, tuple(rows), unit=layout.unit,
                       change_column=clean_label(change_header) if change_header else None, layout=layout)


def table_unit(raw: RawTable) -> str:
    """"count" when the table's own words speak of people or cases and none of money, "measure" for
    scores and averages (no sums to check), else "kr"."""
    head = [cell for cells in raw.rows[:3] for cell in cells]
    labels = [cells[0] for cells in raw.rows[3:] if cells]
    amounts = [cell for cells in raw.rows[1:] for cell in cells[1:]][:200]
    words = " ".join(text[:200] for text in head + labels + amounts)
    if _MONEY_WORDS.search(words):
        return "kr"
    if _COUNT_WORDS.search(words):
        return "count"  # rows of averages or shares in it are no sums (_NOT_A_SUM)
    return "measure" if _MEASURE_WORDS.search(" ".join(text[:200] for text in head + labels)) else "kr"


def _find_header(raw: RawTable, unit: str = "kr") -> _Layout | None:
    for index, cells in enumerate(raw.rows[:4]):
        if raw.source == "tabs" and cells and _header_year(normalise_spaces(cells[0])):
            cells = ("", *cells)  # a typed header often lacks the leading tab of the label column
        layout = _header_layout(index, cells, unit, raw.rows[:index])
        if layout is not None:
            return layout
    return None


def _header_year(text: str) -> str | None:
    """The year a header cell names ("2017", "Budget 2026", "2026 (jan–jun):"); None for other cells."""
    if len(text) > MAX_YEAR_HEADER or _SUM_HEADER.match(text) or _CHANGE_HEADER.match(text):
        return None
    years = _YEAR_TOKEN.findall(text)
    return years[0] if len(years) == 1 else None


def _is_sum_header(text: str, unit: str) -> bool:
    if _NOT_A_SUM.search(text):
        return False  # "Totalt (unika)", "Totalt genomsnitt": no sum of the years
    return bool(_PLAIN_SUM.match(text) if unit == "count" else _SUM_HEADER.match(text))


def _header_layout(index: int, cells: tuple[str, ...], unit: str = "kr",
                   above: tuple[tuple[str, ...], ...] = ()) -> _Layout | None:
    years: dict[int, str] = {}
    sum_column = change_column = None
    if cells and _header_year(normalise_spaces(cells[0])):
        return None  # a year in the first column: no label column, not a budget's header
    for column, text in enumerate(cells):
        text = normalise_spaces(text)
        if column == 0:
            continue
        if _is_sum_header(text, unit) or (unit == "count" and _SUM_HEADER.match(text)):
            sum_column = column if sum_column is None and _is_sum_header(text, unit) else sum_column
        elif _CHANGE_HEADER.match(text):
            change_column = column if change_column is None else change_column
        elif (year := _header_year(text)) is not None:
            years[column] = year
    values = list(years.values())
    header = list(cells)
    if sum_column is None and years:
        sum_column = _merged_sum_header(above, years, header, unit)
    enough = len(years) >= 2 or (years and sum_column is not None)
    increasing = all(a < b for a, b in zip(values, values[1:], strict=False))
    if not enough or not increasing:
        return None
    label_columns = min([*years, *([sum_column] if sum_column is not None else [])])
    return _Layout(index, label_columns, years, sum_column, tuple(header), change_column, unit)


def _merged_sum_header(above: tuple[tuple[str, ...], ...], years: dict[int, str], header: list[str],
                       unit: str) -> int | None:
    """A "Totalt" cell in a header row above the years (merged down over both): its column."""
    for cells in reversed(above):
        for column, text in enumerate(cells):
            if column > 0 and column not in years and _is_sum_header(normalise_spaces(text), unit):
                header.extend([""] * (column + 1 - len(header)))
                if not header[column].strip():
                    header[column] = text
                    return column
    return None


def _aligned(cells: tuple[str, ...], layout: _Layout, source: str) -> tuple[str, ...] | None:
    """Cells in the header's columns; a short typed row is aligned to the right (sum column last).

    None when a short typed row cannot be placed with confidence.
    """
    if source != "tabs":
        return cells[:layout.width]
    if len(cells) == layout.width:
        return cells
    joined = _joined_label(list(cells), layout)
    if len(joined) >= layout.width:
        return tuple(joined)
    labels, values = joined[:layout.label_columns], joined[layout.label_columns:]
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
    if layout.sum_column is None:
        return False
    amounts = [parse_amount(cells[c]) for c in layout.years if not is_blank(cells[c])]
    total = parse_amount(cells[layout.sum_column]) if not is_blank(cells[layout.sum_column]) else None
    values = [a.value for a in amounts if a is not None]
    if total is None or len(values) < len(amounts):
        return False
    return sum(values, Decimal(0)) == total.value


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
    change = _change(cells[layout.change_column]) if layout.change_column is not None else None
    total = amounts.get(TOTAL)
    if layout.unit == "count" and _NOT_A_SUM.search(label):
        total = None  # unique people or an average over the years: its "Totalt" is no sum of them
        unreadable = [key for key in unreadable if key != TOTAL]
    return ParsedRow(label, _role(label, amounts, layout.unit),
                     {year: amounts.get(year) for year in layout.years.values()},
                     total, delta, delta_column, tuple(unreadable), change)


_CHANGE_WORDS = re.compile(r"^(?P<dir>ökning|höjning|minskning|sänkning)\s+(?:med\s+)?(?P<amount>.+)$", re.IGNORECASE)
_UNCHANGED = re.compile(r"^(?:oförändrad|oförändrat|ingen förändring|±\s*0)$", re.IGNORECASE)


def _change(text: str) -> Decimal | None:
    """"+240 000", "−102 000", "ökning med 1 135 680 kr", "oförändrad": a signed change; else None."""
    text = normalise_spaces(text)
    if _UNCHANGED.match(text):
        return Decimal(0)
    words = _CHANGE_WORDS.match(text)
    if words:
        amount = parse_amount(words.group("amount"))
        if amount is None or amount.delta is not None or amount.value < 0:
            return None
        return -amount.value if words.group("dir").lower() in ("minskning", "sänkning") else amount.value
    amount = parse_amount(text[1:] if text.startswith("+") else text)
    return amount.value if amount is not None and amount.delta is None else None


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


def _role(label: str, amounts: dict, unit: str = "kr") -> str:
    if not amounts:
        return "note"
    if (_PLAIN_SUM if unit == "count" else _TOTAL_LABEL).search(label):
        return "total"
    if _PART_LABEL.match(label):
        return "part"
    return "item"


def _unreadable_row(cells: tuple[str, ...], layout: _Layout) -> ParsedRow:
    """A typed row that cannot be placed in the header's columns: kept, no figure in it trusted."""
    columns = [*layout.years.values()] + ([TOTAL] if layout.sum_column is not None else [])
    label = normalise_spaces(cells[0]) if cells else ""
    return ParsedRow(label, "total" if _role(label, {"": 1}, layout.unit) == "total" else "item",
                     {y: None for y in layout.years.values()}, unreadable=tuple(columns))


def _mark_unlabelled_total(rows: list[ParsedRow]) -> None:
    """A last row with amounts but no label is the total row."""
    numeric = [i for i, row in enumerate(rows) if row.role != "note"]
    if numeric and not rows[numeric[-1]].label and len(numeric) > 2:
        rows[numeric[-1]] = replace(rows[numeric[-1]], role="total")
