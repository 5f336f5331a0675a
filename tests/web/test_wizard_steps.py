"""Every wizard step: valid input is saved, invalid input keeps what was typed with a message at the field."""
from __future__ import annotations

import json

import pytest

from builder.extensions import db
from builder.models import Application
from tests.web.drafts import with_base


def stored(app, app_id: int) -> dict:
    with app.app_context():
        return db.session.get(Application, app_id).doc


@pytest.fixture
def draft(client, login_as, make_application):
    user_id, _ = login_as("applicant")
    return make_application(user_id)


@pytest.fixture
def hela(client, login_as, make_application, hela_doc):
    user_id, _ = login_as("applicant")
    return make_application(user_id, hela_doc)


def post_step(client, app_id, step, data, button="next"):
    return client.post(f"/applications/{app_id}/steps/{step}", data=with_base(client, app_id, {**data, button: "1"}))


def refused(client, app_id, step, data, button="save"):
    """Post input that cannot go into the application: it is kept as typed and the step is shown again (PRG)."""
    response = post_step(client, app_id, step, data, button)
    assert response.status_code == 303
    assert response.location.endswith(f"/applications/{app_id}/steps/{step}")  # not on to the next step
    page = client.get(response.location)
    assert page.status_code == 200
    return page


def test_project_step_saves_and_moves_on(client, app, draft):
    response = post_step(client, draft, "project", {
        "title": "Hela Familjen", "kind": "extension", "association": "Samordningsförbundet Skåne Nordost",
        "period_start": "2017-06-01", "period_end": "2019-05-31"})
    assert response.status_code == 303
    assert response.location.endswith(f"/applications/{draft}/steps/parties")
    doc = stored(app, draft)
    assert doc["title"] == "Hela Familjen"
    assert doc["kind"] == "extension"
    assert doc["period"] == {"start": "2017-06-01", "end": "2019-05-31"}


def test_project_step_refuses_end_before_start_and_keeps_input(client, app, draft):
    response = refused(client, draft, "project", {
        "title": "Mitt projekt", "kind": "new", "period_start": "2019-01-01", "period_end": "2018-01-01"})
    assert "Slutdatum kan inte vara före startdatum." in response.text
    assert 'value="Mitt projekt"' in response.text
    assert 'value="2018-01-01"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert stored(app, draft)["title"] == ""  # nothing saved


def test_next_with_errors_parks_the_input_and_moves_on(client, app, draft):
    response = post_step(client, draft, "project", {"title": "Halvfärdigt", "period_start": "1 juni", "period_end": ""})
    assert response.status_code == 303 and response.location.endswith("/steps/parties")
    moved = client.get(response.location).text
    assert "Rätta de markerade fälten" in moved
    assert "behöver rättas" in moved  # the step indicator marks the project step
    page = client.get(f"/applications/{draft}/steps/project").text
    assert 'value="Halvfärdigt"' in page and 'value="1 juni"' in page
    assert "Skriv datumet som ÅÅÅÅ-MM-DD" in page
    assert stored(app, draft)["title"] == ""  # the application holds only what checks out
    review = client.get(f"/applications/{draft}/steps/review").text
    assert "Steget Projekt har uppgifter som behöver rättas" in review


def test_project_step_refuses_bad_date_text(client, draft):
    response = refused(client, draft, "project", {"title": "X", "period_start": "14 aug", "period_end": ""})
    assert 'value="14 aug"' in response.text
    assert "Skriv datumet som ÅÅÅÅ-MM-DD" in response.text
    assert "Ange ett datum" in response.text


def test_back_and_save_buttons(client, app, hela):
    response = post_step(client, hela, "parties", {
        "parties-0-name": "Kristianstads kommun", "parties-0-kind": "municipality",
        "process_owner": "Kristianstads kommun"}, button="back")
    assert response.location.endswith("/steps/project")
    response = post_step(client, hela, "parties", {
        "parties-0-name": "Kristianstads kommun", "parties-0-kind": "municipality",
        "process_owner": "Kristianstads kommun"}, button="save")
    assert response.location.endswith("/steps/parties")
    assert stored(app, hela)["parties"] == [{"name": "Kristianstads kommun", "kind": "municipality"}]


def test_step_indicator_saves_before_moving(client, app, hela):
    response = client.post(f"/applications/{hela}/steps/timeline", data=with_base(client, hela, {
        "timeline": "Ny tidsplan", "activities": "Aktiviteter", "goto": "budget"}))
    assert response.location.endswith("/steps/budget")
    assert stored(app, hela)["sections"]["timeline"] == "Ny tidsplan"


@pytest.mark.parametrize("step,fields", [
    ("background", {"background": "B", "preparation": "P", "target_group": "T", "child_rights": "C"}),
    ("timeline", {"timeline": "Tid", "activities": "Akt"}),
    ("organisation", {"owner": "O", "steering_group": "S", "follow_up": "F", "implementation": "I", "other": ""}),
])
def test_text_steps_store_sections(client, app, draft, step, fields):
    assert post_step(client, draft, step, fields).status_code == 303
    sections = stored(app, draft)["sections"]
    expected = {("process" if k == "preparation" else k): v for k, v in fields.items() if v}
    assert sections == expected


def test_text_step_refuses_overlong_text(client, app, draft):
    response = refused(client, draft, "timeline", {"timeline": "x" * 100_001, "activities": "ok"})
    assert "x" * 100_001 in response.text  # kept as typed, with its message
    assert "timeline" not in stored(app, draft)["sections"]


