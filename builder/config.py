"""Configuration from the environment; tests pass their own mapping to create_app."""
from __future__ import annotations

import os
import secrets
from types import ModuleType

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # Windows: no worker processes to coordinate
    fcntl = None

# OWASP's minimum for Argon2id (Password Storage Cheat Sheet): 19 MiB, 2 iterations, 1 lane.
ARGON2_FLOOR = {"memory_cost": 19 * 1024, "time_cost": 2, "parallelism": 1}
_ARGON2_ENV = {"time_cost": "ARGON2_TIME_COST", "memory_cost": "ARGON2_MEMORY_COST",
               "parallelism": "ARGON2_PARALLELISM"}


class ConfigError(RuntimeError):
    """A setting the app refuses to start with (one line, meant for an operator)."""


def _flag(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() not in ("0", "false", "no", "off", "")


def argon2_params_from(environ) -> dict | None:
    """ARGON2_TIME_COST / ARGON2_MEMORY_COST (KiB) / ARGON2_PARALLELISM; None: argon2-cffi's defaults."""
    params = {}
    for key, name in _ARGON2_ENV.items():
        value = (environ.get(name) or "").strip()
        if value:
            if not value.isdigit():
                raise ConfigError(f"{name} must be a whole number, got {value!r}")
            params[key] = int(value)
    return params or None


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")  # None → SQLite in the instance folder
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SQLITE_BUSY_TIMEOUT = os.environ.get("SQLITE_BUSY_TIMEOUT", "30")  # seconds; checked in finalize
    BABEL_DEFAULT_LOCALE = "sv"
    BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
    LANGUAGES = ("sv", "en")
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "finsam")  # several apps on one Redis
    RATELIMIT_ENABLED = _flag("RATELIMIT_ENABLED", "1")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")  # failed, per account × client
    LOGIN_CLIENT_RATE_LIMIT = os.environ.get("LOGIN_CLIENT_RATE_LIMIT", "30 per minute")  # failed, per client
    LOGIN_ACCOUNT_RATE_LIMIT = os.environ.get("LOGIN_ACCOUNT_RATE_LIMIT", "100 per hour")  # failed, new devices
    SESSION_IDLE_TIMEOUT = os.environ.get("SESSION_IDLE_TIMEOUT", "7200")  # seconds without a request
    SESSION_ABSOLUTE_TIMEOUT = os.environ.get("SESSION_ABSOLUTE_TIMEOUT", "43200")  # seconds after login
    APPLICATIONS_PER_DAY = os.environ.get("APPLICATIONS_PER_DAY", "20")  # new or imported, per user
    REVIEW_PAGE_SIZE = 50
    CHECKDOCX_RATE_LIMIT = os.environ.get("CHECKDOCX_RATE_LIMIT", "10 per minute;60 per hour")  # per user
    CHECKDOCX_CPU_SECONDS = 3  # CPU-time limit of one uploaded file's check (a child process)
    ARGON2_PARAMS = None  # filled from ARGON2_* in finalize (env read there, so errors are ConfigError)
    DEMO_MODE = os.environ.get("FINSAM_DEMO", "") == "1"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("FLASK_ENV_PRODUCTION", "") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # a draft may stay open all day; the token is tied to the session
    PRODUCTION = os.environ.get("FLASK_ENV_PRODUCTION", "") == "1"
    # How many reverse proxies in front set X-Forwarded-For/-Proto (0: none, trust no such header).
    TRUSTED_PROXIES = os.environ.get("TRUSTED_PROXIES", "0")  # checked in finalize
    # Case handling (builder/cases): the diarienummer pattern, papers out N days before a meeting, the signatory.
    CASE_NUMBER_PATTERN = os.environ.get("CASE_NUMBER_PATTERN", "FINSAM {year}/{n}")  # checked by builder.cases
    MEETING_PAPERS_DAYS = os.environ.get("MEETING_PAPERS_DAYS", "7")
    DECISION_SIGNATORY = os.environ.get("DECISION_SIGNATORY", "")  # the förbundschef's name on decision letters


