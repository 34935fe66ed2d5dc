"""Races between requests, with real threads and real transactions.

Each thread pushes its own application context, so it has its own database
session and connection, loads what it needs by id, waits at a Barrier and then
acts at the same moment as the other thread, and commits (or rolls back) as a
request would. On PostgreSQL the row locks and unique indexes decide who wins;
on SQLite the database lock serializes the writers (the other one waits, up to
the 15 s busy timeout set in portal/db.py) and the same guards must still hold.
"""
from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

import pytest
from sqlalchemy import func, select

from portal.approvals.operations import decide
from portal.audit.models import AuditEvent
from portal.auth.models import User
from portal.db import db
from portal.declarations import operations as declaration_operations
from portal.declarations.models import Declaration, DeclarationRevision
from portal.declarations.operations import declare
from portal.errors import Conflict
from portal.notifications.models import Notification
from portal.orgs.models import Organization
from portal.races.models import Candidate, Race
from portal.tables.models import CoalitionTable
from tests.conftest import CSRF_PATTERN, Browser
from tests.factories import (PASSWORD, create_local, create_national, create_race, create_state, create_table,
                             create_user, grant, page_text)

TRIALS = 20
THREAD_TIMEOUT = 30  # seconds; a thread stuck longer than this fails the test


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None


