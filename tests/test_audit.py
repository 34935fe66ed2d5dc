"""The audit trail (issue #2): append-only in the database itself, and every
change of the happy paths leaves a record of who, what, when, before and after."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from portal.audit.models import AuditEvent
from portal.audit.operations import record
from portal.db import db
from portal.members.models import Membership
from portal.orgs.models import Organization
from portal.races.models import Race
from tests.conftest import Browser
from tests.factories import (
    PASSWORD, create_local, create_national, create_state, create_table, create_user, grant, page_text,
)

GUARD = "audit_events is append-only"


def signed_in(app, user) -> Browser:
    browser = Browser(app.test_client())
    assert browser.sign_in(user.email, PASSWORD).status_code == 302, "sign-in failed"
    return browser


def events(session, action: str) -> list[AuditEvent]:
    session.expire_all()
    return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


# --- append-only -----------------------------------------------------------------------------

@pytest.fixture
def trail(session):
    national = create_national("Sunrise Network")
    create_state(national, "MO", "Sunrise Missouri")
    session.commit()
    rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert len(rows) == 2
    return [(row.id, row.summary) for row in rows]


def assert_trail_intact(session, trail):
    session.rollback()
    session.expire_all()
    assert [(row.id, row.summary) for row in session.scalars(select(AuditEvent).order_by(AuditEvent.id))] == trail


def test_sql_update_of_the_audit_trail_is_refused_by_the_database(session, trail):
    with pytest.raises(DBAPIError, match=GUARD):
        session.execute(text("UPDATE audit_events SET summary = 'rewritten'"))
    assert_trail_intact(session, trail)


def test_sql_delete_of_the_audit_trail_is_refused_by_the_database(session, trail):
    with pytest.raises(DBAPIError, match=GUARD):
        session.execute(text("DELETE FROM audit_events"))
    assert_trail_intact(session, trail)


def test_a_targeted_update_or_delete_of_one_record_is_refused_too(session, trail):
    first_id = trail[0][0]
    with pytest.raises(DBAPIError, match=GUARD):
        session.execute(update(AuditEvent).where(AuditEvent.id == first_id).values(actor_id=None))
    session.rollback()
    with pytest.raises(DBAPIError, match=GUARD):
        session.execute(delete(AuditEvent).where(AuditEvent.id == first_id))
    assert_trail_intact(session, trail)


def test_orm_changes_to_an_audit_record_are_refused(session, trail):
    event = session.get(AuditEvent, trail[0][0])
    event.summary = "nothing happened here"
    with pytest.raises(DBAPIError, match=GUARD):
        session.flush()
    session.rollback()
    session.delete(session.get(AuditEvent, trail[1][0]))
    with pytest.raises(DBAPIError, match=GUARD):
        session.flush()
    assert_trail_intact(session, trail)


def test_a_separate_connection_cannot_rewrite_the_trail_either(session, trail):
    with db.engine.connect() as connection:
        with pytest.raises(DBAPIError, match=GUARD):
            connection.execute(text("UPDATE audit_events SET summary = 'rewritten' WHERE id = :id"),
                               {"id": trail[0][0]})
        connection.rollback()
    assert_trail_intact(session, trail)


def test_appending_to_the_trail_still_works(session, trail):
    record(None, "test.appended", None, "one more")
    session.commit()
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == 3


# --- every change of the happy paths leaves a record -----------------------------------------

@pytest.fixture
def people(session):
    site_admin = create_user("root@example.org", "Site Admin", site_admin=True)
    national = create_national("Sunrise Network")
    mo = create_state(national, "MO", "Sunrise Missouri")
    stl = create_local(national, "St. Louis", "Sunrise St. Louis", state_code="MO")
    admin = create_user("ada@sunrise.example", "Ada Admin")
    grant(admin, national, "admin")
    session.commit()
    return {"site_admin": site_admin, "national": national, "mo": mo, "stl": stl, "admin": admin}


def test_creating_a_national_and_an_affiliate_is_audited(session, people, app):
    browser = signed_in(app, people["site_admin"])
    assert browser.post("/orgs/new-national", {"name": "Justice Coalition", "legal_status": "501c3"}
                        ).status_code == 302
    national = session.scalar(select(Organization).where(Organization.name == "Justice Coalition"))
    assert browser.post(f"/orgs/{national.id}/affiliates/new", {"kind": "state", "name": "Justice Ohio",
                                                                "state_code": "OH", "city": "",
                                                                "legal_status": "501c3"}).status_code == 302
    state = session.scalar(select(Organization).where(Organization.name == "Justice Ohio"))
    created = [e for e in events(session, "org.created") if e.subject_id in (national.id, state.id)]
    assert [(e.subject_id, e.actor_id, e.national_id) for e in created] == [
        (national.id, people["site_admin"].id, national.id), (state.id, people["site_admin"].id, national.id)]
    assert created[1].after["state_code"] == "OH" and created[1].after["parent_id"] == national.id
    assert created[1].remote_addr == "127.0.0.1"
    assert created[1].occurred_at is not None


def test_an_invitation_and_its_acceptance_are_audited(session, people, app):
    browser = signed_in(app, people["admin"])
    response = browser.post(f"/orgs/{people['mo'].id}/invitations/new", {"email": "kim@example.org",
                                                                         "role": "leader"}, follow_redirects=True)
    token = re.search(r"/invitations/accept/([A-Za-z0-9_\-]+)", page_text(response)).group(1)
    [invited] = events(session, "invitation.created")
    assert (invited.actor_id, invited.organization_id, invited.after) == (
        people["admin"].id, people["mo"].id, {"email": "kim@example.org", "role": "leader"})
    assert token not in str(invited.after) and token not in invited.summary  # the secret is not in the trail

    newcomer = Browser(app.test_client())
    newcomer.refresh_csrf(f"/invitations/accept/{token}")
    assert newcomer.post(f"/invitations/accept/{token}", {"name": "Kim", "password": "a long password",
                                                          "confirm": "a long password"}).status_code == 302
    [accepted] = events(session, "invitation.accepted")
    kim = session.scalar(select(Membership).where(Membership.organization_id == people["mo"].id))
    assert accepted.actor_id == kim.user_id and accepted.subject_id == invited.subject_id
    assert accepted.after == {"membership_id": kim.id, "role": "leader"}


def test_a_role_change_is_audited_with_before_and_after(session, people, app):
    leader = create_user("lee@sunrise.example", "Lee Leader")
    membership = grant(leader, people["stl"], "leader")
    session.commit()
    browser = signed_in(app, people["admin"])
    assert browser.post(f"/memberships/{membership.id}/edit", {"role": "member", "version": str(membership.version)}
                        ).status_code == 302
    [changed] = events(session, "membership.role_changed")
    assert (changed.actor_id, changed.subject_id, changed.organization_id, changed.national_id) == (
        people["admin"].id, membership.id, people["stl"].id, people["national"].id)
    assert (changed.before, changed.after) == ({"role": "leader"}, {"role": "member"})


def test_a_move_and_an_archive_are_audited(session, people, app):
    browser = signed_in(app, people["admin"])
    stl = people["stl"]
    assert browser.post(f"/orgs/{stl.id}/move", {"new_parent_id": people["mo"].id}).status_code == 302
    assert browser.post(f"/orgs/{stl.id}/archive").status_code == 302
    [moved] = events(session, "org.moved")
    assert (moved.actor_id, moved.subject_id) == (people["admin"].id, stl.id)
    assert (moved.before, moved.after) == ({"parent_id": people["national"].id}, {"parent_id": people["mo"].id})
    [archived] = events(session, "org.archived")
    assert archived.actor_id == people["admin"].id
    assert archived.before["archived_at"] is None and archived.after["archived_at"] is not None


def test_table_partner_facilitator_race_and_candidate_changes_are_audited(session, people, app):
    facilitator = create_user("fay@neutral.example", "Fay Facilitator")
    table = create_table("Federal 2026", admin=people["site_admin"])
    session.commit()
    admin = signed_in(app, people["site_admin"])
    assert admin.post(f"/tables/{table.id}/partners", {"national_id": people["national"].id}).status_code == 302
    assert admin.post(f"/tables/{table.id}/facilitator", {"email": facilitator.email}).status_code == 302
    fay = signed_in(app, facilitator)
    assert fay.post(f"/tables/{table.id}/races/new", {"office": "us_house", "state_code": "MO", "district": "MO-01",
                                                      "city": "", "stage": "primary",
                                                      "election_date": "2026-08-04"}).status_code == 302
    race = session.scalar(select(Race).where(Race.table_id == table.id))
    assert fay.post(f"/races/{race.id}/candidates/new", {"name": "Cori Challenger", "party": "Democratic"}
                    ).status_code == 302

    [partner] = events(session, "table.partner_added")
    assert (partner.actor_id, partner.table_id, partner.organization_id) == (
        people["site_admin"].id, table.id, people["national"].id)
    [assigned] = events(session, "table.facilitator_assigned")
    assert (assigned.actor_id, assigned.after) == (people["site_admin"].id, {"user_id": facilitator.id})
    [race_event] = events(session, "race.created")
    assert (race_event.actor_id, race_event.table_id, race_event.subject_id) == (facilitator.id, table.id, race.id)
    assert race_event.after["district"] == "MO-01" and race_event.after["election_date"] == "2026-08-04"
    [candidate_event] = events(session, "candidate.created")
    assert candidate_event.actor_id == facilitator.id
    assert candidate_event.after == {"name": "Cori Challenger", "party": "Democratic", "is_incumbent": False,
                                     "race_id": race.id}


def test_a_refused_change_leaves_no_audit_record(session, people, app):
    browser = signed_in(app, people["admin"])
    before = session.scalar(select(func.count()).select_from(AuditEvent))
    response = browser.post(f"/orgs/{people['national'].id}/affiliates/new",
                            {"kind": "state", "name": "Sunrise Missouri", "state_code": "MO", "city": "",
                             "legal_status": "501c4"})
    assert response.status_code == 409
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == before
