"""The declaration operations refuse bad input with a clear message and write
nothing; approval policy, a national's own declarations, withdrawing and
resubmitting, rejecting; and the database's own last line of defence."""
from __future__ import annotations

import hashlib
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from portal.approvals.operations import decide
from portal.audit.models import AuditEvent
from portal.db import Base, utcnow
from portal.declarations.models import NOTE_MAX, QUANTITY_MAX, Declaration, DeclarationRevision
from portal.declarations.operations import MAX_WINDOW_DAYS, declare, revise, withdraw_pending
from portal.declarations.policies import set_policy
from portal.errors import Conflict, InvalidInput
from portal.notifications.models import Notification
from portal.orgs.operations import archive_organization
from tests.factories import create_local, create_national, create_race, create_state, create_table, create_user, grant


@pytest.fixture
def world(app, session):
    alpha = create_national("Alpha Alliance")
    alpha_mo = create_state(alpha, "MO", "Alpha Missouri")
    stl = create_local(alpha_mo, "St. Louis", "Alpha St. Louis")
    bravo = create_national("Bravo Network")
    delta = create_national("Delta Union")  # not a partner at the federal table
    delta_local = create_local(delta, "Columbia", "Delta Columbia", state_code="MO")
    site_admin = create_user("root@portal.example", "Sita Admin", site_admin=True)
    table = create_table("Federal 2026", partners=[alpha, bravo], admin=site_admin)
    other_table = create_table("Federal 2026 (other)", partners=[alpha, bravo, delta], admin=site_admin)
    race = create_race(table, "MO-01", candidates=["Cora Candidate", "Dan Doe"])
    race_b = create_race(table, "MO-05", candidates=["Eve Elsewhere"])
    other_race = create_race(other_table, "MO-01", candidates=["Cora Candidate"])
    leader = create_user("lou@alpha.example", "Lou Leader")
    grant(leader, stl, "leader")
    approver = create_user("abe@alpha.example", "Abe Approver")
    grant(approver, alpha, "approver")
    national_admin = create_user("ada@alpha.example", "Ada Admin")
    grant(national_admin, alpha, "admin")
    national_leader = create_user("nia@alpha.example", "Nia National")
    grant(national_leader, alpha, "leader")
    delta_leader = create_user("dee@delta.example", "Dee Delta")
    grant(delta_leader, delta_local, "leader")
    session.commit()
    return locals()


PLEDGE = dict(activity="phonebank", quantity=12, unit="shifts", starts_on=date(2026, 6, 1), ends_on=date(2026, 8, 1),
              visibility="table", note="Our own plan.")


def pledge(w, key="p1", org=None, actor=None, table=None, race=None, candidate=None, **changes):
    return declare(actor or w["leader"], org or w["stl"], table or w["table"], kind="pledge",
                   race=race or w["race"], candidate=candidate, stage=None, submission_key=key,
                   **(PLEDGE | changes))


def endorse(w, key="e1", candidate=None, stage="primary", org=None, actor=None, **changes):
    return declare(actor or w["leader"], org or w["stl"], w["table"], kind="endorsement", race=w["race"],
                   candidate=candidate if candidate is not None else w["race"].candidates[0], stage=stage,
                   submission_key=key, **({"stance": "endorsed", "visibility": "table"} | changes))


def database_contents(session) -> str:
    """Every row of every table as this session sees it (flushed but uncommitted
    changes included), so an operation that wrote anything before refusing shows."""
    digest = hashlib.sha256()
    for table in Base.metadata.sorted_tables:
        for row in session.execute(text(f'SELECT * FROM "{table.name}" ORDER BY 1')):
            digest.update(repr((table.name, tuple(row))).encode())
    return digest.hexdigest()


@contextmanager
def refused(session, error, match, field="unset"):
    """The block raises `error` with a message matching `match` and writes nothing."""
    before = database_contents(session)
    with pytest.raises(error, match=match) as caught:
        yield caught
    assert not session.new and not session.deleted, "the refused operation left objects in the session"
    assert database_contents(session) == before, "the refused operation wrote to the database"
    if field != "unset":
        assert caught.value.field == field


