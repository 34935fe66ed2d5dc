"""A coalition of two nationals at one federal table, for the approval work:
Alpha with two state subtrees (Missouri with St. Louis, Kansas with Kansas
City), Bravo with Missouri; approvers at each level and leaders below."""
from __future__ import annotations

import itertools
from datetime import date

import pytest

from portal.declarations.operations import declare
from tests.conftest import Browser
from tests.factories import (PASSWORD, create_local, create_national, create_race, create_state, create_table,
                             create_user, grant)

_keys = itertools.count(1)


@pytest.fixture
def world(app, session):
    alpha = create_national("Alpha Alliance")
    alpha_mo = create_state(alpha, "MO", "Alpha Missouri")
    alpha_stl = create_local(alpha_mo, "St. Louis", "Alpha St. Louis")
    alpha_ks = create_state(alpha, "KS", "Alpha Kansas")
    alpha_kc = create_local(alpha_ks, "Kansas City", "Alpha Kansas City")
    bravo = create_national("Bravo Network")
    bravo_mo = create_state(bravo, "MO", "Bravo Missouri")
    facilitator = create_user("fay@neutral.example", "Fay Facilitator")
    table = create_table("Federal 2026", partners=[alpha, bravo], facilitator=facilitator)
    other_table = create_table("Bravo only table", partners=[bravo])
    race = create_race(table, "MO-01", candidates=["Cora Candidate", "Dan Doe"])
    people = {
        "ana": (alpha, "admin", "Ana Admin"),
        "abe": (alpha, "approver", "Abe Approver"),
        "sam": (alpha_mo, "approver", "Sam StateApprover"),
        "sue": (alpha_mo, "admin", "Sue StateAdmin"),
        "mo_leader": (alpha_mo, "leader", "Mo Leader"),
        "lou": (alpha_stl, "leader", "Lou Leader"),
        "kas": (alpha_ks, "leader", "Kas Leader"),
        "kit": (alpha_kc, "leader", "Kit Leader"),
        "bea": (bravo, "approver", "Bea Approver"),
        "ben": (bravo_mo, "leader", "Ben Leader"),
    }
    users = {}
    for key, (org, role, name) in people.items():
        users[key] = create_user(f"{key}@example.org", name)
        grant(users[key], org, role)
    session.commit()
    return dict(alpha=alpha, alpha_mo=alpha_mo, alpha_stl=alpha_stl, alpha_ks=alpha_ks, alpha_kc=alpha_kc,
                bravo=bravo, bravo_mo=bravo_mo, facilitator=facilitator, table=table, other_table=other_table,
                race=race, **users)


def endorse(w, leader, org, *, candidate=0, stance="endorsed", note=None, visibility="table"):
    return declare(w[leader], w[org], w["table"], kind="endorsement", race=w["race"],
                   candidate=w["race"].candidates[candidate], stage="primary", submission_key=f"e{next(_keys)}",
                   stance=stance, note=note, visibility=visibility)


def pledge(w, leader, org, *, quantity=10):
    return declare(w[leader], w[org], w["table"], kind="pledge", race=w["race"], candidate=None, stage=None,
                   submission_key=f"p{next(_keys)}", activity="phonebank", quantity=quantity, unit="shifts",
                   starts_on=date(2026, 7, 1), ends_on=date(2026, 8, 4), visibility="table")


@pytest.fixture
def sign_in(app):
    def signed_in(user) -> Browser:
        browser = Browser(app.test_client())
        assert browser.sign_in(user.email, PASSWORD).status_code == 302, "sign-in failed"
        return browser
    return signed_in
