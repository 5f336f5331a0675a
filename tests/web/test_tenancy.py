"""Associations as tenants: applicants choose the association; submission needs one; imported text is matched
by name; reviewers are told only of their association's cases; the settings pages; demo data; backup."""
from __future__ import annotations

import io
import json

import pytest

from builder.extensions import db
from builder.models import Application
from tests.helpers import PASSWORD, TEST_ASSOCIATION, login
from tests.web.cases_support import act, as_
from tests.web.drafts import with_base

OTHER = "Samordningsförbundet Västra Mälardalen"


@pytest.fixture
def two(app):
    """The test association (the example's) and a second one; their ids."""
    from builder.associations.service import create_association, matching

    with app.app_context():
        other = create_association(OTHER, "802480-1006", "SVM {year}-{n:03d}")
        return matching(TEST_ASSOCIATION).id, other.id


def _application(app, app_id: int) -> Application:
    return db.session.get(Application, app_id)


def test_a_new_application_goes_to_the_association_chosen(app, client, login_as, two):
    first, second = two
    login_as("applicant")
    page = client.get("/applications").text
    assert f'<option value="{second}">{OTHER}</option>' in page
    response = client.post("/applications/new", data={"association": str(second)})
    assert response.status_code == 302
    app_id = int(response.location.split("/")[2])
    with app.app_context():
        application = _application(app, app_id)
        assert (application.association_id, application.doc["association"]) == (second, OTHER)
    step = client.get(f"/applications/{app_id}/steps/project").text
    assert f'<option selected value="{second}">{OTHER}</option>' in step


@pytest.mark.parametrize("posted,message", [({}, "Välj det samordningsförbund ansökan ska till."),
                                            ({"association": "99999"}, "Välj ett samordningsförbund i listan."),
                                            ({"association": "x" * 5000}, "Välj ett samordningsförbund i listan.")])
def test_with_several_associations_a_new_application_needs_a_valid_choice(app, client, login_as, two, posted,
                                                                          message):
    login_as("applicant")
    response = client.post("/applications/new", data=posted)
    assert response.status_code == 422
    assert message in response.text and 'id="association-error"' in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Application.id))) == 0


def test_with_one_association_it_is_chosen_beforehand(app, client, login_as):
    login_as("applicant")
    response = client.post("/applications/new", data={})
    assert response.status_code == 302
    with app.app_context():
        assert _application(app, int(response.location.split("/")[2])).doc["association"] == TEST_ASSOCIATION


def test_the_project_step_changes_the_association_and_refuses_an_unknown_one(app, client, login_as,
                                                                             make_application, hela_doc, two):
    first, second = two
    user_id, _email = login_as("applicant")
    app_id = make_application(user_id, hela_doc)
    project = {"title": "Hela Familjen", "kind": "extension", "period_start": "2017-06-01",
               "period_end": "2019-05-31", "save": "1"}
    response = client.post(f"/applications/{app_id}/steps/project",
                           data=with_base(client, app_id, {**project, "association": str(second)}))
    assert response.status_code == 303
    with app.app_context():
        assert _application(app, app_id).association_id == second
        assert _application(app, app_id).doc["association"] == OTHER
    response = client.post(f"/applications/{app_id}/steps/project",
                           data=with_base(client, app_id, {**project, "association": "2147483647"}))
    assert response.status_code == 303  # kept as typed, with its message at the field
    page = client.get(f"/applications/{app_id}/steps/project").text
    assert "Välj ett samordningsförbund i listan." in page and 'id="association-error"' in page
    with app.app_context():
        assert _application(app, app_id).association_id == second


def test_import_matches_the_association_by_name_ignoring_case_and_spaces(app, client, login_as, hela_doc, two):
    first, _second = two
    login_as("applicant")
    doc = {**hela_doc, "association": "  samordningsförbundet  SKÅNE nordost "}
    response = client.post("/applications/import", data={
        "file": (io.BytesIO(json.dumps(doc).encode()), "a.json")}, content_type="multipart/form-data")
    assert response.status_code == 302
    with app.app_context():
        application = _application(app, int(response.location.split("/")[2]))
        assert (application.association_id, application.doc["association"]) == (first, TEST_ASSOCIATION)


