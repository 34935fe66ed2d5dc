"""Mail through a real SMTP server: aiosmtpd runs as its own process and
stores what it receives in a Maildir, which the tests read with `mailbox`.

Declarations and decisions run the way a request runs them (portal.access.
decorators.run_in_transaction: one commit, then delivery from the outbox), in
a thread with an application context and database session of its own."""
from __future__ import annotations

import email
import email.message
import email.policy
import mailbox
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from portal.access.decorators import run_in_transaction
from portal.approvals.operations import decide
from portal.auth.models import User
from portal.db import db
from portal.declarations.models import DeclarationRevision
from portal.declarations.operations import declare
from portal.notifications.models import Notification
from portal.notifications.operations import deliver_digests, deliver_immediate
from portal.orgs.models import Organization
from portal.races.models import Race
from portal.tables.models import CoalitionTable
from tests.factories import create_local, create_national, create_race, create_state, create_table, create_user, grant


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpServer:
    """`python -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR`."""

    def __init__(self, directory: Path, port: int):
        self.directory, self.port, self.process = directory, port, None

    def start(self) -> SmtpServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}",
             "-c", "aiosmtpd.handlers.Mailbox", str(self.directory)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"aiosmtpd exited: {self.process.stdout.read().decode(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                    if conn.recv(100).startswith(b"220"):
                        return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"aiosmtpd did not answer on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def messages(self) -> list[email.message.EmailMessage]:
        box = mailbox.Maildir(self.directory, factory=None, create=False)
        return [email.message_from_bytes(box.get_bytes(key), policy=email.policy.default) for key in box.keys()]


@pytest.fixture
def smtp(app, tmp_path):
    server = SmtpServer(tmp_path / "maildir", free_port()).start()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port)
    yield server
    server.stop()


def as_request(app, work):
    """Run `work` as a view runs: its own app context and session, one commit
    when it succeeds, then delivery of what it queued. Returns what it returned."""
    def run():
        with app.test_request_context("/"):
            result = {}

            def view():
                result["value"] = work()
                return "done"

            response = run_in_transaction(view)
            assert response.status_code == 200
            return result["value"]

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result(timeout=60)


@pytest.fixture
def world(app, session):
    alpha = create_national("Alpha Alliance")
    alpha_mo = create_state(alpha, "MO", "Alpha Missouri")
    stl = create_local(alpha_mo, "St. Louis", "Alpha St. Louis")
    kc = create_local(alpha_mo, "Kansas City", "Alpha Kansas City")
    bravo = create_national("Bravo Network")
    bravo_local = create_local(bravo, "Springfield", "Bravo Springfield", state_code="MO")
    facilitator = create_user("fay@neutral.example", "Fay Facilitator")
    table = create_table("Federal 2026", partners=[alpha, bravo], facilitator=facilitator)
    race = create_race(table, "MO-01", candidates=["Cora Candidate"])
    people = {}
    for key, org, role in [("lou", stl, "leader"), ("kim", kc, "leader"), ("abe", alpha, "approver"),
                           ("ada", alpha, "admin"), ("amy", alpha_mo, "approver"), ("nat", alpha, "member"),
                           ("bea", bravo_local, "leader"), ("bob", bravo, "approver")]:
        people[key] = create_user(f"{key}@{org.slug}.example", f"{key.title()} Person")
        grant(people[key], org, role)
    session.commit()
    return {"orgs": {"stl": stl.id, "kc": kc.id, "bravo_local": bravo_local.id}, "table": table.id,
            "race": race.id, "people": {key: (user.id, user.email) for key, user in people.items()}}


NOTES = {"stl": "STL-NOTE: 300 volunteers from the teachers' union hall",
         "kc": "KC-NOTE: our board is split on this one",
         "bravo_local": "BRAVO-NOTE: donor list shared with us in confidence"}


def declare_pledge(app, w, org_key: str, person: str, quantity: int = 25) -> int:
    def work():
        s = db.session
        return declare(s.get(User, w["people"][person][0]), s.get(Organization, w["orgs"][org_key]),
                       s.get(CoalitionTable, w["table"]), kind="pledge", race=s.get(Race, w["race"]),
                       candidate=None, stage=None, submission_key=f"mail-{org_key}-{quantity}",
                       activity="phonebank", quantity=quantity, unit="shifts", starts_on=date(2026, 6, 1),
                       ends_on=date(2026, 8, 4), visibility="table", note=NOTES[org_key]).id
    return as_request(app, work)


def decide_as(app, w, person: str, declaration_id: int, *, approve: bool, reason: str | None = None):
    def work():
        s = db.session
        revision = s.scalars(select(DeclarationRevision).where(
            DeclarationRevision.declaration_id == declaration_id, DeclarationRevision.status == "pending")).one()
        return decide(s.get(User, w["people"][person][0]), revision, approve=approve, reason=reason).status
    return as_request(app, work)


def recipients(messages) -> list[str]:
    return sorted(str(m["To"]) for m in messages)


def email_of(w, *people) -> list[str]:
    return sorted(w["people"][p][1] for p in people)


def test_each_approver_above_is_mailed_about_a_pending_declaration(app, session, world, smtp):
    declare_pledge(app, world, "stl", "lou")
    messages = smtp.messages()
    # The national's approver and admin and the state's approver; not the submitter, the
    # national's member, the sibling local, the other partner or the facilitator.
    assert recipients(messages) == email_of(world, "abe", "ada", "amy")
    for message in messages:
        assert message["X-RcptTo"] == message["To"], "envelope and header name the same person"
        assert message["Subject"] == "Awaiting your approval: Alpha St. Louis's pledge"
        body = message.get_content()
        assert "Alpha St. Louis submitted a pledge for U.S. House MO-01 at Federal 2026" in body
        assert "/approvals" in body
    # Every notification went out once.
    session.expire_all()
    rows = session.scalars(select(Notification)).all()
    assert len(rows) == 3 and all(n.sent_at is not None and n.attempts == 1 for n in rows)


