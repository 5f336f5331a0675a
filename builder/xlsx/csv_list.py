"""The reviewers' list of applications as CSV that a Swedish Excel opens as a table.

Choices: a UTF-8 byte-order mark, so Excel reads å, ä, ö as UTF-8 rather than the Windows
code page; `;` as the separator, because Excel takes the list separator from the locale and
in Swedish (where the comma is the decimal mark) that is the semicolon; CRLF line ends and
quoting by the csv module. Text that Excel would take for a formula (starting with =, +, -,
@, tab or carriage return, their full-width forms ＝ ＋ － ＠, or any of these after leading
byte-order marks or zero-width characters) gets a leading apostrophe, so an application title can never run
as a formula in a reviewer's spreadsheet (CSV injection). Numbers are written as plain
integers and are not guarded: a negative change stays `-20000`, which Excel reads as a number.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal

COLUMNS = ("id", "title", "status", "association", "parties", "period_start", "period_end",
           "total", "delta")
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
INVISIBLE_STARTS = "\ufeff\u200b\u200c\u200d\u2060"  # skipped by Excel before it looks for a formula


def guard_text(text: str) -> str:
    """Prefix an apostrophe to text Excel would read as a formula (a leading BOM is always guarded)."""
    if text.startswith(FORMULA_STARTS) or (text and text[0] in INVISIBLE_STARTS):
        return "'" + text
    return text


def csv_cell(value) -> str:
    """One value as CSV text: numbers plain, dates ISO, lists joined, text guarded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return guard_text(str(value))
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return guard_text(", ".join(str(item) for item in value))
    return guard_text(str(value))


def application_list_csv(rows: Iterable[dict]) -> str:
    """The application list (id, title, status, … total, delta) as `;`-separated CSV with a BOM."""
    return "".join(application_list_csv_chunks(rows))


def application_list_csv_chunks(rows: Iterable[dict], chunk_rows: int = 500) -> Iterator[str]:
    """The same CSV in pieces of `chunk_rows` rows, for a streamed response (the BOM and header first)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield BOM + out.getvalue()
    out.seek(0)
    out.truncate()
    for number, row in enumerate(rows, 1):
        writer.writerow([csv_cell(row.get(column)) for column in COLUMNS])
        if number % chunk_rows == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    if out.tell():
        yield out.getvalue()
