"""The declaration workflow end to end, without HTTP."""

import pytest

from portal.access.declarations import can_see_revision
from portal.approvals.operations import decide
from portal.db import utcnow
from portal.declarations.operations import declare, revise
from portal.errors import InvalidInput
from tests.factories import create_local, create_national, create_race, create_state, create_table, create_user, grant


@pytest.fixture
def world(app, session):
    national = create_national("Alpha Alliance")
    mo = create_state(national, "MO", "Alpha Missouri")
    stl = create_local(mo, "St. Louis", "Alpha St. Louis")
    other = create_national("Bravo Network")
    other_mo = create_state(other, "MO", "Bravo Missouri")
    facilitator = create_user("fac@neutral.example", "Fay")
    table = create_table("Federal", partners=[national, other], facilitator=facilitator)
    race = create_race(table, "MO-01", candidates=["Cora Candidate"])
    leader = create_user("lou@alpha.example", "Lou Leader")
    grant(leader, stl, "leader")
    approver = create_user("abe@alpha.example", "Abe Approver")
    grant(approver, national, "approver")
    partner = create_user("bea@bravo.example", "Bea")
    grant(partner, other_mo, "member")
    session.commit()
    return locals()


def endorse(w, key="k1", visibility="table"):
    return declare(w["leader"], w["stl"], w["table"], kind="endorsement", race=w["race"],
                   candidate=w["race"].candidates[0], stage="primary", submission_key=key, stance="endorsed",
                   visibility=visibility, note="secret note")


def test_an_affiliate_endorsement_waits_for_its_national_then_is_shared(world, session):
    declaration = endorse(world)
    pending = declaration.pending
    now = utcnow()
    assert pending is not None and declaration.current is None
    assert can_see_revision(world["leader"], declaration, pending, now)
    assert can_see_revision(world["approver"], declaration, pending, now)
    assert not can_see_revision(world["partner"], declaration, pending, now)
    assert not can_see_revision(world["facilitator"], declaration, pending, now)

    decide(world["approver"], pending, approve=True)
    assert declaration.current.id == pending.id
    assert can_see_revision(world["partner"], declaration, declaration.current, now)
    assert can_see_revision(world["facilitator"], declaration, declaration.current, now)


def test_the_same_form_twice_creates_one_declaration(world):
    assert endorse(world, key="same").id == endorse(world, key="same").id


def test_nobody_approves_their_own_declaration(world, session):
    grant(world["leader"], world["national"], "approver")
    declaration = endorse(world)
    with pytest.raises(InvalidInput):
        decide(world["leader"], declaration.pending, approve=True)


def test_editing_an_approved_declaration_keeps_it_in_force_until_approved(world):
    declaration = endorse(world)
    first = declaration.pending
    decide(world["approver"], first, approve=True)
    revise(world["leader"], declaration, expected_version=declaration.version, stance="withdrawn",
           visibility="table", note="changed our mind")
    assert declaration.current.id == first.id and declaration.pending.stance == "withdrawn"
    assert not can_see_revision(world["partner"], declaration, declaration.pending, utcnow())
