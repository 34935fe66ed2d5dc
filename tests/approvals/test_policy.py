"""A national's approval policy: its admins decide, per table level and kind,
whether affiliates' declarations wait for approval and how widely they may
be shared."""
from __future__ import annotations

from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.declarations.policies import effective_policy
from portal.approvals.forms import POLICY_CELLS, approval_field, visibility_field
from tests.approvals.conftest import endorse, pledge
from tests.db_state import fingerprint
from tests.factories import page_text


def grid(changes: dict | None = None) -> dict:
    """The form as the page sends it: the defaults (approval needed, shared at
    most with the table), with `changes` applied."""
    form = {}
    for level, kind in POLICY_CELLS:
        form[approval_field(level, kind)] = "y"
        form[visibility_field(level, kind)] = "table"
    for name, value in (changes or {}).items():
        if value is None:
            form.pop(name)
        else:
            form[name] = value
    return form


def test_federal_endorsements_that_need_no_approval_are_approved_at_once(world, session, sign_in):
    browser = sign_in(world["ana"])
    page = browser.get(f"/orgs/{world['alpha'].id}/approval-policy")
    assert page.status_code == 200 and "Federal (U.S. House)" in page_text(page)
    response = browser.post(f"/orgs/{world['alpha'].id}/approval-policy",
                            grid({approval_field("federal", "endorsement"): None}), follow_redirects=True)
    assert "Approval policy saved (1 change)" in page_text(response)
    session.expire_all()
    assert not effective_policy(world["alpha"].id, "federal", "endorsement").requires_approval
    assert effective_policy(world["alpha"].id, "federal", "pledge").requires_approval
    [changed] = session.scalars(select(AuditEvent).where(AuditEvent.action == "policy.changed")).all()
    assert (changed.actor_id, changed.organization_id) == (world["ana"].id, world["alpha"].id)
    assert changed.after["requires_approval"] is False

    endorsement = endorse(world, "lou", "alpha_stl")
    assert endorsement.pending is None and endorsement.current.status == "approved"
    assert pledge(world, "lou", "alpha_stl").pending is not None, "pledges still wait"
    # Another national's affiliates keep the default.
    assert endorse(world, "ben", "bravo_mo").pending is not None


def test_maximum_visibility_is_saved_and_applied(world, session, sign_in):
    browser = sign_in(world["ana"])
    assert browser.post(f"/orgs/{world['alpha'].id}/approval-policy",
                        grid({visibility_field("federal", "pledge"): "own"})).status_code == 302
    session.expire_all()
    assert effective_policy(world["alpha"].id, "federal", "pledge").max_visibility == "own"


def test_a_bad_or_partial_grid_is_refused_and_changes_nothing(world, sign_in):
    browser = sign_in(world["ana"])
    before = fingerprint()
    bad = browser.post(f"/orgs/{world['alpha'].id}/approval-policy",
                       grid({visibility_field("municipal", "endorsement"): "everyone"}))
    partial = browser.post(f"/orgs/{world['alpha'].id}/approval-policy",
                           grid({visibility_field("municipal", "endorsement"): None}))
    assert (bad.status_code, partial.status_code) == (422, 422)
    assert fingerprint() == before


def test_only_the_nationals_admins_manage_its_policy(world, sign_in):
    url = f"/orgs/{world['alpha'].id}/approval-policy"
    # A state admin does not even see the national; the national's approver sees it but may not.
    assert sign_in(world["sue"]).get(url).status_code == 404
    assert sign_in(world["sue"]).get(f"/orgs/{world['alpha_mo'].id}/approval-policy").status_code == 403
    assert sign_in(world["abe"]).get(url).status_code == 403
    assert sign_in(world["bea"]).get(url).status_code == 404
    approver = sign_in(world["abe"])
    before = fingerprint()
    assert approver.post(url, grid()).status_code == 403
    assert fingerprint() == before


def test_the_national_page_links_the_policy_for_its_admins_only(world, sign_in):
    link = f'/orgs/{world["alpha"].id}/approval-policy"'
    assert link in sign_in(world["ana"]).get(f"/orgs/{world['alpha'].id}").get_data(as_text=True)
    assert link not in sign_in(world["abe"]).get(f"/orgs/{world['alpha'].id}").get_data(as_text=True)
