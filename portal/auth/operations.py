"""Accounts and password sign-in."""
from __future__ import annotations

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from portal.audit.operations import record
from portal.auth.forms import PASSWORD_MIN
from portal.auth.models import EMAIL_MAX, PERSON_NAME_MAX, User
from portal.db import db
from portal.errors import Conflict, InvalidInput

# Checked when no account matches, so a wrong e-mail costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    user = find_user_by_email(email)
    if user is None or user.password_hash is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.is_active:
        return None
    return user


def create_user(actor, email: str, name: str, password: str | None = None, *,
                is_site_admin: bool = False) -> User:
    email = normalise_email(email)
    name = (name or "").strip()
    if not email or "@" not in email or len(email) > EMAIL_MAX:
        raise InvalidInput("That is not an e-mail address.", field="email")
    if not name or len(name) > PERSON_NAME_MAX:
        raise InvalidInput(f"A name of 1 to {PERSON_NAME_MAX} characters is needed.", field="name")
    if find_user_by_email(email) is not None:
        raise Conflict(f"An account for {email} already exists.", field="email")
    user = User(email=email, name=name, is_site_admin=is_site_admin)
    if password is not None:
        set_password(user, password)
    db.session.add(user)
    db.session.flush()
    record(actor or user, "user.created", user, f"Account created for {email}"
           + (" (site administrator)" if is_site_admin else ""), after={"email": email, "site_admin": is_site_admin})
    return user


def set_password(user: User, password: str) -> None:
    if len(password or "") < PASSWORD_MIN:
        raise InvalidInput(f"Use a password of at least {PASSWORD_MIN} characters.", field="password")
    user.password_hash = generate_password_hash(password)


def count_site_admins() -> int:
    return db.session.scalar(select(func.count()).select_from(User).where(User.is_site_admin.is_(True))) or 0
