"""The review round trip: submit, request changes, comment, answer, resubmit, compare, approve, extend."""
from __future__ import annotations

import copy

import pytest

from builder.extensions import db
from builder.models import Application
from tests.helpers import login


@pytest.fixture
def people(make_user):
    return {role: make_user(role) for role in ("applicant", "reviewer", "finance")}


@pytest.fixture
def submitted_app(client, app, people, make_application, hela_doc):
    app_id = make_application(people["applicant"][0], hela_doc)
    login(client, people["applicant"][1], people["applicant"][2])
    response = client.post(f"/applications/{app_id}/actions/submit", data={"comment": "Första versionen",
                                                                         "version": "0"})
    assert response.status_code == 302
    client.post("/logout")
    return app_id


def get(app, app_id) -> Application:
    return db.session.get(Application, app_id)


def as_(client, person):
    client.post("/logout")
    login(client, person[1], person[2])


def test_full_round_trip(client, app, people, submitted_app):
    app_id = submitted_app
    with app.app_context():
        application = get(app, app_id)
        assert application.status == "submitted"
        assert [v.number for v in application.versions] == [1]
        first_fingerprint = application.versions[0].fingerprint
        assert len(first_fingerprint) == 12
    # reviewer comments on a budget line and asks for changes
    as_(client, people["reviewer"])
    assert "Hela Familjen" in client.get("/review").text
    client.post(f"/applications/{app_id}/comments", data={"target": "budget.staff[3]",
                                                          "body": "Motivera projektledarens lön."})
    response = client.post(f"/applications/{app_id}/actions/request_changes", data={"comment": "Se kommentar",
                                                                                  "version": "1"})
    assert response.status_code == 302
    # applicant sees the comment, answers, revises, edits, resubmits
    as_(client, people["applicant"])
    page = client.get(f"/applications/{app_id}").text
    assert "Motivera projektledarens lön." in page and "Personalrad 4" in page
    with app.app_context():
        comment_id = get(app, app_id).comments[0].id
    client.post(f"/applications/{app_id}/comments", data={"parent_id": str(comment_id), "body": "Lönen följer avtal."})
    assert client.post(f"/applications/{app_id}/actions/revise", data={"version": "1"}).status_code == 302
    with app.app_context():
        base = get(app, app_id).lock_version
    assert client.post(f"/applications/{app_id}/steps/timeline",
                       data={"timeline": "Utökningen börjar 1 juni 2017 och pågår två år.",
                             "activities": "Kartläggning.", "save": "1", "base_version": base}).status_code == 303
    assert client.post(f"/applications/{app_id}/actions/submit", data={"version": "1"}).status_code == 302
    # reviewer compares and approves
    as_(client, people["reviewer"])
    compare = client.get(f"/applications/{app_id}/compare?a=1&b=2").text
    assert "<ins>" in compare and "Tidsplan" in compare
    response = client.post(f"/applications/{app_id}/actions/approve", data={
        "decision_date": "2017-05-15", "decision_body": "Förbundsstyrelsen", "approved_total": "4 726 127",
        "version": "2"})
    assert response.status_code == 302
    with app.app_context():
        application = get(app, app_id)
        assert application.status == "approved"
        assert application.approved_total == 4726127
        assert [t.to_status for t in application.transitions] == [
            "submitted", "changes_requested", "draft", "submitted", "approved"]
        assert application.comments[0].version.number == 1  # stays on the version it was made on
        assert application.comments[0].replies[0].body == "Lönen följer avtal."
        assert application.versions[0].fingerprint == first_fingerprint
        assert application.versions[1].fingerprint != first_fingerprint


def test_editing_submitted_application_is_409_and_changes_nothing(client, app, people, submitted_app):
    as_(client, people["applicant"])
    response = client.post(f"/applications/{submitted_app}/steps/timeline", data={"timeline": "ändrat", "save": "1"})
    assert response.status_code == 409
    assert "kan inte redigeras" in response.text
    with app.app_context():
        assert get(app, submitted_app).doc["sections"]["timeline"] != "ändrat"


def test_incomplete_application_cannot_be_submitted(client, app, people, make_application):
    app_id = make_application(people["applicant"][0])
    as_(client, people["applicant"])
    response = client.post(f"/applications/{app_id}/actions/submit", data={"version": "0"})
    assert response.status_code == 302 and response.location.endswith("/steps/review")
    with app.app_context():
        assert get(app, app_id).status == "draft"


def test_wrong_status_is_409(client, app, people, submitted_app):
    as_(client, people["applicant"])
    assert client.post(f"/applications/{submitted_app}/actions/submit").status_code == 409
    as_(client, people["reviewer"])
    assert client.post(f"/applications/{submitted_app}/actions/revise").status_code == 403


def test_applicant_cannot_approve_or_open_comment_threads(client, app, people, submitted_app):
    as_(client, people["applicant"])
    assert client.post(f"/applications/{submitted_app}/actions/approve",
                       data={"decision_date": "2017-05-15", "decision_body": "X", "version": "1"}).status_code == 403
    assert client.post(f"/applications/{submitted_app}/comments",
                       data={"target": "general", "body": "hej"}).status_code == 403


