"""Shared fixtures: the app on SQLite and (when it answers) PostgreSQL, clients, factories."""
from __future__ import annotations

import contextlib
import json
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
HELA_FAMILJEN = SHARED / "examples" / "hela-familjen-utokning.json"
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"


def _postgres_reachable() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=2):
            return None
    except Exception as exc:  # any failure means: not available here
        return f"PostgreSQL not reachable at 127.0.0.1:5432 ({type(exc).__name__})"


@contextlib.contextmanager
def fresh_pg_database(prefix: str):
    """A new PostgreSQL database (its URL), dropped afterwards; skips the test when no server answers."""
    reason = _postgres_reachable()
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


@pytest.fixture(scope="session")
def pg_database_url():
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    with fresh_pg_database("finsam_test_") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    return request.getfixturevalue("pg_database_url")


def make_app(database_url: str, **overrides):
    from builder import create_app

    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "test-secret",
              "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "SERVER_NAME": None,
              "ARGON2_PARAMS": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}}
    config.update(overrides)
    return create_app(config)


@pytest.fixture
def app_factory(database_url, tmp_path, monkeypatch):
    """Build an app on this test's database; tables created fresh, dropped afterwards."""
    from builder.extensions import db

    monkeypatch.setenv("FINSAM_INSTANCE", str(tmp_path / "instance"))
    built = []

    def build(**overrides):
        application = make_app(database_url, **overrides)
        with application.app_context():
            db.drop_all()
            db.create_all()
        built.append(application)
        return application

    yield build
    for application in built:
        with application.app_context():
            db.session.remove()
            db.drop_all()
            db.engine.dispose()


@pytest.fixture
def app(app_factory):
    return app_factory()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(app):
    """Factory: make_user(role="applicant", email=None, password=...) → User (committed)."""
    from builder.auth.service import create_user

    counter = iter(range(1, 10_000))

    def make(role: str = "applicant", email: str | None = None, password: str = "correct horse battery"):
        with app.app_context():
            user = create_user(email or f"{role}{next(counter)}@example.se", password, role, role.title())
            return user.id, user.email, password

    return make


def login(client, email: str, password: str = "correct horse battery"):
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.text[:500]
    return response


@pytest.fixture
def login_as(client, make_user):
    """Factory: log the test client in as a new user of `role`; returns (user_id, email)."""
    def do(role: str = "applicant"):
        user_id, email, password = make_user(role)
        login(client, email, password)
        return user_id, email

    return do


@pytest.fixture
def hela_doc() -> dict:
    return json.loads(HELA_FAMILJEN.read_text(encoding="utf-8"))


@pytest.fixture
def make_application(app):
    """Factory: make_application(owner_id, doc=None, status="draft") → application id."""
    from builder.applications.service import create_application
    from builder.extensions import db
    from builder.models import User

    def make(owner_id: int, doc: dict | None = None, status: str = "draft") -> int:
        with app.app_context():
            application = create_application(db.session.get(User, owner_id), doc)
            application.status = status
            db.session.commit()
            return application.id

    return make
