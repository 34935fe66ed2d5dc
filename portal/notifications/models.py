"""Notifications: each is a line in the person's inbox in the portal and, unless
they chose the portal only, a mail. The mail side is an outbox: written in the
same transaction as the change that causes it and delivered after it commits,
so a failing mail server never loses (or blocks) a declaration; undelivered
mail is retried."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, UTCDateTime, utcnow


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_unread", "user_id", postgresql_where=text("read_at IS NULL"),
              sqlite_where=text("read_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(300))
    # Delivered in the person's daily digest instead of at once.
    digest: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # False when the person reads notifications in the portal only: nothing to mail.
    by_mail: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(300))

    user = relationship("User", lazy="joined")
