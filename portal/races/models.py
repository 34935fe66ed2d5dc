"""Races at a table and the candidates in them. Candidates are never users:
they have no account, no e-mail and nothing is ever sent to them."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, UTCDateTime, utcnow
from portal.orgs.states import STATES, sql_state_code_list


class Office(str, enum.Enum):
    US_HOUSE = "us_house"
    STATE_SENATE = "state_senate"
    STATE_HOUSE = "state_house"
    STATE_ASSEMBLY = "state_assembly"
    MAYOR = "mayor"
    CITY_COUNCIL = "city_council"
    OTHER_MUNICIPAL = "other_municipal"

    @property
    def label(self) -> str:
        return OFFICE_LABELS[self]


OFFICE_LABELS = {
    Office.US_HOUSE: "U.S. House", Office.STATE_SENATE: "State Senate", Office.STATE_HOUSE: "State House",
    Office.STATE_ASSEMBLY: "State Assembly", Office.MAYOR: "Mayor", Office.CITY_COUNCIL: "City Council",
    Office.OTHER_MUNICIPAL: "Other municipal office",
}

# Which offices belong at which level of table.
OFFICES_BY_LEVEL = {
    "federal": (Office.US_HOUSE,),
    "state_legislative": (Office.STATE_SENATE, Office.STATE_HOUSE, Office.STATE_ASSEMBLY),
    "municipal": (Office.MAYOR, Office.CITY_COUNCIL, Office.OTHER_MUNICIPAL),
}


class Stage(str, enum.Enum):
    PRIMARY = "primary"
    RUNOFF = "runoff"
    GENERAL = "general"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def _values(enum_cls) -> str:
    return ", ".join(f"'{m.value}'" for m in enum_cls)


class Race(Base):
    __tablename__ = "races"
    __table_args__ = (
        CheckConstraint(f"office IN ({_values(Office)})", name="office_known"),
        CheckConstraint(f"stage IN ({_values(Stage)})", name="stage_known"),
        CheckConstraint(f"state_code IN ({sql_state_code_list()})", name="state_code_known"),
        CheckConstraint("length(trim(district)) > 0", name="district_not_blank"),
        # One contest per table: "Citywide" mayoral races differ only by city, which is NULL
        # above the municipal level, hence the coalesce.
        Index("uq_races_contest", "table_id", "office", "state_code", "district", text("coalesce(city, '')"), "stage",
              unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("coalition_tables.id", ondelete="CASCADE"), index=True)
    office: Mapped[str] = mapped_column(String(20))
    state_code: Mapped[str] = mapped_column(String(2))
    district: Mapped[str] = mapped_column(String(60))
    city: Mapped[str | None] = mapped_column(String(100))
    stage: Mapped[str] = mapped_column(String(10))
    election_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    table = relationship("CoalitionTable")
    candidates: Mapped[list[Candidate]] = relationship(back_populates="race", order_by="Candidate.name",
                                                       lazy="selectin")

    __mapper_args__ = {"version_id_col": version}

    @property
    def office_label(self) -> str:
        return Office(self.office).label

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label

    @property
    def state_name(self) -> str:
        return STATES[self.state_code]

    @property
    def title(self) -> str:
        return f"{self.office_label} {self.district} ({self.stage_label.lower()})"


class Candidate(Base):
    __tablename__ = "candidates"
    __table_args__ = (
        UniqueConstraint("race_id", "name", name="uq_candidates_race_name"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        # A race has at most one incumbent.
        Index("uq_candidates_one_incumbent", "race_id", unique=True,
              postgresql_where=text("is_incumbent"), sqlite_where=text("is_incumbent")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    race_id: Mapped[int] = mapped_column(ForeignKey("races.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    party: Mapped[str] = mapped_column(String(60))
    is_incumbent: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    race: Mapped[Race] = relationship(back_populates="candidates")

    @property
    def incumbency_label(self) -> str:
        return "Incumbent" if self.is_incumbent else "Challenger"
