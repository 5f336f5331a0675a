"""Accounts: register, log in and out, rate limit, safe redirects; admin pages and the users command."""
from __future__ import annotations

from flask.testing import FlaskCliRunner

from builder.extensions import db
from builder.models import FeePreset, User
from tests.helpers import login


def test_register_creates_an_applicant_who_then_logs_in(client, app):
    response = client.post("/register", data={"name": "Petra", "email": "Petra@Example.se",
                                              "password": "tio tecken minst", "confirm": "tio tecken minst"})
    assert response.status_code == 302 and response.location == "/login"  # the same answer for a taken address
    with app.app_context():
        user = db.session.scalar(db.select(User).filter_by(email="petra@example.se"))
        assert user.role == "applicant"
        assert user.password_hash.startswith("$argon2id$")
    login(client, "petra@example.se", "tio tecken minst")
    assert client.get("/applications").status_code == 200


def test_register_refuses_short_password_and_duplicate(client, make_user):
    _id, email, _pw = make_user("applicant")
    response = client.post("/register", data={"name": "X", "email": email, "password": "kort", "confirm": "kort"})
    assert response.status_code == 422
    assert "Minst 10 tecken." in response.text
    response = client.post("/register", data={"name": "X", "email": email, "password": "tillräckligt lång",
                                              "confirm": "tillräckligt lång"})
    assert response.status_code == 302  # no hint that the address is taken (the owner is told by e-mail)
    assert login(client, email, _pw).status_code == 302  # the account is unchanged


def test_wrong_password_message(client, make_user):
    _id, email, _pw = make_user("applicant")
    response = client.post("/login", data={"email": email, "password": "fel lösenord"})
    assert response.status_code == 422
    assert "Fel e-postadress eller lösenord." in response.text


def test_next_parameter_only_local(client, make_user):
    _id, email, pw = make_user("applicant")
    response = client.post("/login?next=//evil.example/x", data={"email": email, "password": pw})
    assert response.location == "/applications"
    client.post("/logout")
    response = client.post("/login?next=/applications/import", data={"email": email, "password": pw})
    assert response.location == "/applications/import"


def test_logout_requires_post_and_logs_out(client, login_as):
    login_as("applicant")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    assert client.get("/applications").status_code == 302


class TestRateLimit:
    def test_login_attempts_are_limited(self, app_factory, make_user):
        app = app_factory(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
        client = app.test_client()
        from builder.auth.service import create_user

        with app.app_context():
            create_user("limit@example.se", "correct horse battery")
        codes = [client.post("/login", data={"email": "limit@example.se", "password": "wrong"}).status_code
                 for _ in range(4)]
        assert codes == [422, 422, 422, 429]


def test_admin_creates_reviewer(client, app, login_as):
    login_as("admin")
    response = client.post("/admin/users", data={"name": "Rita", "email": "rita@forbund.se", "role": "reviewer",
                                                 "password": "granskare123", "confirm": "granskare123"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(User).filter_by(email="rita@forbund.se")).role == "reviewer"


def test_admin_pages_hidden_from_others(client, login_as):
    login_as("applicant")
    assert client.get("/admin/users").status_code == 404
    assert client.get("/admin/presets").status_code == 404


def _platform_admin(app, login_as):
    """The presets are the installation's: its platform administrators edit them."""
    user_id, _email = login_as("admin")
    with app.app_context():
        db.session.get(User, user_id).platform_admin = True
        db.session.commit()


def test_an_associations_admin_does_not_edit_the_installations_presets(client, login_as):
    login_as("admin")
    assert client.get("/admin/presets").status_code == 404
    assert client.post("/admin/presets", data={"label": "X", "rate": "1 %"}).status_code == 404


def test_admin_edits_presets(client, app, login_as):
    _platform_admin(app, login_as)
    response = client.post("/admin/presets", data={"label": "Kommun 2024", "rate": "44,53 %", "source": "SKR"})
    assert response.status_code == 302
    with app.app_context():
        preset = db.session.scalar(db.select(FeePreset))
        assert (preset.label, preset.rate) == ("Kommun 2024", "0.4453")
        preset_id = preset.id
    response = client.post("/admin/presets", data={"label": "Fel", "rate": "mycket"})
    assert response.status_code == 422
    assert client.post(f"/admin/presets/{preset_id}/delete").status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(FeePreset)) is None


def test_admin_sets_a_party_kinds_default_with_year_and_source(client, app, login_as):
    _platform_admin(app, login_as)
    response = client.post("/admin/presets", data={"label": "Kommun 2025", "rate": "45,1 %", "source": "SKR 2025",
                                                   "year": "2025", "party_kind": "municipality"})
    assert response.status_code == 302
    with app.app_context():
        preset = db.session.scalar(db.select(FeePreset))
        assert (preset.party_kind, preset.year, preset.source) == ("municipality", 2025, "SKR 2025")
    page = client.get("/admin/presets").text
    assert "<td>2025</td><td>Kommun</td>" in page
    refused = client.post("/admin/presets", data={"label": "X", "rate": "1 %", "party_kind": "nonsense"})
    assert refused.status_code == 422


def test_users_create_command(app):
    runner = FlaskCliRunner(app)
    result = runner.invoke(args=["users", "create", "Ekonom@Forbund.se", "--role", "finance",
                                 "--password", "kassabok-77-lila"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(db.select(User).filter_by(email="ekonom@forbund.se")).role == "finance"
    again = runner.invoke(args=["users", "create", "ekonom@forbund.se", "--password", "kassabok-77-lila"])
    assert again.exit_code == 2
    bad = runner.invoke(args=["users", "create", "x@y.se", "--role", "boss", "--password", "kassabok-77-lila"])
    assert bad.exit_code == 2


def test_demo_data_command_is_idempotent(app):
    runner = FlaskCliRunner(app)
    assert runner.invoke(args=["demo-data"]).exit_code == 0
    assert "already there" in runner.invoke(args=["demo-data"]).output
    with app.app_context():
        from builder.demo import DEMO_ACCOUNTS

        assert db.session.scalar(db.select(db.func.count(User.id))) == len(DEMO_ACCOUNTS) == 5


def test_demo_logins_shown_only_in_demo_mode(app_factory):
    plain = app_factory().test_client().get("/login").text
    assert "projektledare@demo.se" not in plain
    demo = app_factory(DEMO_MODE=True).test_client().get("/login").text
    assert "projektledare@demo.se" in demo


def test_language_switch_to_english(client, login_as):
    login_as("applicant")
    response = client.post("/language", data={"language": "en", "next": "/applications"})
    assert response.location == "/applications"
    page = client.get("/applications").text
    assert '<html lang="en">' in page
    assert "My applications" in page


def test_login_with_session_for_deleted_user_is_anonymous(client, app, make_user):
    user_id, email, pw = make_user("applicant")
    login(client, email, pw)
    with app.app_context():
        db.session.delete(db.session.get(User, user_id))
        db.session.commit()
    assert client.get("/applications").status_code == 302
