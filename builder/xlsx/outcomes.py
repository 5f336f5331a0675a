"""A period report's workbooks and the reading of an uploaded outcome workbook (no Flask, no database).

`outcome_template` writes the sheets the project lead fills in, in the finance workbook's shape (sheets
Personal and Budget; title, association and period in rows 1–3, a bold header in row 4, a row per budget row
from row 5) with the row key, party, row, the year's budget, the outcome of the period and the forecast.
`read_outcomes` reads such a file back, by row key; `report_workbook` writes the report's figures.

The reader is bounded: the file's size, the zip's members and their uncompressed sizes (checked before
openpyxl opens anything: a zip bomb is refused unopened), the sheets, rows and cells read (read-only mode).
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from builder.followup.figures import COMMON_PARTY, SEXES, STAGES, Figure, ReportDocument
from builder.i18n import gettext_for
from builder.swedish_numbers import parse_swedish_decimal

from .cells import (
    BOLD,
    FIRST_ROW,
    HEADER_ROW,
    KR,
    TITLE,
    Gettext,
    amount_width,
    fit_to_page_width,
    put_header,
    put_number,
    put_text,
    set_widths,
    text_width,
)
from .workbook import CREATOR

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_MEMBERS = 100  # an XLSX from Excel or LibreOffice has about 10–30
MAX_UNCOMPRESSED_BYTES = 5 * 1024 * 1024  # all members together (a filled template is about 10 kB)
MAX_OTHER_MEMBER_BYTES = 2 * 1024 * 1024  # a member that is not a worksheet (styles, shared strings, …)
MAX_MEMBER_RATIO = 200  # uncompressed ÷ compressed, per member of more than 1 MB
MAX_CELLS = 20_000  # cells in all worksheets, strings in the shared strings: openpyxl parses every one
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
MAX_SHEETS = 20
MAX_ROWS = 1000  # rows read per sheet
MAX_COLUMNS = 30  # cells read per row
MAX_ERRORS = 50
MAX_AMOUNT = 10_000_000_000
MAX_KEY_CHARS = 40
KEY_HEADERS = {"radnyckel", "row key"}
OUTCOME_HEADERS = ("utfall perioden", "outcome in the period", "utfall", "outcome")
FORECAST_HEADERS = ("prognos för året", "forecast for the year", "prognos", "forecast")


def _party(name: str, _: Gettext) -> str:
    return name if name != COMMON_PARTY else _("Gemensamma kostnader")


def _first_width(_: Gettext) -> int:
    """The first column holds the row keys and the heading's labels."""
    return text_width([_("Radnyckel"), _("Samordningsförbund"), "staff:000"])


def _heading(ws, document: ReportDocument, _: Gettext) -> None:
    put_text(ws, 1, 1, document.title, TITLE)
    put_text(ws, 2, 1, _("Samordningsförbund"), BOLD)
    put_text(ws, 2, 2, document.association)
    put_text(ws, 3, 1, _("Period"), BOLD)
    put_text(ws, 3, 2, _("%(start)s – %(end)s", start=document.period_start.isoformat(),
                         end=document.period_end.isoformat()))


def _save(workbook: Workbook, title: str, language: str) -> bytes:
    workbook.properties.title = title[:250]
    workbook.properties.creator = CREATOR
    workbook.properties.language = {"en": "en-GB"}.get(language, "sv-SE")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def outcome_template(document: ReportDocument, language: str = "sv") -> bytes:
    """The sheets to fill in, as the finance workbook has them: Personal (a row per staff line) and Budget (the
    other costs and the overhead); per row its key, party, label, budget for the year, outcome in the period
    and forecast for the year."""
    _ = gettext_for(language, "xlsx")
    workbook = Workbook()
    staff = [item for item in document.figures.rows if item.row.kind == "staff"]
    others = [item for item in document.figures.rows if item.row.kind != "staff"]
    _template_sheet(workbook.worksheets[0], _("Personal"), staff, document, _)
    if others:
        _template_sheet(workbook.create_sheet(), _("Budget"), others, document, _)
    return _save(workbook, document.title, language)


