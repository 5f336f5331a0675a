"""Commitments (InsatsYear) written at approval, and the figures of the portfolio and the national export
fetched with SQL aggregates: one query per kind of figure for an association and year, never a loop over
outcome rows. The arithmetic on the fetched sums is in builder/national/figures.py.
"""
from __future__ import annotations

import sqlalchemy as sa

from builder.cases.models import Case, InsatsYear
from builder.extensions import db
from builder.followup.models import OutcomeRow, PeriodReport
from builder.models import Application, Association, BudgetFrame, User
from builder.national.figures import (
    COUNTED_STATUSES,
    FrameWarning,
    InsatsFacts,
    Participants,
    Portfolio,
    frame_warnings,
    portfolio,
)

STAFF_ROLES = ("reviewer", "finance", "admin")
FIRST_YEAR, LAST_YEAR = 2000, 2100  # years a portfolio or export may be asked for


# --- who may look -----------------------------------------------------------------------------------------

def visible_association(user: User, association_id: int) -> Association | None:
    """The association when `user` is staff working for it (a platform admin: any), else None; the tenancy
    rule of builder/associations/service.py `may_view`."""
    from builder.associations.service import may_view

    association = db.session.get(Association, association_id)
    return association if association is not None and may_view(user, association) else None


def default_association(user: User) -> Association | None:
    """Where the nav's portfolio link leads: the user's first association (a platform admin: the first one)."""
    from builder.associations.service import association_ids, is_platform_admin

    ids = association_ids(user) if getattr(user, "role", None) in STAFF_ROLES else []
    if ids:
        return db.session.get(Association, ids[0])
    if is_platform_admin(user):
        return db.session.scalar(sa.select(Association).order_by(Association.id).limit(1))
    return None


def associations_of(user: User) -> list[Association]:
    """The associations whose portfolio `user` may open (for the page's switcher)."""
    from builder.associations.service import listed_for

    return listed_for(user)


# --- commitments ------------------------------------------------------------------------------------------

def write_commitments(application: Application) -> dict[int, int]:
    """At approval: the application's InsatsYear rows hold what the decision commits per calendar year (not
    committed). A year already registered keeps its planned participants; a year the decision no longer
    covers loses its amount (its row is removed unless it holds planned participants)."""
    from builder.associations.service import association_of
    from builder.cases.documents import committed_by_year

    amounts = committed_by_year(application)
    association_id = association_of(application).id
    existing = {row.year: row for row in db.session.scalars(
        sa.select(InsatsYear).where(InsatsYear.application_id == application.id))}
    for year, row in existing.items():
        if year not in amounts:
            if row.planned_participants is None:
                db.session.delete(row)
            else:
                row.approved_amount, row.association_id = 0, association_id
    carried = _take_over_from_parent(application, amounts)
    for year, amount in amounts.items():
        found = existing.get(year)
        if found is None:
            found = InsatsYear(application_id=application.id, association_id=association_id, year=year,
                               approved_amount=amount)
            db.session.add(found)
        else:
            found.approved_amount, found.association_id = amount, association_id
        if found.planned_participants is None and carried.get(year) is not None:
            found.planned_participants = carried[year]
    return amounts


def _take_over_from_parent(application: Application, amounts: dict[int, int]) -> dict[int, int | None]:
    """An extension's budget is the revised whole (its baseline is what the parent was granted), so its decision
    replaces the parent's commitment in the years it covers: those years leave the parent, which would otherwise
    be counted twice in the portfolio. Returns the parent's planned participants of those years."""
    if application.parent_id is None:
        return {}
    carried: dict[int, int | None] = {}
    for row in db.session.scalars(sa.select(InsatsYear).where(InsatsYear.application_id == application.parent_id,
                                                              InsatsYear.year.in_(list(amounts)))):
        carried[row.year] = row.planned_participants
        db.session.delete(row)
    return carried


def insats_years(application_id: int) -> dict[int, InsatsYear]:
    return {row.year: row for row in db.session.scalars(
        sa.select(InsatsYear).where(InsatsYear.application_id == application_id))}


def backfill_commitments() -> int:
    """InsatsYear rows for every approved application that has none (approved before commitments were kept);
    returns how many applications got rows. Committed."""
    has_rows = sa.select(InsatsYear.id).where(InsatsYear.application_id == Application.id).exists()
    missing = list(db.session.scalars(sa.select(Application).where(Application.status == "approved", ~has_rows)
                                      .order_by(Application.id)))
    for application in missing:
        write_commitments(application)
    db.session.commit()
    return len(missing)


# --- the frame check on a decision form -------------------------------------------------------------------

def frame_check(application: Application, proposed: dict[int, int]) -> list[FrameWarning]:
    """Warnings for the years where `proposed` has no frame or exceeds the frame less the other approved
    applications' commitments (this application's own rows left out, so a re-decision is not counted twice, and
    for an extension its parent's, which its approval replaces)."""
    from builder.associations.service import association_of

    years = [year for year, amount in proposed.items() if amount > 0]
    if not years:
        return []
    association_id = association_of(application).id
    frames = dict(db.session.execute(sa.select(BudgetFrame.year, BudgetFrame.amount).where(
        BudgetFrame.association_id == association_id, BudgetFrame.year.in_(years))).all())
    others = dict(db.session.execute(
        sa.select(InsatsYear.year, sa.func.sum(InsatsYear.approved_amount))
        .join(Application, Application.id == InsatsYear.application_id)
        .where(InsatsYear.association_id == association_id, InsatsYear.year.in_(years),
               InsatsYear.application_id != application.id, Application.status == "approved",
               # an extension's approval replaces its parent's years (write_commitments): not counted beside it
               InsatsYear.application_id != (application.parent_id or 0))
        .group_by(InsatsYear.year)).all())
    return frame_warnings(proposed, {int(y): int(a) for y, a in frames.items()},
                          {int(y): int(a or 0) for y, a in others.items()})


