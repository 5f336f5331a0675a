"""Register, log in (rate-limited per account and client, see throttle.py), log out."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from builder.extensions import db, limiter, login_manager
from builder.models import User
from builder.web.redirects import safe_next
from forms.auth import LoginForm, RegisterForm

from . import bp, throttle
from .passwords import hash_password
from .service import authenticate, create_user, find_user
from .sessions import end_all_sessions, session_is_current, start_session


@login_manager.user_loader
def load_user(user_id: str):
    """The session's user, unless the session was ended (logout elsewhere, timeout, deactivation)."""
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and session_is_current(user) else None


login_manager.login_view = "auth.login"
login_manager.login_message_category = "info"


def _config(name: str):
    return lambda: current_app.config[name]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_config("LOGIN_RATE_LIMIT"), methods=["POST"], key_func=throttle.account_and_client_key,
               deduct_when=throttle.login_failed)
@limiter.limit(_config("LOGIN_CLIENT_RATE_LIMIT"), methods=["POST"], deduct_when=throttle.login_failed)
@limiter.limit(_config("LOGIN_ACCOUNT_RATE_LIMIT"), methods=["POST"], key_func=throttle.account_key,
               deduct_when=throttle.login_failed, exempt_when=throttle.known_device)
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            start_session(user)  # a new session: nothing from before login (the CSRF token neither) is kept
            login_user(user)
            response = redirect(safe_next(request.args.get("next")) or url_for("applications.index"))
            return throttle.remember_device(response, user)
        form.password.errors.append(_("Fel e-postadress eller lösenord."))
    return render_template("auth/login.html", form=form), 422 if form.errors else 200


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        existing = find_user(form.email.data)
        if existing is not None:  # the same answer as for a new address; the owner is told by e-mail
            hash_password(form.password.data)  # as slow as creating the account
            notify_existing_account(existing)
        else:
            create_user(form.email.data, form.password.data, "applicant", form.name.data)
        flash(_("Tack! Logga in med din e-postadress och ditt lösenord. Om adressen redan hade ett konto "
                "har vi skickat ett meddelande till den i stället."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/register.html", form=form), 422 if form.errors else 200


def notify_existing_account(user: User) -> None:
    """Someone tried to register with `user`'s address: tell the owner by e-mail (wired by the mail module).

    Registration answers the same whether or not the address has an account, so the page cannot be
    used to find out who is registered; the owner learns of the attempt here instead.
    """
    current_app.logger.info("registration attempt for an existing account (user %s)", user.id)


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        end_all_sessions(current_user._get_current_object())  # copies of this session cookie stop working too
    logout_user()
    session.clear()
    flash(_("Du är utloggad."), "info")
    return redirect(url_for("main.index"))
