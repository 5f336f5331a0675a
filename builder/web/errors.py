"""Error pages in the user's language: never a traceback or SQL."""
from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

TITLES = {
    400: lambda: _("Felaktig begäran"), 403: lambda: _("Du har inte behörighet"),
    404: lambda: _("Sidan finns inte"), 405: lambda: _("Metoden är inte tillåten"),
    409: lambda: _("Ansökan kan inte ändras just nu"), 413: lambda: _("Filen eller formuläret är för stort"),
    422: lambda: _("Uppgifterna kunde inte behandlas"), 429: lambda: _("För många försök"),
    500: lambda: _("Något gick fel"), 503: lambda: _("Försök igen om en stund"),
}
MESSAGES = {
    403: lambda: _("Ditt konto får inte göra detta."),
    404: lambda: _("Sidan finns inte, eller så har du inte tillgång till den."),
    409: lambda: _("Ansökan är inskickad eller beslutad och kan inte redigeras. Inget har ändrats."),
    413: lambda: _("Det som skickades är större än vad som tas emot."),
    429: lambda: _("Vänta en stund och försök igen."),
    500: lambda: _("Ett oväntat fel inträffade. Inget av det som redan var sparat har gått förlorat."),
}


def _page(code: int, message: str | None = None):
    title = TITLES.get(code, TITLES[500])()
    text = message or MESSAGES.get(code, lambda: "")()
    if request.headers.get("HX-Request"):
        return f'<p class="error-message" role="alert">{title}</p>', code
    return render_template("error.html", code=code, title=title, message=text), code


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return _page(400, _("Formuläret hade gått ut eller saknade säkerhetstoken. Ladda om sidan och försök igen."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        custom = error.description if error.description != type(error).description else None
        return _page(error.code or 500, custom)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("Unhandled error")
        from builder.extensions import db

        db.session.rollback()  # the error page itself may query (current user); a failed flush blocks that
        return _page(500)
