"""Working groups: the facilitator convenes the backers of one candidate; each
invited partner decides on its own whether to join and which affiliates it
brings; members plan joint activities and keep shared notes.

Who counts as a member is decided in portal.access.workgroups; the database
holds the shapes that must never occur (a second open group for a candidate,
an affiliate of a partner that was never invited, negative turnout...)."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (CheckConstraint, ForeignKey, ForeignKeyConstraint, Index, Integer, String, Text,
                        UniqueConstraint, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, UTCDateTime, utcnow


class PartnerStatus(str, enum.Enum):
    INVITED = "invited"
    JOINED = "joined"
    DECLINED = "declined"
    LEFT = "left"

    @property
    def label(self) -> str:
        # Declining is a partner's own decision, never opposition: the words stay neutral.
        return {"invited": "invited", "joined": "member", "declined": "not taking part",
                "left": "no longer taking part"}[self.value]


class ActivityKind(str, enum.Enum):
    TEXTBANK = "textbank"
    PHONEBANK = "phonebank"
    DOORKNOCK = "doorknock"
    EVENT = "event"

    @property
    def label(self) -> str:
        return {"textbank": "Textbank", "phonebank": "Phonebank", "doorknock": "Doorknock",
                "event": "Public event"}[self.value]


def _values(enum_cls) -> str:
    return ", ".join(f"'{m.value}'" for m in enum_cls)


PLACE_MAX = 200
LINK_MAX = 500
NOTE_MAX = 5000
VOLUNTEERS_MAX = 100_000


class WorkingGroup(Base):
    __tablename__ = "working_groups"
    __table_args__ = (
        # One open group per candidate: a second convening would split the backers.
        Index("uq_working_groups_one_open", "candidate_id", unique=True,
              postgresql_where=text("closed_at IS NULL"), sqlite_where=text("closed_at IS NULL")),
        CheckConstraint("closed_at IS NULL OR closed_at >= convened_at", name="closed_after_convened"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("coalition_tables.id", ondelete="RESTRICT"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="RESTRICT"), index=True)
    convened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    convened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    table = relationship("CoalitionTable", lazy="joined")
    candidate = relationship("Candidate", lazy="joined")
    convened_by = relationship("User", foreign_keys=[convened_by_id])
    partners: Mapped[list[WorkingGroupPartner]] = relationship(back_populates="group", lazy="selectin",
                                                               order_by="WorkingGroupPartner.id")
    affiliates: Mapped[list[WorkingGroupAffiliate]] = relationship(back_populates="group", lazy="selectin")

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def race(self):
        return self.candidate.race

    @property
    def title(self) -> str:
        return f"{self.candidate.name} · {self.candidate.race.title}"

    def partner(self, national_id: int) -> WorkingGroupPartner | None:
        return next((p for p in self.partners if p.national_id == national_id), None)

    @property
    def joined_national_ids(self) -> set[int]:
        return {p.national_id for p in self.partners if p.status == PartnerStatus.JOINED.value}

    @property
    def member_organization_ids(self) -> set[int]:
        """Joined nationals and the affiliates they brought."""
        joined = self.joined_national_ids
        return joined | {a.organization_id for a in self.affiliates if a.national_id in joined}


class WorkingGroupPartner(Base):
    """One invited partner (a national, with its whole tree counted as one) and its decision."""

    __tablename__ = "working_group_partners"
    __table_args__ = (
        UniqueConstraint("group_id", "national_id", name="uq_working_group_partners_group_national"),
        CheckConstraint(f"status IN ({_values(PartnerStatus)})", name="status_known"),
        CheckConstraint("status = 'invited' OR decided_at IS NOT NULL", name="decision_has_time"),
        CheckConstraint("status <> 'left' OR left_at IS NOT NULL", name="leaving_has_time"),
        CheckConstraint("partner_kind = 'national'", name="partner_kind_fixed"),
        # Only a national is invited: the database refuses an affiliate here.
        ForeignKeyConstraint(["national_id", "partner_kind"], ["organizations.id", "organizations.kind"],
                             name="fk_working_group_partners_national_is_national"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id", ondelete="CASCADE"), index=True)
    national_id: Mapped[int] = mapped_column(Integer, index=True)
    partner_kind: Mapped[str] = mapped_column(String(10), default="national", server_default="national")
    status: Mapped[str] = mapped_column(String(10), default=PartnerStatus.INVITED.value)
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    group: Mapped[WorkingGroup] = relationship(back_populates="partners")
    national = relationship("Organization", foreign_keys=[national_id],
                            primaryjoin="WorkingGroupPartner.national_id == Organization.id", lazy="joined")
    decided_by = relationship("User", foreign_keys=[decided_by_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def status_label(self) -> str:
        return PartnerStatus(self.status).label


class WorkingGroupAffiliate(Base):
    """An affiliate a joined partner brought into the group."""

    __tablename__ = "working_group_affiliates"
    __table_args__ = (
        # The affiliate's national must be a partner of this very group.
        ForeignKeyConstraint(["group_id", "national_id"],
                             ["working_group_partners.group_id", "working_group_partners.national_id"],
                             name="fk_working_group_affiliates_partner", ondelete="CASCADE"),
    )

    group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id", ondelete="CASCADE"), primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="RESTRICT"),
                                                 primary_key=True, index=True)
    national_id: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    group: Mapped[WorkingGroup] = relationship(back_populates="affiliates")
    organization = relationship("Organization", foreign_keys=[organization_id], lazy="joined")


class JointActivity(Base):
    __tablename__ = "joint_activities"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_values(ActivityKind)})", name="kind_known"),
        CheckConstraint(f"expected_volunteers >= 0 AND expected_volunteers <= {VOLUNTEERS_MAX}",
                        name="expected_volunteers_sane"),
        CheckConstraint(f"actual_turnout IS NULL OR (actual_turnout >= 0 AND actual_turnout <= {VOLUNTEERS_MAX})",
                        name="actual_turnout_sane"),
        CheckConstraint("ends_at IS NULL OR ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("place IS NOT NULL OR link IS NOT NULL", name="has_place_or_link"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    place: Mapped[str | None] = mapped_column(String(PLACE_MAX))
    link: Mapped[str | None] = mapped_column(String(LINK_MAX))
    lead_organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="RESTRICT"),
                                                      index=True)
    expected_volunteers: Mapped[int] = mapped_column(Integer, default=0)
    actual_turnout: Mapped[int | None] = mapped_column(Integer)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Whose it is: the organization its author acted for stays credited after a partner leaves.
    created_by_organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="RESTRICT"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    group: Mapped[WorkingGroup] = relationship()
    lead_organization = relationship("Organization", foreign_keys=[lead_organization_id], lazy="joined")
    created_by_organization = relationship("Organization", foreign_keys=[created_by_organization_id],
                                           lazy="joined")
    created_by = relationship("User", foreign_keys=[created_by_id])
    updated_by = relationship("User", foreign_keys=[updated_by_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def kind_label(self) -> str:
        return ActivityKind(self.kind).label

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class WorkingGroupNote(Base):
    __tablename__ = "working_group_notes"
    __table_args__ = (
        CheckConstraint("length(trim(body)) > 0", name="body_not_blank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The organization the author wrote for; None for the facilitator, who belongs to none.
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id", ondelete="RESTRICT"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    group: Mapped[WorkingGroup] = relationship()
    author = relationship("User", foreign_keys=[author_id], lazy="joined")
    organization = relationship("Organization", foreign_keys=[organization_id], lazy="joined")

    __mapper_args__ = {"version_id_col": version}


class CampaignNoticeAcknowledgement(Base):
    """A person acknowledged, once per group, that plans are not coordinated with the campaign."""

    __tablename__ = "campaign_notice_acknowledgements"

    group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    acknowledged_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user = relationship("User", lazy="joined")
