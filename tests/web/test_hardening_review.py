"""Issue 14, review: separation of duties (5), decisions tied to a version (6), what staff see and quotas (8),
simultaneous actions (10), read-only finance (11), a bounded version comparison (2)."""
from __future__ import annotations

import copy
import csv
import io
import time

import pytest

from builder.extensions import db
from builder.models import Application, Collaborator, User
from tests.helpers import TEST_ASSOCIATION, login

DECISION = {"decision_date": "2017-05-15", "decision_body": "Förbundsstyrelsen"}


@pytest.fixture
def people(make_user):
    return {role: make_user(role) for role in ("applicant", "reviewer", "finance", "admin")}


def as_(app, person):
    client = app.test_client()
    login(client, person[1], person[2])
    return client


def submit(app, app_id, person, doc=None):
    """Submit through the workflow service (freezes the next version), as `person`."""
    from builder.review.service import apply_transition

    with app.app_context():
        application = db.session.get(Application, app_id)
        if doc is not None:
            application.set_doc(doc)
        if application.status != "draft":
            application.status = "draft"
        apply_transition(application, "submit", db.session.get(User, person[0]))
        return application.versions[-1].number


def status(app, app_id):
    with app.app_context():
        return db.session.get(Application, app_id).status


# 5. Separation of duties -------------------------------------------------------------------------------------------

def test_admin_cannot_approve_their_own_application(app, people, make_application, hela_doc):
    admin = as_(app, people["admin"])
    app_id = make_application(people["admin"][0], hela_doc)
    assert admin.post(f"/applications/{app_id}/actions/submit", data={"version": "0"}).status_code == 302
    page = admin.get(f"/applications/{app_id}").text
    assert "Registrera beslut" not in page  # no decision form offered
    response = admin.post(f"/applications/{app_id}/actions/approve",
                          data={**DECISION, "approved_total": "99 999 999", "version": "1"})
    assert response.status_code == 403
    assert status(app, app_id) == "submitted"


def test_reviewer_who_is_a_co_applicant_cannot_decide(app, people, make_application, hela_doc):
    app_id = make_application(people["applicant"][0], hela_doc)
    with app.app_context():
        db.session.add(Collaborator(application_id=app_id, user_id=people["reviewer"][0]))
        db.session.commit()
    reviewer = as_(app, people["reviewer"])
    assert reviewer.post(f"/applications/{app_id}/actions/submit", data={"version": "0"}).status_code == 302
    for action in ("approve", "reject", "request_changes"):
        response = reviewer.post(f"/applications/{app_id}/actions/{action}", data={**DECISION, "version": "1"})
        assert response.status_code == 403, action
    # removed from the application afterwards, the reviewer is still its submitter
    with app.app_context():
        db.session.execute(db.delete(Collaborator).where(Collaborator.user_id == people["reviewer"][0]))
        db.session.commit()
    assert reviewer.post(f"/applications/{app_id}/actions/approve",
                         data={**DECISION, "version": "1"}).status_code in (403, 404)
    assert status(app, app_id) == "submitted"
    # another reviewer may decide
    other = as_(app, people["admin"])
    assert other.post(f"/applications/{app_id}/actions/approve", data={**DECISION, "version": "1"}).status_code == 302


# 6. A decision is about the version that was read ------------------------------------------------------------------

def test_decision_on_an_older_version_is_refused(app, people, make_application, hela_doc):
    app_id = make_application(people["applicant"][0], hela_doc)
    submit(app, app_id, people["applicant"])
    reviewer = as_(app, people["reviewer"])
    page = reviewer.get(f"/applications/{app_id}").text
    assert 'name="version" type="hidden" value="1"' in page
    changed = copy.deepcopy(hela_doc)
    changed["sections"]["timeline"] = "En helt annan tidsplan."
    submit(app, app_id, people["applicant"], changed)  # resubmitted while the reviewer read version 1
    response = reviewer.post(f"/applications/{app_id}/actions/approve", data={**DECISION, "version": "1"})
    assert response.status_code == 409
    assert "version 2" in response.text
    assert status(app, app_id) == "submitted"
    assert reviewer.post(f"/applications/{app_id}/actions/approve", data=DECISION).status_code == 409  # no version
    assert reviewer.post(f"/applications/{app_id}/actions/approve",
                         data={**DECISION, "version": "2"}).status_code == 302
    assert status(app, app_id) == "approved"
    with app.app_context():
        assert db.session.get(Application, app_id).transitions[-1].version_number == 2  # what was approved


