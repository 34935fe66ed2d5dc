"""Candidate profiles: facts the facilitator keeps about a candidate, each with
its source and who entered it when, and corrections partners suggest.

Candidates are never users: a profile is about a candidate, never shared with
one. A removed fact is retired, not deleted, so the record of what the table
was told stays; every change is also in the audit trail with before and after."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, UTCDateTime, utcnow


class Section(str, enum.Enum):
    BIOGRAPHY = "biography"
    RACE = "race"
    POSITION = "position"
    LINK = "link"

    @property
    def label(self) -> str:
        return SECTION_LABELS[self]


SECTION_LABELS = {Section.BIOGRAPHY: "Biography", Section.RACE: "The race", Section.POSITION: "Positions",
                  Section.LINK: "Links"}


class CorrectionKind(str, enum.Enum):
    CHANGE = "change"      # a new value (and source) for an existing fact
    ADDITION = "addition"  # a fact the profile does not have yet


class CorrectionStatus(str, enum.Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


def _values(enum_cls) -> str:
    return ", ".join(f"'{m.value}'" for m in enum_cls)


LABEL_MAX = 120
VALUE_MAX = 4000
SOURCE_MAX = 500
REASON_MAX = 1000

# A link is a web address; the operations lower-case the scheme so this check holds on both databases.
LINK_IS_WEB_ADDRESS = "section <> 'link' OR value LIKE 'http://%' OR value LIKE 'https://%'"


class ProfileFact(Base):
    __tablename__ = "profile_facts"
    __table_args__ = (
        CheckConstraint(f"section IN ({_values(Section)})", name="section_known"),
        CheckConstraint("length(trim(label)) > 0", name="label_not_blank"),
        CheckConstraint("length(trim(value)) > 0", name="value_not_blank"),
        # Every fact says where it comes from.
        CheckConstraint("length(trim(source)) > 0", name="source_not_blank"),
        CheckConstraint(LINK_IS_WEB_ADDRESS, name="link_is_web_address"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    section: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(LABEL_MAX))
    value: Mapped[str] = mapped_column(String(VALUE_MAX))
    source: Mapped[str] = mapped_column(String(SOURCE_MAX))
    # Who entered the value shown now, and when; and the partner whose correction it came from.
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    suggested_by_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    retired_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    candidate = relationship("Candidate", lazy="joined")
    entered_by = relationship("User", foreign_keys=[entered_by_id], lazy="joined")
    retired_by = relationship("User", foreign_keys=[retired_by_id])
    suggested_by_organization = relationship("Organization", foreign_keys=[suggested_by_organization_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def section_label(self) -> str:
        return Section(self.section).label

    @property
    def table(self):
        return self.candidate.race.table

    def content(self) -> dict:
        return {"section": self.section, "label": self.label, "value": self.value, "source": self.source}


class ProfileCorrection(Base):
    """A partner's suggestion, decided by the table's facilitator. Only the
    suggesting organization's tree and the facilitator see it."""

    __tablename__ = "profile_corrections"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_values(CorrectionKind)})", name="kind_known"),
        CheckConstraint(f"status IN ({_values(CorrectionStatus)})", name="status_known"),
        CheckConstraint(f"section IN ({_values(Section)})", name="section_known"),
        CheckConstraint("kind <> 'change' OR fact_id IS NOT NULL", name="change_names_its_fact"),
        CheckConstraint("length(trim(label)) > 0", name="label_not_blank"),
        CheckConstraint("length(trim(proposed_value)) > 0", name="value_not_blank"),
        CheckConstraint("length(trim(proposed_source)) > 0", name="source_not_blank"),
        CheckConstraint("section <> 'link' OR proposed_value LIKE 'http://%' OR proposed_value LIKE 'https://%'",
                        name="link_is_web_address"),
        # Decided means decided at a time; pending means not yet.
        CheckConstraint("(status = 'pending') = (decided_at IS NULL)", name="decision_has_time"),
        # One open suggestion per fact and organization: the facilitator decides it first.
        Index("uq_profile_corrections_one_pending", "fact_id", "organization_id", unique=True,
              postgresql_where=text("status = 'pending'"), sqlite_where=text("status = 'pending'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    # The fact it changes; for an addition, the fact it became once accepted.
    fact_id: Mapped[int | None] = mapped_column(ForeignKey("profile_facts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    section: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(LABEL_MAX))
    # The fact's version the partner read, to show the facilitator when it changed since.
    fact_version: Mapped[int | None] = mapped_column(Integer)
    proposed_value: Mapped[str] = mapped_column(String(VALUE_MAX))
    proposed_source: Mapped[str] = mapped_column(String(SOURCE_MAX))
    reason: Mapped[str | None] = mapped_column(String(REASON_MAX))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="RESTRICT"), index=True)
    suggested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    suggested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[str] = mapped_column(String(10), default=CorrectionStatus.PENDING.value)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_note: Mapped[str | None] = mapped_column(String(REASON_MAX))
    version: Mapped[int] = mapped_column(Integer, default=1)

    candidate = relationship("Candidate", lazy="joined")
    fact = relationship(ProfileFact, lazy="joined")
    organization = relationship("Organization", lazy="joined")
    suggested_by = relationship("User", foreign_keys=[suggested_by_id], lazy="joined")
    decided_by = relationship("User", foreign_keys=[decided_by_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_pending(self) -> bool:
        return self.status == CorrectionStatus.PENDING.value

    @property
    def table(self):
        return self.candidate.race.table

    @property
    def fact_changed_since(self) -> bool:
        """The fact was edited after the partner read it: the facilitator compares before accepting."""
        return self.fact is not None and self.fact_version is not None and self.fact.version != self.fact_version

    @property
    def status_label(self) -> str:
        # Declining is not opposition: the profile simply keeps what it had.
        return {"pending": "Awaiting the facilitator", "accepted": "Accepted",
                "declined": "Not taken up"}[self.status]
