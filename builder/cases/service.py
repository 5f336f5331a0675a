"""Case handling operations: case numbers, case data, meetings, recommendations and decisions.

Routes call these; each write is one transaction. A styrelse decision is recorded on its agenda item and
drives the review workflow's own approve/reject transition (builder.review.service.apply_transition).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from builder.extensions import db
from builder.models import Application, Transition, User, utcnow

from .models import AgendaItem, Case, CaseCounter, CaseEvent, InsatsYear, Meeting
from .numbering import DEFAULT_PATTERN, format_case_number

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DEFAULT_PAPERS_DAYS = 7
STAFF_ROLES = ("reviewer", "admin")


class CaseError(Exception):
    """An operation that is not possible now (shown to the user, nothing is changed)."""


def today() -> date:
    return datetime.now(STOCKHOLM).date()


def local_date(moment: datetime) -> date:
    """A stored UTC time as the date in Sweden."""
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(STOCKHOLM).date()


def case_pattern() -> str:
    return current_app.config.get("CASE_NUMBER_PATTERN") or DEFAULT_PATTERN


def papers_days() -> int:
    return int(current_app.config.get("MEETING_PAPERS_DAYS", DEFAULT_PAPERS_DAYS))


# --- case numbers ---------------------------------------------------------------------------------

def record_event(application_id: int, user: User | None, event: str, **values) -> None:
    """A line of the case history (committed with the operation it describes)."""
    db.session.add(CaseEvent(application_id=application_id, user_id=user.id if user else None, kind=event,
                             detail=json.dumps(values, ensure_ascii=False, default=str)))


def case_events(application_id: int) -> list[CaseEvent]:
    return list(db.session.scalars(sa.select(CaseEvent).where(CaseEvent.application_id == application_id)
                                   .order_by(CaseEvent.id)))


def case_of(application_id: int) -> Case | None:
    return db.session.scalar(sa.select(Case).where(Case.application_id == application_id))


def cases_by_application(ids) -> dict[int, Case]:
    ids = list(ids)
    if not ids:
        return {}
    return {c.application_id: c for c in db.session.scalars(sa.select(Case).where(Case.application_id.in_(ids)))}


def _draw_sequence(association_id: int, year: int) -> int:
    """The next number of `year`: the counter row is created if missing and incremented under its row lock.

    PostgreSQL: a second transaction waits for the first one's insert or update of the same row, then
    sees its result. SQLite: the insert takes the database's write lock, so writers draw one at a time.
    """
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(insert(CaseCounter).values(association_id=association_id, year=year, last=0)
                       .on_conflict_do_nothing(index_elements=["association_id", "year"]))
    return db.session.execute(sa.update(CaseCounter)
                              .where(CaseCounter.association_id == association_id, CaseCounter.year == year)
                              .values(last=CaseCounter.last + 1).returning(CaseCounter.last)).scalar_one()


def open_case(application: Application, user: User | None = None) -> Case:
    """At a submission: the case with its diarienummer (given at the first submission only). Not committed."""
    case = case_of(application.id) if application.id else None
    now = utcnow()
    if case is None:
        from builder.associations.service import association_of

        association = association_of(application)
        year = local_date(now).year
        sequence = _draw_sequence(association.id, year)
        pattern = association.case_number_pattern or case_pattern()
        case = Case(application_id=application.id, association_id=association.id,
                    number=format_case_number(pattern, year, sequence)[:100],
                    pattern=pattern[:100], year=year, sequence=sequence, first_submitted_at=now,
                    last_submitted_at=now)
        db.session.add(case)
        record_event(application.id, user, "opened", number=case.number)
    else:
        case.last_submitted_at = now
    return case


def in_revision(application: Application) -> bool:
    """Sent back to the lead and being revised (a draft that has been submitted before)."""
    return application.status == "changes_requested" or (application.status == "draft"
                                                         and bool(application.versions))


def is_party(user, application: Application) -> bool:
    """A member or the submitter (the review service's rule: such a person never decides on it)."""
    from builder.review.service import is_party as review_is_party

    return review_is_party(user, application)


def staff(user) -> bool:
    return getattr(user, "role", None) in STAFF_ROLES


def officers(association_ids) -> list[User]:
    """Active staff who can be assigned a case: reviewers and admins of the given associations."""
    from builder.models import AssociationMember

    ids = list(association_ids)
    if not ids:
        return []
    members = sa.select(AssociationMember.user_id).where(AssociationMember.association_id.in_(ids))
    return list(db.session.scalars(sa.select(User).where(User.role.in_(STAFF_ROLES), User.active.is_(True),
                                                         User.id.in_(members))
                                   .order_by(User.name, User.email)))


def officer_choices(none_label: str, association_id: int) -> list:
    """The officer select's options: "Name (address)", so two colleagues with the same name are told apart."""
    from forms.base import select_choices

    people = [(str(u.id), f"{u.name.strip()} ({u.email})" if u.name.strip() else u.email)
              for u in officers([association_id])]
    return select_choices([("", none_label), *people])


def update_case_data(case: Case, officer_id: int | None, due_date: date | None, recommendation: str,
                     note: str, user: User | None = None) -> None:
    """Assigned officer, due date and the officer's own recommendation (one transaction)."""
    if officer_id is not None and officer_id not in {u.id for u in officers([case.association_id])}:
        raise CaseError("officer")
    case.officer_id = officer_id
    case.due_date = due_date
    case.officer_recommendation = recommendation
    case.officer_note = note.strip()
    officer = db.session.get(User, officer_id) if officer_id else None
    record_event(case.application_id, user, "case_data", officer=(officer.name or officer.email) if officer else "",
                 due_date=due_date.isoformat() if due_date else "", recommendation=recommendation)
    db.session.commit()


def focus_locked(application_id: int) -> bool:
    """The focus is fixed once the insats has reported (Uppföljning Finsam: it cannot change once created)."""
    from builder.followup.models import PeriodReport
    from builder.national.figures import COUNTED_STATUSES

    return db.session.scalar(sa.select(sa.exists().where(PeriodReport.application_id == application_id,
                                                         PeriodReport.status.in_(COUNTED_STATUSES)))) or False


def national_years(application: Application) -> list[int]:
    """The years the case data form asks planned participants for: the period's, and any registered."""
    from builder.cases.national import period_years
    from builder.portfolio.service import insats_years

    return sorted({*period_years(application.period_start, application.period_end),
                   *insats_years(application.id)})


def update_national_data(case: Case, focus: str, target_group: str, planned: dict[int, int | None],
                         user: User | None = None) -> None:
    """Focus, target group and planned participants per year as Uppföljning Finsam registers them (not
    committed: the case data form saves them with the rest). A locked focus stays as it is."""
    from builder.cases.national import FOCUS_KEYS, TARGET_GROUP_MAX
    from builder.portfolio.service import insats_years

    if focus and focus not in FOCUS_KEYS:
        raise CaseError("focus")
    before = (case.focus, case.target_group)
    if not focus_locked(case.application_id):
        case.focus = focus
    case.target_group = " ".join(target_group.split())[:TARGET_GROUP_MAX]
    rows = insats_years(case.application_id)
    changed = []
    for year, count in sorted(planned.items()):
        row = rows.get(year)
        if row is None and count is not None:
            db.session.add(InsatsYear(application_id=case.application_id, association_id=case.association_id,
                                      year=year, approved_amount=0, planned_participants=count))
        elif row is not None and row.planned_participants != count:
            row.planned_participants = count
        else:
            continue
        changed.append(year)
    if before != (case.focus, case.target_group) or changed:
        record_event(case.application_id, user, "national", focus=case.focus, target_group=case.target_group,
                     planned={str(y): planned[y] for y in changed})


# --- meetings -------------------------------------------------------------------------------------

def create_meeting(kind: str, day: date, place: str, user: User, association_id: int | None = None) -> Meeting:
    """A meeting of `association_id` (default: the user's first association)."""
    from builder.associations.service import home_association

    meeting = Meeting(kind=kind, date=day, place=place.strip(), created_by_id=user.id,
                      association_id=association_id if association_id is not None else home_association(user).id)
    db.session.add(meeting)
    db.session.commit()
    return meeting


def papers_deadline(meeting: Meeting) -> date:
    """The day the papers (kallelse) must go out: the meeting date minus MEETING_PAPERS_DAYS."""
    return meeting.date - timedelta(days=papers_days())


def agenda_candidates(meeting: Meeting) -> list[tuple[Application, Case]]:
    """Submitted cases of the meeting's association not yet on its agenda, by diarienummer."""
    on_agenda = {item.application_id for item in meeting.items}
    rows = db.session.execute(sa.select(Application, Case).join(Case, Case.application_id == Application.id)
                              .where(Application.status == "submitted",
                                     Application.association_id == meeting.association_id,
                                     Case.association_id == meeting.association_id)
                              .order_by(Case.year, Case.sequence))
    return [(a, c) for a, c in rows if a.id not in on_agenda]


def add_to_agenda(meeting: Meeting, application: Application, user: User | None = None) -> list[str]:
    """Put a submitted case on the agenda; returns warning keys ("late" when the papers are already due)."""
    case = case_of(application.id)
    if application.status != "submitted" or case is None:
        raise CaseError("not_submitted")
    if application.association_id != meeting.association_id or case.association_id != meeting.association_id:
        raise CaseError("other_association")  # a meeting takes only its own association's cases
    if any(item.application_id == application.id for item in meeting.items):
        raise CaseError("already")
    position = max((item.position for item in meeting.items), default=0) + 1
    version = application.versions[-1].number if application.versions else None
    meeting.items.append(AgendaItem(application_id=application.id, position=position, version_number=version))
    record_event(application.id, user, "agenda_added", meeting=meeting.id, kind=meeting.kind,
                 date=meeting.date.isoformat(), version=version)
    db.session.commit()
    return ["late"] if today() > papers_deadline(meeting) else []


def remove_from_agenda(item: AgendaItem, user: User | None = None) -> None:
    if item.decision:
        raise CaseError("decided")
    record_event(item.application_id, user, "agenda_removed", meeting=item.meeting_id, kind=item.meeting.kind,
                 date=item.meeting.date.isoformat())
    db.session.delete(item)
    db.session.commit()


def record_recommendation(item: AgendaItem, recommendation: str, note: str, user: User) -> None:
    """The beredningsgrupp's recommendation (bevilja / avslå / komplettera) on one case."""
    if item.meeting.kind != "beredning":
        raise CaseError("not_beredning")
    item.recommendation = recommendation
    item.recommendation_note = note.strip()
    item.recorded_by_id, item.recorded_at = user.id, utcnow()
    record_event(item.application_id, user, "recommendation", meeting=item.meeting_id,
                 date=item.meeting.date.isoformat(), recommendation=recommendation)
    db.session.commit()


def latest_recommendation(application_id: int) -> AgendaItem | None:
    """The most recent beredningsgrupp recommendation on an application."""
    return db.session.scalar(
        sa.select(AgendaItem).join(Meeting).where(AgendaItem.application_id == application_id,
                                                  Meeting.kind == "beredning", AgendaItem.recommendation != "")
        .order_by(Meeting.date.desc(), AgendaItem.id.desc()).limit(1))


def decision_item(application_id: int) -> AgendaItem | None:
    """The styrelse's recorded decision on an application, if any."""
    return db.session.scalar(
        sa.select(AgendaItem).join(Meeting).where(AgendaItem.application_id == application_id,
                                                  Meeting.kind == "styrelse", AgendaItem.decision != "")
        .order_by(AgendaItem.recorded_at.desc(), AgendaItem.id.desc()).limit(1))


@dataclass(frozen=True)
class Decision:
    """What the styrelse decided, as typed on the form."""

    decision: str  # approve | reject
    paragraph: str
    day: date
    amounts: dict[str, int]
    conditions: str
    comment: str


def submitted_on(application: Application) -> date | None:
    """The date the version being decided on was submitted."""
    return local_date(application.versions[-1].created_at) if application.versions else None


def decision_date_problem(application: Application, day: date) -> date | None:
    """The submission date when `day` is before it (a decision cannot precede the application)."""
    submitted = submitted_on(application)
    return submitted if submitted is not None and day < submitted else None


def amount_difference(application: Application, amounts: dict[str, int]) -> int | None:
    """Approved minus the submitted version's total; None when there is nothing to compare."""
    total = application.versions[-1].total if application.versions else application.total
    if total is None or not amounts:
        return None
    return sum(amounts.values()) - total


def record_decision(item: AgendaItem, decision: Decision, user: User) -> Transition:
    """Record the styrelse decision on the agenda item and move the application through the workflow.

    The transition is the review workflow's own approve/reject: the same checks, history and decision fields.
    """
    from builder.review.service import apply_transition
    from builder.workflow import WorkflowError

    if item.meeting.kind != "styrelse":
        raise CaseError("not_styrelse")
    application = item.application
    if application.status != "submitted":
        raise CaseError("not_submitted")
    if is_party(user, application):
        raise CaseError("member")
    if decision_date_problem(application, decision.day):
        raise CaseError("before_submission")
    approved = decision.decision == "approve"
    item.decision, item.paragraph, item.decision_date = decision.decision, decision.paragraph.strip(), decision.day
    item.set_yearly_amounts(decision.amounts if approved else {})
    item.conditions = decision.conditions.strip() if approved else ""
    item.recorded_by_id, item.recorded_at = user.id, utcnow()
    body = f"Förbundsstyrelsen {item.paragraph}".strip()
    record_event(application.id, user, "decision", meeting=item.meeting_id, decision=decision.decision,
                 paragraph=item.paragraph, date=decision.day.isoformat(), amounts=item.yearly_amounts)
    try:
        return apply_transition(application, decision.decision, user, decision.comment,
                         {"date": decision.day, "body": body[:300],
                          "approved_total": sum(decision.amounts.values()) if approved else None})
    except WorkflowError:
        db.session.rollback()
        raise CaseError("workflow") from None


def toggle_resolved(comment, user: User) -> None:
    """Mark a comment resolved, or open it again; the case history says who."""
    comment.resolved_at = None if comment.resolved_at else utcnow()
    record_event(comment.application_id, user, "comment_resolved" if comment.resolved_at else "comment_reopened",
                 target=comment.target)
    db.session.commit()
