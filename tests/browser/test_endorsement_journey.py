"""In Chromium: a local leader endorses a candidate; the national approver
approves it from the queue; the endorsement then appears in another partner's
view of the table (and not before)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.db import db
from portal.declarations.models import Declaration
from tests.factories import PASSWORD, create_local, create_national, create_race, create_state, create_table, \
    create_user, grant

pytestmark = pytest.mark.browser
NOTE = "Door-knock launch at the Cherokee St. office on the 14th"


def sign_in(page, base, email):
    page.goto(f"{base}/sign-in")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_test_id("whoami")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()


def test_an_endorsement_travels_from_local_leader_to_approver_to_another_partner(
        app, session, live_server, page, console_errors, screenshots_dir):
    alpha = create_national("Alpha Alliance")
    stl = create_local(create_state(alpha, "MO", "Alpha Missouri"), "St. Louis", "Alpha St. Louis")
    bravo = create_national("Bravo Network")
    table = create_table("Congressional Primaries 2026", partners=[alpha, bravo])
    race = create_race(table, "MO-01", candidates=["Cora Challenger", "Ira Incumbent"])
    grant(create_user("lou@alpha.example", "Lou Leader"), stl, "leader")
    grant(create_user("abe@alpha.example", "Abe Approver"), alpha, "approver")
    grant(create_user("bea@bravo.example", "Bea Partner"), bravo, "member")
    session.commit()
    cora = next(c for c in race.candidates if c.name == "Cora Challenger")

    # The local leader endorses from the race page, shared with the whole table.
    sign_in(page, live_server, "lou@alpha.example")
    page.goto(f"{live_server}/races/{race.id}")
    page.get_by_role("button", name="Endorse a candidate").first.click()
    page.get_by_label("Candidate").select_option(str(cora.id))
    page.get_by_label("Who may see it").select_option("table")
    page.get_by_label("Note (optional)").fill(NOTE)
    page.get_by_role("button", name="Record endorsement").click()
    expect(page.locator("body")).to_contain_text("awaiting approval")
    sign_out(page)

    # Before approval, the other partner sees nothing of it.
    sign_in(page, live_server, "bea@bravo.example")
    page.goto(f"{live_server}/tables/{table.id}/declarations")
    expect(page.locator("main")).not_to_contain_text("Cora Challenger")
    expect(page.locator("main")).not_to_contain_text(NOTE)
    sign_out(page)

    # The national approver approves it from the queue.
    sign_in(page, live_server, "abe@alpha.example")
    page.goto(f"{live_server}/approvals")
    expect(page.locator("main")).to_contain_text("Alpha St. Louis")
    page.locator("input[name=revision_ids]").first.check()
    page.get_by_role("button", name="Approve the ticked ones").first.click()
    expect(page.locator("body")).to_contain_text(re.compile("approved", re.I))
    sign_out(page)

    # Now it is in the other partner's view of the table.
    sign_in(page, live_server, "bea@bravo.example")
    page.goto(f"{live_server}/tables/{table.id}/declarations")
    main = page.locator("main")
    expect(main).to_contain_text("Alpha St. Louis")
    expect(main).to_contain_text("Cora Challenger")
    expect(main).to_contain_text(NOTE)
    page.screenshot(path=str(screenshots_dir / "endorsement-in-partner-view.png"), full_page=True)
    assert not [e for e in console_errors if "Content Security Policy" in e]

    db.session.expire_all()
    declaration = db.session.query(Declaration).one()
    assert declaration.current is not None and declaration.current.status == "approved"
