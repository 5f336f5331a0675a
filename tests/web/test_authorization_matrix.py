"""Every route tried by every role; the exact allowed set is asserted (on SQLite and PostgreSQL)."""
from __future__ import annotations

import pytest

from tests.helpers import login

ROLES = ("anonymous", "owner", "co_applicant", "other_applicant", "reviewer", "finance", "admin")
LOGIN = "login"  # anonymous: redirected to the login page

# (method, path, status of the application, data, expected code per role in ROLES order)
MATRIX = [
    ("GET", "/applications", "draft", None, (LOGIN, 200, 200, 200, 200, 200, 200)),
    ("POST", "/applications/new", "draft", {}, (LOGIN, 302, 302, 302, 404, 404, 302)),
    ("GET", "/applications/import", "draft", None, (LOGIN, 200, 200, 200, 404, 404, 200)),
    ("GET", "/applications/{id}", "draft", None, (LOGIN, 200, 200, 404, 404, 404, 404)),  # never submitted: not staff's
    ("GET", "/applications/{id}", "submitted", None, (LOGIN, 200, 200, 404, 200, 404, 200)),
    ("GET", "/applications/{id}", "approved", None, (LOGIN, 200, 200, 404, 200, 200, 200)),
    ("GET", "/applications/{id}/export.json", "approved", None, (LOGIN, 200, 200, 404, 200, 200, 200)),
    ("GET", "/applications/{id}/steps/project", "draft", None, (LOGIN, 200, 200, 404, 404, 404, 404)),
    ("GET", "/applications/{id}/steps/review", "submitted", None, (LOGIN, 200, 200, 404, 200, 404, 200)),
    ("POST", "/applications/{id}/steps/timeline", "draft", {"timeline": "x", "save": "1", "base_version": "current"},
     (LOGIN, 303, 303, 404, 404, 404, 404)),
    ("POST", "/applications/{id}/steps/timeline", "approved", {"timeline": "x", "save": "1"},
     (LOGIN, 409, 409, 404, 409, 409, 409)),
    ("POST", "/applications/{id}/steps/timeline/autosave", "draft", {"timeline": "x", "base_version": "current"},
     (LOGIN, 200, 200, 404, 404, 404, 404)),
    ("POST", "/applications/{id}/steps/timeline/autosave", "approved", {"timeline": "x"},
     (LOGIN, 409, 409, 404, 409, 409, 409)),
    ("POST", "/applications/{id}/steps/budget/preview", "draft", {}, (LOGIN, 200, 200, 404, 404, 404, 404)),
    ("POST", "/applications/{id}/invite", "draft", {"email": "nobody@example.se"},
     (LOGIN, 303, 403, 404, 404, 404, 404)),
    ("GET", "/applications/{id}/withdraw", "submitted", None, (LOGIN, 200, 200, 404, 403, 404, 403)),
    ("GET", "/applications/{id}/withdraw", "draft", None, (LOGIN, 409, 409, 404, 404, 404, 404)),
    ("GET", "/applications/{id}/delete", "draft", None, (LOGIN, 200, 403, 404, 404, 404, 404)),
    ("POST", "/applications/{id}/delete", "submitted", {}, (LOGIN, 409, 403, 404, 403, 404, 403)),
    ("POST", "/applications/{id}/copy", "approved", {}, (LOGIN, 303, 303, 404, 404, 404, 403)),
    ("POST", "/applications/{id}/collaborators/1/remove", "draft", {}, (LOGIN, 404, 403, 404, 404, 404, 404)),
    ("POST", "/applications/{id}/actions/submit", "draft", {"version": "0"}, (LOGIN, 302, 302, 404, 404, 404, 404)),
    ("POST", "/applications/{id}/actions/withdraw", "submitted", {"version": "0"},
     (LOGIN, 302, 302, 404, 403, 404, 403)),
    ("POST", "/applications/{id}/actions/request_changes", "submitted", {"version": "0"},
     (LOGIN, 403, 403, 404, 302, 404, 302)),
    ("POST", "/applications/{id}/actions/approve", "submitted",
     {"decision_date": "2017-05-15", "decision_body": "Styrelsen", "approved_total": "1", "version": "0"},
     (LOGIN, 403, 403, 404, 302, 404, 302)),
    ("POST", "/applications/{id}/actions/approve", "approved",
     {"decision_date": "2017-05-15", "decision_body": "Styrelsen"}, (LOGIN, 403, 403, 404, 409, 403, 409)),
    ("POST", "/applications/{id}/comments", "submitted", {"target": "general", "body": "Fråga"},
     (LOGIN, 403, 403, 404, 302, 404, 302)),
    ("POST", "/applications/{id}/extension", "approved", {"kind": "extension"},
     (LOGIN, 302, 302, 404, 403, 403, 403)),
    ("GET", "/applications/{id}/compare", "submitted", None, (LOGIN, 302, 302, 404, 302, 404, 302)),
    ("GET", "/review", "submitted", None, (LOGIN, 404, 404, 404, 200, 200, 200)),
    ("GET", "/review/export.csv", "submitted", None, (LOGIN, 404, 404, 404, 200, 200, 200)),
    ("GET", "/applications/{id}/export.xlsx", "approved", None, (LOGIN, 200, 200, 404, 200, 200, 200)),
    ("GET", "/applications/{id}/export.xlsx", "draft", None, (LOGIN, 200, 200, 404, 404, 404, 404)),
    ("GET", "/applications/{id}/export.docx", "approved", None, (LOGIN, 200, 200, 404, 200, 200, 200)),
    ("GET", "/applications/{id}/export.docx", "draft", None, (LOGIN, 200, 200, 404, 404, 404, 404)),
    ("GET", "/check-docx", "draft", None, (LOGIN, 200, 200, 200, 200, 200, 200)),
    ("GET", "/applications/{id}/versions/1/export.json", "draft", None, (LOGIN, 404, 404, 404, 404, 404, 404)),
    ("GET", "/meetings", "draft", None, (LOGIN, 404, 404, 404, 200, 200, 200)),
    ("POST", "/meetings", "draft", {"kind": "beredning", "date": "2026-05-01", "place": "Kansliet"},
     (LOGIN, 404, 404, 404, 302, 403, 302)),
    ("GET", "/meetings/{meeting}", "submitted", None, (LOGIN, 404, 404, 404, 200, 200, 200)),
    ("GET", "/meetings/{meeting}/kallelse.docx", "submitted", None, (LOGIN, 404, 404, 404, 200, 200, 200)),
    ("POST", "/meetings/{meeting}/agenda", "submitted", {}, (LOGIN, 404, 404, 404, 302, 403, 302)),
    ("POST", "/meetings/{meeting}/agenda/{item}/recommendation", "submitted", {},
     (LOGIN, 404, 404, 404, 422, 403, 422)),
    # no version posted: staff get past the role check to the stale-version check (409)
    ("POST", "/meetings/{meeting}/agenda/{item}/decision", "submitted", {}, (LOGIN, 404, 404, 404, 409, 403, 409)),
    ("POST", "/meetings/{meeting}/agenda/{item}/remove", "submitted", {}, (LOGIN, 404, 404, 404, 302, 403, 302)),
    ("POST", "/applications/{id}/case", "submitted", {}, (LOGIN, 404, 404, 404, 302, 404, 302)),
    ("GET", "/applications/{id}/decision-letter.docx", "approved", None, (LOGIN, 200, 200, 404, 200, 200, 200)),
    ("GET", "/applications/{id}/decision-letter.docx", "submitted", None, (LOGIN, 404, 404, 404, 404, 404, 404)),
    ("GET", "/applications/{id}/agreement.docx", "approved", None, (LOGIN, 200, 200, 404, 200, 200, 200)),
    ("GET", "/applications/{id}/agreement.docx", "submitted", None, (LOGIN, 404, 404, 404, 404, 404, 404)),
    ("GET", "/admin/users", "draft", None, (LOGIN, 404, 404, 404, 404, 404, 200)),
    ("GET", "/admin/presets", "draft", None, (LOGIN, 404, 404, 404, 404, 404, 404)),  # platform admins' only
]


