"""Autosave and the budget page: fast enough that saving every change is no burden.

  .venv/bin/python bench/autosave_bench.py                    # single requests, then 40 users on gunicorn
  .venv/bin/python bench/autosave_bench.py --single-only
  .venv/bin/python bench/autosave_bench.py --users 40 --seconds 15 --db postgresql

1. Single requests, in process (Flask test client, CSRF on, SQLite), Hela Familjen: the median server time of
   the budget step page, an autosave of the whole budget step (valid), an autosave with a half-filled staff line
   (kept as typed), an autosave of a text step, and the live preview. Both the wall time and the process's
   CPU time are given: on a machine shared with other jobs the wall time includes waiting for a core.
2. Many users at once, no think time, on gunicorn (gunicorn.conf.py, as bench/load.py): N project leads each
   with their own Hela Familjen draft autosave the budget step in a closed loop, then load the budget page in a
   closed loop; the same loop against bench/floor_app.py gives the framework's floor. Reported as requests per
   second and as a ratio to the floor.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from load_journey import DOC, FORMS  # noqa: E402
from werkzeug.datastructures import MultiDict  # noqa: E402

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
VERSION = re.compile(r'name="base_version"[^>]*value="(\d+)"')
PASSWORD = "correct horse battery"


def _app(tmp: str):
    os.environ["FINSAM_INSTANCE"] = tmp
    from builder import create_app
    from builder.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite", "SECRET_KEY": "bench",
                      "RATELIMIT_ENABLED": False,
                      "ARGON2_PARAMS": {"memory_cost": 19456, "time_cost": 2, "parallelism": 1}})
    with app.app_context():
        db.create_all()
        from builder.applications.service import create_application
        from builder.auth.routes import create_user
        from builder.demo import seed_presets

        seed_presets()
        owner = create_user("bench@autosave.se", PASSWORD, "applicant", "Bench")
        app_id = create_application(owner, DOC).id
    return app, app_id


def _timed(call, repeat: int) -> tuple[float, float]:
    """Median (wall ms, CPU ms) of `repeat` calls after two warm-up calls."""
    call()
    call()
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        call()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def single(repeat: int) -> list[tuple[str, float, float]]:
    app, app_id = _app(tempfile.mkdtemp(prefix="finsam-autosave-"))
    client = app.test_client()
    page = client.get("/login").text
    client.post("/login", data={"csrf_token": CSRF.search(page).group(1), "email": "bench@autosave.se",
                                "password": PASSWORD})
    step = f"/applications/{app_id}/steps/"
    page = client.get(step + "budget").text
    token = CSRF.search(page).group(1)
    hidden = {"csrf_token": token, "base_version": VERSION.search(page).group(1), "editor": "bench-tab"}
    budget = [*hidden.items(), *FORMS["budget"]]
    n = len(DOC["budget"]["staff"])
    half = budget + [(f"staff-{n}-party", DOC["parties"][0]["name"]), (f"staff-{n}-role", "Kurator"),
                     (f"staff-{n}-fte", "50 %"), (f"staff-{n}-raise_month", "")]
    text = [*hidden.items(), *FORMS["timeline"]]

    def post(path, data, expect=200):
        response = client.post(path, data=MultiDict(data))
        assert response.status_code == expect, (path, response.status_code, response.text[:300])
        return response

    rows = []
    for label, call in [
        ("budget step page (GET)", lambda: client.get(step + "budget")),
        ("autosave, budget step (valid)", lambda: post(step + "budget/autosave", budget)),
        ("autosave, budget step (a half-filled line kept as typed)", lambda: post(step + "budget/autosave", half)),
        ("autosave, text step", lambda: post(step + "timeline/autosave", text)),
        ("live budget preview", lambda: post(step + "budget/preview", budget)),
        ("save and next, budget step (303)", lambda: post(step + "budget", budget + [("next", "1")], 303)),
    ]:
        wall, cpu = _timed(call, repeat)
        rows.append((label, wall, cpu))
    post(step + "budget/autosave", budget)  # leave the draft complete
    return rows


def many(users: int, seconds: float, db: str) -> dict:
    """Closed loops on gunicorn: autosave, the budget page, and the floor route."""
    import load
    from load_client import Bounds, Recorder, csrf_of
    from load_server import db_upgrade, free_port, fresh_database, gunicorn, server_env, workdir

    args = load.parse_args(["--users", str(users), "--db", db, "--tp-seconds", str(seconds), "--mode", "stress"])
    out = {}
    with workdir() as work, fresh_database(db, work) as url:
        port = free_port()
        env = server_env(url, work, port, args)
        db_upgrade(env)
        with gunicorn("wsgi:app", env, port, work):
            setup = load.journeys(port, users, 0.0, Recorder(enabled=False),
                                  Bounds(time.monotonic() + args.max_seconds, args.max_requests), "autosave")
            sessions = setup["sessions"]
            if not sessions:
                raise RuntimeError(f"no user got through the journey: {setup['failed'][:3]}")

            def autosave(browser, i):
                app_id, cookies = sessions[i % len(sessions)]
                browser.cookies.update(cookies)
                _s, _h, page = browser.request("budget_get", "GET", f"/applications/{app_id}/steps/budget")
                form = [("csrf_token", csrf_of(page)), ("base_version", VERSION.search(page.decode()).group(1)),
                        ("editor", f"bench-{i}")] + FORMS["budget"]
                while True:  # the same tab: its own saves never conflict
                    browser.request("autosave", "POST", f"/applications/{app_id}/steps/budget/autosave", form)

            def budget_page(browser, i):
                app_id, cookies = sessions[i % len(sessions)]
                browser.cookies.update(cookies)
                while True:
                    browser.request("budget_get", "GET", f"/applications/{app_id}/steps/budget")

            for kind, body in (("autosave", autosave), ("budget_get", budget_page)):
                recorder = Recorder()
                spent = load.closed_loop(port, users, seconds, body, recorder, args.max_requests)
                out[kind] = _loop_stats([s for s in recorder.samples if s.kind == kind], spent)
        floor = load.floor_run(args, users)
        out["floor"] = {"rps": floor["rps"], "errors": floor["errors"]}
    return out


def _loop_stats(samples, seconds: float) -> dict:
    from load_report import stats

    ok = [s for s in samples if not s.error]
    return {**stats(samples), "rps": len(ok) / seconds}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--single-only", action="store_true")
    args = parser.parse_args(argv)
    try:
        print(f"load average before: {os.getloadavg()[0]:.2f}")
    except OSError:
        pass
    print(f"{'single request (Hela Familjen, median)':<60}{'wall ms':>9}{'CPU ms':>9}")
    for label, wall, cpu in single(args.repeat):
        print(f"{label:<60}{wall:>9.1f}{cpu:>9.1f}")
    if args.single_only:
        return 0
    result = many(args.users, args.seconds, args.db)
    floor = result["floor"]["rps"]
    print(f"\n{args.users} users at once, no think time, gunicorn, {args.db}; floor route {floor:.0f} req/s")
    print(f"{'loop':<14}{'n':>7}{'errors':>8}{'req/s':>8}{'÷ floor':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for kind in ("autosave", "budget_get"):
        r = result[kind]
        print(f"{kind:<14}{r['n']:>7}{r['errors']:>8}{r['rps']:>8.0f}{r['rps'] / floor:>9.0%}{r['p50']:>9.0f}"
              f"{r['p95']:>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
