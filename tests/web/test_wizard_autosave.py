"""Autosave and nothing lost: what was typed is kept exactly, incomplete or not; every POST saves and redirects."""
from __future__ import annotations

import copy
import re

import pytest

from builder.extensions import db
from builder.models import Application
from tests.web.drafts import with_base


def stored(app, app_id: int) -> Application:
    with app.app_context():
        application = db.session.get(Application, app_id)
        db.session.expunge(application)
        return application


def version(app, app_id: int) -> int:
    return stored(app, app_id).lock_version


@pytest.fixture
def hela(client, login_as, make_application, hela_doc):
    user_id, _ = login_as("applicant")
    return make_application(user_id, hela_doc)


def staff_form(doc: dict) -> dict:
    """The budget step's inputs for the stored staff lines, as a browser posts them."""
    data = {"proration": "half_month", "default_social_fee_rate": "40 %"}
    for i, line in enumerate(doc["budget"]["staff"]):
        data.update({f"staff-{i}-party": line["party"], f"staff-{i}-role": line["role"],
                     f"staff-{i}-fte": line["fte"].replace(".", ","),
                     f"staff-{i}-monthly_salary": line["monthly_salary"],
                     f"staff-{i}-social_fee_rate": "", f"staff-{i}-start": line["start"], f"staff-{i}-end": line["end"],
                     f"staff-{i}-raise_month": ""})
    return data


def autosave(client, app_id, step, data, base_version, editor="tab-a"):
    return client.post(f"/applications/{app_id}/steps/{step}/autosave",
                       data={**data, "base_version": str(base_version), "editor": editor})


def test_autosave_answers_with_a_status_fragment_and_the_new_version(client, app, hela):
    before = version(app, hela)
    response = autosave(client, hela, "timeline", {"timeline": "Ny plan", "activities": "Aktiviteter"}, before)
    assert response.status_code == 200
    assert re.search(r"Sparat \d\d:\d\d", response.text)
    assert "<html" not in response.text  # a fragment, not a page
    assert f'name="base_version" value="{before + 1}" id="base-version" hx-swap-oob="true"' in response.text
    assert stored(app, hela).doc["sections"]["timeline"] == "Ny plan"


def test_half_filled_staff_row_is_kept_exactly_as_typed(client, app, hela, hela_doc):
    data = staff_form(hela_doc)
    data.update({"staff-6-party": "Kristianstads kommun", "staff-6-role": "Kurator", "staff-6-fte": "50 %",
                 "staff-6-monthly_salary": "", "staff-6-start": "", "staff-6-end": "", "staff-6-raise_month": ""})
    response = autosave(client, hela, "budget", data, version(app, hela))
    assert response.status_code == 200
    assert "Några fält behöver rättas" in response.text
    application = stored(app, hela)
    assert len(application.doc["budget"]["staff"]) == 6  # the application holds what checks out
    page = client.get(f"/applications/{hela}/steps/budget").text
    assert 'value="Kurator"' in page and 'value="50 %"' in page  # exactly as typed
    assert 'id="staff-6-monthly_salary-error"' in page  # with its message at the field
    assert "behöver rättas" in page
    review = client.get(f"/applications/{hela}/steps/review").text
    assert "Steget Budget har uppgifter som behöver rättas" in review
    assert f'action="/applications/{hela}/actions/submit"' not in review
    client.post(f"/applications/{hela}/actions/submit", data={"comment": "", "version": "0"})
    assert stored(app, hela).status == "draft"  # submission needs a complete application
    refused = client.get(f"/applications/{hela}/export.docx")  # and so does the final document
    assert refused.status_code == 422 and "Steget Budget har uppgifter som behöver rättas" in refused.text
    assert client.get(f"/applications/{hela}/export.docx?draft=1").data[:2] == b"PK"  # a draft is fine
    # completing the row puts it into the application and clears what was kept
    data.update({"staff-6-monthly_salary": "31 000,50", "staff-6-start": "2017-06-01", "staff-6-end": "2019-05-31"})
    assert "Sparat" in autosave(client, hela, "budget", data, version(app, hela)).text
    application = stored(app, hela)
    assert application.doc["budget"]["staff"][6]["fte"] == "0.5"
    assert application.doc["budget"]["staff"][6]["monthly_salary"] == "31000.50"
    assert application.step_input is None
    assert client.get(f"/applications/{hela}/export.docx").data[:2] == b"PK"
    page = client.get(f"/applications/{hela}/steps/budget").text
    assert 'value="31\xa0000,50"' in page and 'value="0,5"' in page  # shown back as typed


