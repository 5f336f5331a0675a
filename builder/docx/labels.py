"""Fixed texts of the document that depend only on a key (Swedish msgids, translated when used)."""
from __future__ import annotations


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is used."""
    return message


SECTION_TITLES = {
    "background": N_("Bakgrund/problembeskrivning"),
    "process": N_("Hur har processen tagits fram"),
    "target_group": N_("Målgrupp"),
    "goals": N_("Resultat och effektmål"),
    "child_rights": N_("Barnrättsperspektiv"),
    "timeline": N_("Tidsplan"),
    "activities": N_("Aktiviteter"),
    "owner": N_("Processägare"),
    "steering_group": N_("Styrgrupp"),
    "follow_up": N_("Metoder för uppföljning"),
    "implementation": N_("Implementering i ordinarie verksamhet"),
    "other": N_("Övrigt"),
}

# The budget, effects and risks come after these sections, as in the reference application.
SECTIONS_BEFORE_BUDGET = (
    "background", "process", "target_group", "goals", "child_rights", "timeline", "activities",
    "owner", "steering_group",
)
SECTIONS_AFTER_BUDGET = ("follow_up", "implementation", "other")

REQUIRED_SECTIONS = ("background", "target_group", "goals", "activities")

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

CHANGE_BY_KIND = {
    "new": N_("Ändringen"),
    "extension": N_("Utökningen"),
    "continuation": N_("Fortsättningen"),
}

DOCUMENT_LANGUAGE = {"sv": "sv-SE", "en": "en-GB"}
