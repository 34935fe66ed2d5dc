"""Profile operations: sourced facts, stale edits refused, corrections decided
by the facilitator, every change audited, the database holding the invariants."""
from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.audit.models import AuditEvent
from portal.errors import Conflict, InvalidInput
from portal.notifications.models import Notification
from portal.profiles import operations as ops
from portal.profiles.models import ProfileCorrection, ProfileFact


def _fact(world, **overrides):
    fields = {"section": "biography", "label": "Occupation", "value": "Public school teacher",
              "source": "https://ballot.example/okafor"} | overrides
    return ops.add_fact(world.facilitator, world.candidate, **fields)


def _events(session, action):
    return session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def test_a_fact_records_its_source_and_who_entered_it_when(world, session):
    fact = _fact(world, value="Teacher\nUnion steward")
    assert (fact.entered_by_id, fact.created_by_id, fact.version) == (world.facilitator.id, world.facilitator.id, 1)
    assert fact.entered_at is not None and fact.source == "https://ballot.example/okafor"
    event = _events(session, "profile_fact.added")[0]
    assert event.table_id == world.table.id and event.actor_id == world.facilitator.id
    assert event.after["value"] == "Teacher\nUnion steward"


@pytest.mark.parametrize("fields, field, message", [
    ({"source": "  "}, "source", "Give the source"),
    ({"value": ""}, "value", "Give the fact"),
    ({"label": ""}, "label", "Give a label"),
    ({"section": "gossip"}, "section", "Choose a section"),
    ({"section": "link", "value": "javascript:alert(1)"}, "value", "web address"),
    ({"section": "link", "value": "www.example.org"}, "value", "web address"),
    ({"source": "https://"}, "source", "incomplete"),
    ({"value": "x" * 4001}, "value", "at most 4,000"),
])
def test_bad_facts_are_refused_with_a_clear_message(world, session, fields, field, message):
    with pytest.raises(InvalidInput) as refused:
        _fact(world, **fields)
    assert refused.value.field == field and message in refused.value.message
    assert session.scalars(select(ProfileFact)).all() == []


def test_a_link_keeps_a_web_address_and_a_citation_is_a_fine_source(world):
    fact = _fact(world, section="link", label="Website", value="HTTPS://okafor.example/about",
                 source="Candidate questionnaire, May 2026")
    assert fact.value == "https://okafor.example/about"
    assert fact.source == "Candidate questionnaire, May 2026"


def test_revising_a_fact_records_before_and_after_and_refuses_a_stale_form(world, session):
    fact = _fact(world)
    ops.revise_fact(world.facilitator, fact, expected_version=1, section="biography", label="Occupation",
                    value="Nurse", source="Interview, June 2026")
    assert (fact.value, fact.version) == ("Nurse", 2)
    event = _events(session, "profile_fact.revised")[0]
    assert event.before == {"value": "Public school teacher", "source": "https://ballot.example/okafor"}
    assert event.after == {"value": "Nurse", "source": "Interview, June 2026"}
    with pytest.raises(Conflict) as stale:
        ops.revise_fact(world.facilitator, fact, expected_version=1, section="biography", label="Occupation",
                        value="Teacher", source="Old notes")
    assert "changed by Fay Facilitator" in stale.value.message and "reload" in stale.value.message
    assert fact.value == "Nurse"


def test_retiring_keeps_the_fact_in_history(world, session):
    fact = _fact(world)
    ops.retire_fact(world.facilitator, fact, expected_version=1)
    assert fact.retired_at is not None and fact.retired_by_id == world.facilitator.id
    assert session.get(ProfileFact, fact.id) is not None
    assert _events(session, "profile_fact.retired")[0].before["value"] == "Public school teacher"
    with pytest.raises(Conflict):
        ops.retire_fact(world.facilitator, fact, expected_version=fact.version)
    with pytest.raises(Conflict):
        ops.revise_fact(world.facilitator, fact, expected_version=fact.version, section="biography",
                        label="Occupation", value="x", source="y")


