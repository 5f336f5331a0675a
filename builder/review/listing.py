"""The reviewer's application list: filter, sort, and the figures each row shows."""
from __future__ import annotations

from builder.applications.access import visible_query
from builder.applications.service import validate
from builder.budget import compute_budget
from builder.extensions import db
from builder.models import Application

SORT_KEYS = ("title", "status", "association", "period_start", "total", "delta", "updated")


def application_rows(user, status: str = "", association: str = "", query: str = "", sort: str = "updated",
                     descending: bool = True) -> list[dict]:
    """One dict per visible application, filtered and sorted as asked."""
    select = visible_query(user)
    if status:
        select = select.where(Application.status == status)
    rows = [_row(a) for a in db.session.scalars(select)]
    if association:
        rows = [r for r in rows if association.lower() in r["association"].lower()]
    if query:
        needle = query.lower()
        rows = [r for r in rows if needle in r["title"].lower() or needle in r["parties"].lower()]
    key = sort if sort in SORT_KEYS else "updated"
    rows.sort(key=lambda r: (r[key] is None, r[key] if r[key] is not None else 0), reverse=descending)
    return rows


def _row(application: Application) -> dict:
    doc = application.doc
    validated, _errors = validate(doc)
    table = compute_budget(validated.budget) if validated else None
    period = doc.get("period") or {}
    return {
        "id": application.id, "title": application.title or "", "status": application.status,
        "association": application.association or "",
        "parties": ", ".join(p.get("name", "") for p in doc.get("parties") or []),
        "period_start": period.get("start", ""), "period_end": period.get("end", ""),
        "total": table.total if table else None,
        "delta": table.delta if table is not None and table.has_baseline else None,
        "updated": application.updated_at.isoformat(),
    }
