"""The insats as the national follow-up (Uppföljning Finsam) registers it: its focus (inriktning), target
group (målgrupp) and planned participants per year. Pure: constants and checks, no Flask or database.

Uppföljning Finsam asks, per insats, whether it is aimed at individuals (participants take part in it),
at structures (it changes how the parties work together: methods, networks, competence) or at both. The
keys are stored in `Case.focus`; the labels are what the national system calls the choices.
"""
from __future__ import annotations

FOCUS_KEYS = ("individ", "struktur", "individ_struktur")
# The Swedish labels, as the export writes them (the national system's own words); pages translate them.
FOCUS_LABELS_SV = {
    "individ": "Individinriktad",
    "struktur": "Strukturinriktad",
    "individ_struktur": "Individ- och strukturinriktad",
}
TARGET_GROUP_MAX = 300  # Case.target_group's column
PARTICIPANTS_MAX = 100_000  # planned participants of one insats in one year
PERIOD_YEARS_MAX = 20  # the format's longest period: a form field per year, never more


def focus_label_sv(key: str) -> str:
    """The Swedish label of a stored focus key ("" when none is set; an unknown key as it is)."""
    return FOCUS_LABELS_SV.get(key, key)


def period_years(start: str, end: str) -> list[int]:
    """The calendar years of a period given as ISO dates ("2024-06-01", "2026-05-31" → 2024, 2025, 2026);
    empty when either date is missing or unreadable, at most PERIOD_YEARS_MAX years."""
    try:
        first, last = int(start[:4]), int(end[:4])
    except (TypeError, ValueError):
        return []
    if len(start) < 4 or len(end) < 4 or last < first:
        return []
    return list(range(first, min(last, first + PERIOD_YEARS_MAX - 1) + 1))
