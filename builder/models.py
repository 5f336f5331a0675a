"""Database models. An application's content is stored as its finsam-application JSON document."""
from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import db

if TYPE_CHECKING:  # db.Model is made at run time; to a type checker it is the declarative base
    from .extensions import Base as Model
else:
    Model = db.Model

ROLES = ("applicant", "reviewer", "finance", "admin")
STATUSES = ("draft", "submitted", "changes_requested", "approved", "rejected", "withdrawn")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Association(Model):
    """A samordningsförbund: the tenant. Staff see only the cases of the associations they belong to."""

    __tablename__ = "associations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    orgnr: Mapped[str] = mapped_column(sa.String(20), default="")  # organisationsnummer, "NNNNNN-NNNN"
    case_number_pattern: Mapped[str] = mapped_column(sa.String(100), default="FINSAM {year}/{n}")
    # The reporting periods' last days within a calendar year, as "MM-DD" joined by commas, the year end last:
    # "04-30,08-31,12-31" is delår 1 (to 30 April), delår 2 (to 31 August) and the year report.
    reporting_periods: Mapped[str] = mapped_column(sa.String(100), default="04-30,08-31,12-31",
                                                   server_default="04-30,08-31,12-31")
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    frames: Mapped[list[BudgetFrame]] = relationship(back_populates="association", cascade="all, delete-orphan",
                                                     order_by="BudgetFrame.year")
    members: Mapped[list[AssociationMember]] = relationship(back_populates="association",
                                                            cascade="all, delete-orphan")

    @property
    def period_ends(self) -> list[str]:
        return [p.strip() for p in self.reporting_periods.split(",") if p.strip()]


