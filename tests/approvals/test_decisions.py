"""Deciding from the queue: approve in bulk, reject one at a time with a
reason; each item is decided on its own and only by staff above it."""
from __future__ import annotations

from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.declarations.models import DeclarationRevision
from tests.approvals.conftest import endorse, pledge
from tests.db_state import fingerprint
from tests.factories import grant, page_text


def status_of(session, *revision_ids) -> list[str]:
    session.expire_all()
    return [session.get(DeclarationRevision, rid).status for rid in revision_ids]


def test_bulk_approval_decides_every_ticked_item(world, session, sign_in):
    ids = [endorse(world, "lou", "alpha_stl").pending.id, pledge(world, "kit", "alpha_kc").pending.id,
           pledge(world, "mo_leader", "alpha_mo").pending.id]
    session.commit()
    response = sign_in(world["abe"]).post("/approvals/decide", {"revision_ids": [str(i) for i in ids],
                                                               "decision": "approve"}, follow_redirects=True)
    assert response.status_code == 200
    assert "Approved 3" in page_text(response)
    assert status_of(session, *ids) == ["approved"] * 3
    decided = session.scalars(select(AuditEvent).where(AuditEvent.action.like("%.approved"))).all()
    assert {e.actor_id for e in decided} == {world["abe"].id} and len(decided) == 3
    assert "Nothing waits for you" in page_text(response)


def test_rejecting_needs_a_reason_and_writes_nothing_without_one(world, session, sign_in):
    revision = endorse(world, "lou", "alpha_stl").pending
    session.commit()
    browser = sign_in(world["abe"])
    before = fingerprint()
    response = browser.post(f"/approvals/{revision.id}/reject", {"reason": "   "})
    assert response.status_code == 422
    assert "Say why you reject it" in page_text(response)
    assert fingerprint() == before

    response = browser.post(f"/approvals/{revision.id}/reject", {"reason": "Not our race"}, follow_redirects=True)
    assert "Rejected Alpha St. Louis's endorsement" in page_text(response)
    session.expire_all()
    rejected = session.get(DeclarationRevision, revision.id)
    assert (rejected.status, rejected.reason, rejected.decided_by_id) == ("rejected", "Not our race", world["abe"].id)


def test_a_second_decision_names_who_decided_first_and_the_rest_of_the_batch_is_still_decided(world, session,
                                                                                                sign_in):
    first = endorse(world, "lou", "alpha_stl").pending.id
    second = pledge(world, "kit", "alpha_kc").pending.id
    session.commit()
    assert sign_in(world["abe"]).post("/approvals/decide", {"revision_ids": [str(first)],
                                                            "decision": "approve"}).status_code == 302
    response = sign_in(world["ana"]).post("/approvals/decide", {"revision_ids": [str(first), str(second)],
                                                                "decision": "approve"}, follow_redirects=True)
    text = page_text(response)
    assert "This was already approved by Abe Approver at" in text
    assert "Approved 1" in text
    assert status_of(session, first, second) == ["approved", "approved"]
    session.expire_all()
    assert session.get(DeclarationRevision, first).decided_by_id == world["abe"].id

    again = sign_in(world["sam"]).post(f"/approvals/{first}/reject", {"reason": "too late"}, follow_redirects=True)
    assert "already approved by Abe Approver" in page_text(again)


def test_a_submitter_who_is_also_an_approver_cannot_approve_their_own(world, session, sign_in):
    grant(world["lou"], world["alpha"], "approver")
    own = endorse(world, "lou", "alpha_stl").pending.id
    other = pledge(world, "kit", "alpha_kc").pending.id
    session.commit()
    browser = sign_in(world["lou"])
    queue = browser.get("/approvals").get_data(as_text=True)
    assert "You submitted this: another approver decides it." in page_text(browser.get("/approvals"))
    assert f'name="revision_ids" value="{own}"' not in queue

    response = browser.post("/approvals/decide", {"revision_ids": [str(own), str(other)], "decision": "approve"},
                            follow_redirects=True)
    assert "Nobody approves their own declaration" in page_text(response)
    assert status_of(session, own, other) == ["pending", "approved"]
    refused = browser.post(f"/approvals/{own}/reject", {"reason": "changed my mind"})
    assert refused.status_code == 422 and "Nobody approves their own declaration" in page_text(refused)
    assert status_of(session, own) == ["pending"]


def test_the_facilitator_and_leaders_may_not_decide(world, session, sign_in):
    revision = endorse(world, "lou", "alpha_stl").pending.id
    session.commit()
    facilitator, leader = sign_in(world["facilitator"]), sign_in(world["lou"])
    before = fingerprint()
    assert facilitator.post("/approvals/decide", {"revision_ids": [str(revision)],
                                                  "decision": "approve"}).status_code == 403
    assert facilitator.post(f"/approvals/{revision}/reject", {"reason": "no"}).status_code == 403  # knows the partner, may not decide (the 403)
    # The submitting organization's own leader sees it, but only staff above decide it.
    assert leader.post(f"/approvals/{revision}/reject", {"reason": "no"}).status_code == 403
    assert leader.post("/approvals/decide", {"revision_ids": [str(revision)], "decision": "approve"}
                       ).status_code == 403
    assert fingerprint() == before


def test_foreign_or_sideways_ids_in_a_batch_refuse_the_whole_batch(world, session, sign_in):
    own_tree = endorse(world, "lou", "alpha_stl").pending.id
    foreign = endorse(world, "ben", "bravo_mo").pending.id
    kansas = pledge(world, "kit", "alpha_kc").pending.id
    session.commit()
    national, state = sign_in(world["abe"]), sign_in(world["sam"])
    before = fingerprint()
    assert national.post("/approvals/decide", {"revision_ids": [str(own_tree), str(foreign)],
                                               "decision": "approve"}).status_code == 404
    assert national.post("/approvals/decide", {"revision_ids": [str(own_tree), "999999"],
                                               "decision": "approve"}).status_code == 404
    assert national.post(f"/approvals/{foreign}/reject", {"reason": "no"}).status_code == 404
    # A state approver decides its own locals only, never the sibling state's.
    assert state.post("/approvals/decide", {"revision_ids": [str(own_tree), str(kansas)],
                                            "decision": "approve"}).status_code == 404
    assert fingerprint() == before


def test_bulk_only_approves_and_a_damaged_form_is_refused(world, session, sign_in):
    revision = endorse(world, "lou", "alpha_stl").pending.id
    session.commit()
    browser = sign_in(world["abe"])
    before = fingerprint()
    assert browser.post("/approvals/decide", {"revision_ids": [str(revision)],
                                              "decision": "reject"}).status_code == 400
    assert browser.post("/approvals/decide", {"revision_ids": ["x1"], "decision": "approve"}).status_code == 400
    assert browser.post("/approvals/decide", {"revision_ids": ["99999999999999999999"],
                                              "decision": "approve"}).status_code == 400
    nothing = browser.post("/approvals/decide", {"decision": "approve"})
    assert nothing.status_code == 422 and "Tick the declarations you approve" in page_text(nothing)
    assert fingerprint() == before


def test_an_id_beyond_the_database_range_is_simply_not_found(world, sign_in):
    """PostgreSQL refuses such a query outright; the person gets a 404, not a 500."""
    browser = sign_in(world["abe"])
    assert browser.post("/approvals/99999999999999/reject", {"reason": "x"}).status_code == 404
    assert browser.get("/orgs/99999999999999/activity").status_code == 404
