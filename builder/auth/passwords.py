"""Password hashing with Argon2id (argon2-cffi's recommended parameters unless ARGON2_PARAMS says otherwise)."""
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context


@lru_cache(maxsize=4)
def _hasher(params: tuple) -> PasswordHasher:
    return PasswordHasher(**dict(params))


def _current() -> PasswordHasher:
    # Tests set ARGON2_PARAMS to cheap values; ARGON2_* in the environment set them (floored in production).
    params = current_app.config.get("ARGON2_PARAMS") if has_app_context() else None
    return _hasher(tuple(sorted((params or {}).items())))


def hash_password(password: str) -> str:
    return _current().hash(password)


def check_password(password_hash: str, password: str) -> bool:
    try:
        return _current().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the stored hash was made with other parameters than the configured ones."""
    try:
        return _current().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


@lru_cache(maxsize=4)
def _dummy_hash(params: tuple) -> str:
    return _hasher(params).hash("no account has this password")


def dummy_check(password: str) -> None:
    """Verify against a hash of no account: a login for an unknown address costs as much as a wrong password."""
    hasher = _current()
    params = tuple(sorted({"time_cost": hasher.time_cost, "memory_cost": hasher.memory_cost,
                           "parallelism": hasher.parallelism}.items()))
    try:
        hasher.verify(_dummy_hash(params), password)
    except (VerificationError, InvalidHashError):
        pass
