"""What must be in place before an application can be exported for signing (the rules: builder/readiness.py)."""
from __future__ import annotations

from builder import readiness
from builder.appformat import Application, to_dict

from .text import clean_text


class ExportRefused(ValueError):
    """A signed-ready export was asked for, but `gaps` stand in the way (`problems`: in the document's language)."""

    def __init__(self, problems: list[str], gaps: list[readiness.Gap] | None = None):
        super().__init__("\n".join(problems))
        self.problems = problems
        self.gaps = gaps or []


def applying_parties(app: Application) -> list[str]:
    """The parties behind the application (readiness.applying_parties), as the document prints them."""
    names: list[str] = []
    for name in readiness.applying_parties(to_dict(app)):
        name = clean_text(name).strip()
        if name and name not in names:
            names.append(name)
    return names


def signing_gaps(app: Application) -> list[readiness.Gap]:
    return readiness.signing_gaps(to_dict(app))


def signing_problems(app: Application, language: str | None = None) -> list[str]:
    """Everything that prevents a signed-ready export, in the document's language (empty: none)."""
    return readiness.describe_all(signing_gaps(app), language or app.language)
