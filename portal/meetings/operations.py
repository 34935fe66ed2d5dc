"""Scheduling meetings, editing and sharing agendas, and keeping the record
(attendance, notes, action items). Operations take the acting person, check
what the input means (who may act is decided in portal.access.meetings), flush,
audit and notify; the request commits.

The facilitator's log is public to every partner at the table, so audit
records of what partners may not see yet (a draft agenda, draft notes, the
record before publication) carry a fingerprint of the text instead of the
text; once it is shared, records carry the text itself."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

from sqlalchemy import select

from portal.audit.operations import record
from portal.db import db, utcnow
from portal.declarations.models import Declaration, DeclarationRevision
from portal.errors import Conflict, InvalidInput
from portal.meetings import notifications
from portal.meetings.agenda import draft_agenda, window_for
from portal.meetings.models import (ITEM_MAX, PLACE_MAX, TEXT_MAX, TITLE_MAX, ActionItem, Meeting,
                                    MeetingAttendance, NotesStatus)
from portal.orgs.models import Organization

MAX_LENGTH = timedelta(hours=24)
HORIZON = timedelta(days=2 * 366)  # meetings and due dates within two years either way


# --- checks ---------------------------------------------------------------------------------

def _text(value: str | None, field: str, label: str, limit: int, *, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(f"Give the {label}.", field=field)
    if len(value) > limit:
        raise InvalidInput(f"The {label} is at most {limit:,} characters.", field=field)
    return value


def _markdown(value: str | None, field: str, label: str) -> str:
    value = (value or "").replace("\r\n", "\n").strip()
    if len(value) > TEXT_MAX:
        raise InvalidInput(f"The {label} is at most {TEXT_MAX:,} characters.", field=field)
    return value


def _times(starts_at, ends_at, now: datetime) -> tuple[datetime, datetime]:
    if not isinstance(starts_at, datetime) or starts_at.tzinfo is None:
        raise InvalidInput("Give the start as a date and time.", field="starts_at")
    if not isinstance(ends_at, datetime) or ends_at.tzinfo is None:
        raise InvalidInput("Give the end as a date and time.", field="ends_at")
    if ends_at <= starts_at:
        raise InvalidInput("The meeting ends before it starts.", field="ends_at")
    if ends_at - starts_at > MAX_LENGTH:
        raise InvalidInput("A meeting lasts at most 24 hours.", field="ends_at")
    if abs(starts_at - now) > HORIZON:
        raise InvalidInput("Schedule the meeting within two years of today.", field="starts_at")
    return starts_at, ends_at


def refuse_stale(meeting: Meeting, expected_version: int | None) -> None:
    if expected_version is None or expected_version != meeting.version:
        who = meeting.updated_by.name if meeting.updated_by else "someone"
        raise Conflict(f"This meeting was changed by {who} at {meeting.updated_at:%b %d, %Y %H:%M UTC} — "
                       f"reload the page to see the change, then make yours again.")


def _refuse_cancelled(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise InvalidInput("This meeting was cancelled; its record cannot change.")


def _touch(actor, meeting: Meeting, now: datetime) -> None:
    # Every change bumps the meeting's version, so a form rendered before it is refused.
    meeting.updated_at, meeting.updated_by_id = now, actor.id


def fingerprint(text: str) -> str:
    """Proves later which text a record was about, without showing it."""
    if not text:
        return "empty"
    return f"{len(text):,} characters, sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]}"


def _iso(value):
    return value.isoformat() if isinstance(value, (date, datetime)) else value


# --- scheduling and the agenda ------------------------------------------------------------------

def schedule(actor, table, *, title: str | None, starts_at, ends_at, place: str | None,
             now: datetime | None = None) -> Meeting:
    """A new meeting with an agenda drafted from what changed since the previous one."""
    now = now or utcnow()
    title = _text(title, "title", "title", TITLE_MAX, required=True)
    place = _text(place, "place", "place or link", PLACE_MAX, required=False) or None
    starts_at, ends_at = _times(starts_at, ends_at, now)
    window = window_for(table, starts_at, now)
    meeting = Meeting(table_id=table.id, table=table, title=title, starts_at=starts_at, ends_at=ends_at,
                      place=place, agenda_md=draft_agenda(table, window, starts_at.date()),
                      agenda_drafted_since=window.since, notes_md="", notes_status=NotesStatus.DRAFT.value,
                      created_by_id=actor.id, created_at=now, updated_by_id=actor.id, updated_at=now)
    db.session.add(meeting)
    db.session.flush()
    record(actor, "meetings.scheduled", meeting, f"Meeting “{title}” scheduled for {starts_at:%b %d, %Y %H:%M} UTC",
           after={"title": title, "starts_at": _iso(starts_at), "ends_at": _iso(ends_at), "place": place,
                  "agenda": "drafted, not shared"}, table=table)
    if starts_at > now:
        notifications.notify_scheduled(meeting)
    return meeting


def redraft(meeting: Meeting, now: datetime | None = None) -> tuple[str, datetime]:
    """A fresh draft for the facilitator to review; nothing is saved until they do."""
    now = now or utcnow()
    window = window_for(meeting.table, meeting.starts_at, now, meeting_id=meeting.id)
    return draft_agenda(meeting.table, window, meeting.starts_at.date()), window.since


def update(actor, meeting: Meeting, *, expected_version: int | None, title: str | None, starts_at, ends_at,
           place: str | None, agenda_md: str | None, share_agenda: bool, drafted_since: datetime | None = None,
           now: datetime | None = None) -> bool:
    """Details and agenda. Sharing the agenda shows it to every partner; a
    shared agenda stays shared (partners may have read it), later edits show at
    once. Returns whether anything changed."""
    now = now or utcnow()
    refuse_stale(meeting, expected_version)
    _refuse_cancelled(meeting)
    title = _text(title, "title", "title", TITLE_MAX, required=True)
    place = _text(place, "place", "place or link", PLACE_MAX, required=False) or None
    starts_at, ends_at = _times(starts_at, ends_at, now)
    agenda = _markdown(agenda_md, "agenda_md", "agenda")
    shared = meeting.agenda_shared or bool(share_agenda)
    if shared and not agenda:
        raise InvalidInput("Write the agenda before sharing it.", field="agenda_md")
    details_before = {"title": meeting.title, "starts_at": _iso(meeting.starts_at), "ends_at": _iso(meeting.ends_at),
                      "place": meeting.place}
    details_after = {"title": title, "starts_at": _iso(starts_at), "ends_at": _iso(ends_at), "place": place}
    agenda_changed = agenda != meeting.agenda_md
    sharing_now = shared and not meeting.agenda_shared
    if details_before == details_after and not agenda_changed and not sharing_now:
        return False
    before, after = dict(details_before), dict(details_after)
    # The log is public at the table: an unshared agenda appears as a fingerprint.
    before["agenda"] = meeting.agenda_md if meeting.agenda_shared else fingerprint(meeting.agenda_md)
    after["agenda"] = agenda if shared else fingerprint(agenda)
    before["agenda_shared"], after["agenda_shared"] = meeting.agenda_shared, shared
    moved = (details_before["starts_at"], details_before["ends_at"], details_before["place"]) != (
        details_after["starts_at"], details_after["ends_at"], details_after["place"])
    meeting.title, meeting.starts_at, meeting.ends_at, meeting.place = title, starts_at, ends_at, place
    meeting.agenda_md = agenda
    if drafted_since is not None and agenda_changed:
        meeting.agenda_drafted_since = drafted_since
    if sharing_now:
        meeting.agenda_shared_at = now
    _touch(actor, meeting, now)
    db.session.flush()
    what = "agenda shared" if sharing_now else "agenda and details updated" if agenda_changed else "details updated"
    record(actor, "meetings.agenda_shared" if sharing_now else "meetings.updated", meeting,
           f"Meeting “{title}”: {what}", before=before, after=after, table=meeting.table)
    if moved and starts_at > now:
        notifications.notify_moved(meeting)
    return True


def cancel(actor, meeting: Meeting, *, expected_version: int | None, now: datetime | None = None) -> None:
    now = now or utcnow()
    refuse_stale(meeting, expected_version)
    _refuse_cancelled(meeting)
    if meeting.notes_published:
        raise InvalidInput("This meeting's notes are published: it took place and cannot be cancelled.")
    meeting.cancelled_at = now
    _touch(actor, meeting, now)
    db.session.flush()
    record(actor, "meetings.cancelled", meeting, f"Meeting “{meeting.title}” of {meeting.starts_at:%b %d, %Y} "
           f"cancelled", before={"cancelled": False}, after={"cancelled": True}, table=meeting.table)
    if meeting.starts_at > now:
        notifications.notify_cancelled(meeting)


# --- the record: attendance, notes, action items --------------------------------------------------

def _refuse_before_start(meeting: Meeting, now: datetime, what: str) -> None:
    if meeting.starts_at > now:
        raise InvalidInput(f"{what} once the meeting has started ({meeting.starts_at:%b %d, %Y %H:%M} UTC).")


def record_attendance(actor, meeting: Meeting, *, expected_version: int | None, national_ids,
                      now: datetime | None = None) -> bool:
    """Which partners attended (a partner is a national, for its whole tree)."""
    now = now or utcnow()
    refuse_stale(meeting, expected_version)
    _refuse_cancelled(meeting)
    _refuse_before_start(meeting, now, "Attendance is recorded")
    partners = {p.national_id: p.national for p in meeting.table.partners}
    wanted = set()
    for national_id in national_ids or ():
        if national_id not in partners:
            raise InvalidInput("Choose attending partners from the table's partners.", field="national_ids")
        wanted.add(national_id)
    current = {a.national_id for a in meeting.attendance}
    if wanted == current:
        return False
    names = lambda ids: sorted((partners[i].name if i in partners else f"#{i}" for i in ids), key=str.casefold)  # noqa: E731
    for attendance in [a for a in meeting.attendance if a.national_id not in wanted]:
        meeting.attendance.remove(attendance)
    for national_id in sorted(wanted - current):
        meeting.attendance.append(MeetingAttendance(national_id=national_id, recorded_at=now,
                                                    recorded_by_id=actor.id))
    _touch(actor, meeting, now)
    db.session.flush()
    if meeting.notes_published:
        before, after = {"attended": names(current)}, {"attended": names(wanted)}
    else:  # part of the record partners see once the notes are published
        before, after = {"attending partners": len(current)}, {"attending partners": len(wanted)}
    record(actor, "meetings.attendance_recorded", meeting, f"Meeting “{meeting.title}”: attendance recorded"
           + ("" if meeting.notes_published else " (unpublished)"), before=before, after=after, table=meeting.table)
    return True


def save_notes(actor, meeting: Meeting, *, expected_version: int | None, notes_md: str | None, publish: bool,
               now: datetime | None = None) -> bool:
    """Draft notes only the facilitator sees, or publish them (with attendance and
    action items) to every partner at the table. Published notes stay published;
    corrections show at once."""
    now = now or utcnow()
    refuse_stale(meeting, expected_version)
    _refuse_cancelled(meeting)
    notes = _markdown(notes_md, "notes_md", "notes")
    publishing = publish and not meeting.notes_published
    if publishing:
        _refuse_before_start(meeting, now, "Notes are published")
        if not notes:
            raise InvalidInput("Write the notes before publishing them.", field="notes_md")
    if meeting.notes_published and not notes:
        raise InvalidInput("Published notes cannot be emptied; correct them instead.", field="notes_md")
    if notes == meeting.notes_md and not publishing:
        return False
    was_published = meeting.notes_published
    before = {"notes": meeting.notes_md if was_published else fingerprint(meeting.notes_md)}
    meeting.notes_md = notes
    if publishing:
        meeting.notes_status, meeting.notes_published_at = NotesStatus.PUBLISHED.value, now
    _touch(actor, meeting, now)
    db.session.flush()
    if publishing:
        after = {"notes": notes, "attended": [o.name for o in meeting.attendees],
                 "action items": [f"{i.owner.name}: {i.text} (due {i.due_on.isoformat()})"
                                  for i in meeting.action_items]}
        record(actor, "meetings.notes_published", meeting, f"Meeting “{meeting.title}”: notes published",
               before=before, after=after, table=meeting.table)
        notifications.notify_notes_published(meeting)
        for item in meeting.action_items:
            notifications.notify_item_assigned(item)
    elif was_published:
        record(actor, "meetings.notes_corrected", meeting, f"Meeting “{meeting.title}”: published notes corrected",
               before=before, after={"notes": notes}, table=meeting.table)
    else:
        record(actor, "meetings.notes_drafted", meeting, f"Meeting “{meeting.title}”: draft notes saved",
               before=before, after={"notes": fingerprint(notes)}, table=meeting.table)
    return True


def owner_choices(table, now: datetime | None = None) -> list[Organization]:
    """Who can own an action item: the partner nationals, and the affiliates
    that act in the open at this table (with a declaration every partner sees),
    since a published item names its owner to every partner. Alphabetical."""
    from portal.access.declarations import table_wide_clause
    now = now or utcnow()
    partner_ids = table.partner_ids
    open_affiliates = select(Declaration.organization_id).join(
        DeclarationRevision, DeclarationRevision.id == Declaration.current_revision_id).where(
        table_wide_clause(table, now), Declaration.national_id.in_(partner_ids))
    orgs = db.session.scalars(select(Organization).where(
        Organization.archived_at.is_(None),
        (Organization.id.in_(partner_ids)) | (Organization.id.in_(open_affiliates)))).all()
    return sorted(orgs, key=lambda o: (o.name.casefold(), o.id))


def add_action_item(actor, meeting: Meeting, *, text: str | None, owner: Organization | None, due_on,
                    now: datetime | None = None) -> ActionItem:
    now = now or utcnow()
    _refuse_cancelled(meeting)
    text = _text(text, "text", "action item", ITEM_MAX, required=True)
    if owner is None or owner.id not in {o.id for o in owner_choices(meeting.table, now)}:
        raise InvalidInput("Choose the owner from the list: a partner, or an affiliate acting openly at this "
                           "table.", field="owner_id")
    if not isinstance(due_on, date) or isinstance(due_on, datetime):
        raise InvalidInput("Give the due date.", field="due_on")
    if abs(due_on - now.date()) > HORIZON:
        raise InvalidInput("The due date is within two years of today.", field="due_on")
    duplicate = db.session.scalar(select(ActionItem.id).where(
        ActionItem.meeting_id == meeting.id, ActionItem.owner_id == owner.id, ActionItem.text == text))
    if duplicate is not None:
        raise Conflict(f"{owner.name} already has that action item on this meeting's list.", field="text")
    item = ActionItem(meeting=meeting, text=text, owner_id=owner.id, owner=owner, due_on=due_on,
                      created_by_id=actor.id, created_at=now)
    db.session.add(item)
    db.session.flush()
    published = meeting.notes_published
    summary = (f"Meeting “{meeting.title}”: action item for {owner.name}, due {due_on:%b %d, %Y}" if published
               else f"Meeting “{meeting.title}”: action item added (unpublished)")
    after = ({"owner": owner.name, "text": text, "due_on": due_on.isoformat()} if published
             else {"action item": fingerprint(f"{owner.id}|{text}|{due_on.isoformat()}")})
    record(actor, "meetings.action_item_added", item, summary, after=after, table=meeting.table)
    if published:  # otherwise the owner hears when the notes are published
        notifications.notify_item_assigned(item)
    return item


def complete_action_item(actor, item: ActionItem, *, expected_version: int | None,
                         now: datetime | None = None) -> None:
    """The owner organization marks its item done."""
    now = now or utcnow()
    if item.is_done:
        who = item.done_by.name if item.done_by else "someone"
        raise Conflict(f"{who} already marked this done on {item.done_at:%b %d, %Y}.")
    if expected_version is None or expected_version != item.version:
        raise Conflict("This action item changed since the page was loaded — reload it and try again.")
    item.done_at, item.done_by_id = now, actor.id
    db.session.flush()
    record(actor, "meetings.action_item_done", item, f"{item.owner.name} marked done: {item.text}"[:300],
           before={"done": False}, after={"done": True, "done_at": now.isoformat()}, organization=item.owner,
           table=item.meeting.table)
