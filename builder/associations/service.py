"""Finding and creating associations, who works for which, their settings, and which association a case is in."""
from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from builder.cases.numbering import DEFAULT_PATTERN, PatternError, check_pattern
from builder.extensions import db
from builder.models import Application, Association, AssociationMember, BudgetFrame, User

from .rules import SettingError, check_amount, check_name, check_orgnr, check_periods, check_year

FALLBACK_NAME = "Samordningsförbundet"
STAFF_ROLES = ("reviewer", "finance", "admin")


def by_name(name: str) -> Association | None:
    return db.session.scalar(sa.select(Association).where(Association.name == name.strip()[:200]))


def _key(name: str) -> str:
    return " ".join((name or "").split()).casefold()


def matching(name: str) -> Association | None:
    """The association whose name is `name` ignoring case and surrounding or repeated spaces (in Python:
    SQLite's lower() knows only ASCII, and an installation has a handful of associations)."""
    key = _key(name)
    if not key or len(key) > 500:
        return None
    return next((a for a in db.session.scalars(sa.select(Association).order_by(Association.id))
                 if _key(a.name) == key), None)


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


def link_association(application: Application, doc: dict) -> dict:
    """Set the application's association from the document's text (an existing association, matched by name
    ignoring case; else none, and the text is emptied: the lead chooses one before submitting). The
    document's text becomes the association's own name. Once a case is open its association stays, whatever
    the text says.

    Returns the document to store (changed only in its "association" text)."""
    from builder.cases.models import Case

    with db.session.no_autoflush:  # looking up must not write the application early (one UPDATE per save)
        case = db.session.scalar(sa.select(Case).where(Case.application_id == application.id)) \
            if application.id is not None else None
        if case is not None:
            found = db.session.get(Association, case.association_id)
        else:
            named = doc.get("association")
            text = named if isinstance(named, str) else ""
            current = db.session.get(Association, application.association_id) \
                if application.association_id is not None else None
            same = current is not None and _key(current.name) == _key(text)
            found = current if same else matching(text)
    application.association_id = found.id if found is not None else None
    name = found.name if found is not None else ""  # a name no association here has is no choice: choose one
    if doc.get("association", "") != name:
        doc = {**doc, "association": name}
    return doc


def case_association(application: Application) -> Association | None:
    """The association the application's case is registered with; None before its first submission."""
    from builder.cases.models import Case

    case = db.session.scalar(sa.select(Case).where(Case.application_id == application.id))
    return db.session.get(Association, case.association_id) if case is not None else None


def active_associations() -> list[Association]:
    return list(db.session.scalars(sa.select(Association).where(Association.active.is_(True))
                                   .order_by(Association.name)))


def association_ids(user: User) -> list[int]:
    """The associations a staff account works for."""
    return list(db.session.scalars(sa.select(AssociationMember.association_id)
                                   .where(AssociationMember.user_id == user.id)
                                   .order_by(AssociationMember.association_id)))


def associations_of(user: User) -> list[Association]:
    """The associations a staff account works for, by name."""
    return list(db.session.scalars(sa.select(Association).join(AssociationMember)
                                   .where(AssociationMember.user_id == user.id).order_by(Association.name)))


def home_association(user: User) -> Association:
    """Where a staff member's new meeting belongs: their first association, else the first one there is."""
    ids = association_ids(user)
    if ids:
        found = db.session.get(Association, ids[0])
        if found is not None:
            return found
    first = db.session.scalar(sa.select(Association).order_by(Association.id).limit(1))
    return first if first is not None else ensure_association(FALLBACK_NAME)


# --- who manages what -----------------------------------------------------------------------------

def is_platform_admin(user) -> bool:
    return bool(getattr(user, "platform_admin", False)) and getattr(user, "active", False)


def listed_for(user) -> list[Association]:
    """The associations whose settings page `user` may open: every one for a platform administrator,
    their own for an association's admin (and, read only, for other staff)."""
    if is_platform_admin(user):
        return list(db.session.scalars(sa.select(Association).order_by(Association.name)))
    if getattr(user, "role", None) in STAFF_ROLES:
        return associations_of(user)
    return []


def may_view(user, association: Association) -> bool:
    return is_platform_admin(user) or (getattr(user, "role", None) in STAFF_ROLES
                                       and association.id in association_ids(user))


def may_manage(user, association: Association) -> bool:
    """A platform administrator, or an admin who is a member of the association."""
    return is_platform_admin(user) or (getattr(user, "role", None) == "admin"
                                       and association.id in association_ids(user))


