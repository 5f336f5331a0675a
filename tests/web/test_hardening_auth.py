"""Issue 14, accounts: login throttle (3), sessions that end (4), enumeration (7), password policy (12)."""
from __future__ import annotations

import statistics
import time

import pytest

from builder.extensions import db
from builder.models import User
from tests.helpers import login

PASSWORD = "correct horse battery"


def _user(app, email="victim@example.se", password=PASSWORD):
    from builder.auth.service import create_user

    with app.app_context():
        return create_user(email, password).id


def _post_login(client, email, password, ip="10.0.0.1"):
    return client.post("/login", data={"email": email, "password": password}, environ_base={"REMOTE_ADDR": ip})


# 3. Login throttling ---------------------------------------------------------------------------------------------

def test_control_character_does_not_reset_the_limit(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    _user(app)
    client = app.test_client()
    spellings = ["victim@example.se\x07", " VICTIM@example.se", "victim@example.se\x00", "Victim@Example.SE\x1b"]
    codes = [_post_login(client, email, "wrong password").status_code for email in spellings]
    assert codes == [422, 422, 422, 429]
    assert _post_login(client, "victim@example.se\x07", PASSWORD).status_code == 429  # the right one too


def test_account_ceiling_counts_every_spelling_from_every_address(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, LOGIN_ACCOUNT_RATE_LIMIT="3 per hour")
    _user(app)
    spellings = ["victim@example.se\x07", " VICTIM@example.se", "victim@example.se\x00", "Victim@Example.SE\x1b"]
    codes = [_post_login(app.test_client(), email, "wrong password", ip=f"203.0.113.{i}").status_code
             for i, email in enumerate(spellings)]
    assert codes == [422, 422, 422, 429]
    assert _post_login(app.test_client(), "victim@example.se\x07", PASSWORD, ip="203.0.113.99").status_code == 429


def test_successful_logins_are_not_counted(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="2 per minute")
    _user(app)
    client = app.test_client()
    for _ in range(5):
        assert _post_login(client, "victim@example.se", PASSWORD).status_code == 302
        client.post("/logout")


def test_strangers_cannot_lock_the_owner_out(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute", LOGIN_CLIENT_RATE_LIMIT="100 per minute",
                      LOGIN_ACCOUNT_RATE_LIMIT="6 per hour")
    _user(app)
    owner = app.test_client()
    assert _post_login(owner, "victim@example.se", PASSWORD, ip="192.0.2.7").status_code == 302  # a known browser
    owner.post("/logout")
    for ip in ("198.51.100.1", "198.51.100.2"):  # strangers from two addresses use up the account ceiling
        stranger = app.test_client()
        assert [_post_login(stranger, "victim@example.se", "guess", ip).status_code for _ in range(3)] == [422] * 3
    assert _post_login(app.test_client(), "victim@example.se", PASSWORD, ip="198.51.100.9").status_code == 429
    # the owner's browser, which has logged in before, is not locked out by the account ceiling
    assert _post_login(owner, "victim@example.se", PASSWORD, ip="192.0.2.7").status_code == 302


def test_per_client_limit_still_applies_across_accounts(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, LOGIN_CLIENT_RATE_LIMIT="4 per minute")
    client = app.test_client()
    codes = [_post_login(client, f"nobody{i}@example.se", "guess").status_code for i in range(5)]
    assert codes == [422, 422, 422, 422, 429]


# 7. Enumeration ----------------------------------------------------------------------------------------------------

def test_unknown_account_costs_as_much_as_a_wrong_password(app_factory):
    app = app_factory(ARGON2_PARAMS={"time_cost": 2, "memory_cost": 32 * 1024, "parallelism": 1})
    _user(app)
    client = app.test_client()

    def median(email):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            assert _post_login(client, email, "wrong password").status_code == 422
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    _post_login(client, "victim@example.se", "warm up")
    known, unknown = median("victim@example.se"), median("nobody@example.se")
    assert unknown > 0.5 * known, (unknown, known)


def test_registration_answers_the_same_for_an_existing_address(app, client, monkeypatch):
    from builder.auth import routes

    _user(app, "taken@example.se")
    told = []
    monkeypatch.setattr(routes, "notify_existing_account", lambda user: told.append(user.email))
    answers = []
    for email in ("new@example.se", "Taken@example.se"):
        response = client.post("/register", data={"name": "N", "email": email, "password": "blå fjäril 77 kvist",
                                                   "confirm": "blå fjäril 77 kvist"})
        page = client.get(response.location).text
        answers.append((response.status_code, response.location, page.count("Tack! Logga in")))
    assert answers[0] == answers[1] == (302, "/login", 1)
    assert told == ["taken@example.se"]
    with app.app_context():  # the existing account is untouched, the new one exists
        assert login(app.test_client(), "taken@example.se", PASSWORD).status_code == 302
        assert db.session.scalar(db.select(User).filter_by(email="new@example.se")) is not None


# 4. Sessions -------------------------------------------------------------------------------------------------------

def test_a_copied_session_cookie_stops_working_at_logout(app, client, make_user):
    _id, email, password = make_user("applicant")
    login(client, email, password)
    copy = app.test_client()
    cookie = client.get_cookie("session")
    copy.set_cookie("session", cookie.value)
    assert copy.get("/applications").status_code == 200  # the copy works while the session lives
    client.post("/logout")
    response = copy.get("/applications")
    assert response.status_code == 302 and "/login" in response.location


def test_deactivation_ends_the_session(app, client, make_user):
    _user_id, email, password = make_user("applicant")
    login(client, email, password)
    assert client.get("/applications").status_code == 200
    result = app.test_cli_runner().invoke(args=["users", "deactivate", email.upper()])
    assert result.exit_code == 0, result.output
    assert client.get("/applications").status_code == 302  # the open session ended
    assert client.post("/login", data={"email": email, "password": password}).status_code == 422
    assert app.test_cli_runner().invoke(args=["users", "deactivate", "nobody@example.se"]).exit_code == 2


@pytest.mark.parametrize("key,age,logged_in", [("_seen_at", 7000, True), ("_seen_at", 7201, False),
                                               ("_login_at", 43_000, True), ("_login_at", 43_201, False)])
def test_idle_and_absolute_timeouts(client, make_user, key, age, logged_in):
    _id, email, password = make_user("applicant")
    login(client, email, password)
    with client.session_transaction() as session:
        session[key] = int(time.time()) - age
    assert (client.get("/applications").status_code == 200) is logged_in


def test_timeouts_are_configurable(app_factory, make_user, monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_TIMEOUT", "600")
    from builder.config import Config, ConfigError, environment_problem

    monkeypatch.setattr(Config, "SESSION_IDLE_TIMEOUT", "600")
    app = app_factory()
    assert app.config["SESSION_IDLE_TIMEOUT"] == 600 and app.config["SESSION_ABSOLUTE_TIMEOUT"] == 43_200
    monkeypatch.setattr(Config, "SESSION_IDLE_TIMEOUT", "two hours")
    assert "SESSION_IDLE_TIMEOUT" in environment_problem()
    with pytest.raises(ConfigError):
        app_factory(SESSION_ABSOLUTE_TIMEOUT="-1")


def test_csrf_token_rotates_at_login(app_factory):
    app = app_factory(WTF_CSRF_ENABLED=True)
    _user(app)
    client = app.test_client()
    import re

    page = client.get("/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    with client.session_transaction() as session:
        before = session["csrf_token"]
    response = client.post("/login", data={"email": "victim@example.se", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    with client.session_transaction() as session:
        assert session.get("csrf_token") != before
    # the old token no longer passes
    assert client.post("/logout", data={"csrf_token": token}).status_code == 400


# 12. Password policy -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("password,email", [("aaaaaaaaaa", "a@example.se"), ("password123", "b@example.se"),
                                            ("Qwertyuiop", "c@example.se"), ("sommar2024!", "d@example.se"),
                                            ("petra.svensson2024", "petra.svensson@example.se"),
                                            ("1234567890", "e@example.se"), ("ababababab12", "f@example.se")])
def test_weak_passwords_are_refused(client, app, password, email):
    response = client.post("/register", data={"name": "P", "email": email, "password": password, "confirm": password})
    assert response.status_code == 422
    assert "Lösenordet" in response.text
    with app.app_context():
        assert db.session.scalar(db.select(User).filter_by(email=email)) is None


def test_a_good_password_is_accepted(client, app):
    response = client.post("/register", data={"name": "P", "email": "petra@example.se",
                                              "password": "gröna tåg i regn", "confirm": "gröna tåg i regn"})
    assert response.status_code == 302


def test_common_list_is_bundled_and_large():
    from builder.auth.policy import common_passwords

    assert len(common_passwords()) > 3000
    assert {"password123", "qwertyuiop", "lösenord123", "1234567890"} <= common_passwords()


def test_users_command_applies_the_policy(app):
    result = app.test_cli_runner().invoke(args=["users", "create", "rita@example.se", "--password", "password123"])
    assert result.exit_code == 2 and "password" in result.output
