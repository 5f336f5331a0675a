"""What the templates use from case handling: the case box, the lead's change-request banner, history lines,
labels; and the check of the case settings at start."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_login import current_user

from builder.applications.access import works_on
from builder.extensions import db
from builder.models import Application
from forms.cases import case_data_form

from . import bp, service
from .models import AgendaItem, Meeting

READ_ROLES = ("reviewer", "admin", "finance")


@bp.record_once
def _check_settings(state) -> None:
    """Refuse to start with a case-number pattern or a papers deadline that cannot be used."""
    from builder.config import ConfigError

    from .numbering import PatternError, check_pattern

    config = state.app.config
    try:
        check_pattern(config.get("CASE_NUMBER_PATTERN") or "")
    except PatternError as exc:
        raise ConfigError(str(exc)) from None
    days = str(config.get("MEETING_PAPERS_DAYS", service.DEFAULT_PAPERS_DAYS)).strip()
    if not (days.isascii() and days.isdigit()) or int(days) > 90:
        raise ConfigError(f"MEETING_PAPERS_DAYS must be a whole number of days from 0 to 90, got {days!r}")
    config["MEETING_PAPERS_DAYS"] = int(days)


@bp.app_context_processor
def _case_helpers() -> dict:
    return {"case_panel": case_panel, "case_numbers_for": case_numbers_for, "case_event_text": case_event_text,
            "meeting_kind_label": meeting_kind_label, "margin_for": margin_for,
            "comment_labels_for": comment_labels_for,
            "change_request_for": change_request_for, "recommendation_label": recommendation_label}


def change_request_for(application: Application):
    """The open change request for the lead's banner (members only), or None."""
    from builder.review.service import comment_targets

    from .guidance import open_change_request

    if not application.is_member(current_user.id):
        return None
    return open_change_request(application, dict(comment_targets(application.doc)))


def margin_for(application: Application, version=None) -> dict[str, list]:
    """The comments to show beside each part of the document (a version page: that version's only)."""
    from .guidance import margin_comments

    staff = service.staff(current_user) and works_on(current_user, application)
    return margin_comments(application.comments, staff=staff,
                           version_id=version.id if version is not None else None)


def comment_labels_for(application: Application, doc: dict | None = None) -> dict[str, str]:
    """{comment target: its label} for a document."""
    from builder.review.service import comment_targets

    return dict(comment_targets(doc if doc is not None else application.doc))


def case_event_text(event) -> str:
    """One line of the case history in the user's language."""
    v = event.values
    when = v.get("date", "")
    texts = {
        "opened": lambda: _("Diarienummer %(number)s givet vid första inlämningen.", number=v.get("number", "")),
        "case_data": lambda: _("Ärendeuppgifter: handläggare %(officer)s, svara senast %(due)s, förslag %(rec)s.",
                               officer=v.get("officer") or "–", due=v.get("due_date") or "–",
                               rec=recommendation_label(v.get("recommendation", "")) or "–"),
        "agenda_added": lambda: _("Lagt på dagordningen: %(meeting)s %(date)s.",
                                  meeting=meeting_kind_label(v.get("kind", "")), date=when),
        "agenda_removed": lambda: _("Borttaget från dagordningen: %(meeting)s %(date)s.",
                                    meeting=meeting_kind_label(v.get("kind", "")), date=when),
        "recommendation": lambda: _("Beredningsgruppens rekommendation %(date)s: %(rec)s.", date=when,
                                    rec=recommendation_label(v.get("recommendation", ""))),
        "comment_resolved": lambda: _("En kommentar är markerad som löst."),
        "comment_reopened": lambda: _("En kommentar är öppen igen."),
        "national": lambda: _("Uppföljning Finsam: inriktning %(focus)s, målgrupp %(group)s%(planned)s.",
                              focus=focus_label(v.get("focus", "")) or "–", group=v.get("target_group") or "–",
                              planned=_planned_text(v.get("planned") or {})),
        "decision": lambda: _("Styrelsens beslut %(date)s, %(paragraph)s: %(decision)s.", date=when,
                              paragraph=v.get("paragraph", ""),
                              decision=_("Bevilja") if v.get("decision") == "approve" else _("Avslå")),
    }
    return texts[event.kind]() if event.kind in texts else event.kind


def _planned_text(planned: dict) -> str:
    """", planerade deltagare 2026: 25" for each year a history line names."""
    parts = []
    for year, count in planned.items():
        parts.append(_(", planerade deltagare %(year)s: %(n)s", year=year, n="–" if count is None else count))
    return "".join(parts)


def case_numbers_for(applications) -> dict[int, str]:
    """{application id: diarienummer} for a list page (one query)."""
    return {app_id: case.number for app_id, case in service.cases_by_application(a.id for a in applications).items()}


def meeting_kind_label(kind: str) -> str:
    return {"beredning": _("Beredningsgrupp"), "styrelse": _("Styrelse")}.get(kind, kind)


def recommendation_label(key: str) -> str:
    return {"grant": _("Bevilja"), "reject": _("Avslå"), "complete": _("Komplettera")}.get(key, key)


def national_panel(application: Application, case) -> dict:
    """The national registration as the case box shows it: focus, target group, planned participants per year."""
    from builder.portfolio.service import insats_years

    years = service.national_years(application)
    rows = insats_years(application.id)
    planned = {year: rows[year].planned_participants if year in rows else None for year in years}
    return {"years": years, "planned": planned, "locked": service.focus_locked(application.id),
            "focus": focus_label(case.focus)}


def focus_label(key: str) -> str:
    return {"individ": _("Individinriktad"), "struktur": _("Strukturinriktad"),
            "individ_struktur": _("Individ- och strukturinriktad")}.get(key, key)


def case_panel(application: Application) -> dict:
    """What the case box on an application or version page shows (and, for staff, the case data form)."""
    case = service.case_of(application.id)
    reads = works_on(current_user, application)  # staff of its association (not a co-applicant from elsewhere)
    staff = service.staff(current_user) and reads
    form = None
    national = None
    if case is not None and reads:
        national = national_panel(application, case)
    if case is not None and staff:
        assert national is not None
        form = case_data_form(national["years"], national["planned"], formdata=None,
                              officer=str(case.officer_id or ""), due_date=case.due_date,
                              officer_recommendation=case.officer_recommendation, officer_note=case.officer_note,
                              focus=case.focus, target_group=case.target_group)
        form.officer.choices = service.officer_choices(_("Ingen"), case.association_id)
        if national["locked"]:
            form.focus.render_kw = {"disabled": True}
    items: list[AgendaItem] = []
    if reads and case is not None:
        items = list(db.session.scalars(db.select(AgendaItem).join(Meeting).where(
            AgendaItem.application_id == application.id, Meeting.association_id == case.association_id)
            .order_by(Meeting.date)))
    events = service.case_events(application.id) if reads and case is not None else []
    return {"case": case, "form": form, "staff": staff, "reads": reads, "national": national, "agenda": items,
            "events": events,
            "in_revision": service.in_revision(application),
            "letter": application.status in ("approved", "rejected") and case is not None,
            "agreement": application.status == "approved" and case is not None}