@pytest.fixture
def world(app, make_user, make_application, hela_doc):
    """One account per role and a factory for an application in a given status."""
    from builder.applications.service import invite
    from builder.extensions import db
    from builder.models import Application

    people = {role: make_user("applicant" if role in ("owner", "co_applicant", "other_applicant") else role)
              for role in ROLES if role != "anonymous"}

    def application(status: str) -> int:
        app_id = make_application(people["owner"][0], hela_doc, status=status)
        with app.app_context():
            invite(db.session.get(Application, app_id), people["co_applicant"][1])
        return app_id

    return people, application


@pytest.mark.parametrize("method,path,status,data,expected", MATRIX,
                         ids=[f"{m} {p} [{s}]" for m, p, s, _d, _e in MATRIX])
def test_route_by_role(app, world, method, path, status, data, expected):
    people, application = world
    for role, want in zip(ROLES, expected, strict=False):
        client = app.test_client()
        if role != "anonymous":
            login(client, people[role][1], people[role][2])
        app_id = application(status)
        url = path.format(id=app_id, **_case_records(app, app_id, path))
        if data and data.get("base_version") == "current":  # the draft as it is now (a save must name it)
            from builder.extensions import db
            from builder.models import Application

            with app.app_context():
                data = {**data, "base_version": str(db.session.get(Application, app_id).lock_version)}
        response = client.get(url) if method == "GET" else client.post(url, data=data)
        if want == LOGIN:
            assert response.status_code == 302 and "/login" in response.location, (role, url)
        else:
            assert response.status_code == want, (role, method, url, response.status_code)


