"""Who may subscribe to which calendar (merged into the action table by
portal.access.policy).

A feed is personal: only its owner sees or revokes it (anyone else is told it
does not exist). A table's calendar is for those who read the table; a working
group's for those who read the group (its members and the facilitator, not the
staff of a partner that was only invited). The public feed URL asks the same
questions of the feed's owner at every fetch (portal.calendars.operations)."""
from __future__ import annotations

from portal.access.policy import Grant, Rule, _signed_in, _table_reader
from portal.calendars.models import CalendarFeed
from portal.tables.models import CoalitionTable
from portal.workgroups.models import WorkingGroup

# The action whose rule decides, at subscription and at every fetch, that the owner may still read the scope.
SCOPE_READ_ACTION = {CoalitionTable: "tables.view", WorkingGroup: "workgroups.read"}


def may_read_scope(user, scope) -> bool:
    from portal.access.policy import can  # defined after this module is merged into the table
    return can(user, SCOPE_READ_ACTION[type(scope)], scope)


def _group_reader(user, group: WorkingGroup) -> Grant | None:
    return Grant("signed_in") if may_read_scope(user, group) else None


def _owner(user, feed: CalendarFeed) -> Grant | None:
    return Grant("signed_in") if feed.user_id == user.id else None


ACTIONS: dict = {
    "calendars.list": Rule(None, _signed_in),
    "calendars.subscribe_table": Rule(CoalitionTable, _table_reader),
    "calendars.subscribe_group": Rule(WorkingGroup, _group_reader),
    "calendars.view_feed": Rule(CalendarFeed, _owner),
    "calendars.revoke": Rule(CalendarFeed, _owner),
}
# Models whose visibility decides 404 (see policy.VISIBILITY_ACTION).
VISIBILITY_ACTION: dict = {CalendarFeed: "calendars.view_feed"}
