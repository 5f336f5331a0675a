"""DOCX downloads in the app: the current application, frozen versions, the refusal list and drafts."""
from __future__ import annotations

import copy
import io

import docx

from builder.appformat import fingerprint, from_dict
from tests.helpers import login


def text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    footer = "".join(s.footer._element.xml for s in document.sections)
    return "\n".join(parts).replace("\xa0", " ") + footer


def test_download_current_application(client, login_as, make_application, hela_doc):
    user_id, _ = login_as("applicant")
    app_id = make_application(user_id, hela_doc)
    response = client.get(f"/applications/{app_id}/export.docx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    disposition = response.headers["Content-Disposition"]
    assert 'filename="Ansokan-Hela-Familjen-utokning-av-forsoksverksamhet-' in disposition
    text = text_of(response.data)
    for figure in ("1 242 640", "4 726 127", "ökning med 1 135 680 kr", "1 601 327", "Anna Lindqvist"):
        assert figure in text
    assert fingerprint(from_dict(hela_doc)) in text


def test_incomplete_application_lists_problems_and_offers_draft(client, login_as, make_application, hela_doc):
    doc = copy.deepcopy(hela_doc)
    doc["signatories"] = []
    user_id, _ = login_as("applicant")
    app_id = make_application(user_id, doc)
    response = client.get(f"/applications/{app_id}/export.docx")
    assert response.status_code == 422
    assert "?draft=1" in response.text
    draft = client.get(f"/applications/{app_id}/export.docx?draft=1")
    assert draft.status_code == 200
    assert "UTKAST" in text_of(draft.data) or "UTKAST" in "".join(
        s.header._element.xml for s in docx.Document(io.BytesIO(draft.data)).sections)


def test_invalid_document_is_refused_without_500(client, login_as, make_application):
    user_id, _ = login_as("applicant")
    app_id = make_application(user_id)  # empty draft: no title, no period
    response = client.get(f"/applications/{app_id}/export.docx")
    assert response.status_code == 422
    assert "Projektperiod (period): måste finnas" in response.text


def test_version_docx_matches_version_fingerprint(client, app, make_user, make_application, hela_doc):
    owner = make_user("applicant")
    app_id = make_application(owner[0], hela_doc)
    login(client, owner[1], owner[2])
    client.post(f"/applications/{app_id}/actions/submit", data={"version": "0"})
    from builder.extensions import db
    from builder.models import Application

    with app.app_context():
        version_fingerprint = db.session.get(Application, app_id).versions[0].fingerprint
    response = client.get(f"/applications/{app_id}/versions/1/export.docx")
    assert response.status_code == 200
    assert version_fingerprint in text_of(response.data)
