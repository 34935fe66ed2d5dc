"""Convening, partners' own decisions, the campaign notice, activities and
notes, through the operations (portal/workgroups/operations.py, planning.py)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.access.policy import can
from portal.audit.models import AuditEvent
from portal.db import db
from portal.errors import Conflict, InvalidInput
from portal.notifications.models import Notification
from portal.workgroups import operations, planning
from tests.workgroups.conftest import soon


def _events(action):
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).all()


def _mail_to(user):
    return db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                              .order_by(Notification.id)).all()


def _activity_fields(world, **overrides):
    fields = {"kind": "doorknock", "starts_at": soon(), "ends_at": soon() + timedelta(hours=3),
              "place": "Union hall, 12 Main St", "link": None, "lead_organization": world.alpha_mo,
              "expected_volunteers": 20}
    return fields | overrides


@pytest.fixture
def group(world):
    return operations.convene(world.facilitator, world.table, world.cora)


@pytest.fixture
def joined(world, group):
    """Alpha joined with its Missouri affiliates and acknowledged; Bravo declined; Charlie joined alone."""
    operations.join(world.alpha_admin, group, group.partner(world.alpha.id), affiliate_ids=None,
                    expected_version=group.partner(world.alpha.id).version)
    operations.decline(world.bravo_admin, group, group.partner(world.bravo.id),
                       group.partner(world.bravo.id).version)
    operations.join(world.charlie_admin, group, group.partner(world.charlie.id), affiliate_ids=[],
                    expected_version=group.partner(world.charlie.id).version)
    for person in (world.alpha_admin, world.mo_leader, world.stl_leader, world.charlie_admin, world.facilitator):
        operations.acknowledge(person, group)
    return group


def test_convening_invites_exactly_the_backing_partners_and_tells_their_staff(world, group):
    assert {p.national_id: p.status for p in group.partners} == {
        n.id: "invited" for n in (world.alpha, world.bravo, world.charlie, world.delta)}
    [event] = _events("workgroups.convened")
    assert event.actor_id == world.facilitator.id and event.subject_id == group.id
    assert event.table_id is None, "partners read the facilitator log: a group must not appear there"
    for staff in (world.alpha_admin, world.alpha_approver, world.bravo_admin, world.delta_admin):
        [mail] = _mail_to(staff)
        assert "Cora Challenger" in mail.subject and f"/working-groups/{group.id}" in mail.link
        # The invitation names the candidate, never the other partners.
        assert all(n.name not in mail.body for n in (world.charlie, world.delta) if staff is not world.delta_admin)
    for nobody in (world.mo_leader, world.alpha_member, world.echo_admin, world.zulu_admin):
        assert _mail_to(nobody) == []


def test_one_short_of_critical_mass_may_be_convened_further_away_may_not(world):
    for national in (world.alpha, world.bravo):
        world.endorse(national, world.ike)
    with pytest.raises(InvalidInput, match="not at or near critical mass"):
        operations.convene(world.facilitator, world.table, world.ike)
    world.endorse(world.charlie, world.ike)
    group = operations.convene(world.facilitator, world.table, world.ike)
    assert len(group.partners) == 3


def test_a_candidate_has_one_open_group_at_a_time(world, group):
    with pytest.raises(Conflict, match="already has an open working group"):
        operations.convene(world.facilitator, world.table, world.cora)
    operations.close(world.facilitator, group, group.version)
    again = operations.convene(world.facilitator, world.table, world.cora)
    assert again.id != group.id and not group.is_open


def test_joining_brings_the_affiliates_in_the_race_state_by_default(world, group):
    partner = group.partner(world.alpha.id)
    operations.join(world.alpha_admin, group, partner, affiliate_ids=None, expected_version=partner.version)
    assert partner.status == "joined" and partner.decided_by_id == world.alpha_admin.id
    assert group.member_organization_ids == {world.alpha.id, world.alpha_mo.id, world.alpha_stl.id}
    [event] = _events("workgroups.joined")
    assert event.organization_id == world.alpha.id
    assert event.after == {"status": "joined", "affiliates": ["Alpha Missouri", "Alpha St. Louis"]}


def test_a_partner_brings_only_its_own_affiliates(world, group):
    partner = group.partner(world.alpha.id)
    with pytest.raises(InvalidInput, match="active affiliates of Alpha Alliance"):
        operations.join(world.alpha_admin, group, partner, affiliate_ids=[world.bravo_mo.id],
                        expected_version=partner.version)
    operations.join(world.alpha_admin, group, partner, affiliate_ids=[world.alpha_ks.id],
                    expected_version=partner.version)
    assert group.member_organization_ids == {world.alpha.id, world.alpha_ks.id}
    operations.set_affiliates(world.alpha_admin, group, partner, affiliate_ids=[world.alpha_mo.id],
                              expected_version=partner.version)
    assert group.member_organization_ids == {world.alpha.id, world.alpha_mo.id}
    [event] = _events("workgroups.affiliates_changed")
    assert event.before == {"affiliates": ["Alpha Kansas"]} and event.after == {"affiliates": ["Alpha Missouri"]}


def test_declining_is_neutral_and_a_partner_may_change_its_mind(world, group):
    partner = group.partner(world.bravo.id)
    operations.decline(world.bravo_admin, group, partner, partner.version)
    assert partner.status == "declined" and partner.status_label == "not taking part"
    [event] = _events("workgroups.declined")
    assert "oppos" not in event.summary.lower() and "chose not to take part" in event.summary
    with pytest.raises(Conflict, match="already decided"):
        operations.decline(world.bravo_admin, group, partner, partner.version)
    operations.join(world.bravo_admin, group, partner, affiliate_ids=None, expected_version=partner.version)
    assert partner.status == "joined"


def test_a_stale_decision_is_refused(world, group):
    partner = group.partner(world.alpha.id)
    seen = partner.version
    operations.join(world.alpha_admin, group, partner, affiliate_ids=None, expected_version=seen)
    with pytest.raises(Conflict, match="changed by someone else"):
        operations.leave(world.alpha_approver, group, partner, seen)
    assert partner.status == "joined"


def test_leaving_keeps_what_the_partner_contributed_credited_to_it(world, joined):
    activity = planning.add_activity(world.mo_leader, joined, organization=world.alpha_mo,
                                     **_activity_fields(world))
    note = planning.post_note(world.stl_leader, joined, organization=world.alpha_stl, body="We bring 20 people.")
    partner = joined.partner(world.alpha.id)
    operations.leave(world.alpha_approver, joined, partner, partner.version)
    assert partner.status == "left" and partner.left_at is not None
    assert joined.member_organization_ids == {world.charlie.id}
    db.session.expire_all()
    assert activity.created_by_organization_id == world.alpha_mo.id and activity.lead_organization_id == world.alpha_mo.id
    assert note.organization_id == world.alpha_stl.id and note.body == "We bring 20 people."
    assert not can(world.mo_leader, "workgroups.read", joined)
    assert can(world.alpha_admin, "workgroups.view", joined) and not can(world.alpha_admin, "workgroups.read", joined)
    [event] = _events("workgroups.left")
    assert event.before["affiliates"] == ["Alpha Missouri", "Alpha St. Louis"]


def test_the_campaign_notice_applies_at_a_federal_table_with_a_501c4_member(world, group):
    assert not operations.notice_applies(group)  # nobody joined yet
    partner = group.partner(world.charlie.id)
    operations.join(world.charlie_admin, group, partner, affiliate_ids=[], expected_version=partner.version)
    assert not operations.notice_applies(group)  # a PAC alone
    partner = group.partner(world.alpha.id)
    operations.join(world.alpha_admin, group, partner, affiliate_ids=None, expected_version=partner.version)
    assert operations.notice_applies(group)
    world.table.level = "municipal"
    assert not operations.notice_applies(group)


def test_each_person_acknowledges_the_notice_once_before_writing(world, group):
    partner = group.partner(world.alpha.id)
    operations.join(world.alpha_admin, group, partner, affiliate_ids=None, expected_version=partner.version)
    with pytest.raises(InvalidInput, match="Acknowledge the notice"):
        planning.add_activity(world.mo_leader, group, organization=world.alpha_mo, **_activity_fields(world))
    with pytest.raises(InvalidInput, match="Acknowledge the notice"):
        planning.post_note(world.facilitator, group, organization=None, body="Welcome")
    assert operations.acknowledge(world.mo_leader, group) is True
    assert operations.acknowledge(world.mo_leader, group) is False
    assert len(_events("workgroups.notice_acknowledged")) == 1
    planning.add_activity(world.mo_leader, group, organization=world.alpha_mo, **_activity_fields(world))


def test_activities_are_validated(world, joined):
    add = lambda **o: planning.add_activity(world.mo_leader, joined, organization=world.alpha_mo,  # noqa: E731
                                            **_activity_fields(world, **o))
    cases = [({"lead_organization": world.alpha_ks}, "lead organization must be a member"),
             ({"lead_organization": world.bravo}, "lead organization must be a member"),
             ({"expected_volunteers": -1}, "whole number"),
             ({"place": None, "link": None}, "place, or a link"),
             ({"place": None, "link": "javascript:alert(1)"}, "web address"),
             ({"ends_at": soon() - timedelta(hours=1)}, "end after it starts"),
             ({"kind": "fundraiser"}, "kind of activity")]
    for overrides, message in cases:
        with pytest.raises(InvalidInput, match=message):
            add(**overrides)
    with pytest.raises(InvalidInput, match="member organization you write for"):
        planning.add_activity(world.mo_leader, joined, organization=world.alpha_stl, **_activity_fields(world))
    online = add(place=None, link="https://meet.example/abc", lead_organization=world.charlie)
    assert online.lead_organization_id == world.charlie.id


def test_turnout_is_recorded_afterwards_and_a_stale_edit_is_refused(world, joined):
    # Planned by Missouri, led by St. Louis: leaders of both may edit it.
    activity = planning.add_activity(world.mo_leader, joined, organization=world.alpha_mo,
                                     **_activity_fields(world, lead_organization=world.alpha_stl))
    assert can(world.stl_leader, "workgroups.edit_activity", activity)
    assert not can(world.alpha_admin, "workgroups.edit_activity", activity)
    version = activity.version
    fields = _activity_fields(world, starts_at=activity.starts_at, ends_at=activity.ends_at,
                              lead_organization=world.alpha_stl)
    with pytest.raises(InvalidInput, match="once the activity has taken place"):
        planning.update_activity(world.mo_leader, activity, expected_version=version, actual_turnout=5, **fields)
    assert planning.update_activity(world.stl_leader, activity, expected_version=version,
                                    **(fields | {"expected_volunteers": 25}))
    later = activity.starts_at + timedelta(days=1)
    with pytest.raises(Conflict, match="changed by someone else"):
        planning.update_activity(world.mo_leader, activity, expected_version=version, actual_turnout=18,
                                 now=later, **fields)
    assert not planning.update_activity(world.mo_leader, activity, expected_version=activity.version,
                                        now=later, **(fields | {"expected_volunteers": 25}))  # nothing changed
    assert planning.update_activity(world.mo_leader, activity, expected_version=activity.version,
                                    actual_turnout=18, now=later, **(fields | {"expected_volunteers": 25}))
    assert activity.actual_turnout == 18
    [event] = [e for e in _events("workgroups.activity_changed") if "actual_turnout" in e.after]
    assert event.before == {"actual_turnout": None} and event.after == {"actual_turnout": 18}


def test_activity_news_reaches_the_member_organizations_and_the_facilitator(world, joined):
    db.session.execute(Notification.__table__.delete())
    activity = planning.add_activity(world.mo_leader, joined, organization=world.alpha_mo,
                                     **_activity_fields(world, lead_organization=world.alpha_stl))
    told = {n.user_id for n in db.session.scalars(select(Notification))}
    assert {world.alpha_admin.id, world.alpha_approver.id, world.stl_leader.id, world.charlie_admin.id,
            world.facilitator.id} <= told
    # Not the author, nor members without a writing role, Kansas (not brought), Bravo (declined) or Echo.
    assert not told & {p.id for p in (world.mo_leader, world.alpha_member, world.stl_member, world.ks_admin,
                                      world.bravo_admin, world.bravo_mo_leader, world.echo_admin)}
    db.session.execute(Notification.__table__.delete())
    fields = _activity_fields(world, starts_at=activity.starts_at, ends_at=activity.ends_at,
                              lead_organization=world.alpha_stl)
    planning.update_activity(world.stl_leader, activity,
                             expected_version=activity.version, cancelled=True, **fields)
    mails = db.session.scalars(select(Notification)).all()
    assert world.mo_leader.id in {n.user_id for n in mails} and world.stl_leader.id not in {n.user_id for n in mails}
    assert all("cancelled" in n.subject for n in mails)


def test_notes_are_credited_and_only_their_author_edits_them(world, joined):
    note = planning.post_note(world.facilitator, joined, organization=world.alpha, body="Kick-off Tuesday")
    assert note.organization_id is None, "the facilitator writes for no partner"
    assert can(world.facilitator, "workgroups.edit_note", note)
    assert not can(world.alpha_admin, "workgroups.edit_note", note)
    mine = planning.post_note(world.alpha_admin, joined, organization=world.alpha, body="Alpha is in")
    seen = mine.version
    assert planning.edit_note(world.alpha_admin, mine, expected_version=seen, body="Alpha is in, 30 people")
    with pytest.raises(Conflict):
        planning.edit_note(world.alpha_admin, mine, expected_version=seen, body="again")
    with pytest.raises(InvalidInput, match="Write the note"):
        planning.post_note(world.alpha_admin, joined, organization=world.alpha, body="   ")
    [event] = _events("workgroups.note_edited")
    assert event.before == {"body": "Alpha is in"} and event.organization_id == world.alpha.id


def test_a_closed_group_takes_no_more_changes(world, joined):
    operations.close(world.facilitator, joined, joined.version)
    with pytest.raises(Conflict, match="closed"):
        planning.post_note(world.alpha_admin, joined, organization=world.alpha, body="late")
    partner = joined.partner(world.alpha.id)
    with pytest.raises(Conflict, match="closed"):
        operations.leave(world.alpha_admin, joined, partner, partner.version)


def test_an_invitation_respects_each_persons_mail_preference(world):
    world.alpha_approver.notification_mode = "digest"
    operations.convene(world.facilitator, world.table, world.cora)
    [digest] = _mail_to(world.alpha_approver)
    [immediate] = _mail_to(world.alpha_admin)
    assert digest.digest is True and immediate.digest is False


def test_every_change_is_audited_and_members_read_the_history(world, joined):
    from portal.workgroups.queries import history
    activity = planning.add_activity(world.mo_leader, joined, organization=world.alpha_mo,
                                     **_activity_fields(world))
    planning.post_note(world.alpha_admin, joined, organization=world.alpha, body="In")
    actions = [e.action for e in history(joined)]
    for action in ("workgroups.convened", "workgroups.joined", "workgroups.declined",
                   "workgroups.notice_acknowledged", "workgroups.activity_added", "workgroups.note_posted"):
        assert action in actions
    assert all(e.table_id is None for e in history(joined))
    assert history(joined)[1].subject_id == activity.id


def test_two_edits_at_the_same_moment_the_database_refuses_the_second(app, world, joined):
    """Both passed the version check with the same version; the conditional UPDATE
    (version_id_col) lets only the first write through."""
    from sqlalchemy.orm.exc import StaleDataError

    from portal.workgroups.models import JointActivity
    activity = planning.add_activity(world.mo_leader, joined, organization=world.alpha_mo,
                                     **_activity_fields(world))
    db.session.commit()
    seen = activity.version
    fields = _activity_fields(world, starts_at=activity.starts_at, ends_at=activity.ends_at)
    with app.app_context():  # another request, with its own session
        other = db.session.get(JointActivity, activity.id)
        planning.update_activity(world.mo_leader, other, expected_version=seen,
                                 **(fields | {"lead_organization": db.session.merge(world.alpha_mo),
                                              "expected_volunteers": 40}))
        db.session.commit()
    with pytest.raises(StaleDataError):
        planning.update_activity(world.mo_leader, activity, expected_version=seen,
                                 **(fields | {"expected_volunteers": 50}))
    db.session.rollback()
    assert db.session.get(JointActivity, activity.id).expected_volunteers == 40
