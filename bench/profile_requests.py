"""Where a request's time goes: cProfile over the Flask test client, per request kind, after a warm-up.

  .venv/bin/python bench/profile_requests.py [--repeat 30] [--kind budget_post] [--top 25]

The same journey as bench/load.py (register, every wizard step with the Hela Familjen budget, the live preview,
the DOCX), CSRF on, on a temporary SQLite database. Prints the mean wall time per kind, then the top functions
by cumulative and own time for the chosen kind(s).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from load_client import PASSWORD, WIZARD_STEPS  # noqa: E402
from load_journey import FORMS  # noqa: E402
from werkzeug.datastructures import MultiDict  # noqa: E402

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
VERSION = re.compile(r'name="base_version"[^>]*value="(\d+)"')


def make_app(tmp: str):
    os.environ["FINSAM_INSTANCE"] = tmp
    from builder import create_app
    from builder.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/profile.sqlite", "SECRET_KEY": "profile",
                      "RATELIMIT_ENABLED": False,
                      "ARGON2_PARAMS": {"memory_cost": 19456, "time_cost": 2, "parallelism": 1}})
    with app.app_context():
        db.create_all()
    return app


def hidden(page: str) -> list:
    fields = [("csrf_token", CSRF.search(page).group(1))]
    version = VERSION.search(page)
    return fields + ([("base_version", version.group(1))] if version else [])


def journey(client, email: str, run) -> None:
    """`run(kind, callable)` times each request."""
    page = run("register_get", lambda: client.get("/register")).text
    run("register", lambda: client.post("/register", data={"csrf_token": CSRF.search(page).group(1), "name": "P",
                                                           "email": email, "password": PASSWORD,
                                                           "confirm": PASSWORD}))
    page = client.get("/login").text  # registration does not log in (it answers the same for a taken address)
    run("login", lambda: client.post("/login", data={"csrf_token": CSRF.search(page).group(1), "email": email,
                                                     "password": PASSWORD}))
    page = client.get("/applications").text
    response = run("create", lambda: client.post("/applications/new", data={"csrf_token": CSRF.search(page).group(1)}))
    path = response.location.rsplit("/", 1)[0] + "/"
    for step in WIZARD_STEPS:
        kind = "budget" if step == "budget" else "wizard"
        page = run(f"{kind}_get", lambda: client.get(path + step)).text  # noqa: B023 (called at once by run)
        if step == "budget":
            run("preview", lambda: client.post(path + "budget/preview", data=MultiDict(hidden(page) + FORMS["budget"])))  # noqa: B023
        form = MultiDict(hidden(page) + FORMS[step] + [("next", "1")])
        response = run(f"{kind}_post", lambda: client.post(path + step, data=form))  # noqa: B023
        assert response.status_code == 303, (step, response.status_code, response.text[:500])
    run("review", lambda: client.get(path + "review"))
    response = run("docx", lambda: client.get(path.replace("/steps/", "") + "/export.docx"))
    assert response.status_code == 200


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--kind", action="append", help="profile only these kinds (default: all)")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    app = make_app(tempfile.mkdtemp(prefix="finsam-profile-"))
    times: dict[str, list[float]] = {}
    queries: dict[str, int] = {}
    counted = [0]
    profiler = cProfile.Profile()
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    event.listen(Engine, "before_cursor_execute", lambda *a: counted.__setitem__(0, counted[0] + 1))

    def run(kind, call, measure=True):
        wanted = measure and (not args.kind or kind in args.kind)
        counted[0] = 0
        started = time.perf_counter()
        if wanted:
            profiler.enable()
        result = call()
        if wanted:
            profiler.disable()
        if measure:
            times.setdefault(kind, []).append(time.perf_counter() - started)
            queries[kind] = queries.get(kind, 0) + counted[0]
        return result

    journey(app.test_client(), "warm@profile.se", lambda kind, call: call())  # warm-up: imports, caches
    for i in range(args.repeat):
        journey(app.test_client(), f"user{i}@profile.se", run)
    print(f"{'kind':<14}{'n':>5}{'mean ms':>10}{'min ms':>9}{'SQL/req':>9}")
    for kind, values in times.items():
        print(f"{kind:<14}{len(values):>5}{sum(values) / len(values) * 1000:>10.1f}{min(values) * 1000:>9.1f}"
              f"{queries[kind] / len(values):>9.1f}")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(args.top)
        print(out.getvalue())
    if os.environ.get("PROFILE_DUMP"):
        profiler.dump_stats(os.environ["PROFILE_DUMP"])


if __name__ == "__main__":
    main()
