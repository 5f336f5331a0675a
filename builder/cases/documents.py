"""Plain values for the kallelse and the beslutsbrev, computed from the stored case by the budget engine."""
from __future__ import annotations

from datetime import date

from flask import current_app

from builder.applications.service import validate
from builder.budget import compute_budget
from builder.docx.agenda import AgendaCase, AgendaMeeting, render_agenda_docx
from builder.docx.agreement import Agreement, Signatory, render_agreement_docx
from builder.docx.decision_letter import DecisionLetter, PartyAmounts, render_decision_letter_docx
from builder.docx.text import ascii_slug
from builder.extensions import db
from builder.models import Application, ApplicationVersion, Association

from .models import AgendaItem, Meeting
from .reporting import DEFAULT_PERIOD_ENDS, reporting_schedule
from .service import (
    case_of,
    decision_item,
    latest_recommendation,
    local_date,
    papers_deadline,
    today,
)


def _version(application: Application, number: int | None) -> ApplicationVersion | None:
    for version in application.versions:
        if version.number == number:
            return version
    return application.versions[-1] if application.versions else None


def figures(doc: dict):
    """(validated application, budget table) of a document, or (None, None) when it does not validate."""
    validated, _errors = validate(doc)
    return (validated, compute_budget(validated.budget)) if validated else (None, None)


def applied_by_year(doc: dict) -> dict[str, int]:
    """The budget per year (the engine's yearly totals; for an extension, of the new and changed rows)."""
    _validated, table = figures(doc)
    return dict(table.yearly_totals) if table else {}


def extension_change(doc: dict) -> tuple[int, int] | None:
    """An extension's (change against the earlier budget, revised total), as the application's cover says."""
    _validated, table = figures(doc)
    return (table.delta, table.revised_total) if table is not None and table.has_baseline else None


def _period(doc: dict) -> tuple[date | None, date | None]:
    period = doc.get("period") or {}
    try:
        return date.fromisoformat(str(period.get("start"))), date.fromisoformat(str(period.get("end")))
    except ValueError:
        return None, None


def agenda_case(item: AgendaItem, meeting: Meeting) -> AgendaCase:
    """One agenda item as the kallelse shows it."""
    from builder.review.budget_findings import budget_findings

    application = item.application
    version = _version(application, item.version_number)
    doc = version.doc if version else application.doc
    _validated, table = figures(doc)
    case = case_of(application.id)
    recommendation = item if meeting.kind == "beredning" and item.recommendation else \
        latest_recommendation(application.id)
    parent = db.session.get(Application, application.parent_id) if application.parent_id else None
    start, end = _period(doc)
    late = bool(version and local_date(version.created_at) > papers_deadline(meeting))
    frame_notes: tuple[str, ...] = ()
    if table is not None and not item.decision and application.status == "submitted":
        from builder.portfolio.warnings import frame_warning_texts

        frame_notes = tuple(frame_warning_texts(application, {int(y): a for y, a in table.yearly_totals.items()}))
    return AgendaCase(
        case_number=case.number if case else "", title=application.title,
        parties=tuple(str(p.get("name", "")) for p in doc.get("parties") or []), period_start=start, period_end=end,
        applied=tuple(table.yearly_totals.items()) if table else (), version_number=version.number if version else None,
        officer=(case.officer.name or case.officer.email) if case and case.officer else "",
        officer_recommendation=case.officer_recommendation if case else "",
        officer_note=case.officer_note if case else "",
        recommendation=recommendation.recommendation if recommendation else "",
        recommendation_note=recommendation.recommendation_note if recommendation else "",
        budget_findings=tuple(budget_findings(doc, parent.approved_total if parent else None)),
        budget_checked=table is not None, late=late,
        change=table.delta if table is not None and table.has_baseline else None,
        revised_total=table.revised_total if table is not None and table.has_baseline else None,
        frame_notes=frame_notes)


def agenda_docx(meeting: Meeting, language: str) -> bytes:
    cases = tuple(agenda_case(item, meeting) for item in meeting.items)
    association = db.session.get(Association, meeting.association_id)  # the meeting's own association
    value = AgendaMeeting(kind=meeting.kind, date=meeting.date, place=meeting.place,
                          papers_deadline=papers_deadline(meeting),
                          association=association.name if association else "", cases=cases)
    return render_agenda_docx(value, language, today=today())


def agenda_filename(meeting: Meeting) -> str:
    return f"Kallelse-{meeting.kind}-{meeting.date.isoformat()}.docx"


def decision_letter(application: Application) -> DecisionLetter | None:
    """The letter's values, or None while there is no decision."""
    if application.status not in ("approved", "rejected"):
        return None
    item = decision_item(application.id)
    version = _version(application, item.version_number if item else None)
    doc = version.doc if version else application.doc
    validated, table = figures(doc)
    case = case_of(application.id)
    start, end = _period(doc)
    approved_years = _approved(application, item, table)
    owner = application.owner
    officer = case.officer if case and case.officer else None
    return DecisionLetter(
        case_number=case.number if case else "–", title=application.title,
        association=_association_name_orgnr(application)[0],
        decision="approve" if application.status == "approved" else "reject",
        decision_body="Förbundsstyrelsen" if item else (application.decision_body or "Förbundsstyrelsen"),
        paragraph=item.paragraph if item else "", decision_date=(item.decision_date if item else None)
        or application.decision_date or today(), letter_date=today(),
        recipient=(validated.process_owner if validated else "") or owner.name or owner.email,
        recipient_email=owner.email, parties=tuple(str(p.get("name", "")) for p in doc.get("parties") or []),
        period_start=start, period_end=end, approved=approved_years,
        applied_total=table.total if table else None,
        party_amounts=tuple(PartyAmounts(row.label, tuple(row.yearly.items())) for row in table.rows)
        if table else (), conditions=item.conditions if item else "",
        reports=tuple((r.kind, r.year, r.due) for r in reporting_schedule(start, end, _period_ends(application)))
        if start and end else (),
        officer_name=officer.name if officer else "", officer_email=officer.email if officer else "",
        signatory_name=current_app.config.get("DECISION_SIGNATORY", ""),
        version_number=version.number if version else None, fingerprint=version.fingerprint if version else "",
        years=tuple(table.years) if table else ())


