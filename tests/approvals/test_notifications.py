"""How people hear about approvals: at once or in a daily digest, and the
commands cron runs to deliver the outbox."""
from __future__ import annotations

from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.auth.models import User
from portal.notifications import operations
from portal.notifications.models import Notification
from tests.approvals.conftest import endorse, pledge
from tests.db_state import fingerprint
from tests.factories import page_text


def test_the_notification_preference_is_saved_and_audited(world, session, sign_in):
    browser = sign_in(world["abe"])
    assert "Change how you are notified" in page_text(browser.get("/account"))
    assert browser.get("/account/notifications").status_code == 200
    response = browser.post("/account/notifications", {"notification_mode": "digest"}, follow_redirects=True)
    assert "you get one mail a day" in page_text(response)
    session.expire_all()
    assert session.get(User, world["abe"].id).notification_mode == "digest"
    [changed] = session.scalars(select(AuditEvent).where(AuditEvent.action == "notifications.mode_changed")).all()
    assert (changed.actor_id, changed.subject_id) == (world["abe"].id, world["abe"].id)
    assert (changed.before, changed.after) == ({"notification_mode": "immediate"}, {"notification_mode": "digest"})


def test_an_unknown_mode_is_refused_and_changes_nothing(world, sign_in):
    browser = sign_in(world["abe"])
    before = fingerprint()
    assert browser.post("/account/notifications", {"notification_mode": "hourly"}).status_code == 422
    assert browser.post("/account/notifications", {}).status_code == 422
    assert fingerprint() == before


def test_the_digest_command_sends_one_mail_per_person(world, session, app, monkeypatch):
    for key in ("abe", "ana"):
        world[key].notification_mode = "digest"
    endorse(world, "lou", "alpha_stl")
    pledge(world, "lou", "alpha_stl")
    session.commit()
    waiting = session.scalars(select(Notification).where(Notification.digest.is_(True))).all()
    assert sorted(n.user_id for n in waiting) == sorted([world["abe"].id, world["ana"].id] * 2)

    mails = []
    real_send = operations.send_mail
    monkeypatch.setattr(operations, "send_mail", lambda to, subject, body: mails.append(to) or real_send(
        to, subject, body))
    result = app.test_cli_runner().invoke(args=["portal", "notifications", "digest"])
    assert result.exit_code == 0, result.output
    assert "2 digest(s) sent" in result.output
    assert sorted(mails) == ["abe@example.org", "ana@example.org"]
    session.expire_all()
    assert all(n.sent_at is not None for n in session.scalars(select(Notification).where(Notification.digest)))


def test_the_send_command_retries_undelivered_immediate_mail(world, session, app):
    endorse(world, "lou", "alpha_stl")  # outside a request: nothing delivered yet
    session.commit()
    undelivered = session.scalars(select(Notification).where(Notification.sent_at.is_(None))).all()
    assert {n.user_id for n in undelivered} == {world["abe"].id, world["ana"].id, world["sam"].id,
                                                world["sue"].id}
    result = app.test_cli_runner().invoke(args=["portal", "notifications", "send"])
    assert result.exit_code == 0, result.output
    assert "4 notification(s) sent" in result.output
    session.expire_all()
    assert session.scalars(select(Notification).where(Notification.sent_at.is_(None))).all() == []