def _template_sheet(ws, title: str, items, document: ReportDocument, _: Gettext) -> None:
    ws.title = title
    _heading(ws, document, _)
    headers = [_("Radnyckel"), _("Part"), _("Rad"), _("Budget %(year)s", year=document.figures.year),
               _("Utfall perioden"), _("Prognos för året")]
    put_header(ws, HEADER_ROW, headers, text_columns=(1, 2, 3))
    for row, item in enumerate(items, FIRST_ROW):
        put_text(ws, row, 1, item.key)
        put_text(ws, row, 2, _party(item.row.party, _))
        put_text(ws, row, 3, item.row.label)
        put_number(ws, row, 4, item.figure.budget)
        if item.reported:
            put_number(ws, row, 5, item.figure.outcome)
        else:
            ws.cell(row=row, column=5).number_format = KR
        if item.forecast_set:
            put_number(ws, row, 6, item.figure.forecast)
        else:
            ws.cell(row=row, column=6).number_format = KR
    total = [document.figures.total.budget]
    set_widths(ws, {1: _first_width(_), 2: text_width([headers[1], *(_party(r.row.party, _) for r in items)],
                                                      maximum=40),
                    3: text_width([headers[2], *(r.row.label for r in items)], maximum=50),
                    4: amount_width(headers[3], total), 5: amount_width(headers[4], total),
                    6: amount_width(headers[5], total)})
    ws.freeze_panes = f"D{FIRST_ROW}"
    fit_to_page_width(ws)


FIGURE_COLUMNS = ("budget", "outcome", "ytd", "difference", "remaining", "forecast")


def _figure_values(figure: Figure) -> list[int]:
    return [figure.budget, figure.outcome, figure.ytd, figure.difference, figure.remaining, figure.forecast]


def report_workbook(document: ReportDocument, language: str = "sv") -> bytes:
    """The report's figures: per row and party (with party sums and a total), and the participants."""
    _ = gettext_for(language, "xlsx")
    workbook = Workbook()
    ws = workbook.worksheets[0]
    ws.title = _("Ekonomi")
    _heading(ws, document, _)
    year = document.figures.year
    headers = [_("Radnyckel"), _("Part"), _("Rad"), _("Budget %(year)s", year=year), _("Utfall perioden"),
               _("Utfall hittills i år"), _("Avvikelse (prognos − budget)"), _("Kvar av budget"),
               _("Prognos för året")]
    put_header(ws, HEADER_ROW, headers, text_columns=(1, 2, 3))
    row = FIRST_ROW
    for party in document.figures.parties:
        for item in party.rows:
            put_text(ws, row, 1, item.key)
            put_text(ws, row, 2, _party(party.party, _))
            put_text(ws, row, 3, item.row.label)
            for column, value in enumerate(_figure_values(item.figure), 4):
                put_number(ws, row, column, value)
            row += 1
        put_text(ws, row, 2, _("Summa %(party)s", party=_party(party.party, _)), BOLD)
        for column, value in enumerate(_figure_values(party.figure), 4):
            put_number(ws, row, column, value, bold=True)
        row += 1
    put_text(ws, row, 2, _("Totalt"), BOLD)
    for column, value in enumerate(_figure_values(document.figures.total), 4):
        put_number(ws, row, column, value, bold=True)
    amounts = [abs(v) for v in _figure_values(document.figures.total)]
    parties = [_("Summa %(party)s", party=_party(p.party, _)) for p in document.figures.parties]
    set_widths(ws, {1: _first_width(_), 2: text_width([headers[1], *parties], maximum=40),
                    3: text_width([headers[2], *(r.row.label for r in document.figures.rows)], maximum=50),
                    **{c: amount_width(headers[c - 1], amounts) for c in range(4, 10)}})
    fit_to_page_width(ws)
    people = workbook.create_sheet(_("Deltagare"))
    _heading(people, document, _)
    labels = {"started": _("Påbörjat under perioden"), "ongoing": _("Pågående vid periodens slut"),
              "finished": _("Avslutat under perioden")}
    put_header(people, HEADER_ROW, ["", _("Kvinnor"), _("Män"), _("Annat/ej angivet"), _("Summa")])
    for offset, stage in enumerate(STAGES):
        put_text(people, FIRST_ROW + offset, 1, labels[stage])
        for column, sex in enumerate(SEXES, 2):
            put_number(people, FIRST_ROW + offset, column, document.participants.get(stage, sex), "0")
        put_number(people, FIRST_ROW + offset, 5, document.participants.stage_total(stage), "0", bold=True)
    put_text(people, FIRST_ROW + 4, 1, _("Planerat antal deltagare %(year)s", year=year), BOLD)
    if document.planned is None:
        put_text(people, FIRST_ROW + 4, 5, "–")
    else:
        put_number(people, FIRST_ROW + 4, 5, document.planned, "0", bold=True)
    set_widths(people, {1: text_width([*labels.values(), _("Planerat antal deltagare %(year)s", year=year),
                                       _("Samordningsförbund")], maximum=50), 2: 12, 3: 12, 4: 18, 5: 12})
    return _save(workbook, document.title, language)