def test_version_json_is_frozen(client, app, people, submitted_app, hela_doc):
    as_(client, people["reviewer"])
    frozen = client.get(f"/applications/{submitted_app}/versions/1/export.json")
    assert frozen.status_code == 200
    from builder.appformat import canonical_json, from_dict, loads

    assert canonical_json(loads(frozen.data)) == canonical_json(from_dict(hela_doc))
    assert client.get(f"/applications/{submitted_app}/versions/9").status_code == 404


def test_extension_takes_approved_budget_as_baseline(client, app, people, make_application, hela_doc):
    original = copy.deepcopy(hela_doc)
    del original["budget"]["baseline"]
    original["kind"] = "new"
    app_id = make_application(people["applicant"][0], original)
    as_(client, people["applicant"])
    client.post(f"/applications/{app_id}/actions/submit", data={"version": "0"})
    as_(client, people["reviewer"])
    client.post(f"/applications/{app_id}/actions/approve", data={
        "decision_date": "2017-05-15", "decision_body": "Förbundsstyrelsen", "approved_total": "4726127",
        "version": "1"})
    as_(client, people["applicant"])
    response = client.post(f"/applications/{app_id}/extension", data={"kind": "extension"})
    assert response.status_code == 302
    new_id = int(response.location.split("/applications/")[1].split("/")[0])
    with app.app_context():
        draft = get(app, new_id)
        assert draft.parent_id == app_id and draft.kind == "extension" and draft.status == "draft"
        baseline = draft.doc["budget"]["baseline"]
        assert baseline["label"] == "Beviljad budget (2017-05-15)"
        assert baseline["rows"][0] == {"label": "Kristianstads kommun",
                                       "yearly": {"2017": "1242640", "2018": "2130240", "2019": "887600"}}
    page = client.get(f"/applications/{new_id}/steps/budget").text.replace("\xa0", " ")
    assert "oförändrad" in page  # nothing changed yet: every delta is 0
    as_(client, people["reviewer"])


def test_budget_check_panel(client, app, people, make_application, hela_doc):
    doc = copy.deepcopy(hela_doc)
    doc["budget"]["staff"][0]["social_fee_rate"] = "0.75"
    doc["budget"]["staff"][1]["party"] = "Okänd AB"
    doc["signatories"] = doc["signatories"][:2]
    app_id = make_application(people["applicant"][0], doc, status="submitted")
    as_(client, people["reviewer"])
    page = client.get(f"/applications/{app_id}").text
    assert "sociala avgifter 75" in page and "utanför det vanliga" in page
    assert "Personalrad 2: parten Okänd AB finns inte bland parterna." in page
    assert "Parten Vårdcentralen Östermalm saknar undertecknare." in page  # the rule of readiness.signatory_gaps


def test_reviewer_list_filters_and_sorts(client, app, people, make_application, hela_doc):
    make_application(people["applicant"][0], {**hela_doc, "title": "Alfa"}, status="submitted")
    make_application(people["applicant"][0], {**hela_doc, "title": "Beta"}, status="approved")
    make_application(people["applicant"][0], {**hela_doc, "title": "Gamma utkast"})
    as_(client, people["reviewer"])
    page = client.get("/review").text
    assert "Alfa" in page and "Beta" in page and "Gamma utkast" not in page  # drafts are private
    assert '<option value="draft"' not in page  # so the status filter offers no "Utkast" that stays empty
    page = client.get("/review?status=approved").text
    assert "Beta" in page and "Alfa" not in page
    page = client.get("/review?sort=title&dir=asc").text
    assert page.index("Alfa") < page.index("Beta")
    page = client.get("/review?sort=title&dir=desc").text
    assert page.index("Beta") < page.index("Alfa")
    assert "1\xa0601\xa0327\xa0kr" in page  # the delta column
    as_(client, people["applicant"])
    assert client.get("/review").status_code == 404


def test_reviewer_list_figures_follow_every_save(client, app, people, make_application, hela_doc):
    """The list remembers figures by the stored text, so a changed budget shows its new total."""
    from builder.applications.service import save_document
    from builder.extensions import db
    from builder.models import Application

    app_id = make_application(people["applicant"][0], {**hela_doc, "title": "Delta"}, status="submitted")
    as_(client, people["reviewer"])
    assert "5\xa0419\xa0167\xa0kr" not in client.get("/review").text  # the total column is the plan's 4 726 127
    assert "4\xa0726\xa0127\xa0kr" in client.get("/review").text
    changed = copy.deepcopy(hela_doc)
    changed["budget"]["other_costs"] = [{"label": "Utbildning", "yearly": {"2018": 1000}}]
    with app.app_context():
        save_document(db.session.get(Application, app_id), changed)
    page = client.get("/review").text
    assert "4\xa0727\xa0127\xa0kr" in page and "1\xa0602\xa0327\xa0kr" in page
    assert "4\xa0726\xa0127\xa0kr" not in page