def proposed_by_year(application: Application, approved_total: int | None = None) -> dict[int, int]:
    """What approving the newest version would commit per year: its budget per year, or `approved_total`
    shared over those years like a recorded decision (the direct approve form)."""
    from builder.cases.documents import applied_by_year
    from builder.national.figures import commitment_by_year

    yearly = applied_by_year(application.versions[-1].doc) if application.versions else {}
    return commitment_by_year({}, approved_total, yearly)


# --- figures of an association's year ---------------------------------------------------------------------

def _insats_ids(association_id: int, year: int):
    """Approved applications of the association with a commitment in `year` or a counted report of it."""
    committed = sa.select(InsatsYear.application_id).where(InsatsYear.association_id == association_id,
                                                           InsatsYear.year == year)
    reported = sa.select(PeriodReport.application_id).where(PeriodReport.association_id == association_id,
                                                            PeriodReport.year == year,
                                                            PeriodReport.status.in_(COUNTED_STATUSES))
    return sa.union(committed, reported)


def _outcomes(association_id: int, year: int) -> dict[int, int]:
    """{application id: the year's outcome} = the sum of the outcome rows of its counted reports of the year."""
    rows = db.session.execute(
        sa.select(PeriodReport.application_id, sa.func.sum(OutcomeRow.amount))
        .join(OutcomeRow, OutcomeRow.report_id == PeriodReport.id)
        .where(PeriodReport.association_id == association_id, PeriodReport.year == year,
               PeriodReport.status.in_(COUNTED_STATUSES))
        .group_by(PeriodReport.application_id))
    return {int(app_id): int(total or 0) for app_id, total in rows}


def _started(association_id: int, year: int) -> dict[int, Participants]:
    """{application id: participants who started in the year's counted reports}."""
    rows = db.session.execute(
        sa.select(PeriodReport.application_id, sa.func.sum(PeriodReport.started_women),
                  sa.func.sum(PeriodReport.started_men), sa.func.sum(PeriodReport.started_other))
        .where(PeriodReport.association_id == association_id, PeriodReport.year == year,
               PeriodReport.status.in_(COUNTED_STATUSES))
        .group_by(PeriodReport.application_id))
    return {int(a): Participants(int(w or 0), int(m or 0), int(o or 0)) for a, w, m, o in rows}


def _ongoing_before(association_id: int, year: int) -> dict[int, Participants]:
    """{application id: participants still taking part at the end of its last counted report of year − 1}."""
    last = (sa.select(PeriodReport.application_id, sa.func.max(PeriodReport.period_end).label("period_end"))
            .where(PeriodReport.association_id == association_id, PeriodReport.year == year - 1,
                   PeriodReport.status.in_(COUNTED_STATUSES))
            .group_by(PeriodReport.application_id).subquery())
    rows = db.session.execute(
        sa.select(PeriodReport.application_id, PeriodReport.ongoing_women, PeriodReport.ongoing_men,
                  PeriodReport.ongoing_other)
        .join(last, sa.and_(PeriodReport.application_id == last.c.application_id,
                            PeriodReport.period_end == last.c.period_end)))
    return {int(a): Participants(int(w), int(m), int(o)) for a, w, m, o in rows}


def insats_facts(association_id: int, year: int, participants: bool = True) -> list[InsatsFacts]:
    """Each approved insats of the association in `year`: name, case, registration, commitment, planned
    participants, outcome and (with `participants`) the participant sums. Five queries in all."""
    rows = db.session.execute(
        sa.select(Application.id, Application.title, Application.period_start, Application.period_end,
                  Case.number, Case.year, Case.sequence, Case.focus, Case.target_group,
                  InsatsYear.approved_amount, InsatsYear.planned_participants)
        .outerjoin(Case, Case.application_id == Application.id)
        .outerjoin(InsatsYear, sa.and_(InsatsYear.application_id == Application.id, InsatsYear.year == year))
        .where(Application.id.in_(_insats_ids(association_id, year)), Application.status == "approved",
               Application.association_id == association_id)).all()
    outcomes = _outcomes(association_id, year)
    started = _started(association_id, year) if participants else {}
    ongoing = _ongoing_before(association_id, year) if participants else {}
    return [InsatsFacts(application_id=r[0], name=r[1] or "", period_start=r[2] or "", period_end=r[3] or "",
                        case_number=r[4] or "", case_year=r[5] or 0, case_sequence=r[6] or 0, focus=r[7] or "",
                        target_group=r[8] or "", approved_amount=r[9], planned_participants=r[10],
                        outcome=outcomes.get(r[0], 0), started=started.get(r[0], Participants()),
                        ongoing_before=ongoing.get(r[0]))
            for r in rows]


def frame_of(association_id: int, year: int) -> int | None:
    amount = db.session.scalar(sa.select(BudgetFrame.amount).where(BudgetFrame.association_id == association_id,
                                                                   BudgetFrame.year == year))
    return int(amount) if amount is not None else None


def portfolio_of(association_id: int, year: int) -> Portfolio:
    return portfolio(year, frame_of(association_id, year), insats_facts(association_id, year, participants=False))


def frame_years(association_id: int) -> list[int]:
    """Years with a frame or a commitment (the page's year switcher), in order."""
    frames = sa.select(BudgetFrame.year).where(BudgetFrame.association_id == association_id)
    committed = sa.select(InsatsYear.year).where(InsatsYear.association_id == association_id)
    return sorted({int(y) for y in db.session.scalars(sa.union(frames, committed))})