def managed_ids(user) -> set[int] | None:
    """The associations whose accounts `user` manages; None: every one (a platform administrator)."""
    if is_platform_admin(user):
        return None
    return set(association_ids(user)) if getattr(user, "role", None) == "admin" else set()


def staff_of(association_id: int | None, roles: tuple[str, ...] = STAFF_ROLES) -> list[User]:
    """The active accounts of `roles` working for the association (none for no association)."""
    if association_id is None:
        return []
    return list(db.session.scalars(
        sa.select(User).join(AssociationMember, AssociationMember.user_id == User.id)
        .where(AssociationMember.association_id == association_id, User.role.in_(roles), User.active.is_(True))
        .order_by(User.name, User.email)))


def members(association: Association) -> list[User]:
    return list(db.session.scalars(
        sa.select(User).join(AssociationMember, AssociationMember.user_id == User.id)
        .where(AssociationMember.association_id == association.id).order_by(User.role, User.name, User.email)))


# --- changing settings (each one transaction) -----------------------------------------------------

def clean_settings(name: str, orgnr: str, pattern: str, periods: str,
                   association: Association | None = None) -> dict:
    """The settings checked and cleaned; SettingError names the first broken rule."""
    name = check_name(name)
    other = matching(name)
    if other is not None and (association is None or other.id != association.id):
        raise SettingError("name_taken")
    orgnr = check_orgnr(orgnr)
    try:
        pattern = check_pattern((pattern or "").strip() or DEFAULT_PATTERN)
    except PatternError:
        raise SettingError("pattern") from None
    return {"name": name, "orgnr": orgnr, "case_number_pattern": pattern, "reporting_periods": check_periods(periods)}


def create_association(name: str, orgnr: str, pattern: str = "", periods: str = "04-30,08-31,12-31") -> Association:
    association = Association(**clean_settings(name, orgnr, pattern, periods))
    db.session.add(association)
    db.session.commit()
    return association


def update_association(association: Association, name: str, orgnr: str, pattern: str, periods: str,
                       active: bool = True) -> None:
    for key, value in clean_settings(name, orgnr, pattern, periods, association).items():
        setattr(association, key, value)
    association.active = active
    db.session.commit()


def add_member(association: Association, user: User, role: str | None = None) -> bool:
    """Make `user` work for the association (with `role` when given: an account has one role everywhere).
    True when the membership is new."""
    if role is not None:
        user.role = role
    exists = db.session.scalar(sa.select(AssociationMember).where(
        AssociationMember.association_id == association.id, AssociationMember.user_id == user.id))
    if exists is None:
        db.session.add(AssociationMember(association_id=association.id, user_id=user.id))
    db.session.commit()
    return exists is None


def remove_member(association: Association, user: User) -> None:
    db.session.execute(sa.delete(AssociationMember).where(AssociationMember.association_id == association.id,
                                                          AssociationMember.user_id == user.id))
    db.session.commit()


def set_frame(association: Association, year: int | str, amount: int | str) -> BudgetFrame:
    year, amount = check_year(year), check_amount(amount)
    frame = db.session.scalar(sa.select(BudgetFrame).where(BudgetFrame.association_id == association.id,
                                                           BudgetFrame.year == year))
    if frame is None:
        frame = BudgetFrame(association_id=association.id, year=year, amount=amount)
        db.session.add(frame)
    else:
        frame.amount = amount
    db.session.commit()
    return frame


def remove_frame(association: Association, year: int) -> None:
    db.session.execute(sa.delete(BudgetFrame).where(BudgetFrame.association_id == association.id,
                                                    BudgetFrame.year == year))
    db.session.commit()


def first_admin(association: Association, email: str, name: str = "") -> tuple[User, bool]:
    """The association's admin: an existing account (made admin) or a new one with a random password that
    nobody knows (the caller hands out a password-reset link). Returns (account, created)."""
    import secrets

    from builder.auth.service import create_user, find_user, normalize_email

    user = find_user(email)
    created = user is None
    if user is None:
        user = create_user(normalize_email(email), secrets.token_urlsafe(32), "admin", name)
    add_member(association, user, "admin")
    return user, created


def reset_link(user: User) -> str:
    """A one-time link to choose a password (valid PASSWORD_RESET_MAX_AGE seconds, until the password changes)."""
    from builder.auth.reset import reset_token
    from builder.mail import external_url

    return external_url("auth_reset.reset", token=reset_token(user))
