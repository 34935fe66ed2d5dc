"""Rules for the workgroups actions, merged into the action table by portal.access.policy.

Who sees a working group:
- the table's facilitator (convenes it, reads everything, may post notes, owns nothing);
- its members: people holding any role at a joined partner's national, at an
  affiliate that partner brought, or at an organization below a brought affiliate;
- the staff (admins and approvers at the national) of a partner that was invited
  and has not joined, or declined, or left: they see only the invitation and decide.
Everyone else, the site admin included, is told it does not exist (404).

Members write (activities, notes) for a member organization where they hold a
leader, approver or admin role themselves; whether the campaign notice was
acknowledged and whether the group is still open is checked by the operations,
which say so in words instead of a bare 403."""
from __future__ import annotations

from portal.access.policy import Grant, Rule, _facilitated_table_ids, _memberships, _table_participant
from portal.access.roles import Role
from portal.tables.models import CoalitionTable
from portal.workgroups.models import JointActivity, WorkingGroup, WorkingGroupNote

WRITER_ROLES = frozenset({Role.ADMIN, Role.APPROVER, Role.LEADER})
STAFF_ROLES = frozenset({Role.ADMIN, Role.APPROVER})


def facilitates(user, group: WorkingGroup) -> bool:
    return group.table_id in _facilitated_table_ids(user)


def _at_table(user, group: WorkingGroup):
    """The person's memberships in the trees of partners still at the group's table."""
    partners = group.table.partner_ids
    return [m for m in _memberships(user) if m.organization.root_id in partners]


def member_grants(user, group: WorkingGroup) -> list[Grant]:
    """The memberships that make `user` a member of the group (see the module docstring)."""
    joined = group.joined_national_ids
    brought = {a.organization_id for a in group.affiliates if a.national_id in joined}
    found = []
    for membership in _at_table(user, group):
        org = membership.organization
        if org.id in joined or org.id in brought or org.parent_id in brought:
            found.append(Grant("membership", Role(membership.role), org))
    return sorted(found, key=lambda g: -g.role.rank)


def writer_organizations(user, group: WorkingGroup) -> list:
    """The member organizations `user` may write for: where they hold a writing role themselves."""
    members = group.member_organization_ids
    orgs = {m.organization.id: m.organization for m in _at_table(user, group)
            if m.organization_id in members and Role(m.role) in WRITER_ROLES}
    return sorted(orgs.values(), key=lambda o: (o.name.casefold(), o.id))


def staff_partners(user, group: WorkingGroup) -> list:
    """The group's partners (WorkingGroupPartner rows) whose national `user` is staff of."""
    staff_at = {m.organization_id for m in _at_table(user, group)
                if m.organization.kind == "national" and Role(m.role) in STAFF_ROLES}
    return [p for p in group.partners if p.national_id in staff_at]


def _reader(user, group: WorkingGroup) -> Grant | None:
    if facilitates(user, group):
        return Grant("facilitator")
    grants = member_grants(user, group)
    return grants[0] if grants else None


def _sees_group(user, group: WorkingGroup) -> Grant | None:
    """Members and the facilitator see the group; an invited partner's staff see its invitation."""
    grant = _reader(user, group)
    if grant is not None:
        return grant
    return _partner_staff(user, group)


def _staff_role(user, partner) -> Role:
    roles = [Role(m.role) for m in _memberships(user) if m.organization_id == partner.national_id]
    return max(roles, key=lambda r: r.rank)


def _partner_staff(user, group: WorkingGroup) -> Grant | None:
    """A partner's national staff decide for the whole partner: join, decline, leave, affiliates."""
    partners = staff_partners(user, group)
    if not partners:
        return None
    return Grant("membership", _staff_role(user, partners[0]), partners[0].national)


def _writer(user, group: WorkingGroup) -> Grant | None:
    orgs = writer_organizations(user, group)
    if not orgs:
        return None
    return next(g for g in member_grants(user, group) if g.organization.id == orgs[0].id)


def _note_writer(user, group: WorkingGroup) -> Grant | None:
    """Members who write, and the facilitator (facilitation notes)."""
    if facilitates(user, group):
        return Grant("facilitator")
    return _writer(user, group)


def _convener(user, table: CoalitionTable) -> Grant | None:
    return Grant("facilitator") if table.id in _facilitated_table_ids(user) else None


def _closer(user, group: WorkingGroup) -> Grant | None:
    return Grant("facilitator") if facilitates(user, group) else None


def _activity_reader(user, activity: JointActivity) -> Grant | None:
    return _reader(user, activity.group)


def _activity_editor(user, activity: JointActivity) -> Grant | None:
    """Those who write for the lead organization or for the organization that planned it."""
    owners = {activity.lead_organization_id, activity.created_by_organization_id}
    for org in writer_organizations(user, activity.group):
        if org.id in owners:
            return next(g for g in member_grants(user, activity.group) if g.organization.id == org.id)
    return None


def _note_reader(user, note: WorkingGroupNote) -> Grant | None:
    return _reader(user, note.group)


def _note_editor(user, note: WorkingGroupNote) -> Grant | None:
    """Only the author, and only while they may still write for the organization they wrote for."""
    if note.author_id != user.id:
        return None
    if note.organization_id is None:
        return Grant("facilitator") if facilitates(user, note.group) else None
    if any(org.id == note.organization_id for org in writer_organizations(user, note.group)):
        return next(g for g in member_grants(user, note.group) if g.organization.id == note.organization_id)
    return None


ACTIONS: dict = {
    "workgroups.list": Rule(CoalitionTable, _table_participant),
    "workgroups.convene": Rule(CoalitionTable, _convener),
    "workgroups.view": Rule(WorkingGroup, _sees_group),
    "workgroups.read": Rule(WorkingGroup, _reader),
    "workgroups.decide": Rule(WorkingGroup, _partner_staff),
    "workgroups.plan": Rule(WorkingGroup, _writer),
    "workgroups.post_note": Rule(WorkingGroup, _note_writer),
    "workgroups.close": Rule(WorkingGroup, _closer),
    "workgroups.view_activity": Rule(JointActivity, _activity_reader),
    "workgroups.edit_activity": Rule(JointActivity, _activity_editor),
    "workgroups.view_note": Rule(WorkingGroupNote, _note_reader),
    "workgroups.edit_note": Rule(WorkingGroupNote, _note_editor),
}

# Models whose visibility decides 404 (see policy.VISIBILITY_ACTION).
VISIBILITY_ACTION: dict = {WorkingGroup: "workgroups.view", JointActivity: "workgroups.view_activity",
                           WorkingGroupNote: "workgroups.view_note"}
