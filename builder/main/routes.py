"""Start page and language switch."""
from flask import current_app, redirect, render_template, request, session, url_for

from builder.web.redirects import safe_next

from . import bp


@bp.get("/")
def index():
    return render_template("main/index.html")


@bp.post("/language")
def set_language():
    language = request.form.get("language", "sv")
    if language in current_app.config["LANGUAGES"]:
        session["language"] = language
    return redirect(safe_next(request.form.get("next")) or url_for("main.index"))


@bp.get("/healthz")
def health():
    return {"status": "ok"}
