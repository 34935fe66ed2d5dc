"""Someone who signed in through a national's provider but holds no role asks
the admins of an organization in that national's tree for access."""
from __future__ import annotations

from sqlalchemy import select

from portal.access.policy import roles_grantable
from portal.access.scoping import requestable_organizations
from portal.access.roles import Role
from portal.audit.operations import record
from portal.auth.models import User
from portal.db import db, utcnow
from portal.errors import Conflict, InvalidInput
from portal.mail import send_mail
from portal.members.models import Membership
from portal.orgs.models import Organization
from portal.sso.models import AccessRequest
from portal.web import public_url


def admins_of(org: Organization) -> list[User]:
    ids = {org.id, *org.ancestor_ids}
    return list(db.session.scalars(select(User).join(Membership, Membership.user_id == User.id).where(
        Membership.organization_id.in_(ids), Membership.role == Role.ADMIN.value).distinct()))


def request_access(user: User, org: Organization, message: str | None) -> AccessRequest:
    if org not in requestable_organizations(user):
        raise InvalidInput("You can ask for access only within the organization you signed in through.",
                           field="organization_id")
    message = (message or "").strip() or None
    if message and len(message) > 500:
        raise InvalidInput("Keep the message under 500 characters.", field="message")
    pending = db.session.scalar(select(AccessRequest).where(
        AccessRequest.user_id == user.id, AccessRequest.organization_id == org.id, AccessRequest.status == "pending"))
    if pending is not None:
        raise Conflict(f"You already asked {org.name}; its admins have been told.")
    access_request = AccessRequest(user_id=user.id, organization_id=org.id, message=message)
    db.session.add(access_request)
    db.session.flush()
    record(user, "access.requested", access_request, f"{user.name} asked for access to {org.name}",
           after={"message": message}, organization=org)
    link = public_url("sso_admin.access_requests", org_id=org.id)
    for admin in admins_of(org):
        if admin.email:
            send_mail(admin.email, f"{user.name} asks for access to {org.name}",
                      f"{user.name} ({user.email or 'no verified e-mail'}) signed in and asks for access to "
                      f"{org.name}.\n\n{message or ''}\n\nApprove or decline: {link}\n")
    return access_request


def decide(actor: User, access_request: AccessRequest, *, approve: bool, role: str | None) -> None:
    if access_request.status != "pending":
        who = access_request.decided_by.name if access_request.decided_by else "someone"
        raise Conflict(f"{who} already {access_request.status} this request.")
    org = access_request.organization
    if approve:
        try:
            granted = Role(role or "")
        except ValueError:
            raise InvalidInput("Choose the role to grant.", field="role") from None
        if granted not in roles_grantable(actor, org):
            raise InvalidInput(f"You cannot grant {granted.value} at {org.name}.", field="role")
        existing = db.session.scalar(select(Membership).where(Membership.user_id == access_request.user_id,
                                                              Membership.organization_id == org.id))
        if existing is None:
            db.session.add(Membership(user_id=access_request.user_id, organization_id=org.id, role=granted.value,
                                      source="manual", granted_by_id=actor.id))
        access_request.granted_role = granted.value
    access_request.status = "approved" if approve else "declined"
    access_request.decided_at, access_request.decided_by_id = utcnow(), actor.id
    db.session.flush()
    record(actor, f"access.{access_request.status}", access_request,
           f"Access of {access_request.user.name} to {org.name} {access_request.status}"
           + (f" as {access_request.granted_role}" if approve else ""),
           after={"status": access_request.status, "role": access_request.granted_role}, organization=org)
    requester = access_request.user
    if requester.email:
        send_mail(requester.email, f"Your access request to {org.name} was {access_request.status}",
                  f"{actor.name} {access_request.status} your request for access to {org.name}.\n")


def pending_requests_of(user: User) -> list[AccessRequest]:
    return list(db.session.scalars(select(AccessRequest).where(
        AccessRequest.user_id == user.id, AccessRequest.status == "pending").order_by(AccessRequest.created_at)))


def pending_requests_under(org: Organization) -> list[AccessRequest]:
    """Pending requests for `org` and every organization below it."""
    return list(db.session.scalars(select(AccessRequest).join(AccessRequest.organization).where(
        AccessRequest.status == "pending",
        (Organization.id == org.id) | (Organization.parent_id == org.id) | (Organization.national_id == org.id))
        .order_by(AccessRequest.created_at)))
