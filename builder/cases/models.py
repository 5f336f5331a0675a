"""Case handling tables: the case record (diarienummer, officer, due date), meetings and their agendas."""
from __future__ import annotations

import json
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from builder.models import Application, Model, User, utcnow

MEETING_KINDS = ("beredning", "styrelse")
RECOMMENDATIONS = ("grant", "reject", "complete")  # bevilja / avslå / komplettera
DECISIONS = ("approve", "reject")


class Case(Model):
    """An application's case record, created at its first submission."""

    __tablename__ = "cases"
    __table_args__ = (sa.UniqueConstraint("association_id", "year", "sequence"),
                      sa.UniqueConstraint("association_id", "number"))

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    association_id: Mapped[int] = mapped_column(sa.ForeignKey("associations.id"), index=True)
    number: Mapped[str] = mapped_column(sa.String(100))
    pattern: Mapped[str] = mapped_column(sa.String(100))
    year: Mapped[int]
    sequence: Mapped[int]
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), nullable=True, index=True)
    due_date: Mapped[date | None] = mapped_column(sa.Date, nullable=True)
    officer_recommendation: Mapped[str] = mapped_column(sa.String(20), default="")
    officer_note: Mapped[str] = mapped_column(sa.Text, default="")
    # The insats as the national follow-up (Uppföljning Finsam) registers it; set by staff, fixed once reported.
    focus: Mapped[str] = mapped_column(sa.String(30), default="", server_default="")  # see cases/national.py
    target_group: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    first_submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped[Application] = relationship()
    officer: Mapped[User | None] = relationship()


class CaseCounter(Model):
    """The last sequence number an association gave in a year (one row each, locked while a number is drawn)."""

    __tablename__ = "case_counters"

    association_id: Mapped[int] = mapped_column(sa.ForeignKey("associations.id", ondelete="CASCADE"),
                                                primary_key=True, autoincrement=False)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(default=0)


class InsatsYear(Model):
    """An approved insats's figures for one calendar year: the amount committed by the decision (the
    portfolio sums these per association and year) and the planned number of participants."""

    __tablename__ = "insats_years"
    __table_args__ = (sa.UniqueConstraint("application_id", "year"),
                      sa.Index("ix_insats_years_association_id_year", "association_id", "year"))

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    association_id: Mapped[int] = mapped_column(sa.ForeignKey("associations.id"))
    year: Mapped[int]
    approved_amount: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    planned_participants: Mapped[int | None] = mapped_column(nullable=True)

    application: Mapped[Application] = relationship()


class Meeting(Model):
    """A beredningsgrupp or styrelse meeting with an agenda of cases."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(sa.ForeignKey("associations.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    date: Mapped[date] = mapped_column(sa.Date, index=True)
    place: Mapped[str] = mapped_column(sa.String(300), default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    items: Mapped[list[AgendaItem]] = relationship(back_populates="meeting", cascade="all, delete-orphan",
                                                   order_by="AgendaItem.position")


class AgendaItem(Model):
    """One case on a meeting's agenda, with the beredningsgrupp's recommendation or the styrelse's decision."""

    __tablename__ = "agenda_items"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    version_number: Mapped[int | None] = mapped_column(nullable=True)  # the version the papers show
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    recommendation: Mapped[str] = mapped_column(sa.String(20), default="")
    recommendation_note: Mapped[str] = mapped_column(sa.Text, default="")
    decision: Mapped[str] = mapped_column(sa.String(20), default="")
    paragraph: Mapped[str] = mapped_column(sa.String(20), default="")
    decision_date: Mapped[date | None] = mapped_column(sa.Date, nullable=True)
    amounts: Mapped[str] = mapped_column(sa.Text, default="")  # {"2026": 123000, ...} as JSON
    conditions: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), nullable=True)
    recorded_at: Mapped[datetime | None] = mapped_column(nullable=True)

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    application: Mapped[Application] = relationship()

    @property
    def yearly_amounts(self) -> dict[str, int]:
        return {str(k): int(v) for k, v in json.loads(self.amounts).items()} if self.amounts else {}

    def set_yearly_amounts(self, amounts: dict[str, int]) -> None:
        self.amounts = json.dumps({str(k): int(v) for k, v in sorted(amounts.items())})


class CaseEvent(Model):
    """One step of a case that is not a status change: number given, officer set, agenda, recommendation, decision."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), nullable=True)
    kind: Mapped[str] = mapped_column(sa.String(30))
    detail: Mapped[str] = mapped_column(sa.Text, default="")  # JSON: the values the history line shows
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()

    @property
    def values(self) -> dict:
        return json.loads(self.detail) if self.detail else {}
