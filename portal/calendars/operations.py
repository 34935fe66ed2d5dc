"""Creating, rotating and revoking calendar feeds, and finding the feed a
public URL names. The token is the credential: it is shown once, only its
sha256 is kept, and every fetch re-checks that the feed's owner may still read
what the feed covers. Operations flush and audit; the request commits."""
from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

from sqlalchemy import select

from portal.access.calendars import may_read_scope
from portal.audit.operations import record
from portal.calendars.models import CalendarFeed
from portal.db import db, utcnow
from portal.errors import Conflict
from portal.tables.models import CoalitionTable

TOKEN_BYTES = 32
# What secrets.token_urlsafe produces; anything else names no feed and costs no query.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,100}")
# Calendar apps poll every few minutes; remembering each poll would be a write per poll.
FETCH_NOTED_EVERY = timedelta(minutes=15)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _scope_columns(scope) -> dict:
    if isinstance(scope, CoalitionTable):
        return {"table_id": scope.id, "working_group_id": None}
    return {"table_id": None, "working_group_id": scope.id}


def active_feed(user, scope) -> CalendarFeed | None:
    columns = _scope_columns(scope)
    query = select(CalendarFeed).where(CalendarFeed.user_id == user.id, CalendarFeed.revoked_at.is_(None))
    for name, value in columns.items():
        if value is not None:
            query = query.where(getattr(CalendarFeed, name) == value)
    return db.session.scalar(query)


def subscribe(actor, scope) -> tuple[CalendarFeed, str]:
    """A new secret URL for `actor` and `scope`, revoking the one they had (rotation).
    Returns the feed and the token, which the caller shows once and forgets."""
    previous = active_feed(actor, scope)
    now = utcnow()
    if previous is not None:
        previous.revoked_at = now
        db.session.flush()  # the partial unique index allows one active feed per person and scope
    token = secrets.token_urlsafe(TOKEN_BYTES)
    feed = CalendarFeed(user_id=actor.id, user=actor, token_hash=hash_token(token), created_at=now,
                        **_scope_columns(scope))
    db.session.add(feed)
    db.session.flush()
    if previous is None:
        record(actor, "calendar_feed.created", feed, f"{actor.handle} created a calendar URL ({feed.scope_label})",
               after={"feed_id": feed.id})
    else:
        record(actor, "calendar_feed.rotated", feed, f"{actor.handle} replaced their calendar URL "
               f"({feed.scope_label}); the old one no longer works", before={"feed_id": previous.id},
               after={"feed_id": feed.id})
    return feed, token


def revoke(actor, feed: CalendarFeed) -> CalendarFeed:
    if not feed.is_active:
        raise Conflict(f"This calendar URL was already revoked on {feed.revoked_at:%b %d, %Y %H:%M UTC}.")
    feed.revoked_at = utcnow()
    db.session.flush()
    record(actor, "calendar_feed.revoked", feed, f"{actor.handle} revoked a calendar URL ({feed.scope_label})",
           before={"feed_id": feed.id, "revoked": False}, after={"feed_id": feed.id, "revoked": True})
    return feed


def still_permitted(feed: CalendarFeed) -> bool:
    """The owner is active and may still read the feed's table or working group."""
    owner = feed.user
    return owner is not None and owner.is_active and may_read_scope(owner, feed.scope)


def feed_for_token(token: str) -> CalendarFeed | None:
    """The working feed this token names, or None: unknown, revoked, or its
    owner may no longer read what it covers (all answer the same 404)."""
    if not isinstance(token, str) or not TOKEN_SHAPE.fullmatch(token):
        return None
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == hash_token(token)))
    if feed is None or not feed.is_active or not still_permitted(feed):
        return None
    return feed


def note_fetch(feed: CalendarFeed) -> None:
    """When the calendar was last read, so the owner can tell a URL in use from a forgotten one."""
    now = utcnow()
    if feed.last_fetched_at is None or now - feed.last_fetched_at >= FETCH_NOTED_EVERY:
        feed.last_fetched_at = now
