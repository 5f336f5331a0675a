"""Password policy: at least 10 characters, not a common password, not built on the address's name.

The common passwords are a bundled list (common_passwords.txt, one a line, lower case) of
widely used passwords and their usual variations (a year, digits or "!" appended, keyboard
rows, Swedish and English words); it is read once per process. Comparison ignores case.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flask_babel import gettext as _

MIN_LENGTH = 10
MIN_DISTINCT = 5  # "aaaaaaaaaa", "ababababab12": too few different characters to be guessed slowly
COMMON_PASSWORDS = Path(__file__).with_name("common_passwords.txt")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    with open(COMMON_PASSWORDS, encoding="utf-8") as fh:
        return frozenset(line.strip().lower() for line in fh if line.strip() and not line.startswith("#"))


def password_problem(password: str, email: str = "") -> str | None:
    """Why `password` is refused (a message for the user), or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _("Minst 10 tecken.")
    lowered = password.lower()
    if lowered in common_passwords() or len(set(lowered)) < MIN_DISTINCT:
        return _("Lösenordet är för vanligt eller lätt att gissa. Välj ett annat.")
    name = (email or "").split("@", 1)[0].strip().lower()
    if len(name) >= 3 and name in lowered:
        return _("Lösenordet får inte innehålla din e-postadress.")
    return None
