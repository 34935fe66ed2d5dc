"""Critical mass over time: per candidate, when it was last reached and lost,
as the table's facilitator sees it (portal.facilitator.critical_mass)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, UTCDateTime, utcnow


class CriticalMassState(Base):
    __tablename__ = "critical_mass_states"

    table_id: Mapped[int] = mapped_column(ForeignKey("coalition_tables.id", ondelete="CASCADE"), primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True,
                                              index=True)
    # Set when the count crosses up to the threshold; lost_at is cleared then.
    reached_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when it crosses back down; reached_at stays (when it had been reached).
    lost_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    backers: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def reached(self) -> bool:
        return self.reached_at is not None and self.lost_at is None