@pytest.mark.parametrize("typed,stored_fte", [("0,5", "0.5"), ("50 %", "0.5"), ("50%", "0.5"), ("1,5", "1.5")])
def test_job_share_in_percent_or_decimal(client, app, hela, hela_doc, typed, stored_fte):
    data = staff_form(hela_doc)
    data["staff-1-fte"] = typed
    autosave(client, hela, "budget", data, version(app, hela))
    assert stored(app, hela).doc["budget"]["staff"][1]["fte"] == stored_fte
    page = client.get(f"/applications/{hela}/steps/budget").text
    warned = 'id="staff-1-fte-warning"' in page
    assert warned == (stored_fte == "1.5")  # more than full time is a warning, not an error
    review = client.get(f"/applications/{hela}/steps/review").text
    assert ("har mer än heltid (1,5)" in review) == (stored_fte == "1.5")


def test_other_tab_save_gives_conflict_but_own_autosaves_do_not(client, app, hela):
    opened = version(app, hela)
    first = autosave(client, hela, "timeline", {"timeline": "A1", "activities": "x"}, opened, editor="tab-a")
    assert "Sparat" in first.text
    # the same tab, its page still at the old version (the autosave's answer not applied yet): no conflict
    response = client.post(f"/applications/{hela}/steps/timeline",
                           data={"timeline": "A2", "activities": "x", "base_version": opened, "editor": "tab-a",
                                 "next": "1"})
    assert response.status_code == 303
    assert stored(app, hela).doc["sections"]["timeline"] == "A2"
    # another tab opened before those saves: its autosave says so, its save gets the page with both versions
    other = autosave(client, hela, "timeline", {"timeline": "B", "activities": "x"}, opened, editor="tab-b")
    assert "Någon annan har sparat" in other.text and 'form="step-form"' in other.text
    response = client.post(f"/applications/{hela}/steps/timeline",
                           data={"timeline": "B", "activities": "x", "base_version": opened, "editor": "tab-b",
                                 "save": "1"})
    assert response.status_code == 409
    assert "A2" in response.text and "B" in response.text
    assert stored(app, hela).doc["sections"]["timeline"] == "A2"


@pytest.mark.parametrize("button", [{"save": "1"}, {"next": "1"}, {"back": "1"}, {"goto": "budget"},
                                    {"add": "parties"}, {"remove_row": "parties-1"}, {"language": "en"}])
def test_every_button_saves_first_and_redirects_303(client, app, hela, button):
    data = {"parties-0-name": "Kristianstads kommun", "parties-0-kind": "municipality",
            "parties-0-original": "Kristianstads kommun", "parties-1-name": "Ny part", "parties-1-kind": "other",
            "parties-1-original": "", "process_owner": "Kristianstads kommun", **button}
    response = client.post(f"/applications/{hela}/steps/parties", data=with_base(client, hela, data))
    assert response.status_code == 303
    page = client.get(response.location)
    assert page.status_code == 200
    names = [p["name"] for p in stored(app, hela).doc["parties"]]
    assert names == (["Kristianstads kommun"] if "remove_row" in button else ["Kristianstads kommun", "Ny part"])
    if "language" in button:
        assert response.location.endswith("/steps/parties")
        assert 'lang="en"' in page.text and "Parties" in page.text


def test_added_party_row_survives_a_reload(client, app, hela):
    data = {"parties-0-name": "Kristianstads kommun", "parties-0-kind": "municipality",
            "parties-0-original": "Kristianstads kommun", "process_owner": "Kristianstads kommun", "add": "parties"}
    response = client.post(f"/applications/{hela}/steps/parties", data=with_base(client, hela, data))
    assert "focus=parties-1-name" in response.location
    page = client.get(f"/applications/{hela}/steps/parties").text  # a reload, without the focus
    assert 'name="parties-1-name"' in page