# --- bad input ----------------------------------------------------------------------------

@pytest.mark.parametrize("changes, match, field", [
    ({"quantity": 0}, "whole number from 1 to 100,000", "quantity"),
    ({"quantity": -3}, "whole number from 1 to 100,000", "quantity"),
    ({"quantity": QUANTITY_MAX + 1}, "whole number from 1 to 100,000", "quantity"),
    ({"quantity": 10**12}, "whole number from 1 to 100,000", "quantity"),
    ({"quantity": True}, "whole number from 1 to 100,000", "quantity"),
    ({"quantity": "12"}, "whole number from 1 to 100,000", "quantity"),
    ({"quantity": 2.5}, "whole number from 1 to 100,000", "quantity"),
    ({"quantity": None}, "whole number from 1 to 100,000", "quantity"),
    ({"starts_on": date(2026, 8, 2), "ends_on": date(2026, 8, 1)}, "ends before it starts", "ends_on"),
    ({"starts_on": date(2026, 1, 1), "ends_on": date(2026, 1, 1) + timedelta(days=MAX_WINDOW_DAYS + 1)},
     f"at most {MAX_WINDOW_DAYS} days", "ends_on"),
    ({"starts_on": None}, "first and last day", "starts_on"),
    ({"ends_on": "2026-08-01"}, "first and last day", "starts_on"),
    ({"note": "x" * (NOTE_MAX + 1)}, f"at most {NOTE_MAX} characters", "note"),
    ({"activity": "robocall"}, "Choose an activity", "activity"),
    ({"unit": "dollars"}, "Choose a unit", "unit"),
    ({"visibility": "everyone"}, "Choose who may see it", "visibility"),
    ({"share_from": "tomorrow"}, "sharing date", "share_from"),
], ids=["quantity-0", "quantity-negative", "quantity-over-max", "quantity-absurd", "quantity-bool",
        "quantity-string", "quantity-float", "quantity-missing", "end-before-start", "window-too-long",
        "no-start", "end-not-a-date", "note-too-long", "unknown-activity", "unknown-unit", "unknown-visibility",
        "share-from-not-a-datetime"])
def test_a_bad_pledge_is_refused_and_nothing_is_written(world, session, changes, match, field):
    with refused(session, InvalidInput, match, field):
        pledge(world, **changes)


@pytest.mark.parametrize("changes", [
    {"quantity": 1}, {"quantity": QUANTITY_MAX},
    {"starts_on": date(2026, 1, 1), "ends_on": date(2026, 1, 1) + timedelta(days=MAX_WINDOW_DAYS)},
    {"starts_on": date(2026, 8, 1), "ends_on": date(2026, 8, 1)},
    {"note": "x" * NOTE_MAX},
], ids=["quantity-1", "quantity-max", "window-max", "one-day", "note-max"])
def test_the_limits_themselves_are_accepted(world, changes):
    declaration = pledge(world, **changes)
    assert declaration.id and declaration.latest.status == "pending"


def test_an_endorsement_needs_a_candidate_and_a_known_stance_and_stage(world, session):
    with refused(session, InvalidInput, "Choose the candidate", "candidate_id"):
        declare(world["leader"], world["stl"], world["table"], kind="endorsement", race=world["race"],
                candidate=None, stage="primary", submission_key="e-none", stance="endorsed")
    with refused(session, InvalidInput, "Choose a stance", "stance"):
        endorse(world, stance="enthusiastic")
    with refused(session, InvalidInput, "Choose a stage", "stage"):
        endorse(world, stage="caucus")
    with refused(session, InvalidInput, "endorsement or pledge", "kind"):
        declare(world["leader"], world["stl"], world["table"], kind="rumour", race=world["race"],
                candidate=None, stage=None, submission_key="k-rumour")


