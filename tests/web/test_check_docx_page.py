"""The check-docx page: upload a Word application, see wrong cells highlighted, make a draft from a table."""
from __future__ import annotations

import io
import json

from builder.extensions import db
from builder.models import Application
from tests.unit.checkdocx_docs import BUDGET, docx_bytes, hela_familjen_docx


def upload(client, data: bytes, name="ansokan.docx"):
    return client.post("/check-docx", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def test_finds_the_typo_and_highlights_the_cell(client, login_as):
    login_as("reviewer")
    response = upload(client, hela_familjen_docx())
    assert response.status_code == 200
    page = response.text.replace("\xa0", " ")
    assert page.count('class="num wrong"') == 1
    assert "780 200" in page and "781 200" in page
    assert "Tabell 1 – avvikelser: 1" in page


def test_corrupt_file_gets_a_message_not_a_500(client, login_as):
    login_as("reviewer")
    response = upload(client, b"PK\x03\x04 not really a zip")
    assert response.status_code == 422
    assert "Filen kunde inte läsas" in response.text


def test_table_becomes_draft_baseline(client, app, login_as):
    login_as("applicant")
    page = upload(client, hela_familjen_docx()).text
    import html
    import re

    baseline = html.unescape(re.search(r'name="baseline" value="([^"]*)"', page).group(1))
    response = client.post("/check-docx/draft", data={"baseline": baseline, "title": "Från Word"})
    assert response.status_code == 302
    with app.app_context():
        application = db.session.scalars(db.select(Application)).one()
        doc = application.doc
    assert doc["kind"] == "extension" and doc["title"] == "Från Word"
    rows = {r["label"]: r["yearly"] for r in doc["budget"]["baseline"]["rows"]}
    assert rows["Kristianstads kommun"]["2018"] == "781200"  # the corrected figure
    assert json.loads(baseline)["rows"][0]["label"] == "Kristianstads kommun"


def test_reviewer_cannot_make_drafts(client, login_as):
    login_as("reviewer")
    assert client.post("/check-docx/draft", data={"baseline": "{}"}).status_code == 403


def test_uploads_are_rate_limited_per_user(app_factory):
    from tests.helpers import login

    app = app_factory(RATELIMIT_ENABLED=True, CHECKDOCX_RATE_LIMIT="2 per minute")
    from builder.auth.service import create_user

    with app.app_context():
        for email in ("a@example.se", "b@example.se"):
            create_user(email, "correct horse battery", "reviewer")
    first, second = app.test_client(), app.test_client()
    login(first, "a@example.se")
    login(second, "b@example.se")
    assert [upload(first, b"not a docx").status_code for _ in range(3)] == [422, 422, 429]
    assert "För många försök" in upload(first, b"not a docx").text
    assert upload(second, b"not a docx").status_code == 422  # another user is not held back
    assert first.get("/check-docx").status_code == 200  # only uploads are counted


def test_a_check_past_its_cpu_limit_gives_a_message_not_a_stuck_worker(client, login_as, monkeypatch):
    from builder.checkdocx import isolated
    from builder.checkdocx_web import routes as checkdocx_routes
    from tests.unit.test_checkdocx_isolated import spin_forever

    def slow(data, cpu_seconds):
        assert cpu_seconds == 3  # the configured limit reaches the child
        return isolated.check_docx_isolated(data, cpu_seconds=1, check=f"{spin_forever.__module__}:spin_forever")

    monkeypatch.setattr(checkdocx_routes, "check_docx_isolated", slow)
    login_as("reviewer")
    response = upload(client, docx_bytes(BUDGET))
    assert response.status_code == 422
    assert "tog för lång tid och avbröts" in response.text


def test_a_change_column_is_shown_with_its_wrong_cell_marked(client, login_as):
    rows = [["", "2025", "2026", "Skillnad"], ["Kommunen", "240 000", "480 000", "+240 000"],
            ["Regionen", "300 000", "198 000", "\u2212100 000"], ["Totalt", "540 000", "678 000", "+138 000"]]
    login_as("reviewer")
    page = upload(client, docx_bytes(rows)).text.replace("\xa0", " ")
    assert '<th scope="col" class="num">Skillnad</th>' in page
    assert page.count('class="num wrong"') == 1 and "+240 000" in page
    assert ("Regionen, Skillnad: förändringen står -100 000 kr men det andra året minus det första ger "
            "-102 000 kr") in page
