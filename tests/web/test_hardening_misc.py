"""Issue 14, small findings: Cache-Control (13); base_version, CSV type, SQLite file mode (14)."""
from __future__ import annotations

import os
import stat

from builder.extensions import db
from builder.models import Application


def test_authenticated_pages_and_exports_are_not_stored(client, login_as, make_application, hela_doc):
    user_id, _email = login_as("applicant")
    app_id = make_application(user_id, hela_doc)
    for path in ("/applications", f"/applications/{app_id}", f"/applications/{app_id}/steps/budget",
                 f"/applications/{app_id}/export.json", f"/applications/{app_id}/export.xlsx",
                 f"/applications/{app_id}/export.docx?draft=1"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
    assert "no-store" not in client.get("/static/app.css").headers.get("Cache-Control", "")


def test_csv_export_is_not_stored_and_has_one_charset(client, login_as):
    login_as("reviewer")
    response = client.get("/review/export.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"


def test_save_without_base_version_is_refused(app, client, login_as, make_application, hela_doc):
    user_id, _email = login_as("applicant")
    app_id = make_application(user_id, hela_doc)
    response = client.post(f"/applications/{app_id}/steps/timeline",
                           data={"timeline": "Skrivs över tyst?", "activities": "A", "save": "1"})
    assert response.status_code == 409
    assert "Skrivs över tyst?" in response.text  # what was typed is offered again
    with app.app_context():
        assert db.session.get(Application, app_id).doc["sections"]["timeline"] == hela_doc["sections"]["timeline"]


def test_sqlite_file_is_private(tmp_path, monkeypatch):
    from tests.helpers import make_app

    monkeypatch.setenv("FINSAM_INSTANCE", str(tmp_path / "instance"))
    path = tmp_path / "finsam.sqlite"
    app = make_app(f"sqlite:///{path}")
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    for suffix in ("-wal", "-shm"):
        if os.path.exists(f"{path}{suffix}"):
            assert stat.S_IMODE(os.stat(f"{path}{suffix}").st_mode) & 0o077 == 0