def _case_records(app, app_id: int, path: str) -> dict:
    """For case routes: the application's case and, on a meeting's agenda, its meeting and item ids."""
    if "/case" not in path and "{meeting}" not in path:
        return {}
    from datetime import date

    from builder.associations.service import association_of
    from builder.cases.models import AgendaItem, Case, Meeting
    from builder.extensions import db
    from builder.models import Application

    with app.app_context():
        association = association_of(db.session.get(Application, app_id))
        db.session.add(Case(application_id=app_id, association_id=association.id, number=f"T {app_id}",
                            pattern="T {n}", year=2026, sequence=app_id))
        meeting = Meeting(kind="styrelse" if "decision" in path else "beredning", date=date(2026, 5, 1),
                          place="Kansliet", association_id=association.id)
        meeting.items.append(AgendaItem(application_id=app_id, position=1))
        db.session.add(meeting)
        db.session.commit()
        return {"meeting": meeting.id, "item": meeting.items[0].id}


# --- Two associations on one installation -------------------------------------------------------------
# The acting staff member (reviewer, finance, admin) works for association A; the application, its case,
# versions, comments, invitation and meetings belong to association B. Every route that names an object
# answers 404 (403 where a role check comes before the object is looked up, as in MATRIX above) and
# changes nothing. {id} application, {meeting}/{item} B's meeting and agenda item, {comment} a comment,
# {invitation} an invitation, {user} the co-applicant, {association} association B.
ROLES_A = ("reviewer", "finance", "admin")
NOT_FOUND = (404, 404, 404)
DECISION_DATA = {"decision_date": "2026-05-15", "decision_body": "Styrelsen", "approved_total": "1", "version": "1"}
TENANT_MATRIX = [
    ("GET", "/applications/{id}", "submitted", None, NOT_FOUND),
    ("GET", "/applications/{id}", "approved", None, NOT_FOUND),
    *[("POST", f"/applications/{{id}}/actions/{action}", "submitted", DECISION_DATA, NOT_FOUND)
      for action in ("request_changes", "approve", "reject", "withdraw", "submit", "revise")],
    ("GET", "/applications/{id}/agreement.docx", "approved", None, NOT_FOUND),
    ("POST", "/applications/{id}/case", "submitted", {"officer": "", "officer_recommendation": "grant"}, NOT_FOUND),
    ("POST", "/applications/{id}/collaborators/{user}/remove", "submitted", {}, NOT_FOUND),
    ("POST", "/applications/{id}/comments", "submitted", {"target": "general", "body": "Från A"}, NOT_FOUND),
    ("POST", "/applications/{id}/comments/{comment}/resolve", "submitted", {}, NOT_FOUND),
    ("GET", "/applications/{id}/compare", "submitted", None, NOT_FOUND),
    ("POST", "/applications/{id}/copy", "approved", {}, (404, 404, 404)),
    ("GET", "/applications/{id}/decision-letter.docx", "approved", None, NOT_FOUND),
    ("GET", "/applications/{id}/delete", "submitted", None, NOT_FOUND),
    ("POST", "/applications/{id}/delete", "submitted", {}, NOT_FOUND),
    ("GET", "/applications/{id}/export.docx", "approved", None, NOT_FOUND),
    ("GET", "/applications/{id}/export.json", "approved", None, NOT_FOUND),
    ("GET", "/applications/{id}/export.xlsx", "approved", None, NOT_FOUND),
    ("POST", "/applications/{id}/extension", "approved", {"kind": "extension"}, NOT_FOUND),
    ("POST", "/applications/{id}/invitations/{invitation}/cancel", "submitted", {}, NOT_FOUND),
    ("POST", "/applications/{id}/invite", "submitted", {"email": "nobody@example.se"}, NOT_FOUND),
    ("GET", "/applications/{id}/steps/project", "submitted", None, NOT_FOUND),
    ("GET", "/applications/{id}/steps/review", "approved", None, NOT_FOUND),
    ("POST", "/applications/{id}/steps/timeline", "approved", {"timeline": "x", "save": "1"}, NOT_FOUND),
    ("POST", "/applications/{id}/steps/timeline/autosave", "approved", {"timeline": "x"}, NOT_FOUND),
    ("POST", "/applications/{id}/steps/budget/preview", "submitted", {}, NOT_FOUND),
    ("POST", "/applications/{id}/steps/goals/preview", "submitted", {}, NOT_FOUND),
    ("GET", "/applications/{id}/versions/1", "submitted", None, NOT_FOUND),
    ("GET", "/applications/{id}/versions/1/export.docx", "submitted", None, NOT_FOUND),
    ("GET", "/applications/{id}/versions/1/export.json", "submitted", None, NOT_FOUND),
    ("GET", "/applications/{id}/withdraw", "submitted", None, NOT_FOUND),
    ("GET", "/meetings/{meeting}", "submitted", None, NOT_FOUND),
    ("GET", "/meetings/{meeting}/kallelse.docx", "submitted", None, NOT_FOUND),
    ("POST", "/meetings/{meeting}/agenda", "submitted", {"application_id": "{id}"}, (404, 403, 404)),
    ("POST", "/meetings/{meeting}/agenda/{item}/recommendation", "submitted",
     {"recommendation": "grant", "note": "A"}, (404, 403, 404)),
    ("POST", "/meetings/{meeting}/agenda/{item}/decision", "submitted", {}, (404, 403, 404)),
    ("POST", "/meetings/{meeting}/agenda/{item}/remove", "submitted", {}, (404, 403, 404)),
    ("GET", "/associations/{association}", "submitted", None, NOT_FOUND),
    ("POST", "/associations/{association}", "submitted",
     {"name": "Kapat", "orgnr": "222000-1008", "reporting_periods": "12-31"}, NOT_FOUND),
    ("POST", "/associations/{association}/frames", "submitted", {"year": "2030", "amount": "1"}, NOT_FOUND),
    ("POST", "/associations/{association}/frames/2026/delete", "submitted", {}, NOT_FOUND),
    ("POST", "/associations/{association}/members", "submitted", {"email": "{self}", "role": "admin"}, NOT_FOUND),
    ("POST", "/associations/{association}/members/{b_reviewer}/remove", "submitted", {}, NOT_FOUND),
    ("GET", "/associations/{association}/portfolio/{year}", "approved", None, NOT_FOUND),
    ("GET", "/associations/{association}/portfolio/{year}.xlsx", "approved", None, NOT_FOUND),
    ("GET", "/associations/{association}/national/{year}.csv", "approved", None, NOT_FOUND),
    ("GET", "/associations/{association}/national/{year}.xlsx", "approved", None, NOT_FOUND),
    # follow-up: B's approved application and its draft period report ({report})
    ("GET", "/applications/{id}/followup", "approved", None, NOT_FOUND),
    ("POST", "/applications/{id}/followup/reports", "approved", {"period_end": "2017-08-31"}, NOT_FOUND),
    ("GET", "/applications/{id}/reports/{report}", "approved", None, NOT_FOUND),
    ("POST", "/applications/{id}/reports/{report}", "approved", {"amount-staff-0": "1", "lock_version": "1"},
     NOT_FOUND),
    ("POST", "/applications/{id}/reports/{report}/upload", "approved", {"lock_version": "1"}, NOT_FOUND),
    ("POST", "/applications/{id}/reports/{report}/comments", "approved", {"body": "Från A"}, NOT_FOUND),
    ("POST", "/applications/{id}/reports/{report}/approve", "approved", {"lock_version": "1"}, NOT_FOUND),
    ("POST", "/applications/{id}/reports/{report}/request-changes", "approved",
     {"comment": "Från A", "lock_version": "1"}, NOT_FOUND),
    ("GET", "/applications/{id}/reports/{report}/report.docx", "approved", None, NOT_FOUND),
    ("GET", "/applications/{id}/reports/{report}/report.xlsx", "approved", None, NOT_FOUND),
    ("GET", "/applications/{id}/reports/{report}/template.xlsx", "approved", None, NOT_FOUND),
]
# Routes that name no association's object: public pages, the account's own pages, lists (checked for their
# content below), creating one's own things. A token in the URL is the capability (invitations, reset).
NO_OBJECT = {
    ("GET", "/"), ("GET", "/healthz"), ("GET", "/hjalp"), ("GET", "/personuppgifter"), ("GET", "/tillganglighet"),
    ("GET", "/static/*"), ("POST", "/language"), ("GET", "/login"), ("POST", "/login"), ("POST", "/logout"),
    ("GET", "/register"), ("POST", "/register"), ("GET", "/password/forgot"), ("POST", "/password/forgot"),
    ("GET", "/password/reset/*"), ("POST", "/password/reset/*"), ("GET", "/invitations/*"),
    ("POST", "/invitations/*/*"), ("GET", "/check-docx"), ("POST", "/check-docx"), ("POST", "/check-docx/draft"),
    ("GET", "/applications"), ("POST", "/applications/new"), ("GET", "/applications/import"),
    ("POST", "/applications/import"), ("GET", "/review"), ("GET", "/review/export.csv"), ("GET", "/meetings"),
    ("POST", "/meetings"), ("GET", "/admin/users"), ("POST", "/admin/users"), ("GET", "/admin/presets"),
    ("POST", "/admin/presets"), ("POST", "/admin/presets/*/delete"), ("GET", "/associations"),
    ("POST", "/associations"), ("GET", "/portfolio"), ("GET", "/reports"),
}


