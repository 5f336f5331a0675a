"""Characters that no typed text needs, removed where text enters the app (pure, standard library).

PostgreSQL refuses NUL in text, XML (DOCX, XLSX) cannot hold the C0 controls, U+FFFE or
U+FFFF, and none of them can be typed on purpose; tab, newline and carriage return stay.
"""
from __future__ import annotations

import re

# Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) can make a figure or a
# name read backwards on paper ("Trojan Source"); nobody types them on purpose either.
_UNTYPEABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")


def without_control_characters(text: str) -> str:
    """`text` without NUL, the other C0 controls (tab, CR, LF kept), DEL, bidi controls, U+FFFE/U+FFFF, surrogates."""
    return _UNTYPEABLE.sub("", text) if _UNTYPEABLE.search(text) else text


def clean_strings(value):
    """A decoded JSON value with every text (keys too) passed through without_control_characters."""
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, dict):
        return {clean_strings(k): clean_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_strings(v) for v in value]
    return value
