"""Calendar feeds as people and calendar apps use them: a secret URL shown
once, a valid iCalendar document, rotation and revocation answering 404, and a
feed that stops the moment its owner may no longer read what it covers."""
from __future__ import annotations

import hashlib
import re
from datetime import date

from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.calendars.models import CalendarFeed
from portal.calendars.operations import subscribe
from portal.members.models import Membership
from portal.tables import operations as tables
from tests.calendars.conftest import FEED_URL, parse_calendar
from tests.factories import page_text


def _subscribe(browser, path) -> str:
    response = browser.post(path)
    assert response.status_code == 200, page_text(response)
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_data(as_text=True)
    assert "only time the portal shows it" in page_text(response)
    https_url = re.search(FEED_URL, body).group(0)
    token = https_url.rsplit("/", 1)[1][:-4]
    assert f'value="webcal://{https_url.split("://", 1)[1]}"' in body
    return "/calendars/" + token + ".ics"


def test_the_facilitator_subscribes_to_the_table_calendar_and_it_validates(world, sign_in, app, session):
    path = _subscribe(sign_in(world.facilitator), f"/tables/{world.table.id}/calendar-feed")
    response = app.test_client().get(path)  # a calendar app: no session, no cookie
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"].startswith("private")
    calendar = parse_calendar(response)
    assert str(calendar["X-WR-CALNAME"]) == "Federal table"
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    primary = events[f"race-{world.primary.id}-primary"]
    assert primary.decoded("DTSTART") == date(2026, 8, 4) and primary.decoded("DTEND") == date(2026, 8, 5)
    assert str(primary["SUMMARY"]) == "Primary: U.S. House MO-01" and "Ada Okafor" in str(primary["DESCRIPTION"])
    assert events[f"race-{world.runoff.id}-runoff"].decoded("DTSTART") == date(2026, 9, 15)
    meeting = events[f"meeting-{world.meeting.id}"]
    assert meeting.decoded("DTSTART") == world.meeting.starts_at and str(meeting["LOCATION"]) == "Video call"
    assert f"meeting-{world.cancelled_meeting.id}" not in events
    # UIDs are stable from one fetch to the next, so calendar apps update instead of duplicating.
    again = parse_calendar(app.test_client().get(path))
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == {str(e["UID"]) for e in calendar.walk("VEVENT")}
    session.expire_all()
    assert session.scalars(select(CalendarFeed)).one().last_fetched_at is not None


def test_only_the_hash_of_the_token_is_stored_and_creation_is_audited(world, sign_in, session):
    path = _subscribe(sign_in(world.alpha_leader), f"/tables/{world.table.id}/calendar-feed")
    token = path.split("/")[-1][:-4]
    feed = session.scalars(select(CalendarFeed)).one()
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr([(e.summary, e.before, e.after) for e in session.scalars(select(AuditEvent))])
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "calendar_feed.created")).one()
    assert event.actor_id == world.alpha_leader.id and event.table_id is None


def test_a_second_url_rotates_the_first_and_a_revoked_url_answers_404(world, sign_in, app, session):
    browser = sign_in(world.alpha_leader)
    first = _subscribe(browser, f"/tables/{world.table.id}/calendar-feed")
    second = _subscribe(browser, f"/tables/{world.table.id}/calendar-feed")
    calendar_app = app.test_client()
    assert calendar_app.get(first).status_code == 404
    assert calendar_app.get(second).status_code == 200
    assert session.scalars(select(AuditEvent).where(AuditEvent.action == "calendar_feed.rotated")).one()
    feed = session.scalars(select(CalendarFeed).where(CalendarFeed.revoked_at.is_(None))).one()
    listing = page_text(browser.get("/calendars"))
    assert "Table: Federal table" in listing and "Revoke" in listing
    assert browser.post(f"/calendars/{feed.id}/revoke").status_code == 302
    assert calendar_app.get(second).status_code == 404
    again = browser.post(f"/calendars/{feed.id}/revoke")
    assert again.status_code == 409 and "already revoked" in page_text(again)
    assert session.scalars(select(AuditEvent).where(AuditEvent.action == "calendar_feed.revoked")).one()


