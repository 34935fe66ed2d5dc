"""In Chromium, on the demo data that `make run` loads: the facilitator profiles
a candidate, convenes a working group that two partners join, schedules a
meeting whose agenda the portal drafts, publishes its notes with an action item
that a partner then reads, and a partner subscribes to the table's calendar;
the .ics file validates with the `icalendar` package and answers 404 once
revoked (issue 6, the acceptance point on the coordination journey).

Demo logins: the facilitator and Renée Adjei (national admin of Working
Families Network) sign in with the demo password. The only demo logins that are
staff of a partner national belong to Working Families Network, so the second
partner's staff member is the demo's passwordless approver of Climate Justice
Action, Fatima Rahman, given the tests' shared password here (tests/factories.py)."""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from icalendar import Calendar
from playwright.sync_api import expect
from sqlalchemy import select

from portal.auth.models import User
from portal.db import utcnow
from portal.demo.seed import DEMO_PASSWORD, seed
from tests.factories import PASSWORD, _password_hash

pytestmark = pytest.mark.browser

TABLE = "2026 Congressional Primaries Table"
FACILITATOR = "facilitator@table-facilitator.example"
WFN_ADMIN = "renee.adjei@wfnetwork.example"          # demo login, admin of Working Families Network
CJA_APPROVER = "fatima.rahman@climatejusticeaction.example"  # demo approver of Climate Justice Action, no password
CANDIDATE = "Keisha Brathwaite"                      # NY-13: at critical mass in the demo, no group yet
FACT_LABEL = "Housing plan"
FACT_VALUE = "Backs a city right to counsel in housing court and a cap on rent increases."
FACT_SOURCE = "https://news.example/ny/brathwaite-housing-forum"
MEETING = "NY-13 working group: first coordination call"
AGENDA_ADDITION = "- Working group for Keisha Brathwaite: partners who joined introduce their plans"
NOTES = "Partners who joined the NY-13 working group shared their first plans. Each decides on its own."
ACTION_ITEM = "Share the NY-13 volunteer shift calendar with the working group."


def sign_in(page, base, email, password=DEMO_PASSWORD):
    page.goto(f"{base}/sign-in")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_test_id("whoami")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()


def open_table(page):
    """From the home page to the federal table (its page, not the declarations at it, also linked there)."""
    page.get_by_role("link", name="Home", exact=True).click()
    page.get_by_role("link", name=TABLE).and_(page.locator("a[href^='/tables/']:not([href*='/declarations'])")).first.click()
    expect(page.get_by_role("heading", name=TABLE, level=1)).to_be_visible()


def table_link(page, name):
    page.get_by_test_id("table-links").get_by_role("link", name=name, exact=True).click()


def open_working_group(page):
    """From the home page to the candidate's working group (as a member or an invited partner)."""
    open_table(page)
    table_link(page, "Working groups")
    page.get_by_role("link", name=re.compile(rf"^{CANDIDATE}")).first.click()
    expect(page.get_by_role("heading", name=f"Working group: {CANDIDATE}")).to_be_visible()


def join_for_partner(page, national):
    """An invited partner's staff member joins (with the default affiliates) and acknowledges the notice."""
    decision = page.get_by_test_id("partner-decision")
    expect(decision.get_by_test_id("invitation")).to_have_text(f"{national} is invited")
    # The 501(c)(4) notice is shown before joining, too.
    expect(page.get_by_test_id("campaign-notice")).to_be_visible()
    decision.get_by_test_id("join").click()
    expect(page.locator("body")).to_contain_text(f"{national} joined the working group.")
    page.get_by_test_id("acknowledge").click()
    expect(page.get_by_test_id("acknowledged")).to_be_visible()


def partner_status(page, national):
    row = page.get_by_test_id("members").get_by_role("row").filter(has_text=national)
    return row.locator("td").nth(1)


