"""Fixed texts of the document that depend only on a key (Swedish msgids, translated when used)."""
from __future__ import annotations

from builder.appformat.model import SECTION_TITLES as APP_SECTION_TITLES


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is used."""
    return message


# The sections' titles are the application format's (builder/appformat/model.py), translated with this
# domain: extract with `scripts/i18n docx builder/docx builder/appformat/model.py`.
SECTION_TITLES = APP_SECTION_TITLES

# The budget, effects and risks come after these sections, as in the reference application.
SECTIONS_BEFORE_BUDGET = (
    "background", "process", "target_group", "goals", "child_rights", "timeline", "activities",
    "owner", "steering_group",
)
SECTIONS_AFTER_BUDGET = ("follow_up", "implementation", "other")

TITLE_BY_KIND = {
    "new": N_("Ansökan om medel för %(title)s"),
    "extension": N_("Ansökan om medel för utökning av %(title)s"),
    "continuation": N_("Ansökan om medel för fortsättning av %(title)s"),
}

# The words the title adds for a kind; left out when the project name already holds them.
KIND_WORDS = {"extension": N_("utökning av"), "continuation": N_("fortsättning av")}

BUDGET_INTRO_BY_KIND = {
    "new": N_("Budget för %(title)s för perioden %(start)s – %(end)s."),
    "extension": N_("Budget för utökning av %(title)s fr.o.m. den %(start)s t.o.m. den %(end)s."),
    "continuation": N_("Budget för fortsättning av %(title)s fr.o.m. den %(start)s t.o.m. den %(end)s."),
}

DOCUMENT_LANGUAGE = {"sv": "sv-SE", "en": "en-GB"}
