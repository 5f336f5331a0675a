"""Who may see and change which application. Anything not visible is a 404, never its content."""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from builder.extensions import db
from builder.models import Application, ApplicationVersion, Collaborator

from .service import quota_message, quota_reached

EDITABLE_STATUSES = ("draft",)
# What association staff (reviewers and admins) see: what was sent to them. A withdrawn application
# only when it had been submitted: a draft that was never submitted is never shown to staff.
REVIEWER_STATUSES = ("submitted", "changes_requested", "approved", "rejected")
WITHDRAWN_AFTER_SUBMISSION = "withdrawn"


def _membership(user):
    shared = db.select(Collaborator.application_id).where(Collaborator.user_id == user.id)
    return (Application.owner_id == user.id) | Application.id.in_(shared)


def visible_query(user):
    """A select of the applications `user` may see."""
    query = db.select(Application)
    if user.role in ("admin", "reviewer"):
        ever_submitted = db.select(ApplicationVersion.id).where(
            ApplicationVersion.application_id == Application.id).exists()
        sent = Application.status.in_(REVIEWER_STATUSES) | (
            (Application.status == WITHDRAWN_AFTER_SUBMISSION) & ever_submitted)
        return query.where(sent | _membership(user)) if user.role == "admin" else query.where(sent)
    if user.role == "finance":
        return query.where(Application.status == "approved")
    return query.where(_membership(user))


def _sent_to_staff(application: Application) -> bool:
    return application.status in REVIEWER_STATUSES or (
        application.status == WITHDRAWN_AFTER_SUBMISSION and bool(application.versions))


def can_view(user, application: Application) -> bool:
    if application.is_member(user.id):
        return True
    if user.role in ("reviewer", "admin"):
        return _sent_to_staff(application)
    if user.role == "finance":
        return application.status == "approved"
    return False


def can_edit(user, application: Application) -> bool:
    return application.is_member(user.id) and application.status in EDITABLE_STATUSES


def get_visible(app_id: int) -> Application:
    """The application if the current user may see it, else 404."""
    application = db.session.get(Application, app_id)
    if application is None or not can_view(current_user, application):
        abort(404)
    return application


def _in_revision_query():
    """Drafts that have been submitted before: the lead is revising them after a change request."""
    from builder.models import ApplicationVersion

    submitted_before = db.select(ApplicationVersion.id).where(ApplicationVersion.application_id == Application.id)
    return (Application.status == "draft") & submitted_before.exists()


def case_visible_query(user):
    """visible_query, plus, for reviewers, the cases being revised (the review list keeps showing them)."""
    if user.role == "reviewer":  # built on visible_query, so its rules stay the one place that decides
        visible = visible_query(user).with_only_columns(Application.id)
        return db.select(Application).where(Application.id.in_(visible) | _in_revision_query())
    return visible_query(user)


def can_view_case(user, application: Application) -> bool:
    """can_view, plus staff's read access to a case (its page and frozen versions) while the lead revises."""
    if can_view(user, application):
        return True
    return user.role == "reviewer" and application.status == "draft" and bool(application.versions)


def get_case_visible(app_id: int) -> Application:
    """The application if the current user may see its case page and frozen versions, else 404."""
    application = db.session.get(Application, app_id)
    if application is None or not can_view_case(current_user, application):
        abort(404)
    return application


def get_editable(app_id: int) -> Application:
    """404 when not visible; 409 when visible but not editable (submitted, decided, not a member)."""
    application = get_visible(app_id)
    if not can_edit(current_user, application):
        abort(409)
    return application


def refuse_over_quota() -> None:
    """429 with an explanation when the user has made their daily number of applications."""
    if quota_reached(current_user):
        abort(429, description=quota_message())
