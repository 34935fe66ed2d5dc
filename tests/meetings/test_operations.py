"""Meeting operations: validation, stale edits, publication rules, action
items, audit records and notifications."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.db import db, utcnow
from portal.errors import Conflict, InvalidInput
from portal.meetings import operations
from portal.meetings.models import Meeting
from tests.meetings.conftest import mail_to


def _events(meeting, action=None) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.table_id == meeting.table_id).order_by(AuditEvent.id)
    if action:
        query = query.where(AuditEvent.action == action)
    return list(db.session.scalars(query))


def _update(world, meeting, **changes):
    values = dict(expected_version=meeting.version, title=meeting.title, starts_at=meeting.starts_at,
                  ends_at=meeting.ends_at, place=meeting.place, agenda_md=meeting.agenda_md, share_agenda=False)
    values.update(changes)
    return operations.update(world.facilitator, meeting, **values)


# --- scheduling -------------------------------------------------------------------------------------

@pytest.mark.parametrize("changes, field", [
    ({"title": "  "}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"starts_at": None}, "starts_at"),
    ({"ends_at": "tomorrow"}, "ends_at"),
    ({"ends_offset": timedelta(hours=-1)}, "ends_at"),
    ({"ends_offset": timedelta(hours=25)}, "ends_at"),
    ({"start_offset": timedelta(days=800)}, "starts_at"),
    ({"place": "p" * 301}, "place"),
])
def test_scheduling_refuses_bad_input_with_the_field_named(world, changes, field):
    start = utcnow() + changes.pop("start_offset", timedelta(days=3))
    values = {"title": "Call", "starts_at": start, "ends_at": start + changes.pop("ends_offset", timedelta(hours=1)),
              "place": None} | changes
    with pytest.raises(InvalidInput) as refused:
        operations.schedule(world.facilitator, world.table, **values)
    assert refused.value.field == field
    assert db.session.scalar(select(Meeting.id)) is None


def test_scheduling_is_audited_for_the_facilitator_log_and_tells_the_partners(world):
    meeting = world.meeting(title="Spring call", starts_in_days=5, place="https://meet.example/abc")
    [event] = _events(meeting, "meetings.scheduled")
    assert event.actor_id == world.facilitator.id and event.table_id == world.table.id
    assert event.organization_id is None  # the facilitator acts for no organization
    assert event.after["title"] == "Spring call"
    # National staff and leaders of every partner hear; affiliates' people and outsiders do not.
    for key in ("a_admin", "a_approver", "c_leader"):
        [mail] = mail_to(world.people[key])
        assert "Spring call" in mail.subject and "https://meet.example/abc" in mail.body
        assert mail.link.endswith(f"/meetings/{meeting.id}")
    for key in ("a_mo_leader", "a_stl_member", "b_admin", "z_admin", "facilitator"):
        assert mail_to(world.people[key]) == []


def test_a_person_in_several_partners_gets_one_mail(world):
    both = world.people["c_leader"]
    from tests.factories import grant
    grant(both, world.delta, "admin")
    world.meeting(starts_in_days=5)
    assert len(mail_to(both)) == 1


def test_recording_a_past_meeting_tells_nobody(world):
    world.meeting(starts_in_days=-3)
    assert mail_to(world.people["a_admin"]) == []


def test_mail_respects_the_digest_preference(world):
    world.people["a_admin"].notification_mode = "digest"
    world.meeting(starts_in_days=5)
    [mail] = mail_to(world.people["a_admin"])
    assert mail.digest is True


# --- editing and sharing the agenda -----------------------------------------------------------------

def test_a_stale_edit_is_refused_with_who_and_when(world):
    meeting = world.meeting(starts_in_days=5)
    seen = meeting.version
    _update(world, meeting, title="Renamed")
    with pytest.raises(Conflict) as refused:
        _update(world, meeting, expected_version=seen, agenda_md="Mine")
    assert "changed by Fay Facilitator" in refused.value.message and "reload" in refused.value.message
    assert meeting.agenda_md != "Mine"


def test_every_change_bumps_the_version(world):
    meeting = world.meeting(starts_in_days=-1)
    versions = [meeting.version]
    _update(world, meeting, agenda_md="New agenda")
    versions.append(meeting.version)
    operations.record_attendance(world.facilitator, meeting, expected_version=meeting.version,
                                 national_ids=[world.alpha.id])
    versions.append(meeting.version)
    operations.save_notes(world.facilitator, meeting, expected_version=meeting.version, notes_md="n",
                          publish=False)
    versions.append(meeting.version)
    assert versions == sorted(set(versions))


def test_a_draft_agenda_is_audited_as_a_fingerprint_and_a_shared_one_in_full(world):
    meeting = world.meeting(starts_in_days=5)
    _update(world, meeting, agenda_md="Secret plan draft")
    [draft] = _events(meeting, "meetings.updated")
    assert "Secret plan" not in str(draft.after) and "sha256" in draft.after["agenda"]
    _update(world, meeting, agenda_md="The agenda", share_agenda=True)
    [shared] = _events(meeting, "meetings.agenda_shared")
    assert shared.after["agenda"] == "The agenda" and shared.after["agenda_shared"] is True
    assert "Secret plan" not in str(shared.before)
    assert meeting.agenda_shared


def test_a_shared_agenda_stays_shared(world):
    meeting = world.meeting(starts_in_days=5)
    _update(world, meeting, agenda_md="A", share_agenda=True)
    _update(world, meeting, agenda_md="B", share_agenda=False)
    assert meeting.agenda_shared and meeting.agenda_md == "B"


def test_an_empty_agenda_is_not_shared(world):
    meeting = world.meeting(starts_in_days=5)
    with pytest.raises(InvalidInput) as refused:
        _update(world, meeting, agenda_md="  ", share_agenda=True)
    assert refused.value.field == "agenda_md"


def test_moving_an_upcoming_meeting_tells_the_partners(world):
    meeting = world.meeting(starts_in_days=5)
    _update(world, meeting, starts_at=meeting.starts_at + timedelta(hours=2),
            ends_at=meeting.ends_at + timedelta(hours=2))
    subjects = [m.subject for m in mail_to(world.people["a_admin"])]
    assert any(s.startswith("Meeting changed") for s in subjects)


def test_redraft_saves_nothing(world):
    meeting = world.meeting(starts_in_days=5)
    before = (meeting.version, meeting.agenda_md)
    world.endorse(world.alpha, days_ago=0)
    text, since = operations.redraft(meeting)
    assert "Alpha Alliance" in text and since <= utcnow()
    assert (meeting.version, meeting.agenda_md) == before


# --- attendance and notes ---------------------------------------------------------------------------

def test_attendance_names_only_partners_of_the_table(world):
    meeting = world.meeting(starts_in_days=-1)
    for foreign in (world.bravo.id, world.alpha_mo.id, world.outsider_national.id, 10**6):
        with pytest.raises(InvalidInput):
            operations.record_attendance(world.facilitator, meeting, expected_version=meeting.version,
                                         national_ids=[world.alpha.id, foreign])
    assert meeting.attendance == []
    operations.record_attendance(world.facilitator, meeting, expected_version=meeting.version,
                                 national_ids=[world.echo.id, world.alpha.id])
    assert [o.name for o in meeting.attendees] == ["Alpha Alliance", "Echo Fund"]
    operations.record_attendance(world.facilitator, meeting, expected_version=meeting.version,
                                 national_ids=[world.charlie.id])
    assert [o.name for o in meeting.attendees] == ["Charlie Collective"]


def test_attendance_waits_for_the_meeting_to_start(world):
    meeting = world.meeting(starts_in_days=2)
    with pytest.raises(InvalidInput, match="once the meeting has started"):
        operations.record_attendance(world.facilitator, meeting, expected_version=meeting.version,
                                     national_ids=[world.alpha.id])


def test_notes_are_published_after_the_meeting_started_and_never_empty(world):
    upcoming = world.meeting(starts_in_days=2)
    with pytest.raises(InvalidInput, match="once the meeting has started"):
        operations.save_notes(world.facilitator, upcoming, expected_version=upcoming.version, notes_md="x",
                              publish=True)
    past = world.meeting(title="Past", starts_in_days=-2)
    with pytest.raises(InvalidInput) as refused:
        operations.save_notes(world.facilitator, past, expected_version=past.version, notes_md=" ", publish=True)
    assert refused.value.field == "notes_md"


def test_draft_notes_and_unpublished_record_are_audited_without_their_content(world):
    meeting = world.meeting(starts_in_days=-1)
    operations.record_attendance(world.facilitator, meeting, expected_version=meeting.version,
                                 national_ids=[world.charlie.id])
    operations.add_action_item(world.facilitator, meeting, text="Secret turf swap", owner=world.charlie,
                               due_on=utcnow().date())
    operations.save_notes(world.facilitator, meeting, expected_version=meeting.version,
                          notes_md="Secret draft words", publish=False)
    events = [e for e in _events(meeting) if e.action.startswith("meetings.")]
    text = " ".join(f"{e.summary} {e.before} {e.after}" for e in events)
    assert "Secret" not in text and "Charlie" not in text
    assert {"meetings.attendance_recorded", "meetings.action_item_added", "meetings.notes_drafted"} <= {
        e.action for e in events}


def test_publishing_records_the_whole_record_and_tells_partners_and_owners(world):
    meeting = world.meeting(title="Summer call", starts_in_days=-1)
    operations.record_attendance(world.facilitator, meeting, expected_version=meeting.version,
                                 national_ids=[world.charlie.id, world.alpha.id])
    operations.add_action_item(world.facilitator, meeting, text="Book the hall", owner=world.charlie,
                               due_on=utcnow().date() + timedelta(days=3))
    assert mail_to(world.people["c_leader"]) == []  # nothing before publication
    operations.save_notes(world.facilitator, meeting, expected_version=meeting.version, notes_md="We met.",
                          publish=True)
    assert meeting.notes_published and meeting.notes_published_at is not None
    [event] = _events(meeting, "meetings.notes_published")
    assert event.after["notes"] == "We met."
    assert event.after["attended"] == ["Alpha Alliance", "Charlie Collective"]
    assert event.after["action items"][0].startswith("Charlie Collective: Book the hall")
    subjects = [m.subject for m in mail_to(world.people["c_leader"])]
    assert any(s.startswith("Notes published: Summer call") for s in subjects)
    assert any(s.startswith("Action item for Charlie Collective") for s in subjects)
    # Alpha's staff hear that the notes are out, not about Charlie's item.
    alpha_mail = mail_to(world.people["a_admin"])
    assert [m.subject.split(":")[0] for m in alpha_mail] == ["Notes published"]
    assert all("Book the hall" not in m.body for m in alpha_mail)


def test_published_notes_stay_published_and_corrections_are_audited_in_full(world):
    meeting = world.meeting(starts_in_days=-1)
    operations.save_notes(world.facilitator, meeting, expected_version=meeting.version, notes_md="Draft one",
                          publish=False)
    operations.save_notes(world.facilitator, meeting, expected_version=meeting.version, notes_md="Final",
                          publish=True)
    operations.save_notes(world.facilitator, meeting, expected_version=meeting.version, notes_md="Final, fixed",
                          publish=False)
    assert meeting.notes_published
    [event] = _events(meeting, "meetings.notes_corrected")
    assert event.before == {"notes": "Final"} and event.after == {"notes": "Final, fixed"}
    with pytest.raises(InvalidInput):
        operations.save_notes(world.facilitator, meeting, expected_version=meeting.version, notes_md="",
                              publish=False)


def test_stale_notes_are_refused(world):
    meeting = world.meeting(starts_in_days=-1)
    seen = meeting.version
    operations.save_notes(world.facilitator, meeting, expected_version=seen, notes_md="First", publish=False)
    with pytest.raises(Conflict):
        operations.save_notes(world.facilitator, meeting, expected_version=seen, notes_md="Second", publish=True)
    assert meeting.notes_md == "First" and not meeting.notes_published


# --- action items ---------------------------------------------------------------------------------

def test_owners_are_partners_or_affiliates_acting_openly_at_the_table(world):
    assert [o.name for o in operations.owner_choices(world.table)] == [
        "Alpha Alliance", "Charlie Collective", "Delta Union", "Echo Fund"]
    from portal.approvals.operations import decide
    declaration = world.endorse(world.alpha_mo, visibility="table")
    assert "Alpha Missouri" not in [o.name for o in operations.owner_choices(world.table)]  # still pending
    decide(world.people["a_approver"], declaration.pending, approve=True)
    assert "Alpha Missouri" in [o.name for o in operations.owner_choices(world.table)]


@pytest.mark.parametrize("owner_key", ["bravo", "outsider_national", "alpha_stl", None])
def test_an_item_for_anyone_else_is_refused(world, owner_key):
    meeting = world.meeting(starts_in_days=-1)
    owner = getattr(world, owner_key) if owner_key else None
    with pytest.raises(InvalidInput) as refused:
        operations.add_action_item(world.facilitator, meeting, text="Do it", owner=owner, due_on=utcnow().date())
    assert refused.value.field == "owner_id"
    assert meeting.action_items == []


def test_the_same_item_twice_is_one_item(world):
    meeting = world.meeting(starts_in_days=-1)
    operations.add_action_item(world.facilitator, meeting, text="Call", owner=world.alpha, due_on=utcnow().date())
    with pytest.raises(Conflict):
        operations.add_action_item(world.facilitator, meeting, text=" Call ", owner=world.alpha,
                                   due_on=utcnow().date())
    assert len(meeting.action_items) == 1


def test_an_item_added_after_publication_tells_its_owner_at_once(world):
    meeting = world.meeting(starts_in_days=-1)
    operations.save_notes(world.facilitator, meeting, expected_version=meeting.version, notes_md="n", publish=True)
    operations.add_action_item(world.facilitator, meeting, text="Print flyers", owner=world.alpha,
                               due_on=utcnow().date() + timedelta(days=2))
    [item_mail] = [m for m in mail_to(world.people["a_admin"]) if m.subject.startswith("Action item")]
    assert "Print flyers" in item_mail.body
    # Leaders of the owner itself hear; its affiliates' people and other partners do not.
    assert any(m.subject.startswith("Action item") for m in mail_to(world.leaders[world.alpha.id]))
    assert not any(m.subject.startswith("Action item") for m in mail_to(world.people["a_mo_leader"]))
    assert not any(m.subject.startswith("Action item") for m in mail_to(world.people["c_leader"]))


def test_an_owner_marks_its_item_done_once(world):
    meeting = world.meeting(starts_in_days=-1)
    item = operations.add_action_item(world.facilitator, meeting, text="Call", owner=world.alpha,
                                      due_on=utcnow().date())
    operations.save_notes(world.facilitator, meeting, expected_version=meeting.version, notes_md="n", publish=True)
    seen = item.version
    operations.complete_action_item(world.people["a_admin"], item, expected_version=seen)
    assert item.is_done and item.done_by_id == world.people["a_admin"].id
    with pytest.raises(Conflict, match="already marked this done"):
        operations.complete_action_item(world.leaders[world.alpha.id], item, expected_version=seen)
    [event] = _events(meeting, "meetings.action_item_done")
    assert event.organization_id == world.alpha.id and event.table_id == world.table.id


def test_a_stale_done_is_refused(world):
    meeting = world.meeting(starts_in_days=-1)
    item = operations.add_action_item(world.facilitator, meeting, text="Call", owner=world.alpha,
                                      due_on=utcnow().date())
    with pytest.raises(Conflict):
        operations.complete_action_item(world.people["a_admin"], item, expected_version=item.version + 1)
    assert not item.is_done


# --- cancelling ----------------------------------------------------------------------------------

def test_cancelling_freezes_the_meeting_and_tells_the_partners(world):
    meeting = world.meeting(starts_in_days=4)
    operations.cancel(world.facilitator, meeting, expected_version=meeting.version)
    assert meeting.is_cancelled
    assert any(m.subject.startswith("Meeting cancelled") for m in mail_to(world.people["c_leader"]))
    with pytest.raises(InvalidInput, match="cancelled"):
        _update(world, meeting, title="Back on")
    with pytest.raises(InvalidInput, match="cancelled"):
        operations.add_action_item(world.facilitator, meeting, text="x", owner=world.alpha, due_on=utcnow().date())


def test_a_meeting_with_published_notes_cannot_be_cancelled(world):
    meeting = world.meeting(starts_in_days=-1)
    operations.save_notes(world.facilitator, meeting, expected_version=meeting.version, notes_md="n", publish=True)
    with pytest.raises(InvalidInput):
        operations.cancel(world.facilitator, meeting, expected_version=meeting.version)


# --- the database holds the line too ---------------------------------------------------------------

def test_the_database_refuses_published_notes_without_a_time_and_an_affiliate_attending(world, session):
    from sqlalchemy.exc import IntegrityError
    from portal.meetings.models import MeetingAttendance
    meeting = world.meeting(starts_in_days=-1)
    session.commit()
    meeting.notes_status = "published"
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
    meeting = session.scalar(select(Meeting))
    session.add(MeetingAttendance(meeting_id=meeting.id, national_id=world.alpha_mo.id))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
