"""Sessions that end: a generation per user (logout ends every copy of the cookie), idle and absolute timeouts.

The session cookie is signed but lives in the browser, so a copy of it would work until it expires.
Each session records the user's `session_generation` at login; logout, a password change and
deactivation bump it, and a session carrying an older generation is treated as logged out on the
next request. A session also ends after SESSION_IDLE_TIMEOUT seconds without a request (default
2 h) and SESSION_ABSOLUTE_TIMEOUT seconds after login (default 12 h).
"""
from __future__ import annotations

import time

from flask import current_app, session

from builder.extensions import db
from builder.models import User

GENERATION, LOGIN_AT, SEEN_AT = "_gen", "_login_at", "_seen_at"
SEEN_RESOLUTION = 60  # seconds: the last-seen time is rewritten at most once a minute (fewer cookie changes)


def start_session(user: User) -> None:
    """A fresh session for `user` (no key of a session from before login survives, the CSRF token neither)."""
    session.clear()
    now = int(time.time())
    session[GENERATION] = user.session_generation or 0
    session[LOGIN_AT] = session[SEEN_AT] = now


def end_all_sessions(user: User) -> None:
    """Every session of `user`, on every device, stops working (call at logout, password change, deactivation)."""
    user.session_generation = (user.session_generation or 0) + 1
    db.session.commit()


def session_is_current(user: User) -> bool:
    """True when this request's session belongs to `user`'s current generation and has not timed out."""
    if not user.active or session.get(GENERATION) != (user.session_generation or 0):
        return False
    now = int(time.time())
    login_at, seen_at = session.get(LOGIN_AT), session.get(SEEN_AT)
    if not isinstance(login_at, int) or not isinstance(seen_at, int):
        return False
    config = current_app.config
    if now - login_at > config["SESSION_ABSOLUTE_TIMEOUT"] or now - seen_at > config["SESSION_IDLE_TIMEOUT"]:
        return False
    if now - seen_at >= SEEN_RESOLUTION:
        session[SEEN_AT] = now
    return True
