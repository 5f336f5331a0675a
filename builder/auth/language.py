"""A signed-in person's language is remembered on the account, so e-mail reaches them in it."""
from __future__ import annotations

from flask import current_app, session
from flask_login import current_user, user_logged_in

from builder.extensions import db


def _on_login(app, user, **_extra) -> None:
    """At login: a language chosen before logging in is kept on the account; otherwise the account's
    language becomes the session's."""
    chosen = session.get("language")
    if chosen in app.config["LANGUAGES"]:
        if user.language != chosen:
            user.language = chosen
            db.session.commit()
    elif user.language in app.config["LANGUAGES"] and user.language != "sv":
        session["language"] = user.language


def remember_choice(language: str) -> None:
    """The language switch was used: keep it on the signed-in account."""
    if current_user.is_authenticated and language in current_app.config["LANGUAGES"]:
        if current_user.language != language:
            current_user.language = language
            db.session.commit()


def register_language_memory(app) -> None:
    user_logged_in.connect(_on_login, app)
