"""Security headers on every response, and SQLite settings for concurrent writers."""
from __future__ import annotations

import os

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'self'; "
    "frame-ancestors 'none'; object-src 'none'"
)


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config.get("PRODUCTION"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if _authenticated():  # a page or export for one person: never kept by a browser or proxy cache
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
        return response


def _authenticated() -> bool:
    """A logged-in user's request for anything but a static file (CSS and scripts may be cached)."""
    from flask import request
    from flask_login import current_user

    return request.endpoint != "static" and bool(getattr(current_user, "is_authenticated", False))


def create_private_sqlite_file(url: str) -> None:
    """Create the SQLite database file readable by its owner only (0600), before SQLite creates it 0644.

    SQLite gives its -wal and -shm files the database file's permissions, so they are private too.
    """
    from sqlalchemy.engine import make_url

    if not url.startswith("sqlite"):
        return
    path = make_url(url).database
    if not path or path == ":memory:" or path.startswith("file:") or os.path.exists(path):
        return
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def sqlite_engine_options(url: str, busy_timeout: float = 30) -> dict:
    """Connection options so writers wait for each other instead of failing with "database is locked".

    For SQLite, `timeout` is the busy timeout: how long a writer waits for another writer's lock
    (builder.web.sqlite_retry runs the request again if even that was not enough).
    """
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": busy_timeout}}
    # PostgreSQL: no JIT compilation. The lists' counts over a national service's applications cost enough
    # for the planner to compile them, which takes 25–40 ms for a query that runs in 50 (bench/scale.py).
    return {"pool_pre_ping": True, "connect_args": {"options": "-c jit=off"}}


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """WAL lets readers and one writer work at once (the busy timeout is the connection's `timeout`)."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        # SQLite's own lower() folds only ASCII: the lists' searches need "Ö" to find "ö" (builder/sqltext.py)
        dbapi_connection.create_function("unicode_lower", 1, _unicode_lower, deterministic=True)


def _unicode_lower(text):
    return text.lower() if isinstance(text, str) else text
