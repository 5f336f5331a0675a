"""Helpers shared by the test packages (import them from here, not from a conftest)."""
from __future__ import annotations

import contextlib
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
HELA_FAMILJEN = DATA / "hela-familjen-utokning.json"  # the extension as its application prints it
HELA_FAMILJEN_TEXT = DATA / "hela-familjen-ansokan.txt"  # the application's text, budget part as printed
PASSWORD = "correct horse battery"
# The association every test's staff works for (make_user) and the example application names.
TEST_ASSOCIATION = "Samordningsförbundet Skåne Nordost"
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_reachable() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=2):
            return None
    except Exception as exc:  # any failure means: not available here
        return f"PostgreSQL not reachable at 127.0.0.1:5432 ({type(exc).__name__})"


@contextlib.contextmanager
def fresh_pg_database(prefix: str):
    """A new PostgreSQL database (its URL), dropped afterwards; skips the test when no server answers."""
    reason = postgres_reachable()
    if reason:
        pytest.skip(reason)
    import psycopg

    name = prefix + uuid.uuid4().hex[:10]
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make_app(database_url: str, **overrides):
    from builder import create_app

    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "test-secret",
              "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "SERVER_NAME": None,
              "ARGON2_PARAMS": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}}
    config.update(overrides)
    return create_app(config)


def login(client, email: str, password: str = PASSWORD):
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.text[:500]
    return response
