"""Attacks on the association tenancy, the follow-up and the exports (security review): each test is a hole
that was found and closed."""
from __future__ import annotations

from builder.extensions import db
from builder.models import User


def test_admin_creating_an_applicant_with_a_junk_association_is_no_500(app, client, login_as):
    login_as("admin")
    response = client.post("/admin/users", data={"email": "ny@example.se", "password": "Lösenord-som-duger-123",
                                                 "confirm": "Lösenord-som-duger-123", "name": "Ny",
                                                 "role": "applicant", "association": "abc"})
    assert response.status_code in (302, 422)
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "ny@example.se"))
        assert user is None or user.role == "applicant"


def test_staff_of_another_association_on_the_project_never_read_its_internal_report_comments(
        app, client, make_user, make_application):
    """A reviewer of association B who is also a co-applicant of a project in A is a party to A's report:
    A's staff's internal comments stay A's, and what that reviewer writes is never internal."""
    from datetime import date

    from builder.followup.models import ReportComment
    from builder.models import Collaborator
    from tests.web.cases_support import as_
    from tests.web.followup_support import approved_application, open_report

    people = {role: make_user(role) for role in ("applicant", "reviewer", "finance")}
    outsider = make_user("reviewer", association="Samordningsförbundet Västra Mälardalen")
    app_id = approved_application(app, client, people, make_application)
    with app.app_context():
        db.session.add(Collaborator(application_id=app_id, user_id=outsider[0]))
        db.session.commit()
    as_(client, people["applicant"])
    report_id = open_report(client, app_id, date(2017, 8, 31))
    as_(client, people["reviewer"])
    client.post(f"/applications/{app_id}/reports/{report_id}/comments",
                data={"body": "Internt: kolla ekonomen", "internal": "y"})
    as_(client, outsider)
    page = client.get(f"/applications/{app_id}/reports/{report_id}")
    assert page.status_code == 200 and "Internt: kolla ekonomen" not in page.text
    client.post(f"/applications/{app_id}/reports/{report_id}/comments", data={"body": "Från projektet",
                                                                             "internal": "y"})
    with app.app_context():
        mine = db.session.scalar(db.select(ReportComment).where(ReportComment.body == "Från projektet"))
        assert mine is not None and not mine.internal


def test_staff_of_another_association_on_the_project_never_read_its_internal_application_comments(
        app, client, make_user, make_application):
    from builder.models import Collaborator, Comment
    from tests.web.cases_support import as_, sample_doc, submit

    people = {role: make_user(role) for role in ("applicant", "reviewer")}
    outsider = make_user("reviewer", association="Samordningsförbundet Västra Mälardalen")
    app_id = make_application(people["applicant"][0], sample_doc())
    submit(client, people["applicant"], app_id)
    with app.app_context():
        db.session.add(Collaborator(application_id=app_id, user_id=outsider[0]))
        db.session.commit()
    as_(client, people["reviewer"])
    client.post(f"/applications/{app_id}/comments", data={"body": "Internt: ring kommunen", "internal": "y",
                                                          "target": "general"})
    with app.app_context():
        internal = db.session.scalar(db.select(Comment).where(Comment.body == "Internt: ring kommunen"))
        assert internal is not None and internal.internal
        internal_id = internal.id
    as_(client, outsider)
    page = client.get(f"/applications/{app_id}")
    assert page.status_code == 200 and "Internt: ring kommunen" not in page.text
    assert people["reviewer"][1] not in page.text  # the association's officers are not listed to them
    assert client.post(f"/applications/{app_id}/case", data={"officer_note": "från utsidan"}).status_code == 403
    assert client.post(f"/applications/{app_id}/comments/{internal_id}/resolve").status_code == 403
    assert client.post(f"/applications/{app_id}/comments", data={
        "body": "svar", "parent_id": str(internal_id)}).status_code == 404
    client.post(f"/applications/{app_id}/comments", data={"body": "Från projektet", "internal": "y",
                                                          "target": "general"})
    with app.app_context():
        mine = db.session.scalar(db.select(Comment).where(Comment.body == "Från projektet"))
        assert mine is None or not mine.internal


def test_an_association_admin_cannot_change_a_platform_administrators_role(app, client, make_user):
    """An account's role is the same everywhere: a platform administrator's is the platform's to change."""
    from builder.associations.service import matching
    from tests.helpers import TEST_ASSOCIATION, login

    platform_id, platform_email, _password = make_user("admin", association=None)
    with app.app_context():
        db.session.get(User, platform_id).platform_admin = True
        db.session.commit()
        association_id = matching(TEST_ASSOCIATION).id
    _id, email, password = make_user("admin")
    login(client, email, password)
    response = client.post(f"/associations/{association_id}/members", data={"email": platform_email,
                                                                           "role": "reviewer"})
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(User, platform_id).role == "admin"


def test_the_review_list_search_takes_any_text(client, login_as):
    login_as("reviewer")
    for args in ({"q": "a\x00b"}, {"association": "\x00"}, {"q": "%_\\"}, {"q": "İ" * 200},
                 {"sort": "\x00", "dir": "asc", "page": "\x00"}, {"officer": "99999999999"}):
        response = client.get("/review", query_string=args)
        assert response.status_code == 200, args


def test_an_association_admin_cannot_set_a_case_number_pattern_that_blows_up(app, client, login_as):
    """The pattern's width is formatted at every submission: a width of a billion allocated a gigabyte per case
    number, a doubled conversion raised at formatting (a 500 at submission)."""
    from builder.associations.service import matching
    from builder.cases.numbering import PatternError, check_pattern
    from builder.models import Association
    from tests.helpers import TEST_ASSOCIATION

    login_as("admin")
    with app.app_context():
        association_id = matching(TEST_ASSOCIATION).id
    for pattern in ("X {year}-{n:0999999999d}", "X {n:03dd}", "X {n:99999999999999999999d}"):
        response = client.post(f"/associations/{association_id}", data={
            "name": TEST_ASSOCIATION, "orgnr": "802480-1006", "case_number_pattern": pattern,
            "reporting_periods": "04-30,08-31,12-31", "active": "y"})
        assert response.status_code == 422, pattern
        try:
            check_pattern(pattern)
        except PatternError:
            pass
        else:
            raise AssertionError(pattern)
    with app.app_context():
        assert "0999999999" not in db.session.get(Association, association_id).case_number_pattern
    assert check_pattern("SFSN {year}/{n:03d}") == "SFSN {year}/{n:03d}"


def test_finance_of_another_association_on_the_project_never_read_its_case_data(app, client, make_user,
                                                                                make_application):
    from builder.models import Collaborator
    from tests.web.cases_support import as_, sample_doc, submit

    people = {role: make_user(role) for role in ("applicant", "reviewer", "finance")}
    outsider = make_user("finance", association="Samordningsförbundet Västra Mälardalen")
    app_id = make_application(people["applicant"][0], sample_doc())
    submit(client, people["applicant"], app_id)
    with app.app_context():
        db.session.add(Collaborator(application_id=app_id, user_id=outsider[0]))
        db.session.commit()
    as_(client, people["reviewer"])
    assert "Handläggarens förslag" in client.get(f"/applications/{app_id}").text
    as_(client, outsider)
    page = client.get(f"/applications/{app_id}")
    assert page.status_code == 200 and "Handläggarens förslag" not in page.text
    assert "Handläggare" not in page.text.split('id="case"')[1].split("</section>")[0]