def _shape(path: str) -> str:
    """A route or a matrix path with every variable part as *: "/applications/<int:app_id>" → "/applications/*"."""
    import re

    return re.sub(r"<[^>]+>|\{[^}]+\}|(?<=/)[0-9]+(?=/|$)", "*", path)


def test_every_route_is_classified(app):
    """A new route fails here until it is in TENANT_MATRIX (it names an object) or in NO_OBJECT."""
    classified = {(m, _shape(p)) for m, p, *_rest in TENANT_MATRIX} | {(m, _shape(p)) for m, p in NO_OBJECT}
    # the wizard's step routes are one rule each ("<step_key>"), the matrix names concrete steps
    classified |= {(m, "/applications/*/steps/*") for m in ("GET", "POST")} | {
        ("POST", "/applications/*/steps/*/autosave"), ("POST", "/applications/*/actions/*")}
    missing = sorted({(method, _shape(rule.rule)) for rule in app.url_map.iter_rules()
                      for method in rule.methods & {"GET", "POST"}} - classified)
    assert not missing, f"routes not classified for the association test: {missing}"


@pytest.fixture
def two_associations(app, make_user, make_application, hela_doc):
    """Association A's staff; association B's staff, application (with a version, case, comment, invitation,
    co-applicant, meetings) and settings; returns (people, build(status) → ids)."""
    from builder.applications.service import invite
    from builder.associations.service import add_member, ensure_association, set_frame
    from builder.extensions import db
    from builder.models import Application, Comment, Invitation, User
    from builder.review.service import snapshot
    from tests.helpers import TEST_ASSOCIATION

    with app.app_context():
        ensure_association("Förbundet A")
        db.session.commit()
    people = {f"a_{role}": make_user(role, association="Förbundet A") for role in ROLES_A}
    people |= {f"b_{role}": make_user(role) for role in ROLES_A}  # B = TEST_ASSOCIATION, the example's
    people["owner"], people["co"] = make_user("applicant"), make_user("applicant")
    with app.app_context():
        b = ensure_association(TEST_ASSOCIATION)
        set_frame(b, 2026, 5_000_000)
        b_id = b.id
        add_member(b, db.session.get(User, people["b_reviewer"][0]))

    def build(status: str) -> dict:
        doc = {**hela_doc, "title": "Hemliga B-projektet"}
        app_id = make_application(people["owner"][0], doc, status=status)
        with app.app_context():
            application = db.session.get(Application, app_id)
            assert application.association_id == b_id
            invite(application, people["co"][1])
            owner = db.session.get(User, people["owner"][0])
            snapshot(application, owner)
            db.session.add(Comment(application_id=app_id, user_id=people["b_reviewer"][0], target="general",
                                   body="B:s fråga", version_id=application.versions[-1].id))
            db.session.add(Invitation(application_id=app_id, email="inbjuden@example.se",
                                      invited_by_id=owner.id))
            db.session.commit()
            comment = db.session.scalar(db.select(Comment.id).where(Comment.application_id == app_id))
            invitation = db.session.scalar(db.select(Invitation.id).where(Invitation.application_id == app_id))
        records = _case_records(app, app_id, "/case {meeting}")
        return {"id": app_id, "comment": comment, "invitation": invitation, "user": people["co"][0],
                "association": b_id, "b_reviewer": people["b_reviewer"][0], "year": 2026,
                "report": _report(app, app_id, b_id), **records}

    return people, build


