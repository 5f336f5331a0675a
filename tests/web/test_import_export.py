"""JSON import and export: a lossless round trip on both databases; bad files save nothing."""
from __future__ import annotations

import html
import io
import json

from builder.appformat import canonical_json, from_dict, loads
from builder.extensions import db
from builder.models import Application
from tests.helpers import HELA_FAMILJEN


def upload(client, content: bytes, name: str = "ansokan.json"):
    return client.post("/applications/import", data={"file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def count(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Application.id)))


def test_import_then_export_round_trips(client, app, login_as):
    login_as("applicant")
    original = HELA_FAMILJEN.read_bytes()
    response = upload(client, original)
    assert response.status_code == 302
    app_id = int(response.location.rstrip("/").split("/")[-1])
    exported = client.get(f"/applications/{app_id}/export.json")
    assert exported.mimetype == "application/json"
    assert 'filename="Hela-Familjen-utokning-av-forsoksverksamhet.json"' in exported.headers["Content-Disposition"]
    assert canonical_json(loads(exported.data)) == canonical_json(loads(original))
    assert json.loads(exported.data)["budget"] == json.loads(original)["budget"]


def test_import_refuses_bad_file_and_saves_nothing(client, app, login_as, hela_doc):
    login_as("applicant")
    hela_doc["budget"]["staff"][2]["fte"] = "-1"
    hela_doc["sections"]["nonsense"] = "x"
    response = upload(client, json.dumps(hela_doc).encode())
    assert response.status_code == 422
    page = html.unescape(response.text)
    assert ("Budget, personalrad 3, tjänstgöringsgrad (budget.staff[2].fte): måste vara ett tal större än 0 "
            "och högst 10, inte ”-1”") in page
    assert "Avsnitt, nonsense (sections.nonsense): okänd nyckel" in page
    assert "must be" not in page and "unknown key" not in page  # no English for a Swedish user
    assert count(app) == 0


def test_import_errors_in_english_for_an_english_user(client, app, login_as, hela_doc):
    login_as("applicant")
    client.post("/language", data={"language": "en"})
    hela_doc["budget"]["staff"][2]["fte"] = "-1"
    response = upload(client, json.dumps(hela_doc).encode())
    assert response.status_code == 422
    page = html.unescape(response.text)
    assert 'budget.staff[2].fte: must be a number greater than 0 and at most 10, got "-1"' in page
    assert count(app) == 0


def test_import_refuses_non_json_and_binary(client, app, login_as):
    login_as("applicant")
    assert upload(client, b"\xff\xfe\x00garbage").status_code == 422
    assert upload(client, b"{not json").status_code == 422
    assert upload(client, b"").status_code == 422
    assert count(app) == 0


def test_stored_document_round_trips_through_database(app, make_user, make_application, hela_doc):
    owner_id, _e, _p = make_user("applicant")
    app_id = make_application(owner_id, hela_doc)
    with app.app_context():
        stored = db.session.get(Application, app_id).doc
    assert canonical_json(from_dict(stored)) == canonical_json(from_dict(hela_doc))
    assert stored["budget"]["staff"][0]["fte"] == "2.0"  # decimal text kept as written
