"""Jinja filters: every number and date on a page is formatted here, for the active locale."""
from __future__ import annotations

from flask import Flask

from builder import formatting

from .i18n import current_language


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["kr"] = lambda v: formatting.kr(v, current_language())
    app.jinja_env.filters["num"] = lambda v: formatting.number(v, current_language())
    app.jinja_env.filters["dec"] = lambda v: formatting.decimal(v, current_language())
    app.jinja_env.filters["pct"] = lambda v: formatting.percent(v, current_language())
    app.jinja_env.filters["longdate"] = lambda v: formatting.long_date(v, current_language())
    app.jinja_env.globals["current_language"] = current_language
