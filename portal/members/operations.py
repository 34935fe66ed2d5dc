"""Memberships and invitations: who may act for which organization."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from portal.access.policy import grants_on_organization, holds_nothing, is_facilitator, roles_grantable
from portal.access.roles import CASCADING_ROLES, Role
from portal.audit.operations import record
from portal.auth.models import User
from portal.auth.operations import find_user_by_email, normalise_email
from portal.auth.sessions import revoke_all_sessions
from portal.db import db, utcnow
from portal.errors import Conflict, InvalidInput
from portal.mail import send_mail
from portal.web import public_url
from portal.members.models import Invitation, Membership
from portal.orgs.models import Organization

FACILITATOR_REFUSAL = ("{name} is a table facilitator. Facilitators stay neutral and hold no role in any "
                       "partner organization.")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_grantable(actor, org: Organization, role: Role) -> None:
    allowed = roles_grantable(actor, org)
    if role not in allowed:
        highest = allowed[0].value if allowed else "none"
        raise InvalidInput(f"You can grant roles up to {highest} at {org.name}; {role.value} is above that.",
                           field="role")


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise InvalidInput("Choose a role from the list.", field="role") from None


def invite(actor, org: Organization, email: str, role_value: str) -> tuple[Invitation, str]:
    """Create a single-use invitation and mail its link. Returns the invitation
    and the raw token (only its hash is stored)."""
    role = _role(role_value)
    email = normalise_email(email)
    if org.is_archived:
        raise InvalidInput(f"{org.name} is archived; restore it before inviting people.")
    _check_grantable(actor, org, role)
    existing = find_user_by_email(email)
    if existing is not None:
        if is_facilitator(existing):
            raise InvalidInput(FACILITATOR_REFUSAL.format(name=existing.name), field="email")
        membership = _membership(existing, org)
        if membership is not None:
            raise Conflict(f"{existing.name} is already {membership.role} at {org.name}; change the role instead.",
                           field="email")
    for old in db.session.scalars(select(Invitation).where(
            Invitation.organization_id == org.id, Invitation.email == email,
            Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))):
        old.revoked_at = utcnow()
    db.session.flush()
    token = secrets.token_urlsafe(32)
    now = utcnow()
    invitation = Invitation(organization_id=org.id, email=email, role=role.value, token_hash=token_hash(token),
                            invited_by_id=actor.id, created_at=now,
                            expires_at=now + timedelta(days=current_app.config["INVITATION_TTL_DAYS"]))
    db.session.add(invitation)
    db.session.flush()
    record(actor, "invitation.created", invitation, f"{email} invited as {role.value} of {org.name}",
           after={"email": email, "role": role.value}, organization=org)
    link = public_url("members.accept_invitation", token=token)
    send_mail(email, f"You are invited to {org.name} on the coalition table portal",
              f"{actor.name} invited you to be {role.value} of {org.name}.\n\nAccept within "
              f"{current_app.config['INVITATION_TTL_DAYS']} days: {link}\n")
    return invitation, token


def find_open_invitation(token: str) -> Invitation | None:
    invitation = db.session.scalar(select(Invitation).where(Invitation.token_hash == token_hash(token or "")))
    if invitation is None or not invitation.is_open(utcnow()):
        return None
    return invitation


def accept_invitation(invitation: Invitation, user: User) -> Membership:
    if not invitation.is_open(utcnow()):
        raise Conflict("This invitation has already been used, was revoked or has expired.")
    if is_facilitator(user):
        raise InvalidInput(FACILITATOR_REFUSAL.format(name=user.name))
    org = invitation.organization
    if org.is_archived:
        raise InvalidInput(f"{org.name} has been archived; ask its admins for a new invitation.")
    membership = _membership(user, org)
    if membership is None:
        membership = Membership(user_id=user.id, organization_id=org.id, role=invitation.role,
                                source="invitation", granted_by_id=invitation.invited_by_id)
        db.session.add(membership)
    elif Role(invitation.role).rank > Role(membership.role).rank:
        membership.role = invitation.role
    invitation.accepted_at, invitation.accepted_by_id = utcnow(), user.id
    db.session.flush()
    record(user, "invitation.accepted", invitation,
           f"{user.handle} accepted the invitation to be {invitation.role} of {org.name}",
           after={"membership_id": membership.id, "role": membership.role}, organization=org)
    return membership


def revoke_invitation(actor, invitation: Invitation) -> None:
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise Conflict("This invitation is no longer open.")
    invitation.revoked_at = utcnow()
    record(actor, "invitation.revoked", invitation, f"Invitation of {invitation.email} revoked",
           organization=invitation.organization)


def _membership(user: User, org: Organization) -> Membership | None:
    return db.session.scalar(select(Membership).where(Membership.user_id == user.id,
                                                      Membership.organization_id == org.id))


def _refuse_outranking(actor, membership: Membership) -> None:
    if Role(membership.role) not in roles_grantable(actor, membership.organization):
        raise InvalidInput(f"{membership.user.name} holds a role above yours here; you cannot change it.")


def _refuse_last_national_admin(actor, membership: Membership) -> None:
    org = membership.organization
    if org.kind != "national" or membership.role != Role.ADMIN.value or actor.is_site_admin:
        return
    admins = db.session.scalar(select(func.count()).select_from(Membership).where(
        Membership.organization_id == org.id, Membership.role == Role.ADMIN.value))
    if admins <= 1:
        raise InvalidInput(f"{org.name} needs at least one admin; make someone else admin first.")


def change_role(actor, membership: Membership, role_value: str, expected_version: int | None) -> Membership:
    if expected_version is not None and expected_version != membership.version:
        raise Conflict("This membership was changed by someone else — reload the page.")
    role = _role(role_value)
    _refuse_outranking(actor, membership)
    _check_grantable(actor, membership.organization, role)
    if role.value == membership.role:
        raise InvalidInput(f"{membership.user.name} already is {role.value}.", field="role")
    if role != Role.ADMIN:
        _refuse_last_national_admin(actor, membership)
    before = membership.role
    membership.role = role.value
    db.session.flush()
    record(actor, "membership.role_changed", membership,
           f"{membership.user.handle}: {before} → {role.value} at {membership.organization.name}",
           before={"role": before}, after={"role": role.value}, organization=membership.organization)
    return membership


def remove_membership(actor, membership: Membership) -> None:
    _refuse_outranking(actor, membership)
    _refuse_last_national_admin(actor, membership)
    user, org = membership.user, membership.organization
    record(actor, "membership.removed", membership, f"{user.handle} removed from {org.name}",
           before={"role": membership.role, "user_id": user.id}, organization=org)
    db.session.delete(membership)
    db.session.flush()
    if holds_nothing(user):
        # Someone who no longer belongs anywhere should not keep a working session.
        revoke_all_sessions(user)


def people_with_access(org: Organization) -> list[tuple[Membership, str]]:
    """Everyone who holds a role at `org`, directly or inherited, with why."""
    ancestors = org.ancestor_ids
    rows = db.session.scalars(select(Membership).join(Membership.user).where(
        (Membership.organization_id == org.id)
        | (Membership.organization_id.in_(ancestors) & Membership.role.in_([r.value for r in CASCADING_ROLES])))
        .order_by(User.name)).all()
    result = []
    for membership in rows:
        inherited = membership.organization_id != org.id
        where = membership.organization
        why = f"{membership.role} of {where.name} ({where.kind_label.lower()})"
        result.append((membership, why + (", inherited" if inherited else ", direct")))
    return result


def grants_text(user, org: Organization) -> list[str]:
    return [g.describe() for g in grants_on_organization(user, org)]
