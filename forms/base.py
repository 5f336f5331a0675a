"""The shared base form and the row forms reused inside lists."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Form


class BaseForm(FlaskForm):
    """Every page form: CSRF-protected (Flask-WTF), rendered through one macro."""


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
