"""plan_shortfalls(table, now): open groups whose partners pledged fewer than
half the volunteers their upcoming activities expect (used by the meetings slice)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.approvals.operations import decide
from portal.db import utcnow
from portal.workgroups import operations, planning
from portal.workgroups.queries import Shortfall, plan_shortfalls
from tests.workgroups.conftest import soon


@pytest.fixture
def group(world):
    group = operations.convene(world.facilitator, world.table, world.cora)
    for national, admin in ((world.alpha, world.alpha_admin), (world.charlie, world.charlie_admin)):
        partner = group.partner(national.id)
        operations.join(admin, group, partner, affiliate_ids=None, expected_version=partner.version)
    operations.acknowledge(world.mo_leader, group)
    return group


def _plan(world, group, volunteers, *, starts_at=None, cancelled=False):
    activity = planning.add_activity(world.mo_leader, group, organization=world.alpha_mo, kind="phonebank",
                                     starts_at=starts_at or soon(), ends_at=None, place="Office",
                                     link=None, lead_organization=world.alpha_mo, expected_volunteers=volunteers)
    if cancelled:
        planning.update_activity(world.mo_leader, activity, expected_version=activity.version, cancelled=True,
                                 kind="phonebank", starts_at=activity.starts_at, ends_at=None, place="Office",
                                 link=None, lead_organization=world.alpha_mo, expected_volunteers=volunteers)
    return activity


def test_a_group_pledging_less_than_half_its_plan_is_listed(world, group):
    _plan(world, group, 30)
    world.pledge(world.alpha, 10)
    [shortfall] = plan_shortfalls(world.table, utcnow())
    assert shortfall == Shortfall(group, world.race, "Cora Challenger", 30, 10)


def test_half_or_more_is_no_shortfall_and_no_plan_is_none(world, group):
    assert plan_shortfalls(world.table, utcnow()) == []
    _plan(world, group, 20)
    world.pledge(world.charlie, 10)
    assert plan_shortfalls(world.table, utcnow()) == []


def test_only_upcoming_uncancelled_activities_count_as_planned(world, group):
    _plan(world, group, 8)
    _plan(world, group, 100, cancelled=True)
    _plan(world, group, 100, starts_at=utcnow() - timedelta(days=2))
    [shortfall] = plan_shortfalls(world.table, utcnow())
    assert shortfall.planned_volunteers == 8 and shortfall.pledged_volunteers == 0


def test_only_table_wide_volunteer_pledges_of_joined_partners_count(world, group):
    _plan(world, group, 100)
    affiliate = world.pledge(world.alpha_mo, 7)                  # an affiliate in a joined partner's tree
    world.pledge(world.alpha, 5, visibility="facilitator")       # not seen by every partner
    world.pledge(world.alpha, 6, visibility="own")               # its own secret
    world.pledge(world.alpha, 9, unit="shifts")                  # not volunteers
    world.pledge(world.bravo, 40)                                # a partner that did not join
    world.pledge(world.charlie, 3, candidate=world.ike)           # for another candidate
    [shortfall] = plan_shortfalls(world.table, utcnow())
    assert shortfall.pledged_volunteers == 0  # the affiliate's pledge awaits national approval
    decide(world.alpha_approver, affiliate.pending, approve=True)
    assert plan_shortfalls(world.table, utcnow())[0].pledged_volunteers == 7


def test_a_closed_group_has_no_shortfall(world, group):
    _plan(world, group, 30)
    operations.close(world.facilitator, group, group.version)
    assert plan_shortfalls(world.table, utcnow()) == []