def run_together(app, *work: Callable[[threading.Barrier], Any]) -> list[Outcome]:
    """Run each callable in its own thread and application context (so its own
    session). Each gets the same Barrier and waits at it right before acting. A
    callable that returns commits its session; one that raises rolls it back.
    Returns each thread's outcome."""
    barrier = threading.Barrier(len(work), timeout=THREAD_TIMEOUT)
    outcomes = [Outcome() for _ in work]

    def run(index: int, job: Callable[[threading.Barrier], Any]) -> None:
        with app.app_context():
            try:
                outcomes[index].value = job(barrier)
                db.session.commit()
            except BaseException as exc:  # noqa: BLE001 — reported to the test below
                db.session.rollback()
                outcomes[index].error = exc

    threads = [threading.Thread(target=run, args=(i, job), daemon=True) for i, job in enumerate(work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(THREAD_TIMEOUT)
        assert not thread.is_alive(), "a thread is stuck (a deadlock, or a lock never released)"
    return outcomes


@pytest.fixture
def world(app, session):
    alpha = create_national("Alpha Alliance")
    mo = create_state(alpha, "MO", "Alpha Missouri")
    stl = create_local(mo, "St. Louis", "Alpha St. Louis")
    bravo = create_national("Bravo Network")
    table = create_table("Federal 2026", partners=[alpha, bravo])
    names = [f"Candidate {chr(65 + i)}{chr(97 + i)}" for i in range(TRIALS)]
    approvals_race = create_race(table, "MO-01", candidates=names)
    forms_race = create_race(table, "MO-02", candidates=names)
    leader = create_user("lou@alpha.example", "Lou Leader")
    grant(leader, stl, "leader")
    abe = create_user("abe@alpha.example", "Abe Approver")
    grant(abe, alpha, "approver")
    amy = create_user("amy@alpha.example", "Amy Approver")
    grant(amy, mo, "approver")
    session.commit()
    return {"leader": leader.id, "approvers": (abe.id, amy.id), "stl": stl.id, "table": table.id,
            "approvals_race": approvals_race.id, "forms_race": forms_race.id,
            "names": {abe.id: abe.name, amy.id: amy.name}}


def _endorse(user_id, org_id, table_id, race_id, candidate_id, key):
    """declare() as the endorsement form's POST calls it, with everything loaded by id."""
    session = db.session
    candidate = session.get(Candidate, candidate_id)
    return declare(session.get(User, user_id), session.get(Organization, org_id), session.get(CoalitionTable, table_id),
                   kind="endorsement", race=session.get(Race, race_id), candidate=candidate, stage="primary",
                   submission_key=key, stance="endorsed", visibility="table", note="Knocked 2,000 doors.")


def test_two_approvers_deciding_at_the_same_moment_make_one_decision(app, session, world, capsys):
    race = session.get(Race, world["approvals_race"])
    started = time.monotonic()
    singles = 0
    winners = {approver: 0 for approver in world["approvers"]}
    for trial, candidate in enumerate(race.candidates):
        declaration_id = _endorse(world["leader"], world["stl"], world["table"], race.id, candidate.id,
                                  f"approve-{trial}").id
        session.commit()
        revision_id = session.scalar(select(DeclarationRevision.id).where(
            DeclarationRevision.declaration_id == declaration_id))

        def approve_as(approver_id):
            def job(barrier):
                revision = db.session.get(DeclarationRevision, revision_id)
                actor = db.session.get(User, approver_id)
                barrier.wait()
                return decide(actor, revision, approve=True).decided_by_id
            return job

        outcomes = run_together(app, *(approve_as(a) for a in world["approvers"]))

        unexpected = [o.error for o in outcomes if o.error is not None and not isinstance(o.error, Conflict)]
        assert not unexpected, f"trial {trial}: {unexpected!r}"
        done = [o for o in outcomes if o.error is None]
        refused = [o for o in outcomes if isinstance(o.error, Conflict)]
        assert len(done) == 1 and len(refused) == 1, f"trial {trial}: {outcomes!r}"

        session.expire_all()
        revision = session.get(DeclarationRevision, revision_id)
        winner = done[0].value
        assert revision.status == "approved" and revision.decided_by_id == winner
        assert winner in world["approvers"]
        assert session.get(Declaration, declaration_id).current_revision_id == revision_id
        message = refused[0].error.message
        assert message.startswith(f"This was already approved by {world['names'][winner]}"), message
        audit = session.scalars(select(AuditEvent.action).where(
            AuditEvent.subject_type == "Declaration", AuditEvent.subject_id == declaration_id,
            AuditEvent.action.like("endorsement.%")).order_by(AuditEvent.id)).all()
        assert audit == ["endorsement.declared", "endorsement.approved"], f"trial {trial}: {audit}"
        told = session.scalar(select(func.count()).select_from(Notification).where(
            Notification.user_id == world["leader"], Notification.subject.like("Your endorsement was%"),
            Notification.body.like(f"%{candidate.name}%")))
        assert told == 1, f"trial {trial}: the submitter was told {told} times"
        singles += 1
        winners[winner] += 1
    elapsed = time.monotonic() - started
    tally = ", ".join(f"{world['names'][a]} {n}" for a, n in winners.items())
    with capsys.disabled():  # the figure shows in every run, captured or not
        print(f"\napprover race: {TRIALS} trials, {singles} single decisions (won by {tally}; {elapsed:.1f} s)")
    assert singles == TRIALS


def _pledge(user_id, org_id, table_id, race_id, key):
    session = db.session
    return declare(session.get(User, user_id), session.get(Organization, org_id), session.get(CoalitionTable, table_id),
                   kind="pledge", race=session.get(Race, race_id), candidate=None, stage=None, submission_key=key,
                   activity="doorknock", quantity=40, unit="shifts", starts_on=date(2026, 6, 1),
                   ends_on=date(2026, 8, 4), visibility="table")


@pytest.mark.parametrize("kind, timing", [
    ("endorsement", "together"),
    ("endorsement", "second-checks-before-first-commits"),
    ("pledge", "second-checks-before-first-commits"),
])
def test_the_same_form_submitted_twice_at_the_same_moment_creates_one_declaration(
        app, session, world, monkeypatch, capsys, kind, timing):
    """Both requests return the same declaration: declare() answers a repeated
    submission key with what it created before, and never raises Conflict for
    the same organization's same form.

    "together": both threads released by a barrier, and held again inside the
    duplicate check until both have looked for an earlier declaration and found
    none, so every trial really races to the INSERT (the database decides).
    "second-checks-before-first-commits": the second request looks for the key
    before the first commits and carries on only after it has committed (a
    double click with the second request a moment behind): for an endorsement
    it then meets the first one in the one-record-per-candidate check, for a
    pledge in the unique submission key."""
    race = session.get(Race, world["forms_race"])
    local = threading.local()
    lock = threading.Lock()
    lookups: list[tuple[str, bool]] = []
    both_looked = threading.Barrier(2, timeout=THREAD_TIMEOUT)
    second_looked, first_committed = threading.Event(), threading.Event()
    real_existing = declaration_operations._existing

    def existing_with_interleaving(submission_key):
        found = real_existing(submission_key)
        first_look = not getattr(local, "looked", False)
        local.looked = True
        if first_look:
            with lock:
                lookups.append((submission_key, found is not None))
            if timing == "together":
                both_looked.wait()  # neither thread inserts before both have checked
            elif local.role == "second":
                second_looked.set()
                assert first_committed.wait(THREAD_TIMEOUT)
        return found

    monkeypatch.setattr(declaration_operations, "_existing", existing_with_interleaving)

    def submit(role, key, candidate_id):
        def job(barrier):
            local.looked, local.role = False, role
            barrier.wait()
            if timing != "together" and role == "first":
                assert second_looked.wait(THREAD_TIMEOUT)
            if kind == "endorsement":
                declaration_id = _endorse(world["leader"], world["stl"], world["table"], race.id, candidate_id, key).id
            else:
                declaration_id = _pledge(world["leader"], world["stl"], world["table"], race.id, key).id
            if role == "first":
                db.session.commit()
                first_committed.set()
            return declaration_id
        return job

    started = time.monotonic()
    singles = both_passed_the_check = 0
    for trial, candidate in enumerate(race.candidates):
        key = f"double-click-{kind}-{trial}"
        both_looked.reset()
        second_looked.clear()
        first_committed.clear()

        outcomes = run_together(app, submit("first", key, candidate.id), submit("second", key, candidate.id))
        errors = [o.error for o in outcomes if o.error is not None]
        assert not errors, f"trial {trial}: {errors!r}"
        ids = {o.value for o in outcomes}
        assert len(ids) == 1, f"trial {trial}: two declarations {ids}"

        session.expire_all()
        rows = session.scalars(select(Declaration).where(Declaration.submission_key == key)).all()
        assert [d.id for d in rows] == list(ids)
        assert len(rows[0].revisions) == 1 and rows[0].revisions[0].status == "pending"
        declared = session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == f"{kind}.declared", AuditEvent.subject_id == rows[0].id))
        assert declared == 1, f"trial {trial}: {declared} audit records"
        approvers_told = session.scalar(select(func.count()).select_from(Notification).where(
            Notification.created_at >= rows[0].created_at))
        assert approvers_told == len(world["approvers"]), f"trial {trial}: {approvers_told} notifications"
        first_looks = [found for k, found in lookups if k == key]
        both_passed_the_check += first_looks == [False, False]
        singles += 1
    total = session.scalar(select(func.count()).select_from(Declaration))
    assert total == TRIALS
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\nduplicate submission race ({kind}, {timing}): {TRIALS} trials, {singles} single declarations, "
              f"both threads returned the same id in {singles}; both passed the duplicate-key check before "
              f"either committed in {both_passed_the_check} ({elapsed:.1f} s)")
    assert singles == TRIALS and both_passed_the_check == TRIALS