def test_goals_step_stores_effects_in_swedish_numbers(client, app, hela):
    response = post_step(client, hela, "goals", {
        "goals": "Mål", "scenarios-0-label": "Undvikna placeringar", "scenarios-0-cost": "",
        "scenarios-0-items-0-label": "HVB", "scenarios-0-items-0-persons": "9",
        "scenarios-0-items-0-cost_per_day": "3 749", "scenarios-0-items-0-days_per_month": "30,5",
        "scenarios-0-items-0-months": "6"})
    assert response.status_code == 303
    effects = stored(app, hela)["effects"]
    assert effects == [{"label": "Undvikna placeringar", "items": [
        {"label": "HVB", "persons": "9", "cost_per_day": "3749", "months": "6", "days_per_month": "30.5"}]}]
    page = client.get(f"/applications/{hela}/steps/goals").text.replace("\xa0", " ")
    assert "6 174 603 kr" in page  # 3 749 × 30,5 × 6 × 9


def test_goals_step_item_needs_numbers(client, hela):
    response = refused(client, hela, "goals", {
        "goals": "Mål", "scenarios-0-label": "S", "scenarios-0-items-0-label": "HVB",
        "scenarios-0-items-0-persons": "nio", "scenarios-0-items-0-cost_per_day": "",
        "scenarios-0-items-0-months": "6"})
    assert "Skriv ett tal" in response.text
    assert "Fyll i det här fältet." in response.text
    assert 'value="nio"' in response.text


def test_risks_step_stores_register(client, app, hela):
    response = post_step(client, hela, "risks", {
        "risks-0-area": "Bemanning", "risks-0-party": "Kristianstads kommun", "risks-0-description": "Rekrytering",
        "risks-0-likelihood": "3", "risks-0-consequence": "4", "risks-0-mitigation": "Tidig annons"})
    assert response.status_code == 303
    assert stored(app, hela)["risks"] == [{"area": "Bemanning", "party": "Kristianstads kommun",
                                           "description": "Rekrytering", "likelihood": "3",
                                           "consequence": "4", "mitigation": "Tidig annons"}]


def test_risks_step_refuses_score_outside_1_to_4(client, app, hela):
    refused(client, hela, "risks", {"risks-0-area": "A", "risks-0-description": "D",
                                    "risks-0-likelihood": "9", "risks-0-consequence": "1"})
    assert len(stored(app, hela)["risks"]) == 2  # unchanged


def test_signatories_step(client, app, hela):
    response = post_step(client, hela, "signatories", {
        "signatories-0-party": "Kristianstads kommun", "signatories-0-name": "Anna Andersson",
        "signatories-0-title": "Förvaltningschef", "signatories-0-organisation": "Kristianstads kommun"})
    assert response.status_code == 303
    assert stored(app, hela)["signatories"] == [{"party": "Kristianstads kommun", "name": "Anna Andersson",
                                                 "title": "Förvaltningschef",
                                                 "organisation": "Kristianstads kommun"}]


def test_unknown_step_is_404(client, hela):
    assert client.get(f"/applications/{hela}/steps/nope").status_code == 404


def test_review_lists_what_is_missing_with_links(client, draft):
    page = client.get(f"/applications/{draft}/steps/review").text
    assert "Projektets namn och period saknas." in page
    assert f'href="/applications/{draft}/steps/project"' in page
    assert "Ingen undertecknare är angiven." in page
    assert f'href="/applications/{draft}/steps/signatories"' in page
    assert "must " not in page and "is required" not in page  # the format's errors in Swedish, too


def test_review_of_complete_application_has_no_problems(client, hela):
    page = client.get(f"/applications/{hela}/steps/review").text
    assert "Inget saknas" in page
    assert "4\xa0726\xa0127" in page


def test_review_step_offers_submit_only_when_complete(client, app, login_as, make_application, hela_doc):
    user_id, _ = login_as("applicant")
    hela, empty = make_application(user_id, hela_doc), make_application(user_id)
    submit_action = f'action="/applications/{hela}/actions/submit"'
    assert submit_action in client.get(f"/applications/{hela}/steps/review").text
    empty_review = client.get(f"/applications/{empty}/steps/review").text
    assert f'action="/applications/{empty}/actions/submit"' not in empty_review
    response = client.post(f"/applications/{hela}/actions/submit", data={"comment": "", "version": "0"})
    assert response.status_code == 302
    with app.app_context():
        from builder.extensions import db
        from builder.models import Application
        assert db.session.get(Application, hela).status == "submitted"
    assert submit_action not in client.get(f"/applications/{hela}/steps/review").text


def test_review_flags_budget_party_not_among_parties(client, app, login_as, make_application, hela_doc):
    hela_doc["budget"]["staff"][0]["party"] = "Okänd part"
    user_id, _ = login_as("applicant")
    app_id = make_application(user_id, hela_doc)
    page = client.get(f"/applications/{app_id}/steps/review").text
    assert "parten Okänd part finns inte bland parterna" in page


def test_json_of_saved_steps_is_valid_format(client, app, hela):
    doc = json.loads(client.get(f"/applications/{hela}/export.json").data)
    from builder.appformat import from_dict

    assert from_dict(doc).title.startswith("Hela Familjen")


def _ticked(client, app_id, step) -> int:
    import re

    page = client.get(f"/applications/{app_id}/steps/{step}").text
    nav = page.split('class="steps"')[1].split("</nav>")[0]
    return len(re.findall(r'<li class="done">', nav))


def test_the_step_indicator_ticks_every_step_readiness_finds_complete(client, hela):
    """The ticks come from builder/readiness.py: every form step of the example but the current one."""
    assert _ticked(client, hela, "budget") == 8  # nine form steps, the current one shown as current
    assert _ticked(client, hela, "review") == 9


def test_the_step_indicator_ticks_nothing_of_an_empty_draft(client, draft):
    assert _ticked(client, draft, "budget") == 0
