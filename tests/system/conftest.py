"""System tests: the real gunicorn (`gunicorn -c gunicorn.conf.py wsgi:app`) on a migrated database.

The server runs in its own process group so a test can SIGKILL all of it at once. Clients talk
HTTP like a browser: a cookie per session, the CSRF token read from each page, no redirects followed.
"""
from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.helpers import HELA_FAMILJEN, REPO, fresh_pg_database, make_app

BIN = Path(sys.executable).parent
PASSWORD = "correct horse battery"
STARTUP_TIMEOUT = 120  # seconds: three workers importing the app on a busy two-core machine
REQUEST_TIMEOUT = 60


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/system/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.system)


# ---------------------------------------------------------------- databases


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def system_db(request, tmp_path):
    """A database URL of its own for one test: a new SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'system.sqlite'}"
        return
    with fresh_pg_database("finsam_system_") as url:
        yield url.replace("postgresql+psycopg://", "postgresql://")  # as an operator writes DATABASE_URL


def server_env(database_url: str, instance: Path, bind: str = "") -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "WERKZEUG_"))}
    env.update(DATABASE_URL=database_url, SECRET_KEY="system-test-secret", FINSAM_INSTANCE=str(instance),
               WEB_CONCURRENCY="3", GUNICORN_THREADS="2", GUNICORN_TIMEOUT="60",
               # Logins are rate-limited per address; every client here comes from 127.0.0.1.
               LOGIN_RATE_LIMIT="10000 per minute", PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
               PYTHONUNBUFFERED="1")
    if bind:
        env["BIND"] = bind
    return env


def db_upgrade(database_url: str, instance: Path) -> subprocess.CompletedProcess:
    """`flask --app wsgi db upgrade` as the operator runs it; fails the test when it fails."""
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=REPO,
                            env=server_env(database_url, instance), capture_output=True, text=True,
                            timeout=180)
    assert result.returncode == 0, f"db upgrade failed:\n{result.stdout}\n{result.stderr}"
    return result


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Gunicorn:
    database_url: str
    instance: Path
    log_path: Path
    port: int = 0
    proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, port: int = 0) -> Gunicorn:
        self.port = port or free_port()
        log = open(self.log_path, "ab")
        log.write(f"\n===== start on port {self.port} =====\n".encode())
        log.flush()
        self.proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], cwd=REPO,
                                     env=server_env(self.database_url, self.instance, self.base),
                                     stdout=log, stderr=subprocess.STDOUT, process_group=0)
        log.close()
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"gunicorn exited with {self.proc.returncode}:\n{self.log()}")
            try:
                if Client(self).get("/login").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        pytest.fail(f"gunicorn did not answer within {STARTUP_TIMEOUT} s:\n{self.log()}")

    def kill(self) -> None:
        """SIGKILL the master and every worker at once (the whole process group)."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        deadline = time.monotonic() + 30  # orphaned workers die a moment after their signal
        while self.group_members() and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self) -> None:
        """After a test: SIGKILL whatever is left of the group (a graceful stop only costs time here)."""
        if self.proc is not None and (self.proc.poll() is None or self.group_members()):
            self.kill()

    def group_members(self) -> list[int]:
        """Live (not zombie) processes still in the server's process group."""
        members = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, _ppid, pgrp = stat.rsplit(")", 1)[1].split()[:3]
            if int(pgrp) == self.proc.pid and state not in ("Z", "X"):
                members.append(int(entry.name))
        return members

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-6000:]


@pytest.fixture
def gunicorn(system_db, tmp_path):
    """A migrated database and a factory for servers on it; every server is stopped afterwards."""
    instance = tmp_path / "instance"
    db_upgrade(system_db, instance)
    servers: list[Gunicorn] = []

    def start(port: int = 0) -> Gunicorn:
        server = Gunicorn(system_db, instance, tmp_path / "gunicorn.log").start(port)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


# ---------------------------------------------------------------- HTTP like a browser


@dataclass
class Response:
    status: int
    headers: dict
    text: str


@dataclass
class Client:
    """One browser session: cookies kept, redirects not followed, CSRF token read from pages."""

    server: Gunicorn
    cookies: dict = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict | list | None = None) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=REQUEST_TIMEOUT)
        try:
            headers = {"Accept-Language": "sv"}
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            body = None
            if form is not None:
                body = urlencode(form).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            text = raw.read().decode("utf-8", errors="replace")
            for value in raw.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value
            return Response(raw.status, dict(raw.headers), text)
        finally:
            conn.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, form: dict | list) -> Response:
        return self.request("POST", path, form)

    def login(self, email: str, password: str = PASSWORD) -> None:
        page = self.get("/login")
        response = self.post("/login", {"csrf_token": csrf_token(page.text), "email": email, "password": password})
        assert response.status == 302, (response.status, response.text[:500])


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def base_version(html: str) -> int:
    match = re.search(r'name="base_version" value="(\d+)"', html)
    assert match, "no base_version on the page"
    return int(match.group(1))


# ---------------------------------------------------------------- seeding and reading the database


def seed(database_url: str, owners: int, co_applicants: int = 0):
    """Accounts (cheap password hashes) and one Hela Familjen draft per owner, written straight to the DB.

    Returns ([(owner email, application id)], [co-applicant emails]).
    """
    import json

    from builder.applications.service import create_application
    from builder.auth.service import create_user
    from builder.extensions import db

    app = make_app(database_url)
    doc = json.loads(HELA_FAMILJEN.read_text(encoding="utf-8"))
    tag = uuid.uuid4().hex[:6]
    drafts, others = [], []
    with app.app_context():
        for i in range(owners):
            user = create_user(f"owner{i}-{tag}@system.se", PASSWORD, "applicant", f"Ägare {i}")
            drafts.append((user.email, create_application(user, doc).id))
        for i in range(co_applicants):
            others.append(create_user(f"co{i}-{tag}@system.se", PASSWORD, "applicant", f"Medsökande {i}").email)
        db.session.remove()
        db.engine.dispose()
    return drafts, others


def read_rows(database_url: str, sql: str, **params) -> list[tuple]:
    """Rows straight from the database, with a short-lived engine of our own."""
    import sqlalchemy as sa

    from builder.config import Config, finalize

    config = {name: getattr(Config, name) for name in dir(Config) if name.isupper()}
    config.update(SQLALCHEMY_DATABASE_URI=database_url, SECRET_KEY="x")
    finalize(config, "/nonexistent")
    engine = sa.create_engine(config["SQLALCHEMY_DATABASE_URI"])
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(sa.text(sql), params)]
    finally:
        engine.dispose()
