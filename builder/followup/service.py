"""Follow-up operations: the periods of an approved insats, opening, saving, submitting and reviewing a period
report. One transaction per operation; the figures are computed by builder/followup/figures.py."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from builder.applications.service import validate
from builder.associations.service import association_of
from builder.budget import compute_budget
from builder.extensions import db
from builder.models import Application, ApplicationVersion, User, utcnow

from .figures import (
    PARTICIPANT_KEYS,
    QUESTION_KEYS,
    BudgetRow,
    Participants,
    ReportDocument,
    ReportFigures,
    actual_participants,
    budget_rows,
    report_figures,
)
from .models import PARTICIPANT_FIELDS, OutcomeRow, PeriodReport, ReportComment, ReportEvent
from .periods import Period, may_open, periods

STOCKHOLM = ZoneInfo("Europe/Stockholm")
EDITABLE = ("draft", "changes_requested")
COUNTED = ("submitted", "approved")  # what the national export sums as a year's outcome
STAFF_ROLES = ("reviewer", "admin")


class ReportError(Exception):
    """An operation that is not possible now; `code` names why (the route says it in the user's language)."""

    def __init__(self, code: str, **values):
        super().__init__(code)
        self.code = code
        self.values = values


class StaleReport(Exception):
    """The report changed since the page was made (lock_version differs)."""


def today() -> date:
    return datetime.now(STOCKHOLM).date()


def approved_version(application: Application) -> ApplicationVersion | None:
    """The version the decision was made on: the newest at approval (an approved application gets no newer)."""
    return application.versions[-1] if application.versions else None


def version_doc(application: Application, number: int | None = None) -> dict:
    for version in application.versions:
        if version.number == number:
            return version.doc
    approved = approved_version(application)
    return approved.doc if approved else application.doc


def _dates(doc: dict) -> tuple[date, date] | None:
    period = doc.get("period") or {}
    try:
        return date.fromisoformat(str(period.get("start"))), date.fromisoformat(str(period.get("end")))
    except ValueError:
        return None


def rows_of(doc: dict) -> tuple[BudgetRow, ...]:
    """The approved budget's rows (empty when the document does not validate)."""
    validated, _errors = validate(doc)
    if validated is None:
        return ()
    return budget_rows(validated.budget, compute_budget(validated.budget))


def application_periods(application: Application) -> list[Period]:
    found = _dates(version_doc(application))
    if found is None:
        return []
    return periods(found[0], found[1], association_of(application).period_ends)


def reports_of(application_id: int) -> list[PeriodReport]:
    return list(db.session.scalars(sa.select(PeriodReport).where(PeriodReport.application_id == application_id)
                                   .order_by(PeriodReport.period_end)))


@dataclass(frozen=True)
class PeriodLine:
    period: Period
    report: PeriodReport | None
    openable: bool
    due: date | None = None  # when the överenskommelse asks for the report


def due_dates(application: Application) -> dict[date, date]:
    """The överenskommelse's due date of each report, by the last day its period covers."""
    from builder.cases.reporting import reporting_schedule

    found = _dates(version_doc(application))
    if found is None:
        return {}
    return {r.covers_until: r.due for r in reporting_schedule(found[0], found[1],
                                                              association_of(application).period_ends)}


@dataclass(frozen=True)
class YearLine:
    year: int
    budget: int
    outcome: int  # of the submitted and approved reports
    planned: int | None
    participants: dict[str, int]  # by sex: ongoing from the year before + started in the year (counted reports)

    @property
    def remaining(self) -> int:
        """What is left of the year's budget after the counted outcome (the overview shows it, never computes it)."""
        return self.budget - self.outcome

    @property
    def participants_total(self) -> int:
        return sum(self.participants.values())


def overview(application: Application) -> tuple[list[PeriodLine], list[YearLine]]:
    reports = {r.period_end: r for r in reports_of(application.id)}
    now = today()
    due = due_dates(application)
    lines = [PeriodLine(p, reports.get(p.end), may_open(p, now), due.get(p.end))
             for p in application_periods(application)]
    rows = rows_of(version_doc(application))
    outcome: dict[int, int] = {}
    for report in reports.values():
        if report.status in COUNTED:
            outcome[report.year] = outcome.get(report.year, 0) + sum(r.amount for r in report.rows)
    years = sorted({line.period.year for line in lines})
    planned = planned_participants(application.id)
    counted = [(r.period_end, participants_of(r)) for r in reports.values() if r.status in COUNTED]
    year_lines = [YearLine(y, sum(r.yearly.get(str(y), 0) for r in rows), outcome.get(y, 0), planned.get(y),
                           actual_participants(counted, y)) for y in years]
    return lines, year_lines


def planned_participants(application_id: int) -> dict[int, int | None]:
    """The planned participants per year (InsatsYear, written at approval), when known."""
    from builder.cases.models import InsatsYear

    return {year: planned for year, planned in db.session.execute(
        sa.select(InsatsYear.year, InsatsYear.planned_participants)
        .where(InsatsYear.application_id == application_id))}


def open_report(application: Application, period_end: date, user: User) -> PeriodReport:
    """The period's report, created (as a draft against the approved version) when there is none yet."""
    period = next((p for p in application_periods(application) if p.end == period_end), None)
    if period is None:
        raise ReportError("no_period")
    existing = db.session.scalar(sa.select(PeriodReport).where(PeriodReport.application_id == application.id,
                                                               PeriodReport.period_end == period_end))
    if existing is not None:
        return existing
    if not may_open(period, today()):
        raise ReportError("not_yet")
    version = approved_version(application)
    report = PeriodReport(application_id=application.id, association_id=association_of(application).id,
                          version_number=version.number if version else None, year=period.year,
                          period_end=period.end, kind=period.kind, status="draft")
    report.set_answers({})
    db.session.add(report)
    db.session.flush()
    db.session.add(ReportEvent(report_id=report.id, user_id=user.id, action="open", from_status="",
                               to_status="draft"))
    db.session.commit()
    return report


def period_of(report: PeriodReport) -> Period:
    for period in application_periods(report.application):
        if period.end == report.period_end:
            return period
    return Period(date(report.year, 1, 1), report.period_end, report.kind)


def report_rows(report: PeriodReport) -> tuple[BudgetRow, ...]:
    return rows_of(version_doc(report.application, report.version_number))


def figures_of(report: PeriodReport, rows: tuple[BudgetRow, ...] | None = None) -> ReportFigures:
    rows = rows if rows is not None else report_rows(report)
    earlier: dict[str, int] = {}
    for row in db.session.scalars(
            sa.select(OutcomeRow).join(PeriodReport)
            .where(PeriodReport.application_id == report.application_id, PeriodReport.year == report.year,
                   PeriodReport.period_end < report.period_end)):
        earlier[row.row_key] = earlier.get(row.row_key, 0) + row.amount
    outcome = {r.row_key: r.amount for r in report.rows}
    forecast = {r.row_key: r.forecast for r in report.rows}
    return report_figures(rows, report.year, outcome, earlier, forecast)


def previous_report(report: PeriodReport) -> PeriodReport | None:
    """The application's report with the latest period end before this one's (any status)."""
    return db.session.scalar(db.select(PeriodReport).where(
        PeriodReport.application_id == report.application_id, PeriodReport.period_end < report.period_end)
        .order_by(PeriodReport.period_end.desc()).limit(1))


def participants_of(report: PeriodReport) -> Participants:
    return Participants({key: getattr(report, f"{key[0]}_{key[1]}") for key in PARTICIPANT_KEYS})


def check_lock(report: PeriodReport, posted: str | None) -> None:
    text = (posted or "").strip()
    if not (text.isascii() and text.isdigit() and len(text) < 10) or int(text) != report.lock_version:
        raise StaleReport()


@dataclass
class ReportInput:
    """What a save writes: amounts and forecasts per row key (None: left empty), counts, answers."""

    amounts: dict[str, int | None]
    forecasts: dict[str, int | None]
    participants: dict[str, int] | None = None
    answers: dict[str, str] | None = None


def save_report(report: PeriodReport, data: ReportInput, rows: tuple[BudgetRow, ...]) -> None:
    """Write the input (rows of the approved budget only); an empty outcome and forecast removes the row.
    A forecast needs an outcome beside it (the form refuses one alone)."""
    if report.status not in EDITABLE:
        raise ReportError("not_editable")
    by_key = {row.key: row for row in rows}
    existing = {r.row_key: r for r in report.rows}
    for key in set(data.amounts) | set(data.forecasts):
        row = by_key.get(key)
        if row is None:
            continue
        amount = data.amounts[key] if key in data.amounts else (existing[key].amount if key in existing else None)
        forecast = data.forecasts[key] if key in data.forecasts else (
            existing[key].forecast if key in existing else None)
        if amount is None:
            if key in existing:
                report.rows.remove(existing[key])
            continue
        target = existing.get(key)
        if target is None:
            target = OutcomeRow(row_key=key)
            report.rows.append(target)
        target.party, target.label = row.party[:200], row.label[:300]
        target.amount, target.forecast = amount, forecast
    if data.answers is not None:
        report.set_answers(data.answers)
    if data.participants is not None:
        for name in PARTICIPANT_FIELDS:
            setattr(report, name, data.participants.get(name, 0))
    report.typed_input = None
    report.updated_at = utcnow()  # the report's row changes, so its lock_version moves on every save
    db.session.commit()


def keep_typed(report: PeriodReport, values: dict[str, str], errors: dict[str, list]) -> None:
    """Keep refused input with its messages, shown at the fields until a save succeeds (nothing else is saved)."""
    report.typed_input = json.dumps({"values": values, "errors": errors}, ensure_ascii=False)
    report.updated_at = utcnow()
    db.session.commit()


def typed_of(report: PeriodReport) -> tuple[dict[str, str], dict[str, list]]:
    if not report.typed_input:
        return {}, {}
    try:
        stored = json.loads(report.typed_input)
        return dict(stored.get("values") or {}), dict(stored.get("errors") or {})
    except (ValueError, AttributeError, TypeError):
        return {}, {}


def _event(report: PeriodReport, user: User, action: str, before: str, comment: str = "") -> None:
    report.events.append(ReportEvent(user_id=user.id, action=action, from_status=before, to_status=report.status,
                                     comment=comment.strip()))


def is_party(user: User, report: PeriodReport) -> bool:
    """A member of the application, or the one who submitted the report: such a person never reviews it."""
    return report.application.is_member(user.id) or report.submitted_by_id == user.id


def may_review(user: User, report: PeriodReport) -> bool:
    from builder.applications.access import in_my_associations

    return user.role in STAFF_ROLES and not is_party(user, report) and in_my_associations(user, report.association_id)


def submit(report: PeriodReport, user: User) -> None:
    if not report.application.is_member(user.id):
        raise ReportError("not_member")
    if report.status not in EDITABLE:
        raise ReportError("not_editable")
    figures = figures_of(report)
    if figures.missing:
        raise ReportError("rows_missing", count=len(figures.missing))
    if report.typed_input:
        raise ReportError("typed_input")
    before = report.status
    report.status = "submitted"
    report.submitted_at, report.submitted_by_id = utcnow(), user.id
    _event(report, user, "submit", before)
    db.session.commit()


def request_changes(report: PeriodReport, user: User, text: str) -> None:
    if not may_review(user, report):
        raise ReportError("not_staff")
    if report.status != "submitted":
        raise ReportError("not_submitted")
    if not text.strip():
        raise ReportError("text_required")
    before = report.status
    report.status = "changes_requested"
    _event(report, user, "request_changes", before, text)
    db.session.commit()


def approve(report: PeriodReport, user: User, comment: str = "") -> None:
    if not may_review(user, report):
        raise ReportError("not_staff")
    if report.status != "submitted":
        raise ReportError("not_submitted")
    before = report.status
    report.status = "approved"
    report.decided_at, report.decided_by_id = utcnow(), user.id
    _event(report, user, "approve", before, comment)
    db.session.commit()


def add_comment(report: PeriodReport, user: User, body: str, internal: bool, target: str = "general") -> ReportComment:
    comment = ReportComment(user_id=user.id, body=body.strip(), internal=internal and may_review(user, report),
                            target=target[:100])
    report.comments.append(comment)
    db.session.commit()
    return comment


def visible_comments(report: PeriodReport, user: User) -> list[ReportComment]:
    staff = may_review(user, report)  # the association's staff, never a party (a co-applicant with a staff role)
    return [c for c in report.comments if staff or not c.internal]


def document_of(report: PeriodReport) -> ReportDocument:
    """The report's plain values for its DOCX and XLSX."""
    from builder.cases.service import case_of

    application = report.application
    period = period_of(report)
    case = case_of(application.id)
    answers = report.answer_texts
    return ReportDocument(
        kind=report.kind, title=application.title, association=association_of(application).name,
        case_number=case.number if case else "–", period_start=period.start, period_end=period.end,
        figures=figures_of(report), participants=participants_of(report),
        planned=planned_participants(application.id).get(report.year),
        answers=tuple((key, answers.get(key, "")) for key in QUESTION_KEYS),
        version_number=report.version_number, status=report.status, report_date=today())


def reports_for_staff(user: User, status: str = "submitted", limit: int = 500) -> list[PeriodReport]:
    """The period reports in `status` of the applications `user` may see (newest period first)."""
    from builder.applications.access import visible_query

    visible = visible_query(user).with_only_columns(Application.id)
    return list(db.session.scalars(
        sa.select(PeriodReport).where(PeriodReport.status == status, PeriodReport.application_id.in_(visible))
        .order_by(PeriodReport.period_end.desc(), PeriodReport.id).limit(limit)))