def test_renaming_a_party_renames_it_everywhere(client, app, hela, hela_doc):
    # a budget row typed but not complete yet refers to the party too
    data = staff_form(hela_doc)
    data.update({"staff-6-party": "Kristianstads kommun", "staff-6-role": "Kurator", "staff-6-raise_month": ""})
    autosave(client, hela, "budget", data, version(app, hela))
    parties = {}
    for i, party in enumerate(hela_doc["parties"]):
        new = "Kristianstad kommun (IFO)" if party["name"] == "Kristianstads kommun" else party["name"]
        parties.update({f"parties-{i}-name": new, f"parties-{i}-kind": party["kind"],
                        f"parties-{i}-original": party["name"]})
    response = client.post(f"/applications/{hela}/steps/parties", data=with_base(
        client, hela, {**parties, "process_owner": hela_doc["process_owner"], "next": "1"}))
    assert response.status_code == 303 and response.location.endswith("/steps/background")
    doc = stored(app, hela).doc
    text = repr(doc)
    assert "'Kristianstads kommun'" not in text
    assert doc["process_owner"] == "Kristianstad kommun (IFO)"
    assert any(line["party"] == "Kristianstad kommun (IFO)" for line in doc["budget"]["staff"])
    assert any(r["label"] == "Kristianstad kommun (IFO)" for r in doc["budget"]["baseline"]["rows"])
    assert any(s["party"] == "Kristianstad kommun (IFO)" for s in doc["signatories"])
    page = client.get(f"/applications/{hela}/steps/budget").text
    row = re.search(r'<select[^>]*name="staff-6-party".*?</select>', page, re.S).group(0)
    assert '<option selected value="Kristianstad kommun (IFO)">' in row or \
        'value="Kristianstad kommun (IFO)" selected' in row


def test_process_owner_is_one_of_the_parties(client, app, hela, hela_doc):
    page = client.get(f"/applications/{hela}/steps/parties").text
    assert re.search(r'<select[^>]*name="process_owner"', page)
    parties = {"parties-0-name": "A-kommun", "parties-0-kind": "municipality", "parties-0-original": ""}
    response = client.post(f"/applications/{hela}/steps/parties",
                           data=with_base(client, hela, {**parties, "process_owner": "Någon annan", "save": "1"}))
    page = client.get(response.location).text
    assert "Välj processägaren bland parterna." in page
    assert stored(app, hela).doc["process_owner"] == hela_doc["process_owner"]


def test_new_staff_line_takes_its_partys_default_rate_and_review_warns_at_zero(client, app, login_as,
                                                                                make_application, hela_doc):
    from builder.demo import seed_presets

    with app.app_context():
        seed_presets()
    doc = copy.deepcopy(hela_doc)
    doc["budget"]["default_social_fee_rate"] = "0"
    doc["budget"]["staff"][0]["social_fee_rate"] = "0"
    user_id, _ = login_as("applicant")
    app_id = make_application(user_id, doc)
    review = client.get(f"/applications/{app_id}/steps/review").text
    assert "Personalrad 1 (Socialpedagog/socionom (tillkommande tjänster)) räknas med 0 % sociala avgifter" in review
    assert "Personalrad 2 (Socialpedagog) räknas med 0 % sociala avgifter" in review  # the budget's default is 0
    data = staff_form(doc)
    data["default_social_fee_rate"] = ""
    response = client.post(f"/applications/{app_id}/steps/budget",
                           data=with_base(client, app_id, {**data, "add": "staff"}))
    page = client.get(response.location).text
    new_rate = re.search(r'<input[^>]*name="staff-6-social_fee_rate"[^>]*>', page).group(0)
    # the line above is Vårdcentralen Östermalm, a region: SKR's PO-pålägg for regions
    assert 'value="52,28\xa0%"' in new_rate
    party = re.search(r'<select[^>]*name="staff-6-party".*?</select>', page, re.S).group(0)
    assert re.search(r'<option selected value="Vårdcentralen Östermalm">', party)
    assert "Kristianstads kommun: 44,53\xa0%" in page  # the defaults are listed by party