# Reading an uploaded workbook.


@dataclass(frozen=True)
class Problem:
    """One refusal: where (sheet!cell, or "" for the file), a code and its values."""

    where: str
    code: str  # too_large | not_xlsx | zip_bomb | too_many_cells | no_sheet | too_many_rows | unknown_key
    #            duplicate_key | not_a_number | not_whole | out_of_range | too_many_errors
    values: dict = field(default_factory=dict)


@dataclass
class Outcomes:
    amounts: dict[str, int] = field(default_factory=dict)
    forecasts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _zip_problem(data: bytes) -> Problem | None:
    """The file as a zip, judged by its directory before anything is decompressed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return Problem("", "not_xlsx")
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            return Problem("", "zip_bomb")
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > 1024 * 1024 and member.file_size > MAX_MEMBER_RATIO * max(member.compress_size, 1):
                return Problem("", "zip_bomb")
        if total > MAX_UNCOMPRESSED_BYTES:
            return Problem("", "zip_bomb")
        names = {member.filename for member in members}
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/worksheets/") for n in names):
            return Problem("", "not_xlsx")
        return _content_problem(archive, members)


def _content_problem(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> Problem | None:
    """Too many cells or shared strings for openpyxl to parse quickly, counted in the XML (linear, bounded by
    the members' sizes checked above; a member longer than its stated size stops at that size)."""
    cells = 0
    for member in members:
        name = member.filename
        sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
        if not sheet and name != "xl/sharedStrings.xml":
            if member.file_size > MAX_OTHER_MEMBER_BYTES:
                return Problem("", "zip_bomb")
            continue
        try:
            with archive.open(member) as stream:
                text = stream.read(member.file_size + 1)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, RuntimeError):
            return Problem("", "not_xlsx")
        cells += len((_CELL if sheet else _STRING).findall(text))
        if cells > MAX_CELLS:
            return Problem("", "too_many_cells", {"cells": MAX_CELLS})
    return None


def _header_columns(values: tuple) -> tuple[int, int | None, int | None] | None:
    """(key column, outcome column, forecast column), 0-based, when this row is the header row."""
    texts = [str(v).strip().lower() if isinstance(v, str) else "" for v in values]
    key = next((i for i, t in enumerate(texts) if t in KEY_HEADERS), None)
    if key is None:
        return None

    def find(names: tuple[str, ...]) -> int | None:
        for name in names:  # the exact names first, then a header that starts with one
            for i, text in enumerate(texts):
                if text == name:
                    return i
        for i, text in enumerate(texts):
            if any(text.startswith(name) for name in names):
                return i
        return None

    return key, find(OUTCOME_HEADERS), find(FORECAST_HEADERS)