def test_an_unknown_association_must_be_chosen_before_submission(app, client, login_as, hela_doc):
    login_as("applicant")
    doc = {**hela_doc, "association": "Förbundet som inte finns"}
    response = client.post("/applications/import", data={
        "file": (io.BytesIO(json.dumps(doc).encode()), "a.json")}, content_type="multipart/form-data",
        follow_redirects=True)
    assert "Välj förbund i första steget" in response.text
    with app.app_context():
        application = db.session.scalar(db.select(Application))
        app_id = application.id
        assert (application.association_id, application.doc["association"]) == (None, "")
    review = client.get(f"/applications/{app_id}/steps/review").text
    assert "Välj det samordningsförbund ansökan ska till." in review
    assert "Välj samordningsförbund: ansökan kan inte skickas in utan." in client.get(
        f"/applications/{app_id}/steps/project").text
    response = act(client, app_id, "submit", comment="")
    assert response.status_code == 302 and response.location.endswith("/steps/review")
    with app.app_context():
        assert _application(app, app_id).status == "draft" and not _application(app, app_id).versions
    # chosen: then it is submitted and numbered by its association
    with app.app_context():
        from builder.associations.service import matching

        first = matching(TEST_ASSOCIATION).id
    project = {"title": doc["title"], "kind": doc["kind"], "period_start": doc["period"]["start"],
               "period_end": doc["period"]["end"], "association": str(first), "save": "1"}
    assert client.post(f"/applications/{app_id}/steps/project", data=with_base(client, app_id, project)
                       ).status_code == 303
    assert act(client, app_id, "submit", comment="").location.endswith(f"/applications/{app_id}")
    with app.app_context():
        from builder.cases.service import case_of

        assert case_of(app_id).association_id == first


def test_a_submission_mails_only_its_associations_reviewers(mail_app, outbox, make_application, hela_doc):
    from builder.associations.service import create_association

    app = mail_app
    from builder.auth.service import create_user

    with app.app_context():
        other = create_association(OTHER, "802480-1006")
        from builder.associations.service import add_member, matching

        ours = create_user("var@example.se", PASSWORD, "reviewer", "Vår")
        theirs = create_user("deras@example.se", PASSWORD, "reviewer", "Deras")
        add_member(matching(TEST_ASSOCIATION), ours)
        add_member(other, theirs)
        owner = create_user("agare@example.se", PASSWORD, "applicant", "Ägare")
        owner_id = owner.id
    app_id = make_application(owner_id, hela_doc)
    client = app.test_client()
    login(client, "agare@example.se")
    assert act(client, app_id, "submit", comment="").status_code == 302
    assert outbox.wait_for("var@example.se")
    assert outbox.to("deras@example.se") == []


def test_association_settings_pages(app, client, make_user, two):
    first, second = two
    from builder.models import Association, BudgetFrame, User

    admin = make_user("admin")  # admin of the test association only
    login(client, admin[1], admin[2])
    listing = client.get("/associations").text
    assert TEST_ASSOCIATION in listing and OTHER not in listing and "Nytt samordningsförbund" not in listing
    assert client.get(f"/associations/{second}").status_code == 404
    url = f"/associations/{first}"
    assert client.get(url).status_code == 200
    bad = client.post(url, data={"name": TEST_ASSOCIATION, "orgnr": "222000-1009", "case_number_pattern": "X {n}",
                                 "reporting_periods": "04-30,08-31,12-31", "active": "y"})
    assert bad.status_code == 422 and "Organisationsnumrets kontrollsiffra stämmer inte." in bad.text
    assert 'id="orgnr-error"' in bad.text
    bad = client.post(url, data={"name": TEST_ASSOCIATION, "orgnr": "222000-1008", "case_number_pattern": "X {n}",
                                 "reporting_periods": "08-31,04-30", "active": "y"})
    assert bad.status_code == 422 and 'id="reporting_periods-error"' in bad.text
    taken = client.post(url, data={"name": OTHER.lower(), "orgnr": "222000-1008", "case_number_pattern": "X {n}",
                                   "reporting_periods": "12-31", "active": "y"})
    assert taken.status_code == 422 and "Det finns redan ett förbund med det namnet." in taken.text
    good = client.post(url, data={"name": TEST_ASSOCIATION, "orgnr": "2220001008", "case_number_pattern": "SFSN {n}",
                                  "reporting_periods": "06-30,12-31", "active": "y"})
    assert good.status_code == 302
    assert client.post(f"{url}/frames", data={"year": "2027", "amount": "5 000 000"}).status_code == 302
    assert client.post(f"{url}/frames", data={"year": "2027", "amount": "6000000"}).status_code == 302
    assert client.post(f"{url}/frames", data={"year": "2028", "amount": "1"}).status_code == 302
    bad = client.post(f"{url}/frames", data={"year": "27", "amount": "-1"})
    assert bad.status_code == 422 and 'id="year-error"' in bad.text
    assert client.post(f"{url}/frames/2028/delete").status_code == 302
    reviewer = make_user("reviewer", association=None)
    assert client.post(f"{url}/members", data={"email": reviewer[1], "role": "reviewer"}).status_code == 302
    unknown = client.post(f"{url}/members", data={"email": "ingen@example.se", "role": "reviewer"})
    assert unknown.status_code == 422 and 'id="email-error"' in unknown.text
    with app.app_context():
        association = db.session.get(Association, first)
        assert (association.orgnr, association.case_number_pattern, association.reporting_periods) == (
            "222000-1008", "SFSN {n}", "06-30,12-31")
        assert [(f.year, f.amount) for f in db.session.scalars(
            db.select(BudgetFrame).where(BudgetFrame.association_id == first))] == [(2027, 6_000_000)]
        from builder.associations.service import association_ids

        assert association_ids(db.session.get(User, reviewer[0])) == [first]
    assert client.post(f"{url}/members/{reviewer[0]}/remove").status_code == 302
    # a reviewer reads the settings and changes nothing
    as_(client, make_user("reviewer"))
    page = client.get(url).text
    assert "222000-1008" in page and "Spara budgetram" not in page
    assert client.post(f"{url}/frames", data={"year": "2029", "amount": "1"}).status_code == 403


