"""The shared base form and the row forms reused inside lists."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from babel import support
from flask import current_app
from flask_babel import get_locale
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectChoice
from wtforms.i18n import messages_path
from wtforms.meta import DefaultMeta

from builder.textclean import without_control_characters


@lru_cache(maxsize=8)
def wtforms_catalogue(locale: str):
    """WTForms' own messages for a locale, parsed once per process (Flask-WTF re-reads the .mo per request)."""
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


def select_choices(pairs: Iterable[tuple[str, Any]]) -> list[SelectChoice]:
    """A select field's options from (value, label) pairs (WTForms 3.3 deprecates plain tuples)."""
    return [SelectChoice(value, label) for value, label in pairs]


def choice_labels(field: Any) -> dict[str, str]:
    """{value: label} of a select field's options."""
    return {str(choice.value): str(choice.label) for choice in field.choices}


def clean_formdata(formdata):
    """The posted values without control characters (NUL breaks PostgreSQL, XML cannot hold them)."""
    if formdata is None or not hasattr(formdata, "items"):
        return formdata
    out: MultiDict = MultiDict()
    for key, value in formdata.items(multi=True):
        out.add(key, without_control_characters(value) if isinstance(value, str) else value)
    return out


class _TextNeverNone(Form):
    """Text inputs missing from a post read as "" (a row posted with only some of its inputs), never None."""

    def process(self, *args, **kwargs):
        super().process(*args, **kwargs)
        for field in self:
            if field.type in ("StringField", "TextAreaField", "EmailField", "HiddenField") and field.data is None:
                field.data = ""


class BaseForm(_TextNeverNone, FlaskForm):
    """Every page form: CSRF-protected (Flask-WTF), rendered through one macro; input cleaned on arrival."""

    class Meta:
        def wrap_formdata(self, form, formdata):
            return clean_formdata(FlaskForm.Meta.wrap_formdata(self, form, formdata))

        def get_translations(self, form):
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return DefaultMeta.get_translations(self, form)
            return wtforms_catalogue(str(get_locale()))


class RowForm(_TextNeverNone, Form):
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
