"""Jinja filters and globals: every number and date on a page is formatted here, for the active locale."""
from __future__ import annotations

import re
from datetime import UTC

from flask import Flask
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from builder import formatting
from builder.appformat.model import SECTION_TITLES as APP_SECTION_TITLES
from forms.walk import leaf_fields

from . import widgets as fast_widgets
from .locale import current_language

# (key, title) in the document's order: the one list of builder/appformat/model.py, translated per request.
SECTION_TITLES = tuple((key, _l(title)) for key, title in APP_SECTION_TITLES.items())
STATUS_LABELS = {"draft": _l("Utkast"), "submitted": _l("Inskickad"), "changes_requested": _l("Komplettering begärd"),
                 "approved": _l("Beviljad"), "rejected": _l("Avslagen"), "withdrawn": _l("Återkallad")}
KIND_LABELS = {"new": _l("Ny ansökan"), "extension": _l("Utökning"), "continuation": _l("Fortsättning")}
ROLE_LABELS = {"applicant": _l("Projektledare"), "reviewer": _l("Handläggare"), "finance": _l("Ekonom"),
               "admin": _l("Administratör")}


def form_error_list(form) -> list[tuple[str, str, str]]:
    """(field id, label, message) for every error in a form, nested lists included."""
    out = []
    for field in leaf_fields(form):
        if field.errors and field.type != "CSRFTokenField":
            errors = field.errors if isinstance(field.errors, (list, tuple)) else [str(field.errors)]
            out.append((field.id, _row_label(field), " ".join(str(e) for e in errors)))
    if getattr(form, "csrf_token", None) is not None and form.csrf_token.errors:
        out.insert(0, ("main", "CSRF", " ".join(form.csrf_token.errors)))
    return out


_ROW_INDEXES = re.compile(r"-(\d+)-")


def _row_label(field) -> str:
    """A field's label, with its row number when it sits in a list ("Till, rad 2"; "Antal personer, rad 1.3")."""
    label = str(field.label.text)
    indexes = [int(i) + 1 for i in _ROW_INDEXES.findall(field.id)]
    if not indexes:
        return label
    return _("%(label)s, rad %(n)s", label=label, n=".".join(str(i) for i in indexes))


def widget(field, describedby: str, attributes: dict):
    """Render a field's input with the accessibility attributes for its hint and errors."""
    attrs = dict(attributes)
    if describedby:
        attrs["aria-describedby"] = describedby
    if field.errors:
        attrs["aria-invalid"] = "true"
    return fast_widgets.render(field, attrs)


def _local_datetime(value) -> str:
    """A stored UTC time shown in Swedish time: "23 nov. 2026 19:59"."""

    from flask_babel import format_datetime

    return format_datetime(value.replace(tzinfo=UTC), "medium")


def _change_sentence(table) -> str:
    """The budget's change against the baseline: the one sentence of builder/budget_text.py."""
    from builder.budget_text import change_sentence

    language = current_language()
    return change_sentence(table, language, kr=lambda amount: formatting.kr(amount, language))


def _carried_over_sentence(table) -> str:
    """The baseline rows that stay as they were: the one sentence of builder/budget_text.py."""
    from builder.budget_text import carried_over_sentence

    language = current_language()
    return carried_over_sentence(table, language, kr=lambda amount: formatting.kr(amount, language))


def _clock(value) -> str:
    """An aware time as the hour and minute in Sweden: "10:42"."""
    from zoneinfo import ZoneInfo

    return value.astimezone(ZoneInfo("Europe/Stockholm")).strftime("%H:%M")


_FORMATTED: dict[tuple, str] = {}


def _formatted(kind: str, value) -> str:
    """formatting.<kind>(value) in the request's language, remembered: a budget page shows the same hundred
    figures on every reload and autosave, and Babel's formatting was most of the tables' time. Bounded."""
    language = current_language()
    key = (kind, type(value), str(value), language)
    text = _FORMATTED.get(key)
    if text is None:
        if len(_FORMATTED) >= 50_000:
            _FORMATTED.clear()
        text = _FORMATTED[key] = getattr(formatting, kind)(value, language)
    return text


def _request_translations():
    """The catalogue for this request's locale, looked up once (Flask-Babel looks it up on every `_()`; a budget
    page has about 170). Keyed by the locale, so force_locale (an e-mail in the recipient's language) still works."""
    from flask import g
    from flask_babel import get_translations

    try:
        babel_context = g._flask_babel
    except (AttributeError, RuntimeError):
        return get_translations()
    cached = getattr(babel_context, "finsam_translations", None)
    if cached is None or cached[0] is not getattr(babel_context, "babel_locale", None):
        translations = get_translations()
        babel_context.finsam_translations = cached = (getattr(babel_context, "babel_locale", None), translations)
    return cached[1]


def register_filters(app: Flask) -> None:
    # install_gettext_callables is added to the environment by jinja2.ext.i18n (Flask-Babel turns it on)
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: _request_translations().ugettext(s),
        ngettext=lambda s, p, n: _request_translations().ungettext(s, p, n),
        pgettext=lambda c, s: _request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _request_translations().unpgettext(c, s, p, n), newstyle=True)
    app.jinja_env.filters["kr"] = lambda v: _formatted("kr", v)
    app.jinja_env.filters["num"] = lambda v: _formatted("number", v)
    app.jinja_env.filters["dec"] = lambda v: _formatted("decimal", v)
    app.jinja_env.filters["pct"] = lambda v: _formatted("percent", v)
    app.jinja_env.filters["money"] = lambda v: _formatted("money", v)
    app.jinja_env.filters["months"] = lambda v: _formatted("months", v)
    app.jinja_env.filters["longdate"] = lambda v: formatting.long_date(v, current_language())
    app.jinja_env.filters["when"] = _local_datetime
    app.jinja_env.filters["clock"] = _clock
    app.jinja_env.globals.update(
        current_language=current_language,
        form_error_list=form_error_list,
        widget=widget,
        cell_field=fast_widgets.cell,
        section_titles=lambda: SECTION_TITLES,
        change_sentence=_change_sentence,
        carried_over_sentence=_carried_over_sentence,
        status_label=lambda s: STATUS_LABELS.get(s, s),
        kind_label=lambda k: KIND_LABELS.get(k, k),
        role_label=lambda r: ROLE_LABELS.get(r, r),
    )
    from builder.demo import demo_accounts

    app.jinja_env.globals["demo_accounts"] = demo_accounts
