"""The inbox in the portal: every notification is there, mailed or not; the
navigation counts the unread ones; "portal only" readers get no mail at all."""
from __future__ import annotations

import re

from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.auth.models import User
from portal.notifications.models import Notification
from portal.notifications.operations import deliver_digests, deliver_immediate
from tests.conftest import Browser
from tests.factories import PASSWORD, page_text
from tests.notifications.test_mail import declare_pledge, email_of, recipients, smtp, world  # noqa: F401


def signed_in(app, email):
    browser = Browser(app.test_client())
    assert browser.sign_in(email, PASSWORD).status_code == 302
    return browser


def test_approvers_find_what_awaits_them_in_the_inbox_and_mark_it_read(app, session, world, smtp):
    declare_pledge(app, world, "stl", "lou")
    abe = signed_in(app, world["people"]["abe"][1])
    home = abe.get("/").get_data(as_text=True)
    assert 'aria-label="1 unread"' in home
    inbox = abe.get("/notifications")
    assert inbox.status_code == 200
    text = page_text(inbox)
    assert "Awaiting your approval: Alpha St. Louis's pledge" in text and "new" in text
    # Another person's inbox shows nothing of it.
    bob = signed_in(app, world["people"]["bob"][1])
    assert "Alpha St. Louis" not in page_text(bob.get("/notifications"))
    assert 'unread' not in bob.get("/").get_data(as_text=True).split("nav-inbox", 1)[1].split("</a>", 1)[0]

    assert abe.post("/notifications/read").status_code == 400  # which ones were seen?
    newest = int(re.search(r'name="newest" value="(\d+)"', inbox.get_data(as_text=True)).group(1))
    declare_pledge(app, world, "kc", "kim")  # arrives after the page was read: stays unread
    assert abe.post("/notifications/read", data={"newest": newest}).status_code == 302
    assert 'aria-label="1 unread"' in abe.get("/").get_data(as_text=True)
    assert abe.post("/notifications/read", data={"newest": newest + 10_000}).status_code == 302
    assert "unread" not in abe.get("/").get_data(as_text=True).split("nav-inbox", 1)[1].split("</a>", 1)[0]
    session.expire_all()
    abe_id = world["people"]["abe"][0]
    assert all(n.read_at is not None for n in session.scalars(select(Notification).where(
        Notification.user_id == abe_id)))
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "notifications.read",
                                                   AuditEvent.actor_id == abe_id)) is not None
    # Bob's (none) and others' notifications are untouched.
    ada_id = world["people"]["ada"][0]
    assert all(n.read_at is None for n in session.scalars(select(Notification).where(
        Notification.user_id == ada_id)))


def test_portal_only_readers_get_no_mail_but_the_inbox_entry(app, session, world, smtp):
    ada = session.get(User, world["people"]["ada"][0])
    abe = signed_in(app, world["people"]["abe"][1])
    response = abe.post("/account/notifications", data={"notification_mode": "portal"})
    assert response.status_code == 302
    declare_pledge(app, world, "stl", "lou")
    assert recipients(smtp.messages()) == email_of(world, "ada", "amy")
    assert deliver_immediate() == 0 and deliver_digests() == 0
    session.expire_all()
    abe_id = world["people"]["abe"][0]
    waiting = session.scalars(select(Notification).where(Notification.user_id == abe_id)).all()
    assert len(waiting) == 1 and waiting[0].by_mail is False and waiting[0].sent_at is None
    assert "Awaiting your approval" in page_text(abe.get("/notifications"))
    assert ada.notification_mode == "immediate"


def test_an_unknown_mode_is_refused_without_a_change(app, session, world):
    abe = signed_in(app, world["people"]["abe"][1])
    assert abe.post("/account/notifications", data={"notification_mode": "pigeon"}).status_code == 422
    session.expire_all()
    assert session.get(User, world["people"]["abe"][0]).notification_mode == "immediate"
