"""Where a redirect after login or a language switch may go."""
from urllib.parse import urlsplit

from flask import request


def safe_next(target: str | None) -> str | None:
    """A redirect target only when it is a local path ("/x"): never "//host", "http:", "/\\host",
    and nothing with whitespace or control characters (browsers drop a tab: "/<tab>/host" is "//host")."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(c.isspace() or not c.isprintable() for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target if request is not None else None
