"""The reviewer's application list: filter, sort, and the figures each row shows."""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from builder.applications.access import case_visible_query
from builder.applications.service import validate
from builder.budget import compute_budget
from builder.cases.listing import CASE_SORT_KEYS, IN_REVISION, add_case_columns, filter_case_rows
from builder.extensions import db
from builder.models import Application

SORT_KEYS = ("title", "status", "association", "period_start", "total", "delta", "updated") + CASE_SORT_KEYS


def application_rows(user, status: str = "", association: str = "", query: str = "", sort: str = "updated",
                     descending: bool = True, officer: str = "", due: str = "") -> list[dict]:
    """One dict per visible application, filtered and sorted as asked."""
    select = case_visible_query(user)
    if status and status != IN_REVISION:
        select = select.where(Application.status == status)
    applications = list(db.session.scalars(select))
    rows = [_row(a) for a in applications]
    add_case_columns(rows, applications)
    rows = filter_case_rows(rows, user, status=status, officer=officer, due=due)
    if association:
        rows = [r for r in rows if association.lower() in r["association"].lower()]
    if query:
        needle = query.lower()
        rows = [r for r in rows if needle in r["title"].lower() or needle in r["parties"].lower()]
    key = sort if sort in SORT_KEYS else "updated"
    rows.sort(key=lambda r: (r[key] is None, r[key] if r[key] is not None else 0), reverse=descending)
    return rows


_FIGURES_CACHE: OrderedDict[bytes, tuple[int | None, int | None]] = OrderedDict()
_FIGURES_CACHE_SIZE = 4096
_FIGURES_LOCK = threading.Lock()  # gunicorn's threads share the cache


def list_figures(document: str, doc: dict) -> tuple[int | None, int | None]:
    """(total, delta) of a stored document; None where it does not validate or has no baseline.

    A pure function of the stored text, so it is remembered by the text's digest: a list of
    hundreds of applications recomputes only those saved since the last look. Any worker may
    compute it again; nothing depends on what one worker remembers.
    """
    key = hashlib.blake2b(document.encode("utf-8"), digest_size=20).digest()
    with _FIGURES_LOCK:
        cached = _FIGURES_CACHE.get(key)
        if cached is not None:
            _FIGURES_CACHE.move_to_end(key)
            return cached
    validated, _errors = validate(doc)
    table = compute_budget(validated.budget) if validated else None
    figures = (table.total if table else None,
               table.delta if table is not None and table.has_baseline else None)
    with _FIGURES_LOCK:
        _FIGURES_CACHE[key] = figures
        if len(_FIGURES_CACHE) > _FIGURES_CACHE_SIZE:
            _FIGURES_CACHE.popitem(last=False)
    return figures


def _row(application: Application) -> dict:
    doc = application.doc
    total, delta = list_figures(application.document, doc)
    period = doc.get("period") or {}
    return {
        "id": application.id, "title": application.title or "", "status": application.status,
        "association": application.association or "",
        "parties": ", ".join(p.get("name", "") for p in doc.get("parties") or []),
        "period_start": period.get("start", ""), "period_end": period.get("end", ""),
        "total": total,
        "delta": delta,
        "updated": application.updated_at.isoformat(),
    }


@dataclass(frozen=True)
class Page:
    rows: list[dict]
    number: int  # 1-based
    count: int  # how many pages (at least 1)
    total_rows: int


def page_of(rows: list[dict], requested: str, size: int) -> Page:
    """One page of the sorted rows; a page number that is not a small whole number, or past the end, is clamped."""
    count = max(1, -(-len(rows) // size))
    text = (requested or "").strip()
    number = int(text) if text.isascii() and text.isdigit() and len(text) < 7 else 1
    number = min(max(number, 1), count)
    return Page(rows[(number - 1) * size:number * size], number, count, len(rows))
