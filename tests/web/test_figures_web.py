"""Issue 13 on the pages: every staff-line figure is the engine's, formatted in one place (half-up),
the same as in the DOCX, the XLSX and the CLI; the reviewer's panel formats rates and amounts."""
from __future__ import annotations

import copy
import io
import json
from datetime import UTC
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from builder.appformat import from_dict
from builder.budget import compute_budget
from builder.budget_text import render_lines
from builder.extensions import db
from builder.models import Application
from tests.helpers import login
from tests.unit.xlsx_eval import evaluate
from tests.web.drafts import with_base

NBSP = "\u00a0"


@pytest.fixture
def half_krona_doc(hela_doc) -> dict:
    """One line of 25 003 kr × 1,5 × 0,5 = 18 752,25 kr/mån (full time 37 504,50), raised 3 % in April."""
    doc = copy.deepcopy(hela_doc)
    doc["budget"]["staff"] = [{"party": "Kristianstads kommun", "role": "Socialpedagog", "fte": "0.5",
                               "monthly_salary": "25003", "social_fee_rate": "0.5", "start": "2017-08-14",
                               "end": "2019-05-31", "annual_raise": {"rate": "0.03", "month": 4}}]
    return doc


def plain(text: str) -> str:
    return text.replace(NBSP, " ").replace("&nbsp;", " ")


def test_page_shows_the_engines_exact_figures(client, app, login_as, make_application, half_krona_doc):
    user_id, _ = login_as("applicant")
    app_id = make_application(user_id, half_krona_doc)
    page = plain(client.get(f"/applications/{app_id}").text)
    detail = compute_budget(from_dict(half_krona_doc).budget).lines[0]
    assert "37 504,50 kr" in page and "18 752,25 kr" in page  # not Babel's half-even 37 504
    assert "från 1 april 2018: 19 314,82 kr/mån" in page
    assert "4,5 mån" in page
    for amount in detail.cells.values():
        assert f"{amount:,}".replace(",", " ") in page
    # The CLI prints the same figures.
    lines = render_lines(compute_budget(from_dict(half_krona_doc).budget))
    assert "18 752,25 kr/mån för raden" in lines and "från 1 april 2018: 19 314,82 kr/mån" in lines


def test_xlsx_download_has_live_costs_and_a_cover(client, app, login_as, make_application, half_krona_doc):
    user_id, _ = login_as("applicant")
    app_id = make_application(user_id, half_krona_doc)
    response = client.get(f"/applications/{app_id}/export.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames[0] == "Försättsblad"
    assert workbook["Försättsblad"]["B5"].value == "Utkast"
    detail = compute_budget(from_dict(half_krona_doc).budget).lines[0]
    staff = workbook["Personal"]
    assert staff["K5"].value == "=J5*C5" and evaluate(workbook, "Personal", "K5") * 4 == 75009
    costs = [evaluate(workbook, "Personal", f"{c}5") for c in ("N", "Q", "T")]
    assert costs == list(detail.cells.values())


def test_reviewer_panel_formats_rates_and_amounts(client, app, make_user, make_application, hela_doc):
    applicant, reviewer = make_user("applicant"), make_user("reviewer")
    parent_id = make_application(applicant[0], hela_doc, status="approved")
    doc = copy.deepcopy(hela_doc)
    doc["budget"]["staff"][0]["social_fee_rate"] = "0.6153"
    app_id = make_application(applicant[0], doc, status="submitted")
    with app.app_context():
        db.session.get(Application, parent_id).approved_total = 3800000
        db.session.get(Application, app_id).parent_id = parent_id
        db.session.commit()
    login(client, reviewer[1], reviewer[2])
    page = plain(client.get(f"/applications/{app_id}").text)
    assert "sociala avgifter 61,53 % ligger utanför" in page and "61.5300" not in page
    assert "Jämförelsebudgetens total 3 817 840 kr skiljer sig från det beviljade beloppet 3 800 000 kr." in page


def test_docx_footer_names_the_version_and_its_date(client, app, make_user, make_application, hela_doc):
    from tests.unit.docx_factories import open_docx

    applicant = make_user("applicant")
    app_id = make_application(applicant[0], hela_doc)
    login(client, applicant[1], applicant[2])
    draft = open_docx(client.get(f"/applications/{app_id}/export.docx").data)
    assert draft.sections[0].footer.paragraphs[1].text.startswith("Utkast · Kontrollsumma: ")
    response = client.post(f"/applications/{app_id}/actions/submit", data={"comment": "", "version": "0"})
    assert response.status_code == 302
    with app.app_context():
        created = db.session.get(Application, app_id).versions[-1].created_at
    day = created.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Stockholm")).date()
    submitted = open_docx(client.get(f"/applications/{app_id}/export.docx").data)
    assert submitted.sections[0].footer.paragraphs[1].text.startswith(
        f"Version 1, inskickad {day.isoformat()} · Kontrollsumma: ")
    frozen = open_docx(client.get(f"/applications/{app_id}/versions/1/export.docx").data)
    assert frozen.sections[0].footer.paragraphs[1].text.startswith(f"Version 1, inskickad {day.isoformat()} · ")


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidi_controls_are_removed_from_posted_text(client, app, login_as, make_application):
    user_id, _ = login_as("applicant")
    app_id = make_application(user_id)
    with app.app_context():  # the association chosen by its name (a script may post the name, not the id)
        from builder.associations.service import ensure_association

        ensure_association("Förbundet")
        db.session.commit()
    response = client.post(f"/applications/{app_id}/steps/project", data=with_base(client, app_id, {
        "title": f"Hela {BIDI}Familjen", "kind": "new", "association": "Förbundet\u202e",
        "period_start": "2017-06-01", "period_end": "2019-05-31", "next": "1"}))
    assert response.status_code == 303  # saved, then redirected (POST-redirect-GET)
    with app.app_context():
        doc = db.session.get(Application, app_id).doc
    assert (doc["title"], doc["association"]) == ("Hela Familjen", "Förbundet")


def test_bidi_controls_are_removed_from_imported_json(client, app, login_as, hela_doc):
    login_as("applicant")
    data = {**hela_doc, "title": "Hela \u202eFamiljen\u2069"}
    response = client.post("/applications/import", data={
        "file": (io.BytesIO(json.dumps(data, ensure_ascii=False).encode()), "app.json")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    with app.app_context():
        titles = [a.title for a in db.session.query(Application).all()]
    assert titles == ["Hela Familjen"]
