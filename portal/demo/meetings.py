"""The demo's table meetings at the 2026 Congressional Primaries Table: a
past meeting with published notes, attendance and action items, and an
upcoming one whose agenda the portal drafted and the facilitator has not
shared yet. Played through the real operations (audit records and mail look
as they would had the facilitator used the portal); idempotent: a meeting is
skipped when one with its title exists at the table.

Call after seed_declarations (the drafted agenda reads the declarations):
    from portal.demo.meetings import seed_demo_meetings
    seed_demo_meetings(people)"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from portal.auth.models import User
from portal.db import db, utcnow
from portal.meetings import operations
from portal.meetings.models import Meeting
from portal.notifications.models import Notification
from portal.orgs.models import Organization
from portal.tables.models import CoalitionTable

TABLE_NAME = "2026 Congressional Primaries Table"
PAST_TITLE = "Monthly table call: primaries check-in"
UPCOMING_TITLE = "Monthly table call: runoffs and turnout"

PAST_AGENDA = """## Since the last call

- New endorsements shared with the table
- Candidates at critical mass: who convenes which working group

## Elections in the next 30 days

- Filing and primary dates by state

## Other business
"""

PAST_NOTES = """Partners reviewed the endorsements shared since the last call and the candidates now at
critical mass. Each partner decides on its own; nothing here is a table position.

**Working groups.** The facilitator will invite the backers of each candidate at critical mass to a
working group; each partner answers for itself.

**Turnout.** Several partners want a shared calendar of phonebanks so shifts do not overlap.
See the action items below.
"""

# (owner slug, text, days after the meeting it is due, done?)
PAST_ITEMS = [
    ("working-families-network", "Circulate the phonebank shift calendar template to partners.", 5, True),
    ("climate-justice-action", "Share the volunteer training deck (no campaign materials).", 10, False),
    ("tenant-power-collective", "Report back on doorknocking capacity for the Missouri primaries.", 14, False),
]


def _table() -> CoalitionTable | None:
    return db.session.scalar(select(CoalitionTable).where(CoalitionTable.name == TABLE_NAME))


def _exists(table: CoalitionTable, title: str) -> bool:
    return db.session.scalar(select(Meeting.id).where(Meeting.table_id == table.id, Meeting.title == title)) is not None


def _org(slug: str) -> Organization | None:
    return db.session.scalar(select(Organization).where(Organization.slug == slug))


def _staff_of(org: Organization) -> User | None:
    from portal.members.models import Membership
    return db.session.scalar(select(User).join(Membership, Membership.user_id == User.id).where(
        Membership.organization_id == org.id, Membership.role.in_(("admin", "approver", "leader")))
        .order_by(User.id).limit(1))


def _past_meeting(facilitator: User, table: CoalitionTable) -> None:
    starts = (utcnow() - timedelta(days=12)).replace(hour=17, minute=0, second=0, microsecond=0)
    meeting = operations.schedule(facilitator, table, title=PAST_TITLE, starts_at=starts,
                                  ends_at=starts + timedelta(hours=1), place="Video call (link in the invitation)")
    operations.update(facilitator, meeting, expected_version=meeting.version, title=meeting.title,
                      starts_at=meeting.starts_at, ends_at=meeting.ends_at, place=meeting.place,
                      agenda_md=PAST_AGENDA, share_agenda=True)
    partners = sorted(table.partners, key=lambda p: p.national.name.casefold())
    attended = [p.national_id for i, p in enumerate(partners) if i % 4 != 3]  # most partners, not all
    operations.record_attendance(facilitator, meeting, expected_version=meeting.version, national_ids=attended)
    items = []
    for slug, text, due_in, _done in PAST_ITEMS:
        owner = _org(slug)
        if owner is not None and owner.id in table.partner_ids:
            items.append((operations.add_action_item(facilitator, meeting, text=text, owner=owner,
                                                     due_on=starts.date() + timedelta(days=due_in)), _done))
    operations.save_notes(facilitator, meeting, expected_version=meeting.version, notes_md=PAST_NOTES,
                          publish=True)
    for item, done in items:
        person = _staff_of(item.owner) if done else None
        if person is not None:
            operations.complete_action_item(person, item, expected_version=item.version)


def _upcoming_meeting(facilitator: User, table: CoalitionTable) -> None:
    starts = (utcnow() + timedelta(days=9)).replace(hour=17, minute=0, second=0, microsecond=0)
    operations.schedule(facilitator, table, title=UPCOMING_TITLE, starts_at=starts,
                        ends_at=starts + timedelta(hours=1), place="Video call (link in the invitation)")


def seed_demo_meetings(people: dict[str, User]) -> int:
    """Create the demo meetings that do not exist yet; returns how many were created."""
    table = _table()
    facilitator = people.get("facilitator")
    if table is None or facilitator is None or table.facilitator_id != facilitator.id:
        return 0
    last_notification = db.session.scalar(select(func.max(Notification.id))) or 0
    created = 0
    if not _exists(table, PAST_TITLE):
        _past_meeting(facilitator, table)
        created += 1
    if not _exists(table, UPCOMING_TITLE):
        _upcoming_meeting(facilitator, table)
        created += 1
    # The demo's history happened before anyone started the portal: its mail counts
    # as delivered (as in portal.demo.declarations).
    db.session.execute(update(Notification).where(Notification.id > last_notification,
                                                  Notification.sent_at.is_(None))
                       .values(sent_at=utcnow(), attempts=1).execution_options(synchronize_session=False))
    db.session.info.pop("notifications_waiting", None)
    db.session.flush()
    return created
