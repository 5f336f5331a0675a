"""Production server settings: `gunicorn -c gunicorn.conf.py wsgi:app`, overridable by environment.

Workers keep no state of their own (sessions are signed cookies, data in the database, rate-limit
counters in RATELIMIT_STORAGE_URI), so any worker may serve any request.
"""
import multiprocessing
import os
import sys

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
max_requests = 2000  # recycle workers now and then; they keep no state of their own
max_requests_jitter = 200
accesslog = os.environ.get("ACCESS_LOG", "-")
preload_app = False


def _refuse_unsafe_production() -> None:
    """Stop with one line on stderr (no traceback, no workers forked) when create_app would refuse."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from builder.config import environment_problem

    problem = environment_problem()
    if problem:
        print(f"finsam: refusing to start: {problem}", file=sys.stderr)
        sys.exit(3)
    storage = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    if os.environ.get("FLASK_ENV_PRODUCTION") == "1" and workers > 1 and storage.startswith("memory"):
        print(f"finsam: warning: RATELIMIT_STORAGE_URI is {storage} with {workers} workers: each worker counts "
              "logins on its own; set it to redis://… so the limit holds across workers", file=sys.stderr)


_refuse_unsafe_production()
