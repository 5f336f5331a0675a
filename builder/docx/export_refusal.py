"""What must be in place before an application can be exported for signing."""
from __future__ import annotations

from builder.appformat import Application
from builder.budget import BudgetTable, compute_budget
from builder.i18n import gettext_for

from .labels import REQUIRED_SECTIONS, SECTION_TITLES
from .text import clean_text, has_text


class ExportRefused(ValueError):
    """A signed-ready export was asked for, but `problems` stand in the way."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def applying_parties(app: Application) -> list[str]:
    """The parties behind the application: the listed ones, then any budget party not listed."""
    names: list[str] = []
    for name in [p.name for p in app.parties] + [line.party for line in app.budget.staff]:
        name = clean_text(name).strip()
        if name and name not in names:
            names.append(name)
    return names


def signing_problems(app: Application, language: str | None = None,
                     table: BudgetTable | None = None) -> list[str]:
    """Everything that prevents a signed-ready export, in the document's language (empty: none)."""
    _ = gettext_for(language or app.language, "docx")
    table = table if table is not None else compute_budget(app.budget)
    problems = []
    for key in REQUIRED_SECTIONS:
        if not has_text(app.sections.get(key)):
            problems.append(_("Avsnittet ”%(section)s” är tomt.", section=_(SECTION_TITLES[key])))
    if not table.rows:
        problems.append(_("Budgeten har inga rader."))
    signed = {clean_text(s.party).strip() for s in app.signatories if has_text(s.name)}
    if not signed:
        problems.append(_("Ingen undertecknare är angiven."))
    for party in applying_parties(app):
        if signed and party not in signed:
            problems.append(_("Parten %(party)s saknar undertecknare.", party=party))
    return problems
