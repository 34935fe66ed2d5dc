"""The demo coalition loads into an empty database, twice without change."""
from sqlalchemy import func, select

from portal.demo.data import DEMO_PERSONAS
from portal.demo.seed import seed
from portal.members.models import Membership
from portal.orgs.models import Organization
from portal.races.models import Candidate, Race
from portal.tables.models import CoalitionTable
from tests.db_state import fingerprint


def test_the_demo_coalition_is_believable_and_idempotent(app, session):
    seed()
    session.commit()
    nationals = session.scalars(select(Organization).where(Organization.kind == "national")).all()
    assert len(nationals) >= 10
    assert len({n.legal_status for n in nationals}) >= 5
    states = session.scalars(select(Organization.state_code).where(Organization.kind == "state").distinct()).all()
    assert len(states) >= 12
    cities = session.scalars(select(Organization.city).where(Organization.kind == "local").distinct()).all()
    assert len(cities) >= 30
    assert {t.level for t in session.scalars(select(CoalitionTable))} == {"federal", "state_legislative", "municipal"}
    assert session.scalar(select(func.count()).select_from(Race)) > 50
    assert session.scalar(select(func.count()).select_from(Candidate)) > 100
    assert session.scalar(select(func.count()).select_from(Membership)) == len(
        [p for p in DEMO_PERSONAS if p["org"]]) + 1

    before = fingerprint()
    seed()
    session.commit()
    assert fingerprint() == before, "a second seed changed the database"


def test_every_demo_login_signs_in(app, session, browser):
    seed()
    session.commit()
    from portal.demo.seed import DEMO_PASSWORD
    for persona in DEMO_PERSONAS:
        response = browser.sign_in(persona["email"], DEMO_PASSWORD)
        assert response.status_code == 302, persona["key"]
        assert browser.get("/").status_code == 200
        browser.post("/sign-out")
