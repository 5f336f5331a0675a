"""Case columns of the reviewer list: diarienummer, officer, due date, dates submitted and decided.

builder.review.listing joins each application to its case (and the case's officer); the filters and sort
columns here are SQL on those joins, and add_case_columns fills a page's rows from the joined values.
"""
from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from builder.extensions import db
from builder.models import Application, ApplicationVersion

from .models import Case
from .service import local_date, today

IN_REVISION = "in_revision"  # the list's pseudo-status "Komplettering pågår"
CASE_SORT_KEYS = ("case", "officer", "due_date", "submitted", "decided")
DUE_FILTERS = ("overdue", "week", "none")
FINAL_STATUSES = ("approved", "rejected", "withdrawn")  # a due date no longer makes such a case late


def in_revision_clause():
    """Being revised by the lead: changes requested, or a draft again that has been submitted before."""
    submitted_before = sa.select(ApplicationVersion.id).where(ApplicationVersion.application_id == Application.id)
    return (Application.status == "changes_requested") | (
        (Application.status == "draft") & submitted_before.exists())


def _overdue(now: date):
    return (Case.due_date < now) & Application.status.not_in(FINAL_STATUSES)


def case_filters(user, officer: str = "", due: str = "") -> list:
    """WHERE clauses for the officer ("me", "none" or an id) and the due-date filter ("overdue", "week", "none")."""
    clauses = []
    if officer == "me":
        clauses.append(Case.officer_id == user.id)
    elif officer == "none":
        clauses.append(Case.officer_id.is_(None))  # also an application without a case
    elif officer.isascii() and officer.isdigit() and len(officer) < 11:
        clauses.append(Case.officer_id == int(officer))
    now = today()
    if due == "overdue":
        clauses.append(_overdue(now))
    elif due == "week":
        clauses.append(Case.due_date.is_not(None) & (Case.due_date <= now + timedelta(days=7)) & ~_overdue(now))
    elif due == "none":
        clauses.append(Case.due_date.is_(None))
    return clauses


def case_sort_columns(key: str, officer_name) -> list:
    """The ORDER BY columns of a case sort key (`officer_name`: the joined officer's name, else address)."""
    return {"case": [Case.year, Case.sequence], "officer": [officer_name], "due_date": [Case.due_date],
            "submitted": [Case.last_submitted_at], "decided": [Application.decision_date]}[key]


def add_case_columns(rows: list[dict], records) -> None:
    """Fill each row's case columns from its joined record (one query for the page's drafts being revised)."""
    drafts = [r.id for r in records if r.status == "draft"]
    submitted_before = set(db.session.scalars(
        sa.select(ApplicationVersion.application_id).where(ApplicationVersion.application_id.in_(drafts))
        .distinct())) if drafts else set()
    now = today()
    for row, record in zip(rows, records, strict=True):
        has_case = record.case_number is not None
        row["in_revision"] = record.status == "changes_requested" or (
            record.status == "draft" and record.id in submitted_before)
        row["case_number"] = record.case_number or ""
        row["case"] = record.case_year * 1_000_000 + record.case_sequence if has_case else None
        row["officer_id"] = record.officer_id
        row["officer"] = record.officer_name
        row["due_date"] = record.due_date.isoformat() if record.due_date else None
        row["overdue"] = bool(record.due_date and record.due_date < now and record.status not in FINAL_STATUSES)
        row["submitted"] = local_date(record.last_submitted_at).isoformat() if has_case else None
        row["decided"] = record.decision_date.isoformat() if record.decision_date else None
