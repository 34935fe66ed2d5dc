"""The meetings objects of the cross-tenant probe world (tests/probe_world.py).

- table_a, published (A_table: every table_a persona sees it): a past meeting
  with a shared agenda, attendance, published notes and two action items.
- table_a, drafts (F_draft: only the facilitator sees them): a past meeting
  whose title every partner sees but whose agenda is unshared and whose notes
  and action item are drafts, each carrying an F_draft marker. The meeting
  itself is listed with A_table (partners open its page and must see no draft).
- table_b (B_all): a meeting with published notes and an action item."""
from __future__ import annotations

from datetime import timedelta

from portal.db import utcnow
from portal.meetings import operations


def _past_meeting(facilitator, table, title: str, days_ago: int):
    now = utcnow()
    starts = (now - timedelta(days=days_ago)).replace(microsecond=0)
    return operations.schedule(facilitator, table, title=title, starts_at=starts, ends_at=starts + timedelta(hours=1),
                               place="Video call")


def _share_agenda(facilitator, meeting, agenda: str) -> None:
    operations.update(facilitator, meeting, expected_version=meeting.version, title=meeting.title,
                      starts_at=meeting.starts_at, ends_at=meeting.ends_at, place=meeting.place, agenda_md=agenda,
                      share_agenda=True)


def populate(world) -> None:
    g = world.groups
    facilitator = world.facilitator
    a_table, f_draft, b_all = g["A_table"], g["F_draft"], g["B_all"]

    published = _past_meeting(facilitator, world.table_a, f"Alpha table sync {world._marker(a_table)}", 9)
    _share_agenda(facilitator, published, f"## Agenda\n\n- Plans {world._marker(a_table)}")
    operations.record_attendance(facilitator, published, expected_version=published.version,
                                 national_ids=[world.a.id, world.c.id])
    items = [operations.add_action_item(facilitator, published, text=f"Share turf {world._marker(a_table)}",
                                        owner=owner, due_on=utcnow().date() + timedelta(days=7))
             for owner in (world.a, world.c)]
    operations.save_notes(facilitator, published, expected_version=published.version,
                          notes_md=f"We met. {world._marker(a_table)}", publish=True)
    a_table.meetings.append(published)
    a_table.action_items.extend(items)

    drafted = _past_meeting(facilitator, world.table_a, "Alpha table follow-up", 2)
    operations.update(facilitator, drafted, expected_version=drafted.version, title=drafted.title,
                      starts_at=drafted.starts_at, ends_at=drafted.ends_at, place=drafted.place,
                      agenda_md=f"Unshared agenda {world._marker(f_draft)}", share_agenda=False)
    operations.record_attendance(facilitator, drafted, expected_version=drafted.version, national_ids=[world.c.id])
    draft_item = operations.add_action_item(facilitator, drafted, text=f"Draft item {world._marker(f_draft)}",
                                            owner=world.c, due_on=utcnow().date() + timedelta(days=3))
    operations.save_notes(facilitator, drafted, expected_version=drafted.version,
                          notes_md=f"Draft notes {world._marker(f_draft)}", publish=False)
    a_table.meetings.append(drafted)  # the meeting is the table's; its drafts are not
    f_draft.action_items.append(draft_item)

    b_facilitator = world.table_b.facilitator_assignment.user
    bravo = _past_meeting(b_facilitator, world.table_b, f"Bravo table sync {world._marker(b_all)}", 5)
    operations.record_attendance(b_facilitator, bravo, expected_version=bravo.version, national_ids=[world.b.id])
    b_item = operations.add_action_item(b_facilitator, bravo, text=f"Bravo item {world._marker(b_all)}",
                                        owner=world.b, due_on=utcnow().date() + timedelta(days=5))
    operations.save_notes(b_facilitator, bravo, expected_version=bravo.version,
                          notes_md=f"Bravo notes {world._marker(b_all)}", publish=True)
    b_all.meetings.append(bravo)
    b_all.action_items.append(b_item)
