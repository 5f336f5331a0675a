"""Walk every input of a form, through FieldLists and FormFields."""
from __future__ import annotations

from collections.abc import Iterator


def leaf_fields(form) -> Iterator:
    """Every field that renders one input (list rows and sub-forms opened up)."""
    for field in form:
        yield from _leaves(field)


def _leaves(field) -> Iterator:
    if hasattr(field, "entries"):
        for entry in field.entries:
            yield from _leaves(entry)
    elif field.type == "FormField":
        for sub in field.form:
            yield from _leaves(sub)
    else:
        yield field
