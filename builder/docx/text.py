"""Text that a user typed, made safe for WordprocessingML, and the download file name."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

# XML 1.0 cannot hold these (tab, newline and carriage return are handled separately).
# Bidirectional embeddings, overrides and isolates are dropped too: they could reverse a printed figure.
_XML_INVALID = re.compile("[\x00-\x08\x0e-\x1f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_NEEDS_CLEANING = re.compile("[\x00-\x08\x0b-\x1f\x85\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\u2028\u2029\x85]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_RTL_CLASSES = ("R", "AL")
_LTR_CLASSES = ("L",)
_ASCII_FOLD = {"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L"}
_NOT_SAFE = re.compile(r"[^A-Za-z0-9]+")
MAX_FILENAME_TITLE = 80


def clean_text(text: str | None) -> str:
    """User text that XML can hold: line breaks normalised, control characters and lone surrogates removed."""
    if not text:
        return ""
    if not _NEEDS_CLEANING.search(text):
        return text
    if _SURROGATE.search(text):
        # A well-formed pair becomes its character again; a lone half becomes U+FFFD.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    text = _LINE_BREAKS.sub("\n", text)
    return _XML_INVALID.sub("", text)


def paragraphs_of(text: str | None) -> list[str]:
    """A section's text as paragraphs: one per non-empty line (blank lines separate too)."""
    lines = (line.strip() for line in clean_text(text).split("\n"))
    return [line for line in lines if line]


def has_text(text: str | None) -> bool:
    """True when the text holds something printable once cleaned."""
    cleaned = clean_text(text)
    return bool(cleaned) and not cleaned.isspace()


def is_rtl(text: str) -> bool:
    """True when the first strongly directional character is right-to-left (Arabic, Hebrew, ...)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in _RTL_CLASSES:
            return True
        if direction in _LTR_CLASSES:
            return False
    return False


def ascii_slug(text: str) -> str:
    """Letters folded to ASCII (å→a, ä→a, ö→o, é→e), anything else one '-', no '-' at the ends."""
    folded = "".join(_ASCII_FOLD.get(char, char) for char in text)
    decomposed = unicodedata.normalize("NFKD", folded)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_SAFE.sub("-", plain).strip("-")


def docx_filename(title: str, day: date, language: str = "sv") -> str:
    """"Ansokan-Hela-Familjen-2017-05-15.docx": safe ASCII characters only."""
    prefix = "Application" if language == "en" else "Ansokan"
    slug = ascii_slug(clean_text(title))[:MAX_FILENAME_TITLE].strip("-")
    parts = [prefix, slug, day.isoformat()] if slug else [prefix, day.isoformat()]
    return "-".join(parts) + ".docx"
