"""A finsam-application (format version 1) as plain dataclasses."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from builder.budget.model import Budget, EffectScenario

FORMAT_NAME = "finsam-application"
FORMAT_VERSION = 1
LANGUAGES = ("sv", "en")
KINDS = ("new", "extension", "continuation")
PARTY_KINDS = ("municipality", "region", "social_insurance", "employment_service", "other")
# In the order a Swedish application presents them.
SECTION_KEYS = (
    "background",
    "process",
    "target_group",
    "goals",
    "child_rights",
    "timeline",
    "activities",
    "owner",
    "steering_group",
    "follow_up",
    "implementation",
    "other",
)



def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown (web: messages, DOCX: docx)."""
    return message


# The sections' titles, in the order above: the wizard, the DOCX and the version comparison use these.
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


@dataclass(frozen=True)
class Period:
    start: date
    end: date


@dataclass(frozen=True)
class Party:
    name: str
    kind: str = "other"


@dataclass(frozen=True)
class Risk:
    area: str
    party: str
    description: str
    likelihood: int
    consequence: int
    mitigation: str = ""

    @property
    def score(self) -> int:
        return self.likelihood * self.consequence


@dataclass(frozen=True)
class Signatory:
    party: str
    name: str
    title: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class Application:
    title: str
    period: Period
    budget: Budget
    language: str = "sv"
    kind: str = "new"
    association: str = ""
    process_owner: str = ""
    parties: tuple[Party, ...] = ()
    sections: dict[str, str] = field(default_factory=dict)
    risks: tuple[Risk, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    effects: tuple[EffectScenario, ...] = ()
