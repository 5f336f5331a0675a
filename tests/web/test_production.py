"""Production settings: a secret key is required; security headers and cookie flags are set."""
import pytest

from tests.helpers import login


def test_production_refuses_to_start_without_secret_key(database_url, tmp_path, monkeypatch):
    from builder import create_app

    monkeypatch.setenv("FINSAM_INSTANCE", str(tmp_path))
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"PRODUCTION": True, "SECRET_KEY": None, "SQLALCHEMY_DATABASE_URI": database_url})


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_flags(client, make_user):
    _id, email, pw = make_user("applicant")
    response = login(client, email, pw)
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_secure_cookie_in_production(app_factory, make_user):
    from builder.config import ARGON2_FLOOR

    app = app_factory(PRODUCTION=True, RATELIMIT_ENABLED=True, ARGON2_PARAMS=dict(ARGON2_FLOOR))
    client = app.test_client()
    from builder.auth.service import create_user

    with app.app_context():
        create_user("p@example.se", "correct horse battery")
    response = client.post("/login", data={"email": "p@example.se", "password": "correct horse battery"})
    assert "Secure" in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" in response.headers


def test_error_pages_show_no_traceback(app_factory):
    app = app_factory()
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("SELECT secret FROM users")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Traceback" not in response.text and "SELECT" not in response.text
    assert "Något gick fel" in response.text


def test_request_size_limit(client, login_as):
    login_as("applicant")
    response = client.post("/applications/import", data={"file": (__import__("io").BytesIO(b"x" * (26 * 1024 * 1024)),
                                                                   "big.json")}, content_type="multipart/form-data")
    assert response.status_code == 413