class AssociationMember(Model):
    """A staff account (reviewer, finance, admin) working for an association; one account may work for several."""

    __tablename__ = "association_members"
    __table_args__ = (sa.UniqueConstraint("association_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(sa.ForeignKey("associations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    association: Mapped[Association] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class BudgetFrame(Model):
    """What an association's board has to commit to insatser in a calendar year (kronor)."""

    __tablename__ = "budget_frames"
    __table_args__ = (sa.UniqueConstraint("association_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(sa.ForeignKey("associations.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    amount: Mapped[int] = mapped_column(sa.BigInteger)

    association: Mapped[Association] = relationship(back_populates="frames")


class User(UserMixin, Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True, index=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(20), default="applicant")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Bumped at logout, password change and deactivation: every session made before then stops working.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    language: Mapped[str] = mapped_column(sa.String(5), default="sv", server_default="sv")  # e-mails are sent in it
    # Runs the installation: creates associations and their first admin. Not tied to any association's cases.
    platform_admin: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    @property
    def display_name(self) -> str:
        """How a person is shown to others: the name given at registration (the address only when none)."""
        return self.name.strip() or self.email

    @property
    def is_active(self) -> bool:  # Flask-Login: inactive users cannot log in
        return self.active


class Application(Model):
    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(500), default="")
    kind: Mapped[str] = mapped_column(sa.String(20), default="new")
    status: Mapped[str] = mapped_column(sa.String(30), default="draft", index=True)
    association: Mapped[str] = mapped_column(sa.String(500), default="")  # the document's text (the name)
    association_id: Mapped[int | None] = mapped_column(sa.ForeignKey("associations.id"), nullable=True, index=True)
    document: Mapped[str] = mapped_column(sa.Text)  # finsam-application JSON (a draft may be partial)
    steps_visited: Mapped[str] = mapped_column(sa.String(500), default="")
    total: Mapped[int | None] = mapped_column(sa.BigInteger, nullable=True)  # cached for lists
    # Also cached for lists, so that they filter, sort and page in SQL (see builder/review/listing.py).
    delta: Mapped[int | None] = mapped_column(sa.BigInteger, nullable=True)
    period_start: Mapped[str] = mapped_column(sa.String(10), default="", server_default="")  # ISO date or ""
    period_end: Mapped[str] = mapped_column(sa.String(10), default="", server_default="")
    parties_text: Mapped[str] = mapped_column(sa.String(2000), default="", server_default="")  # names, ", "
    lock_version: Mapped[int] = mapped_column(default=1)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("applications.id"), nullable=True)
    approved_total: Mapped[int | None] = mapped_column(sa.BigInteger, nullable=True)
    decision_date: Mapped[date | None] = mapped_column(sa.Date, nullable=True)
    decision_body: Mapped[str] = mapped_column(sa.String(300), default="")
    # What was typed on each wizard step and is not (yet) in the document: rows left incomplete, values that
    # do not validate. JSON {step: {"values": [[name, value], ...], "errors": bool}}; see builder/wizard/drafts.py.
    step_input: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    # The page (browser tab) that made the last save: its own autosaves never count as someone else's save.
    editor_token: Mapped[str | None] = mapped_column(sa.String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    association_ref: Mapped[Association | None] = relationship()
    collaborators: Mapped[list[Collaborator]] = relationship(
        back_populates="application", cascade="all, delete-orphan")
    versions: Mapped[list[ApplicationVersion]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationVersion.number")
    transitions: Mapped[list[Transition]] = relationship(
        cascade="all, delete-orphan", order_by="Transition.id")
    comments: Mapped[list[Comment]] = relationship(cascade="all, delete-orphan", order_by="Comment.id")
    invitations: Mapped[list[Invitation]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="Invitation.id")

    __mapper_args__ = {"version_id_col": lock_version}
    __table_args__ = (sa.Index("ix_applications_association_id_status", "association_id", "status"),)

    @property
    def doc(self) -> dict:
        """The stored document as a dict (amounts stay decimal strings)."""
        return json.loads(self.document, parse_float=Decimal)

    def set_doc(self, doc: dict) -> None:
        self.document = json.dumps(doc, ensure_ascii=False, default=str)
        self.title = str(doc.get("title", ""))[:500]
        self.kind = doc.get("kind", "new") or "new"
        self.association = str(doc.get("association", ""))[:500]
        period = doc.get("period")
        period = period if isinstance(period, dict) else {}
        self.period_start = str(period.get("start") or "")[:10]
        self.period_end = str(period.get("end") or "")[:10]
        parties = doc.get("parties")
        parties = parties if isinstance(parties, list) else []
        self.parties_text = ", ".join(str(p.get("name", "")) for p in parties if isinstance(p, dict))[:2000]

    @property
    def visited(self) -> set[str]:
        return set(filter(None, self.steps_visited.split(",")))

    def mark_visited(self, step: str) -> None:
        if step not in self.visited:
            self.steps_visited = ",".join(sorted(self.visited | {step}))

    def member_ids(self) -> set[int]:
        return {self.owner_id, *(c.user_id for c in self.collaborators)}

    def is_member(self, user_id: int) -> bool:
        """Owner or co-applicant; the owner is known without loading the collaborators (one query fewer)."""
        return user_id == self.owner_id or user_id in self.member_ids()


class Collaborator(Model):
    """A co-applicant: a registered user invited to work on an application."""

    __tablename__ = "collaborators"
    __table_args__ = (sa.UniqueConstraint("application_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped[Application] = relationship(back_populates="collaborators")
    user: Mapped[User] = relationship()


class Invitation(Model):
    """An e-mailed invitation to become co-applicant; it takes effect only when the invitee accepts it.

    Sent to an address whether or not it has an account (the inviter never learns which).
    """

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(sa.String(254), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped[Application] = relationship(back_populates="invitations")
    invited_by: Mapped[User | None] = relationship()


class FeePreset(Model):
    """A social-fee (PO-pålägg) preset offered in the budget step."""

    __tablename__ = "fee_presets"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(sa.String(200))
    rate: Mapped[str] = mapped_column(sa.String(20))  # decimal text, e.g. "0.4453"
    source: Mapped[str] = mapped_column(sa.String(500), default="")
    position: Mapped[int] = mapped_column(default=0)
    party_kind: Mapped[str | None] = mapped_column(sa.String(30), nullable=True)  # the default for this kind
    year: Mapped[int | None] = mapped_column(nullable=True)

    @property
    def rate_decimal(self) -> Decimal:
        return Decimal(self.rate)


class ApplicationVersion(Model):
    """An immutable snapshot taken at each submission."""

    __tablename__ = "application_versions"
    __table_args__ = (sa.UniqueConstraint("application_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    document: Mapped[str] = mapped_column(sa.Text)
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    total: Mapped[int | None] = mapped_column(sa.BigInteger, nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped[Application] = relationship(back_populates="versions")
    created_by: Mapped[User | None] = relationship()

    @property
    def doc(self) -> dict:
        return json.loads(self.document, parse_float=Decimal)


class Transition(Model):
    """One step of the workflow: who, when, from, to, and why."""

    __tablename__ = "transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), nullable=True)
    action: Mapped[str] = mapped_column(sa.String(30))
    from_status: Mapped[str] = mapped_column(sa.String(30))
    to_status: Mapped[str] = mapped_column(sa.String(30))
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    version_number: Mapped[int | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()


class Comment(Model):
    """A reviewer's comment on a section or budget line of one version, or an answer to one."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int | None] = mapped_column(sa.ForeignKey("application_versions.id"), nullable=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comments.id"), nullable=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), nullable=True)
    target: Mapped[str] = mapped_column(sa.String(100), default="general")
    body: Mapped[str] = mapped_column(sa.Text)
    internal: Mapped[bool] = mapped_column(default=False, server_default=sa.false())  # staff only, never applicants
    resolved_at: Mapped[datetime | None] = mapped_column(nullable=True)  # marked resolved by staff
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()
    version: Mapped[ApplicationVersion | None] = relationship()
    replies: Mapped[list[Comment]] = relationship(order_by="Comment.id")
