"""The profile rules, asked of the policy without HTTP: who reads, keeps,
suggests, and who sees a correction (its own tree and the facilitator only)."""
from __future__ import annotations

import pytest

from portal.access.policy import can, can_see
from portal.profiles import operations as ops

PEOPLE = ("facilitator", "admin", "alpha_leader", "alpha_member", "alpha_approver", "stl_leader", "charlie_leader",
          "bravo_admin")


@pytest.mark.parametrize("who, view, edit, suggest", [
    ("facilitator", True, True, False),
    ("admin", True, False, False),
    ("alpha_leader", True, False, True),
    ("alpha_member", True, False, False),
    ("alpha_approver", True, False, True),
    ("charlie_leader", True, False, True),
    ("bravo_admin", False, False, False),
])
def test_who_reads_keeps_and_suggests(world, who, view, edit, suggest):
    person = getattr(world, who)
    assert can(person, "profiles.view", world.table) is view
    assert can(person, "profiles.edit", world.table) is edit
    assert can(person, "profiles.suggest", world.table) is suggest


def test_a_correction_is_seen_by_its_own_tree_and_the_facilitator_only(world, session):
    correction = ops.suggest_correction(world.alpha_leader, world.candidate, world.alpha_mo, section="biography",
                                        label="Age", value="44", source="Voter file")
    seen = {who for who in PEOPLE if can_see(getattr(world, who), correction)}
    # Missouri's own leader, the national staff above it, the facilitator. Not St. Louis below
    # it, not another partner, not the site admin, not another tenant.
    assert seen == {"facilitator", "alpha_leader", "alpha_approver"}
    deciders = {who for who in PEOPLE if can(getattr(world, who), "profiles.decide", correction)}
    assert deciders == {"facilitator"}


def test_a_correction_disappears_for_a_partner_that_leaves_the_table(world, session):
    from portal.tables import operations as tables
    correction = ops.suggest_correction(world.charlie_leader, world.candidate, world.charlie, section="biography",
                                        label="Age", value="44", source="Voter file")
    tables.remove_partner(world.admin, world.table, world.charlie)
    session.flush()
    assert not can_see(world.charlie_leader, correction)
    assert can_see(world.facilitator, correction)
