"""The demo working group (portal/demo/workgroups.py), after the demo coalition."""
from __future__ import annotations

from sqlalchemy import select

from portal.demo.seed import seed
from portal.demo.workgroups import seed_demo_workgroups
from portal.workgroups.models import WorkingGroup
from portal.workgroups.queries import activities_of, notes_of
from tests.db_state import fingerprint


def test_the_demo_convenes_one_group_with_two_partners_and_plans(app, session):
    seed()  # the demo coalition seeds its working group too
    session.commit()
    [group] = session.scalars(select(WorkingGroup)).all()
    assert group.candidate.name == "Jamal Okoro"
    statuses = {p.national.slug: p.status for p in group.partners}
    assert statuses["working-families-network"] == "joined" and statuses["climate-justice-action"] == "joined"
    assert statuses["united-service-workers-alliance"] == "declined"
    assert {o.slug for o in (a.organization for a in group.affiliates)} >= {"wfn-mo", "wfn-mo-st-louis", "cja-mo"}
    assert len(activities_of(group)) == 2 and len(notes_of(group)) == 2
    before = fingerprint()
    assert seed_demo_workgroups(None) == 0
    session.commit()
    assert fingerprint() == before, "a second run changed the database"