def finalize(config: dict, instance_path: str) -> None:
    """Fill what depends on the instance folder; refuse unsafe production settings (ConfigError)."""
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(instance_path, "finsam.sqlite")
    url = config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    config["SQLALCHEMY_DATABASE_URI"] = url
    from .web.security import create_private_sqlite_file, sqlite_engine_options

    try:
        create_private_sqlite_file(url)
    except FileExistsError:  # another worker created it at the same moment
        pass

    busy_timeout = _seconds("SQLITE_BUSY_TIMEOUT", config.get("SQLITE_BUSY_TIMEOUT", 30))
    config["SQLALCHEMY_ENGINE_OPTIONS"] = {**sqlite_engine_options(url, busy_timeout),
                                           **config.get("SQLALCHEMY_ENGINE_OPTIONS", {})}
    config["TRUSTED_PROXIES"] = _proxy_count(config.get("TRUSTED_PROXIES") or 0)
    for name, limit in _WHOLE_NUMBERS.items():
        config[name] = _whole_number(name, config.get(name), limit)
    config["PERMANENT_SESSION_LIFETIME"] = config["SESSION_ABSOLUTE_TIMEOUT"]  # the cookie's signature expires too
    if config.get("ARGON2_PARAMS") is None:
        config["ARGON2_PARAMS"] = argon2_params_from(os.environ)
    if config.get("PRODUCTION"):
        config["SESSION_COOKIE_SECURE"] = config["REMEMBER_COOKIE_SECURE"] = True
        problem = production_problem(config)
        if problem:
            raise ConfigError(problem)
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _instance_secret(instance_path)


_WHOLE_NUMBERS = {"SESSION_IDLE_TIMEOUT": (60, 30 * 24 * 3600), "SESSION_ABSOLUTE_TIMEOUT": (60, 90 * 24 * 3600),
                  "APPLICATIONS_PER_DAY": (1, 100_000)}


def _whole_number(name: str, value, limits: tuple[int, int]) -> int:
    """A whole number within `limits` (session timeouts in seconds, the daily quota)."""
    text = str(value).strip()
    low, high = limits
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise ConfigError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
    return int(text)


def _proxy_count(value) -> int:
    """TRUSTED_PROXIES: a whole number of reverse proxies, 0 to 5 (any other text is refused)."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or int(text) > 5:
        raise ConfigError(f"TRUSTED_PROXIES must be a whole number from 0 to 5, got {value!r}")
    return int(text)


def _seconds(name: str, value) -> float:
    """A non-negative number of seconds (a setting from the environment may be any text)."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name} must be a number of seconds, got {value!r}") from None
    if not 0 <= seconds <= 3600:
        raise ConfigError(f"{name} must be between 0 and 3600 seconds, got {value!r}")
    return seconds


def production_problem(config: dict) -> str | None:
    """The first reason these settings are unsafe in production, or None."""
    if not config.get("SECRET_KEY"):
        return "SECRET_KEY must be set in production (FLASK_ENV_PRODUCTION=1)"
    if not config.get("RATELIMIT_ENABLED", True):
        return "RATELIMIT_ENABLED=0 is refused in production (FLASK_ENV_PRODUCTION=1): login would not be throttled"
    for key, minimum in ARGON2_FLOOR.items():
        value = (config.get("ARGON2_PARAMS") or {}).get(key)
        if value is not None and value < minimum:
            return (f"{_ARGON2_ENV[key]}={value} is below the production floor of {minimum} "
                    f"(OWASP minimum for Argon2id: m=19 MiB, t=2, p=1)")
    return None


def environment_problem() -> str | None:
    """What create_app would refuse in this environment (checked by gunicorn.conf.py before forking)."""
    config = {key: getattr(Config, key) for key in dir(Config) if key.isupper()}
    try:
        config["ARGON2_PARAMS"] = argon2_params_from(os.environ)
        _proxy_count(config["TRUSTED_PROXIES"] or 0)
        _seconds("SQLITE_BUSY_TIMEOUT", config["SQLITE_BUSY_TIMEOUT"])
        for name, limit in _WHOLE_NUMBERS.items():
            _whole_number(name, config[name], limit)
    except ConfigError as exc:
        return str(exc)
    return production_problem(config) if config.get("PRODUCTION") else None


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
