"""Declarations: an organization's endorsement of a candidate, or its capacity
pledge for a race, at one table. Content lives in revisions, so an approved
version stays in force while an edit waits for national approval."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (CheckConstraint, Date, ForeignKey, Index, Integer, String, UniqueConstraint, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, UTCDateTime, utcnow


class Kind(str, enum.Enum):
    ENDORSEMENT = "endorsement"
    PLEDGE = "pledge"


class Stance(str, enum.Enum):
    CONSIDERING = "considering"
    ENDORSED = "endorsed"
    NOT_ENDORSING = "not_endorsing"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Activity(str, enum.Enum):
    TEXTBANK = "textbank"
    PHONEBANK = "phonebank"
    DOORKNOCK = "doorknock"
    EVENT = "event"
    STAFF = "staff"
    DIGITAL = "digital"


class Unit(str, enum.Enum):
    SHIFTS = "shifts"
    VOLUNTEERS = "volunteers"
    HOURS = "hours"
    EVENTS = "events"
    FTE = "fte"


class Visibility(str, enum.Enum):
    OWN = "own"                  # the organization and the national staff above it
    FACILITATOR = "facilitator"  # also the table's facilitator
    TABLE = "table"              # every partner at the table

    @property
    def rank(self) -> int:
        return {"own": 0, "facilitator": 1, "table": 2}[self.value]

    @property
    def label(self) -> str:
        return {"own": "Our organization and national staff", "facilitator": "Also the table's facilitator",
                "table": "Every partner at the table"}[self.value]


class Status(str, enum.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"


def _values(enum_cls) -> str:
    return ", ".join(f"'{m.value}'" for m in enum_cls)


NOTE_MAX = 2000
QUANTITY_MAX = 100_000


class Declaration(Base):
    __tablename__ = "declarations"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_values(Kind)})", name="kind_known"),
        CheckConstraint("kind <> 'endorsement' OR (candidate_id IS NOT NULL AND stage IS NOT NULL)",
                        name="endorsement_names_candidate_and_stage"),
        CheckConstraint("kind <> 'pledge' OR stage IS NULL", name="pledge_has_no_stage"),
        CheckConstraint("stage IS NULL OR stage IN ('primary', 'runoff', 'general')", name="stage_known"),
        # At most one endorsement per organization, candidate and stage: a new stance is a revision.
        Index("uq_declarations_one_endorsement", "organization_id", "candidate_id", "stage", unique=True,
              postgresql_where=text("kind = 'endorsement'"), sqlite_where=text("kind = 'endorsement'")),
        UniqueConstraint("submission_key", name="uq_declarations_submission_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="RESTRICT"), index=True)
    # The organization's national, kept here so every scoped query is one comparison.
    national_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="RESTRICT"), index=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("coalition_tables.id", ondelete="RESTRICT"), index=True)
    race_id: Mapped[int] = mapped_column(ForeignKey("races.id", ondelete="RESTRICT"), index=True)
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidates.id", ondelete="RESTRICT"), index=True)
    stage: Mapped[str | None] = mapped_column(String(10))
    # A random key the form carries: submitting the same form twice creates one declaration.
    submission_key: Mapped[str] = mapped_column(String(64))
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("declaration_revisions.id", ondelete="SET NULL", use_alter=True,
                   name="fk_declarations_current_revision_id_declaration_revisions"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    organization = relationship("Organization", foreign_keys=[organization_id], lazy="joined")
    table = relationship("CoalitionTable", lazy="joined")
    race = relationship("Race", lazy="joined")
    candidate = relationship("Candidate", lazy="joined")
    current = relationship("DeclarationRevision", foreign_keys=[current_revision_id], post_update=True,
                           lazy="joined")
    revisions: Mapped[list[DeclarationRevision]] = relationship(
        back_populates="declaration", foreign_keys="DeclarationRevision.declaration_id",
        order_by="DeclarationRevision.number", lazy="selectin")
    updated_by = relationship("User", foreign_keys=[updated_by_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def pending(self) -> DeclarationRevision | None:
        return next((r for r in self.revisions if r.status == Status.PENDING.value), None)

    @property
    def latest(self) -> DeclarationRevision:
        return self.revisions[-1]

    @property
    def subject(self) -> str:
        if self.kind == Kind.ENDORSEMENT.value:
            return f"{self.candidate.name} ({self.race.district}, {self.stage})"
        who = f" for {self.candidate.name}" if self.candidate else ""
        return f"{self.race.office_label} {self.race.district}{who}"


class DeclarationRevision(Base):
    __tablename__ = "declaration_revisions"
    __table_args__ = (
        UniqueConstraint("declaration_id", "number", name="uq_declaration_revisions_number"),
        CheckConstraint(f"status IN ({_values(Status)})", name="status_known"),
        CheckConstraint(f"visibility IN ({_values(Visibility)})", name="visibility_known"),
        CheckConstraint(f"stance IS NULL OR stance IN ({_values(Stance)})", name="stance_known"),
        CheckConstraint(f"activity IS NULL OR activity IN ({_values(Activity)})", name="activity_known"),
        CheckConstraint(f"unit IS NULL OR unit IN ({_values(Unit)})", name="unit_known"),
        CheckConstraint(f"quantity IS NULL OR (quantity > 0 AND quantity <= {QUANTITY_MAX})", name="quantity_sane"),
        CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="window_ordered"),
        CheckConstraint("status <> 'rejected' OR length(trim(coalesce(reason, ''))) > 0",
                        name="rejection_has_reason"),
        CheckConstraint("(status IN ('pending', 'withdrawn')) OR decided_at IS NOT NULL", name="decision_has_time"),
        CheckConstraint("status <> 'rejected' OR decided_by_id IS NOT NULL", name="rejection_names_decider"),
        # Nobody approves (or rejects) their own declaration; the database holds the line too.
        CheckConstraint("decided_by_id IS NULL OR decided_by_id <> submitted_by_id", name="not_own_decision"),
        # One revision at a time waits for approval.
        Index("uq_declaration_revisions_one_pending", "declaration_id", unique=True,
              postgresql_where=text("status = 'pending'"), sqlite_where=text("status = 'pending'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), index=True)
    stance: Mapped[str | None] = mapped_column(String(14))
    announced_on: Mapped[date | None] = mapped_column(Date)
    activity: Mapped[str | None] = mapped_column(String(10))
    quantity: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str | None] = mapped_column(String(10))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(NOTE_MAX))
    visibility: Mapped[str] = mapped_column(String(12), default=Visibility.OWN.value)
    share_from: Mapped[datetime | None] = mapped_column(UTCDateTime())
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(String(500))

    declaration: Mapped[Declaration] = relationship(back_populates="revisions", foreign_keys=[declaration_id])
    submitted_by = relationship("User", foreign_keys=[submitted_by_id], lazy="joined")
    decided_by = relationship("User", foreign_keys=[decided_by_id], lazy="joined")

    CONTENT_FIELDS = ("stance", "announced_on", "activity", "quantity", "unit", "starts_on", "ends_on", "note",
                      "visibility", "share_from")

    def content(self) -> dict:
        return {name: getattr(self, name) for name in self.CONTENT_FIELDS}

    def shared_with_at(self, now: datetime) -> str:
        """The visibility in effect now: an embargo keeps it at `own` until share_from."""
        if self.share_from is not None and self.share_from > now:
            return Visibility.OWN.value
        return self.visibility


class ApprovalPolicy(Base):
    """A national's rule, per table level and kind: do its affiliates'
    declarations need national approval, and how widely may they be shared."""

    __tablename__ = "approval_policies"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_values(Kind)})", name="kind_known"),
        CheckConstraint("level IN ('federal', 'state_legislative', 'municipal')", name="level_known"),
        CheckConstraint(f"max_visibility IN ({_values(Visibility)})", name="max_visibility_known"),
    )

    national_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True)
    level: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), primary_key=True)
    requires_approval: Mapped[bool] = mapped_column(default=True)
    max_visibility: Mapped[str] = mapped_column(String(12), default=Visibility.TABLE.value)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
