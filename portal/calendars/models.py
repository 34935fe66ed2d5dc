"""Calendar feeds: a person's secret, revocable iCalendar URL for one table
or one working group. Only a hash of the URL's token is stored, so a copy of
the database hands out no calendar; revoking the row ends the URL at once."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, UTCDateTime, utcnow


class CalendarFeed(Base):
    __tablename__ = "calendar_feeds"
    __table_args__ = (
        # A feed covers exactly one scope: a table or a working group.
        CheckConstraint("(table_id IS NULL) <> (working_group_id IS NULL)", name="exactly_one_scope"),
        CheckConstraint("revoked_at IS NULL OR revoked_at >= created_at", name="revoked_after_created"),
        # One working URL per person and scope: creating another rotates (revokes) the old one.
        Index("uq_calendar_feeds_one_active_table", "user_id", "table_id", unique=True,
              postgresql_where=text("revoked_at IS NULL AND table_id IS NOT NULL"),
              sqlite_where=text("revoked_at IS NULL AND table_id IS NOT NULL")),
        Index("uq_calendar_feeds_one_active_group", "user_id", "working_group_id", unique=True,
              postgresql_where=text("revoked_at IS NULL AND working_group_id IS NOT NULL"),
              sqlite_where=text("revoked_at IS NULL AND working_group_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    table_id: Mapped[int | None] = mapped_column(ForeignKey("coalition_tables.id", ondelete="CASCADE"), index=True)
    working_group_id: Mapped[int | None] = mapped_column(ForeignKey("working_groups.id", ondelete="CASCADE"),
                                                         index=True)
    # sha256 of the token in the URL (hex); the token itself is shown once and never kept.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user = relationship("User", lazy="joined")
    table = relationship("CoalitionTable", lazy="joined")
    working_group = relationship("WorkingGroup", lazy="joined")

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def scope(self):
        return self.table if self.table_id is not None else self.working_group

    @property
    def scope_label(self) -> str:
        if self.table_id is not None:
            return f"Table: {self.table.name}"
        return f"Working group: {self.working_group.title}"
