"""The demo profiles load on top of the demo coalition, twice without change."""
from __future__ import annotations

from sqlalchemy import select

from portal.auth.models import User
from portal.demo.data import DEMO_PERSONAS
from portal.demo.profiles import seed_demo_profiles
from portal.demo.seed import seed
from portal.profiles.models import ProfileCorrection, ProfileFact
from tests.db_state import fingerprint


def _people(session) -> dict:
    return {p["key"]: session.scalar(select(User).where(User.email == p["email"])) for p in DEMO_PERSONAS}


def test_the_demo_profiles_are_believable_and_idempotent(app, session):
    seed()
    facts = seed_demo_profiles(_people(session))
    session.commit()
    assert facts >= 8
    corrections = session.scalars(select(ProfileCorrection)).all()
    assert {c.status for c in corrections} == {"accepted", "pending"}
    credited = session.scalars(select(ProfileFact).where(ProfileFact.suggested_by_organization_id.isnot(None))).all()
    assert [f.label for f in credited] == ["Housing"]
    assert {f.section for f in session.scalars(select(ProfileFact))} == {"biography", "race", "position", "link"}
    before = fingerprint()
    assert seed_demo_profiles(_people(session)) == facts
    session.commit()
    assert fingerprint() == before, "a second seed changed the database"
