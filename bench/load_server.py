"""The server side of bench/load.py: a fresh database, `db upgrade`, gunicorn with gunicorn.conf.py, and the
check afterwards that every saved application is in the database with the engine's totals."""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/test"
# The OWASP minimum (the production floor); the library default (m=64 MiB, t=3, p=4) is `--argon2 default`.
ARGON2_FLOOR_ENV = {"ARGON2_MEMORY_COST": "19456", "ARGON2_TIME_COST": "2", "ARGON2_PARALLELISM": "1"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def fresh_database(kind: str, workdir: Path):
    """A new SQLite file or PostgreSQL database (dropped afterwards); yields its URL."""
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'load.sqlite'}"
        return
    import psycopg

    name = "finsam_load_" + uuid.uuid4().hex[:10]
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(database_url: str, workdir: Path, port: int, args) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGON2_", "FLASK_ENV_PRODUCTION"))}
    env.update(DATABASE_URL=database_url, SECRET_KEY=secrets.token_hex(32), BIND=f"127.0.0.1:{port}",
               FINSAM_INSTANCE=str(workdir / "instance"), ACCESS_LOG=str(workdir / "access.log"),
               RATELIMIT_ENABLED="0",  # every simulated user comes from 127.0.0.1; refused in production
               WEB_CONCURRENCY=str(args.workers), GUNICORN_THREADS=str(args.threads), PYTHONUNBUFFERED="1")
    if args.argon2 == "floor":
        env.update(ARGON2_FLOOR_ENV)
    return env


def db_upgrade(env: dict) -> None:
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=300)
    if result.returncode:
        raise SystemExit(f"db upgrade failed:\n{result.stderr[-3000:]}")


@contextmanager
def gunicorn(app_spec: str, env: dict, port: int, workdir: Path):
    """gunicorn -c gunicorn.conf.py APP, until it answers on /login; stopped (SIGTERM) afterwards."""
    log = open(workdir / f"gunicorn-{port}.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", app_spec], cwd=REPO,
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_ready(process, port, workdir / f"gunicorn-{port}.log")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_ready(process, port: int, log_path: Path, timeout: float = 90) -> None:
    import http.client

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited ({process.returncode}):\n{log_path.read_text()[-3000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/login")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in time")


def stored_applications(database_url: str, ids: list[int]) -> dict[int, dict]:
    """{id: {"document": ..., "total": ..., "steps_visited": ...}} read straight from the database."""
    query = "SELECT id, document, total, steps_visited FROM applications"
    if database_url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(database_url[len("sqlite:///"):]) as conn:
            rows = conn.execute(query).fetchall()
    else:
        import psycopg

        with psycopg.connect(database_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
            rows = conn.execute(query).fetchall()
    wanted = set(ids)
    return {r[0]: {"document": r[1], "total": r[2], "steps_visited": r[3]} for r in rows if r[0] in wanted}


def verify(database_url: str, ids: list[int], expected: dict) -> dict:
    """Every application the users saved is there, complete, and the engine gives the expected totals."""
    sys.path.insert(0, str(REPO))
    from builder.appformat import from_dict
    from builder.budget import compute_budget

    rows = stored_applications(database_url, ids)
    problems = []
    for app_id in ids:
        row = rows.get(app_id)
        if row is None:
            problems.append(f"{app_id}: missing")
            continue
        table = compute_budget(from_dict(json.loads(row["document"])).budget)
        got = {"revised_total": table.revised_total, "delta": table.delta, "total": table.total,
               "row_deltas": sorted(r.delta for r in table.rows if r.delta)}
        if got["revised_total"] != expected["revised_total"] or got["delta"] != expected["delta"] \
                or expected["row_delta"] not in got["row_deltas"] or row["total"] != table.total:
            problems.append(f"{app_id}: {got}, stored total {row['total']}")
    return {"expected": len(ids), "found": len(rows), "problems": problems}


@contextmanager
def workdir():
    """A temporary folder for the database file, instance folder and logs; removed afterwards
    (FINSAM_LOAD_KEEP=1 keeps it, with the gunicorn log, for a look after a failure)."""
    path = Path(tempfile.mkdtemp(prefix="finsam-load-"))
    try:
        yield path
    finally:
        if os.environ.get("FINSAM_LOAD_KEEP") != "1":
            shutil.rmtree(path, ignore_errors=True)
