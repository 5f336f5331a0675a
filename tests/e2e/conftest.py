"""Browser tests: the real app served on loopback, driven by Playwright with Debian's Chromium.

One server per test session (SQLite in a temporary folder, CSRF on, as in production); every test
makes its own users, so tests do not see each other's applications.
"""
from __future__ import annotations

import itertools
import json
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import HELA_FAMILJEN, make_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=sv-SE"]
PASSWORD = "correct horse battery"
SHOTS = Path(__file__).resolve().parents[2] / "instance" / "e2e-shots"
_counter = itertools.count(1)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is not installed (scripts/test installs it)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "sv-SE", "viewport": {"width": 1280, "height": 900}}


@dataclass
class Server:
    app: object
    url: str

    def user(self, role: str = "applicant") -> str:
        """A new account of `role`; returns its e-mail (password PASSWORD)."""
        from builder.auth.service import create_user

        email = f"{role}{next(_counter)}@e2e.se"
        with self.app.app_context():
            create_user(email, PASSWORD, role, role.title())
        return email

    def application(self, owner_email: str, doc: dict | None = None, status: str = "draft") -> int:
        from builder.applications.service import create_application
        from builder.extensions import db
        from builder.models import User

        with self.app.app_context():
            owner = db.session.execute(db.select(User).filter_by(email=owner_email)).scalar_one()
            application = create_application(owner, doc)
            application.status = status
            db.session.commit()
            return application.id

    def stored(self, app_id: int):
        from builder.extensions import db
        from builder.models import Application

        with self.app.app_context():
            application = db.session.get(Application, app_id)
            return application.status, application.doc


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    from werkzeug.serving import make_server

    from builder.demo import seed_presets
    from builder.extensions import db

    folder = tmp_path_factory.mktemp("e2e")
    app = make_app(f"sqlite:///{folder / 'e2e.sqlite'}", WTF_CSRF_ENABLED=True, TESTING=False)
    with app.app_context():
        db.create_all()
        seed_presets()
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield Server(app, f"http://127.0.0.1:{http.server_port}")
    http.shutdown()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def hela_doc() -> dict:
    return json.loads(HELA_FAMILJEN.read_text(encoding="utf-8"))


def login(page, server: Server, email: str, password: str = PASSWORD) -> None:
    page.goto(server.url + "/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.locator("main").get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/applications")


def logout(page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(lambda url: "/applications" not in url)


def shot(page, name: str) -> None:
    """Keep a screenshot of what the test saw (instance/e2e-shots/, ignored by git)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_server_error(response) -> None:
    assert response is None or response.status < 500, f"{response.status} at {response.url}"
