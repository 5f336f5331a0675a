"""Accounts: create, find and authenticate users (used by the routes, the CLI, the demo data and tests)."""
from __future__ import annotations

from builder.extensions import db
from builder.models import User
from builder.textclean import without_control_characters

from .passwords import check_password, dummy_check, hash_password, needs_rehash


def normalize_email(email: str | None) -> str:
    """E-mail addresses are stored and compared without control characters, trimmed and in lower case.

    The login throttle keys on the same form, so `victim@x.se%07` is counted as `victim@x.se`.
    """
    return without_control_characters(email or "").strip().lower()


def find_user(email: str | None) -> User | None:
    return db.session.scalar(db.select(User).filter_by(email=normalize_email(email)))


def email_taken(email: str) -> bool:
    return find_user(email) is not None


def create_user(email: str, password: str, role: str = "applicant", name: str = "") -> User:
    """A new account (committed); the caller has checked that the address is free."""
    user = User(email=normalize_email(email), name=name.strip(), role=role, password_hash=hash_password(password))
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, else None."""
    user = find_user(email)
    if user is None:
        dummy_check(password)  # as slow as a wrong password for a real account: timing tells nothing
        return None
    if not check_password(user.password_hash, password) or not user.active:
        return None
    _upgrade_hash(user, password)
    return user


def _upgrade_hash(user: User, password: str) -> None:
    """Re-hash with the current Argon2 parameters after they were changed (only possible at login)."""
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
