"""Table meetings: the facilitator schedules them, drafts and shares the
agenda, and after the meeting records attendance, notes and action items.

Partners at the table see a meeting once it is scheduled, its agenda once the
facilitator shares it, and its record (notes, attendance, action items) once
the notes are published; drafts are the facilitator's alone."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (CheckConstraint, Date, ForeignKey, ForeignKeyConstraint, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, UTCDateTime, utcnow

TITLE_MAX = 200
PLACE_MAX = 300
TEXT_MAX = 20_000  # agenda and notes: a long meeting's minutes fit many times over
ITEM_MAX = 500


class NotesStatus(str, enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("notes_status IN ('draft', 'published')", name="notes_status_known"),
        # Published notes say when; draft notes were never published.
        CheckConstraint("(notes_status = 'published') = (notes_published_at IS NOT NULL)",
                        name="publication_has_time"),
        CheckConstraint("cancelled_at IS NULL OR notes_status = 'draft'", name="cancelled_has_no_notes"),
        CheckConstraint(f"length(agenda_md) <= {TEXT_MAX} AND length(notes_md) <= {TEXT_MAX}",
                        name="texts_bounded"),
        Index("ix_meetings_table_id_starts_at", "table_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("coalition_tables.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str | None] = mapped_column(String(PLACE_MAX))  # a room, an address or a video link
    agenda_md: Mapped[str] = mapped_column(Text, default="")
    # The start of the window the last drafted agenda covered (changes since then).
    agenda_drafted_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When the facilitator shared the agenda with every partner; until then it is a draft.
    agenda_shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    notes_md: Mapped[str] = mapped_column(Text, default="")
    notes_status: Mapped[str] = mapped_column(String(10), default=NotesStatus.DRAFT.value)
    notes_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    table = relationship("CoalitionTable", lazy="joined")
    updated_by = relationship("User", foreign_keys=[updated_by_id], lazy="joined")
    attendance: Mapped[list[MeetingAttendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", lazy="selectin")
    action_items: Mapped[list[ActionItem]] = relationship(
        back_populates="meeting", order_by="(ActionItem.due_on, ActionItem.id)", lazy="selectin")

    __mapper_args__ = {"version_id_col": version}

    @property
    def notes_published(self) -> bool:
        return self.notes_status == NotesStatus.PUBLISHED.value

    @property
    def agenda_shared(self) -> bool:
        return self.agenda_shared_at is not None

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def attendees(self) -> list:
        """The partners who attended, alphabetical (a neutral order)."""
        return sorted((a.national for a in self.attendance), key=lambda org: org.name.lower())


class MeetingAttendance(Base):
    """A partner (a national, standing for its whole tree) attended the meeting."""

    __tablename__ = "meeting_attendance"
    __table_args__ = (
        CheckConstraint("national_kind = 'national'", name="national_kind_fixed"),
        # Only a national attends as a partner: the database refuses an affiliate here.
        ForeignKeyConstraint(["national_id", "national_kind"], ["organizations.id", "organizations.kind"],
                             name="fk_meeting_attendance_national_is_national", ondelete="RESTRICT"),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    national_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
    national_kind: Mapped[str] = mapped_column(String(10), default="national", server_default="national")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    national = relationship("Organization", foreign_keys=[national_id],
                            primaryjoin="MeetingAttendance.national_id == Organization.id", lazy="joined")


class ActionItem(Base):
    """Something an organization took on at a meeting, due on a day. Only the
    owner organization's people mark it done: the facilitator owns nothing."""

    __tablename__ = "meeting_action_items"
    __table_args__ = (
        CheckConstraint("length(trim(text)) > 0", name="text_not_blank"),
        CheckConstraint("done_by_id IS NULL OR done_at IS NOT NULL", name="done_has_time"),
        # The same item twice (a double click) is one item.
        UniqueConstraint("meeting_id", "owner_id", "text", name="uq_meeting_action_items_same_item"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(ITEM_MAX))
    owner_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="RESTRICT"), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    meeting: Mapped[Meeting] = relationship(back_populates="action_items", lazy="joined")
    owner = relationship("Organization", foreign_keys=[owner_id], lazy="joined")
    done_by = relationship("User", foreign_keys=[done_by_id], lazy="joined")

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
