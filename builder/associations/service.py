"""Finding and creating associations, and which ones a staff account works for."""
from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from builder.cases.numbering import DEFAULT_PATTERN
from builder.extensions import db
from builder.models import Application, Association, AssociationMember, User

FALLBACK_NAME = "Samordningsförbundet"


def by_name(name: str) -> Association | None:
    return db.session.scalar(sa.select(Association).where(Association.name == name.strip()[:200]))


def ensure_association(name: str) -> Association:
    """The association called `name`, created (with the configured case-number pattern) when missing."""
    name = name.strip()[:200] or FALLBACK_NAME
    association = by_name(name)
    if association is None:
        pattern = current_app.config.get("CASE_NUMBER_PATTERN") or DEFAULT_PATTERN
        association = Association(name=name, case_number_pattern=pattern[:100])
        db.session.add(association)
        db.session.flush()
    return association


def association_of(application: Application) -> Association:
    """The application's association; one named by its text is looked up (or created) and remembered."""
    if application.association_id is not None:
        found = db.session.get(Association, application.association_id)
        if found is not None:
            return found
    association = ensure_association(application.association or "")
    application.association_id = association.id
    return association


def association_ids(user: User) -> list[int]:
    """The associations a staff account works for."""
    return list(db.session.scalars(sa.select(AssociationMember.association_id)
                                   .where(AssociationMember.user_id == user.id)
                                   .order_by(AssociationMember.association_id)))


def home_association(user: User) -> Association:
    """Where a staff member's new meeting belongs: their first association, else the first one there is."""
    ids = association_ids(user)
    if ids:
        found = db.session.get(Association, ids[0])
        if found is not None:
            return found
    first = db.session.scalar(sa.select(Association).order_by(Association.id).limit(1))
    return first if first is not None else ensure_association(FALLBACK_NAME)
