"""The iCalendar documents behind the feeds (RFC 5545, written with the
`icalendar` package).

A table's calendar: every race's election day (all-day events) and the table's
meetings its subscriber may see. A working group's: its joint activities that
are not cancelled. Each event is asked of the policy for the feed's owner, so a
feed never carries more than its owner's pages would show; descriptions hold
only what every reader of the scope sees, plus a link back to the portal."""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app
from icalendar import Calendar, Event
from sqlalchemy import select

from portal.access.policy import can
from portal.calendars.models import CalendarFeed
from portal.db import db, utcnow
from portal.races.models import Race
from portal.web import public_url

PRODID = "-//Coalition Table Portal//Calendar feeds//EN"
REFRESH = timedelta(hours=1)


def _host() -> str:
    return urlsplit(current_app.config["BASE_URL"]).hostname or "portal.invalid"


def _link(endpoint: str, **values) -> str | None:
    """A link to a page of the portal, when that page exists in this deployment."""
    return public_url(endpoint, **values) if endpoint in current_app.view_functions else None


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    return calendar


def _event(uid: str, summary: str, start, end=None, *, location=None, description=None, url=None,
           sequence: int = 0, stamp=None) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{_host()}")
    event.add("dtstamp", stamp or utcnow())
    event.add("summary", summary)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    event.add("sequence", sequence)
    return event


def table_calendar(feed: CalendarFeed) -> bytes:
    table, owner = feed.table, feed.user
    stamp = utcnow()
    calendar = _calendar(table.name)
    races = db.session.scalars(select(Race).where(Race.table_id == table.id)
                               .order_by(Race.election_date, Race.state_code, Race.district)).all()
    for race in races:
        names = ", ".join(c.name for c in race.candidates) or "no candidates listed yet"
        calendar.add_component(_event(
            f"race-{race.id}-{race.stage}", f"{race.stage_label}: {race.office_label} {race.district}",
            race.election_date, race.election_date + timedelta(days=1),
            location=race.city or race.state_name,
            description=f"{race.stage_label} election at {table.name}. Candidates: {names}.",
            url=_link("races.show", race_id=race.id), sequence=race.version - 1, stamp=stamp))
    for meeting in _meetings(table, owner):
        calendar.add_component(_event(
            f"meeting-{meeting.id}", meeting.title, meeting.starts_at, meeting.ends_at, location=meeting.place,
            description=f"Meeting of {table.name}. The agenda and notes are in the portal.",
            url=_link("meetings.show", meeting_id=meeting.id), sequence=meeting.version - 1, stamp=stamp))
    return calendar.to_ical()


def _meetings(table, owner) -> list:
    from portal.meetings.models import Meeting
    meetings = db.session.scalars(select(Meeting).where(Meeting.table_id == table.id,
                                                        Meeting.cancelled_at.is_(None))
                                  .order_by(Meeting.starts_at, Meeting.id)).all()
    return [m for m in meetings if can(owner, "meetings.view", m)]


def group_calendar(feed: CalendarFeed) -> bytes:
    from portal.workgroups.models import JointActivity
    group, owner = feed.working_group, feed.user
    stamp = utcnow()
    calendar = _calendar(f"Working group: {group.title}")
    activities = db.session.scalars(select(JointActivity).where(JointActivity.group_id == group.id,
                                                                JointActivity.cancelled_at.is_(None))
                                    .order_by(JointActivity.starts_at, JointActivity.id)).all()
    for activity in activities:
        if not can(owner, "workgroups.view_activity", activity):
            continue
        description = (f"{activity.kind_label} of the working group for {group.title}, led by "
                       f"{activity.lead_organization.name}."
                       + (f" Online: {activity.link}" if activity.link and activity.place else ""))
        calendar.add_component(_event(
            f"activity-{activity.id}", f"{activity.kind_label}: {group.candidate.name}", activity.starts_at,
            activity.ends_at, location=activity.place or activity.link, description=description,
            url=_link("workgroups.show", group_id=group.id), sequence=activity.version - 1, stamp=stamp))
    return calendar.to_ical()


def calendar_for(feed: CalendarFeed) -> bytes:
    return table_calendar(feed) if feed.table_id is not None else group_calendar(feed)
