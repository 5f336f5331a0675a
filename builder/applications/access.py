"""Who may see and change which application. Anything not visible is a 404, never its content.

Staff (reviewers, finance officers, admins) see only the applications of the associations they are members
of (builder.associations: AssociationMember); applicants see their own (owner or co-applicant). This module
is the one place that decides: every list, page, export and download asks it.
"""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from builder.extensions import db
from builder.models import Application, ApplicationVersion, AssociationMember, Collaborator

from .service import quota_message, quota_reached

EDITABLE_STATUSES = ("draft",)
# What association staff (reviewers and admins) see: what was sent to them. A withdrawn application
# only when it had been submitted: a draft that was never submitted is never shown to staff.
REVIEWER_STATUSES = ("submitted", "changes_requested", "approved", "rejected")
WITHDRAWN_AFTER_SUBMISSION = "withdrawn"


def _membership(user):
    shared = db.select(Collaborator.application_id).where(Collaborator.user_id == user.id)
    return (Application.owner_id == user.id) | Application.id.in_(shared)


STAFF_ROLES = ("reviewer", "finance", "admin")


def _in_my_associations(user):
    """The application belongs to one of the associations `user` is a member of (SQL)."""
    mine = db.select(AssociationMember.association_id).where(AssociationMember.user_id == user.id)
    return Application.association_id.in_(mine)


def my_association_ids(user) -> set[int]:
    """The associations a staff account works for (an applicant works for none)."""
    if getattr(user, "role", None) not in STAFF_ROLES:
        return set()
    return set(db.session.scalars(db.select(AssociationMember.association_id)
                                  .where(AssociationMember.user_id == user.id)))


def in_my_associations(user, association_id: int | None) -> bool:
    return association_id is not None and association_id in my_association_ids(user)


def works_on(user, application: Application) -> bool:
    """Staff of the application's association: who sees and does the staff's part of its pages (internal
    comments, case data, findings). A staff account that reaches an application only as its co-applicant,
    e.g. one of another association, is an applicant there."""
    return getattr(user, "role", None) in STAFF_ROLES and in_my_associations(user, application.association_id)


def visible_query(user):
    """A select of the applications `user` may see."""
    query = db.select(Application)
    if user.role in ("admin", "reviewer"):
        ever_submitted = db.select(ApplicationVersion.id).where(
            ApplicationVersion.application_id == Application.id).exists()
        sent = (Application.status.in_(REVIEWER_STATUSES) | (
            (Application.status == WITHDRAWN_AFTER_SUBMISSION) & ever_submitted)) & _in_my_associations(user)
        return query.where(sent | _membership(user)) if user.role == "admin" else query.where(sent)
    if user.role == "finance":
        return query.where((Application.status == "approved") & _in_my_associations(user))
    return query.where(_membership(user))


def _sent_to_staff(application: Application) -> bool:
    return application.status in REVIEWER_STATUSES or (
        application.status == WITHDRAWN_AFTER_SUBMISSION and bool(application.versions))


def can_view(user, application: Application) -> bool:
    if application.is_member(user.id):
        return True
    if user.role in ("reviewer", "admin"):
        return _sent_to_staff(application) and in_my_associations(user, application.association_id)
    if user.role == "finance":
        return application.status == "approved" and in_my_associations(user, application.association_id)
    return False


def can_edit(user, application: Application) -> bool:
    return application.is_member(user.id) and application.status in EDITABLE_STATUSES


def get_visible(app_id: int) -> Application:
    """The application if the current user may see it, else 404."""
    application = db.session.get(Application, app_id)
    if application is None or not can_view(current_user, application):
        abort(404)
    return application


def case_visible_query(user):
    """visible_query, plus, for reviewers, the cases being revised (the review list keeps showing them)."""
    if user.role == "reviewer":
        # visible_query's reviewer rule (sent, or withdrawn after a submission) plus the drafts being revised
        # (submitted before), written as one condition that starts from the association: PostgreSQL serves it
        # from ix_applications_association_id_status instead of reading every application (bench/scale.py).
        # tests/web/test_review_sql_list.py and the authorization matrix hold it to visible_query's rows.
        ever_submitted = db.select(ApplicationVersion.id).where(
            ApplicationVersion.application_id == Application.id).exists()
        return db.select(Application).where(_in_my_associations(user) & (
            Application.status.in_(REVIEWER_STATUSES)
            | (Application.status.in_((WITHDRAWN_AFTER_SUBMISSION, "draft")) & ever_submitted)))
    return visible_query(user)


def can_view_case(user, application: Application) -> bool:
    """can_view, plus staff's read access to a case (its page and frozen versions) while the lead revises."""
    if can_view(user, application):
        return True
    return (user.role == "reviewer" and application.status == "draft" and bool(application.versions)
            and in_my_associations(user, application.association_id))


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


WITHDRAWABLE_STATUSES = ("submitted", "changes_requested")


def can_withdraw(application: Application) -> bool:
    """Submitted applications only: waiting for review, for completion, or being revised after a request.
    A draft that was never submitted is deleted instead."""
    return application.status in WITHDRAWABLE_STATUSES or (application.status == "draft"
                                                            and bool(application.versions))


def can_delete(application: Application, user) -> bool:
    """Only the owner, only a draft that was never submitted (no version, no history)."""
    return (application.owner_id == user.id and application.status == "draft"
            and not application.versions and not application.transitions)
