"""A federal table for the working group tests: five partner nationals (four
back Cora Challenger, Echo backs nobody), Alpha with a Missouri state
affiliate, a St. Louis local under it and a Kansas state affiliate, and a
national that sits at no table. People hold one role each."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.db import db, utcnow
from portal.declarations.operations import declare
from tests.conftest import Browser
from tests.factories import PASSWORD, create_local, create_national, create_race, create_state, create_table, create_user, grant


class World:
    def __init__(self):
        self.admin = create_user("root@portal.example", "Root Admin", site_admin=True)
        self.facilitator = create_user("fay@neutral.example", "Fay Facilitator")
        self.alpha = create_national("Alpha Alliance", "501c4")
        self.alpha_mo = create_state(self.alpha, "MO", "Alpha Missouri")
        self.alpha_stl = create_local(self.alpha_mo, "St. Louis", "Alpha St. Louis")
        self.alpha_ks = create_state(self.alpha, "KS", "Alpha Kansas")
        self.bravo = create_national("Bravo Network", "union")
        self.bravo_mo = create_state(self.bravo, "MO", "Bravo Missouri")
        self.charlie = create_national("Charlie Collective", "pac")
        self.delta = create_national("Delta Union", "union")
        self.echo = create_national("Echo Fund", "other")
        self.zulu = create_national("Zulu Outside", "501c4")
        self.table = create_table("Federal 2026", partners=[self.alpha, self.bravo, self.charlie, self.delta,
                                                            self.echo], facilitator=self.facilitator, admin=self.admin)
        self.race = create_race(self.table, "MO-01", candidates=["Cora Challenger", "Ike Incumbent"])
        self.cora = next(c for c in self.race.candidates if c.name == "Cora Challenger")
        self.ike = next(c for c in self.race.candidates if c.name == "Ike Incumbent")
        self.people = {}
        for key, org, role in [
            ("alpha_admin", self.alpha, "admin"), ("alpha_approver", self.alpha, "approver"),
            ("alpha_member", self.alpha, "member"),
            ("mo_leader", self.alpha_mo, "leader"), ("stl_leader", self.alpha_stl, "leader"),
            ("stl_member", self.alpha_stl, "member"), ("ks_admin", self.alpha_ks, "admin"),
            ("bravo_admin", self.bravo, "admin"), ("bravo_mo_leader", self.bravo_mo, "leader"),
            ("charlie_admin", self.charlie, "admin"), ("delta_admin", self.delta, "admin"),
            ("echo_admin", self.echo, "admin"), ("zulu_admin", self.zulu, "admin"),
        ]:
            person = create_user(f"{key.replace('_', '.')}@people.example", key.replace("_", " ").title())
            grant(person, org, role)
            self.people[key] = person
        for national in (self.alpha, self.bravo, self.charlie, self.delta):
            self.endorse(national, self.cora)
        db.session.flush()

    def __getattr__(self, name):
        people = self.__dict__.get("people", {})
        if name in people:
            return people[name]
        raise AttributeError(name)

    def endorse(self, org, candidate, visibility="table"):
        leader = create_user(f"endorser-{org.id}-{candidate.id}@people.example", f"Endorser {org.name}")
        grant(leader, org, "leader")
        return declare(leader, org, self.table, kind="endorsement", race=candidate.race, candidate=candidate,
                       stage="primary", submission_key=f"e-{org.id}-{candidate.id}", stance="endorsed",
                       visibility=visibility)

    def pledge(self, org, quantity, *, unit="volunteers", visibility="table", candidate=None):
        leader = create_user(f"pledger-{org.id}-{quantity}-{visibility}@people.example", f"Pledger {org.name}")
        grant(leader, org, "leader")
        day = self.race.election_date
        return declare(leader, org, self.table, kind="pledge", race=self.race, candidate=candidate, stage=None,
                       submission_key=f"p-{org.id}-{quantity}-{visibility}", activity="doorknock",
                       quantity=quantity, unit=unit, starts_on=day - timedelta(days=30), ends_on=day,
                       visibility=visibility)


@pytest.fixture
def world(session):
    w = World()
    session.commit()
    return w


def soon(days=7, hour=15):
    return (utcnow() + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def signed_in(app, user) -> Browser:
    browser = Browser(app.test_client())
    assert browser.sign_in(user.email, PASSWORD).status_code == 302, "sign-in failed"
    return browser
