"""Load the fictional demo coalition. Idempotent: everything is looked up by
its natural key first, so running it twice changes nothing."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, update

from portal.auth.models import User
from portal.auth.operations import create_user
from portal.db import db, utcnow
from portal.demo import data
from portal.demo.declarations import seed_declarations
from portal.demo.meetings import seed_demo_meetings
from portal.demo.profiles import seed_demo_profiles
from portal.demo.providers import DEMO_PROVIDERS, DEMO_SSO_INVITATIONS, issuer
from portal.demo.workgroups import seed_demo_workgroups
from portal.members.models import Membership
from portal.notifications.models import Notification
from portal.orgs import operations as orgs
from portal.orgs.models import Organization
from portal.races import operations as races
from portal.races.models import Race
from portal.tables import operations as tables
from portal.tables.models import CoalitionTable

DEMO_PASSWORD = "coalition-demo-2026"
CYCLE = 2026

TABLES = [
    {"name": "2026 Congressional Primaries Table", "level": "federal", "threshold": 4,
     # A 501(c)(3) cannot endorse, so the education fund sits at no electoral table.
     "partners_except": {"civic-futures-education-fund"}},
    {"name": "2026 State Legislative Table", "level": "state_legislative", "threshold": 4,
     "partners_except": {"civic-futures-education-fund", "grassroots-majority-pac", "new-american-voters-league"}},
    {"name": "2026 Municipal Table", "level": "municipal", "threshold": 3,
     "partners_except": {"civic-futures-education-fund", "progressive-democrats-caucus", "grassroots-majority-pac",
                         "united-service-workers-alliance"}},
]


def _org(slug: str) -> Organization | None:
    return db.session.scalar(select(Organization).where(Organization.slug == slug))


def _seed_organizations() -> None:
    for row in data.NATIONALS:
        if _org(row["slug"]) is None:
            orgs.create_national(None, row["name"], row["legal_status"], slug=row["slug"])
    nationals = {row["slug"]: _org(row["slug"]) for row in data.NATIONALS}
    for row in data.STATE_AFFILIATES:
        if _org(row["slug"]) is None:
            national = nationals[row["national"]]
            orgs.create_affiliate(None, national, "state", row["name"], national.legal_status,
                                  state_code=row["state"], slug=row["slug"])
    for row in data.LOCAL_AFFILIATES:
        if _org(row["slug"]) is None:
            parent = _org(row["parent"])
            orgs.create_affiliate(None, parent, "local", row["name"], parent.legal_status,
                                  state_code=row["state"], city=row["city"], slug=row["slug"])


def _seed_people() -> dict[str, User]:
    people = {}
    for persona in data.DEMO_PERSONAS:
        user = db.session.scalar(select(User).where(User.email == persona["email"]))
        if user is None:
            user = create_user(None, persona["email"], persona["name"], DEMO_PASSWORD,
                               is_site_admin=persona["key"] == "site_admin")
        people[persona["key"]] = user
        if persona["org"]:
            _ensure_membership(user, persona["org"], persona["role"])
    for key, slug, role in data.EXTRA_MEMBERSHIPS:
        _ensure_membership(people[key], slug, role)
    db.session.flush()
    return people


def _ensure_membership(user: User, slug: str, role: str) -> None:
    org = _org(slug)
    exists = db.session.scalar(select(Membership.id).where(Membership.user_id == user.id,
                                                          Membership.organization_id == org.id))
    if exists is None:
        db.session.add(Membership(user_id=user.id, organization_id=org.id, role=role, source="manual"))


def _race(table, office, state, district, stage, when, city, incumbent, challengers, party) -> None:
    race = db.session.scalar(select(Race).where(Race.table_id == table.id, Race.office == office,
                                                Race.state_code == state, Race.district == district,
                                                Race.stage == stage, Race.city.is_(city) if city is None
                                                else Race.city == city))
    if race is None:
        race = races.add_race(None, table, office=office, state_code=state, district=district, stage=stage,
                              election_date=date.fromisoformat(when), city=city)
    existing = {c.name for c in race.candidates}
    if incumbent and incumbent["name"] not in existing:
        races.add_candidate(None, race, name=incumbent["name"], party=incumbent.get("party", party),
                            is_incumbent=True)
    for name in challengers:
        if name not in existing:
            races.add_candidate(None, race, name=name, party=party, is_incumbent=False)


def _seed_races(by_level: dict[str, CoalitionTable]) -> None:
    federal = by_level["federal"]
    for row in data.HOUSE_RACES:
        _race(federal, "us_house", row["state"], row["district"], "primary", row["primary_date"], None,
              row["incumbent"], row["challengers"], "Democratic")
    for row in data.STATE_LEGISLATIVE_RACES:
        _race(by_level["state_legislative"], row["chamber"], row["state"], row["district"], "primary",
              row["primary_date"], None, row["incumbent"], row["challengers"], "Democratic")
    for row in data.MUNICIPAL_RACES:
        party = "Nonpartisan" if row.get("nonpartisan") else "Democratic"
        _race(by_level["municipal"], row["office"], row["state"], row["district"], "primary",
              row["primary_date"], row["city"], row["incumbent"], row["challengers"], party)


def _seed_tables(people: dict[str, User]) -> dict[str, CoalitionTable]:
    by_level = {}
    admin = people["site_admin"]
    for spec in TABLES:
        table = db.session.scalar(select(CoalitionTable).where(CoalitionTable.name == spec["name"]))
        if table is None:
            table = tables.create_table(admin, name=spec["name"], level=spec["level"], cycle_year=CYCLE,
                                        state_code=None, city=None, threshold=spec["threshold"])
        for row in data.NATIONALS:
            national = _org(row["slug"])
            if row["slug"] not in spec["partners_except"] and national.id not in table.partner_ids:
                tables.add_partner(admin, table, national)
        if table.facilitator_assignment is None:
            tables.assign_facilitator(admin, table, people["facilitator"].email)
        by_level[spec["level"]] = table
    return by_level


def _seed_identity_providers(people: dict[str, User]) -> None:
    from portal.members.models import Invitation
    from portal.members.operations import invite
    from portal.sso import operations as sso
    from portal.sso.models import IdentityProvider
    for spec in DEMO_PROVIDERS:
        national = _org(spec["national"])
        provider = db.session.scalar(select(IdentityProvider).where(
            IdentityProvider.national_id == national.id, IdentityProvider.issuer == issuer(spec)))
        if provider is None:
            provider = sso.register_provider(people["site_admin"], national, name=spec["name"], issuer=issuer(spec),
                                             client_id="coalition-portal-demo", client_secret="demo-secret",
                                             domains=spec["domains"])
            for claim, value, slug, role in spec["rules"]:
                sso.add_rule(people["site_admin"], provider, claim=claim, value=value, organization=_org(slug),
                             role=role)
    for email, slug, role in DEMO_SSO_INVITATIONS:
        org = _org(slug)
        if db.session.scalar(select(Invitation.id).where(Invitation.email == email,
                                                         Invitation.organization_id == org.id)) is None:
            invite(people["national_admin"], org, email, role)


def seed() -> str:
    _seed_organizations()
    people = _seed_people()
    by_level = _seed_tables(people)
    _seed_races(by_level)
    _seed_identity_providers(people)
    last_notification = db.session.scalar(select(func.max(Notification.id))) or 0
    seed_declarations(people)
    # The coordination spaces build on the declarations (a candidate at critical mass).
    seed_demo_profiles(people)
    seed_demo_workgroups(db.session)
    seed_demo_meetings(people)
    # The demo's history happened before anyone started the portal: its mail counts as
    # delivered (the first request must not flush dozens of e-mails into the terminal);
    # the inboxes still show it.
    db.session.execute(update(Notification).where(Notification.id > last_notification,
                                                  Notification.sent_at.is_(None))
                       .values(sent_at=utcnow(), attempts=1).execution_options(synchronize_session=False))
    db.session.info.pop("notifications_waiting", None)
    db.session.flush()
    org_count = db.session.query(Organization).count()
    race_count = db.session.query(Race).count()
    return f"demo coalition ready: {org_count} organizations, {len(by_level)} tables, {race_count} races"
