"""Downloads: file names and the attachment response."""
from __future__ import annotations

import re
import unicodedata

from flask import Response


def safe_filename(title: str, suffix: str) -> str:
    """ASCII-only file name from a title: "Hela Familjen" → "Hela-Familjen.json"."""
    text = unicodedata.normalize("NFKD", title or "ansokan").encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:80] or "ansokan"
    return f"{text}{suffix}"


def attachment(body: bytes | str, content_type: str, name: str) -> Response:
    """The file as a download named `name` (ASCII: see safe_filename); `content_type` is sent as given."""
    return Response(body, content_type=content_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})
