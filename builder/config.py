"""Configuration from the environment; tests pass their own mapping to create_app."""
from __future__ import annotations

import os
import secrets

try:
    import fcntl
except ImportError:  # Windows: no worker processes to coordinate
    fcntl = None


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")  # None → SQLite in the instance folder
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    BABEL_DEFAULT_LOCALE = "sv"
    BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
    LANGUAGES = ("sv", "en")
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")
    DEMO_MODE = os.environ.get("FINSAM_DEMO", "") == "1"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("FLASK_ENV_PRODUCTION", "") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # a draft may stay open all day; the token is tied to the session
    PRODUCTION = os.environ.get("FLASK_ENV_PRODUCTION", "") == "1"


def finalize(config: dict, instance_path: str) -> None:
    """Fill what depends on the instance folder; refuse production without a secret key."""
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(instance_path, "finsam.sqlite")
    url = config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    config["SQLALCHEMY_DATABASE_URI"] = url
    from .web.security import sqlite_engine_options

    config["SQLALCHEMY_ENGINE_OPTIONS"] = {**sqlite_engine_options(url), **config.get("SQLALCHEMY_ENGINE_OPTIONS", {})}
    if config.get("PRODUCTION"):
        config["SESSION_COOKIE_SECURE"] = config["REMEMBER_COOKIE_SECURE"] = True
    if not config.get("SECRET_KEY"):
        if config.get("PRODUCTION"):
            raise RuntimeError("SECRET_KEY must be set in production (FLASK_ENV_PRODUCTION=1)")
        config["SECRET_KEY"] = _instance_secret(instance_path)


def _instance_secret(instance_path: str) -> str:
    """A development key kept in the instance folder, so sessions survive a restart.

    gunicorn's workers build the app at the same moment: one process at a time (a file lock) creates
    the key, written to a temporary file and renamed into place, so every worker reads the same
    complete key and a kill in the middle of writing never leaves an empty key file behind.
    """
    path = os.path.join(instance_path, "secret_key")
    key = _read_key(path)
    if key:
        return key
    os.makedirs(instance_path, exist_ok=True)
    with open(path + ".lock", "a", encoding="ascii") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes or the process dies
        key = _read_key(path)  # another worker may have written it while we waited
        if not key:
            key = secrets.token_hex(32)
            temporary = f"{path}.{os.getpid()}.tmp"
            with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as fh:
                fh.write(key)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(temporary, path)
    return key


def _read_key(path: str) -> str:
    try:
        with open(path, encoding="ascii") as fh:
            return fh.read().strip()
    except FileNotFoundError:
        return ""
