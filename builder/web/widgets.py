"""A field's input as HTML, fast: the same markup as WTForms' widgets, without a Markup.format per attribute.

A budget step has about 80 inputs; through WTForms' `html_params` they cost most of the page's time.
Text inputs, selects and text areas are written here (tests/unit/test_fast_widgets.py compares the output
with WTForms' own for every wizard step); any other widget is left to WTForms.
"""
from __future__ import annotations

from markupsafe import Markup, escape
from wtforms import widgets
from wtforms.widgets.core import clean_key


def _params(attributes: dict) -> str:
    """`html_params`: sorted by key, True as a bare attribute, False left out, every value escaped."""
    parts = []
    for key, value in sorted(attributes.items()):
        if value is True:
            parts.append(clean_key(key))
        elif value is not False:
            parts.append(f'{clean_key(key)}="{escape(value)}"')
    return " ".join(parts)


def _merged(field, kwargs: dict) -> dict:
    """What DefaultMeta.render_field passes to the widget: the field's render_kw, then the call's keywords."""
    attributes = {clean_key(k): v for k, v in kwargs.items()}
    if field.render_kw:
        attributes = {**{clean_key(k): v for k, v in field.render_kw.items()}, **attributes}
    return attributes


def _validation(field, widget, attributes: dict) -> None:
    for key, value in vars(field.flags).items():
        if key in getattr(widget, "validation_attrs", ()) and key not in attributes:
            attributes[key] = value() if callable(value) else value


def _input(field, widget, attributes: dict) -> Markup:
    attributes.setdefault("id", field.id)
    attributes.setdefault("type", widget.input_type)
    if "value" not in attributes:
        attributes["value"] = field._value()
    _validation(field, widget, attributes)
    attributes["name"] = field.name
    return Markup(f"<input {_params(attributes)}>")


def _textarea(field, widget, attributes: dict) -> Markup:
    attributes.setdefault("id", field.id)
    _validation(field, widget, attributes)
    attributes["name"] = field.name
    return Markup(f"<textarea {_params(attributes)}>\r\n{escape(field._value())}</textarea>")


def _select(field, widget, attributes: dict) -> Markup:
    attributes.setdefault("id", field.id)
    _validation(field, widget, attributes)
    attributes["name"] = field.name
    html = [f"<select {_params(attributes)}>"]
    for choice in field._iter_choices_normalized():
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        options = {"value": value, **(choice.render_kw or {})}
        if choice.selected:
            options["selected"] = True
        html.append(f"<option {_params(options)}>{escape(choice.label or choice.value)}</option>")
    html.append("</select>")
    return Markup("".join(html))


_RENDERERS = {widgets.TextInput: _input, widgets.HiddenInput: _input, widgets.TextArea: _textarea}


def render(field, kwargs: dict) -> Markup:
    """The field's input, as `field(**kwargs)` renders it."""
    widget = field.widget
    kind = type(widget)
    if kind in _RENDERERS and getattr(field, "_datalist", None) is None:
        return _RENDERERS[kind](field, widget, _merged(field, kwargs))
    if kind is widgets.Select and not widget.multiple and not field.has_groups():
        return _select(field, widget, _merged(field, kwargs))
    return field(**kwargs)


def cell(field, label, **attributes) -> Markup:
    """A field inside a table row (the visible column header repeated as a hidden label), with its message.

    A Python function rather than a Jinja macro: a budget step calls it about 80 times per page.
    """
    errors, warnings = field.errors, getattr(field, "warnings", None)
    described = " ".join(([f"{field.id}-error"] if errors else []) + ([f"{field.id}-warning"] if warnings else []))
    if described:
        attributes["aria-describedby"] = described
    if errors:
        attributes["aria-invalid"] = "true"
    html = ['<td class="has-error">' if errors else "<td>",
            f'<label for="{escape(field.id)}" class="visually-hidden">{escape(label)}</label>',
            render(field, attributes)]
    if errors:
        html.append(f'<p class="error-message" id="{escape(field.id)}-error">'
                    f'{escape(" ".join(str(e) for e in errors))}</p>')
    if warnings:
        html.append(f'<p class="warning-message" id="{escape(field.id)}-warning">'
                    f'{escape(" ".join(str(w) for w in warnings))}</p>')
    html.append("</td>")
    return Markup("".join(html))
