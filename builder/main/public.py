"""Public pages every visitor reaches from the footer: accessibility statement, personal data, help.

Long texts are whole templates per language (main/public/<page>.<language>.html), not message by message.
"""
from __future__ import annotations

from flask import Blueprint, current_app, render_template

from builder.web.locale import current_language

bp = Blueprint("public", __name__)


def _page(name: str):
    language = current_language() if current_language() in ("sv", "en") else "sv"
    config = current_app.config
    return render_template(f"main/public/{name}.{language}.html", service_owner=config.get("SERVICE_OWNER") or "",
                           contact_email=config.get("CONTACT_EMAIL") or "")


@bp.get("/tillganglighet")
def accessibility():
    return _page("accessibility")


@bp.get("/personuppgifter")
def privacy():
    return _page("privacy")


@bp.get("/hjalp")
def help_page():
    return _page("help")
