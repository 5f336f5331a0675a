"""Which language a request is shown in: the user's choice, else Swedish."""
from flask import current_app, session


def select_locale() -> str:
    """Session choice (set by the language switch), else the browser's if English, else Swedish."""
    chosen = session.get("language")
    if isinstance(chosen, str) and chosen in current_app.config["LANGUAGES"]:
        return chosen
    return "sv"


def current_language() -> str:
    from flask_babel import get_locale

    locale = get_locale()
    return locale.language if locale else "sv"

