"""Deployment: production refuses unsafe settings with one line (gunicorn, flask CLI), the Argon2 floor,
re-hashing at login, and the login rate limit shared through Redis by separate processes."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid

import pytest

from tests.helpers import REPO, login

CHEAP = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


def production_env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECRET_KEY", "ARGON2_", "RATELIMIT_"))}
    env.update(FLASK_ENV_PRODUCTION="1", BIND="127.0.0.1:0", WEB_CONCURRENCY="1", ACCESS_LOG="-",
               DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite'}", FINSAM_INSTANCE=str(tmp_path / "instance"))
    env.update(extra)
    return env


def run(args, env) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=60)


def assert_one_line_refusal(result, *words):
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "refusing to start" in lines[0]
    for word in words:
        assert word in lines[0]


@pytest.mark.slow
@pytest.mark.parametrize("extra,word", [
    ({}, "SECRET_KEY"),
    ({"SECRET_KEY": "s" * 32, "RATELIMIT_ENABLED": "0"}, "RATELIMIT_ENABLED"),
    ({"SECRET_KEY": "s" * 32, "ARGON2_MEMORY_COST": "1024"}, "ARGON2_MEMORY_COST"),
    ({"SECRET_KEY": "s" * 32, "ARGON2_TIME_COST": "1"}, "ARGON2_TIME_COST"),
    ({"SECRET_KEY": "s" * 32, "TRUSTED_PROXIES": "yes"}, "TRUSTED_PROXIES"),
    ({"SECRET_KEY": "s" * 32, "SQLITE_BUSY_TIMEOUT": "soon"}, "SQLITE_BUSY_TIMEOUT"),
])
def test_gunicorn_refuses_unsafe_production_settings_with_one_line(tmp_path, extra, word):
    result = run([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
                 production_env(tmp_path, **extra))
    assert_one_line_refusal(result, word)


@pytest.mark.slow
def test_flask_cli_refuses_production_without_secret_key(tmp_path):
    result = run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], production_env(tmp_path))
    assert_one_line_refusal(result, "SECRET_KEY")


@pytest.mark.slow
def test_flask_cli_db_upgrade_in_production_with_secret_key(tmp_path):
    result = run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
                 production_env(tmp_path, SECRET_KEY="s" * 32))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "prod.sqlite").exists()


@pytest.mark.parametrize("overrides,word", [
    ({"RATELIMIT_ENABLED": False}, "RATELIMIT_ENABLED"),
    ({"ARGON2_PARAMS": {"memory_cost": 19 * 1024 - 1, "time_cost": 2, "parallelism": 1}}, "ARGON2_MEMORY_COST"),
])
def test_create_app_refuses_weak_production_settings(database_url, tmp_path, monkeypatch, overrides, word):
    from builder import create_app
    from builder.config import ConfigError

    monkeypatch.setenv("FINSAM_INSTANCE", str(tmp_path))
    config = {"PRODUCTION": True, "SECRET_KEY": "s" * 32, "SQLALCHEMY_DATABASE_URI": database_url,
              "RATELIMIT_ENABLED": True, **overrides}
    with pytest.raises(ConfigError, match=word):
        create_app(config)


def test_argon2_parameters_from_environment():
    from builder.config import ConfigError, argon2_params_from

    assert argon2_params_from({}) is None
    assert argon2_params_from({"ARGON2_MEMORY_COST": "19456", "ARGON2_TIME_COST": "2"}) == {
        "memory_cost": 19456, "time_cost": 2}
    with pytest.raises(ConfigError, match="ARGON2_PARALLELISM"):
        argon2_params_from({"ARGON2_PARALLELISM": "two"})


def test_password_is_rehashed_at_login_when_parameters_change(app_factory, make_user):
    from builder.extensions import db
    from builder.models import User

    app = app_factory(ARGON2_PARAMS=CHEAP)
    user_id, email, password = make_user()  # hashed with t=1
    with app.app_context():
        before = db.session.get(User, user_id).password_hash
    assert ",t=1," in before
    app.config["ARGON2_PARAMS"] = {**CHEAP, "time_cost": 2}
    login(app.test_client(), email, password)
    with app.app_context():
        after = db.session.get(User, user_id).password_hash
    assert ",t=2," in after and after != before
    client = app.test_client()
    login(client, email, password)  # the new hash verifies; nothing changes again
    with app.app_context():
        assert db.session.get(User, user_id).password_hash == after


# --- the login rate limit shared by separate processes through Redis --------------------------------

REDIS = ("127.0.0.1", 6379)

LOGIN_ATTEMPTS = r"""
import json, os, sys
from builder import create_app
app = create_app({"TESTING": True, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": True,
                  "SQLALCHEMY_DATABASE_URI": os.environ["DB"], "RATELIMIT_STORAGE_URI": os.environ["STORAGE"],
                  "RATELIMIT_KEY_PREFIX": os.environ["PREFIX"], "LOGIN_RATE_LIMIT": "3 per minute",
                  "ARGON2_PARAMS": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}})
