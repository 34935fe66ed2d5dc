"""Who holds which role at which organization, and invitations to a role."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.access.roles import Role
from portal.auth.models import EMAIL_MAX
from portal.db import Base, UTCDateTime, utcnow

ROLE_VALUES = ", ".join(f"'{role.value}'" for role in Role)


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "organization_id", name="uq_memberships_user_org"),
        CheckConstraint(f"role IN ({ROLE_VALUES})", name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    # How the role was granted: by hand, by redeeming an invitation, or (SSO) by a mapping rule.
    source: Mapped[str] = mapped_column(String(20), default="manual")
    # For source "sso": the provider whose mapping rules granted it, so a sign-in
    # through that provider re-syncs it while hand-granted roles are left alone.
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("identity_providers.id", ondelete="CASCADE"))
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    user = relationship("User", foreign_keys=[user_id], back_populates="memberships")
    organization = relationship("Organization", lazy="joined")
    granted_by = relationship("User", foreign_keys=[granted_by_id])

    __mapper_args__ = {"version_id_col": version}


class Invitation(Base):
    __tablename__ = "invitations"
    __table_args__ = (
        CheckConstraint(f"role IN ({ROLE_VALUES})", name="role_known"),
        CheckConstraint("email = lower(email)", name="email_lowercase"),
        CheckConstraint("accepted_at IS NULL OR revoked_at IS NULL", name="accepted_or_revoked"),
        CheckConstraint("(accepted_at IS NULL) = (accepted_by_id IS NULL)", name="accepted_names_person"),
        CheckConstraint("expires_at > created_at", name="expires_after_creation"),
        # At most one open invitation per person and organization: re-inviting revokes the old one.
        Index("uq_invitations_open_per_email", "organization_id", "email", unique=True,
              postgresql_where=text("accepted_at IS NULL AND revoked_at IS NULL"),
              sqlite_where=text("accepted_at IS NULL AND revoked_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="RESTRICT"), index=True)
    email: Mapped[str] = mapped_column(String(EMAIL_MAX))
    role: Mapped[str] = mapped_column(String(10))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organization = relationship("Organization", lazy="joined")
    invited_by = relationship("User", foreign_keys=[invited_by_id])

    def is_open(self, now: datetime) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now
