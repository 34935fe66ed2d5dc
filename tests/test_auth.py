"""Signing in and out (issue #2): server-side sessions that rotate at sign-in
and end for good at sign-out, "sign out everywhere", disabled people, safe
redirects, cookie flags, and the production settings guard."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from portal import create_app
from portal.audit.models import AuditEvent
from portal.auth.models import User, UserSession
from portal.db import utcnow
from portal.settings import UnsafeConfiguration
from tests.conftest import Browser
from tests.factories import PASSWORD, create_national, create_user, grant, page_text, table_counts

STRONG_KEY = "k3y-" + "q7" * 24


@pytest.fixture
def lee(session):
    national = create_national("Sunrise Network")
    user = create_user("lee@sunrise.example", "Lee Member")
    grant(user, national, "member")
    session.commit()
    return user


def new_browser(app) -> Browser:
    return Browser(app.test_client())


def session_cookie(browser) -> str | None:
    cookie = browser.client.get_cookie("session")
    return cookie.value if cookie else None


def replay(app, cookie_value: str):
    """A fresh browser that holds nothing but a copy of someone's session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", cookie_value)
    return thief


def goes_to_sign_in(response) -> bool:
    return response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/sign-in"


def open_sessions(session, user) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(UserSession).where(
        UserSession.user_id == user.id, UserSession.revoked_at.is_(None)))


# --- signing in ------------------------------------------------------------------------------

def test_a_wrong_password_answers_401_and_is_audited(session, lee, app):
    browser = new_browser(app)
    response = browser.sign_in("lee@sunrise.example", "not the password at all")
    assert response.status_code == 401
    assert "That e-mail and password do not match an active account." in page_text(response)
    assert open_sessions(session, lee) == 0
    assert goes_to_sign_in(browser.get("/"))
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "auth.sign_in_failed")).all()
    assert len(events) == 1
    assert "lee@sunrise.example" in events[0].summary and events[0].actor_id is None


def test_an_unknown_email_answers_401_like_a_wrong_password(session, lee, app):
    response = new_browser(app).sign_in("nobody@sunrise.example", PASSWORD)
    assert response.status_code == 401
    assert "That e-mail and password do not match an active account." in page_text(response)


def test_a_correct_password_signs_in_and_is_audited(session, lee, app):
    browser = new_browser(app)
    response = browser.sign_in("LEE@sunrise.example", PASSWORD)
    assert response.status_code == 302
    assert browser.get("/").status_code == 200
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.signed_in"))
    assert event.actor_id == lee.id


def test_the_session_cookie_rotates_at_sign_in_and_a_server_side_session_starts(session, lee, app):
    browser = new_browser(app)
    browser.refresh_csrf("/sign-in")
    before_cookie = session_cookie(browser)
    assert before_cookie, "the sign-in page sets a session cookie (for its CSRF token)"
    assert open_sessions(session, lee) == 0

    response = browser.client.post("/sign-in", data={"email": lee.email, "password": PASSWORD,
                                                      "csrf_token": browser.csrf})
    assert response.status_code == 302
    after_cookie = session_cookie(browser)
    assert after_cookie and after_cookie != before_cookie
    assert open_sessions(session, lee) == 1
    row = session.scalar(select(UserSession).where(UserSession.user_id == lee.id))
    assert row.revoked_at is None and len(row.token_hash) == 64
    # The cookie from before sign-in is worth nothing.
    assert goes_to_sign_in(replay(app, before_cookie).get("/"))
    assert replay(app, after_cookie).get("/").status_code == 200
    # Nothing of the session from before sign-in survives: not even its CSRF token.
    assert browser.client.post("/sign-out", data={"csrf_token": browser.csrf}).status_code == 400
    assert browser.get("/").status_code == 200


def test_each_sign_in_starts_its_own_session(session, lee, app):
    first, second = new_browser(app), new_browser(app)
    first.sign_in(lee.email, PASSWORD)
    second.sign_in(lee.email, PASSWORD)
    assert open_sessions(session, lee) == 2
    assert session_cookie(first) != session_cookie(second)


