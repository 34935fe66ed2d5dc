"""Agenda drafting (portal/meetings/agenda.py): one test or more per section,
and the rule over all of them: the draft holds only what every partner sees."""
from __future__ import annotations

from datetime import date, timedelta

from portal.db import db, utcnow
from portal.meetings import operations
from portal.meetings.agenda import (Window, critical_mass_crossings, draft_agenda, elections_ahead,
                                    endorsement_changes, md_text, plan_shortfalls_for_facilitator, window_for)
from portal.markdown import render_markdown


def _window(days: float) -> Window:
    now = utcnow()
    return Window(since=now - timedelta(days=days), until=now)


def _names(changes) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.candidate_name, c.organizations) for c in changes]


# --- the window ---------------------------------------------------------------------------------

def test_without_a_previous_meeting_the_window_is_the_last_30_days(world):
    now = utcnow()
    window = window_for(world.table, now + timedelta(days=3), now)
    assert window.since == now - timedelta(days=30) and window.until == now


def test_the_window_starts_at_the_previous_meeting(world):
    world.meeting(title="Earlier", starts_in_days=-20)
    latest = world.meeting(title="Latest", starts_in_days=-6)
    now = utcnow()
    assert window_for(world.table, now + timedelta(days=1), now).since == latest.starts_at


def test_the_window_ignores_cancelled_meetings_and_other_tables(world):
    kept = world.meeting(title="Kept", starts_in_days=-20)
    cancelled = world.meeting(title="Cancelled", starts_in_days=-5)
    operations.cancel(world.facilitator, cancelled, expected_version=cancelled.version)
    operations.schedule(world.other_facilitator, world.other_table, title="Elsewhere",
                        starts_at=utcnow() - timedelta(days=3), ends_at=utcnow() - timedelta(days=3, hours=-1),
                        place=None)
    now = utcnow()
    assert window_for(world.table, now + timedelta(days=1), now).since == kept.starts_at


def test_a_meeting_scheduled_after_another_future_one_has_an_empty_window(world):
    first = world.meeting(title="Next week", starts_in_days=7)
    now = utcnow()
    window = window_for(world.table, first.starts_at + timedelta(days=7), now)
    assert window.since == now  # nothing has changed since a meeting that has not happened yet


# --- new and withdrawn endorsements ------------------------------------------------------------

def test_new_endorsements_are_those_shared_with_the_table_in_the_window(world):
    world.endorse(world.alpha, days_ago=3)
    world.endorse(world.charlie, days_ago=2)
    world.endorse(world.delta, days_ago=40)  # before the window
    new, withdrawn = endorsement_changes(world.table, _window(10))
    assert _names(new) == [("Ada Example", ("Alpha Alliance", "Charlie Collective"))]
    assert withdrawn == []


def test_endorsements_not_shared_with_every_partner_stay_out(world):
    world.endorse(world.alpha, visibility="own", days_ago=1)
    world.endorse(world.charlie, visibility="facilitator", days_ago=1)
    world.endorse(world.alpha_mo, visibility="table", days_ago=1)  # an affiliate's: pending national approval
    new, _ = endorsement_changes(world.table, _window(10))
    assert new == []


def test_an_embargoed_endorsement_appears_once_its_embargo_ends(world):
    from portal.declarations.operations import declare
    declare(world.leaders[world.alpha.id], world.alpha, world.table, kind="endorsement", race=world.race,
            candidate=world.candidate, stage="primary", submission_key="embargoed", stance="endorsed",
            visibility="table", share_from=utcnow() + timedelta(days=2))
    assert endorsement_changes(world.table, _window(10))[0] == []
    later = Window(since=utcnow() - timedelta(days=1), until=utcnow() + timedelta(days=3))
    assert _names(endorsement_changes(world.table, later)[0]) == [("Ada Example", ("Alpha Alliance",))]


def test_an_endorsement_shared_with_the_table_in_the_window_is_new_to_it(world):
    declaration = world.endorse(world.alpha, visibility="own", days_ago=30)
    world.restate(declaration, stance="endorsed", visibility="table", days_ago=1)
    assert _names(endorsement_changes(world.table, _window(10))[0]) == [("Ada Example", ("Alpha Alliance",))]


def test_withdrawn_endorsements_were_table_wide_before_and_are_withdrawn_openly_now(world):
    openly = world.endorse(world.alpha, days_ago=30)
    world.restate(openly, stance="withdrawn", visibility="table", days_ago=2)
    quietly = world.endorse(world.charlie, days_ago=30)
    world.restate(quietly, stance="withdrawn", visibility="own", days_ago=2)  # partners cannot know why it left
    secret = world.endorse(world.delta, visibility="facilitator", days_ago=30)
    world.restate(secret, stance="withdrawn", visibility="table", days_ago=2)  # was never table-wide
    new, withdrawn = endorsement_changes(world.table, _window(10))
    assert _names(withdrawn) == [("Ada Example", ("Alpha Alliance",))]
    assert new == []


def test_endorsed_and_withdrawn_within_the_window_is_neither(world):
    declaration = world.endorse(world.alpha, days_ago=5)
    world.restate(declaration, stance="withdrawn", visibility="table", days_ago=2)
    assert endorsement_changes(world.table, _window(10)) == ([], [])


# --- critical mass -------------------------------------------------------------------------------

