"""A table with four partners (Alpha with a state and a local affiliate,
Charlie, Delta, Echo), its facilitator, another table (Bravo's) and people in
every role that matters to meetings. Helpers declare endorsements through the
real operations and move them back in time, so agenda windows can be tested."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.db import db, utcnow
from portal.declarations.models import Declaration
from portal.declarations.operations import declare, revise
from portal.meetings import operations
from portal.notifications.models import Notification
from portal.races import operations as race_ops
from tests.conftest import Browser
from tests.factories import PASSWORD, create_local, create_national, create_state, create_table, create_user, grant


@dataclass
class MeetingWorld:
    admin: object
    table: object
    other_table: object
    facilitator: object
    other_facilitator: object
    alpha: object
    alpha_mo: object
    alpha_stl: object
    charlie: object
    delta: object
    echo: object
    bravo: object
    outsider_national: object
    race: object
    candidate: object
    people: dict = field(default_factory=dict)
    leaders: dict = field(default_factory=dict)

    def endorse(self, org, candidate=None, *, visibility="table", stance="endorsed", days_ago: float = 0):
        candidate = candidate or self.candidate
        declaration = declare(self.leaders[org.id], org, self.table, kind="endorsement", race=candidate.race,
                              candidate=candidate, stage=candidate.race.stage,
                              submission_key=f"e-{org.id}-{candidate.id}-{utcnow().timestamp()}",
                              stance=stance, visibility=visibility)
        if days_ago:
            backdate(declaration, days_ago)
        return declaration

    def restate(self, declaration, *, stance="withdrawn", visibility="table", days_ago: float = 0):
        revision = revise(self.leaders[declaration.organization_id], declaration,
                          expected_version=declaration.version, stance=stance, visibility=visibility)
        if days_ago:
            move_revision(revision, days_ago)
        return revision

    def meeting(self, *, title="Table call", starts_in_days: float = -1, hours: int = 1, **kwargs):
        starts = (utcnow() + timedelta(days=starts_in_days)).replace(microsecond=0)
        return operations.schedule(self.facilitator, self.table, title=title, starts_at=starts,
                                   ends_at=starts + timedelta(hours=hours), place=kwargs.get("place", "Video call"))

    def add_race(self, district: str, election_date: date, *, stage="primary", candidates=("Nia Nova",)):
        race = race_ops.add_race(None, self.table, office="us_house", state_code=district[:2], district=district,
                                 stage=stage, election_date=election_date)
        for name in candidates:
            race_ops.add_candidate(None, race, name=name, party="Democratic", is_incumbent=False)
        return race


def move_revision(revision, days_ago: float) -> None:
    when = utcnow() - timedelta(days=days_ago)
    revision.submitted_at = when
    if revision.decided_at is not None:
        revision.decided_at = when
    db.session.flush()


def backdate(declaration: Declaration, days_ago: float) -> None:
    for revision in declaration.revisions:
        move_revision(revision, days_ago)


@pytest.fixture
def world(app, session) -> MeetingWorld:
    admin = create_user("root@portal.example", "Root Admin", site_admin=True)
    facilitator = create_user("fay@neutral.example", "Fay Facilitator")
    other_facilitator = create_user("gus@neutral.example", "Gus Facilitator")
    alpha = create_national("Alpha Alliance")
    alpha_mo = create_state(alpha, "MO", "Alpha Missouri")
    alpha_stl = create_local(alpha_mo, "St. Louis", "Alpha St. Louis")
    charlie, delta, echo = (create_national(n) for n in ("Charlie Collective", "Delta Union", "Echo Fund"))
    bravo = create_national("Bravo Network")
    outsider = create_national("Zulu Outside")
    table = create_table("Federal table", partners=[alpha, charlie, delta, echo], facilitator=facilitator,
                         admin=admin)
    other_table = create_table("Bravo table", partners=[bravo], facilitator=other_facilitator, admin=admin)
    race = race_ops.add_race(None, table, office="us_house", state_code="MO", district="MO-01", stage="primary",
                             election_date=date(2027, 8, 3))
    candidate = race_ops.add_candidate(None, race, name="Ada Example", party="Democratic", is_incumbent=False)
    w = MeetingWorld(admin, table, other_table, facilitator, other_facilitator, alpha, alpha_mo, alpha_stl, charlie,
                     delta, echo, bravo, outsider, race, candidate)

    def person(key, name, org, role):
        user = create_user(f"{key}@people.example", name)
        grant(user, org, role)
        w.people[key] = user
        return user

    person("a_admin", "Ana Admin", alpha, "admin")
    person("a_approver", "Abe Approver", alpha, "approver")
    person("a_mo_leader", "Mo Leader", alpha_mo, "leader")
    person("a_stl_member", "Lou Member", alpha_stl, "member")
    person("c_leader", "Cal Leader", charlie, "leader")
    person("b_admin", "Bea Admin", bravo, "admin")
    person("z_admin", "Zed Admin", outsider, "admin")
    for org in (alpha, charlie, delta, echo):
        w.leaders[org.id] = person(f"leader_{org.id}", f"{org.name} Leader", org, "leader")
    w.leaders[alpha_mo.id] = w.people["a_mo_leader"]
    w.people["facilitator"] = facilitator
    w.people["other_facilitator"] = other_facilitator
    w.people["site_admin"] = admin
    session.commit()
    return w


def signed_in(app, user) -> Browser:
    browser = Browser(app.test_client())
    assert browser.sign_in(user.email, PASSWORD).status_code == 302
    return browser


def mail_to(user) -> list[Notification]:
    db.session.expire_all()
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id)))


def at(days: float) -> datetime:
    return utcnow() + timedelta(days=days)