def test_a_platform_admin_creates_an_association_and_its_first_admin(app, client, make_user):
    from builder.associations.service import association_ids, matching
    from builder.auth.service import find_user
    from builder.models import User

    boss = make_user("admin", association=None)
    with app.app_context():
        db.session.get(User, boss[0]).platform_admin = True
        db.session.commit()
    login(client, boss[1], boss[2])
    bad = client.post("/associations", data={"name": "Nya förbundet", "orgnr": "123", "reporting_periods": "12-31",
                                             "admin_email": "chef@nya.se"})
    assert bad.status_code == 422 and 'id="orgnr-error"' in bad.text
    response = client.post("/associations", data={
        "name": "Nya förbundet", "orgnr": "212000-1009", "case_number_pattern": "NF {year}/{n}",
        "reporting_periods": "04-30,12-31", "admin_email": "chef@nya.se", "admin_name": "Chefen"},
        follow_redirects=True)
    assert response.status_code == 200 and "/password/reset/" in response.text
    with app.app_context():
        chef = find_user("chef@nya.se")
        assert chef.role == "admin" and association_ids(chef) == [matching("Nya förbundet").id]
    assert "Nya förbundet" in client.get("/associations").text and TEST_ASSOCIATION in client.get("/associations").text


def test_an_association_admin_creates_staff_for_their_association_only(app, client, make_user, two):
    first, second = two
    admin = make_user("admin")
    login(client, admin[1], admin[2])
    page = client.get("/admin/users").text
    assert OTHER not in page
    response = client.post("/admin/users", data={"name": "Ny", "email": "ny@example.se", "role": "reviewer",
                                                 "association": str(second), "password": "kassabok-77-lila",
                                                 "confirm": "kassabok-77-lila"})
    assert response.status_code == 422 and 'id="association-error"' in response.text
    response = client.post("/admin/users", data={"name": "Ny", "email": "ny@example.se", "role": "reviewer",
                                                 "association": str(first), "password": "kassabok-77-lila",
                                                 "confirm": "kassabok-77-lila"})
    assert response.status_code == 302
    from builder.associations.service import association_ids
    from builder.auth.service import find_user

    with app.app_context():
        assert association_ids(find_user("ny@example.se")) == [first]


def test_demo_data_has_two_associations_each_with_its_own_staff_and_cases(app):
    from builder.demo import DEMO_ACCOUNTS, seed_demo

    with app.app_context():
        seed_demo()
        seed_demo()  # idempotent
        from builder.associations.service import matching

        for name in (TEST_ASSOCIATION, OTHER):
            association = matching(name)
            assert association.orgnr and len(association.frames) == 3, name
    pages = {}
    for _role, email, password, _name in DEMO_ACCOUNTS:
        client = app.test_client()
        login(client, email, password)
        pages[email] = client.get("/review").text if _role != "applicant" else client.get("/applications").text
    assert "Steg till arbete" in pages["handlaggare.malardalen@demo.se"]
    assert "Hela Familjen" not in pages["handlaggare.malardalen@demo.se"]
    assert "Steg till arbete" not in pages["handlaggare@demo.se"]
    assert "SVM 20" in pages["handlaggare.malardalen@demo.se"]  # its own case-number pattern
    assert "Hela Familjen" in pages["projektledare@demo.se"]
    # An approved case with commitments and an approved delårsrapport: the follow-up, the portfolio and the
    # export have something to show a newcomer.
    from builder.demo import APPROVED_CASE_TITLE

    assert APPROVED_CASE_TITLE in pages["handlaggare@demo.se"]
    assert APPROVED_CASE_TITLE not in pages["handlaggare.malardalen@demo.se"]
    client = app.test_client()
    login(client, "ekonom@demo.se", "demo-losenord-3")
    with app.app_context():
        association_id = matching(TEST_ASSOCIATION).id
    portfolio = client.get(f"/associations/{association_id}/portfolio/2025").text.replace("\xa0", " ")
    assert APPROVED_CASE_TITLE in portfolio and "1 340 101 kr" in portfolio  # Hela Familjen's first year
    export = client.get(f"/associations/{association_id}/national/2025.csv").data.decode("utf-8")
    assert APPROVED_CASE_TITLE in export and ";120000;" in export  # six rows of 20 000 kr reported


