"""The shared base form and the row forms reused inside lists."""
from __future__ import annotations

from functools import lru_cache

from babel import support
from flask import current_app
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms import Form
from wtforms.i18n import messages_path
from wtforms.meta import DefaultMeta


@lru_cache(maxsize=8)
def wtforms_catalogue(locale: str):
    """WTForms' own messages for a locale, parsed once per process (Flask-WTF re-reads the .mo per request)."""
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class BaseForm(FlaskForm):
    """Every page form: CSRF-protected (Flask-WTF), rendered through one macro."""

    class Meta:
        def get_translations(self, form):
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return DefaultMeta.get_translations(self, form)
            return wtforms_catalogue(str(get_locale()))


class RowForm(Form):
    """A row inside a FieldList (no CSRF token of its own)."""

    def is_blank(self) -> bool:
        """True when nothing was typed in the row (such rows are dropped on save)."""
        for field in self:
            value = field.data
            if isinstance(value, list):
                if any(str(v or "").strip() for v in value):
                    return False
            elif field.type not in ("SelectField",) and str(value or "").strip():
                return False
        return True
