"""SQLite with concurrent writers: a request that still meets "database is locked" runs again.

WAL and the busy timeout make writers wait for each other; should a writer still give up (a very
long transaction elsewhere, a backup holding the lock), the request is rolled back and dispatched
again after a short pause, at most ATTEMPTS times in all. A request that has already committed
something, or that carries an uploaded file, is never run twice: it gets the 503 page instead, as
does the last failed attempt. Either
way nothing is half-saved (each save is one transaction) and no "database is locked" 500 is shown.
"""
from __future__ import annotations

import time

from flask import Flask, g, has_app_context, request, session
from flask_babel import gettext as _
from flask_sqlalchemy.session import Session
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import ServiceUnavailable

ATTEMPTS = 3
PAUSES = (0.05, 0.2)  # seconds before the second and the third attempt


def is_locked(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and "locked" in str(getattr(error, "orig", error)).lower()


def register_sqlite_retry(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    from builder.extensions import db

    dispatch_once = app.dispatch_request

    def dispatch_request():
        flashes = list(session.get("_flashes", []))
        for attempt in range(1, ATTEMPTS + 1):
            g.committed_in_request = False
            try:
                return dispatch_once()
            except OperationalError as error:
                if not is_locked(error):
                    raise
                db.session.rollback()
                app.logger.warning("SQLite busy (attempt %d of %d): %s", attempt, ATTEMPTS, error.orig)
                # An uploaded file was read to its end by the first attempt: run nothing twice on it.
                if g.committed_in_request or request.files or attempt == ATTEMPTS:
                    raise ServiceUnavailable(_("Databasen är upptagen just nu. Det som redan var sparat finns "
                                               "kvar; gå tillbaka och spara igen om en stund.")) from None
                if flashes or "_flashes" in session:
                    session["_flashes"] = list(flashes)  # messages of the failed attempt are not shown
                time.sleep(PAUSES[attempt - 1])
        raise AssertionError("unreachable")

    app.dispatch_request = dispatch_request  # type: ignore[method-assign]  # wraps Flask's own


@event.listens_for(Session, "after_commit")
def _remember_commit(_session) -> None:
    if has_app_context():
        g.committed_in_request = True
