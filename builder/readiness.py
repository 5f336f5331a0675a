"""What an application still lacks: for submission (the wizard's review step), for a signed-ready DOCX and
for the reviewer's budget check. Every rule is written here once; no Flask.

The checks read the stored document (a finsam-application dict, which may be an unfinished draft) and
return Gap values; `describe` turns one into a sentence in Swedish or English (gettext domain
`appformat`, `scripts/i18n appformat builder/format_messages.py builder/readiness.py builder/appformat/model.py`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from builder.appformat.model import SECTION_TITLES
from builder.formatting import decimal as format_decimal
from builder.formatting import number as format_number
from builder.i18n import gettext_for

DOMAIN = "appformat"
SECTIONS_FOR_SIGNING = ("background", "target_group", "goals", "activities")
SECTIONS_FOR_SUBMISSION = ("background", "target_group", "goals", "timeline", "activities", "steering_group",
                           "follow_up")
USUAL_SOCIAL_FEE_RATE = (Decimal(0), Decimal("0.60"))
# The wizard step where each section is written.
SECTION_STEP = {"background": "background", "process": "background", "target_group": "background",
                "child_rights": "background", "goals": "goals", "timeline": "timeline", "activities": "timeline"}


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated in `describe`."""
    return message


@dataclass(frozen=True)
class Gap:
    """One thing missing or inconsistent: `code`, the wizard `step` that fixes it, and `params`."""

    code: str
    step: str
    params: dict[str, Any] = field(default_factory=dict)


MESSAGES = {
    "project_missing": N_("Projektets namn och period saknas."),
    "association_missing": N_("Välj det samordningsförbund ansökan ska till."),
    "parties_missing": N_("Ange minst en part och processägaren."),
    "section_empty": N_("Avsnittet ”%(section)s” är tomt."),
    "no_risks": N_("Inga risker är beskrivna."),
    "no_budget_rows": N_("Budgeten har inga rader."),
    "no_signatory": N_("Ingen undertecknare är angiven."),
    "party_without_signatory": N_("Parten %(party)s saknar undertecknare."),
    "process_owner_not_party": N_("Processägaren %(name)s finns inte bland parterna."),
    "staff_party_not_listed": N_("Personalrad %(n)s: parten %(party)s finns inte bland parterna."),
    "signatory_party_not_listed": N_("Firmatecknaren %(name)s hör till en part som inte finns bland parterna."),
    "extension_without_baseline": N_("En utökning behöver den tidigare beviljade budgeten (jämförelsetabellen)."),
    "social_fee_unusual": N_("Personalrad %(n)s (%(role)s): sociala avgifter %(rate)s %% ligger utanför det "
                             "vanliga intervallet 0–60 %%."),
    "zero_social_fees": N_("Personalrad %(n)s (%(role)s) räknas med 0 %% sociala avgifter: stämmer det?"),
    "over_full_time": N_("Personalrad %(n)s (%(role)s) har mer än heltid (%(fte)s)."),
    "baseline_total_differs": N_("Jämförelsebudgetens total %(baseline)s kr skiljer sig från det beviljade "
                                 "beloppet %(approved)s kr."),
}


def describe(gap: Gap, language: str = "sv") -> str:
    """The gap as a sentence in `language`."""
    _ = gettext_for(language, DOMAIN)
    values = dict(gap.params)
    section = values.get("section")
    if section is not None:
        values["section"] = _(SECTION_TITLES[section])
    if "fte" in values:
        values["fte"] = format_decimal(values["fte"], language)
    if "rate" in values:
        values["rate"] = format_decimal(values["rate"] * 100, language)
    for key in ("baseline", "approved"):
        if key in values:
            values[key] = format_number(values[key], language)
    return _(MESSAGES[gap.code], **values)


def describe_all(gaps: list[Gap], language: str = "sv") -> list[str]:
    return [describe(gap, language) for gap in gaps]


# ---- the rules ---------------------------------------------------------------------------------------

def _text(value: Any) -> str:
    """Text as a rule sees it: printable characters only, trimmed."""
    return "".join(c for c in value if c.isprintable()).strip() if isinstance(value, str) else ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(doc: dict[str, Any], *keys: str) -> list[dict[str, Any]]:
    value: Any = doc
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def listed_parties(doc: dict[str, Any]) -> list[str]:
    return [name for name in (_text(p.get("name")) for p in _list(doc, "parties")) if name]


def applying_parties(doc: dict[str, Any]) -> list[str]:
    """The parties behind the application: the listed ones, then any staff line's party not listed."""
    names: list[str] = []
    for name in listed_parties(doc) + [_text(line.get("party")) for line in _list(doc, "budget", "staff")]:
        if name and name not in names:
            names.append(name)
    return names


def signatory_gaps(doc: dict[str, Any]) -> list[Gap]:
    """Every applying party has a signatory (one with a name); with no signatory at all, one gap says so."""
    signed = {_text(s.get("party")) for s in _list(doc, "signatories") if _text(s.get("name"))}
    if not signed:
        return [Gap("no_signatory", "signatories")]
    return [Gap("party_without_signatory", "signatories", {"party": party})
            for party in applying_parties(doc) if party not in signed]


