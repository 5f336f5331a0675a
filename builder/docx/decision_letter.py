"""The decision letter (beslutsbrev) to the applicant: plain values in, DOCX bytes out, signed-ready."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from builder.i18n import gettext_for

from .casedoc import day, money, party_table, write_document, year_table
from .labels import N_
from .tables import Column, TableRow, build_table, fit_columns
from .xmlkit import paragraph

REPORT_LABELS = {
    "interim_april": N_("Delårsrapport till och med 30 april %(year)s"),
    "interim_august": N_("Delårsrapport till och med 31 augusti %(year)s"),
    "interim_september": N_("Delårsrapport till och med 30 september %(year)s"),
    "interim": N_("Delårsrapport %(year)s"),
    "yearly": N_("Årsrapport %(year)s"),
    "final": N_("Slutrapport med utvärdering"),
}
APPEAL_TEXT = N_(
    "Beslutet kan överklagas genom laglighetsprövning enligt 13 kap. kommunallagen (2017:725). "
    "Överklagandet ska ha kommit in till förvaltningsrätten inom tre veckor från den dag då det "
    "tillkännagavs på förbundets anslagstavla att protokollet har justerats.")


@dataclass(frozen=True)
class PartyAmounts:
    name: str
    yearly: tuple[tuple[str, int], ...]  # (year, whole kronor)


@dataclass(frozen=True)
class DecisionLetter:
    """Everything the letter says, computed beforehand (amounts by the budget engine)."""

    case_number: str
    title: str
    association: str
    decision: str  # approve | reject
    decision_body: str
    paragraph: str
    decision_date: date
    letter_date: date
    recipient: str
    recipient_email: str = ""
    parties: tuple[str, ...] = ()
    period_start: date | None = None
    period_end: date | None = None
    approved: tuple[tuple[str, int], ...] = ()  # (year, whole kronor) granted
    applied_total: int | None = None
    party_amounts: tuple[PartyAmounts, ...] = ()  # per party and year, as applied for
    conditions: str = ""
    reports: tuple[tuple[str, int, date], ...] = ()  # (kind, year, due)
    officer_name: str = ""
    officer_email: str = ""
    signatory_name: str = ""
    version_number: int | None = None
    fingerprint: str = ""
    years: tuple[str, ...] = field(default=())

    @property
    def approved_total(self) -> int:
        return sum(amount for _year, amount in self.approved)


def render_decision_letter_docx(letter: DecisionLetter, language: str = "sv") -> bytes:
    """The beslutsbrev: decision, amounts per year and party, conditions, reports, appeal, signature."""
    _ = gettext_for(language, "docx")
    granted = letter.decision == "approve"
    title = _("Beslut om medel: %(title)s", title=letter.title) if granted else \
        _("Beslut om avslag: %(title)s", title=letter.title)
    blocks = _heading_blocks(letter, title, language, _)
    blocks += _decision_blocks(letter, granted, language, _)
    if granted:
        blocks += _conditions_blocks(letter, language, _)
    blocks += _contact_blocks(letter, _)
    blocks += _signature_blocks(letter, language, _)
    detail = _("Diarienummer: %(number)s", number=letter.case_number)
    if letter.version_number:
        detail += " · " + _("Version: %(label)s", label=str(letter.version_number))
    if letter.fingerprint:
        detail += " · " + _("Kontrollsumma: %(fingerprint)s", fingerprint=letter.fingerprint)
    return write_document(language, _, blocks, title=title, footer_title=title, footer_detail=detail,
                          subject=_("Beslutsbrev"), today=letter.letter_date)


def _heading_blocks(letter: DecisionLetter, title: str, language: str, _) -> list[str]:
    blocks = [paragraph(letter.association, bold=True) if letter.association else "",
              paragraph(_("Datum: %(date)s", date=day(letter.letter_date, language)), align="right", space_after=0),
              paragraph(_("Diarienummer: %(number)s", number=letter.case_number), align="right"),
              paragraph(_("Till: %(name)s", name=letter.recipient), space_after=0)]
    if letter.recipient_email:
        blocks.append(paragraph(letter.recipient_email))
    blocks.append(paragraph(title, "Title"))
    return [b for b in blocks if b]


def _decision_blocks(letter: DecisionLetter, granted: bool, language: str, _) -> list[str]:
    period = (f"{day(letter.period_start, language)} – {day(letter.period_end, language)}"
              if letter.period_start and letter.period_end else "–")
    blocks = [paragraph(_("Beslut"), "Heading1")]
    values = dict(body=letter.decision_body, paragraph=letter.paragraph, date=day(letter.decision_date, language),
                  title=letter.title)
    if granted:
        blocks.append(paragraph(_("%(body)s beslutade den %(date)s (%(paragraph)s) att bevilja medel till "
                                  "%(title)s med %(amount)s.", amount=money(letter.approved_total, language),
                                  **values)))
    else:
        blocks.append(paragraph(_("%(body)s beslutade den %(date)s (%(paragraph)s) att avslå ansökan om medel "
                                  "till %(title)s.", **values)))
    blocks.append(paragraph(_("Sökande parter: %(parties)s", parties=", ".join(letter.parties) or "–"),
                            space_after=0))
    blocks.append(paragraph(_("Projektperiod: %(period)s", period=period)))
    if granted:
        blocks += _amount_blocks(letter, language, _)
    return blocks


def _amount_blocks(letter: DecisionLetter, language: str, _) -> list[str]:
    blocks = [paragraph(_("Beviljat belopp per år"), "Heading2")]
    blocks.append(year_table(letter.approved, letter.approved_total, _("Beviljat"), language, _))
    if letter.party_amounts and letter.years:
        blocks.append(paragraph(_("Fördelning per part"), "Heading2"))
        if letter.applied_total is not None and letter.applied_total != letter.approved_total:
            blocks.append(paragraph(_("Fördelningen nedan är den sökta (%(amount)s). Beviljat belopp avviker; "
                                      "fördelningen per part fastställs i överenskommelsen.",
                                      amount=money(letter.applied_total, language))))
        blocks.append(party_table(letter.years, letter.party_amounts, language, _))
    return blocks


def _conditions_blocks(letter: DecisionLetter, language: str, _) -> list[str]:
    blocks = [paragraph(_("Villkor"), "Heading1")]
    conditions = [line.strip() for line in letter.conditions.split("\n") if line.strip()]
    blocks += [paragraph("– " + line) for line in conditions] or [paragraph(_("Inga särskilda villkor."))]
    blocks.append(paragraph(_("Medlen får användas endast för det beviljade projektet under projektperioden. "
                              "Innan insatsen startar tecknas en överenskommelse med förbundet.")))
    blocks.append(paragraph(_("Återrapportering"), "Heading1"))
    if letter.reports:
        rows = [TableRow((_(REPORT_LABELS.get(kind, kind), year=year), day(due, language)))
                for kind, year, due in letter.reports]
        blocks.append(build_table(fit_columns([Column(0), Column(3000)]), [_("Rapport"), _("Senast")], rows))
    return blocks


def _contact_blocks(letter: DecisionLetter, _) -> list[str]:
    blocks = [paragraph(_("Hur man överklagar"), "Heading1"), paragraph(_(APPEAL_TEXT)),
              paragraph(_("Frågor om beslutet"), "Heading1")]
    if letter.officer_name or letter.officer_email:
        contact = ", ".join(x for x in (letter.officer_name, letter.officer_email) if x)
        blocks.append(paragraph(_("Har du frågor om beslutet, kontakta handläggaren %(contact)s och ange "
                                  "diarienummer %(number)s.", contact=contact, number=letter.case_number)))
    else:
        blocks.append(paragraph(_("Har du frågor om beslutet, kontakta förbundets kansli och ange diarienummer "
                                  "%(number)s.", number=letter.case_number)))
    return blocks


def _signature_blocks(letter: DecisionLetter, language: str, _) -> list[str]:
    association = letter.association or _("samordningsförbundet")
    return [paragraph(_("För %(association)s", association=association), keep_next=True, space_before=18),
            paragraph(_("Ort och datum: ____________________"), keep_next=True, space_before=12),
            paragraph("______________________________", keep_next=True, space_before=30, space_after=0),
            paragraph(letter.signatory_name or _("Namnförtydligande"), keep_next=True, space_after=0),
            paragraph(_("Förbundschef"))]
