"""The calendars objects of the cross-tenant probe world (tests/probe_world.py).

A feed is personal: every feed is foreign to everyone but its owner (404 to
revoke). Each goes into the group of its owner, so the probe tries to revoke
it as every persona that group is foreign to:
- F_draft: the facilitator's feeds of table_a and of partner C's working group;
- C_workgroup: a partner C member's feed of C's working group;
- A_staff, A_MO, A_KS: table_a feeds of A's national admin, St. Louis leader, Kansas admin;
- B_all: tenant B's feeds of table_b and of B's working group.
Feeds carry no text of their own; their pages show the scope's name, which
carries the scope's marker already."""
from __future__ import annotations

from portal.calendars.operations import subscribe
from tests.factories import create_user, grant


def populate(world) -> None:
    g = world.groups
    p = world.personas
    feeds = [("F_draft", world.facilitator, world.table_a), ("A_staff", p["a_national_admin"], world.table_a),
             ("A_MO", p["a_local_leader"], world.table_a), ("A_KS", p["a_sibling_admin"], world.table_a),
             ("B_all", p["b_national_admin"], world.table_b)]
    c_groups, b_groups = g["C_workgroup"].working_groups, g["B_all"].working_groups
    if c_groups:
        c_member = create_user("cal.member@charlie.example", "Cass Charlie")
        grant(c_member, world.c, "member")
        feeds += [("F_draft", world.facilitator, c_groups[0]), ("C_workgroup", c_member, c_groups[0])]
    if b_groups:
        feeds.append(("B_all", p["b_national_admin"], b_groups[0]))
    for group, owner, scope in feeds:
        feed, _token = subscribe(owner, scope)
        g[group].feeds.append(feed)