def test_backup_keeps_associations_members_frames_and_platform_admins(app_factory, make_user):
    from builder.backup import dump_all, restore_all

    source = app_factory()
    with source.app_context():
        from builder.associations.service import add_member, create_association, set_frame
        from builder.auth.service import create_user

        other = create_association(OTHER, "802480-1006", "SVM {year}-{n:03d}", "06-30,12-31")
        set_frame(other, 2026, 4_300_000)
        person = create_user("rev@example.se", PASSWORD, "reviewer")
        person.platform_admin = True
        add_member(other, person)
        backup = json.loads(json.dumps(dump_all()))
    target = app_factory()
    with target.app_context():
        restore_all(backup)
        from builder.associations.service import association_ids, matching
        from builder.auth.service import find_user

        restored = matching(OTHER)
        assert (restored.orgnr, restored.case_number_pattern, restored.reporting_periods) == (
            "802480-1006", "SVM {year}-{n:03d}", "06-30,12-31")
        assert [(f.year, f.amount) for f in restored.frames] == [(2026, 4_300_000)]
        user = find_user("rev@example.se")
        assert association_ids(user) == [restored.id] and user.platform_admin
        assert dump_all()["associations"] == backup["associations"]


def test_a_meeting_takes_only_its_own_associations_cases(app, client, make_user, make_application, hela_doc, two):
    """A's reviewer cannot put B's case on A's meeting: it is not offered, and posting its id adds nothing."""
    from builder.cases import service
    from builder.cases.models import AgendaItem
    from builder.review.service import apply_transition

    first, second = two
    owner = make_user("applicant")
    app_id = make_application(owner[0], hela_doc)  # the test association's (B here)
    with app.app_context():
        from builder.models import User

        apply_transition(_application(app, app_id), "submit", db.session.get(User, owner[0]))
        number = service.case_of(app_id).number
    theirs = make_user("reviewer", association=OTHER)
    login(client, theirs[1], theirs[2])
    response = client.post("/meetings", data={"kind": "beredning", "date": "2026-12-01", "place": "Köping"})
    assert response.status_code == 302
    meeting_id = int(response.location.rstrip("/").split("/")[-1])
    page = client.get(f"/meetings/{meeting_id}").text
    assert number not in page and "Hela Familjen" not in page
    response = client.post(f"/meetings/{meeting_id}/agenda", data={"application_id": str(app_id)})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(AgendaItem.id))) == 0
        meeting = db.session.get(service.Meeting, meeting_id)
        assert meeting.association_id == second
        with pytest.raises(service.CaseError):
            service.add_to_agenda(meeting, _application(app, app_id))


def test_staff_of_two_associations_filter_the_review_list_by_association(app, client, make_user, make_application,
                                                                        hela_doc, two):
    from builder.associations.service import add_member
    from builder.models import Association, User

    first, second = two
    owner = make_user("applicant")
    make_application(owner[0], {**hela_doc, "title": "Projekt i Skåne"}, status="submitted")
    make_application(owner[0], {**hela_doc, "title": "Projekt i Mälardalen", "association": OTHER.upper()},
                     status="submitted")
    both = make_user("reviewer")
    with app.app_context():
        add_member(db.session.get(Association, second), db.session.get(User, both[0]))
    login(client, both[1], both[2])
    everything = client.get("/review").text
    assert "Projekt i Skåne" in everything and "Projekt i Mälardalen" in everything
    assert '<select id="association" name="association">' in everything
    only = client.get("/review", query_string={"association": OTHER}).text
    assert "Projekt i Mälardalen" in only and "Projekt i Skåne" not in only
    as_(client, make_user("reviewer"))  # the test association's only: no filter, no Mälardalen
    page = client.get("/review").text
    assert "Projekt i Mälardalen" not in page and '<select id="association"' not in page


