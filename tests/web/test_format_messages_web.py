"""The format's errors reach the wizard at the right field and the review step in the user's language."""
from __future__ import annotations

import copy
import html
import re

import pytest

from builder.extensions import db
from builder.models import Application
from tests.web.drafts import with_base
from tests.web.fuzz_support import form_of_step


@pytest.fixture
def owned(client, login_as, make_application, hela_doc):
    user_id, _ = login_as("applicant")
    return make_application(user_id, hela_doc)


def stored(app, app_id):
    with app.app_context():
        return db.session.get(Application, app_id).doc


def field_error(page: str, field_id: str) -> str | None:
    match = re.search(rf'id="{re.escape(field_id)}-error">(?:<span[^>]*>[^<]*</span>)?\s*([^<]*)</p>', page)
    return html.unescape(match.group(1)).strip() if match else None


def _duplicate_after_a_blank_row(app, app_id) -> dict:
    """Baseline row 1 left blank and row 2 named like row 0: the loader names the document's row 1, which
    is the form's row 2 (blank rows are dropped on save)."""
    data = form_of_step(app, "budget", stored(app, app_id))
    amounts = [key for key in data if key.startswith("baseline_rows-1-amounts-")]
    for key in ["baseline_rows-1-label", *amounts]:
        data[key] = ""
    data["baseline_rows-2-label"] = data["baseline_rows-0-label"]
    return {**data, "save": "1"}


def test_a_loader_error_is_shown_in_swedish_at_the_form_row_it_belongs_to(client, app, owned):
    before = stored(app, owned)
    data = with_base(client, owned, _duplicate_after_a_blank_row(app, owned))
    response = client.post(f"/applications/{owned}/steps/budget", data=data)
    assert response.status_code == 303  # kept as typed: the step shows it with its message
    response = client.get(f"/applications/{owned}/steps/budget")
    assert field_error(response.text, "baseline_rows-2-label") == "Varje rad behöver en egen benämning."
    assert field_error(response.text, "baseline_rows-1-label") is None
    assert stored(app, owned) == before


def test_the_same_error_in_english_for_an_english_user(client, app, owned):
    client.post("/language", data={"language": "en"})
    data = with_base(client, owned, _duplicate_after_a_blank_row(app, owned))
    response = client.post(f"/applications/{owned}/steps/budget", data=data)
    assert response.status_code == 303  # kept as typed: the step shows it with its message
    response = client.get(f"/applications/{owned}/steps/budget")
    assert field_error(response.text, "baseline_rows-2-label") == "Each row needs a name of its own."


def test_the_review_step_lists_format_errors_in_swedish_with_a_link_to_their_step(client, login_as,
                                                                                 make_application, hela_doc):
    user_id, _ = login_as("applicant")
    doc = copy.deepcopy(hela_doc)
    doc["budget"]["staff"][0]["start"] = "2017-01-01"  # before the period: saved by an older version, say
    app_id = make_application(user_id, doc)
    page = html.unescape(client.get(f"/applications/{app_id}/steps/review").text)
    expected = ("Budget, personalrad 1, startdatum (budget.staff[0].start): måste ligga inom perioden "
                "2017-06-01 – 2019-05-31, inte 2017-01-01")
    assert f'<a href="/applications/{app_id}/steps/budget">{expected}</a>' in page
    assert "must be" not in page


def test_the_review_step_in_english(client, login_as, make_application, hela_doc):
    user_id, _ = login_as("applicant")
    client.post("/language", data={"language": "en"})
    doc = copy.deepcopy(hela_doc)
    doc["budget"]["staff"][0]["start"] = "2017-01-01"
    doc["signatories"] = doc["signatories"][:2]
    app_id = make_application(user_id, doc)
    page = html.unescape(client.get(f"/applications/{app_id}/steps/review").text)
    assert ("budget.staff[0].start: must be inside the period 2017-06-01 – 2019-05-31, got 2017-01-01") in page
    assert "The party Vårdcentralen Östermalm has no signatory." in page


def test_the_reviewer_panel_and_the_docx_refusal_use_the_same_signatory_rule(client, app, login_as,
                                                                            make_application, hela_doc):
    """"Every party has a signatory" is written once (builder/readiness.py): the review step, the DOCX
    refusal page and the step indicator agree."""
    user_id, _ = login_as("applicant")
    doc = copy.deepcopy(hela_doc)
    doc["signatories"] = doc["signatories"][:2]
    app_id = make_application(user_id, doc)
    sentence = "Parten Vårdcentralen Östermalm saknar undertecknare."
    assert sentence in html.unescape(client.get(f"/applications/{app_id}/steps/review").text)
    refused = client.get(f"/applications/{app_id}/export.docx")
    assert refused.status_code == 422 and sentence in html.unescape(refused.text)


def test_the_web_page_says_the_budget_change_with_the_one_sentence(client, owned):
    page = client.get(f"/applications/{owned}").text
    assert ("Budgeten ökar med 1\xa0601\xa0327\xa0kr jämfört med Ursprunglig budget (3\xa0817\xa0840\xa0kr). "
            "Reviderad total budget: 5\xa0419\xa0167\xa0kr.") in html.unescape(page)
    # the rows carried over: the one sentence of builder/budget_text.py, as in the DOCX and the terminal
    assert ("Oförändrat från Ursprunglig budget: Näsby vårdcentral (383\xa0040\xa0kr), Workshops + "
            "kompetensutveckling (60\xa0000\xa0kr) och Utvärdering (250\xa0000\xa0kr).") in html.unescape(page)
