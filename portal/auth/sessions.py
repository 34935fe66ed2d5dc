"""Server-side sign-in sessions. The browser cookie carries a random token;
the user_sessions row decides whether it is still good, so signing out,
"sign out everywhere" and disabling a person take effect at once, even for
someone replaying a copied cookie."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import Flask, current_app, request, session
from flask_login import LoginManager, login_user, logout_user
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from portal.auth.models import User, UserSession
from portal.db import db, utcnow

login_manager = LoginManager()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User) -> UserSession:
    """Sign `user` in on this browser. The old session cookie content is
    dropped first, so the session identifier always rotates at sign-in."""
    session.clear()
    token = secrets.token_urlsafe(32)
    row = UserSession(token_hash=_hash(token), user_id=user.id,
                      user_agent=(request.user_agent.string or "")[:255] or None)
    db.session.add(row)
    user.last_sign_in_at = utcnow()
    session["sid"] = token
    login_user(user, remember=False)
    return row


def current_session_row() -> UserSession | None:
    token = session.get("sid")
    if not token:
        return None
    # The user comes in the same query: every signed-in request needs both.
    return db.session.scalar(select(UserSession).options(joinedload(UserSession.user))
                             .where(UserSession.token_hash == _hash(token)))


def end_session() -> None:
    row = current_session_row()
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
    logout_user()
    session.clear()


def revoke_all_sessions(user: User) -> int:
    result = db.session.execute(
        update(UserSession).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
        .values(revoked_at=utcnow()))
    return result.rowcount or 0


def active_sessions(user: User) -> list[UserSession]:
    oldest = utcnow() - _lifetime()
    return list(db.session.scalars(
        select(UserSession).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None),
                                  UserSession.created_at > oldest).order_by(UserSession.created_at.desc())))


def _lifetime() -> timedelta:
    return timedelta(hours=current_app.config["SESSION_IDLE_HOURS"])


def _load_user(user_id: str) -> User | None:
    row = current_session_row()
    if row is None or row.revoked_at is not None or str(row.user_id) != user_id:
        return None
    if row.created_at <= utcnow() - _lifetime():
        return None
    user = db.session.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    return user


def install_login_manager(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.session_protection = None  # our own server-side sessions do this job
    login_manager.user_loader(_load_user)