def test_a_candidate_of_another_race_is_refused(world, session):
    elsewhere = world["race_b"].candidates[0]
    with refused(session, InvalidInput, "not in this race", "candidate_id"):
        endorse(world, candidate=elsewhere)
    with refused(session, InvalidInput, "not in this race", "candidate_id"):
        pledge(world, candidate=elsewhere)
    # The same name at another table is another candidate, in another race.
    with refused(session, InvalidInput, "not in this race", "candidate_id"):
        endorse(world, candidate=world["other_race"].candidates[0])


def test_a_race_of_another_table_is_refused(world, session):
    with refused(session, InvalidInput, "not at this table", "race_id"):
        pledge(world, race=world["other_race"])


def test_a_table_where_the_national_is_not_a_partner_is_refused(world, session):
    with refused(session, InvalidInput, "Delta Columbia's national is not a partner at Federal 2026"):
        pledge(world, org=world["delta_local"], actor=world["delta_leader"])
    # Where Delta is a partner the same declaration is fine.
    pledge(world, key="p-delta", org=world["delta_local"], actor=world["delta_leader"],
           table=world["other_table"], race=world["other_race"])


def test_a_visibility_wider_than_the_national_allows_is_refused(world, session):
    set_policy(world["national_admin"], world["alpha"], "federal", "pledge", requires_approval=True,
               max_visibility="facilitator")
    session.commit()
    with refused(session, InvalidInput, "at most with: also the table's facilitator", "visibility"):
        pledge(world, visibility="table")
    declaration = pledge(world, key="p-ok", visibility="facilitator")
    # Revising cannot widen it either, and a refused revision writes nothing.
    with refused(session, InvalidInput, "at most with", "visibility"):
        revise(world["leader"], declaration, expected_version=declaration.version, **(PLEDGE | {"quantity": 3}))
    # The policy is per kind: endorsements stay unrestricted; and it binds affiliates, not the national.
    endorse(world, visibility="table")
    national = pledge(world, key="p-national", org=world["alpha"], actor=world["national_leader"])
    assert national.current.visibility == "table"


def test_an_archived_organization_declares_nothing(world, session):
    archive_organization(world["site_admin"], world["stl"])
    session.commit()
    with refused(session, InvalidInput, "Alpha St. Louis is archived"):
        pledge(world)
    with refused(session, InvalidInput, "Alpha St. Louis is archived"):
        endorse(world)


def test_an_archived_organization_revises_nothing(world, session):
    declaration = pledge(world)
    archive_organization(world["site_admin"], world["stl"])
    session.commit()
    with refused(session, InvalidInput, "is archived"):
        revise(world["leader"], declaration, expected_version=declaration.version, **PLEDGE)


def test_a_second_endorsement_for_the_same_candidate_and_stage_is_a_conflict(world, session):
    first = endorse(world, key="e1")
    session.commit()
    with refused(session, Conflict, "already has a primary endorsement record for Cora Candidate", "candidate_id"):
        endorse(world, key="e2", stance="considering")
    # Another stage, or another candidate, is another record.
    assert endorse(world, key="e3", stage="general").id != first.id
    assert endorse(world, key="e4", candidate=world["race"].candidates[1]).id != first.id


def test_a_submission_key_used_by_another_organization_is_a_conflict(world, session):
    pledge(world, key="shared-key")
    session.commit()
    with refused(session, Conflict, "already used"):
        pledge(world, key="shared-key", org=world["alpha"], actor=world["national_leader"])
    with refused(session, InvalidInput, "damaged"):
        pledge(world, key="")
    with refused(session, InvalidInput, "damaged"):
        pledge(world, key="k" * 65)


# --- approval policy and the national's own declarations ----------------------------------

def _count(session, model, *where):
    return session.scalar(select(func.count()).select_from(model).where(*where))


