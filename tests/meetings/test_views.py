"""Meeting pages: who sees and does what, drafts that never reach partners,
stale edits refused, and known XSS vectors through every rendered field."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.db import db, utcnow
from portal.meetings import operations
from portal.meetings.models import ActionItem, Meeting
from tests.db_state import fingerprint
from tests.factories import page_text
from tests.meetings.conftest import signed_in
from tests.meetings.xss import VECTORS, executable_markup

PARTNERS = ("a_admin", "a_approver", "a_mo_leader", "a_stl_member", "c_leader")
OUTSIDERS = ("b_admin", "z_admin", "other_facilitator", "site_admin")
# The page's own markup: its forms and stylesheet. Anything else executable is a finding.
PAGE_TAGS = {"form", "input", "button", "textarea", "link", "meta", "select"}


def _when(days: float) -> str:
    return (utcnow() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def _meeting_with_drafts(world):
    """A past meeting: unshared agenda, draft notes, attendance and an item, each with a secret word."""
    meeting = world.meeting(title="Follow-up call", starts_in_days=-1)
    operations.update(world.facilitator, meeting, expected_version=meeting.version, title=meeting.title,
                      starts_at=meeting.starts_at, ends_at=meeting.ends_at, place=meeting.place,
                      agenda_md="Agenda draft zebra", share_agenda=False)
    operations.record_attendance(world.facilitator, meeting, expected_version=meeting.version,
                                 national_ids=[world.echo.id])
    operations.add_action_item(world.facilitator, meeting, text="Item draft walrus", owner=world.charlie,
                               due_on=utcnow().date())
    operations.save_notes(world.facilitator, meeting, expected_version=meeting.version,
                          notes_md="Notes draft narwhal", publish=False)
    db.session.commit()
    return meeting


SECRETS = ("zebra", "walrus", "narwhal", "Echo Fund")


# --- the facilitator's flow ----------------------------------------------------------------------

def test_the_facilitator_schedules_edits_shares_and_publishes(app, world):
    world.endorse(world.alpha, days_ago=1)
    db.session.commit()
    browser = signed_in(app, world.facilitator)
    page = browser.get(f"/tables/{world.table.id}/meetings")
    assert page.status_code == 200 and 'data-testid="schedule-meeting"' in page.get_data(as_text=True)
    response = browser.post(f"/tables/{world.table.id}/meetings",
                            data={"title": "Monthly call", "starts_at": _when(-0.1), "ends_at": _when(-0.05),
                                  "place": "https://meet.example/x"})
    assert response.status_code == 302
    meeting = db.session.scalar(select(Meeting))
    assert response.headers["Location"].endswith(f"/meetings/{meeting.id}/edit")
    edit = browser.get(f"/meetings/{meeting.id}/edit")
    assert "Alpha Alliance" in edit.get_data(as_text=True)  # the drafted agenda
    saved = browser.post(f"/meetings/{meeting.id}/edit", data={
        "version": meeting.version, "title": "Monthly call", "starts_at": _when(-0.1), "ends_at": _when(-0.05),
        "place": "https://meet.example/x", "agenda_md": "## Plan\n\n- **turf**", "share_agenda": "y",
        "save": "1"})
    assert saved.status_code == 302
    db.session.expire_all()
    meeting = db.session.get(Meeting, meeting.id)
    assert meeting.agenda_shared and meeting.agenda_md == "## Plan\n\n- **turf**"
    assert browser.post(f"/meetings/{meeting.id}/attendance",
                        data={"version": meeting.version, "national_ids": [world.alpha.id, world.charlie.id]}
                        ).status_code == 302
    db.session.expire_all()
    meeting = db.session.get(Meeting, meeting.id)
    assert browser.post(f"/meetings/{meeting.id}/action-items",
                        data={"text": "Share turf maps", "owner_id": world.charlie.id,
                              "due_on": (utcnow().date() + timedelta(days=7)).isoformat()}).status_code == 302
    published = browser.post(f"/meetings/{meeting.id}/notes",
                             data={"version": meeting.version, "notes_md": "We *met*.", "publish": "1"})
    assert published.status_code == 302
    page = browser.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "<strong>turf</strong>" in page and "<em>met</em>" in page and "Share turf maps" in page
    log = page_text(browser.get(f"/tables/{world.table.id}/facilitator-log"))
    assert "notes published" in log and "agenda shared" in log


def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(app, world):
    browser = signed_in(app, world.facilitator)
    before = fingerprint()
    response = browser.post(f"/tables/{world.table.id}/meetings",
                            data={"title": "Call", "starts_at": _when(2), "ends_at": _when(1)})
    assert response.status_code == 422
    assert "The meeting ends before it starts." in page_text(response)
    assert fingerprint() == before


def test_redraft_shows_a_fresh_draft_and_saves_nothing(app, world):
    meeting = world.meeting(starts_in_days=3)
    world.endorse(world.echo, days_ago=0)
    db.session.commit()
    browser = signed_in(app, world.facilitator)
    before = fingerprint()
    response = browser.post(f"/meetings/{meeting.id}/edit", data={
        "version": meeting.version, "title": meeting.title, "starts_at": _when(3), "ends_at": _when(3.04),
        "agenda_md": "old text", "redraft": "1"})
    assert response.status_code == 200
    assert "Echo Fund" in response.get_data(as_text=True)
    assert fingerprint() == before


def test_a_stale_edit_is_refused_with_a_clear_message(app, world):
    meeting = world.meeting(starts_in_days=3)
    db.session.commit()
    first, second = signed_in(app, world.facilitator), signed_in(app, world.facilitator)
    seen = meeting.version
    form = {"version": seen, "title": meeting.title, "starts_at": _when(3), "ends_at": _when(3.04),
            "agenda_md": "from the first tab", "save": "1"}
    assert first.post(f"/meetings/{meeting.id}/edit", data=form).status_code == 302
    stale = second.post(f"/meetings/{meeting.id}/edit", data=form | {"agenda_md": "from the second tab"})
    assert stale.status_code == 409
    assert "changed by Fay Facilitator" in page_text(stale) and "reload the page" in page_text(stale)
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).agenda_md == "from the first tab"
    notes = second.post(f"/meetings/{meeting.id}/notes",
                        data={"version": seen, "notes_md": "late", "save": "1"})
    assert notes.status_code == 409


# --- who sees what -----------------------------------------------------------------------------

@pytest.mark.parametrize("persona", PARTNERS)
def test_partners_see_the_meeting_but_never_its_drafts(app, world, persona):
    meeting = _meeting_with_drafts(world)
    browser = signed_in(app, world.people[persona])
    for url in (f"/meetings/{meeting.id}", f"/tables/{world.table.id}/meetings",
                f"/tables/{world.table.id}/facilitator-log"):
        response = browser.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        assert not [s for s in SECRETS if s in body], url
    page = browser.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Follow-up call" in page and 'data-testid="agenda-pending"' in page and 'data-testid="record-pending"' in page
    item = db.session.scalar(select(ActionItem))
    assert browser.post(f"/meetings/action-items/{item.id}/done", data={"version": item.version}).status_code == 404
    for url in (f"/meetings/{meeting.id}/edit",):
        assert browser.get(url).status_code == 403


def test_partners_see_what_is_shared_and_published(app, world):
    meeting = _meeting_with_drafts(world)
    operations.update(world.facilitator, meeting, expected_version=meeting.version, title=meeting.title,
                      starts_at=meeting.starts_at, ends_at=meeting.ends_at, place=meeting.place,
                      agenda_md="Agenda zebra", share_agenda=True)
    operations.save_notes(world.facilitator, meeting, expected_version=meeting.version,
                          notes_md="Notes narwhal", publish=True)
    db.session.commit()
    page = signed_in(app, world.people["a_stl_member"]).get(f"/meetings/{meeting.id}").get_data(as_text=True)
    for shown in ("Agenda zebra", "Notes narwhal", "Item draft walrus", "Echo Fund"):
        assert shown in page
    assert "draft — only you see it" not in page


@pytest.mark.parametrize("persona", PARTNERS)
def test_partners_cannot_change_a_meeting(app, world, persona):
    meeting = _meeting_with_drafts(world)
    browser = signed_in(app, world.people[persona])
    before = fingerprint()
    posts = {f"/tables/{world.table.id}/meetings": {"title": "Mine", "starts_at": _when(1), "ends_at": _when(1.1)},
             f"/meetings/{meeting.id}/edit": {"version": meeting.version, "title": "Mine", "starts_at": _when(1),
                                              "ends_at": _when(1.1), "agenda_md": "x", "save": "1"},
             f"/meetings/{meeting.id}/attendance": {"version": meeting.version, "national_ids": [world.alpha.id]},
             f"/meetings/{meeting.id}/notes": {"version": meeting.version, "notes_md": "x", "publish": "1"},
             f"/meetings/{meeting.id}/action-items": {"text": "x", "owner_id": world.alpha.id,
                                                      "due_on": utcnow().date().isoformat()},
             f"/meetings/{meeting.id}/cancel": {"version": meeting.version}}
    for url, data in posts.items():
        assert browser.post(url, data=data).status_code == 403, url
    assert fingerprint() == before


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_people_outside_the_table_are_told_the_meeting_does_not_exist(app, world, persona):
    meeting = _meeting_with_drafts(world)
    operations.save_notes(world.facilitator, meeting, expected_version=meeting.version, notes_md="narwhal",
                          publish=True)
    db.session.commit()
    item = db.session.scalar(select(ActionItem))
    browser = signed_in(app, world.people[persona])
    before = fingerprint()
    for url in (f"/meetings/{meeting.id}", f"/meetings/{meeting.id}/edit"):
        response = browser.get(url)
        assert response.status_code == 404, url
        assert "Follow-up" not in response.get_data(as_text=True)
    for url in (f"/meetings/{meeting.id}/notes", f"/meetings/{meeting.id}/cancel",
                f"/meetings/action-items/{item.id}/done"):
        assert browser.post(url, data={"version": 1, "notes_md": "x"}).status_code == 404, url
    listing = browser.get(f"/tables/{world.table.id}/meetings")
    assert listing.status_code in (403, 404) and "Follow-up" not in listing.get_data(as_text=True)
    assert fingerprint() == before


# --- action items done by their owners -----------------------------------------------------------

def test_the_owner_marks_its_item_done_and_no_one_else_can(app, world):
    meeting = world.meeting(starts_in_days=-1)
    item = operations.add_action_item(world.facilitator, meeting, text="Print flyers", owner=world.alpha,
                                      due_on=utcnow().date())
    operations.save_notes(world.facilitator, meeting, expected_version=meeting.version, notes_md="n", publish=True)
    db.session.commit()
    for persona in ("a_stl_member", "a_mo_leader", "c_leader", "facilitator"):
        browser = signed_in(app, world.people[persona])
        assert 'data-testid="mark-done"' not in browser.get(f"/meetings/{meeting.id}").get_data(as_text=True)
        assert browser.post(f"/meetings/action-items/{item.id}/done",
                            data={"version": item.version}).status_code == 403, persona
    owner = signed_in(app, world.people["a_approver"])
    assert 'data-testid="mark-done"' in owner.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert owner.post(f"/meetings/action-items/{item.id}/done", data={"version": item.version}).status_code == 302
    again = signed_in(app, world.people["a_admin"]).post(f"/meetings/action-items/{item.id}/done",
                                                         data={"version": item.version})
    assert again.status_code == 409 and "already marked this done" in page_text(again)


def test_an_affiliates_item_is_done_by_its_leaders_or_the_staff_above(app, world):
    from portal.approvals.operations import decide
    declaration = world.endorse(world.alpha_mo, visibility="table")
    decide(world.people["a_approver"], declaration.pending, approve=True)
    meeting = world.meeting(starts_in_days=-1)
    item = operations.add_action_item(world.facilitator, meeting, text="Host the phonebank", owner=world.alpha_mo,
                                      due_on=utcnow().date())
    operations.save_notes(world.facilitator, meeting, expected_version=meeting.version, notes_md="n", publish=True)
    db.session.commit()
    assert signed_in(app, world.leaders[world.alpha.id]).post(  # a national's leader is not staff above
        f"/meetings/action-items/{item.id}/done", data={"version": item.version}).status_code == 403
    assert signed_in(app, world.people["a_mo_leader"]).post(
        f"/meetings/action-items/{item.id}/done", data={"version": item.version}).status_code == 302


# --- XSS through every rendered field ------------------------------------------------------------

def _fragments(body: str) -> dict[str, str]:
    """The rendered Markdown regions of a meeting page."""
    return {name: match.group(1) for name in ("agenda", "notes")
            for match in [re.search(rf'data-testid="{name}">(.*?)</div>', body, re.S)] if match}


def test_no_xss_vector_survives_any_rendered_field(app, world):
    meetings = []
    for n, vector in enumerate(VECTORS):
        meeting = operations.schedule(world.facilitator, world.table, title=f"{n} {vector}"[:200],
                                      starts_at=utcnow() - timedelta(days=1, minutes=n),
                                      ends_at=utcnow() - timedelta(hours=20), place=vector[:300])
        operations.update(world.facilitator, meeting, expected_version=meeting.version, title=meeting.title,
                          starts_at=meeting.starts_at, ends_at=meeting.ends_at, place=meeting.place,
                          agenda_md=f"Agenda\n\n{vector}\n\n- {vector}", share_agenda=True)
        operations.add_action_item(world.facilitator, meeting, text=vector[:500], owner=world.alpha,
                                   due_on=utcnow().date())
        operations.save_notes(world.facilitator, meeting, expected_version=meeting.version,
                              notes_md=f"Notes\n\n{vector}\n\n> {vector}", publish=True)
        meetings.append(meeting)
    db.session.commit()
    findings = []
    for persona in ("facilitator", "a_stl_member"):
        browser = signed_in(app, world.people[persona])
        pages = [f"/tables/{world.table.id}/meetings", f"/tables/{world.table.id}/facilitator-log"]
        for meeting in meetings:
            pages.append(f"/meetings/{meeting.id}")
            if persona == "facilitator":
                pages.append(f"/meetings/{meeting.id}/edit")
        for url in pages:
            response = browser.get(url)
            assert response.status_code == 200, url
            body = response.get_data(as_text=True)
            findings += [f"{persona} {url}: {p}" for p in executable_markup(body, allowed_tags=PAGE_TAGS)]
            for name, fragment in _fragments(body).items():
                findings += [f"{persona} {url} {name}: {p}" for p in executable_markup(fragment)]
    assert findings == []
    # And the regions were really there to be checked.
    page = signed_in(app, world.people["a_stl_member"]).get(f"/meetings/{meetings[0].id}").get_data(as_text=True)
    assert set(_fragments(page)) == {"agenda", "notes"}
