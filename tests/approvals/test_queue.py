"""The approval queue shows affiliates' pending declarations below the
person's organizations, and nothing of any other tree."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from portal.approvals.operations import decide
from portal.db import db
from portal.declarations.operations import revise
from tests.approvals.conftest import endorse, pledge
from tests.factories import page_text


def queue_text(browser, query="") -> str:
    response = browser.get(f"/approvals{query}")
    assert response.status_code == 200
    return page_text(response)


def test_the_queue_shows_only_items_below_the_persons_organizations(world, session, sign_in):
    endorse(world, "lou", "alpha_stl", note="stl plan")
    endorse(world, "kit", "alpha_kc", note="kc plan")
    endorse(world, "ben", "bravo_mo", note="bravo plan")
    session.commit()

    national = queue_text(sign_in(world["abe"]))
    assert "stl plan" in national and "kc plan" in national
    assert "bravo plan" not in national and "Bravo Missouri" not in national

    other_national = queue_text(sign_in(world["bea"]))
    assert "bravo plan" in other_national
    assert "stl plan" not in other_national and "kc plan" not in other_national

    state = queue_text(sign_in(world["sam"]))
    assert "stl plan" in state
    assert "kc plan" not in state and "bravo plan" not in state

    leader = queue_text(sign_in(world["lou"]))
    assert "Nothing waits for you" in leader and "stl plan" not in leader


def test_the_nav_offers_approvals_to_approvers_and_admins_only(world, sign_in):
    assert 'data-testid="nav-approvals"' in sign_in(world["sam"]).get("/account").get_data(as_text=True)
    assert 'data-testid="nav-approvals"' in sign_in(world["ana"]).get("/account").get_data(as_text=True)
    for who in ("lou", "facilitator"):
        assert 'data-testid="nav-approvals"' not in sign_in(world[who]).get("/account").get_data(as_text=True)


def test_each_item_shows_its_content_and_a_diff_against_the_version_in_force(world, session, sign_in):
    declaration = endorse(world, "lou", "alpha_stl", stance="considering", note="first look")
    decide(world["abe"], declaration.pending, approve=True)
    revise(world["lou"], declaration, expected_version=declaration.version, stance="endorsed",
           note="we are in", visibility="table")
    fresh = pledge(world, "kit", "alpha_kc", quantity=12)
    session.commit()

    response = sign_in(world["ana"]).get("/approvals")
    text = page_text(response)
    assert "Alpha St. Louis" in text and "Lou Leader" in text
    assert "Stance: Considering → Endorsed" in text
    assert "Note: first look → we are in" in text
    assert "Shared with" not in text.split("Changes to the version in force")[1].split("History")[0], \
        "unchanged fields are not listed as changes"
    assert f'/declarations/{declaration.id}"' in response.get_data(as_text=True)
    # The new pledge has nothing in force: its content is shown, without a diff.
    assert "Quantity 12" in text and "nothing of this pledge is in force yet" in text
    assert f'/declarations/{fresh.id}"' in response.get_data(as_text=True)


def test_filters_narrow_the_queue(world, session, sign_in):
    endorse(world, "lou", "alpha_stl", note="stl plan")
    pledge(world, "kit", "alpha_kc")
    session.commit()
    browser = sign_in(world["abe"])
    assert "stl plan" not in queue_text(browser, "?state=KS")
    assert "Alpha Kansas City · Capacity pledge" in queue_text(browser, "?state=ks")
    assert "stl plan" in queue_text(browser, f"?organization_id={world['alpha_mo'].id}")
    assert "Alpha Kansas City · " not in queue_text(browser, f"?organization_id={world['alpha_mo'].id}&kind=")
    assert "stl plan" not in queue_text(browser, "?kind=pledge")
    assert "stl plan" in queue_text(browser, f"?table_id={world['table'].id}&kind=endorsement")


@pytest.mark.parametrize("query, message", [
    ("?kind=vote", "either endorsement or pledge"),
    ("?state=ZZ", "two-letter code"),
    ("?state=Missouri", "two-letter code"),
    ("?table_id=abc", "not a table"),
    ("?organization_id=1e3", "not an affiliate"),
    ("?organization_id=99999", "no such affiliate"),
])
def test_an_unknown_filter_value_is_a_clear_400(world, sign_in, query, message):
    response = sign_in(world["abe"]).get(f"/approvals{query}")
    assert response.status_code == 400
    assert message in page_text(response)


def test_filtering_by_a_foreign_affiliate_or_table_is_as_unknown_as_a_made_up_one(world, sign_in):
    browser = sign_in(world["abe"])
    foreign_org = browser.get(f"/approvals?organization_id={world['bravo_mo'].id}")
    foreign_table = browser.get(f"/approvals?table_id={world['other_table'].id}")
    assert (foreign_org.status_code, foreign_table.status_code) == (400, 400)
    assert "Bravo" not in page_text(foreign_org) + page_text(foreign_table)


def test_the_queue_takes_the_same_number_of_queries_for_few_items_or_many(world, session, sign_in):
    browser = sign_in(world["abe"])

    def revised(leader, org, candidate):
        declaration = endorse(world, leader, org, candidate=candidate, stance="considering")
        decide(world["ana"], declaration.pending, approve=True)
        revise(world[leader], declaration, expected_version=declaration.version, stance="endorsed",
               visibility="table")

    def queries_for_queue(expected_items: int) -> int:
        statements = []

        def count(*_args):
            statements.append(1)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            response = browser.get("/approvals")
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        assert response.get_data(as_text=True).count('data-testid="approval-item"') == expected_items
        return len(statements)

    # Few: one new declaration and one revision of a declaration in force.
    revised("lou", "alpha_stl", 0)
    pledge(world, "kit", "alpha_kc")
    session.commit()
    few = queries_for_queue(2)
    # Many: more of both, by other people, in other organizations.
    revised("kit", "alpha_kc", 1)
    revised("mo_leader", "alpha_mo", 0)
    for leader, org in (("mo_leader", "alpha_mo"), ("kas", "alpha_ks"), ("lou", "alpha_stl")):
        pledge(world, leader, org)
    session.commit()
    assert queries_for_queue(7) == few