def test_a_submitter_who_is_also_staff_above_is_not_asked_to_approve_their_own(app, session, world, smtp):
    lou = session.get(User, world["people"]["lou"][0])
    grant(lou, session.get(Organization, session.get(Organization, world["orgs"]["stl"]).parent_id), "approver")
    session.commit()
    declare_pledge(app, world, "stl", "lou")
    assert recipients(smtp.messages()) == email_of(world, "abe", "ada", "amy")


def test_mail_never_carries_another_organizations_notes(app, session, world, smtp):
    for org_key, person in (("stl", "lou"), ("kc", "kim"), ("bravo_local", "bea")):
        declare_pledge(app, world, org_key, person)
    messages = smtp.messages()
    assert len(messages) == 3 + 3 + 1  # Alpha staff for each Alpha local; Bravo's approver for Bravo's
    by_org = {"stl": "Alpha St. Louis", "kc": "Alpha Kansas City", "bravo_local": "Bravo Springfield"}
    for message in messages:
        about = [key for key, name in by_org.items() if name in message["Subject"]]
        assert len(about) == 1, message["Subject"]
        text_of_mail = message["Subject"] + message.get_content()
        for key, note in NOTES.items():
            if key != about[0]:
                assert note not in text_of_mail, f"{message['To']} got {key}'s note in a mail about {about[0]}"
                assert by_org[key] not in text_of_mail
    bravo_mail = [m for m in messages if m["To"] == world["people"]["bob"][1]]
    assert len(bravo_mail) == 1 and "Bravo Springfield" in bravo_mail[0]["Subject"]
    assert "Alpha" not in bravo_mail[0]["Subject"] + bravo_mail[0].get_content()


def test_the_submitter_is_mailed_the_decision_with_the_reason(app, world, smtp):
    rejected = declare_pledge(app, world, "stl", "lou", quantity=25)
    approved = declare_pledge(app, world, "stl", "lou", quantity=30)
    before = len(smtp.messages())
    assert decide_as(app, world, "amy", rejected, approve=False, reason="We cannot staff 25 shifts in June.") \
        == "rejected"
    assert decide_as(app, world, "abe", approved, approve=True) == "approved"
    decisions = [m for m in smtp.messages() if m["Subject"].startswith("Your pledge")]
    assert len(smtp.messages()) == before + 2 and len(decisions) == 2
    assert recipients(decisions) == email_of(world, "lou", "lou")
    rejection = next(m for m in decisions if m["Subject"] == "Your pledge was rejected")
    body = rejection.get_content()
    assert "Amy Person rejected Alpha St. Louis's pledge for U.S. House MO-01" in body
    assert "Reason: We cannot staff 25 shifts in June." in body
    assert f"/declarations/{rejected}" in body
    approval = next(m for m in decisions if m["Subject"] == "Your pledge was approved")
    assert "Abe Person approved Alpha St. Louis's pledge" in approval.get_content()
    assert "Reason" not in approval.get_content()


def test_a_digest_reader_gets_nothing_at_once_and_one_combined_mail(app, session, world, smtp):
    amy = session.get(User, world["people"]["amy"][0])
    amy.notification_mode = "digest"
    session.commit()
    declare_pledge(app, world, "stl", "lou")
    declare_pledge(app, world, "kc", "kim")
    immediate = smtp.messages()
    assert recipients(immediate) == email_of(world, "abe", "abe", "ada", "ada")

    assert deliver_digests() == 1
    digests = [m for m in smtp.messages() if m["To"] == amy.email]
    assert len(digests) == 1
    digest = digests[0]
    assert digest["Subject"] == "Coalition table portal: 2 update(s) for you"
    body = digest.get_content()
    assert "Alpha St. Louis submitted a pledge" in body and "Alpha Kansas City submitted a pledge" in body
    assert not any(note in body for note in NOTES.values())
    # Delivered once: nothing waits any more, and a second run sends nothing.
    assert deliver_digests() == 0 and deliver_immediate() == 0
    assert len(smtp.messages()) == 5
    session.expire_all()
    waiting = session.scalars(select(Notification).where(Notification.user_id == amy.id)).all()
    assert len(waiting) == 2 and all(n.digest and n.sent_at is not None for n in waiting)


def test_with_the_mail_server_down_the_declaration_stands_and_the_mail_waits(app, session, world, tmp_path,
                                                                              database_url):
    port = free_port()  # nothing listens here yet
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)
    declaration_id = declare_pledge(app, world, "stl", "lou")

    # Committed: another connection, outside every session of the app, sees it.
    engine = create_engine(database_url)
    with engine.connect() as conn:
        found = conn.execute(text("SELECT count(*) FROM declarations WHERE id = :id"), {"id": declaration_id})
        assert found.scalar() == 1
    engine.dispose()
    session.expire_all()
    waiting = session.scalars(select(Notification).order_by(Notification.id)).all()
    assert len(waiting) == 3
    for notification in waiting:
        assert notification.sent_at is None and notification.attempts == 1 and notification.last_error

    server = SmtpServer(tmp_path / "maildir", port).start()
    try:
        assert deliver_immediate() == 3
        assert recipients(server.messages()) == email_of(world, "abe", "ada", "amy")
        session.expire_all()
        for notification in session.scalars(select(Notification)):
            assert notification.sent_at is not None and notification.attempts == 2
            assert notification.last_error is None
        assert deliver_immediate() == 0 and len(server.messages()) == 3
    finally:
        server.stop()
