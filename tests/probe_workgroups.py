"""The workgroups objects of the cross-tenant probe world (tests/probe_world.py).

- C_workgroup: at table_a, a working group for the table's candidate that only
  partner C joined (bringing its Missouri affiliate), with an activity, a note of
  C's and one of the facilitator's. Partner A's people and tenant B must never
  see it; the facilitator does.
- B_all: at table_b, a group that partner B joined, with an activity and a note.
- A_national: at table_a, a group for a second race's candidate that partner A
  joined alone (no affiliates) while C was invited: A's national staff and the
  facilitator open its pages in the probe of allowed objects, which must show
  nothing forbidden to them; A's affiliates and tenant B get 404.

Both groups are opened with operations.open_group, the step after convene()'s
critical-mass check: table_a has only two partners, so no candidate there can
come near the threshold of four. Everything else goes through the operations."""
from __future__ import annotations

from datetime import timedelta

from portal.db import utcnow
from portal.workgroups import operations, planning
from tests.factories import create_race


def _group(world, group_name, facilitator, table, candidate, national, admin, *, invited=(), affiliate_ids=None):
    g = world.groups[group_name]
    group = operations.open_group(facilitator, table, candidate, [national, *invited])
    partner = group.partner(national.id)
    operations.join(admin, group, partner, affiliate_ids=affiliate_ids, expected_version=partner.version)
    for person in (admin, facilitator):
        operations.acknowledge(person, group)
    starts = (utcnow() + timedelta(days=10)).replace(microsecond=0)
    activity = planning.add_activity(admin, group, organization=national, kind="doorknock", starts_at=starts,
                                     ends_at=starts + timedelta(hours=3), place=f"Hall {world._marker(g)}",
                                     link=None, lead_organization=national, expected_volunteers=12)
    notes = [planning.post_note(admin, group, organization=national, body=f"plan {world._marker(g)}"),
             planning.post_note(facilitator, group, organization=None, body=f"facilitation {world._marker(g)}")]
    g.working_groups.append(group)
    g.activities.append(activity)
    g.notes.extend(notes)
    return group


def populate(world) -> None:
    g = world.groups
    c_admin = world._person(g["C_workgroup"], "Cole Admin", world.c, "admin")
    _group(world, "C_workgroup", world.facilitator, world.table_a, g["A_table"].races[0].candidates[0], world.c,
           c_admin)
    # Written by an A admin of its own (the personas' names carry markers of groups the facilitator must not see).
    a_admin = world._person(g["A_national"], "Ada Organizer", world.a, "admin")
    second = create_race(world.table_a, "MO-02", candidates=["Dana Runner"]).candidates[0]
    _group(world, "A_national", world.facilitator, world.table_a, second, world.a, a_admin, invited=[world.c],
           affiliate_ids=[])
    b_facilitator = world.table_b.facilitator_assignment.user
    _group(world, "B_all", b_facilitator, world.table_b, g["B_all"].races[0].candidates[0], world.b,
           world.personas["b_national_admin"])
