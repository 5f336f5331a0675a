"""Who is told what by e-mail when a period report moves: submitted → the reviewers; changes requested or
approved → the owner and co-applicants. Sent after the change is committed, each in the recipient's own
language, never to the person who acted; a failing notice is logged and the action stands."""
from __future__ import annotations

from typing import Any

from flask import current_app

from builder.mail import external_url, send_to_user
from builder.models import User
from builder.notify import members, reviewers

from .models import PeriodReport


def after_report_event(report: PeriodReport, action: str, actor: User, comment: str = "") -> int:
    try:
        application = report.application
        recipients = reviewers(application) if action == "submit" else members(application)
        context: dict[str, Any] = {
            "action": action, "title": application.title or "–", "kind": report.kind, "year": report.year,
            "period_end": report.period_end, "who": actor.display_name, "comment": comment.strip(),
            "url": external_url("followup.report", app_id=application.id, report_id=report.id)}
        seen, sent = {actor.id}, 0
        for user in recipients:
            if user is None or user.id in seen or not user.active:
                continue
            seen.add(user.id)
            sent += send_to_user(user, "report", **context)
        return sent
    except Exception:  # noqa: BLE001 - whatever went wrong, the user's action stands
        current_app.logger.exception("Report notification failed")
        return 0
