"""The demo's working group: Jamal Okoro (MO-01) at the federal table reached
critical mass in the demo declarations, so the facilitator convenes his
backers. Working Families Network joins with its Missouri affiliates (the
default), Climate Justice Action joins with its own, United Service Workers
Alliance chooses not to take part, and the other backers have not decided yet.
The members plan two activities and keep a couple of notes.

Everything goes through the real operations (convene, join, decline,
acknowledge, add_activity, post_note), after the demo declarations. Idempotent:
nothing is done once a group for the candidate exists. Every person and place
is fictional; times hang off today so the plans are always upcoming."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from portal.auth.models import User
from portal.db import db, utcnow
from portal.notifications.models import Notification
from portal.orgs.models import Organization
from portal.races.models import Candidate, Race
from portal.tables.models import CoalitionTable
from portal.workgroups import operations, planning
from portal.workgroups.models import WorkingGroup

TABLE = "2026 Congressional Primaries Table"
CANDIDATE, DISTRICT = "Jamal Okoro", "MO-01"


def _user(email: str) -> User:
    return db.session.scalars(select(User).where(User.email == email)).one()


def _orgs(*slugs: str) -> list[Organization]:
    found = {o.slug: o for o in db.session.scalars(select(Organization).where(Organization.slug.in_(slugs)))}
    return [found[slug] for slug in slugs]


def seed_demo_workgroups(session=None) -> int:
    """Convene the demo group unless it exists; returns how many groups were created (0 or 1).
    `session` is accepted for the seed's calling convention; the portal's session is used."""
    from portal.demo.declarations import _staff  # the demo's passwordless leaders and approvers

    table = db.session.scalar(select(CoalitionTable).where(CoalitionTable.name == TABLE))
    candidate = db.session.scalar(select(Candidate).join(Race).where(
        Race.table_id == table.id, Race.district == DISTRICT, Candidate.name == CANDIDATE)) if table else None
    if candidate is None or db.session.scalar(select(WorkingGroup.id).where(
            WorkingGroup.candidate_id == candidate.id)) is not None:
        return 0
    last_notification = db.session.scalar(select(Notification.id).order_by(Notification.id.desc()).limit(1)) or 0
    facilitator = _user("facilitator@table-facilitator.example")
    renee, latoya, gus = (_user(e) for e in ("renee.adjei@wfnetwork.example", "latoya.brennan@wfnetwork.example",
                                            "gus.delacroix@wfnetwork.example"))
    wfn, wfn_mo, wfn_stl, cja, cja_mo, cja_stl, uswa = _orgs(
        "working-families-network", "wfn-mo", "wfn-mo-st-louis", "climate-justice-action", "cja-mo",
        "cja-mo-st-louis", "united-service-workers-alliance")
    cja_approver = _staff("Fatima Rahman", cja, "approver")
    cja_leader = _staff("Nadia Petrakis", cja_mo, "leader")
    uswa_approver = _staff("Gary Mendoza", uswa, "approver")
    db.session.flush()

    group = operations.convene(facilitator, table, candidate)
    for national, staff, affiliates in ((wfn, renee, None), (cja, cja_approver, [cja_mo.id, cja_stl.id])):
        partner = group.partner(national.id)
        operations.join(staff, group, partner, affiliate_ids=affiliates, expected_version=partner.version)
    declined = group.partner(uswa.id)
    if declined is not None:
        operations.decline(uswa_approver, group, declined, declined.version)
    for person in (facilitator, latoya, gus, cja_leader):
        operations.acknowledge(person, group)

    saturday = (utcnow() + timedelta(days=(5 - utcnow().weekday()) % 7 + 7)).replace(
        hour=15, minute=0, second=0, microsecond=0)  # 10 a.m. in St. Louis
    planning.add_activity(gus, group, organization=wfn_stl, kind="doorknock", starts_at=saturday,
                          ends_at=saturday + timedelta(hours=3),
                          place="Natural Bridge office, 4300 Natural Bridge Ave", link=None, lead_organization=wfn_stl, expected_volunteers=25)
    tuesday_evening = (saturday - timedelta(days=4)).replace(hour=23)  # 6 p.m. in St. Louis
    planning.add_activity(cja_leader, group, organization=cja_mo, kind="textbank", starts_at=tuesday_evening,
                          ends_at=tuesday_evening + timedelta(hours=2), place=None, link="https://textbank.example/okoro-mo01", lead_organization=cja_mo,
                          expected_volunteers=15)
    planning.post_note(facilitator, group, organization=None,
                       body="Welcome! Two partners are in so far. Let's keep turf lists in one place: Working "
                            "Families St. Louis holds north city, Climate Justice St. Louis the south side.")
    planning.post_note(latoya, group, organization=wfn_mo,
                       body="Kansas City volunteers offered to take St. Louis call lists on weeknights; we can "
                            "add a phonebank once the scripts are ready.")
    # The demo's history happened before anyone started the portal: its mail counts as delivered.
    db.session.execute(update(Notification).where(Notification.id > last_notification,
                                                  Notification.sent_at.is_(None))
                       .values(sent_at=utcnow(), attempts=1).execution_options(synchronize_session=False))
    db.session.info.pop("notifications_waiting", None)
    db.session.flush()
    return 1