def test_a_backup_from_before_associations_is_restored_as_the_migration_would(app_factory, make_user, hela_doc):
    """No associations in the file: each application's text becomes an association, staff work for every one,
    admins run the installation; the case keeps its number."""
    from builder.backup import dump_all, restore_all

    source = app_factory()
    with source.app_context():
        from builder.applications.service import create_application
        from builder.auth.service import create_user
        from builder.review.service import apply_transition

        owner = create_user("agare@example.se", PASSWORD, "applicant")
        create_user("rev@example.se", PASSWORD, "reviewer")
        create_user("chef@example.se", PASSWORD, "admin")
        application = create_application(owner, {**hela_doc, "association": TEST_ASSOCIATION})
        apply_transition(application, "submit", owner)
        backup = json.loads(json.dumps(dump_all()))
    backup.pop("associations")
    for entry in backup["applications"]:
        entry.pop("association")
    for key in ("counters", "cases", "meetings"):
        for entry in backup["case_handling"][key]:
            entry.pop("association", None)
    target = app_factory()
    with target.app_context():
        restore_all(backup)
        from builder.associations.service import association_ids, matching
        from builder.auth.service import find_user
        from builder.cases.service import case_of

        association = matching(TEST_ASSOCIATION)
        restored = db.session.scalar(db.select(Application))
        assert restored.association_id == association.id
        assert case_of(restored.id).association_id == association.id
        assert association.id in association_ids(find_user("rev@example.se"))
        assert find_user("chef@example.se").platform_admin and not find_user("rev@example.se").platform_admin
    client = target.test_client()
    login(client, "rev@example.se")
    assert hela_doc["title"] in client.get("/review").text


def test_the_case_lists_query_is_the_page_rule_for_every_status_and_association(app, make_user, make_application,
                                                                               hela_doc, two):
    """The reviewer's list query (one SQL condition, for speed) shows exactly the applications whose case page
    the reviewer may open: every status, submitted before or not, in the reviewer's association or another."""
    from builder.applications.access import can_view_case, case_visible_query, visible_query
    from builder.models import ApplicationVersion, User

    owner, _, _ = make_user()
    reviewer_id, _, _ = make_user("reviewer")
    expected_ids = set()
    with app.app_context():
        for association_id in two:
            for status in ("draft", "submitted", "changes_requested", "approved", "rejected", "withdrawn"):
                for submitted_before in (False, True):
                    app_id = make_application(owner, hela_doc, status)
                    application = _application(app, app_id)
                    application.association_id = association_id
                    if submitted_before:
                        db.session.add(ApplicationVersion(application_id=app_id, number=1,
                                                          document=application.document, fingerprint="x"))
                    db.session.commit()
        reviewer = db.session.get(User, reviewer_id)
        applications = list(db.session.scalars(db.select(Application)))
        expected_ids = {a.id for a in applications if can_view_case(reviewer, a)}
        listed = {a.id for a in db.session.scalars(case_visible_query(reviewer))}
        visible = {a.id for a in db.session.scalars(visible_query(reviewer))}
    assert listed == expected_ids
    # submitted, changes requested, approved, rejected (with or without a version), withdrawn after a
    # submission and the draft being revised; the last is the one the plain rule leaves out
    assert len(listed) == 4 * 2 + 2
    assert len(listed - visible) == 1


def test_once_the_case_is_registered_the_project_step_offers_only_its_association(app, client, login_as,
                                                                                    make_application, hela_doc,
                                                                                    two):
    from builder.cases.service import open_case

    first, second = two
    user_id, _email = login_as("applicant")
    app_id = make_application(user_id, hela_doc)
    with app.app_context():
        open_case(_application(app, app_id))  # as at a first submission; the lead revises after a request
        db.session.commit()
    page = client.get(f"/applications/{app_id}/steps/project").text
    select = page.split('id="association"', 1)[1].split("</select>", 1)[0]
    assert f'value="{first}"' in select and f'value="{second}"' not in select
    assert "och kan inte flyttas till ett annat förbund" in page
    project = {"title": "Hela Familjen", "kind": "extension", "period_start": "2017-06-01",
               "period_end": "2019-05-31", "save": "1", "association": str(second)}
    client.post(f"/applications/{app_id}/steps/project", data=with_base(client, app_id, project))
    with app.app_context():
        assert _application(app, app_id).association_id == first
        assert _application(app, app_id).doc["association"] == TEST_ASSOCIATION
