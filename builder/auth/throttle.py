"""Login throttling that cannot be sidestepped by spelling the address differently, nor used to lock a user out.

Three limits, each counting failed attempts only:
- per account and client address (LOGIN_RATE_LIMIT, default 10 per minute): guessing one password;
- per client address (LOGIN_CLIENT_RATE_LIMIT, default 30 per minute): trying many accounts;
- per account from anywhere (LOGIN_ACCOUNT_RATE_LIMIT, default 100 per hour): guessing from many
  addresses. A browser that has logged in to the account before carries a signed device cookie
  and is exempt from this one, so a stranger who exhausts it cannot lock the owner out.
The account is named by the user id when the normalised address has an account (the same
normalisation as the lookup), else by the normalised address.
"""
from __future__ import annotations

from flask import current_app, g, request
from flask_limiter.util import get_remote_address
from itsdangerous import BadSignature, URLSafeTimedSerializer

from builder.models import User

from .service import find_user, normalize_email

DEVICE_COOKIE = "finsam_device"
DEVICE_MAX_AGE = 180 * 24 * 3600


def account_key() -> str:
    """The login attempt's account: "user:<id>" when the address has an account, else "address:<address>"."""
    if "login_account_key" not in g:
        user = find_user(request.form.get("email"))
        g.login_account_key = f"user:{user.id}" if user else "address:" + normalize_email(request.form.get("email"))
    return g.login_account_key


def account_and_client_key() -> str:
    return f"{account_key()}|{get_remote_address()}"


def login_failed(response) -> bool:
    """Only failed attempts count (a successful login redirects)."""
    return response.status_code != 302


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="finsam-login-device")


def known_device() -> bool:
    """True when this browser has logged in to the attempted account before (its signed device cookie)."""
    token = request.cookies.get(DEVICE_COOKIE)
    if not token:
        return False
    try:
        accounts = _serializer().loads(token, max_age=DEVICE_MAX_AGE)
    except BadSignature:
        return False
    return isinstance(accounts, list) and account_key() in accounts


def remember_device(response, user: User):
    """Mark this browser as one `user` has logged in from (at most 5 accounts per browser are kept)."""
    accounts = []
    token = request.cookies.get(DEVICE_COOKIE)
    if token:
        try:
            accounts = [a for a in _serializer().loads(token, max_age=DEVICE_MAX_AGE) if isinstance(a, str)]
        except (BadSignature, TypeError):
            accounts = []
    key = f"user:{user.id}"
    accounts = ([key] + [a for a in accounts if a != key])[:5]
    response.set_cookie(DEVICE_COOKIE, _serializer().dumps(accounts), max_age=DEVICE_MAX_AGE, httponly=True,
                        samesite="Lax", secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
    return response
