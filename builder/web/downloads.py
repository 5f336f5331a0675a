"""File names for downloads."""
from __future__ import annotations

import re
import unicodedata


def safe_filename(title: str, suffix: str) -> str:
    """ASCII-only file name from a title: "Hela Familjen" → "Hela-Familjen.json"."""
    text = unicodedata.normalize("NFKD", title or "ansokan").encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:80] or "ansokan"
    return f"{text}{suffix}"