client = app.test_client()
codes = [client.post("/login", data={"email": "shared@example.se", "password": "wrong"}).status_code
         for _ in range(int(sys.argv[1]))]
print(json.dumps(codes))
"""


def _redis_reason() -> str | None:
    try:
        with socket.create_connection(REDIS, timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return None if sock.recv(16).startswith(b"+PONG") else "Redis at 127.0.0.1:6379 did not answer PING"
    except OSError as exc:
        return f"Redis not reachable at 127.0.0.1:6379 ({type(exc).__name__})"


def _attempts(tmp_path, storage: str, prefix: str, count: int) -> list[int]:
    env = {**os.environ, "DB": f"sqlite:///{tmp_path / 'shared.sqlite'}", "STORAGE": storage, "PREFIX": prefix,
           "FINSAM_INSTANCE": str(tmp_path / "instance")}
    result = subprocess.run([sys.executable, "-c", LOGIN_ATTEMPTS, str(count)], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def shared_db(tmp_path):
    from builder.extensions import db
    from tests.helpers import make_app

    app = make_app(f"sqlite:///{tmp_path / 'shared.sqlite'}")
    with app.app_context():
        db.create_all()
        from builder.auth.service import create_user

        create_user("shared@example.se", "correct horse battery")
        db.engine.dispose()
    return tmp_path


@pytest.mark.slow
def test_two_processes_share_the_login_limit_through_redis(shared_db):
    reason = _redis_reason()
    if reason:
        pytest.skip(reason)
    prefix = "finsam-test-" + uuid.uuid4().hex[:12]
    assert _attempts(shared_db, "redis://127.0.0.1:6379", prefix, 3) == [422, 422, 422]
    assert _attempts(shared_db, "redis://127.0.0.1:6379", prefix, 1) == [429]  # another process: already spent


@pytest.mark.slow
def test_in_memory_limits_are_per_process(shared_db):
    """The control: with memory:// each process counts on its own (why production needs Redis)."""
    assert _attempts(shared_db, "memory://", "x", 3) == [422, 422, 422]
    assert _attempts(shared_db, "memory://", "x", 1) == [422]


@pytest.mark.slow
def test_development_secret_key_is_the_same_for_workers_booting_at_once(tmp_path):
    """Without SECRET_KEY (development) every worker must read one key, or sessions break between workers."""
    from concurrent.futures import ThreadPoolExecutor

    from builder.config import _instance_secret

    instance = str(tmp_path / "instance")
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: _instance_secret(instance), range(16)))
    assert len(keys) == 1 and len(keys.pop()) == 64
    assert sorted(os.listdir(instance)) == ["secret_key", "secret_key.lock"]  # no temporary file left behind


@pytest.mark.parametrize("value", ["-1", "abc", "1.5", "6", "١"])
def test_trusted_proxies_must_be_a_small_whole_number(app_factory, value):
    from builder.config import ConfigError

    with pytest.raises(ConfigError, match="TRUSTED_PROXIES"):
        app_factory(TRUSTED_PROXIES=value)


@pytest.mark.parametrize("trusted,expected", [(0, [422, 429]), (1, [422, 422])])
def test_login_limit_per_client_behind_a_trusted_proxy(app_factory, trusted, expected):
    """Behind one proxy (TRUSTED_PROXIES=1) two clients have their own limit; without it, X-Forwarded-For is ignored."""
    app = app_factory(RATELIMIT_ENABLED=True, LOGIN_CLIENT_RATE_LIMIT="1 per minute", TRUSTED_PROXIES=trusted,
                      RATELIMIT_KEY_PREFIX="proxy-" + uuid.uuid4().hex[:8])
    client = app.test_client()
    codes = [client.post("/login", data={"email": f"{who}@example.se", "password": "wrong"},
                         headers={"X-Forwarded-For": address}).status_code
             for who, address in (("a", "192.0.2.1"), ("b", "192.0.2.2"))]
    assert codes == expected