def test_the_session_cookie_is_http_only_and_same_site_lax(session, lee, app):
    browser = new_browser(app)
    browser.refresh_csrf("/sign-in")
    response = browser.client.post("/sign-in", data={"email": lee.email, "password": PASSWORD,
                                                      "csrf_token": browser.csrf})
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert len(cookies) == 1
    flags = [part.strip().lower() for part in cookies[0].split(";")]
    assert "httponly" in flags
    assert "samesite=lax" in flags
    assert "secure" not in flags  # development serves plain http; production forces it (see below)


# --- signing out -----------------------------------------------------------------------------

def test_sign_out_is_post_only(session, lee, app):
    browser = new_browser(app)
    browser.sign_in(lee.email, PASSWORD)
    assert browser.get("/sign-out").status_code == 405
    assert browser.get("/").status_code == 200  # the GET signed nobody out
    assert open_sessions(session, lee) == 1


def test_sign_out_needs_a_csrf_token(session, lee, app):
    browser = new_browser(app)
    browser.sign_in(lee.email, PASSWORD)
    assert browser.client.post("/sign-out").status_code == 400
    assert browser.get("/").status_code == 200


def test_after_sign_out_a_copied_cookie_no_longer_works(session, lee, app):
    browser = new_browser(app)
    browser.sign_in(lee.email, PASSWORD)
    copied = session_cookie(browser)
    assert replay(app, copied).get("/").status_code == 200  # the copy works while the session lives

    response = browser.post("/sign-out")
    assert goes_to_sign_in(response)
    assert goes_to_sign_in(browser.get("/"))
    assert goes_to_sign_in(replay(app, copied).get("/"))
    assert open_sessions(session, lee) == 0
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.signed_out")).actor_id == lee.id


def test_sign_out_everywhere_ends_every_session_of_that_person_only(session, lee, app):
    other = create_user("max@sunrise.example", "Max Other")
    grant(other, session.scalar(select(User).where(User.id == lee.id)).memberships[0].organization, "member")
    session.commit()
    laptop, phone, others = new_browser(app), new_browser(app), new_browser(app)
    laptop.sign_in(lee.email, PASSWORD)
    phone.sign_in(lee.email, PASSWORD)
    others.sign_in(other.email, PASSWORD)
    phone_cookie = session_cookie(phone)
    assert open_sessions(session, lee) == 2

    response = laptop.post("/account/sessions/end-all")
    assert goes_to_sign_in(response)
    assert goes_to_sign_in(laptop.get("/"))
    assert goes_to_sign_in(phone.get("/"))
    assert goes_to_sign_in(replay(app, phone_cookie).get("/"))
    assert open_sessions(session, lee) == 0
    assert others.get("/").status_code == 200
    assert open_sessions(session, other) == 1
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.sessions_revoked")).actor_id == lee.id


def test_a_disabled_person_is_signed_out_at_once(session, lee, app):
    browser = new_browser(app)
    browser.sign_in(lee.email, PASSWORD)
    assert browser.get("/").status_code == 200
    session.get(User, lee.id).disabled_at = utcnow()
    session.commit()
    assert goes_to_sign_in(browser.get("/"))
    assert browser.get("/account").status_code == 302
    # And cannot sign in again.
    assert new_browser(app).sign_in(lee.email, PASSWORD).status_code == 401


def test_a_session_older_than_its_lifetime_no_longer_works(session, lee, app):
    from datetime import timedelta
    browser = new_browser(app)
    browser.sign_in(lee.email, PASSWORD)
    row = session.scalar(select(UserSession).where(UserSession.user_id == lee.id))
    row.created_at = utcnow() - timedelta(hours=app.config["SESSION_IDLE_HOURS"], minutes=1)
    session.commit()
    assert goes_to_sign_in(browser.get("/"))


