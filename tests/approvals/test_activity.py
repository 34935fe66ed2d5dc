"""An organization's activity page: its own audit events, and its whole
subtree's for admins and approvers there or above."""
from __future__ import annotations

from portal.audit.operations import record
from tests.approvals.conftest import endorse
from tests.factories import page_text


def activity(browser, org, query=""):
    return browser.get(f"/orgs/{org.id}/activity{query}")


def test_a_national_admin_sees_a_locals_declaration_event(world, session, sign_in):
    endorse(world, "lou", "alpha_stl", note="first look")
    session.commit()
    response = activity(sign_in(world["ana"]), world["alpha"])
    assert response.status_code == 200
    text = page_text(response)
    assert "Alpha St. Louis: endorsement for Cora Candidate (MO-01, primary) (awaiting approval)" in text
    assert "Lou Leader" in text and "note: first look" in text


def test_a_state_approver_follows_its_locals_but_a_state_leader_only_the_state(world, session, sign_in):
    endorse(world, "lou", "alpha_stl")
    session.commit()
    assert "Alpha St. Louis: endorsement" in page_text(activity(sign_in(world["sam"]), world["alpha_mo"]))
    leader_view = page_text(activity(sign_in(world["mo_leader"]), world["alpha_mo"]))
    assert "State affiliate “Alpha Missouri” created" in leader_view
    assert "Alpha St. Louis" not in leader_view


def test_a_sibling_states_leader_does_not_find_the_other_states_activity(world, session, sign_in):
    endorse(world, "lou", "alpha_stl")
    session.commit()
    browser = sign_in(world["kas"])
    assert activity(browser, world["alpha_mo"]).status_code == 404
    assert activity(browser, world["alpha_stl"]).status_code == 404
    assert activity(sign_in(world["bea"]), world["alpha"]).status_code == 404


def test_a_local_leader_sees_only_their_own_organizations_events(world, session, sign_in):
    endorse(world, "lou", "alpha_stl")
    endorse(world, "kit", "alpha_kc")
    session.commit()
    browser = sign_in(world["lou"])
    text = page_text(activity(browser, world["alpha_stl"]))
    assert "Alpha St. Louis: endorsement" in text
    assert "Kansas" not in text and "Alpha Missouri” created" not in text
    assert activity(browser, world["alpha_mo"]).status_code == 404
    assert activity(browser, world["alpha"]).status_code == 404


def test_the_activity_page_is_paginated_by_fifty(world, session, sign_in):
    for n in range(60):
        record(world["lou"], "test.event", world["alpha_stl"], f"Event number {n:02d}",
               organization=world["alpha_stl"])
    session.commit()
    browser = sign_in(world["lou"])
    first = page_text(activity(browser, world["alpha_stl"]))
    assert "Event number 59" in first and "Event number 10" in first and "Event number 09" not in first
    assert "Older →" in first
    second = page_text(activity(browser, world["alpha_stl"], "?page=2"))
    assert "Event number 09" in second and "Event number 10" not in second and "← Newer" in second
    assert "no events on page 9" in page_text(activity(browser, world["alpha_stl"], "?page=9"))


def test_a_bad_page_number_is_a_400(world, sign_in):
    browser = sign_in(world["lou"])
    for bad in ("abc", "0", "-1", "1.5", "²", "9" * 40):
        response = activity(browser, world["alpha_stl"], f"?page={bad}")
        assert response.status_code == 400, bad
        assert "whole number" in page_text(response)


def test_the_organization_page_links_the_activity(world, sign_in):
    link = f'/orgs/{world["alpha_stl"].id}/activity"'
    assert link in sign_in(world["lou"]).get(f"/orgs/{world['alpha_stl'].id}").get_data(as_text=True)
