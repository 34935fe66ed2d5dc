"""Identity providers that nationals bring, the e-mail domains they serve,
claim mapping rules, and access requests from people who signed in without a
role. The provider only proves who someone is; roles stay in the portal."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (CheckConstraint, ForeignKey, ForeignKeyConstraint, Index, Integer, String, Text,
                        UniqueConstraint, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.access.roles import Role
from portal.db import Base, UTCDateTime, utcnow

ROLE_VALUES = ", ".join(f"'{role.value}'" for role in Role)


class IdentityProvider(Base):
    __tablename__ = "identity_providers"
    __table_args__ = (
        CheckConstraint("national_kind = 'national'", name="national_kind_fixed"),
        # Only a national brings a provider: proven by the database, not just the code.
        ForeignKeyConstraint(["national_id", "national_kind"], ["organizations.id", "organizations.kind"],
                             name="fk_identity_providers_national_is_national"),
        UniqueConstraint("national_id", "issuer", "client_id", name="uq_identity_providers_client"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    national_id: Mapped[int] = mapped_column(Integer, index=True)
    national_kind: Mapped[str] = mapped_column(String(10), default="national", server_default="national")
    name: Mapped[str] = mapped_column(String(120))
    issuer: Mapped[str] = mapped_column(String(255))
    client_id: Mapped[str] = mapped_column(String(255))
    # Fernet token of the client secret; never shown again after registration.
    client_secret_encrypted: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    national = relationship("Organization", foreign_keys=[national_id],
                            primaryjoin="IdentityProvider.national_id == Organization.id", lazy="joined")
    domains: Mapped[list[ProviderDomain]] = relationship(back_populates="provider", lazy="selectin",
                                                         cascade="all, delete-orphan", order_by="ProviderDomain.domain")
    rules: Mapped[list[MappingRule]] = relationship(back_populates="provider", lazy="selectin",
                                                    cascade="all, delete-orphan", order_by="MappingRule.id")

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None


class ProviderDomain(Base):
    """An e-mail domain a provider serves. Several nationals' providers may
    serve the same domain (affiliates often share one); the person then picks."""

    __tablename__ = "identity_provider_domains"
    __table_args__ = (
        UniqueConstraint("provider_id", "domain", name="uq_identity_provider_domains_domain"),
        CheckConstraint("domain = lower(domain)", name="domain_lowercase"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("identity_providers.id", ondelete="CASCADE"), index=True)
    domain: Mapped[str] = mapped_column(String(253), index=True)

    provider: Mapped[IdentityProvider] = relationship(back_populates="domains")


class MappingRule(Base):
    """`claim` contains (or equals) `value` -> `role` at `organization`, which
    must be in the provider's national tree (checked when the rule is saved
    and again at every sign-in)."""

    __tablename__ = "identity_provider_rules"
    __table_args__ = (
        CheckConstraint(f"role IN ({ROLE_VALUES})", name="role_known"),
        UniqueConstraint("provider_id", "claim", "value", "organization_id", name="uq_identity_provider_rules_rule"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("identity_providers.id", ondelete="CASCADE"), index=True)
    claim: Mapped[str] = mapped_column(String(80))
    value: Mapped[str] = mapped_column(String(200))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10))

    provider: Mapped[IdentityProvider] = relationship(back_populates="rules")
    organization = relationship("Organization", lazy="joined")


class AccessRequest(Base):
    __tablename__ = "access_requests"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'approved', 'declined')", name="status_known"),
        CheckConstraint("(status = 'pending') = (decided_at IS NULL)", name="decided_has_time"),
        CheckConstraint("status <> 'approved' OR granted_role IS NOT NULL", name="approved_names_role"),
        CheckConstraint(f"granted_role IS NULL OR granted_role IN ({ROLE_VALUES})", name="granted_role_known"),
        Index("uq_access_requests_one_pending", "user_id", "organization_id", unique=True,
              postgresql_where=text("status = 'pending'"), sqlite_where=text("status = 'pending'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    message: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(10), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    granted_role: Mapped[str | None] = mapped_column(String(10))

    user = relationship("User", foreign_keys=[user_id], lazy="joined")
    organization = relationship("Organization", lazy="joined")
    decided_by = relationship("User", foreign_keys=[decided_by_id])
