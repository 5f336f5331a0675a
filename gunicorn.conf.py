"""Production server settings: `gunicorn wsgi:app` (reads this file), overridable by environment."""
import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
max_requests = 2000  # recycle workers now and then; they keep no state of their own
max_requests_jitter = 200
accesslog = os.environ.get("ACCESS_LOG", "-")
preload_app = False
