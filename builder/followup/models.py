"""Follow-up of an approved insats: a report per reporting period with the outcome (utfall) per budget row,
the forecast for the year, anonymous participant counts, short text answers, and its review."""
from __future__ import annotations

import json
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from builder.models import Application, Model, User, utcnow

REPORT_KINDS = ("delar", "ar", "slut")  # delårsrapport, årsrapport, slutrapport
REPORT_STATUSES = ("draft", "submitted", "changes_requested", "approved")
PARTICIPANT_FIELDS = tuple(f"{stage}_{sex}" for stage in ("started", "ongoing", "finished")
                           for sex in ("women", "men", "other"))


class PeriodReport(Model):
    """One reporting period's report of one approved application (period_end: the period's last day)."""

    __tablename__ = "period_reports"
    __table_args__ = (sa.UniqueConstraint("application_id", "period_end"),
                      sa.Index("ix_period_reports_association_id_year", "association_id", "year"))

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    association_id: Mapped[int] = mapped_column(sa.ForeignKey("associations.id"))
    version_number: Mapped[int | None] = mapped_column(nullable=True)  # the approved version reported against
    year: Mapped[int]
    period_end: Mapped[date] = mapped_column(sa.Date)
    kind: Mapped[str] = mapped_column(sa.String(10), default="delar")
    status: Mapped[str] = mapped_column(sa.String(20), default="draft")
    answers: Mapped[str] = mapped_column(sa.Text, default="")  # {"question key": "text"} as JSON
    started_women: Mapped[int] = mapped_column(default=0, server_default="0")
    started_men: Mapped[int] = mapped_column(default=0, server_default="0")
    started_other: Mapped[int] = mapped_column(default=0, server_default="0")
    ongoing_women: Mapped[int] = mapped_column(default=0, server_default="0")
    ongoing_men: Mapped[int] = mapped_column(default=0, server_default="0")
    ongoing_other: Mapped[int] = mapped_column(default=0, server_default="0")
    finished_women: Mapped[int] = mapped_column(default=0, server_default="0")
    finished_men: Mapped[int] = mapped_column(default=0, server_default="0")
    finished_other: Mapped[int] = mapped_column(default=0, server_default="0")
    # What was typed and refused (values with their messages, JSON), shown again at the fields until a save
    # succeeds; None when the report holds what was last typed.
    typed_input: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    submitted_at: Mapped[datetime | None] = mapped_column(nullable=True)
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), nullable=True)
    lock_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    application: Mapped[Application] = relationship()
    rows: Mapped[list[OutcomeRow]] = relationship(back_populates="report", cascade="all, delete-orphan",
                                                  order_by="OutcomeRow.id")
    events: Mapped[list[ReportEvent]] = relationship(back_populates="report", cascade="all, delete-orphan",
                                                     order_by="ReportEvent.id")
    comments: Mapped[list[ReportComment]] = relationship(back_populates="report", cascade="all, delete-orphan",
                                                         order_by="ReportComment.id")

    __mapper_args__ = {"version_id_col": lock_version}

    @property
    def answer_texts(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in json.loads(self.answers).items()} if self.answers else {}

    def set_answers(self, answers: dict[str, str]) -> None:
        self.answers = json.dumps(answers, ensure_ascii=False)


class OutcomeRow(Model):
    """The outcome of one budget row in one period (kronor spent in that period, not cumulative), and the
    forecast for the whole year as the lead adjusted it (None: the budget is the forecast).

    row_key names the row in the approved version's budget: "staff:<index>", "other:<index>" or "overhead".
    """

    __tablename__ = "outcome_rows"
    __table_args__ = (sa.UniqueConstraint("report_id", "row_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("period_reports.id", ondelete="CASCADE"), index=True)
    row_key: Mapped[str] = mapped_column(sa.String(40))
    party: Mapped[str] = mapped_column(sa.String(200), default="")
    label: Mapped[str] = mapped_column(sa.String(300), default="")
    amount: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    forecast: Mapped[int | None] = mapped_column(sa.BigInteger, nullable=True)

    report: Mapped[PeriodReport] = relationship(back_populates="rows")


class ReportEvent(Model):
    """A period report's history: submitted, changes requested (with the text), approved."""

    __tablename__ = "report_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("period_reports.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), nullable=True)
    action: Mapped[str] = mapped_column(sa.String(30))
    from_status: Mapped[str] = mapped_column(sa.String(20))
    to_status: Mapped[str] = mapped_column(sa.String(20))
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    report: Mapped[PeriodReport] = relationship(back_populates="events")
    user: Mapped[User | None] = relationship()


class ReportComment(Model):
    """A comment on a period report or one of its rows (target), by staff or the project; internal = staff only."""

    __tablename__ = "report_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("period_reports.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), nullable=True)
    target: Mapped[str] = mapped_column(sa.String(100), default="general")
    body: Mapped[str] = mapped_column(sa.Text)
    internal: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    resolved_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    report: Mapped[PeriodReport] = relationship(back_populates="comments")
    user: Mapped[User | None] = relationship()


# --- national --- A year's outcome is SUM(amount) over a few reports' rows (builder/portfolio/service.py):
# this index answers it alone (an index-only scan), never reading the whole table.
sa.Index("ix_outcome_rows_report_id_amount", OutcomeRow.report_id, OutcomeRow.amount)