def _report(app, app_id: int, association_id: int) -> int:
    """A draft period report of the application (follow-up routes)."""
    from datetime import date

    from builder.extensions import db
    from builder.followup.models import PeriodReport

    with app.app_context():
        report = PeriodReport(application_id=app_id, association_id=association_id, year=2017,
                              period_end=date(2017, 8, 31), kind="delar", answers="{}")
        db.session.add(report)
        db.session.commit()
        return report.id


def _state(app, ids: dict) -> tuple:
    """Everything a request could change about B's objects (and the number of applications and meetings)."""
    from builder.cases.models import AgendaItem, Case, CaseEvent, Meeting
    from builder.extensions import db
    from builder.models import (
        Application,
        Association,
        AssociationMember,
        BudgetFrame,
        Collaborator,
        Comment,
        Invitation,
        Transition,
    )

    def rows(model, *where):
        return sorted(tuple(str(getattr(r, c.key)) for c in model.__table__.columns)
                      for r in db.session.scalars(db.select(model).where(*where)))

    with app.app_context():
        app_id, association_id = ids["id"], ids["association"]
        return (rows(Application, Application.id == app_id), rows(Comment, Comment.application_id == app_id),
                rows(Transition, Transition.application_id == app_id),
                rows(Collaborator, Collaborator.application_id == app_id),
                rows(Invitation, Invitation.application_id == app_id), rows(Case, Case.application_id == app_id),
                rows(CaseEvent, CaseEvent.application_id == app_id), rows(AgendaItem),
                rows(Association, Association.id == association_id),
                rows(AssociationMember, AssociationMember.association_id == association_id),
                rows(BudgetFrame, BudgetFrame.association_id == association_id),
                db.session.scalar(db.select(db.func.count(Application.id))),
                db.session.scalar(db.select(db.func.count(Meeting.id))), _followup_state(app_id))