def _amount(value) -> tuple[int | None, str]:
    """(whole kronor, "") or (None, problem code); (None, "") for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    if isinstance(value, bool):
        return None, "not_a_number"
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None, "not_a_number"
        number = Decimal(repr(value))
    elif isinstance(value, str):
        parsed = parse_swedish_decimal(value.strip().removesuffix("kr").strip())
        if parsed is None:
            return None, "not_a_number"
        number = parsed
    else:
        return None, "not_a_number"
    if abs(number) > MAX_AMOUNT:
        return None, "out_of_range"
    if number != number.to_integral_value():
        return None, "not_whole"
    return int(number), ""


def read_outcomes(data: bytes, keys: set[str] | frozenset[str]) -> Outcomes:
    """The outcome and forecast per row key of an uploaded workbook, or its problems (nothing when any)."""
    result = Outcomes()
    if len(data) > MAX_UPLOAD_BYTES:
        result.problems.append(Problem("", "too_large"))
        return result
    problem = _zip_problem(data)
    if problem is not None:
        result.problems.append(problem)
        return result
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a broken package; any of them: not a workbook
        result.problems.append(Problem("", "not_xlsx"))
        return result
    try:
        _read(workbook, keys, result)
    except Exception:  # a sheet that openpyxl cannot parse
        result.problems.append(Problem("", "not_xlsx"))
    finally:
        workbook.close()
    if result.problems:
        result.amounts.clear()
        result.forecasts.clear()
    return result


def _read(workbook, keys, result: Outcomes) -> None:
    """Every sheet with a key column and an outcome or forecast column (the rows may be spread over sheets)."""
    seen: set[str] = set()
    found = False
    for ws in workbook.worksheets[:MAX_SHEETS]:
        columns = None
        for number, values in enumerate(ws.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS,
                                                     values_only=True), 1):
            if columns is None:
                columns = _header_columns(values)
                if columns is not None and columns[1] is None and columns[2] is None:
                    columns = None
                continue
            if number > MAX_ROWS:
                if any(v is not None for v in values):
                    result.problems.append(Problem(ws.title, "too_many_rows", {"rows": MAX_ROWS}))
                break
            _read_row(ws.title, number, values, columns, keys, seen, result)
            if len(result.problems) >= MAX_ERRORS:
                result.problems.append(Problem("", "too_many_errors", {"count": MAX_ERRORS}))
                return
        found = found or columns is not None
    if not found:
        result.problems.append(Problem("", "no_sheet"))


def _read_row(sheet: str, number: int, values: tuple, columns: tuple[int, int | None, int | None],
              keys, seen: set[str], result: Outcomes) -> None:
    key_column, outcome_column, forecast_column = columns
    raw_key = values[key_column] if key_column < len(values) else None
    if raw_key is None or (isinstance(raw_key, str) and not raw_key.strip()):
        return  # a sum row or an empty row
    where = f"{sheet}!{get_column_letter(key_column + 1)}{number}"
    key = str(raw_key).strip()[:MAX_KEY_CHARS + 1]
    if key not in keys:
        result.problems.append(Problem(where, "unknown_key", {"key": key[:MAX_KEY_CHARS]}))
        return
    if key in seen:
        result.problems.append(Problem(where, "duplicate_key", {"key": key}))
        return
    seen.add(key)
    for column, target in ((outcome_column, result.amounts), (forecast_column, result.forecasts)):
        if column is None or column >= len(values):
            continue
        amount, code = _amount(values[column])
        if code:
            result.problems.append(Problem(f"{sheet}!{get_column_letter(column + 1)}{number}", code,
                                           {"key": key}))
        elif amount is not None:
            target[key] = amount