def test_by_default_an_affiliate_waits_for_approval_and_approvers_are_told(world, session):
    declaration = pledge(world)
    assert declaration.current is None and declaration.latest.status == "pending"
    assert declaration.latest.decided_at is None
    told = {n.user_id for n in session.scalars(select(Notification))}
    assert told == {world["approver"].id, world["national_admin"].id}


def test_no_approval_needed_means_approved_at_once(world, session):
    set_policy(world["national_admin"], world["alpha"], "federal", "pledge", requires_approval=False,
               max_visibility="table")
    declaration = pledge(world)
    revision = declaration.latest
    assert revision.status == "approved" and declaration.current_revision_id == revision.id
    assert revision.decided_at is not None and revision.decided_by_id is None
    assert declaration.pending is None
    assert _count(session, Notification) == 0
    summary = session.scalar(select(AuditEvent.summary).where(AuditEvent.action == "pledge.declared"))
    assert summary.startswith("Alpha St. Louis: pledge for") and "awaiting approval" not in summary
    # The policy is per level and kind: endorsements still wait.
    assert endorse(world).latest.status == "pending"


def test_a_nationals_own_declaration_needs_no_approval(world, session):
    declaration = endorse(world, org=world["alpha"], actor=world["national_leader"])
    assert declaration.latest.status == "approved" and declaration.current_revision_id == declaration.latest.id
    assert _count(session, Notification) == 0
    revision = revise(world["national_leader"], declaration, expected_version=declaration.version,
                      stance="considering", visibility="own")
    assert revision.status == "approved" and declaration.current_revision_id == revision.id
    assert [r.status for r in declaration.revisions] == ["superseded", "approved"]


# --- withdrawing, resubmitting, rejecting ---------------------------------------------------

def test_withdraw_then_resubmit_then_approve(world, session):
    declaration = pledge(world)
    session.commit()
    first = declaration.latest
    withdrawn = withdraw_pending(world["leader"], declaration, declaration.version)
    assert withdrawn.id == first.id and first.status == "withdrawn"
    assert declaration.pending is None and declaration.current is None
    session.commit()
    with refused(session, Conflict, "Nothing of this declaration awaits approval"):
        withdraw_pending(world["leader"], declaration, declaration.version)
    with refused(session, Conflict, "already withdrawn by its submitter"):
        decide(world["approver"], first, approve=True)

    second = revise(world["leader"], declaration, expected_version=declaration.version, **(PLEDGE | {"quantity": 8}))
    assert second.number == 2 and second.status == "pending" and declaration.pending.id == second.id
    # Revising what is pending replaces it (the replaced one counts as withdrawn: it was
    # never decided): one pending revision at a time.
    third = revise(world["leader"], declaration, expected_version=declaration.version, **(PLEDGE | {"quantity": 9}))
    assert second.status == "withdrawn" and second.decided_at is None and declaration.pending.id == third.id
    decide(world["approver"], third, approve=True)
    assert declaration.current_revision_id == third.id and declaration.current.quantity == 9
    session.commit()
    actions = list(session.scalars(select(AuditEvent.action).where(
        AuditEvent.subject_type == "Declaration", AuditEvent.subject_id == declaration.id).order_by(AuditEvent.id)))
    assert actions == ["pledge.declared", "pledge.withdrawn", "pledge.revised", "pledge.revised", "pledge.approved"]


def test_a_stale_edit_is_a_conflict_naming_who_changed_it(world, session):
    declaration = pledge(world)
    session.commit()
    seen = declaration.version
    decide(world["approver"], declaration.pending, approve=True)
    session.commit()
    with refused(session, Conflict, "changed by Abe Approver"):
        revise(world["leader"], declaration, expected_version=seen, **PLEDGE)


@pytest.mark.parametrize("reason", [None, "", "   \n "])
def test_rejecting_needs_a_reason(world, session, reason):
    declaration = pledge(world)
    session.commit()
    with refused(session, InvalidInput, "Say why you reject it", "reason"):
        decide(world["approver"], declaration.pending, approve=False, reason=reason)
    assert declaration.pending.status == "pending"