def test_transition_forms_carry_the_version(app, people, make_application, hela_doc):
    app_id = make_application(people["applicant"][0], hela_doc)
    owner = as_(app, people["applicant"])
    assert 'name="version" type="hidden" value="0"' in owner.get(f"/applications/{app_id}/steps/review").text
    assert owner.post(f"/applications/{app_id}/actions/submit", data={"version": "1"}).status_code == 409
    assert owner.post(f"/applications/{app_id}/actions/submit", data={"version": "0"}).status_code == 302
    assert 'name="version" type="hidden" value="1"' in owner.get(f"/applications/{app_id}/withdraw").text


def test_approved_amount_other_than_the_total_is_warned(app, people, make_application, hela_doc):
    app_id = make_application(people["applicant"][0], hela_doc)
    submit(app, app_id, people["applicant"])
    reviewer = as_(app, people["reviewer"])
    page = reviewer.get(f"/applications/{app_id}").text
    assert "Version 1 har totalen" in page
    response = reviewer.post(f"/applications/{app_id}/actions/approve",
                             data={**DECISION, "approved_total": "99 999 999", "version": "1"}, follow_redirects=True)
    assert "avviker från versionens total" in response.text and "99\xa0999\xa0999\xa0kr" in response.text


# 10. Simultaneous actions -------------------------------------------------------------------------------------------

def _bump_concurrently(app, app_id):
    """Another request commits a change to the application (a separate connection)."""
    with db.engine.begin() as connection:
        connection.execute(db.text("UPDATE applications SET lock_version = lock_version + 1 WHERE id = :id"),
                           {"id": app_id})


def test_simultaneous_decision_is_409_not_500(app, people, make_application, hela_doc, monkeypatch):
    from builder.review import service

    app_id = make_application(people["applicant"][0], hela_doc)
    submit(app, app_id, people["applicant"])
    original = service.decision_from_form

    def racing(form):
        _bump_concurrently(app, app_id)
        return original(form)

    monkeypatch.setattr(service, "decision_from_form", racing)
    reviewer = as_(app, people["reviewer"])
    response = reviewer.post(f"/applications/{app_id}/actions/approve", data={**DECISION, "version": "1"})
    assert response.status_code == 409
    assert "samma ögonblick" in response.text
    assert status(app, app_id) == "submitted"


def test_simultaneous_submit_is_409_not_500(app, people, make_application, hela_doc, monkeypatch):
    from builder.review import routes

    app_id = make_application(people["applicant"][0], hela_doc)
    original = routes.review_problems

    def racing(doc):
        _bump_concurrently(app, app_id)
        return original(doc)

    monkeypatch.setattr(routes, "review_problems", racing)
    owner = as_(app, people["applicant"])
    response = owner.post(f"/applications/{app_id}/actions/submit", data={"version": "0"})
    assert response.status_code == 409
    with app.app_context():
        application = db.session.get(Application, app_id)
        assert application.status == "draft" and application.versions == []


# 11. Finance reads only ---------------------------------------------------------------------------------------------

def test_finance_cannot_comment_or_reply(app, people, make_application, hela_doc):
    app_id = make_application(people["applicant"][0], hela_doc)
    submit(app, app_id, people["applicant"])
    reviewer = as_(app, people["reviewer"])
    reviewer.post(f"/applications/{app_id}/comments", data={"target": "general", "body": "Fråga"})
    reviewer.post(f"/applications/{app_id}/actions/approve", data={**DECISION, "version": "1"})
    with app.app_context():
        comment_id = db.session.get(Application, app_id).comments[0].id
    finance = as_(app, people["finance"])
    page = finance.get(f"/applications/{app_id}").text
    assert "Fråga" in page and "Skicka svar" not in page
    assert finance.post(f"/applications/{app_id}/comments",
                        data={"parent_id": str(comment_id), "body": "Svar"}).status_code == 403
    assert finance.post(f"/applications/{app_id}/comments",
                        data={"target": "general", "body": "Ny"}).status_code == 403
    with app.app_context():
        assert len(db.session.get(Application, app_id).comments) == 1


