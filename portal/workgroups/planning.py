"""Joint activities and shared notes of a working group.

Members write for a member organization where they hold a writing role (see
portal.access.workgroups.writer_organizations); what they wrote stays credited
to that organization, also after its partner leaves. Where the campaign notice
applies, a person acknowledges it before writing. Edits carry the version they
were made from; a stale one is refused."""
from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from portal.access.workgroups import facilitates, writer_organizations
from portal.audit.operations import changes, record
from portal.db import db, utcnow
from portal.errors import InvalidInput
from portal.workgroups.models import (LINK_MAX, NOTE_MAX, PLACE_MAX, VOLUNTEERS_MAX, ActivityKind, JointActivity,
                                      WorkingGroup, WorkingGroupNote)
from portal.workgroups.notifications import notify_activity
from portal.workgroups.operations import _refuse_closed, _refuse_stale, require_acknowledged

MAX_ACTIVITY_HOURS = 24 * 14  # a longer activity is a typo


def _writing_for(actor, group: WorkingGroup, organization) -> object:
    allowed = writer_organizations(actor, group)
    if organization is None or organization.id not in {o.id for o in allowed}:
        raise InvalidInput("Choose a member organization you write for.", field="organization_id")
    return organization


def _count(value, field: str, what: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= VOLUNTEERS_MAX:
        raise InvalidInput(f"{what} is a whole number from 0 to {VOLUNTEERS_MAX:,}.", field=field)
    return value


def _link(value: str | None) -> str | None:
    value = (value or "").strip() or None
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc or len(value) > LINK_MAX:
        raise InvalidInput(f"Give the link as a web address starting with https:// (at most {LINK_MAX} "
                           "characters).", field="link")
    return value


def _details(group: WorkingGroup, fields: dict) -> dict:
    """Validated activity details: kind, times, place or link, lead organization, expected volunteers."""
    try:
        kind = ActivityKind(fields.get("kind")).value
    except ValueError:
        raise InvalidInput("Choose the kind of activity.", field="kind") from None
    starts_at, ends_at = fields.get("starts_at"), fields.get("ends_at")
    if not isinstance(starts_at, datetime):
        raise InvalidInput("Give the date and time it starts.", field="starts_at")
    if ends_at is not None:
        if not isinstance(ends_at, datetime) or ends_at <= starts_at:
            raise InvalidInput("It must end after it starts.", field="ends_at")
        if (ends_at - starts_at).total_seconds() > MAX_ACTIVITY_HOURS * 3600:
            raise InvalidInput("An activity lasts at most two weeks; plan several instead.", field="ends_at")
    place = (fields.get("place") or "").strip() or None
    if place is not None and len(place) > PLACE_MAX:
        raise InvalidInput(f"The place is at most {PLACE_MAX} characters.", field="place")
    link = _link(fields.get("link"))
    if place is None and link is None:
        raise InvalidInput("Give the place, or a link for an online activity.", field="place")
    lead = fields.get("lead_organization")
    if lead is None or lead.id not in group.member_organization_ids:
        raise InvalidInput("The lead organization must be a member of this working group.",
                           field="lead_organization_id")
    expected = _count(fields.get("expected_volunteers"), "expected_volunteers", "Expected volunteers")
    return {"kind": kind, "starts_at": starts_at, "ends_at": ends_at, "place": place, "link": link,
            "lead_organization": lead, "expected_volunteers": expected}


def _snapshot(activity: JointActivity) -> dict:
    return {"kind": activity.kind, "starts_at": activity.starts_at.isoformat(),
            "ends_at": activity.ends_at.isoformat() if activity.ends_at else None, "place": activity.place,
            "link": activity.link, "lead_organization": activity.lead_organization.name,
            "expected_volunteers": activity.expected_volunteers, "actual_turnout": activity.actual_turnout,
            "cancelled": activity.is_cancelled}


def add_activity(actor, group: WorkingGroup, *, organization, **fields) -> JointActivity:
    _refuse_closed(group)
    require_acknowledged(actor, group)
    organization = _writing_for(actor, group, organization)
    details = _details(group, fields)
    now = utcnow()
    activity = JointActivity(group_id=group.id, created_by_organization_id=organization.id, created_by_id=actor.id,
                             created_at=now, updated_by_id=actor.id, updated_at=now, **details)
    db.session.add(activity)
    db.session.flush()
    record(actor, "workgroups.activity_added", activity, f"{organization.name} planned a {activity.kind} in the "
           f"working group for {group.candidate.name}", after=_snapshot(activity), organization=organization)
    notify_activity(actor, activity, "added")
    return activity


def update_activity(actor, activity: JointActivity, *, expected_version: int | None, actual_turnout=None,
                    cancelled: bool = False, now: datetime | None = None, **fields) -> bool:
    """Change the plan, record the turnout afterwards, or cancel (and un-cancel) it.
    Returns whether anything changed."""
    group = activity.group
    _refuse_closed(group)
    _refuse_stale(activity, expected_version, "activity")
    require_acknowledged(actor, group)
    now = now or utcnow()
    details = _details(group, fields)
    turnout = _count(actual_turnout, "actual_turnout", "The turnout", optional=True)
    if turnout is not None and details["starts_at"] > now:
        raise InvalidInput("Record the turnout once the activity has taken place.", field="actual_turnout")
    before = _snapshot(activity)
    for name, value in details.items():
        setattr(activity, name, value)
    activity.actual_turnout = turnout
    if cancelled and activity.cancelled_at is None:
        activity.cancelled_at = now
    elif not cancelled:
        activity.cancelled_at = None
    old, new = changes(before, _snapshot(activity))
    if not new:
        return False
    activity.updated_by_id, activity.updated_at = actor.id, now
    db.session.flush()
    lead = activity.lead_organization
    record(actor, "workgroups.activity_changed", activity, f"{activity.kind.capitalize()} led by {lead.name} in "
           f"the working group for {group.candidate.name} changed", before=old, after=new,
           organization=activity.created_by_organization)
    notify_activity(actor, activity, "changed")
    return True


def _body(body: str | None) -> str:
    body = (body or "").strip()
    if not body:
        raise InvalidInput("Write the note.", field="body")
    if len(body) > NOTE_MAX:
        raise InvalidInput(f"A note is at most {NOTE_MAX:,} characters.", field="body")
    return body


def post_note(actor, group: WorkingGroup, *, organization, body: str) -> WorkingGroupNote:
    """A member writes for one of its organizations; the facilitator writes for nobody."""
    _refuse_closed(group)
    require_acknowledged(actor, group)
    if facilitates(actor, group):
        organization = None
    else:
        organization = _writing_for(actor, group, organization)
    note = WorkingGroupNote(group_id=group.id, author_id=actor.id,
                            organization_id=organization.id if organization else None, body=_body(body))
    db.session.add(note)
    db.session.flush()
    who = organization.name if organization else "The facilitator"
    record(actor, "workgroups.note_posted", note, f"{who} posted a note in the working group for "
           f"{group.candidate.name}", after={"body": note.body}, organization=organization)
    return note


def edit_note(actor, note: WorkingGroupNote, *, expected_version: int | None, body: str) -> bool:
    _refuse_closed(note.group)
    _refuse_stale(note, expected_version, "note")
    require_acknowledged(actor, note.group)
    body = _body(body)
    if body == note.body:
        return False
    before = note.body
    note.body, note.edited_at = body, utcnow()
    db.session.flush()
    record(actor, "workgroups.note_edited", note, f"A note in the working group for {note.group.candidate.name} "
           "edited", before={"body": before}, after={"body": body}, organization=note.organization)
    return True