def _approved(application: Application, item: AgendaItem | None, table) -> tuple[tuple[str, int], ...]:
    """The granted amount per year: as the styrelse recorded it, else the version's years when the total agrees
    (or when the application was approved without an amount: the version as applied for)."""
    if item and item.yearly_amounts:
        return tuple(item.yearly_amounts.items())
    if application.approved_total is None:
        if application.status == "approved" and table is not None:
            return tuple(table.yearly_totals.items())
        return ()
    if table is not None and table.total == application.approved_total:
        return tuple(table.yearly_totals.items())
    label = f"{table.years[0]}–{table.years[-1]}" if table is not None and table.years else "–"
    return ((label, application.approved_total),)


def committed_by_year(application: Application) -> dict[int, int]:
    """What the approval commits per calendar year, from the same decision, version and engine figures as the
    överenskommelse's "Beviljat" table (so the portfolio and the agreement show the same kronor): the
    styrelse's yearly amounts, else the approved version's budget per year; an approved total that differs
    from the budget's is shared over its years in proportion (builder.national.figures.commitment_by_year)."""
    from builder.national.figures import commitment_by_year

    item = decision_item(application.id)
    version = _version(application, item.version_number if item else None)
    _validated, table = figures(version.doc if version else application.doc)
    return commitment_by_year(item.yearly_amounts if item else {}, application.approved_total,
                              table.yearly_totals if table is not None else {})


def _language(application: Application) -> str:
    language = application.doc.get("language")
    return language if language in ("sv", "en") else "sv"


def _file_name(application: Application, case_number: str, prefix_sv: str, prefix_en: str) -> str:
    """"Beslutsbrev-FINSAM-2026-1.docx": the document's kind in the application's language and the case."""
    slug = ascii_slug(case_number) or str(application.id)
    return f"{prefix_en if _language(application) == 'en' else prefix_sv}-{slug}.docx"


def decision_letter_attachment(application: Application) -> tuple[str, bytes] | None:
    """(file name, DOCX bytes) of the decision letter, for an e-mail attachment; None before a decision."""
    letter = decision_letter(application)
    if letter is None:
        return None
    return (_file_name(application, letter.case_number, "Beslutsbrev", "Decision"),
            render_decision_letter_docx(letter, _language(application)))


def _period_ends(application: Application) -> list[str]:
    """The application's association's reporting periods (the common ones before it has an association)."""
    found = db.session.get(Association, application.association_id) if application.association_id else None
    return found.period_ends if found else list(DEFAULT_PERIOD_ENDS)


def _association_name_orgnr(application: Application) -> tuple[str, str]:
    """The association's registered name and organisation number (its text and "" before it has one)."""
    found = db.session.get(Association, application.association_id) if application.association_id else None
    return (found.name, found.orgnr) if found else (application.association or "", "")


def agreement(application: Application) -> Agreement | None:
    """The överenskommelse's values, or None unless the application is approved."""
    if application.status != "approved":
        return None
    item = decision_item(application.id)
    version = _version(application, item.version_number if item else None)
    doc = version.doc if version else application.doc
    validated, table = figures(doc)
    case = case_of(application.id)
    start, end = _period(doc)
    parties = tuple(str(p.get("name", "")) for p in doc.get("parties") or [])
    association, orgnr = _association_name_orgnr(application)
    named: dict[str, Signatory] = {}
    for person in (validated.signatories if validated else ()):
        party = (person.party or "").strip()
        if party and (person.name or "").strip() and party not in named:
            named[party] = Signatory(party, person.name.strip(), (person.title or "").strip())
    signatories = tuple(named.get(party, Signatory(party)) for party in parties if party)
    return Agreement(
        case_number=case.number if case else "–", title=application.title, association=association,
        association_orgnr=orgnr,
        decision_body="Förbundsstyrelsen" if item else (application.decision_body or "Förbundsstyrelsen"),
        paragraph=item.paragraph if item else "",
        decision_date=(item.decision_date if item else None) or application.decision_date or today(),
        agreement_date=today(), process_owner=(validated.process_owner if validated else "") or "",
        parties=parties, period_start=start, period_end=end, approved=_approved(application, item, table),
        party_amounts=tuple(PartyAmounts(row.label, tuple(row.yearly.items())) for row in table.rows)
        if table else (), years=tuple(table.years) if table else (), conditions=item.conditions if item else "",
        reports=tuple((r.kind, r.year, r.due) for r in reporting_schedule(start, end, _period_ends(application)))
        if start and end else (),
        signatory_name=current_app.config.get("DECISION_SIGNATORY", ""), signatories=signatories,
        version_number=version.number if version else None,
        fingerprint=version.fingerprint if version else "")


def agreement_attachment(application: Application) -> tuple[str, bytes] | None:
    """(file name, DOCX bytes) of the överenskommelse; None unless approved."""
    value = agreement(application)
    if value is None:
        return None
    return (_file_name(application, value.case_number, "Overenskommelse", "Agreement"),
            render_agreement_docx(value, _language(application)))