# 8. What staff see, quotas, paging ----------------------------------------------------------------------------------

def test_withdrawn_draft_never_submitted_is_not_shown_to_staff(app, people, make_application, hela_doc):
    hidden = copy.deepcopy(hela_doc)
    hidden["title"] = "Aldrig inskickad"
    hidden_id = make_application(people["applicant"][0], hidden)
    shown_id = make_application(people["applicant"][0], hela_doc)
    submit(app, shown_id, people["applicant"])
    owner = as_(app, people["applicant"])
    # a never-submitted draft is deleted, not withdrawn (issue 16); one withdrawn by an earlier release stays hidden
    assert owner.post(f"/applications/{hidden_id}/actions/withdraw", data={"version": "0"}).status_code == 409
    assert owner.post(f"/applications/{shown_id}/actions/withdraw", data={"version": "1"}).status_code == 302
    with app.app_context():
        db.session.get(Application, hidden_id).status = "withdrawn"
        db.session.commit()
    for role in ("reviewer", "admin"):
        staff = as_(app, people[role])
        listing = staff.get("/review?status=withdrawn").text
        assert "Aldrig inskickad" not in listing and hela_doc["title"] in listing
        rows = list(csv.reader(io.StringIO(staff.get("/review/export.csv").text.lstrip("\ufeff")), delimiter=";"))
        assert [r[0] for r in rows[1:]] == [str(shown_id)]
        for path in ("", "/export.json", "/export.docx", "/export.xlsx", "/compare"):
            assert staff.get(f"/applications/{hidden_id}{path}").status_code == 404, (role, path)
        assert staff.get(f"/applications/{shown_id}").status_code == 200
        assert "Aldrig inskickad" not in staff.get("/applications").text


def test_daily_quota_of_new_and_imported_applications(app_factory, make_user, hela_doc):
    import json

    app = app_factory(APPLICATIONS_PER_DAY="2")
    assert app.config["APPLICATIONS_PER_DAY"] == 2
    from builder.auth.service import create_user

    with app.app_context():
        create_user("many@example.se", "correct horse battery")
    client = app.test_client()
    login(client, "many@example.se")
    assert client.post("/applications/new").status_code == 302
    data = {"file": (io.BytesIO(json.dumps(hela_doc).encode()), "a.json")}
    assert client.post("/applications/import", data=data, content_type="multipart/form-data").status_code == 302
    third = client.post("/applications/new")
    assert third.status_code == 429 and "högsta antalet" in third.text
    data = {"file": (io.BytesIO(json.dumps(hela_doc).encode()), "a.json")}
    imported = client.post("/applications/import", data=data, content_type="multipart/form-data")
    assert imported.status_code == 422 and "högsta antalet" in imported.text
    from builder.appformat import ValidationError
    from builder.applications.service import baseline_draft

    with app.test_request_context():  # the check-docx page's "start an extension from this baseline" too
        owner = db.session.scalar(db.select(User).filter_by(email="many@example.se"))
        with pytest.raises(ValidationError, match="högsta antalet"):
            baseline_draft(owner, "[]", "Från Word")
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Application.id))) == 2
        # a day later the quota is free again
        for application in db.session.scalars(db.select(Application)):
            application.created_at = application.created_at.replace(year=2020)
        db.session.commit()
    assert client.post("/applications/new").status_code == 302


