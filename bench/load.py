"""Load test: N simulated project leads against gunicorn (gunicorn.conf.py) on loopback, stdlib only.

  .venv/bin/python bench/load.py --users 50 --db postgresql            # paced: think time between clicks
  .venv/bin/python bench/load.py --users 50 --db sqlite --mode stress  # no think time
  .venv/bin/python bench/load.py --matrix                              # 10/50/100 × sqlite/postgresql → RESULTS-load.md

Each run: a fresh database, `flask --app wsgi db upgrade`, gunicorn with a random SECRET_KEY and CSRF on.
A few warm-up users first (not measured). Then every user registers, creates an application, saves every
wizard step with the Hela Familjen budget (all staff lines, the baseline; the live preview once), opens the
review and downloads the DOCX. Then a throughput phase: every user saves the budget step in a closed loop for
--tp-seconds; the same loop against bench/floor_app.py (same gunicorn.conf.py) gives the framework's floor.
At the end every saved application is read back from the database and recomputed with the engine.
Bounded: --max-seconds per phase and --max-requests in all.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_client import Bounds, Browser, Recorder, Sample, Stop  # noqa: E402
from load_journey import hammer_budget, hammer_floor, journey  # noqa: E402
from load_report import loadavg, markdown_matrix, summary, text_report  # noqa: E402
from load_server import db_upgrade, free_port, fresh_database, gunicorn, server_env, verify, workdir  # noqa: E402

EXPECTED = {"revised_total": 5_419_167, "delta": 1_601_327, "row_delta": 1_135_680}  # the spec's figures
RESULTS = Path(__file__).resolve().parent / "RESULTS-load.md"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--mode", choices=("paced", "stress"), default="paced")
    parser.add_argument("--think", type=float, default=2.0, help="mean think time in paced mode (s)")
    parser.add_argument("--ramp", type=float, default=0.0,
                        help="users arrive evenly over this many seconds (0: all within users × 10 ms)")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up users (not measured)")
    parser.add_argument("--tp-seconds", type=float, default=15, help="throughput phase length; 0 skips it")
    parser.add_argument("--max-seconds", type=float, default=300, help="bound on each phase")
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 0)) or
                        (os.cpu_count() or 1) * 2 + 1, help="gunicorn workers (gunicorn.conf.py's default)")
    parser.add_argument("--threads", type=int, default=int(os.environ.get("GUNICORN_THREADS", 2)))
    parser.add_argument("--argon2", choices=("floor", "default"), default="floor",
                        help="floor: OWASP minimum m=19 MiB t=2 p=1; default: argon2-cffi's m=64 MiB t=3 p=4")
    parser.add_argument("--matrix", action="store_true", help="10/50/100 × sqlite/postgresql, writes RESULTS")
    parser.add_argument("--matrix-users", default="10,50,100")
    parser.add_argument("--matrix-dbs", default="sqlite,postgresql")
    return parser.parse_args(argv)


def run_threads(count: int, target, max_seconds: float, ramp: float = 0.0) -> None:
    """Start `count` users, one every ramp/count seconds (at least 10 ms apart), and wait for them."""
    threads = [threading.Thread(target=target, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
        time.sleep(max(0.01, ramp / count))
    for thread in threads:
        thread.join(max_seconds + 60)


def journeys(port: int, users: int, think: float, recorder: Recorder, bounds: Bounds, tag: str,
             ramp: float = 0.0) -> dict:
    """Run `users` journeys at once; returns {"ids": [...], "failed": [...]}."""
    ids, failed, sessions, lock = [], [], [], threading.Lock()

    def user(i: int) -> None:
        browser = Browser("127.0.0.1", port, recorder, bounds, think)
        try:
            app_id = journey(browser, f"last-{tag}-{i}@belastning.se")
            with lock:
                ids.append(app_id)
                sessions.append((app_id, dict(browser.cookies)))
        except Stop:
            with lock:
                failed.append(f"user {i}: stopped by the bound")
        except Exception as exc:  # recorded; the run goes on
            with lock:
                failed.append(f"user {i}: {type(exc).__name__}: {str(exc)[:300]}")
        finally:
            browser.close()

    run_threads(users, user, bounds.deadline - time.monotonic(), ramp)
    return {"ids": ids, "failed": failed, "sessions": sessions}


def closed_loop(port: int, users: int, seconds: float, body, recorder: Recorder, max_requests: int) -> float:
    """Every user repeats `body(browser, i)` until the time is up; returns measured seconds."""
    bounds = Bounds(time.monotonic() + seconds, max_requests)
    started = time.perf_counter()

    def user(i: int) -> None:
        browser = Browser("127.0.0.1", port, recorder, bounds)
        try:
            body(browser, i)
        except Stop:
            pass
        except Exception as exc:  # an HTTP error is already a sample; anything else is a failure of the run
            recorder.add(Sample("closed_loop_failure", 0.0, 0, f"{type(exc).__name__}: {str(exc)[:200]}"))
        finally:
            browser.close()

    run_threads(users, user, seconds)
    return time.perf_counter() - started


def run_once(args, users: int, db: str) -> dict:
    """One measured run; returns the summary (also printed)."""
    with workdir() as work:
        return _run_in(args, users, db, work)


def _run_in(args, users: int, db: str, work) -> dict:
    tag = uuid.uuid4().hex[:8]
    think = args.think if args.mode == "paced" else 0.0
    result = {"users": users, "db": db, "mode": args.mode, "think": think, "ramp": args.ramp, "workers": args.workers,
              "threads": args.threads, "argon2": args.argon2, "load_before": loadavg()}
    with fresh_database(db, work) as url:
        port = free_port()
        env = server_env(url, work, port, args)
        db_upgrade(env)
        with gunicorn("wsgi:app", env, port, work):
            warm = Recorder(enabled=False)
            journeys(port, min(args.warmup, users), 0.0, warm, Bounds(time.monotonic() + args.max_seconds,
                                                                      args.max_requests), tag + "w")
            recorder = Recorder()
            bounds = Bounds(time.monotonic() + args.max_seconds, args.max_requests)
            started = time.perf_counter()
            outcome = journeys(port, users, think, recorder, bounds, tag, args.ramp)
            result["seconds"] = time.perf_counter() - started
            result["load_after_journeys"] = loadavg()
            result.update(samples=recorder.samples, failed=outcome["failed"])
            if args.tp_seconds and outcome["ids"]:
                tp = Recorder()
                sessions = outcome["sessions"]

                def save_budget(browser, i):  # each user goes on in their own session, on their own draft
                    app_id, cookies = sessions[i % len(sessions)]
                    browser.cookies.update(cookies)
                    hammer_budget(browser, app_id)

                result["tp_budget_seconds"] = closed_loop(port, users, args.tp_seconds, save_budget, tp,
                                                          args.max_requests)
                result["tp_budget_samples"] = tp.samples
        # the throughput phase re-saved the same applications: they are checked after it
        result["verify"] = verify(url, outcome["ids"], EXPECTED)
        result["verify"]["saved_by_users"] = len(outcome["ids"])
    result["load_after"] = loadavg()
    return summary(result)


def floor_run(args, users: int) -> dict:
    """The closed loop against bench/floor_app.py on the same gunicorn.conf.py."""
    with workdir() as work:
        return _floor_in(args, users, work)


def _floor_in(args, users: int, work) -> dict:
    port = free_port()
    env = server_env("sqlite:///" + str(work / "unused.sqlite"), work, port, args)
    before = loadavg()
    with gunicorn("bench.floor_app:app", env, port, work):
        warm = Recorder(enabled=False)
        closed_loop(port, min(users, 5), 1, lambda b, i: hammer_floor(b), warm, args.max_requests)
        recorder = Recorder()
        seconds = closed_loop(port, users, args.tp_seconds, lambda b, i: hammer_floor(b), recorder,
                              args.max_requests)
    ok = [s for s in recorder.samples if not s.error]
    return {"users": users, "rps": len(ok) / seconds, "errors": len(recorder.samples) - len(ok),
            "load_before": before, "load_after": loadavg()}


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.matrix:
        return matrix(args)
    result = run_once(args, args.users, args.db)
    floor = floor_run(args, args.users) if args.tp_seconds else None
    print(text_report(result, floor))
    return 0 if result["ok"] else 1


def matrix(args) -> int:
    runs, floors = [], {}
    for users in [int(u) for u in args.matrix_users.split(",")]:
        if args.tp_seconds:
            floors[users] = floor_run(args, users)
        for db in args.matrix_dbs.split(","):
            result = run_once(args, users, db)
            print(text_report(result, floors.get(users)), flush=True)
            runs.append(result)
            RESULTS.write_text(markdown_matrix(runs, floors, args), encoding="utf-8")  # after each run
    print(f"wrote {RESULTS}")
    return 0 if all(r["ok"] for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
