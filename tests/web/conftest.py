"""Web-test fixtures beyond tests/conftest.py: a real SMTP server and an app that mails to it."""
from __future__ import annotations

import pytest

from tests.mail_server import start_smtp_server


@pytest.fixture(scope="session")
def smtp_server():
    server, controller = start_smtp_server()
    yield server
    controller.stop()


@pytest.fixture
def mail_app(app_factory, smtp_server):
    """The app with MAIL_SERVER pointing at the test's SMTP server (the received list starts empty)."""
    smtp_server.clear()
    return app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=str(smtp_server.port), MAIL_FROM="FINSAM <noreply@test.se>")


@pytest.fixture
def outbox(smtp_server):
    return smtp_server