def test_reviewer_list_is_paged(app_factory, make_user, hela_doc):
    app = app_factory(REVIEW_PAGE_SIZE=2)
    from builder.applications.service import create_application
    from builder.auth.service import create_user

    with app.app_context():
        owner = create_user("owner@example.se", "correct horse battery")
        reviewer = create_user("rev@example.se", "correct horse battery", "reviewer")
        from builder.associations.service import add_member, ensure_association

        add_member(ensure_association(TEST_ASSOCIATION), reviewer)
        for i in range(5):
            doc = copy.deepcopy(hela_doc)
            doc["title"] = f"Projekt nummer {i}"
            application = create_application(owner, doc)
            application.status = "submitted"
        db.session.commit()
    client = app.test_client()
    login(client, "rev@example.se")

    def titles(query):
        page = client.get("/review" + query).text
        return sorted(t for t in (f"Projekt nummer {i}" for i in range(5)) if t in page), page

    first, page = titles("?sort=title&dir=asc")
    assert first == ["Projekt nummer 0", "Projekt nummer 1"] and "Sida 1 av 3" in page
    assert titles("?sort=title&dir=asc&page=3")[0] == ["Projekt nummer 4"]
    assert titles("?sort=title&dir=asc&page=999")[0] == ["Projekt nummer 4"]  # clamped
    assert titles("?sort=title&dir=asc&page=x")[0] == first
    assert len(client.get("/review/export.csv").text.strip().splitlines()) == 6  # the CSV has every row


# 2. Version comparison is bounded ----------------------------------------------------------------------------------

def _two_versions(app, people, make_application, doc, old_sections, new_sections):
    first, second = copy.deepcopy(doc), copy.deepcopy(doc)
    first["sections"].update(old_sections)
    second["sections"].update(new_sections)
    app_id = make_application(people["applicant"][0], first)
    submit(app, app_id, people["applicant"])
    submit(app, app_id, people["applicant"], second)
    return app_id


def test_compare_8000_repeated_words_is_fast(app, people, make_application, hela_doc):
    old = " ".join(["ord"] * 8000)
    new = " ".join(["ord"] * 4000 + ["nytt"] + ["ord"] * 4000)
    app_id = _two_versions(app, people, make_application, hela_doc, {"background": old}, {"background": new})
    reviewer = as_(app, people["reviewer"])
    start = time.process_time()
    response = reviewer.get(f"/applications/{app_id}/compare?a=1&b=2")
    elapsed = time.process_time() - start
    assert response.status_code == 200 and "<ins>nytt</ins>" in response.text
    assert elapsed < 2, elapsed


def test_compare_at_the_format_limits_is_bounded(app, people, make_application, hela_doc):
    from builder.appformat import SECTION_KEYS
    from builder.appformat.load import MAX_TEXT

    words = MAX_TEXT // 4  # "ord " × 25 000: every section at the format's limit (this was hours of CPU)
    old = {key: " ".join(["ord"] * words) for key in SECTION_KEYS}
    new = {key: " ".join(["ord"] * (words // 2) + [f"ny{i}" for i in range(50)] + ["ord"] * (words // 2 - 50))
           for key in SECTION_KEYS}
    old["background"], new["background"] = ("a. b " * 30_000)[:MAX_TEXT], ("b. a " * 30_000)[:MAX_TEXT]
    app_id = _two_versions(app, people, make_application, hela_doc, old, new)
    reviewer = as_(app, people["reviewer"])
    start = time.process_time()
    response = reviewer.get(f"/applications/{app_id}/compare?a=1&b=2")
    elapsed = time.process_time() - start
    assert response.status_code == 200 and "<del>" in response.text and "<ins>" in response.text
    assert elapsed < 5, elapsed


def _race(clients, path, data):
    """Post from every client at the same moment; the sorted status codes."""
    import threading

    barrier, codes = threading.Barrier(len(clients)), []

    def go(client):
        barrier.wait()
        codes.append(client.post(path, data=data).status_code)

    threads = [threading.Thread(target=go, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return sorted(codes)


def test_eight_simultaneous_submits_and_two_decisions(app, people, make_user, make_application, hela_doc):
    """Real threads: one submit and one decision win, every other request gets 409, none a 500."""
    app_id = make_application(people["applicant"][0], hela_doc)
    owners = [as_(app, people["applicant"]) for _ in range(8)]
    assert _race(owners, f"/applications/{app_id}/actions/submit", {"version": "0"}) == [302] + [409] * 7
    reviewers = [as_(app, people["reviewer"]), as_(app, make_user("reviewer"))]
    assert _race(reviewers, f"/applications/{app_id}/actions/approve", {**DECISION, "version": "1"}) == [302, 409]
    with app.app_context():
        application = db.session.get(Application, app_id)
        assert application.status == "approved" and [v.number for v in application.versions] == [1]
        assert [t.action for t in application.transitions] == ["submit", "approve"]