def test_a_partner_suggests_and_the_facilitator_accepts_crediting_the_organization(world, session):
    fact = _fact(world)
    correction = ops.suggest_correction(world.alpha_leader, world.candidate, world.alpha_mo, fact=fact,
                                        fact_version=1, value="Retired teacher", source="Obituary of a colleague",
                                        reason="She retired in May")
    assert correction.status == "pending" and correction.kind == "change" and correction.fact_version == 1
    suggested = _events(session, "profile_correction.suggested")[0]
    assert suggested.organization_id == world.alpha_mo.id and suggested.table_id == world.table.id
    mail = session.scalars(select(Notification)).one()
    assert mail.user_id == world.facilitator.id and "Alpha Missouri" in mail.body

    ops.accept_correction(world.facilitator, correction, expected_version=correction.version, fact_version=1,
                          note="Thanks")
    assert (fact.value, fact.source, fact.entered_by_id) == ("Retired teacher", "Obituary of a colleague",
                                                             world.facilitator.id)
    assert fact.suggested_by_organization_id == world.alpha_mo.id
    assert correction.status == "accepted" and correction.decided_by_id == world.facilitator.id
    revised = _events(session, "profile_fact.revised")[0]
    assert "suggested by Alpha Missouri" in revised.summary and revised.table_id == world.table.id
    accepted = _events(session, "profile_correction.accepted")[0]
    assert accepted.organization_id == world.alpha_mo.id and accepted.table_id is None
    told = session.scalars(select(Notification).where(Notification.user_id == world.alpha_leader.id)).one()
    assert "accepted" in told.subject and "Thanks" in told.body


def test_a_suggested_new_fact_becomes_a_fact_when_accepted(world, session):
    correction = ops.suggest_correction(world.charlie_leader, world.candidate, world.charlie, section="position",
                                        label="Medicare for All", value="Co-sponsor pledge",
                                        source="https://pledge.example/okafor")
    assert correction.kind == "addition" and correction.fact_id is None
    fact = ops.accept_correction(world.facilitator, correction, expected_version=correction.version)
    assert correction.fact_id == fact.id and fact.section == "position"
    assert fact.suggested_by_organization_id == world.charlie.id


def test_declining_keeps_the_profile_and_stays_out_of_the_table_log(world, session):
    fact = _fact(world)
    correction = ops.suggest_correction(world.charlie_leader, world.candidate, world.charlie, fact=fact,
                                        value="Astronaut", source="Rumour")
    ops.decline_correction(world.facilitator, correction, expected_version=correction.version, note="No source")
    assert fact.value == "Public school teacher" and correction.status == "declined"
    declined = _events(session, "profile_correction.declined")[0]
    assert declined.table_id is None and declined.organization_id == world.charlie.id
    with pytest.raises(Conflict) as twice:
        ops.accept_correction(world.facilitator, correction, expected_version=correction.version)
    assert "already declined by Fay Facilitator" in twice.value.message


def test_a_correction_of_a_fact_changed_since_is_refused_as_stale(world):
    fact = _fact(world)
    ops.revise_fact(world.facilitator, fact, expected_version=1, section="biography", label="Occupation",
                    value="Nurse", source="Interview")
    with pytest.raises(Conflict):
        ops.suggest_correction(world.alpha_leader, world.candidate, world.alpha_mo, fact=fact, fact_version=1,
                               value="Doctor", source="Hospital site")


def test_accepting_refuses_when_the_fact_changed_since_the_facilitator_looked(world):
    fact = _fact(world)
    correction = ops.suggest_correction(world.alpha_leader, world.candidate, world.alpha_mo, fact=fact,
                                        value="Doctor", source="Hospital site")
    ops.revise_fact(world.facilitator, fact, expected_version=1, section="biography", label="Occupation",
                    value="Nurse", source="Interview")
    assert correction.fact_changed_since
    with pytest.raises(Conflict):
        ops.accept_correction(world.facilitator, correction, expected_version=correction.version, fact_version=1)
    ops.accept_correction(world.facilitator, correction, expected_version=correction.version, fact_version=2)
    assert fact.value == "Doctor"


