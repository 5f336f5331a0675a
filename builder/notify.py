"""Who is told what by e-mail when an application moves or is commented on.

Called by the routes after the change is committed; each recipient gets the message in their own
language. The person who acted is never mailed about their own action.
"""
from __future__ import annotations

import functools

from flask import current_app

from builder.extensions import db
from builder.mail import external_url, send_to_user
from builder.models import Application, Comment, Transition, User


def reviewers(application: Application) -> list[User]:
    """The active reviewers of the application's association (nobody else's staff is told of it)."""
    from builder.associations.service import staff_of

    return staff_of(application.association_id, ("reviewer",))


def members(application: Application) -> list[User]:
    """The owner and the co-applicants."""
    return [application.owner, *(c.user for c in application.collaborators)]


def _send_all(recipients, actor: User | None, template: str, **context) -> int:
    """Send to each distinct active recipient except the actor; the number of messages delivered."""
    seen: set[int] = {actor.id} if actor is not None else set()
    sent = 0
    for user in recipients:
        if user is None or user.id in seen or not user.active:
            continue
        seen.add(user.id)
        sent += send_to_user(user, template, **context)
    return sent


def _common(application: Application) -> dict:
    return {"title": application.title or "–", "association": application.association,
            "url": external_url("applications.show", app_id=application.id)}


def _never_raises(notice):
    """The action was committed before anyone is told: a failing notice is logged, never shown as an error."""
    @functools.wraps(notice)
    def wrapped(*args, **kwargs) -> int:
        try:
            return notice(*args, **kwargs)
        except Exception:  # noqa: BLE001 - whatever went wrong, the user's action stands
            current_app.logger.exception("Notification %s failed", notice.__name__)
            return 0
    return wrapped


@_never_raises
def after_transition(application: Application, transition: Transition, actor: User) -> int:
    """Submitted → the reviewers; changes requested or a decision → the owner and co-applicants."""
    common = _common(application)
    if transition.action == "submit":
        return _send_all(reviewers(application), actor, "submitted", submitter=actor.display_name,
                         version=transition.version_number, total=application.total, **common)
    if transition.action == "request_changes":
        return _send_all(members(application), actor, "changes_requested", who=actor.display_name,
                         comment=transition.comment, **common)
    if transition.action in ("approve", "reject"):
        from builder.cases.documents import decision_letter_attachment

        letter = decision_letter_attachment(application)  # the beslutsbrev goes with the notice
        return _send_all(members(application), actor, "decision", approved=transition.action == "approve",
                         attachments=(letter,) if letter else (),
                         amount=application.approved_total, decision_date=application.decision_date,
                         decision_body=application.decision_body, comment=transition.comment, **common)
    return 0


@_never_raises
def after_comment(application: Application, comment: Comment, author: User) -> int:
    """A comment or answer goes to the other side: from staff to the members; from a member to the staff
    in the thread (every reviewer when no staff member has written in it)."""
    if getattr(comment, "internal", False):  # a staff-only note: never mailed, the applicants must not see it
        return 0
    common = _common(application)
    if application.is_member(author.id):
        root = (db.session.get(Comment, comment.parent_id) if comment.parent_id else None) or comment
        thread = [root, *root.replies]
        from builder.associations.service import staff_of

        staff_ids = {u.id for u in staff_of(application.association_id)}  # who still works for the association
        staff = [c.user for c in thread
                 if c.user is not None and c.user_id is not None and not application.is_member(c.user_id)
                 and c.user.id in staff_ids]
        recipients = staff or reviewers(application)
    else:
        recipients = members(application)
    return _send_all(recipients, author, "comment", author=author.display_name, body=comment.body,
                     reply=comment.parent_id is not None, **common)