def test_a_feed_is_personal_nobody_else_revokes_it(world, sign_in, session):
    feed, _token = subscribe(world.alpha_leader, world.table)
    session.commit()
    for other in (world.alpha_admin, world.charlie_admin, world.facilitator, world.bravo_admin):
        assert sign_in(other).post(f"/calendars/{feed.id}/revoke").status_code == 404
    session.expire_all()
    assert session.get(CalendarFeed, feed.id).revoked_at is None


def test_a_feed_stops_when_its_owner_loses_the_role(world, app, session):
    feed, token = subscribe(world.alpha_leader, world.table)
    session.commit()
    calendar_app = app.test_client()
    assert calendar_app.get(f"/calendars/{token}.ics").status_code == 200
    session.delete(session.scalars(select(Membership).where(Membership.user_id == world.alpha_leader.id)).one())
    session.commit()
    assert calendar_app.get(f"/calendars/{token}.ics").status_code == 404


def test_a_feed_stops_when_the_owner_is_disabled_or_the_partner_leaves(world, app, session):
    from portal.db import utcnow
    _feed, leader_token = subscribe(world.alpha_leader, world.table)
    _feed, charlie_token = subscribe(world.charlie_admin, world.table)
    session.commit()
    calendar_app = app.test_client()
    world.alpha_leader.disabled_at = utcnow()
    tables.remove_partner(None, world.table, world.charlie)
    session.commit()
    assert calendar_app.get(f"/calendars/{leader_token}.ics").status_code == 404
    assert calendar_app.get(f"/calendars/{charlie_token}.ics").status_code == 404


def test_unknown_and_malformed_tokens_answer_404(world, app):
    calendar_app = app.test_client()
    for token in ("x" * 43, "short", "a" * 200, "not-a-token%20", "../../etc"):
        assert calendar_app.get(f"/calendars/{token}.ics").status_code == 404, token


def test_a_working_group_feed_carries_its_activities_and_only_to_members(world, sign_in, app, session):
    path = _subscribe(sign_in(world.alpha_leader), f"/working-groups/{world.group.id}/calendar-feed")
    calendar = parse_calendar(app.test_client().get(path))
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"activity-{world.activity.id}"}  # the cancelled one is not there
    event = events[f"activity-{world.activity.id}"]
    assert str(event["LOCATION"]) == "Union hall, 12 Elm St" and str(event["SUMMARY"]) == "Doorknock: Ada Okafor"
    assert event.decoded("DTEND") == world.activity.ends_at
    # The invited partner that has not joined sees its invitation, not the plans: no feed.
    assert sign_in(world.charlie_admin).post(f"/working-groups/{world.group.id}/calendar-feed").status_code == 403
    assert sign_in(world.bravo_admin).post(f"/working-groups/{world.group.id}/calendar-feed").status_code == 404
    assert sign_in(world.bravo_admin).post(f"/tables/{world.table.id}/calendar-feed").status_code == 404


def test_a_working_group_feed_stops_when_the_partner_leaves_the_group(world, app, session):
    from portal.workgroups import operations as groups
    _feed, token = subscribe(world.alpha_leader, world.group)
    session.commit()
    partner = world.group.partner(world.alpha.id)
    groups.leave(world.alpha_admin, world.group, partner, expected_version=partner.version)
    session.commit()
    assert app.test_client().get(f"/calendars/{token}.ics").status_code == 404


def test_the_calendars_page_offers_what_the_person_may_subscribe_to(world, sign_in):
    text = page_text(sign_in(world.alpha_leader).get("/calendars"))
    assert "Table: Federal table" in text and "Working group: Ada Okafor" in text
    charlie = page_text(sign_in(world.charlie_admin).get("/calendars"))
    assert "Table: Federal table" in charlie and "Working group" not in charlie
    assert "Federal table" not in page_text(sign_in(world.bravo_admin).get("/calendars"))


def test_the_database_holds_one_scope_and_one_active_feed_per_scope(world, session):
    import pytest
    from sqlalchemy.exc import IntegrityError
    session.add(CalendarFeed(user_id=world.alpha_leader.id, table_id=world.table.id, working_group_id=world.group.id,
                             token_hash="a" * 64))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
    for n in range(2):
        session.add(CalendarFeed(user_id=world.alpha_leader.id, table_id=world.table.id, token_hash=str(n) * 64))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
