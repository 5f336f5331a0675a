"""The reviewer's application list: filtered, sorted, counted and paged in SQL.

The figures and texts each row shows are the columns the applications table caches (total, delta, period,
parties: kept right by applications.service on every save, `flask applications refresh-figures` for old
rows), so a page reads its 50 rows and one count, whatever the number of applications.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from builder.applications.access import case_visible_query
from builder.cases.listing import (
    CASE_SORT_KEYS,
    IN_REVISION,
    add_case_columns,
    case_filters,
    case_sort_columns,
    in_revision_clause,
)
from builder.cases.models import Case
from builder.extensions import db
from builder.models import Application, User
from builder.sqltext import contains_folded

SORT_KEYS = ("title", "status", "association", "period_start", "total", "delta", "updated") + CASE_SORT_KEYS
DEFAULT_SORT = "updated"


@dataclass(frozen=True)
class ListQuery:
    """What the reviewer asked for (the route bounds the texts' lengths)."""

    status: str = ""
    association: str = ""
    query: str = ""
    sort: str = DEFAULT_SORT
    descending: bool = True
    officer: str = ""
    due: str = ""


@dataclass(frozen=True)
class Page:
    rows: list[dict]
    number: int  # 1-based
    count: int  # how many pages (at least 1)
    total_rows: int


Officer = aliased(User, name="officer")
OFFICER_NAME = sa.func.coalesce(sa.func.nullif(Officer.name, ""), Officer.email)
_COLUMNS = (Application.id, Application.title, Application.status, Application.association,
            Application.parties_text, Application.period_start, Application.period_end, Application.total,
            Application.delta, Application.updated_at, Application.decision_date,
            Case.number.label("case_number"), Case.year.label("case_year"), Case.sequence.label("case_sequence"),
            Case.officer_id, OFFICER_NAME.label("officer_name"), Case.due_date, Case.last_submitted_at)


def _with_case(select: sa.Select) -> sa.Select:
    return (select.outerjoin(Case, Case.application_id == Application.id)
            .outerjoin(Officer, Officer.id == Case.officer_id))


def _matching(user, ask: ListQuery) -> sa.Select:
    """The visible applications that match, joined to their case and officer (no order, no columns chosen)."""
    select = _with_case(case_visible_query(user))
    if ask.status == IN_REVISION:
        select = select.where(in_revision_clause())
    elif ask.status:
        select = select.where(Application.status == ask.status)
    if ask.association:
        select = select.where(contains_folded(Application.association, ask.association))
    if ask.query:
        select = select.where(contains_folded(Application.title, ask.query)
                              | contains_folded(Application.parties_text, ask.query))
    for clause in case_filters(user, officer=ask.officer, due=ask.due):
        select = select.where(clause)
    return select


def _sort_columns(key: str) -> list:
    own = {"title": Application.title, "status": Application.status, "association": Application.association,
           "period_start": Application.period_start, "total": Application.total, "delta": Application.delta,
           "updated": Application.updated_at}
    if key in own:
        return [own[key]]
    return case_sort_columns(key, OFFICER_NAME)


def _ordered(select: sa.Select, ask: ListQuery) -> sa.Select:
    """Ascending: smallest first, rows without a value last; descending the exact reverse (as the list always
    sorted). Rows with equal values keep the order of their ids, so pages never overlap or skip a row."""
    key = ask.sort if ask.sort in SORT_KEYS else DEFAULT_SORT
    if ask.descending:
        order = [c.desc().nulls_first() for c in _sort_columns(key)] + [Application.id.desc()]
    else:
        order = [c.asc().nulls_last() for c in _sort_columns(key)] + [Application.id.asc()]
    return select.order_by(*order)


def _row(record) -> dict:
    return {
        "id": record.id, "title": record.title or "", "status": record.status,
        "association": record.association or "", "parties": record.parties_text or "",
        "period_start": record.period_start or "", "period_end": record.period_end or "",
        "total": record.total, "delta": record.delta, "updated": record.updated_at.isoformat(),
    }


def _rows(records) -> list[dict]:
    rows = [_row(r) for r in records]
    add_case_columns(rows, records)
    return rows


def page_of(user, ask: ListQuery, requested: str, size: int) -> Page:
    """One page of the matching rows; a page number that is not a small whole number, or past the end, is clamped."""
    matching = _matching(user, ask)
    total_rows = db.session.scalar(matching.with_only_columns(sa.func.count(Application.id)).order_by(None)) or 0
    count = max(1, -(-total_rows // size))
    text = (requested or "").strip()
    number = int(text) if text.isascii() and text.isdigit() and len(text) < 7 else 1
    number = min(max(number, 1), count)
    # First the page's ids, sorting narrow rows (the database joins only what the sort and filters need),
    # then their columns: a sort by case number or officer does not carry every row's texts through the sort.
    ids = list(db.session.scalars(_ordered(matching.with_only_columns(Application.id), ask)
                                  .limit(size).offset((number - 1) * size)))
    by_id = {r.id: r for r in db.session.execute(
        _with_case(sa.select(*_COLUMNS)).where(Application.id.in_(ids)))} if ids else {}
    return Page(_rows([by_id[i] for i in ids]), number, count, total_rows)


def application_rows(user, ask: ListQuery, batch: int = 1000) -> Iterator[dict]:
    """Every matching row in the list's order, read in batches (for the CSV)."""
    select = _ordered(_matching(user, ask).with_only_columns(*_COLUMNS), ask)
    result = db.session.execute(select.execution_options(yield_per=batch))
    for records in result.partitions():
        yield from _rows(records)
