"""Who hears about a working group, in the portal's outbox and by e-mail (at once
or in the daily digest, as each person chose). Every message names only what
its recipient may see: an invitation names the candidate and race, never the
other partners; activity news goes to the group's own members."""
from __future__ import annotations

from sqlalchemy import select

from portal.access.roles import Role
from portal.auth.models import User
from portal.db import db
from portal.members.models import Membership
from portal.notifications.operations import _enqueue
from portal.web import public_url
from portal.workgroups.models import JointActivity, WorkingGroup, WorkingGroupPartner

STAFF = (Role.ADMIN.value, Role.APPROVER.value)
WRITERS = (Role.ADMIN.value, Role.APPROVER.value, Role.LEADER.value)


def _holders(organization_ids, roles) -> list[User]:
    if not organization_ids:
        return []
    return list(db.session.scalars(select(User).join(Membership, Membership.user_id == User.id).where(
        Membership.organization_id.in_(list(organization_ids)), Membership.role.in_(roles))
        .distinct().order_by(User.id)))


def notify_invited(group: WorkingGroup, partner: WorkingGroupPartner) -> None:
    """The invited partner's national staff: they decide whether it joins."""
    candidate, table = group.candidate, group.table
    for person in _holders([partner.national_id], STAFF):
        _enqueue(person, f"Working group invitation: {candidate.name} ({candidate.race.title})",
                 f"The facilitator of {table.name} convened a working group of the partners backing "
                 f"{candidate.name} in {candidate.race.title}, and invites {partner.national.name}. "
                 f"Whether to join is {partner.national.name}'s own decision; joining brings the affiliates "
                 f"you choose.", public_url("workgroups.show", group_id=group.id))


def notify_activity(actor, activity: JointActivity, change: str) -> None:
    """Leaders, approvers and admins of the member organizations, and the facilitator."""
    group = activity.group
    recipients = {u.id: u for u in _holders(group.member_organization_ids, WRITERS)}
    facilitator = group.table.facilitator_assignment
    if facilitator is not None:
        recipients.setdefault(facilitator.user_id, facilitator.user)
    when = activity.starts_at.strftime("%b %d, %Y %H:%M UTC")
    what = f"{activity.kind_label} on {when}, led by {activity.lead_organization.name}"
    status = " (cancelled)" if activity.is_cancelled else ""
    for person in recipients.values():
        if person.id == getattr(actor, "id", None):
            continue
        _enqueue(person, f"Working group {group.candidate.name}: activity {change}{status}",
                 f"{actor.name} {change} an activity in the working group for {group.candidate.name} "
                 f"({group.candidate.race.title}): {what}{status}.",
                 public_url("workgroups.show", group_id=group.id))
