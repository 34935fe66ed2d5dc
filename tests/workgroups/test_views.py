"""The working group pages over HTTP: who finds a group at all (404), who sees
it but may not act (403), the whole journey from convening to turnout, stale
edits refused with a clear message, and no page leaking a group's content."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.db import db
from portal.workgroups import operations, planning
from portal.workgroups.models import JointActivity, WorkingGroup, WorkingGroupNote
from tests.db_state import fingerprint
from tests.factories import page_text
from tests.workgroups.conftest import signed_in, soon

SECRET_PLACE = "Hall qzsecretplace"
SECRET_NOTE = "qzsecretnote: meet at the back door"


@pytest.fixture
def group(world, session):
    """Alpha joined, bringing Missouri only (so St. Louis, below it, reads too); Bravo declined;
    Charlie and Delta were invited and have not decided. An activity and a note carry secrets."""
    group = operations.convene(world.facilitator, world.table, world.cora)
    alpha = group.partner(world.alpha.id)
    operations.join(world.alpha_admin, group, alpha, affiliate_ids=[world.alpha_mo.id],
                    expected_version=alpha.version)
    bravo = group.partner(world.bravo.id)
    operations.decline(world.bravo_admin, group, bravo, bravo.version)
    operations.acknowledge(world.mo_leader, group)
    planning.add_activity(world.mo_leader, group, organization=world.alpha_mo, kind="doorknock", starts_at=soon(),
                          ends_at=None, place=SECRET_PLACE, link=None, lead_organization=world.alpha_mo,
                          expected_volunteers=15)
    planning.post_note(world.mo_leader, group, organization=world.alpha_mo, body=SECRET_NOTE)
    session.commit()
    return group


def _ids(group):
    activity = db.session.scalar(select(JointActivity.id).where(JointActivity.group_id == group.id))
    note = db.session.scalar(select(WorkingGroupNote.id).where(WorkingGroupNote.group_id == group.id))
    return activity, note


def _urls(group):
    activity, note = _ids(group)
    return {"GET": [f"/working-groups/{group.id}", f"/working-groups/activities/{activity}/edit",
                    f"/working-groups/notes/{note}/edit"],
            "POST": [f"/working-groups/{group.id}/{step}" for step in
                     ("join", "decline", "leave", "affiliates", "acknowledge", "close", "activities", "notes")]
            + [f"/working-groups/activities/{activity}/edit", f"/working-groups/notes/{note}/edit"]}


NOT_MEMBERS = ["ks_admin", "bravo_mo_leader", "echo_admin", "zulu_admin", "alpha_member_of_kansas", "site_admin"]


@pytest.mark.parametrize("who", NOT_MEMBERS)
def test_a_group_does_not_exist_for_anyone_outside_it(app, world, group, who):
    """Sibling affiliates not brought, a declined partner's affiliates, other partners at the same
    table, other nationals and the site admin: every group URL answers 404 and writes nothing."""
    if who == "alpha_member_of_kansas":
        from tests.factories import create_user, grant
        person = create_user("kc@people.example", "Kay Kansas")
        grant(person, world.alpha_ks, "member")
        db.session.commit()
    else:
        person = world.admin if who == "site_admin" else getattr(world, who)
    browser = signed_in(app, person)
    before = fingerprint()
    for method, urls in _urls(group).items():
        for url in urls:
            response = browser.get(url) if method == "GET" else browser.post(url, data={
                "version": "1", "body": "x", "national_id": str(world.alpha.id)})
            assert response.status_code == 404, f"{who} {method} {url}: {response.status_code}"
            assert SECRET_PLACE not in response.get_data(as_text=True)
    assert fingerprint() == before


def test_invited_staff_see_only_the_invitation(app, world, group):
    for who in ("charlie_admin", "bravo_admin"):  # invited, and declined (may still change its mind)
        page = signed_in(app, getattr(world, who)).get(f"/working-groups/{group.id}")
        assert page.status_code == 200
        text = page_text(page)
        assert "Cora Challenger" in text and "is invited" in text
        for secret in (SECRET_PLACE, SECRET_NOTE, "Alpha Missouri", "Alpha Alliance", "Delta Union"):
            assert secret not in text, f"{who} sees {secret!r}"
    assert "Not this time" not in page_text(signed_in(app, world.bravo_admin).get(f"/working-groups/{group.id}"))


@pytest.mark.parametrize("who,step", [
    ("charlie_admin", "activities"), ("charlie_admin", "notes"),     # invited, not a member yet
    ("stl_leader", "activities"), ("stl_leader", "notes"),           # below a brought affiliate: reads only
    ("alpha_member", "activities"),                                  # a member role writes nothing
    ("facilitator", "activities"),                                   # owns nothing
    ("facilitator", "join"), ("mo_leader", "join"), ("mo_leader", "leave"),  # partner decisions are staff's
    ("alpha_admin", "close"),                                        # closing is the facilitator's
])
def test_those_who_see_a_group_but_may_not_act_are_refused(app, world, group, who, step):
    browser = signed_in(app, getattr(world, who))
    before = fingerprint()
    response = browser.post(f"/working-groups/{group.id}/{step}", data={
        "version": "1", "body": "x", "kind": "event", "starts_at": "2030-01-01T10:00", "place": "x",
        "lead_organization_id": str(world.alpha_mo.id), "organization_id": str(world.alpha_mo.id),
        "expected_volunteers": "1"})
    assert response.status_code == 403
    assert fingerprint() == before


def test_only_the_lead_or_planning_organization_edits_an_activity(app, world, group):
    activity, note = _ids(group)
    for who in ("alpha_admin", "stl_leader", "facilitator"):
        browser = signed_in(app, getattr(world, who))
        assert browser.get(f"/working-groups/activities/{activity}/edit").status_code == 403
        assert browser.get(f"/working-groups/notes/{note}/edit").status_code == 403
    browser = signed_in(app, world.mo_leader)
    assert browser.get(f"/working-groups/activities/{activity}/edit").status_code == 200
    assert browser.get(f"/working-groups/notes/{note}/edit").status_code == 200


def test_the_journey_from_convening_to_turnout(app, world):
    facilitator = signed_in(app, world.facilitator)
    listing = facilitator.get(f"/tables/{world.table.id}/working-groups")
    assert listing.status_code == 200 and "Cora Challenger" in page_text(listing)
    assert "Ike Incumbent" not in page_text(listing)
    response = facilitator.post(f"/tables/{world.table.id}/working-groups/convene",
                                data={"candidate_id": str(world.cora.id)})
    assert response.status_code == 302
    group = db.session.scalar(select(WorkingGroup).where(WorkingGroup.candidate_id == world.cora.id))
    again = facilitator.post(f"/tables/{world.table.id}/working-groups/convene", data={"candidate_id": str(world.ike.id)})
    assert again.status_code == 422 and "not at or near critical mass" in page_text(again)

    alpha = signed_in(app, world.alpha_admin)
    invitations = page_text(alpha.get(f"/tables/{world.table.id}/working-groups"))
    assert "Invitations awaiting" in invitations and "Cora Challenger" in invitations
    page = alpha.get(f"/working-groups/{group.id}").get_data(as_text=True)
    checked = set(re.findall(r'<input checked[^>]*name="affiliate_ids"[^>]*value="(\d+)"', page))
    assert checked == {str(world.alpha_mo.id), str(world.alpha_stl.id)}, "by default: those in the race's state"
    joined = alpha.post(f"/working-groups/{group.id}/join", data={
        "national_id": str(world.alpha.id), "version": "1",
        "affiliate_ids": [str(world.alpha_mo.id), str(world.alpha_stl.id)]})
    assert joined.status_code == 302

    leader = signed_in(app, world.mo_leader)
    text = page_text(leader.get(f"/working-groups/{group.id}"))
    assert "No coordination with the campaign" in text and "Acknowledge the notice above" in text
    refused = leader.post(f"/working-groups/{group.id}/notes", data={"note_organization_id": str(world.alpha_mo.id),
                                                                     "body": "Hello"})
    assert refused.status_code == 422 and "Acknowledge the notice" in page_text(refused)
    assert leader.post(f"/working-groups/{group.id}/acknowledge").status_code == 302
    assert "You acknowledged this notice" in page_text(leader.get(f"/working-groups/{group.id}"))
    starts = soon().strftime("%Y-%m-%dT%H:%M")
    bad = leader.post(f"/working-groups/{group.id}/activities", data={
        "organization_id": str(world.alpha_mo.id), "kind": "phonebank", "starts_at": starts, "place": "",
        "link": "", "lead_organization_id": str(world.alpha_mo.id), "expected_volunteers": "10"})
    assert bad.status_code == 422 and "Give the place, or a link" in page_text(bad)
    added = leader.post(f"/working-groups/{group.id}/activities", data={
        "organization_id": str(world.alpha_mo.id), "kind": "phonebank", "starts_at": starts, "place": "",
        "link": "https://calls.example/room", "lead_organization_id": str(world.alpha_stl.id),
        "expected_volunteers": "10"})
    assert added.status_code == 302
    activity = db.session.scalar(select(JointActivity).where(JointActivity.group_id == group.id))
    shown = page_text(leader.get(f"/working-groups/{group.id}"))
    assert "Phonebank" in shown and "Alpha St. Louis" in shown and "online link" in shown

    # Two tabs: the St. Louis leader saves first, the stale tab is refused with a clear message.
    form = {"kind": "phonebank", "starts_at": starts, "place": "", "link": "https://calls.example/room",
            "lead_organization_id": str(world.alpha_stl.id), "expected_volunteers": "12",
            "version": str(activity.version)}
    stl = signed_in(app, world.stl_leader)
    assert stl.post(f"/working-groups/{group.id}/acknowledge").status_code == 302
    assert stl.post(f"/working-groups/activities/{activity.id}/edit", data=form).status_code == 302
    stale = leader.post(f"/working-groups/activities/{activity.id}/edit", data=form | {"expected_volunteers": "30"})
    assert stale.status_code == 409 and "changed by someone else" in page_text(stale)
    db.session.expire_all()
    assert db.session.get(JointActivity, activity.id).expected_volunteers == 12

    note = leader.post(f"/working-groups/{group.id}/notes", data={"note_organization_id": str(world.alpha_mo.id),
                                                                  "body": "Scripts are ready"})
    assert note.status_code == 302
    seen = page_text(facilitator.get(f"/working-groups/{group.id}"))
    assert "Scripts are ready" in seen and "Alpha Alliance joined the working group for Cora Challenger" in seen
    assert facilitator.post(f"/working-groups/{group.id}/close", data={"version": str(group.version)}).status_code == 302


def test_a_group_leaks_into_no_table_page_for_outsiders(app, world, group):
    """The table's own pages (overview, declarations, matrix, facilitator log, group list) show
    nothing of a group to partners outside it."""
    pages = [f"/tables/{world.table.id}", f"/tables/{world.table.id}/working-groups",
             f"/tables/{world.table.id}/declarations", f"/tables/{world.table.id}/facilitator-log",
             f"/tables/{world.table.id}/matrix", "/"]
    for who in ("echo_admin", "ks_admin", "bravo_mo_leader"):
        browser = signed_in(app, getattr(world, who))
        for url in pages:
            body = browser.get(url).get_data(as_text=True)
            for secret in (SECRET_PLACE, SECRET_NOTE, f"/working-groups/{group.id}"):
                assert secret not in body, f"{who} sees {secret!r} on {url}"
    # An invited partner's staff find the invitation, but none of the group's content.
    browser = signed_in(app, world.delta_admin)
    for url in pages:
        body = browser.get(url).get_data(as_text=True)
        assert SECRET_PLACE not in body and SECRET_NOTE not in body and "Alpha Missouri" not in body
