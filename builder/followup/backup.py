"""Follow-up in the backup: period reports with their outcome rows, history and comments.

Stored under "followup" beside the applications (a backup without it restores with no reports).
Applications are referred to by their backup key, people by e-mail.
"""
from __future__ import annotations

from datetime import date, datetime

from builder.extensions import db
from builder.models import User

from .models import PARTICIPANT_FIELDS, OutcomeRow, PeriodReport, ReportComment, ReportEvent

_REPORT_FIELDS = ("version_number", "year", "kind", "status", "answers", "typed_input", *PARTICIPANT_FIELDS)


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def dump_followup() -> list[dict]:
    """Every period report in portable JSON values."""
    emails = {user_id: email for user_id, email in db.session.execute(db.select(User.id, User.email))}

    def email(user_id):
        return emails.get(user_id) if user_id else None

    return [{"application": r.application_id, "period_end": _when(r.period_end),
             **{f: getattr(r, f) for f in _REPORT_FIELDS},
             "submitted_at": _when(r.submitted_at), "submitted_by": email(r.submitted_by_id),
             "decided_at": _when(r.decided_at), "decided_by": email(r.decided_by_id),
             "created_at": _when(r.created_at), "updated_at": _when(r.updated_at),
             "rows": [{"row_key": o.row_key, "party": o.party, "label": o.label, "amount": o.amount,
                       "forecast": o.forecast} for o in r.rows],
             "events": [{"user": email(e.user_id), "action": e.action, "from": e.from_status, "to": e.to_status,
                         "comment": e.comment, "created_at": _when(e.created_at)} for e in r.events],
             "comments": [{"user": email(c.user_id), "target": c.target, "body": c.body, "internal": c.internal,
                           "resolved_at": _when(c.resolved_at), "created_at": _when(c.created_at)}
                          for c in r.comments]}
            for r in db.session.scalars(db.select(PeriodReport).order_by(PeriodReport.id))]


def restore_followup(data: list | None, users: dict, applications: dict) -> None:
    """Add the reports of a backup (not committed); `users` by e-mail, `applications` by backup key."""
    if not data:
        return
    from builder.associations.service import association_of

    def user_id(email):
        return users[email].id if email in users else None

    for r in data:
        application = applications[r["application"]]
        report = PeriodReport(
            application_id=application.id, association_id=association_of(application).id,
            period_end=date.fromisoformat(r["period_end"]), **{f: r[f] for f in _REPORT_FIELDS},
            submitted_at=_dt(r["submitted_at"]), submitted_by_id=user_id(r["submitted_by"]),
            decided_at=_dt(r["decided_at"]), decided_by_id=user_id(r["decided_by"]),
            created_at=_dt(r["created_at"]), updated_at=_dt(r["updated_at"]))
        report.rows = [OutcomeRow(**o) for o in r["rows"]]
        report.events = [ReportEvent(user_id=user_id(e["user"]), action=e["action"], from_status=e["from"],
                                     to_status=e["to"], comment=e["comment"], created_at=_dt(e["created_at"]))
                         for e in r["events"]]
        report.comments = [ReportComment(user_id=user_id(c["user"]), target=c["target"], body=c["body"],
                                         internal=c["internal"], resolved_at=_dt(c["resolved_at"]),
                                         created_at=_dt(c["created_at"])) for c in r["comments"]]
        db.session.add(report)
