"""Every route is either on the short public allowlist or declares the action
it performs; a route that does neither is refused at request time."""
from __future__ import annotations

from flask import Blueprint

from portal import create_app
from portal.access.policy import known_actions
from portal.access.wall import declared_action, is_public
from tests.factories import PASSWORD, create_national, create_user, grant

PUBLIC_ALLOWLIST = {
    "static", "auth.login", "auth.logout", "members.accept_invitation", "home.healthz",
    # Single sign-on must work before anyone is signed in.
    "sso.find_provider", "sso.start", "sso.callback",
    "calendars.feed",  # calendar apps fetch without a session: the secret, revocable URL is the credential
}


def test_every_route_is_public_or_declares_its_permission(app):
    undeclared, unknown = [], []
    for rule in app.url_map.iter_rules():
        if is_public(app, rule.endpoint):
            continue
        action = declared_action(app, rule.endpoint)
        if action is None:
            undeclared.append(f"{rule.rule} ({rule.endpoint})")
        elif action not in known_actions():
            unknown.append(f"{rule.rule}: {action}")
    assert undeclared == [], f"routes without @requires or @public: {undeclared}"
    assert unknown == []
    print(f"\nroute inventory: {len(list(app.url_map.iter_rules()))} routes checked")


def test_the_public_allowlist_is_short_and_explicit(app):
    public = {rule.endpoint for rule in app.url_map.iter_rules() if is_public(app, rule.endpoint)}
    assert public == PUBLIC_ALLOWLIST


def test_a_route_that_forgets_its_permission_is_refused(database_url, tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "k" * 40})
    forgetful = Blueprint("forgetful", __name__)

    @forgetful.route("/forgot-to-declare")
    def forgot():
        return "secret"

    app.register_blueprint(forgetful)
    with app.app_context():
        national = create_national("Any Network")
        grant(create_user("someone@example.org"), national, "admin")
        from portal.db import db
        db.session.commit()
    client = app.test_client()
    assert client.get("/forgot-to-declare").status_code == 403  # anonymous
    from tests.conftest import Browser
    browser = Browser(client)
    browser.sign_in("someone@example.org", PASSWORD)
    response = browser.get("/forgot-to-declare")
    assert response.status_code == 403
    assert "secret" not in response.get_data(as_text=True)
    app.extensions["portal_db"].kw["bind"].dispose()


def test_pages_need_sign_in_except_the_allowlist(client):
    assert client.get("/").status_code == 302
    assert client.get("/orgs/").headers["Location"].startswith("/sign-in")
    assert client.get("/sign-in").status_code == 200


def test_ids_beyond_the_database_range_are_not_found_not_errors(app, session, browser):
    """PostgreSQL refuses integers past 2**31-1 in a query: such ids, in URLs
    and in forms, must answer 404/4xx like any id that names nothing."""
    from tests.factories import create_national
    national = create_national("Range Network")
    grant(create_user("ra@range.example"), national, "admin")
    session.commit()
    browser.sign_in("ra@range.example", PASSWORD)
    huge = 99999999999999
    assert browser.get(f"/orgs/{huge}").status_code == 404
    assert browser.get(f"/sso/{huge}/start").status_code == 404
    assert browser.post("/account/acting-for", data={"organization_id": huge}).status_code == 404
