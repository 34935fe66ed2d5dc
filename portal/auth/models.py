"""People, their server-side sign-in sessions, and external identities.

A person is never identified by e-mail alone: external sign-in (next issue)
links an Identity keyed by (provider, issuer, subject)."""
from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, UTCDateTime, utcnow

EMAIL_MAX = 254
PERSON_NAME_MAX = 120


class User(UserMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("email = lower(email)", name="email_lowercase"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint("notification_mode IN ('immediate', 'digest', 'portal')", name="notification_mode_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # NULL for someone who signed in through a provider that did not verify an
    # address: an unverified e-mail never becomes an account's address.
    email: Mapped[str | None] = mapped_column(String(EMAIL_MAX), unique=True)
    name: Mapped[str] = mapped_column(String(PERSON_NAME_MAX))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_site_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # "immediate": a mail for each notification; "digest": one mail a day; "portal": no
    # mail, the portal's inbox only.
    notification_mode: Mapped[str] = mapped_column(String(10), default="immediate", server_default="immediate")

    # Loaded on access, not with every User: users come along with sessions, revisions and
    # table assignments on most pages, and permission checks read memberships through
    # portal.access.policy's own per-request cache anyway.
    memberships = relationship("Membership", back_populates="user", foreign_keys="Membership.user_id",
                               viewonly=True)

    @property
    def handle(self) -> str:
        """How records name the person: the e-mail, or the name where the
        provider gave no verified address."""
        return self.email or self.name

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.disabled_at is None

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class UserSession(Base):
    """A signed-in browser. The cookie carries a random token; only its hash is
    stored, so a database leak does not hand out sessions. Revoking the row ends
    the session even for someone holding a copy of the cookie."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    user_agent: Mapped[str | None] = mapped_column(String(255))

    user: Mapped[User] = relationship()


class Identity(Base):
    """An account at an external identity provider, linked to a person. Keyed
    by (provider configuration, issuer, subject): never by e-mail."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("provider_id", "issuer", "subject", name="uq_identities_provider_subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("identity_providers.id", ondelete="CASCADE"), index=True)
    issuer: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(EMAIL_MAX))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()
    provider = relationship("IdentityProvider", lazy="joined")

    user: Mapped[User] = relationship()
