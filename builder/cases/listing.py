"""Case columns of the reviewer list: diarienummer, officer, due date, dates submitted and decided.

Added to the rows builder.review.listing makes, filtered here, and sorted there by the keys in CASE_SORT_KEYS.
"""
from __future__ import annotations

import sqlalchemy as sa

from builder.extensions import db
from builder.models import Application, ApplicationVersion

from .service import cases_by_application, local_date, today

IN_REVISION = "in_revision"  # the list's pseudo-status "Komplettering pågår"
CASE_SORT_KEYS = ("case", "officer", "due_date", "submitted", "decided")
DUE_FILTERS = ("overdue", "week", "none")


def add_case_columns(rows: list[dict], applications: list[Application]) -> None:
    """Fill each row's case columns (two queries for the whole list)."""
    ids = [a.id for a in applications]
    cases = cases_by_application(ids)
    submitted_before = set(db.session.scalars(
        sa.select(ApplicationVersion.application_id).where(ApplicationVersion.application_id.in_(ids)).distinct())) \
        if ids else set()
    by_id = {a.id: a for a in applications}
    now = today()
    for row in rows:
        application, case = by_id[row["id"]], cases.get(row["id"])
        row["in_revision"] = application.status == "changes_requested" or (
            application.status == "draft" and application.id in submitted_before)
        row["case_number"] = case.number if case else ""
        row["case"] = case.year * 1_000_000 + case.sequence if case else None
        row["officer_id"] = case.officer_id if case else None
        row["officer"] = (case.officer.name or case.officer.email) if case and case.officer else None
        row["due_date"] = case.due_date.isoformat() if case and case.due_date else None
        row["overdue"] = bool(case and case.due_date and case.due_date < now
                              and application.status not in ("approved", "rejected", "withdrawn"))
        row["submitted"] = local_date(case.last_submitted_at).isoformat() if case else None
        row["decided"] = application.decision_date.isoformat() if application.decision_date else None


def filter_case_rows(rows: list[dict], user, status: str = "", officer: str = "", due: str = "") -> list[dict]:
    """Rows for the pseudo-status, the officer ("me", "none" or an id) and the due-date filter."""
    if status == IN_REVISION:
        rows = [r for r in rows if r["in_revision"]]
    if officer == "me":
        rows = [r for r in rows if r["officer_id"] == user.id]
    elif officer == "none":
        rows = [r for r in rows if r["officer_id"] is None]
    elif officer.isascii() and officer.isdigit() and len(officer) < 11:
        rows = [r for r in rows if r["officer_id"] == int(officer)]
    if due == "overdue":
        rows = [r for r in rows if r["overdue"]]
    elif due == "week":
        horizon = today().toordinal() + 7
        rows = [r for r in rows if r["due_date"] and not r["overdue"]
                and _ordinal(r["due_date"]) <= horizon]
    elif due == "none":
        rows = [r for r in rows if r["due_date"] is None]
    return rows


def _ordinal(iso: str) -> int:
    from datetime import date

    return date.fromisoformat(iso).toordinal()