def test_a_rejection_keeps_its_reason_and_tells_the_submitter(world, session):
    declaration = pledge(world)
    session.commit()
    with refused(session, InvalidInput, "under 500 characters", "reason"):
        decide(world["approver"], declaration.pending, approve=False, reason="x" * 501)
    revision = decide(world["approver"], declaration.pending, approve=False, reason="  Budget not confirmed. ")
    assert revision.status == "rejected" and revision.reason == "Budget not confirmed."
    assert revision.decided_by_id == world["approver"].id and declaration.current is None
    told = session.scalars(select(Notification).where(Notification.user_id == world["leader"].id)).one()
    assert "rejected" in told.subject and "Reason: Budget not confirmed." in told.body


def test_only_staff_above_decide(world, session):
    declaration = pledge(world)
    session.commit()
    with refused(session, InvalidInput, "Only national staff above"):
        decide(world["national_leader"], declaration.pending, approve=True)
    with refused(session, InvalidInput, "Only national staff above"):
        decide(world["site_admin"], declaration.pending, approve=True)


# --- the database holds the line too --------------------------------------------------------

def _revision_row(declaration, user, number, **values):
    return DeclarationRevision(declaration_id=declaration.id, number=number, submitted_by_id=user.id,
                               submitted_at=utcnow(), visibility="own", activity="textbank", quantity=1,
                               unit="shifts", starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 2), **values)


def _declaration_row(w, key):
    return Declaration(kind="pledge", organization_id=w["stl"].id, national_id=w["alpha"].id,
                       table_id=w["table"].id, race_id=w["race"].id, submission_key=key)


def test_the_database_refuses_a_revision_decided_by_its_submitter(world, session):
    declaration = _declaration_row(world, "raw-1")
    session.add(declaration)
    session.flush()
    leader, approver = world["leader"], world["approver"]
    # Control: decided by someone else, the same row is accepted.
    session.add(_revision_row(declaration, leader, 1, status="approved", decided_by_id=approver.id,
                              decided_at=utcnow()))
    session.flush()
    session.commit()
    session.add(_revision_row(declaration, leader, 2, status="approved", decided_by_id=leader.id,
                              decided_at=utcnow()))
    with pytest.raises(IntegrityError, match="not_own_decision"):
        session.flush()
    session.rollback()
    # Nor may an existing revision be turned into its submitter's own decision.
    with pytest.raises(IntegrityError, match="not_own_decision"):
        session.execute(text("UPDATE declaration_revisions SET decided_by_id = submitted_by_id"))
    session.rollback()


def test_the_database_refuses_a_second_pending_revision(world, session):
    declaration = _declaration_row(world, "raw-2")
    session.add(declaration)
    session.flush()
    leader = world["leader"]
    session.add(_revision_row(declaration, leader, 1, status="pending"))
    session.add(_revision_row(declaration, leader, 2, status="withdrawn"))  # control: not pending, accepted
    session.flush()
    session.commit()
    session.add(_revision_row(declaration, leader, 3, status="pending"))
    with pytest.raises(IntegrityError, match="one_pending|declaration_revisions.declaration_id"):
        session.flush()
    session.rollback()
    assert _count(session, DeclarationRevision, DeclarationRevision.status == "pending") == 1


def test_the_database_refuses_a_second_endorsement_record(world, session):
    """Even if two requests both pass the operation's duplicate check."""
    rows = [Declaration(kind="endorsement", organization_id=world["stl"].id, national_id=world["alpha"].id,
                        table_id=world["table"].id, race_id=world["race"].id,
                        candidate_id=world["race"].candidates[0].id, stage="primary", submission_key=key)
            for key in ("raw-e1", "raw-e2")]
    session.add(rows[0])
    session.flush()
    session.add(rows[1])
    with pytest.raises(IntegrityError, match="one_endorsement|declarations.organization_id"):
        session.flush()
    session.rollback()
