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
    ("GET", "/admin/presets", "draft", None, (LOGIN, 404, 404, 404, 404, 404, 200)),
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
