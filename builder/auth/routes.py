"""Register, log in (rate-limited per address and per account), log out."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from builder.extensions import db, limiter, login_manager
from builder.models import User
from builder.web.redirects import safe_next
from forms.auth import LoginForm, RegisterForm

from . import bp
from .service import authenticate, create_user, email_taken


@login_manager.user_loader
def load_user(user_id: str):
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


login_manager.login_view = "auth.login"
login_manager.login_message_category = "info"


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_key() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_account_key)
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(safe_next(request.args.get("next")) or url_for("applications.index"))
        form.password.errors.append(_("Fel e-postadress eller lösenord."))
    return render_template("auth/login.html", form=form), 422 if form.errors else 200


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        if email_taken(form.email.data):
            form.email.errors.append(_("Det finns redan ett konto med den e-postadressen."))
        else:
            user = create_user(form.email.data, form.password.data, "applicant", form.name.data)
            login_user(user)
            flash(_("Välkommen! Ditt konto är skapat."), "success")
            return redirect(url_for("applications.index"))
    return render_template("auth/register.html", form=form), 422 if form.errors else 200


@bp.post("/logout")
def logout():
    logout_user()
    flash(_("Du är utloggad."), "info")
    return redirect(url_for("main.index"))
