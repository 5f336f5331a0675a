"""Which language a request is shown in: the user's choice, else Swedish."""
from urllib.parse import urlsplit

from flask import current_app, request, session


def select_locale() -> str:
    """Session choice (set by the language switch), else the browser's if English, else Swedish."""
    chosen = session.get("language")
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return "sv"


def current_language() -> str:
    from flask_babel import get_locale

    locale = get_locale()
    return locale.language if locale else "sv"


def safe_next(target: str | None) -> str | None:
    """A redirect target only when it is a local path ("/x"): never "//host", "http:", "/\\host",
    and nothing with whitespace or control characters (browsers drop a tab: "/<tab>/host" is "//host")."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(c.isspace() or not c.isprintable() for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target if request is not None else None
