"""A table for profile tests: partners Alpha (national, Missouri, St. Louis)
and Charlie, a facilitator, and Bravo outside the table."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import Browser
from tests.factories import (PASSWORD, create_local, create_national, create_race, create_state, create_table,
                             create_user, grant)


@dataclass
class ProfileWorld:
    table: object
    race: object
    candidate: object
    other: object
    alpha: object
    alpha_mo: object
    alpha_stl: object
    charlie: object
    bravo: object
    facilitator: object
    admin: object
    alpha_leader: object      # leader of Alpha Missouri
    alpha_member: object      # member of Alpha St. Louis: reads, does not suggest
    alpha_approver: object    # approver at the Alpha national
    stl_leader: object        # leader of Alpha St. Louis (a sibling-level view of Missouri's suggestions)
    charlie_leader: object
    bravo_admin: object


@pytest.fixture
def world(app, session) -> ProfileWorld:
    admin = create_user("root@portal.example", "Root Admin", site_admin=True)
    facilitator = create_user("fay@neutral.example", "Fay Facilitator")
    alpha, charlie, bravo = (create_national(n) for n in ("Alpha Alliance", "Charlie Collective", "Bravo Network"))
    alpha_mo = create_state(alpha, "MO", "Alpha Missouri")
    alpha_stl = create_local(alpha_mo, "St. Louis", "Alpha St. Louis")
    table = create_table("Federal table", partners=[alpha, charlie], facilitator=facilitator, admin=admin)
    race = create_race(table, "MO-01", candidates=["Ada Okafor", "Ben Brandt"])
    people = {}
    for key, email, name, org, role in [
        ("alpha_leader", "mo.leader@alpha.example", "Mo Leader", alpha_mo, "leader"),
        ("alpha_member", "stl.member@alpha.example", "Stu Member", alpha_stl, "member"),
        ("alpha_approver", "approver@alpha.example", "Abe Approver", alpha, "approver"),
        ("stl_leader", "stl.leader@alpha.example", "Lou Leader", alpha_stl, "leader"),
        ("charlie_leader", "leader@charlie.example", "Cal Leader", charlie, "leader"),
        ("bravo_admin", "admin@bravo.example", "Bea Admin", bravo, "admin"),
    ]:
        people[key] = create_user(email, name)
        grant(people[key], org, role)
    session.commit()
    candidate, other = race.candidates[0], race.candidates[1]
    return ProfileWorld(table, race, candidate, other, alpha, alpha_mo, alpha_stl, charlie, bravo, facilitator,
                        admin, **people)


@pytest.fixture
def sign_in(app):
    def signed_in(user) -> Browser:
        browser = Browser(app.test_client())
        assert browser.sign_in(user.email, PASSWORD).status_code == 302
        return browser
    return signed_in
