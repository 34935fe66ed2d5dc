"""A table for calendar tests: partners Alpha (national and Missouri) and
Charlie, a facilitator, MO-01's primary and runoff, meetings, and a working
group that Alpha joined with activities; Bravo outside the table."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import icalendar
import pytest

from portal.db import db, utcnow
from portal.races import operations as races
from tests.conftest import Browser
from tests.factories import (PASSWORD, create_national, create_race, create_state, create_table, create_user,
                             grant)

FEED_URL = r"https?://[^\"<\s]+/calendars/[A-Za-z0-9_-]+\.ics"


@dataclass
class CalendarWorld:
    table: object
    primary: object
    runoff: object
    meeting: object
    cancelled_meeting: object
    group: object
    activity: object
    cancelled_activity: object
    alpha: object
    alpha_mo: object
    charlie: object
    facilitator: object
    alpha_admin: object
    alpha_leader: object
    charlie_admin: object
    bravo_admin: object


def _meeting(table, facilitator, title, starts_at, *, cancelled=False):
    from portal.meetings.models import Meeting
    meeting = Meeting(table_id=table.id, title=title, starts_at=starts_at, ends_at=starts_at + timedelta(hours=1),
                      place="Video call", created_by_id=facilitator.id, updated_by_id=facilitator.id,
                      cancelled_at=utcnow() if cancelled else None)
    db.session.add(meeting)
    db.session.flush()
    return meeting


@pytest.fixture
def world(app, session) -> CalendarWorld:
    from portal.workgroups import operations as groups, planning
    admin = create_user("root@portal.example", "Root Admin", site_admin=True)
    facilitator = create_user("fay@neutral.example", "Fay Facilitator")
    alpha, charlie, bravo = (create_national(n) for n in ("Alpha Alliance", "Charlie Collective", "Bravo Network"))
    alpha_mo = create_state(alpha, "MO", "Alpha Missouri")
    table = create_table("Federal table", partners=[alpha, charlie], facilitator=facilitator, admin=admin)
    primary = create_race(table, "MO-01", candidates=["Ada Okafor", "Ben Brandt"])
    runoff = races.add_race(admin, table, office="us_house", state_code="MO", district="MO-01", stage="runoff",
                            election_date=date(2026, 9, 15))
    people = {key: create_user(email, name) for key, email, name in [
        ("alpha_admin", "admin@alpha.example", "Ana Admin"), ("alpha_leader", "mo.leader@alpha.example", "Mo Leader"),
        ("charlie_admin", "admin@charlie.example", "Cy Admin"), ("bravo_admin", "admin@bravo.example", "Bea Admin")]}
    grant(people["alpha_admin"], alpha, "admin")
    grant(people["alpha_leader"], alpha_mo, "leader")
    grant(people["charlie_admin"], charlie, "admin")
    grant(people["bravo_admin"], bravo, "admin")
    starts = datetime(2026, 7, 1, 17, 0, tzinfo=timezone.utc)
    meeting = _meeting(table, facilitator, "Weekly table call", starts)
    cancelled_meeting = _meeting(table, facilitator, "Call that was cancelled", starts + timedelta(days=7),
                                 cancelled=True)
    # Alpha joins Ada Okafor's working group; Charlie is invited and has not decided.
    group = groups.open_group(facilitator, table, primary.candidates[0], [alpha, charlie])
    partner = group.partner(alpha.id)
    groups.join(people["alpha_admin"], group, partner, affiliate_ids=None, expected_version=partner.version)
    groups.acknowledge(people["alpha_admin"], group)
    soon = (utcnow() + timedelta(days=10)).replace(microsecond=0)
    activity = planning.add_activity(people["alpha_admin"], group, organization=alpha, kind="doorknock",
                                     starts_at=soon, ends_at=soon + timedelta(hours=3), place="Union hall, 12 Elm St",
                                     link=None, lead_organization=alpha, expected_volunteers=12)
    cancelled_activity = planning.add_activity(people["alpha_admin"], group, organization=alpha, kind="phonebank",
                                               starts_at=soon + timedelta(days=1), ends_at=None, place=None,
                                               link="https://meet.example/phonebank", lead_organization=alpha,
                                               expected_volunteers=5)
    cancelled_activity.cancelled_at = utcnow()
    session.commit()
    return CalendarWorld(table, primary, runoff, meeting, cancelled_meeting, group, activity, cancelled_activity,
                         alpha, alpha_mo, charlie, facilitator, **people)


@pytest.fixture
def sign_in(app):
    def signed_in(user) -> Browser:
        browser = Browser(app.test_client())
        assert browser.sign_in(user.email, PASSWORD).status_code == 302
        return browser
    return signed_in


def parse_calendar(response) -> icalendar.Calendar:
    """The feed parsed by the icalendar package, failing on anything it finds broken."""
    calendar = icalendar.Calendar.from_ical(response.get_data())
    assert calendar.errors == []
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    for event in calendar.walk("VEVENT"):
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= set(event), event
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar
    return calendar
