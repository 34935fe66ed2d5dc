"""A national admin's first session, end to end in a real browser: sign in,
add a local affiliate, invite its leader, sign out."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.db import db
from portal.members.models import Invitation
from portal.orgs.models import Organization
from tests.factories import PASSWORD, create_national, create_state, create_user, grant

pytestmark = pytest.mark.browser

ADMIN_EMAIL = "dana.admin@northstar.example"
ADMIN_NAME = "Dana Whitfield"
NEW_LEADER = "new.leader@northstar.example"


@pytest.fixture
def northstar(app, session):
    national = create_national("Northstar Organizing Project")
    create_state(national, "MO", "Northstar Missouri")
    admin = create_user(ADMIN_EMAIL, ADMIN_NAME)
    grant(admin, national, "admin")
    session.commit()  # the server threads read through their own sessions
    return national.id


def test_national_admin_adds_a_local_and_invites_its_leader(live_server, page, console_errors, northstar,
                                                          screenshots_dir):
    national_id = northstar

    # The sign-in page holds up on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/sign-in")
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()
    page.screenshot(path=str(screenshots_dir / "sign-in-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Sign in.
    page.get_by_label("E-mail", exact=True).fill(ADMIN_EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_test_id("whoami")).to_have_text(ADMIN_NAME)
    expect(page.get_by_test_id("acting-org")).to_have_text("Northstar Organizing Project")
    expect(page.locator(".acting-bar")).to_contain_text("Acting for Northstar Organizing Project")

    # Add a local affiliate directly under the national.
    page.goto(f"{live_server}/orgs/{national_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Northstar Organizing Project")
    page.get_by_role("button", name="Add an affiliate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an affiliate under Northstar Organizing Project")
    page.get_by_label("Kind").select_option(label="Local affiliate")
    page.get_by_label("Name", exact=True).fill("Northstar St. Louis")
    page.get_by_label("State", exact=True).select_option(label="Missouri (MO)")
    page.get_by_label("City").fill("St. Louis")
    page.get_by_role("button", name="Create affiliate").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Northstar St. Louis")
    expect(page.get_by_role("status")).to_have_text("Northstar St. Louis created.")
    expect(page.locator("main")).to_contain_text("Local affiliate · St. Louis, MO")
    local_url = page.url
    assert re.fullmatch(rf"{re.escape(live_server)}/orgs/\d+", local_url), local_url

    # Invite the local's leader.
    page.get_by_role("link", name="People and roles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People with access to Northstar St. Louis")
    page.get_by_role("button", name="Invite someone").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite someone to Northstar St. Louis")
    page.get_by_label("E-mail", exact=True).fill(NEW_LEADER)
    page.get_by_label("Role").select_option("leader")
    page.get_by_role("button", name="Send invitation").click()

    expect(page.get_by_role("status")).to_contain_text(f"Invitation sent to {NEW_LEADER}.")
    expect(page.get_by_role("status")).to_contain_text(f"{live_server}/invitations/accept/")
    expect(page.get_by_role("heading", name="Open invitations")).to_be_visible()
    invitation_row = page.get_by_role("row").filter(has_text=NEW_LEADER)
    expect(invitation_row).to_have_count(1)
    expect(invitation_row).to_contain_text("leader")
    expect(invitation_row).to_contain_text(ADMIN_NAME)
    expect(invitation_row.get_by_role("button", name="Revoke")).to_be_visible()
    # The national admin reaches the local through the cascade.
    expect(page.get_by_test_id("members")).to_contain_text(ADMIN_NAME)
    page.screenshot(path=str(screenshots_dir / "national-admin-journey.png"), full_page=True)

    # Sign out through the header's POST form.
    page.locator("header").get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{live_server}/sign-in")
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("You are signed out.")
    expect(page.get_by_test_id("whoami")).to_have_count(0)

    assert not [e for e in console_errors if "Content Security Policy" in e or "Refused to" in e], console_errors

    # What the browser did is in the database (read afresh, not from this session's cache).
    db.session.expire_all()
    local = db.session.scalars(select(Organization).where(Organization.name == "Northstar St. Louis")).one()
    assert (local.kind, local.parent_id, local.national_id) == ("local", national_id, national_id)
    assert (local.city, local.state_code) == ("St. Louis", "MO")
    invitation = db.session.scalars(select(Invitation).where(Invitation.email == NEW_LEADER)).one()
    assert (invitation.organization_id, invitation.role) == (local.id, "leader")
    assert invitation.accepted_at is None and invitation.revoked_at is None
    assert invitation.invited_by.email == ADMIN_EMAIL
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "invitation.created")).one()
    assert (event.subject_id, event.organization_id) == (invitation.id, local.id)
    assert event.actor.email == ADMIN_EMAIL