def test_accepting_a_correction_of_a_removed_fact_is_refused(world):
    fact = _fact(world)
    correction = ops.suggest_correction(world.alpha_leader, world.candidate, world.alpha_mo, fact=fact,
                                        value="Doctor", source="Hospital site")
    ops.retire_fact(world.facilitator, fact, expected_version=1)
    with pytest.raises(Conflict):
        ops.accept_correction(world.facilitator, correction, expected_version=correction.version)


def test_one_pending_correction_per_fact_and_organization(world, session):
    fact = _fact(world)
    ops.suggest_correction(world.alpha_leader, world.candidate, world.alpha_mo, fact=fact, value="A", source="s")
    with pytest.raises(Conflict):
        ops.suggest_correction(world.alpha_leader, world.candidate, world.alpha_mo, fact=fact, value="B",
                               source="s")
    # Another organization may suggest its own.
    ops.suggest_correction(world.charlie_leader, world.candidate, world.charlie, fact=fact, value="C", source="s")


@pytest.mark.parametrize("who, org", [
    ("alpha_member", "alpha_stl"),      # members read, they do not speak for the organization
    ("alpha_leader", "alpha_stl"),      # not their organization
    ("alpha_approver", "alpha_mo"),     # national staff speak as the national, not as an affiliate
    ("bravo_admin", "bravo"),           # Bravo is not a partner at this table
    ("charlie_leader", "alpha"),        # sideways
])
def test_nobody_suggests_for_an_organization_they_do_not_speak_for(world, session, who, org):
    with pytest.raises(InvalidInput) as refused:
        ops.suggest_correction(getattr(world, who), world.candidate, getattr(world, org), section="biography",
                               label="Age", value="44", source="Voter file")
    assert refused.value.field == "organization_id"
    assert session.scalars(select(ProfileCorrection)).all() == []


def test_the_database_refuses_a_link_that_is_not_a_web_address_and_an_undated_decision(world, session):
    fact = _fact(world, section="link", label="Site", value="https://okafor.example")
    session.commit()
    fact.value = "javascript:alert(1)"
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
    correction = ops.suggest_correction(world.alpha_leader, world.candidate, world.alpha_mo, section="biography",
                                        label="Age", value="44", source="Voter file")
    session.commit()
    correction.status = "accepted"  # without decided_at
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_a_suggester_who_left_the_organization_hears_nothing(world, session):
    from portal.members.models import Membership
    correction = ops.suggest_correction(world.alpha_leader, world.candidate, world.alpha_mo, section="biography",
                                        label="Age", value="44", source="Voter file")
    session.delete(session.scalars(select(Membership).where(Membership.user_id == world.alpha_leader.id)).one())
    session.flush()
    ops.decline_correction(world.facilitator, correction, expected_version=correction.version)
    assert session.scalars(select(Notification).where(Notification.user_id == world.alpha_leader.id)).all() == []


def test_a_write_racing_another_is_refused_by_the_version_counter(world, session):
    """Two facilitator tabs: the other one committed first, after this one loaded the fact.
    The conditional UPDATE (WHERE version = the version read) matches nothing: refused."""
    from sqlalchemy import update
    from sqlalchemy.orm.exc import StaleDataError
    fact = _fact(world)
    session.commit()
    with session.get_bind().begin() as other_tab:
        other_tab.execute(update(ProfileFact).where(ProfileFact.id == fact.id)
                          .values(value="Nurse", version=ProfileFact.version + 1))
    with pytest.raises(StaleDataError):
        ops.revise_fact(world.facilitator, fact, expected_version=1, section="biography", label="Occupation",
                        value="Doctor", source="Interview")
    session.rollback()
    assert session.get(ProfileFact, fact.id).value == "Nurse"