def test_the_endorsement_form_posted_twice_at_the_same_moment_over_http(app, session, world, capsys, monkeypatch):
    """The double click through the real route: one browser session, one rendered
    form (one CSRF token, one submission key) posted twice at once. Both answers
    send the person to the same declaration. As above, each request is held in
    the duplicate-key check until both have looked and found nothing."""
    both_looked = threading.Barrier(2, timeout=THREAD_TIMEOUT)
    real_existing = declaration_operations._existing
    local = threading.local()  # each request runs in a thread of its own
    first_looks = []

    def existing_after_both_looked(submission_key):
        found = real_existing(submission_key)
        if not getattr(local, "looked", False):
            local.looked = True
            first_looks.append(found is not None)
            both_looked.wait()
        return found

    monkeypatch.setattr(declaration_operations, "_existing", existing_after_both_looked)
    race = session.get(Race, world["forms_race"])
    leader = session.get(User, world["leader"])
    browser = Browser(app.test_client())
    browser.sign_in(leader.email, PASSWORD)
    other_tab = app.test_client()
    other_tab.set_cookie(app.config.get("SESSION_COOKIE_NAME", "session"),
                         browser.client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session")).value)
    path = f"/tables/{world['table']}/organizations/{world['stl']}/endorse"
    started = time.monotonic()
    singles = 0
    trials = TRIALS
    for trial, candidate in enumerate(race.candidates[:trials]):
        page = browser.get(f"{path}?race_id={race.id}").get_data(as_text=True)
        key = re.search(r'name="submission_key"[^>]*value="([^"]+)"', page).group(1)
        data = {"csrf_token": CSRF_PATTERN.search(page).group(1), "submission_key": key, "race_id": race.id,
                "candidate_id": candidate.id, "stage": "primary", "stance": "endorsed", "visibility": "table",
                "note": ""}
        barrier = threading.Barrier(2, timeout=THREAD_TIMEOUT)
        both_looked.reset()
        first_looks.clear()

        def post(client):
            barrier.wait()
            return client.post(path, data=data)

        with ThreadPoolExecutor(max_workers=2) as pool:
            responses = [f.result(THREAD_TIMEOUT) for f in
                         [pool.submit(post, browser.client), pool.submit(post, other_tab)]]
        statuses = [r.status_code for r in responses]
        assert statuses == [302, 302], f"trial {trial}: {statuses} {[page_text(r)[:300] for r in responses]}"
        locations = {r.headers["Location"] for r in responses}
        assert len(locations) == 1, f"trial {trial}: {locations}"
        session.expire_all()
        rows = session.scalars(select(Declaration).where(Declaration.submission_key == key)).all()
        assert len(rows) == 1 and locations.pop().endswith(f"/declarations/{rows[0].id}")
        assert first_looks == [False, False], f"trial {trial}: the requests did not race ({first_looks})"
        singles += 1
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\nduplicate submission over HTTP: {trials} trials, {singles} single declarations, both requests "
              f"redirected to the same declaration in {singles}, both passed the duplicate-key check first in "
              f"{singles} ({elapsed:.1f} s)")
    assert singles == trials
