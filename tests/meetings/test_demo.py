"""The demo meetings load after the demo coalition, twice without change."""
from __future__ import annotations

from sqlalchemy import select

from portal.auth.models import User
from portal.demo.meetings import PAST_TITLE, UPCOMING_TITLE, seed_demo_meetings
from portal.demo.seed import seed
from portal.meetings.models import Meeting
from portal.notifications.models import Notification
from tests.db_state import fingerprint


def test_demo_meetings_are_believable_and_idempotent(app, session):
    seed()  # the demo coalition seeds its meetings too
    session.commit()
    facilitator = session.scalar(select(User).where(User.email == "facilitator@table-facilitator.example"))
    past = session.scalar(select(Meeting).where(Meeting.title == PAST_TITLE))
    upcoming = session.scalar(select(Meeting).where(Meeting.title == UPCOMING_TITLE))
    assert past.notes_published and past.agenda_shared and len(past.attendees) >= 3
    assert len(past.action_items) == 3 and sum(i.is_done for i in past.action_items) == 1
    assert not upcoming.agenda_shared and "## Since" in upcoming.agenda_md and not upcoming.notes_published
    assert session.scalar(select(Notification.id).where(Notification.sent_at.is_(None))) is None
    before = fingerprint()
    assert seed_demo_meetings({"facilitator": facilitator}) == 0
    session.commit()
    assert fingerprint() == before
