"""Case handling in the backup: case records, counters, meetings with their agendas, case events.

Stored under "case_handling" beside the applications (a backup without it restores with no case data).
Applications are referred to by their backup key, people by e-mail.
"""
from __future__ import annotations

from datetime import date, datetime

from builder.extensions import db

from .models import AgendaItem, Case, CaseCounter, CaseEvent, InsatsYear, Meeting

_ITEM_FIELDS = ("position", "version_number", "recommendation", "recommendation_note", "decision", "paragraph",
                "amounts", "conditions")


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _email(user) -> str | None:
    return user.email if user else None


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def dump_case_handling() -> dict:
    """Everything of case handling, in portable JSON values."""
    from builder.models import User

    def email(user_id):
        return _email(db.session.get(User, user_id)) if user_id else None

    from builder.models import Association

    def association(association_id):
        found = db.session.get(Association, association_id)
        return found.name if found else None

    return {
        "counters": [{"association": association(c.association_id), "year": c.year, "last": c.last}
                     for c in db.session.scalars(db.select(CaseCounter))],
        "cases": [{"application": c.application_id, "association": association(c.association_id),
                   "number": c.number, "pattern": c.pattern, "year": c.year,
                   "sequence": c.sequence, "officer": email(c.officer_id), "due_date": _when(c.due_date),
                   "officer_recommendation": c.officer_recommendation, "officer_note": c.officer_note,
                   "focus": c.focus, "target_group": c.target_group,
                   "first_submitted_at": _when(c.first_submitted_at), "last_submitted_at": _when(c.last_submitted_at),
                   "created_at": _when(c.created_at)} for c in db.session.scalars(db.select(Case).order_by(Case.id))],
        "meetings": [{"association": association(m.association_id), "kind": m.kind, "date": _when(m.date),
                      "place": m.place, "created_by": email(m.created_by_id),
                      "created_at": _when(m.created_at),
                      "items": [{"application": i.application_id, **{f: getattr(i, f) for f in _ITEM_FIELDS},
                                 "added_at": _when(i.added_at), "decision_date": _when(i.decision_date),
                                 "recorded_by": email(i.recorded_by_id), "recorded_at": _when(i.recorded_at)}
                                for i in m.items]}
                     for m in db.session.scalars(db.select(Meeting).order_by(Meeting.id))],
        "insats_years": [{"application": r.application_id, "association": association(r.association_id),
                          "year": r.year, "approved_amount": r.approved_amount,
                          "planned_participants": r.planned_participants}
                         for r in db.session.scalars(db.select(InsatsYear).order_by(InsatsYear.id))],
        "events": [{"application": e.application_id, "user": email(e.user_id), "kind": e.kind, "detail": e.detail,
                    "created_at": _when(e.created_at)}
                   for e in db.session.scalars(db.select(CaseEvent).order_by(CaseEvent.id))],
    }


def home_association_none():
    """A backup made before associations: its counters and meetings go to the first association (one named
    after the installation's fallback when there is none)."""
    from builder.associations.service import FALLBACK_NAME, ensure_association
    from builder.models import Association

    first = db.session.scalar(db.select(Association).order_by(Association.id).limit(1))
    return first if first is not None else ensure_association(FALLBACK_NAME)


def restore_case_handling(data: dict | None, users: dict, applications: dict) -> None:
    """Add the case data of a backup (not committed); `users` by e-mail, `applications` by backup key."""
    if not data:
        return

    def user_id(email):
        return users[email].id if email in users else None

    from builder.associations.service import association_of, ensure_association

    for c in data["counters"]:
        owner = ensure_association(c["association"]) if c.get("association") else home_association_none()
        db.session.add(CaseCounter(association_id=owner.id, year=c["year"], last=c["last"]))
    for c in data["cases"]:
        application = applications[c["application"]]
        owner = ensure_association(c["association"]) if c.get("association") else association_of(application)
        application.association_id = owner.id  # a case's application is in the case's association
        db.session.add(Case(
            application_id=application.id, association_id=owner.id, number=c["number"],
            pattern=c["pattern"],
            year=c["year"], sequence=c["sequence"], officer_id=user_id(c["officer"]), due_date=_day(c["due_date"]),
            officer_recommendation=c["officer_recommendation"], officer_note=c["officer_note"],
            focus=c.get("focus", ""), target_group=c.get("target_group", ""),
            first_submitted_at=_dt(c["first_submitted_at"]), last_submitted_at=_dt(c["last_submitted_at"]),
            created_at=_dt(c["created_at"])))
    for m in data["meetings"]:
        owner = ensure_association(m["association"]) if m.get("association") else home_association_none()
        meeting = Meeting(association_id=owner.id, kind=m["kind"], date=_day(m["date"]), place=m["place"],
                          created_by_id=user_id(m["created_by"]), created_at=_dt(m["created_at"]))
        for i in m["items"]:
            meeting.items.append(AgendaItem(
                application_id=applications[i["application"]].id, **{f: i[f] for f in _ITEM_FIELDS},
                added_at=_dt(i["added_at"]), decision_date=_day(i["decision_date"]),
                recorded_by_id=user_id(i["recorded_by"]), recorded_at=_dt(i["recorded_at"])))
        db.session.add(meeting)
    for r in data.get("insats_years", []):  # commitments and planned participants (backups since 0008)
        application = applications[r["application"]]
        owner = ensure_association(r["association"]) if r.get("association") else association_of(application)
        db.session.add(InsatsYear(application_id=application.id, association_id=owner.id, year=r["year"],
                                  approved_amount=r["approved_amount"],
                                  planned_participants=r["planned_participants"]))
    for e in data["events"]:
        db.session.add(CaseEvent(application_id=applications[e["application"]].id, user_id=user_id(e["user"]),
                                 kind=e["kind"], detail=e["detail"], created_at=_dt(e["created_at"])))
