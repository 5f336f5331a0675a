"""SQLite: a save that meets another writer's lock waits, runs again, and never shows a 500."""
from __future__ import annotations

import sqlite3
import threading

import pytest

from builder.extensions import db
from builder.models import Application
from tests.helpers import login


@pytest.fixture
def locked_setup(tmp_path, monkeypatch, hela_doc):
    """An app with a short busy timeout, a logged-in owner, a draft, and a way to hold the write lock."""
    from builder.applications.service import create_application
    from builder.auth.service import create_user
    from tests.helpers import make_app

    monkeypatch.setenv("FINSAM_INSTANCE", str(tmp_path / "instance"))
    path = tmp_path / "locked.sqlite"
    app = make_app(f"sqlite:///{path}", SQLITE_BUSY_TIMEOUT=0.05)
    with app.app_context():
        db.create_all()
        owner = create_user("owner@example.se", "correct horse battery", "applicant", "Owner")
        app_id = create_application(owner, hela_doc).id
        version = db.session.get(Application, app_id).lock_version
    client = app.test_client()
    login(client, "owner@example.se")

    def hold_lock(seconds: float | None):
        """Another writer takes the write lock now and lets go after `seconds` (None: at teardown)."""
        other = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        if seconds is not None:
            threading.Timer(seconds, other.execute, ("COMMIT",)).start()
        return other

    yield app, client, app_id, version, hold_lock
    with app.app_context():
        db.engine.dispose()


def save_timeline(client, app_id, version, text):
    return client.post(f"/applications/{app_id}/steps/timeline",
                       data={"base_version": version, "timeline": text, "activities": "", "save": "1"})


def stored_timeline(app, app_id):
    with app.app_context():
        return db.session.get(Application, app_id).doc["sections"].get("timeline")


def test_save_waits_out_a_lock_longer_than_the_busy_timeout(locked_setup):
    app, client, app_id, version, hold_lock = locked_setup
    hold_lock(0.15)  # three busy timeouts' worth: the first attempt gives up, a later one gets through
    response = save_timeline(client, app_id, version, "Sparad trots låset")
    assert response.status_code == 303, response.text[:300]
    assert stored_timeline(app, app_id) == "Sparad trots låset"


def test_a_lock_that_never_ends_gives_503_and_keeps_the_saved_draft(locked_setup):
    app, client, app_id, version, hold_lock = locked_setup
    before = stored_timeline(app, app_id)
    other = hold_lock(None)
    try:
        response = save_timeline(client, app_id, version, "Kommer inte fram")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert response.status_code == 503
    assert "Databasen är upptagen just nu" in response.text
    assert "Traceback" not in response.text and "locked" not in response.text
    assert stored_timeline(app, app_id) == before


@pytest.mark.parametrize("value", ["soon", "-1", "nan"])
def test_a_bad_busy_timeout_is_refused_with_one_line(tmp_path, monkeypatch, value):
    from builder.config import ConfigError
    from tests.helpers import make_app

    monkeypatch.setenv("FINSAM_INSTANCE", str(tmp_path / "instance"))
    with pytest.raises(ConfigError, match="SQLITE_BUSY_TIMEOUT"):
        make_app(f"sqlite:///{tmp_path / 'x.sqlite'}", SQLITE_BUSY_TIMEOUT=value)


def test_an_upload_is_not_run_twice_on_a_lock(locked_setup, hela_doc):
    """The first attempt read the file to its end: a second one would call a good file empty."""
    import io
    import json

    app, client, _app_id, _version, hold_lock = locked_setup
    hold_lock(0.15)
    response = client.post("/applications/import", data={
        "file": (io.BytesIO(json.dumps(hela_doc).encode()), "hela.json")}, content_type="multipart/form-data")
    assert response.status_code == 503
    assert "Databasen är upptagen just nu" in response.text and "inte giltig JSON" not in response.text

