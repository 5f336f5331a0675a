"""Shared fixtures: the app on SQLite and (when it answers) PostgreSQL, clients, factories, the example."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from builder.appformat import Application, loads
from tests.helpers import HELA_FAMILJEN, PASSWORD, REPO, TEST_ASSOCIATION, fresh_pg_database, login, make_app

# `slow`: what `scripts/test -m "not slow"` leaves out for a quick run (the full suite runs in CI).
SLOW_PATHS = ("tests/e2e/", "tests/render/", "tests/system/", "tests/web/test_fuzz.py",
              "tests/cli/test_instance_secret.py")


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(items):
    """Browser, render, system and fuzz tests, Hypothesis searches and the PostgreSQL runs of the web
    tests (the quick run takes SQLite) are `slow`; tests that start processes carry the mark themselves."""
    from hypothesis import is_hypothesis_test

    for item in items:
        path = item.path.resolve().relative_to(REPO).as_posix()
        if path.startswith(SLOW_PATHS) or is_hypothesis_test(getattr(item, "obj", None)) \
                or item.get_closest_marker("render") or item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.slow)


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
            from builder.associations.service import ensure_association

            ensure_association(TEST_ASSOCIATION)  # the example's association (tests/data)
            db.session.commit()
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
    """Factory: make_user(role="applicant", email=None, password=..., association=TEST_ASSOCIATION) → User
    (committed). Staff (reviewer, finance, admin) work for `association` (None: for none)."""
    from builder.auth.service import create_user

    counter = iter(range(1, 10_000))

    def make(role: str = "applicant", email: str | None = None, password: str = PASSWORD,
             association: str | None = TEST_ASSOCIATION):
        with app.app_context():
            user = create_user(email or f"{role}{next(counter)}@example.se", password, role, role.title())
            if role != "applicant" and association is not None:
                from builder.associations.service import add_member, ensure_association

                add_member(ensure_association(association), user)
            return user.id, user.email, password

    return make


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


# The Hela Familjen example (tests/data) and the format's documentation, for tests without an app.


@pytest.fixture(scope="session")
def example_path() -> Path:
    """Path of the Hela Familjen extension application (finsam-application JSON)."""
    return HELA_FAMILJEN


@pytest.fixture(scope="session")
def _example_data(example_path) -> dict:
    return json.loads(example_path.read_text(encoding="utf-8"))


@pytest.fixture
def example_dict(_example_data) -> dict:
    """A fresh, mutable copy of the example's JSON object."""
    return copy.deepcopy(_example_data)


@pytest.fixture(scope="session")
def example_app(example_path) -> Application:
    return loads(example_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def spec_example_output() -> dict:
    """The JSON block under "Computed table" in docs/application-format.md."""
    text = (REPO / "docs" / "application-format.md").read_text(encoding="utf-8")
    section = text.split("## Computed table", 1)[1]
    block = re.search(r"```json\n(.*?)```", section, re.S)
    assert block, "no ```json block under 'Computed table' in docs/application-format.md"
    return json.loads(block.group(1))