def fetch(url) -> tuple[int, bytes]:
    """As a calendar app does: no session, no cookie."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_the_facilitator_profiles_convenes_meets_and_partners_follow_in_their_calendar(
        app, session, live_server, page, console_errors, screenshots_dir):
    seed()
    # The second partner's staff member (see the module docstring).
    fatima = session.scalar(select(User).where(User.email == CJA_APPROVER))
    fatima.password_hash = _password_hash()
    session.commit()
    # Links shown to people (the calendar URL) point at this test's server.
    app.config["BASE_URL"] = live_server
    missing = []
    page.on("response", lambda response: missing.append(response.url) if response.status == 404 else None)

    # 1. The facilitator profiles a candidate: a fact with its source.
    sign_in(page, live_server, FACILITATOR)
    open_table(page)
    table_link(page, "Candidate profiles")
    expect(page.get_by_role("heading", name="Candidate profiles")).to_be_visible()
    page.get_by_test_id("profiles").get_by_role("link", name=CANDIDATE, exact=True).click()
    expect(page.get_by_test_id("profile-name")).to_have_text(CANDIDATE)
    add_fact = page.get_by_test_id("add-fact")
    add_fact.get_by_label("Section", exact=True).select_option("position")
    add_fact.get_by_label("Label", exact=True).fill(FACT_LABEL)
    add_fact.get_by_label("Fact", exact=True).fill(FACT_VALUE)
    add_fact.get_by_label("Source", exact=True).fill(FACT_SOURCE)
    add_fact.get_by_role("button", name="Add fact").click()
    expect(page.locator("body")).to_contain_text(f"{FACT_LABEL} added to the profile of {CANDIDATE}.")
    fact_row = page.get_by_test_id("section-position").get_by_role("row").filter(has_text=FACT_LABEL)
    expect(fact_row).to_contain_text(FACT_VALUE)
    expect(fact_row.get_by_role("link", name=FACT_SOURCE)).to_have_attribute("href", FACT_SOURCE)

    # 2. The facilitator convenes a working group for a candidate at critical mass without one.
    open_table(page)
    table_link(page, "Working groups")
    convene = page.get_by_test_id("convene")
    expect(convene.get_by_role("row").filter(has_text=CANDIDATE)).to_contain_text("critical mass")
    candidate_select = convene.get_by_label("Candidate", exact=True)
    option = candidate_select.locator("option", has_text=CANDIDATE)
    expect(option).to_have_count(1)
    candidate_select.select_option(option.get_attribute("value"))
    convene.get_by_role("button", name="Convene and invite the backing partners").click()
    expect(page.locator("body")).to_contain_text(f"Working group convened for {CANDIDATE}; 4 partner(s) invited.")
    expect(page.get_by_role("heading", name=f"Working group: {CANDIDATE}")).to_be_visible()
    for national in ("Climate Justice Action", "Working Families Network"):
        expect(partner_status(page, national)).to_have_text("invited")
    sign_out(page)

    # Two invited partners join, each through its own national staff.
    sign_in(page, live_server, WFN_ADMIN)
    open_working_group(page)
    join_for_partner(page, "Working Families Network")
    sign_out(page)

    sign_in(page, live_server, CJA_APPROVER, PASSWORD)
    open_working_group(page)
    join_for_partner(page, "Climate Justice Action")
    expect(partner_status(page, "Climate Justice Action")).to_have_text("member")
    expect(partner_status(page, "Working Families Network")).to_have_text("member")
    expect(partner_status(page, "Grassroots Majority PAC")).to_have_text("invited")
    expect(partner_status(page, "Tenant Power Collective")).to_have_text("invited")
    page.screenshot(path=str(screenshots_dir / "coordination-working-group.png"), full_page=True)
    sign_out(page)

    # 3. The facilitator schedules a meeting (under way now, so its record can be kept) ...
    sign_in(page, live_server, FACILITATOR)
    open_table(page)
    table_link(page, "Meetings")
    now = utcnow().replace(second=0, microsecond=0)
    starts, ends = now - timedelta(minutes=30), now + timedelta(minutes=90)
    schedule = page.get_by_test_id("schedule-meeting")
    schedule.get_by_label("Title", exact=True).fill(MEETING)
    schedule.get_by_label("Starts (UTC)").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    schedule.get_by_label("Ends (UTC)").fill(ends.strftime("%Y-%m-%dT%H:%M"))
    schedule.get_by_label("Place or video link (optional)").fill("Video call (link in the invitation)")
    schedule.get_by_role("button", name="Schedule").click()

    # ... whose agenda the portal drafted: the facilitator reviews, edits and shares it.
    expect(page.get_by_role("heading", name=f"Edit “{MEETING}”")).to_be_visible()
    agenda_box = page.get_by_label("Agenda", exact=True)
    drafted = agenda_box.input_value()
    assert drafted.startswith("## Since "), drafted
    for heading in ("### New endorsements", "### Endorsements withdrawn", "### Critical mass",
                    f"## Elections in the 30 days from {starts:%b %d, %Y}", "## Other business"):
        assert heading in drafted, (heading, drafted)
    agenda_box.fill(drafted.rstrip() + "\n\n" + AGENDA_ADDITION + "\n")
    page.get_by_label("Share the agenda with every partner at the table").check()
    page.get_by_test_id("save-meeting").click()
    expect(page.get_by_test_id("meeting-title")).to_have_text(MEETING)
    agenda = page.get_by_test_id("agenda")
    for heading in ("New endorsements", "Endorsements withdrawn", "Critical mass", "Other business"):
        expect(agenda.get_by_role("heading", name=heading)).to_be_visible()
    expect(agenda).to_contain_text("partners who joined introduce their plans")
    expect(page.get_by_test_id("agenda-draft")).to_have_count(0)

    # The record: attendance, an action item owned by a partner, notes, then publication.
    page.get_by_text("Record attendance", exact=True).click()
    attendance = page.get_by_test_id("attendance-form")
    attendance.get_by_label("Working Families Network", exact=True).check()
    attendance.get_by_label("Climate Justice Action", exact=True).check()
    attendance.get_by_role("button", name="Save attendance").click()
    expect(page.locator("body")).to_contain_text("Attendance saved.")
    expect(page.get_by_test_id("attendance")).to_contain_text("Working Families Network")

    page.get_by_text("Add an action item", exact=True).click()
    item_form = page.get_by_test_id("action-item-form")
    item_form.get_by_label("Action item", exact=True).fill(ACTION_ITEM)
    item_form.get_by_label("Owner", exact=True).select_option(label="Working Families Network")
    due = (now + timedelta(days=7)).date()
    item_form.get_by_label("Due on", exact=True).fill(due.isoformat())
    item_form.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("body")).to_contain_text("Action item added.")
    expect(page.get_by_test_id("action-item").filter(has_text=ACTION_ITEM)).to_contain_text("Working Families Network")

    notes_form = page.get_by_test_id("notes-form")
    notes_form.get_by_label("Notes", exact=True).fill(NOTES)
    notes_form.get_by_test_id("publish-notes").click()
    expect(page.locator("body")).to_contain_text("Notes published: every partner at the table sees them")
    expect(page.get_by_test_id("record-draft")).to_have_count(0)
    sign_out(page)

    # A partner reads the published notes and its action item.
    sign_in(page, live_server, WFN_ADMIN)
    open_table(page)
    table_link(page, "Meetings")
    page.get_by_role("link", name=MEETING, exact=True).click()
    expect(page.get_by_test_id("meeting-title")).to_have_text(MEETING)
    expect(page.get_by_test_id("agenda")).to_contain_text("partners who joined introduce their plans")
    expect(page.get_by_test_id("notes")).to_contain_text(NOTES)
    expect(page.get_by_test_id("attendance")).to_contain_text("Climate Justice Action")
    item = page.get_by_test_id("action-item").filter(has_text=ACTION_ITEM)
    expect(item).to_contain_text("Working Families Network")
    expect(page.get_by_test_id("notes-form")).to_have_count(0)
    page.screenshot(path=str(screenshots_dir / "coordination-meeting-record.png"), full_page=True)

    # 4. The partner subscribes to the table's calendar; the feed is valid iCalendar.
    open_table(page)
    page.get_by_role("button", name="Subscribe to this table's calendar").click()
    expect(page.get_by_role("heading", name="Your calendar URL")).to_be_visible()
    https_url = page.get_by_test_id("https-url").input_value()
    assert re.fullmatch(re.escape(live_server) + r"/calendars/[^/]+\.ics", https_url), https_url
    assert page.get_by_test_id("webcal-url").input_value() == "webcal://" + https_url.split("://", 1)[1]
    status, body = fetch(https_url)
    assert status == 200
    calendar = Calendar.from_ical(body)
    assert str(calendar["X-WR-CALNAME"]) == TABLE
    events = calendar.walk("VEVENT")
    summaries = [str(event["SUMMARY"]) for event in events]
    assert any(s.startswith("Primary: U.S. House NY-13") for s in summaries), summaries
    meeting_events = [e for e in events if str(e["SUMMARY"]) == MEETING]
    assert len(meeting_events) == 1
    assert meeting_events[0].decoded("DTSTART") == starts and meeting_events[0].decoded("DTEND") == ends

    # Revoked, the URL answers "not found".
    page.get_by_role("link", name="My calendars").first.click()
    feeds = page.get_by_test_id("feeds")
    expect(feeds.get_by_role("row").filter(has_text=TABLE)).to_have_count(1)
    feeds.get_by_role("row").filter(has_text=TABLE).get_by_role("button", name="Revoke").click()
    expect(page.locator("body")).to_contain_text("Calendar URL revoked")
    assert fetch(https_url)[0] == 404

    assert missing == []
    assert console_errors == []
