"""Coalition tables: one level (federal, state legislative, municipal), one
cycle, optionally one state or city; partners are nationals."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, ForeignKeyConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, UTCDateTime, utcnow
from portal.orgs.states import sql_state_code_list

DEFAULT_CRITICAL_MASS = 4


class TableLevel(str, enum.Enum):
    FEDERAL = "federal"
    STATE_LEGISLATIVE = "state_legislative"
    MUNICIPAL = "municipal"

    @property
    def label(self) -> str:
        return {"federal": "Federal (U.S. House)", "state_legislative": "State legislative",
                "municipal": "Municipal"}[self.value]


LEVEL_VALUES = ", ".join(f"'{level.value}'" for level in TableLevel)


class CoalitionTable(Base):
    __tablename__ = "coalition_tables"
    __table_args__ = (
        CheckConstraint(f"level IN ({LEVEL_VALUES})", name="level_known"),
        CheckConstraint("cycle_year BETWEEN 2000 AND 2100", name="cycle_year_sane"),
        CheckConstraint("critical_mass_threshold BETWEEN 2 AND 50", name="threshold_sane"),
        CheckConstraint(f"state_code IS NULL OR state_code IN ({sql_state_code_list()})", name="state_code_known"),
        CheckConstraint("city IS NULL OR (level = 'municipal' AND state_code IS NOT NULL)", name="city_scope_is_municipal"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    level: Mapped[str] = mapped_column(String(20))
    cycle_year: Mapped[int] = mapped_column(Integer)
    state_code: Mapped[str | None] = mapped_column(String(2))
    city: Mapped[str | None] = mapped_column(String(100))
    critical_mass_threshold: Mapped[int] = mapped_column(Integer, default=DEFAULT_CRITICAL_MASS)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    partners: Mapped[list[TablePartner]] = relationship(back_populates="table", lazy="selectin")
    facilitator_assignment: Mapped[TableFacilitator | None] = relationship(back_populates="table", lazy="selectin")

    __mapper_args__ = {"version_id_col": version}

    @property
    def level_label(self) -> str:
        return TableLevel(self.level).label

    @property
    def scope_label(self) -> str:
        if self.city:
            return f"{self.city}, {self.state_code}"
        return self.state_code or "Nationwide"

    @property
    def partner_ids(self) -> set[int]:
        return {p.national_id for p in self.partners}

    @property
    def facilitator_id(self) -> int | None:
        return self.facilitator_assignment.user_id if self.facilitator_assignment else None


class TablePartner(Base):
    __tablename__ = "table_partners"
    __table_args__ = (
        CheckConstraint("partner_kind = 'national'", name="partner_kind_fixed"),
        # Only a national can be a partner: the database refuses an affiliate here.
        ForeignKeyConstraint(["national_id", "partner_kind"], ["organizations.id", "organizations.kind"],
                             name="fk_table_partners_national_is_national"),
    )

    table_id: Mapped[int] = mapped_column(ForeignKey("coalition_tables.id", ondelete="CASCADE"), primary_key=True)
    national_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
    partner_kind: Mapped[str] = mapped_column(String(10), default="national", server_default="national")
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    table: Mapped[CoalitionTable] = relationship(back_populates="partners")
    national = relationship("Organization", foreign_keys=[national_id],
                            primaryjoin="TablePartner.national_id == Organization.id", lazy="joined")


class TableFacilitator(Base):
    """One facilitator per table (the primary key says so). The same person may
    facilitate several tables but holds no membership in any organization."""

    __tablename__ = "table_facilitators"

    table_id: Mapped[int] = mapped_column(ForeignKey("coalition_tables.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    table: Mapped[CoalitionTable] = relationship(back_populates="facilitator_assignment")
    user = relationship("User", foreign_keys=[user_id], lazy="joined")