# --- redirects after sign-in -----------------------------------------------------------------

OFF_SITE = ["//evil.example", "//evil.example/sign-in", "https://evil.example/", "http:evil.example",
            "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example",
            "javascript:alert(1)"]


def test_next_cannot_send_anyone_off_site(session, lee, app, subtests):
    for target in OFF_SITE:
        with subtests.test(target=target):
            browser = new_browser(app)
            browser.refresh_csrf("/sign-in")
            response = browser.client.post("/sign-in", data={"email": lee.email, "password": PASSWORD,
                                                              "next": target, "csrf_token": browser.csrf})
            assert response.status_code == 302
            location = urlsplit(response.headers["Location"])
            assert (location.scheme, location.netloc, location.path) == ("", "", "/")
            # Already signed in, the sign-in page sends a `next` home as well.
            again = browser.get("/sign-in", query_string={"next": target})
            assert again.status_code == 302
            location = urlsplit(again.headers["Location"])
            assert (location.scheme, location.netloc, location.path) == ("", "", "/")


def test_next_brings_a_person_back_to_the_page_they_asked_for(session, lee, app):
    browser = new_browser(app)
    wall = browser.get("/tables/")
    assert wall.status_code == 302 and wall.headers["Location"] == "/sign-in?next=/tables/"
    page = browser.get(wall.headers["Location"])
    assert 'name="next" type="hidden" value="/tables/"' in page.get_data(as_text=True)
    browser.refresh_csrf(wall.headers["Location"])
    response = browser.client.post("/sign-in", data={"email": lee.email, "password": PASSWORD, "next": "/tables/",
                                                      "csrf_token": browser.csrf})
    assert response.headers["Location"] == "/tables/"


# --- production settings ---------------------------------------------------------------------

PRODUCTION = {"ENV": "production", "SECRET_KEY": STRONG_KEY,
              "DATABASE_URL": "postgresql+psycopg://portal@127.0.0.1:1/portal"}


def test_production_refuses_unsafe_settings(subtests):
    for override, message in [
        ({"SECRET_KEY": ""}, "PORTAL_SECRET_KEY must be set"),
        ({"SECRET_KEY": "dev"}, "PORTAL_SECRET_KEY must be set"),
        ({"SECRET_KEY": "x" * 31}, "at least 32 characters"),
        ({"DEBUG": True}, "debug mode must be off"),
        ({"DATABASE_URL": "sqlite:///portal.db"}, "production needs PostgreSQL"),
    ]:
        with subtests.test(override=override):
            with pytest.raises(UnsafeConfiguration, match=message):
                create_app({**PRODUCTION, **override})


def test_production_with_safe_settings_starts_with_secure_cookies(app):
    production = create_app(dict(PRODUCTION))
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["SESSION_COOKIE_HTTPONLY"] is True
    assert production.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    # This app's database is unreachable, so save a session through Flask's own
    # session interface, exactly as a request would, and read the cookie it sets.
    with production.test_request_context("/"):
        from flask import session as flask_session
        flask_session["probe"] = 1
        response = production.response_class()
        production.session_interface.save_session(production, flask_session, response)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "secure" in [part.strip().lower() for part in cookie.split(";")]
    production.extensions["portal_db"].kw["bind"].dispose()


def test_development_does_not_force_secure_cookies(app):
    assert app.config["SESSION_COOKIE_SECURE"] is False


# --- nothing is written by a refused sign-in apart from its audit record ---------------------

def test_a_failed_sign_in_writes_only_its_audit_record(session, lee, app):
    before = table_counts(session)
    assert new_browser(app).sign_in(lee.email, "wrong password!").status_code == 401
    after = table_counts(session)
    assert after["audit_events"] == before["audit_events"] + 1
    assert {k: v for k, v in after.items() if k != "audit_events"} == \
        {k: v for k, v in before.items() if k != "audit_events"}
