"""The kallelse (agenda) of a beredningsgrupp or styrelse meeting: plain values in, DOCX bytes out."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date

from builder.i18n import gettext_for

from .casedoc import day, money, write_document, year_table
from .labels import N_
from .tables import Column, TableRow, build_table, fit_columns
from .xmlkit import paragraph

BODY_LABELS = {"beredning": N_("Beredningsgruppen"), "styrelse": N_("Förbundsstyrelsen")}
RECOMMENDATION_LABELS = {"grant": N_("Bevilja"), "reject": N_("Avslå"), "complete": N_("Komplettera")}
WARNING_COLOUR = "C00000"


@dataclass(frozen=True)
class AgendaCase:
    """One case on the agenda, with its figures already computed by the budget engine."""

    case_number: str
    title: str
    parties: tuple[str, ...]
    period_start: date | None
    period_end: date | None
    applied: tuple[tuple[str, int], ...]  # (year, whole kronor) applied for
    version_number: int | None = None
    officer: str = ""
    officer_recommendation: str = ""  # grant | reject | complete | ""
    officer_note: str = ""
    recommendation: str = ""  # the beredningsgrupp's, when it has given one
    recommendation_note: str = ""
    budget_findings: tuple[str, ...] = ()
    budget_checked: bool = True  # False: the version could not be computed at all
    late: bool = False  # submitted after the deadline for papers
    change: int | None = None  # an extension: the change against the earlier budget (what is applied for)
    revised_total: int | None = None  # an extension: the revised total budget
    frame_notes: tuple[str, ...] = ()  # the applied amounts against the association's remaining frame (texts)

    @property
    def applied_total(self) -> int:
        return sum(amount for _year, amount in self.applied)


@dataclass(frozen=True)
class AgendaMeeting:
    kind: str  # beredning | styrelse
    date: dt.date
    place: str
    papers_deadline: dt.date
    association: str = ""
    cases: tuple[AgendaCase, ...] = field(default=())


def render_agenda_docx(meeting: AgendaMeeting, language: str = "sv", today: date | None = None) -> bytes:
    """The kallelse: meeting, deadline for papers, and per case its data, amounts, recommendation and check."""
    _ = gettext_for(language, "docx")
    body = _(BODY_LABELS.get(meeting.kind, meeting.kind))
    title = _("Kallelse – %(body)s %(date)s", body=body, date=day(meeting.date, language))
    blocks = [paragraph(meeting.association, bold=True) if meeting.association else "",
              paragraph(title, "Title"),
              paragraph(_("Tid: %(date)s", date=day(meeting.date, language))),
              paragraph(_("Plats: %(place)s", place=meeting.place or "–")),
              paragraph(_("Handlingarna skickas ut senast %(date)s.", date=day(meeting.papers_deadline, language)))]
    blocks = [b for b in blocks if b]
    if not meeting.cases:
        blocks.append(paragraph(_("Inga ärenden är anmälda till mötet.")))
    blocks.append(paragraph(_("Ärenden"), "Heading1"))
    for number, case in enumerate(meeting.cases, start=1):
        blocks += _case_blocks(number, case, meeting.kind, language, _)
    return write_document(language, _, blocks, title=title, footer_title=title,
                          footer_detail=_("Diarienummer: %(numbers)s",
                                          numbers=", ".join(c.case_number for c in meeting.cases) or "–"),
                          subject=body, today=today)


def _case_blocks(number: int, case: AgendaCase, kind: str, language: str, _) -> list[str]:
    heading = _("%(n)s. %(case_number)s %(title)s", n=number, case_number=case.case_number, title=case.title)
    period = (f"{day(case.period_start, language)} – {day(case.period_end, language)}"
              if case.period_start and case.period_end else "–")
    facts = [(_("Diarienummer"), case.case_number), (_("Projekt"), case.title),
             (_("Parter"), ", ".join(case.parties) or "–"), (_("Period"), period),
             (_("Handläggare"), case.officer or "–")]
    if case.version_number:
        facts.append((_("Version"), str(case.version_number)))
    blocks = [paragraph(heading, "Heading2")]
    blocks.append(build_table(fit_columns([Column(2600), Column(0)], flexible_index=1), [_("Uppgift"), _("Värde")],
                              [TableRow((label, value)) for label, value in facts]))
    extension = case.change is not None and case.revised_total is not None
    if extension:  # the same sentence as the application's cover (builder/docx/sections.py amount_text)
        blocks.append(paragraph(_("Sökt belopp: %(amount)s (förändring mot den ursprungliga budgeten), reviderad "
                                  "total %(total)s.", amount=money(case.change or 0, language),
                                  total=money(case.revised_total or 0, language)), bold=True, space_before=6))
    blocks.append(paragraph(_("Budget per år (nya och ändrade rader)") if extension else _("Sökt belopp per år"),
                            bold=True, keep_next=True, space_before=6))
    blocks.append(year_table(case.applied, case.applied_total, _("Belopp"), language, _))
    blocks.append(paragraph(_("Handläggarens förslag: %(recommendation)s",
                              recommendation=_label(case.officer_recommendation, _)), space_before=6))
    if case.officer_note:
        blocks.append(paragraph(case.officer_note))
    if kind == "styrelse" or case.recommendation:
        blocks.append(paragraph(_("Beredningsgruppens rekommendation: %(recommendation)s",
                                  recommendation=_label(case.recommendation, _))))
        if case.recommendation_note:
            blocks.append(paragraph(case.recommendation_note))
    blocks += _check_blocks(case, _)
    if case.frame_notes:
        blocks.append(paragraph(_("Jämfört med förbundets ram:"), keep_next=True))
        blocks += [paragraph("– " + note, colour=WARNING_COLOUR) for note in case.frame_notes]
    if case.late:
        blocks.append(paragraph(_("Obs: ärendet kom in efter sista dag för handlingar."), colour=WARNING_COLOUR))
    return blocks


def _label(key: str, _) -> str:
    return _(RECOMMENDATION_LABELS[key]) if key in RECOMMENDATION_LABELS else _("ingen ännu")


def _check_blocks(case: AgendaCase, _) -> list[str]:
    if not case.budget_checked:
        return [paragraph(_("Budgetkontroll: budgeten kunde inte beräknas."), colour=WARNING_COLOUR)]
    if not case.budget_findings:
        return [paragraph(_("Budgetkontroll: inga avvikelser."))]
    blocks = [paragraph(_("Budgetkontroll – antal avvikelser: %(n)s.", n=len(case.budget_findings)), keep_next=True)]
    blocks += [paragraph("– " + finding) for finding in case.budget_findings]
    return blocks
