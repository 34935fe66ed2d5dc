"""Organizations form one tree per national: national -> state -> local, and a
local may also hang directly under its national."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, ForeignKeyConstraint, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, UTCDateTime, utcnow
from portal.orgs.states import STATES, sql_state_code_list


class OrgKind(str, enum.Enum):
    NATIONAL = "national"
    STATE = "state"
    LOCAL = "local"


class LegalStatus(str, enum.Enum):
    C3 = "501c3"
    C4 = "501c4"
    PAC = "pac"
    PARTY = "party"
    UNION = "union"
    OTHER = "other"

    @property
    def label(self) -> str:
        return LEGAL_STATUS_LABELS[self]


LEGAL_STATUS_LABELS = {
    LegalStatus.C3: "501(c)(3)",
    LegalStatus.C4: "501(c)(4)",
    LegalStatus.PAC: "PAC / super PAC",
    LegalStatus.PARTY: "Party",
    LegalStatus.UNION: "Union",
    LegalStatus.OTHER: "Other",
}

NAME_MAX = 200
CITY_MAX = 100
SLUG_MAX = 60


def _sql_values(enum_cls: type[enum.Enum]) -> str:
    return ", ".join(f"'{member.value}'" for member in enum_cls)


class Organization(Base):
    __tablename__ = "organizations"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_sql_values(OrgKind)})", name="kind_known"),
        CheckConstraint(f"legal_status IN ({_sql_values(LegalStatus)})", name="legal_status_known"),
        # A national is a root; every affiliate has a parent and knows its national.
        CheckConstraint(
            "(kind = 'national' AND parent_id IS NULL AND national_id IS NULL)"
            " OR (kind <> 'national' AND parent_id IS NOT NULL AND national_id IS NOT NULL)",
            name="root_is_national",
        ),
        CheckConstraint("kind <> 'state' OR state_code IS NOT NULL", name="state_has_code"),
        CheckConstraint("kind <> 'local' OR (city IS NOT NULL AND state_code IS NOT NULL)", name="local_has_city"),
        CheckConstraint(f"state_code IS NULL OR state_code IN ({sql_state_code_list()})", name="state_code_known"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint("national_kind = 'national'", name="national_kind_fixed"),
        # Lets the composite foreign key below prove that national_id points at a national.
        UniqueConstraint("id", "kind", name="uq_organizations_id_kind"),
        ForeignKeyConstraint(
            ["national_id", "national_kind"], ["organizations.id", "organizations.kind"],
            name="fk_organizations_national_is_national",
        ),
        UniqueConstraint("parent_id", "name", name="uq_organizations_sibling_name"),
        Index("uq_organizations_national_name", "name", unique=True,
              postgresql_where=text("parent_id IS NULL"), sqlite_where=text("parent_id IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    slug: Mapped[str] = mapped_column(String(SLUG_MAX), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id", ondelete="RESTRICT"), index=True)
    national_id: Mapped[int | None] = mapped_column(Integer, index=True)
    national_kind: Mapped[str] = mapped_column(String(10), default="national", server_default="national")
    state_code: Mapped[str | None] = mapped_column(String(2))
    city: Mapped[str | None] = mapped_column(String(CITY_MAX))
    legal_status: Mapped[str] = mapped_column(String(10))
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    parent: Mapped[Organization | None] = relationship(remote_side=[id], foreign_keys=[parent_id])
    children: Mapped[list[Organization]] = relationship(
        foreign_keys=[parent_id], back_populates="parent", order_by="Organization.name", viewonly=True
    )
    national: Mapped[Organization | None] = relationship(
        remote_side=[id], foreign_keys=[national_id], primaryjoin="Organization.national_id == remote(Organization.id)",
        viewonly=True,
    )
    updated_by = relationship("User", foreign_keys=[updated_by_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def root_id(self) -> int:
        return self.national_id if self.national_id is not None else self.id

    @property
    def ancestor_ids(self) -> tuple[int, ...]:
        """Strict ancestors, nearest first. The tree is at most three deep, so the
        parent and the national are all there is."""
        ids: list[int] = []
        if self.parent_id is not None:
            ids.append(self.parent_id)
        if self.national_id is not None and self.national_id not in ids:
            ids.append(self.national_id)
        return tuple(ids)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def kind_label(self) -> str:
        return {"national": "National", "state": "State affiliate", "local": "Local affiliate"}[self.kind]

    @property
    def legal_status_label(self) -> str:
        return LegalStatus(self.legal_status).label

    @property
    def place(self) -> str:
        if self.kind == OrgKind.LOCAL:
            return f"{self.city}, {self.state_code}"
        if self.state_code:
            return STATES.get(self.state_code, self.state_code)
        return "National"

    def __repr__(self) -> str:
        return f"<Organization {self.slug} ({self.kind})>"
