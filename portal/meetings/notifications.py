"""Who hears about meetings. Each mail names only what its recipient may see:
a meeting's title, time and place (every partner sees those), that notes were
published (the text stays in the portal), and an action item only to the
organization that owns it. Mail goes out at once or in the daily digest, as
each person chose (portal.notifications)."""
from __future__ import annotations

from sqlalchemy import select

from portal.access.roles import Role
from portal.auth.models import User
from portal.db import db
from portal.members.models import Membership
from portal.notifications.operations import _enqueue
from portal.web import public_url

# People who speak for a partner at the table: the national's own staff and leaders.
# (Everyone in every partner's tree would be hundreds of mails per meeting; they
# all see the meeting in the portal.)
PARTNER_AUDIENCE_ROLES = (Role.ADMIN.value, Role.APPROVER.value, Role.LEADER.value)
# The people who may mark an item done for the organization itself.
OWNER_AUDIENCE_ROLES = (Role.ADMIN.value, Role.APPROVER.value, Role.LEADER.value)


def _holders(organization_ids, roles) -> list[User]:
    if not organization_ids:
        return []
    return list(db.session.scalars(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.organization_id.in_(organization_ids), Membership.role.in_(roles))
        .distinct().order_by(User.id)))


def partner_audience(table) -> list[User]:
    return _holders(sorted(table.partner_ids), PARTNER_AUDIENCE_ROLES)


def owner_audience(item) -> list[User]:
    return _holders([item.owner_id], OWNER_AUDIENCE_ROLES)


def _when(meeting) -> str:
    return f"{meeting.starts_at:%a %b %d, %Y %H:%M}–{meeting.ends_at:%H:%M} UTC"


def _link(meeting) -> str:
    return public_url("meetings.show", meeting_id=meeting.id)


def notify_scheduled(meeting) -> None:
    where = f"\nWhere: {meeting.place}" if meeting.place else ""
    for user in partner_audience(meeting.table):
        _enqueue(user, f"Meeting scheduled: {meeting.title} ({meeting.starts_at:%b %d})",
                 f"The facilitator of {meeting.table.name} scheduled “{meeting.title}”.\n"
                 f"When: {_when(meeting)}{where}", _link(meeting))


def notify_moved(meeting) -> None:
    where = f"\nWhere: {meeting.place}" if meeting.place else ""
    for user in partner_audience(meeting.table):
        _enqueue(user, f"Meeting changed: {meeting.title} ({meeting.starts_at:%b %d})",
                 f"The time or place of “{meeting.title}” at {meeting.table.name} changed.\n"
                 f"When: {_when(meeting)}{where}", _link(meeting))


def notify_cancelled(meeting) -> None:
    for user in partner_audience(meeting.table):
        _enqueue(user, f"Meeting cancelled: {meeting.title} ({meeting.starts_at:%b %d})",
                 f"“{meeting.title}” at {meeting.table.name}, planned for {_when(meeting)}, is cancelled.",
                 _link(meeting))


def notify_notes_published(meeting) -> None:
    for user in partner_audience(meeting.table):
        _enqueue(user, f"Notes published: {meeting.title} ({meeting.starts_at:%b %d})",
                 f"The facilitator published the notes of “{meeting.title}” at {meeting.table.name} "
                 f"({meeting.starts_at:%b %d, %Y}): attendance, notes and action items.", _link(meeting))


def notify_item_assigned(item) -> None:
    meeting = item.meeting
    for user in owner_audience(item):
        _enqueue(user, f"Action item for {item.owner.name}, due {item.due_on:%b %d}",
                 f"At “{meeting.title}” ({meeting.table.name}, {meeting.starts_at:%b %d, %Y}) "
                 f"{item.owner.name} took on:\n\n{item.text}\n\nDue {item.due_on:%a %b %d, %Y}. Mark it done "
                 f"in the portal when it is.", _link(meeting))
