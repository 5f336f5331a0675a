"""Who sees what: another user's application is a 404, never its content; CSRF on every POST."""
from __future__ import annotations

import pytest

from tests.helpers import login
from tests.web.drafts import with_base


@pytest.fixture
def foreign_application(app, make_user, make_application, hela_doc):
    owner_id, _email, _pw = make_user("applicant")
    return make_application(owner_id, hela_doc)


@pytest.mark.parametrize("path", ["/applications/{id}", "/applications/{id}/steps/project",
                                  "/applications/{id}/steps/budget", "/applications/{id}/steps/review",
                                  "/applications/{id}/export.json"])
def test_other_applicants_application_is_404(client, login_as, foreign_application, path):
    login_as("applicant")
    response = client.get(path.format(id=foreign_application))
    assert response.status_code == 404
    assert "Hela Familjen" not in response.text


def test_post_to_other_applicants_step_is_404_and_changes_nothing(client, app, login_as, foreign_application):
    login_as("applicant")
    response = client.post(f"/applications/{foreign_application}/steps/project",
                           data={"title": "Kapad", "period_start": "2017-06-01", "period_end": "2019-05-31",
                                 "save": "1"})
    assert response.status_code == 404
    from builder.extensions import db
    from builder.models import Application

    with app.app_context():
        assert db.session.get(Application, foreign_application).title.startswith("Hela Familjen")


def test_list_shows_only_own_and_shared(client, app, make_user, make_application, hela_doc):
    me_id, me_email, pw = make_user("applicant")
    other_id, _e, _p = make_user("applicant")
    mine = make_application(me_id, {**hela_doc, "title": "Mitt projekt"})
    make_application(other_id, {**hela_doc, "title": "Någon annans projekt"})
    login(client, me_email, pw)
    page = client.get("/applications").text
    assert "Mitt projekt" in page and "Någon annans projekt" not in page
    assert f"/applications/{mine}" in page


def test_invited_co_applicant_can_edit(client, app, make_user, make_application, hela_doc):
    owner_id, owner_email, pw = make_user("applicant")
    _co_id, co_email, co_pw = make_user("applicant")
    app_id = make_application(owner_id, hela_doc)
    login(client, owner_email, pw)
    response = client.post(f"/applications/{app_id}/invite", data={"email": co_email.upper()})
    assert response.status_code == 302
    assert co_email in client.get(f"/applications/{app_id}").text
    client.post("/logout")
    login(client, co_email, co_pw)
    assert client.get(f"/applications/{app_id}/steps/project").status_code == 200
    data = with_base(client, app_id, {"timeline": "Av medsökande", "activities": "A", "save": "1"})
    response = client.post(f"/applications/{app_id}/steps/timeline", data=data)
    assert response.status_code == 303


def test_invite_unknown_email_says_so(client, login_as, make_application, hela_doc):
    user_id, _ = login_as("applicant")
    app_id = make_application(user_id, hela_doc)
    response = client.post(f"/applications/{app_id}/invite", data={"email": "ingen@example.se"},
                           follow_redirects=True)
    assert "Det finns inget konto med den e-postadressen" in response.text


def test_anonymous_is_sent_to_login(client, foreign_application):
    response = client.get(f"/applications/{foreign_application}/steps/project")
    assert response.status_code == 302 and "/login" in response.location


def test_submitted_application_cannot_be_edited(client, app, login_as, make_application, hela_doc):
    user_id, _ = login_as("applicant")
    app_id = make_application(user_id, hela_doc, status="submitted")
    response = client.post(f"/applications/{app_id}/steps/timeline", data={"timeline": "x", "save": "1"})
    assert response.status_code == 409
    assert client.get(f"/applications/{app_id}/steps/timeline").status_code == 302  # to the read-only page


class TestCsrf:
    @pytest.fixture
    def app(self, app_factory):
        return app_factory(WTF_CSRF_ENABLED=True)

    def test_post_without_token_is_refused(self, client, app, make_user, make_application, hela_doc):
        user_id, email, pw = make_user("applicant")
        app_id = make_application(user_id, hela_doc)
        assert client.post("/login", data={"email": email, "password": pw}).status_code == 400
        page = client.get("/login").text
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        assert client.post("/login", data={"email": email, "password": pw, "csrf_token": token}).status_code == 302
        response = client.post(f"/applications/{app_id}/steps/timeline", data={"timeline": "utan token",
                                                                                "save": "1"})
        assert response.status_code == 400
        from builder.extensions import db
        from builder.models import Application

        with app.app_context():
            assert db.session.get(Application, app_id).doc["sections"]["timeline"] != "utan token"
