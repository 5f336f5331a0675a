"""Forgotten password: a time-limited, single-use link by e-mail, then a new password.

The request page answers the same whether or not the address has an account. The link is signed
with the app's key and carries a fingerprint of the current password hash, so it stops working as
soon as the password has been changed (by this link or otherwise) and after PASSWORD_RESET_MAX_AGE.
"""
from __future__ import annotations

import hashlib

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer

from builder.extensions import db, limiter
from builder.mail import external_url, send_to_user
from builder.models import User
from builder.textclean import without_control_characters
from forms.account import ForgotPasswordForm, ResetPasswordForm

from .passwords import hash_password
from .sessions import end_all_sessions

bp = Blueprint("auth_reset", __name__)
SALT = "finsam-password-reset"
DEFAULT_MAX_AGE = 3600  # seconds


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _hash_fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def max_age() -> int:
    return int(current_app.config.get("PASSWORD_RESET_MAX_AGE") or DEFAULT_MAX_AGE)


def reset_token(user: User) -> str:
    return _serializer().dumps([user.id, _hash_fingerprint(user)])


def user_for_token(token: str) -> User | None:
    """The account a reset link is for, or None (forged, expired, already used, account inactive)."""
    try:
        user_id, fingerprint = _serializer().loads(token[:500], max_age=max_age())
    except (BadSignature, ValueError, TypeError):
        return None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.active or fingerprint != _hash_fingerprint(user):
        return None
    return user


def _email_key() -> str:
    """The address as it is looked up (control characters gone, trimmed, lower case): no spelling of one
    address escapes its limit."""
    return "reset:" + without_control_characters(request.form.get("email") or "").strip().lower()[:254]


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
@limiter.limit("3 per hour", methods=["POST"], key_func=_email_key)
def forgot():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = db.session.scalar(db.select(User).filter_by(email=email))
        if user is not None and user.active:
            send_to_user(user, "password_reset", background=True, minutes=max_age() // 60,
                         reset_url=external_url("auth_reset.reset", token=reset_token(user)))
        flash(_("Om det finns ett konto med adressen %(email)s har vi skickat en länk för att välja ett nytt "
                "lösenord. Titta i inkorgen (och skräpposten).", email=email), "info")
        return redirect(url_for("auth_reset.forgot"), code=303)
    return render_template("auth/forgot.html", form=form), 422 if form.errors else 200


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def reset(token: str):
    user = user_for_token(token)
    if user is None:
        return render_template("auth/reset_invalid.html"), 410
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user.password_hash = hash_password(form.password.data)
        end_all_sessions(user)  # commits; a session stolen before the reset stops working too
        flash(_("Ditt lösenord är bytt. Logga in med det nya lösenordet."), "success")
        return redirect(url_for("auth.login"), code=303)
    return render_template("auth/reset.html", form=form, user=user), 422 if form.errors else 200