def _followup_state(app_id: int) -> tuple:
    from builder.extensions import db
    from builder.followup.models import OutcomeRow, PeriodReport, ReportComment, ReportEvent

    reports = list(db.session.scalars(db.select(PeriodReport).where(PeriodReport.application_id == app_id)))
    return (sorted((r.id, r.status, r.lock_version, r.typed_input, r.answers) for r in reports),
            *(db.session.scalar(db.select(db.func.count(model.id))) for model in (OutcomeRow, ReportComment,
                                                                                  ReportEvent)))


@pytest.mark.parametrize("method,path,status,data,expected", TENANT_MATRIX,
                         ids=[f"{m} {p} [{s}]" for m, p, s, _d, _e in TENANT_MATRIX])
def test_staff_of_another_association_see_and_touch_nothing(app, two_associations, method, path, status, data,
                                                            expected):
    people, build = two_associations
    for role, want in zip(ROLES_A, expected, strict=True):
        client = app.test_client()
        person = people[f"a_{role}"]
        login(client, person[1], person[2])
        ids = build(status)
        url = path.format(**ids)
        posted = {k: v.format(**ids, self=person[1]) if isinstance(v, str) else v for k, v in (data or {}).items()}
        before = _state(app, ids)
        response = client.get(url) if method == "GET" else client.post(url, data=posted)
        assert response.status_code == want, (role, method, url, response.status_code)
        assert "Hemliga B-projektet" not in response.get_data(as_text=True), (role, url)
        assert _state(app, ids) == before, (role, method, url)


