"""Browser tests: the real app served on loopback, driven by Playwright with Debian's Chromium.

One server per test session (SQLite in a temporary folder, CSRF on, as in production); every test
makes its own users, so tests do not see each other's applications.
"""
from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from tests.helpers import HELA_FAMILJEN, make_app

from .helpers import Server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=sv-SE"]


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
        from builder.associations.service import ensure_association
        from tests.helpers import TEST_ASSOCIATION

        ensure_association(TEST_ASSOCIATION)  # the one association: "Ny ansökan" has it chosen beforehand
        db.session.commit()
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
