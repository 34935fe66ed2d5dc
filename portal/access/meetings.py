"""Rules for the meetings actions, merged into the action table by portal.access.policy.

- The table's facilitator schedules meetings, edits and shares agendas, and
  keeps the record (attendance, notes, action items); nobody else does, the
  site admin included (the facilitator keeps agendas and notes, DOMAIN.md).
- People in a partner national's tree see the table's meetings, a shared
  agenda, and the record once the notes are published; never a draft.
- Action items are invisible until the notes are published (then to every
  partner); the owner organization's leaders and staff, and the staff above
  it, mark theirs done. The facilitator never does it for them."""
from __future__ import annotations

from portal.access.policy import Grant, Rule, _facilitated_table_ids, grants_on_organization, partner_grants
from portal.access.roles import Role
from portal.meetings.models import ActionItem, Meeting
from portal.tables.models import CoalitionTable


def _facilitator_of(user, table: CoalitionTable) -> Grant | None:
    return Grant("facilitator") if table.id in _facilitated_table_ids(user) else None


def _participant(user, table: CoalitionTable) -> Grant | None:
    """The facilitator and anyone in a partner national's tree."""
    grant = _facilitator_of(user, table)
    if grant is not None:
        return grant
    grants = partner_grants(user, table)
    return grants[0] if grants else None


def _sees_meeting(user, meeting: Meeting) -> Grant | None:
    return _participant(user, meeting.table)


def _keeps_meeting(user, meeting: Meeting) -> Grant | None:
    return _facilitator_of(user, meeting.table)


def _sees_action_item(user, item: ActionItem) -> Grant | None:
    meeting = item.meeting
    grant = _facilitator_of(user, meeting.table)
    if grant is not None:
        return grant
    if not meeting.notes_published:
        return None
    grants = partner_grants(user, meeting.table)
    return grants[0] if grants else None


def _completes_action_item(user, item: ActionItem) -> Grant | None:
    """Leaders, approvers and admins of the owner organization itself, and
    admins and approvers above it (national staff act over their affiliates);
    members only read. Only on a published record of a meeting not cancelled."""
    meeting = item.meeting
    if not meeting.notes_published or meeting.is_cancelled or item.owner.is_archived:
        return None
    if item.owner.root_id not in meeting.table.partner_ids:
        return None  # the national left the table: its items are history now
    for grant in grants_on_organization(user, item.owner):
        if grant.role in (Role.LEADER, Role.APPROVER, Role.ADMIN):
            return grant
    return None


ACTIONS: dict[str, Rule] = {
    "meetings.list": Rule(CoalitionTable, _participant),
    "meetings.schedule": Rule(CoalitionTable, _facilitator_of),
    "meetings.view": Rule(Meeting, _sees_meeting),
    "meetings.manage": Rule(Meeting, _keeps_meeting),
    "meetings.view_action_item": Rule(ActionItem, _sees_action_item),
    "meetings.complete_action_item": Rule(ActionItem, _completes_action_item),
}
# Models whose visibility decides 404 (see policy.VISIBILITY_ACTION).
VISIBILITY_ACTION: dict = {Meeting: "meetings.view", ActionItem: "meetings.view_action_item"}