def test_staff_of_the_same_association_do_see_it(app, two_associations):
    """The control: B's own staff reach the same objects (so the 404s above are about the association)."""
    people, build = two_associations
    ids = build("approved")
    for role in ROLES_A:
        client = app.test_client()
        login(client, people[f"b_{role}"][1], people[f"b_{role}"][2])
        for url in (f"/applications/{ids['id']}", f"/meetings/{ids['meeting']}",
                    f"/associations/{ids['association']}", f"/applications/{ids['id']}/export.docx"):
            assert client.get(url).status_code == 200, (role, url)
        assert "Hemliga B-projektet" in client.get("/review").text


LIST_PAGES = ("/applications", "/review", "/review/export.csv", "/review?association=Samordningsf%C3%B6rbundet",
              "/meetings", "/admin/users", "/associations", "/check-docx")


def test_lists_of_another_association_hold_nothing_of_b(app, two_associations):
    """Association A's staff: no title, meeting place, staff name or address, or name of association B."""
    from tests.helpers import TEST_ASSOCIATION

    people, build = two_associations
    for status in ("submitted", "approved"):
        build(status)
    secrets = ["Hemliga B-projektet", "Kansliet", TEST_ASSOCIATION, *(people[f"b_{r}"][1] for r in ROLES_A)]
    for role in ROLES_A:
        client = app.test_client()
        login(client, people[f"a_{role}"][1], people[f"a_{role}"][2])
        for url in LIST_PAGES:
            response = client.get(url)
            assert response.status_code in (200, 404), (role, url, response.status_code)
            text = response.get_data(as_text=True)
            for secret in secrets:
                if url == "/applications" and secret == TEST_ASSOCIATION:
                    continue  # "Ny ansökan" offers every active association, as it does to applicants
                assert secret not in text, (role, url, secret)
