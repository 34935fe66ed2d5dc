"""Who may see and do what in a working group (portal/access/workgroups.py),
without HTTP. Alpha joined bringing Missouri only; Bravo declined; Charlie and
Delta are invited; Echo is a partner at the table that backs nobody."""
from __future__ import annotations

import pytest

from portal.access.policy import can, knows_of
from portal.access.workgroups import writer_organizations
from portal.workgroups import operations, planning
from tests.workgroups.conftest import soon

ACTIONS = ("workgroups.view", "workgroups.read", "workgroups.plan", "workgroups.post_note", "workgroups.decide",
           "workgroups.close")
#            view   read   plan   note   decide close
EXPECTED = {
    "facilitator":     (1, 1, 0, 1, 0, 1),   # reads all, writes facilitation notes, owns nothing
    "alpha_admin":     (1, 1, 1, 1, 1, 0),
    "alpha_approver":  (1, 1, 1, 1, 1, 0),
    "alpha_member":    (1, 1, 0, 0, 0, 0),   # reads, writes nothing
    "mo_leader":       (1, 1, 1, 1, 0, 0),   # a brought affiliate's leader
    "stl_leader":      (1, 1, 0, 0, 0, 0),   # below a brought affiliate: reads only
    "stl_member":      (1, 1, 0, 0, 0, 0),
    "ks_admin":        (0, 0, 0, 0, 0, 0),   # a sibling affiliate its national did not bring
    "bravo_admin":     (1, 0, 0, 0, 1, 0),   # declined: sees the invitation, may change its mind
    "bravo_mo_leader": (0, 0, 0, 0, 0, 0),   # a declined partner's affiliate
    "charlie_admin":   (1, 0, 0, 0, 1, 0),   # invited: the invitation only
    "echo_admin":      (0, 0, 0, 0, 0, 0),   # another partner at the same table
    "zulu_admin":      (0, 0, 0, 0, 0, 0),   # not at the table
    "site_admin":      (0, 0, 0, 0, 0, 0),   # runs the platform, reads no group
}


@pytest.fixture
def group(world):
    group = operations.convene(world.facilitator, world.table, world.cora)
    alpha = group.partner(world.alpha.id)
    operations.join(world.alpha_admin, group, alpha, affiliate_ids=[world.alpha_mo.id],
                    expected_version=alpha.version)
    bravo = group.partner(world.bravo.id)
    operations.decline(world.bravo_admin, group, bravo, bravo.version)
    return group


def _person(world, key):
    return world.admin if key == "site_admin" else getattr(world, key)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_who_sees_and_does_what(world, group, key):
    person = _person(world, key)
    got = tuple(int(can(person, action, group)) for action in ACTIONS)
    assert got == EXPECTED[key], dict(zip(ACTIONS, got))
    assert knows_of(person, group) == bool(EXPECTED[key][0]), "who cannot see a group is told it does not exist"


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_activities_and_notes_are_seen_by_readers_only(world, group, key):
    operations.acknowledge(world.mo_leader, group)
    activity = planning.add_activity(world.mo_leader, group, organization=world.alpha_mo, kind="event",
                                     starts_at=soon(), ends_at=None, place="Park", link=None,
                                     lead_organization=world.alpha, expected_volunteers=5)
    note = planning.post_note(world.mo_leader, group, organization=world.alpha_mo, body="hello")
    person = _person(world, key)
    reads = bool(EXPECTED[key][1])
    assert knows_of(person, activity) == reads and knows_of(person, note) == reads
    # The lead (Alpha's writers) and the planning organization (Missouri's) edit; the author edits the note.
    assert can(person, "workgroups.edit_activity", activity) == (key in ("alpha_admin", "alpha_approver",
                                                                         "mo_leader"))
    assert can(person, "workgroups.edit_note", note) == (key == "mo_leader")


def test_people_write_for_the_member_organizations_where_they_hold_a_writing_role(world, group):
    assert writer_organizations(world.mo_leader, group) == [world.alpha_mo]
    assert writer_organizations(world.alpha_admin, group) == [world.alpha]  # not for the affiliates below
    assert writer_organizations(world.stl_leader, group) == []
    assert writer_organizations(world.facilitator, group) == []


def test_a_partner_that_leaves_the_table_leaves_the_group_with_it(world, group):
    from portal.tables.operations import remove_partner
    remove_partner(world.admin, world.table, world.alpha)
    assert not can(world.mo_leader, "workgroups.view", group)
    assert not can(world.alpha_admin, "workgroups.view", group)