def _section_gaps(doc: dict[str, Any], keys: tuple[str, ...]) -> list[Gap]:
    sections = _dict(doc.get("sections"))
    return [Gap("section_empty", SECTION_STEP.get(key, "organisation"), {"section": key})
            for key in keys if not _text(sections.get(key))]


def _has_budget_rows(doc: dict[str, Any]) -> bool:
    return bool(_list(doc, "budget", "staff") or _list(doc, "budget", "other_costs"))


def signing_gaps(doc: dict[str, Any]) -> list[Gap]:
    """What a signed-ready DOCX needs: the main sections, a budget and a signatory for every party."""
    gaps = _section_gaps(doc, SECTIONS_FOR_SIGNING)
    if not _has_budget_rows(doc):
        gaps.append(Gap("no_budget_rows", "budget"))
    return gaps + signatory_gaps(doc)


def party_gaps(doc: dict[str, Any]) -> list[Gap]:
    """Names that point at a party that is not listed."""
    parties = set(listed_parties(doc))
    gaps = []
    owner = _text(doc.get("process_owner"))
    if owner and owner not in parties:
        gaps.append(Gap("process_owner_not_party", "parties", {"name": owner}))
    for i, line in enumerate(_list(doc, "budget", "staff")):
        if _text(line.get("party")) not in parties:
            gaps.append(Gap("staff_party_not_listed", "budget", {"n": i + 1, "party": _text(line.get("party")) or "–"}))
    for signatory in _list(doc, "signatories"):
        if _text(signatory.get("party")) not in parties:
            gaps.append(Gap("signatory_party_not_listed", "signatories", {"name": _text(signatory.get("name"))}))
    return gaps


def submission_gaps(doc: dict[str, Any]) -> list[Gap]:
    """Everything still missing before the application can be submitted (the wizard sorts them by step)."""
    gaps = []
    if not _text(doc.get("title")) or not doc.get("period"):
        gaps.append(Gap("project_missing", "project"))
    if not _text(doc.get("association")):  # the text is an association's name (applications.service links it)
        gaps.append(Gap("association_missing", "project"))
    if not listed_parties(doc) or not _text(doc.get("process_owner")):
        gaps.append(Gap("parties_missing", "parties"))
    gaps += _section_gaps(doc, SECTIONS_FOR_SUBMISSION)
    if not _list(doc, "risks"):
        gaps.append(Gap("no_risks", "risks"))
    if not _has_budget_rows(doc):
        gaps.append(Gap("no_budget_rows", "budget"))
    gaps += signatory_gaps(doc) + party_gaps(doc)
    budget = _dict(doc.get("budget"))
    if doc.get("kind") == "extension" and not _list(budget, "baseline", "rows"):
        gaps.append(Gap("extension_without_baseline", "budget"))
    return gaps


def incomplete_steps(doc: dict[str, Any]) -> set[str]:
    """The wizard steps that fix something missing for submission (the others get the indicator's tick)."""
    return {gap.step for gap in submission_gaps(doc)}



def _rate(value: Any) -> Decimal | None:
    try:
        rate = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return rate if rate.is_finite() else None


def budget_warnings(doc: dict[str, Any]) -> list[Gap]:
    """Allowed but probably a mistake: a staff line at 0 % social fees, or more than full time on one line.
    The lead's review step and the reviewer's budget check both say them."""
    budget = _dict(doc.get("budget"))
    default_rate = _rate(budget.get("default_social_fee_rate") or "0")
    gaps = []
    for i, line in enumerate(_list(doc, "budget", "staff")):
        role = _text(line.get("role")) or "–"
        rate = _rate(line.get("social_fee_rate")) if line.get("social_fee_rate") not in (None, "") else default_rate
        if rate == 0:
            gaps.append(Gap("zero_social_fees", "budget", {"n": i + 1, "role": role}))
        fte = _rate(line.get("fte"))
        if fte is not None and fte > 1:
            gaps.append(Gap("over_full_time", "budget", {"n": i + 1, "role": role, "fte": fte}))
    return gaps


def reviewer_gaps(doc: dict[str, Any], baseline_total: int | None = None,
                  approved_total: int | None = None) -> list[Gap]:
    """The reviewer's budget check: unusual social fees, unlisted parties, missing signatories, and a
    baseline whose total is not the amount approved for the parent application."""
    gaps = []
    budget = _dict(doc.get("budget"))
    default_rate = _rate(budget.get("default_social_fee_rate") or "0") or Decimal(0)
    low, high = USUAL_SOCIAL_FEE_RATE
    for i, line in enumerate(_list(doc, "budget", "staff")):
        rate = _rate(line.get("social_fee_rate")) if line.get("social_fee_rate") is not None else default_rate
        if rate is not None and not low <= rate <= high:
            gaps.append(Gap("social_fee_unusual", "budget", {"n": i + 1, "role": _text(line.get("role")),
                                                              "rate": rate}))
    gaps += budget_warnings(doc)
    gaps += [gap for gap in party_gaps(doc) if gap.code == "staff_party_not_listed"]
    gaps += [gap for gap in signatory_gaps(doc) if gap.code == "party_without_signatory"]
    if baseline_total is not None and approved_total is not None and baseline_total != approved_total:
        gaps.append(Gap("baseline_total_differs", "budget", {"baseline": baseline_total, "approved": approved_total}))
    return gaps
