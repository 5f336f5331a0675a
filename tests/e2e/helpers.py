"""Helpers for the browser tests: the served app, logging in, screenshots."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import PASSWORD, TEST_ASSOCIATION

SHOTS = Path(__file__).resolve().parents[2] / "instance" / "e2e-shots"
_counter = itertools.count(1)


@dataclass
class Server:
    app: object
    url: str

    def user(self, role: str = "applicant") -> str:
        """A new account of `role`; returns its e-mail (password PASSWORD)."""
        from builder.auth.service import create_user

        email = f"{role}{next(_counter)}@e2e.se"
        with self.app.app_context():
            user = create_user(email, PASSWORD, role, role.title())
            if role != "applicant":  # staff work for the example's association (see conftest's server)
                from builder.associations.service import add_member, ensure_association

                add_member(ensure_association(TEST_ASSOCIATION), user)
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


def new_application(page) -> None:
    """'+ Ny ansökan', choosing the test association: the e2e server is shared, and a test that made an
    association of its own leaves the select with more than one choice for the tests after it."""
    select = page.locator("form.new-application select[name=association]")
    if select.count():
        select.select_option(label=TEST_ASSOCIATION)
    page.get_by_role("button", name="+ Ny ansökan").click()