def test_a_candidate_reaching_the_threshold_in_the_window_is_named_with_a_count(world):
    world.table.critical_mass_threshold = 2
    world.endorse(world.alpha, days_ago=20)
    world.endorse(world.charlie, days_ago=3)
    crossings = critical_mass_crossings(world.table, _window(10))
    assert [(c.candidate_name, c.backers, c.threshold, c.reached) for c in crossings] == [("Ada Example", 2, 2, True)]
    agenda = draft_agenda(world.table, _window(10), utcnow().date())
    assert "reached critical mass, 2 partners back them (threshold 2)" in agenda


def test_a_candidate_falling_below_the_threshold_in_the_window_is_named(world):
    world.table.critical_mass_threshold = 2
    world.endorse(world.alpha, days_ago=20)
    leaving = world.endorse(world.charlie, days_ago=20)
    world.restate(leaving, stance="withdrawn", visibility="table", days_ago=1)
    crossings = critical_mass_crossings(world.table, _window(10))
    assert [(c.candidate_name, c.backers, c.reached) for c in crossings] == [("Ada Example", 1, False)]
    assert "now 1 partner, below the threshold of 2" in draft_agenda(world.table, _window(10), utcnow().date())


def test_critical_mass_counts_only_what_every_partner_sees(world):
    """Reached in the facilitator's view (a facilitator-only endorsement counts
    there), not in the table-wide one: the published agenda says nothing."""
    world.table.critical_mass_threshold = 2
    world.endorse(world.alpha, days_ago=3)
    world.endorse(world.charlie, visibility="facilitator", days_ago=2)
    assert critical_mass_crossings(world.table, _window(10)) == []
    assert "Charlie" not in draft_agenda(world.table, _window(10), utcnow().date())


def test_critical_mass_already_reached_before_the_window_is_not_a_change(world):
    world.table.critical_mass_threshold = 2
    world.endorse(world.alpha, days_ago=20)
    world.endorse(world.charlie, days_ago=20)
    world.endorse(world.delta, days_ago=2)
    assert critical_mass_crossings(world.table, _window(10)) == []


# --- elections ahead -------------------------------------------------------------------------------

def test_elections_in_the_30_days_from_the_meeting_are_listed_by_date(world):
    meeting_on = date(2027, 6, 1)
    later = world.add_race("MO-03", date(2027, 6, 29))
    sooner = world.add_race("KS-02", date(2027, 6, 9), stage="runoff")
    world.add_race("MO-05", date(2027, 7, 2))  # 31 days later
    world.add_race("IL-07", date(2027, 5, 31))  # the day before
    assert elections_ahead(world.table, meeting_on) == [sooner, later]
    agenda = draft_agenda(world.table, Window(utcnow(), utcnow()), meeting_on)
    assert agenda.index("KS-02 (runoff)") < agenda.index("MO-03 (primary)")
    assert "Kansas" in agenda


# --- working groups below plan: for the facilitator, never in the draft ---------------------------

def _group_below_plan(world):
    from portal.workgroups.models import JointActivity, WorkingGroup, WorkingGroupPartner
    group = WorkingGroup(table_id=world.table.id, candidate_id=world.candidate.id, convened_by_id=world.facilitator.id)
    db.session.add(group)
    db.session.flush()
    db.session.add(WorkingGroupPartner(group_id=group.id, national_id=world.charlie.id, status="joined",
                                       decided_at=utcnow()))
    db.session.add(JointActivity(group_id=group.id, kind="doorknock", starts_at=utcnow() + timedelta(days=5),
                                 place="Union hall", lead_organization_id=world.charlie.id, expected_volunteers=40,
                                 created_by_organization_id=world.charlie.id))
    db.session.flush()
    return group


def test_shortfalls_are_offered_to_the_facilitator_but_not_drafted_into_the_agenda(world):
    _group_below_plan(world)
    shortfalls = plan_shortfalls_for_facilitator(world.table, utcnow())
    assert [(s.candidate_name, s.planned_volunteers, s.pledged_volunteers) for s in shortfalls] == [
        ("Ada Example", 40, 0)]
    agenda = draft_agenda(world.table, _window(10), utcnow().date())
    assert "40" not in agenda and "working group" not in agenda.lower()


# --- the whole draft -----------------------------------------------------------------------------

def test_the_draft_is_deterministic_and_lists_every_section(world):
    world.endorse(world.echo, days_ago=2)
    world.endorse(world.alpha, days_ago=2)
    window, day = _window(10), utcnow().date()
    first = draft_agenda(world.table, window, day)
    assert first == draft_agenda(world.table, window, day)
    for heading in ("### New endorsements", "### Endorsements withdrawn", "### Critical mass",
                    "## Elections in the 30 days", "## Other business"):
        assert heading in first
    assert "**Ada Example**, U.S. House MO-01 (primary): Alpha Alliance, Echo Fund" in first


def test_names_are_text_in_the_markdown(world):
    from portal.races import operations as race_ops
    odd = race_ops.add_candidate(None, world.race, name="*Star* [x](javascript:alert(1)) <b>", party="Democratic",
                                 is_incumbent=False)
    world.endorse(world.alpha, odd, days_ago=1)
    html = str(render_markdown(draft_agenda(world.table, _window(10), utcnow().date())))
    assert "*Star* [x](javascript:alert(1)) &lt;b&gt;" in html
    assert "<em>" not in html and "<a " not in html
    assert md_text("a*b_c") == "a\\*b\\_c"


def test_scheduling_drafts_the_agenda_and_remembers_the_window(world):
    world.endorse(world.alpha, days_ago=2)
    meeting = world.meeting(starts_in_days=3)
    assert "Alpha Alliance" in meeting.agenda_md
    assert meeting.agenda_drafted_since is not None
    assert not meeting.agenda_shared
