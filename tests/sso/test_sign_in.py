"""Single sign-on happy paths against real OpenID Connect provider processes
(one per national, see conftest.py): who a sign-in makes you, the sign-in page
that finds your organization's provider, a provider set up from the command
line, invitations and mapping rules at sign-in, asking for access, and
signing out (here and at the provider)."""
from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import func, select

from portal.audit.models import AuditEvent
from portal.auth.models import Identity, User, UserSession
from portal.members.models import Invitation, Membership
from portal.members.operations import invite
from portal.sso import operations
from portal.sso.models import AccessRequest, IdentityProvider
from tests.conftest import Browser
from tests.factories import PASSWORD, create_local, create_national, create_state, create_user, grant, page_text
from tests.sso.conftest import new_sub, sign_in_through

ACTING_ORG = re.compile(r'data-testid="acting-org">([^<]+)<')
OPTION_VALUE = re.compile(r'<option[^>]*value="(\d+)"')


@pytest.fixture
def world(session, mock_a, mock_b):
    """National A (Alpha Action: Missouri -> Kansas City) with its provider at
    mock A; national B (Bravo Alliance: Missouri) with its provider at mock B.
    Each national has an admin who signs in with a password."""
    site_admin = create_user("root@example.org", "Site Admin", site_admin=True)
    a = create_national("Alpha Action")
    a_mo = create_state(a, "MO", "Alpha Missouri")
    a_kc = create_local(a_mo, "Kansas City", "Alpha Kansas City")
    b = create_national("Bravo Alliance")
    b_mo = create_state(b, "MO", "Bravo Missouri")
    a_admin = create_user("ada@alpha.example", "Ada Admin")
    grant(a_admin, a, "admin")
    b_admin = create_user("bo@bravo.example", "Bo Admin")
    grant(b_admin, b, "admin")
    provider_a = operations.register_provider(a_admin, a, name="Alpha Workspace", issuer=mock_a.issuer,
                                              client_id="portal-alpha", client_secret="alpha-secret",
                                              domains=["alpha.example"])
    provider_b = operations.register_provider(b_admin, b, name="Bravo Entra", issuer=mock_b.issuer,
                                              client_id="portal-bravo", client_secret="bravo-secret",
                                              domains=["bravo.example"])
    session.commit()
    return SimpleNamespace(site_admin=site_admin, a=a, a_mo=a_mo, a_kc=a_kc, b=b, b_mo=b_mo, a_admin=a_admin,
                           b_admin=b_admin, provider_a=provider_a, provider_b=provider_b)


# --- helpers ----------------------------------------------------------------------------------

def fresh(session):
    """Forget what the test's session holds: requests ran in their own sessions."""
    session.rollback()
    session.expire_all()
    return session


def person(session, provider, sub) -> User | None:
    fresh(session)
    identity = session.scalar(select(Identity).where(Identity.provider_id == provider.id,
                                                     Identity.subject == sub))
    return identity.user if identity else None


def membership_of(session, user, org) -> Membership | None:
    return session.scalar(select(Membership).where(Membership.user_id == user.id,
                                                   Membership.organization_id == org.id))


def open_sessions(session, user) -> int:
    fresh(session)
    return session.scalar(select(func.count()).select_from(UserSession).where(
        UserSession.user_id == user.id, UserSession.revoked_at.is_(None)))


def actions_about(session, user) -> list[str]:
    fresh(session)
    return list(session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == user.id)
                                .order_by(AuditEvent.id)))


def goes_to(response, path: str) -> bool:
    return response.status_code == 302 and urlsplit(response.headers["Location"]).path == path


def acting_org(response) -> str | None:
    match = ACTING_ORG.search(response.get_data(as_text=True))
    return match.group(1).strip() if match else None


def signed_in_browser(app, provider, mock, sub) -> tuple[Browser, object]:
    """A browser signed in through `provider`, with a CSRF token for its posts."""
    browser = Browser(app.test_client())
    response = sign_in_through(browser, provider.id, mock.issuer, sub)
    assert response.status_code == 302, page_text(response)
    browser.refresh_csrf("/account")
    return browser, response


def password_browser(app, user) -> Browser:
    browser = Browser(app.test_client())
    assert goes_to(browser.sign_in(user.email, PASSWORD), "/"), "password sign-in failed"
    return browser


# --- 1. who a sign-in makes you --------------------------------------------------------------

def test_a_first_sign_in_creates_a_person_identified_by_provider_issuer_and_subject(app, session, world, mock_a):
    operations.add_rule(world.a_admin, world.provider_a, claim="groups", value="staff", organization=world.a,
                        role="member")
    session.commit()
    sub = new_sub("dana")
    mock_a.set_user(sub, email="Dana@Alpha.example", email_verified=True, name="Dana Organizer", groups=["staff"])

    browser = Browser(app.test_client())
    response = sign_in_through(browser, world.provider_a.id, mock_a.issuer, sub)

    assert goes_to(response, "/")
    home = browser.get("/")
    assert home.status_code == 200
    assert "Dana Organizer" in page_text(home)
    assert acting_org(home) == "Alpha Action"

    dana = person(session, world.provider_a, sub)
    assert dana is not None
    assert (dana.email, dana.name, dana.password_hash) == ("dana@alpha.example", "Dana Organizer", None)
    identity = session.scalar(select(Identity).where(Identity.user_id == dana.id))
    assert (identity.provider_id, identity.issuer, identity.subject) == (world.provider_a.id, mock_a.issuer, sub)
    assert open_sessions(session, dana) == 1
    signed_in = session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.signed_in",
                                                        AuditEvent.actor_id == dana.id))
    assert signed_in is not None and signed_in.organization_id == world.a.id
    assert mock_a.issuer in signed_in.summary
    assert actions_about(session, dana)[:2] == ["user.created", "sso.identity_linked"]


def test_signing_in_again_is_the_same_person_with_a_second_session(app, session, world, mock_a):
    sub = new_sub("eli")
    mock_a.set_user(sub, email="eli@alpha.example", email_verified=True, name="Eli Again")

    sign_in_through(app.test_client(), world.provider_a.id, mock_a.issuer, sub)
    sign_in_through(app.test_client(), world.provider_a.id, mock_a.issuer, sub)

    eli = person(session, world.provider_a, sub)
    assert session.scalar(select(func.count()).select_from(User).where(User.email == "eli@alpha.example")) == 1
    assert session.scalar(select(func.count()).select_from(Identity).where(Identity.user_id == eli.id)) == 1
    assert open_sessions(session, eli) == 2
    assert actions_about(session, eli).count("auth.signed_in") == 2


def test_the_same_subject_at_another_nationals_provider_is_another_person(app, session, world, mock_a, mock_b):
    sub = new_sub("shared-sub")
    mock_a.set_user(sub, name="Fran at Alpha")
    mock_b.set_user(sub, name="Fran at Bravo")

    sign_in_through(app.test_client(), world.provider_a.id, mock_a.issuer, sub)
    sign_in_through(app.test_client(), world.provider_b.id, mock_b.issuer, sub)

    at_a, at_b = person(session, world.provider_a, sub), person(session, world.provider_b, sub)
    assert at_a.id != at_b.id
    assert (at_a.name, at_b.name) == ("Fran at Alpha", "Fran at Bravo")


# --- 2. a provider set up only from the command line -----------------------------------------

def test_a_provider_registered_only_through_the_cli_signs_people_into_the_right_organization(app, session, mock_b):
    national = create_national("Cedar Coalition")
    kansas = create_state(national, "KS", "Cedar Kansas")
    session.commit()
    runner = app.test_cli_runner()

    added = runner.invoke(args=["portal", "idp", "add", "--national", national.slug, "--issuer", mock_b.issuer,
                                "--client-id", "x", "--client-secret", "y", "--domain", "a.example"])

    assert added.exit_code == 0, added.output
    provider_id = int(re.search(r"provider (\d+) registered for Cedar Coalition", added.output).group(1))
    assert f"redirect URI: http://127.0.0.1:5000/sso/{provider_id}/callback" in added.output
    fresh(session)
    provider = session.get(IdentityProvider, provider_id)
    assert [d.domain for d in provider.domains] == ["a.example"]
    operations.add_rule(None, provider, claim="groups", value="kansas-leads", organization=kansas, role="leader")
    session.commit()

    # The sign-in page finds it by the e-mail domain, and the sign-in lands in Cedar Kansas as leader.
    browser = Browser(app.test_client())
    browser.refresh_csrf("/sign-in")
    found = browser.post("/sign-in/organization", data={"email": "kim@a.example"})
    assert goes_to(found, f"/sso/{provider_id}/start")
    sub = new_sub("kim")
    mock_b.set_user(sub, email="kim@a.example", email_verified=True, name="Kim Kansas", groups=["kansas-leads"])
    response = sign_in_through(browser, provider_id, mock_b.issuer, sub)
    assert goes_to(response, "/")
    assert acting_org(browser.get("/")) == "Cedar Kansas"
    kim = person(session, provider, sub)
    assert membership_of(session, kim, kansas).role == "leader"

    listed = runner.invoke(args=["portal", "idp", "list"])
    assert listed.exit_code == 0, listed.output
    line = next(l for l in listed.output.splitlines() if l.strip().startswith(str(provider_id)))
    for expected in (national.slug, mock_b.issuer, "client=x", "domains=a.example", "rules=1",
                     f"redirect=http://127.0.0.1:5000/sso/{provider_id}/callback"):
        assert expected in line, line

    removed = runner.invoke(args=["portal", "idp", "remove", str(provider_id)])
    assert removed.exit_code == 0, removed.output
    assert f"provider {provider_id} removed" in removed.output
    assert "no identity providers" in runner.invoke(args=["portal", "idp", "list"]).output
    assert app.test_client().get(f"/sso/{provider_id}/start").status_code == 404
    # Kim keeps the account; the role the provider's rule gave goes, recorded, and with no role
    # left anywhere Kim is signed out (as when a last membership is removed by hand).
    fresh(session)
    assert session.get(User, kim.id) is not None
    assert membership_of(session, kim, kansas) is None
    removed_role = session.scalar(select(AuditEvent).where(AuditEvent.action == "sso.role_removed"))
    assert removed_role is not None and removed_role.organization_id == kansas.id
    assert open_sessions(session, kim) == 0
    assert goes_to(browser.get("/"), "/sign-in")
    assert session.scalar(select(AuditEvent.action).where(AuditEvent.action == "sso.provider_removed")) is not None


def test_the_cli_refuses_a_slug_that_is_not_a_national(app, session, mock_a):
    national = create_national("Cedar Coalition")
    kansas = create_state(national, "KS", "Cedar Kansas")
    session.commit()
    result = app.test_cli_runner().invoke(args=["portal", "idp", "add", "--national", kansas.slug, "--issuer",
                                                mock_a.issuer, "--client-id", "x", "--client-secret", "y"])
    assert result.exit_code != 0
    assert f"no national with slug '{kansas.slug}'" in result.output


# --- 3. the sign-in page finds the provider --------------------------------------------------

def ask_for_organization_sign_in(app, email) -> tuple[Browser, object]:
    browser = Browser(app.test_client())
    browser.refresh_csrf("/sign-in")
    return browser, browser.post("/sign-in/organization", data={"email": email})


def test_an_email_whose_domain_one_provider_serves_goes_to_that_provider(app, world, mock_a):
    browser, response = ask_for_organization_sign_in(app, "Dana@ALPHA.example")

    assert goes_to(response, f"/sso/{world.provider_a.id}/start")
    target = urlsplit(response.headers["Location"])
    assert parse_qs(target.query)["login_hint"] == ["Dana@ALPHA.example"]
    start = browser.get(target.path, query_string=target.query)
    assert start.status_code == 302
    authorize = urlsplit(start.headers["Location"])
    assert f"{authorize.scheme}://{authorize.netloc}{authorize.path}" == f"{mock_a.issuer}/oauth2/authorize"
    query = parse_qs(authorize.query)
    assert query["client_id"] == ["portal-alpha"]
    assert query["login_hint"] == ["Dana@ALPHA.example"]
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] and query["state"]
    assert query["redirect_uri"] == [f"http://127.0.0.1:5000/sso/{world.provider_a.id}/callback"]


def test_when_two_nationals_providers_serve_the_same_domain_the_person_chooses_the_national(
        app, session, world, mock_b):
    operations.set_domains(world.a_admin, world.provider_a, ["alpha.example", "shared.example"])
    operations.set_domains(world.b_admin, world.provider_b, ["bravo.example", "shared.example"])
    session.commit()

    browser, response = ask_for_organization_sign_in(app, "sam@shared.example")

    assert response.status_code == 200
    text = page_text(response)
    assert "Which organization?" in text
    assert "Several organizations sign people in with shared.example addresses." in text
    assert "Alpha Action" in text and "Bravo Alliance" in text
    links = re.findall(r'href="(/sso/\d+/start[^"]*)"', response.get_data(as_text=True))
    assert sorted(urlsplit(link).path for link in links) == sorted(
        [f"/sso/{world.provider_a.id}/start", f"/sso/{world.provider_b.id}/start"])

    # Choosing Bravo signs in through Bravo's provider.
    sub = new_sub("sam")
    mock_b.set_user(sub, email="sam@shared.example", email_verified=True, name="Sam Shared")
    assert goes_to(sign_in_through(browser, world.provider_b.id, mock_b.issuer, sub), "/no-access")
    assert person(session, world.provider_b, sub).email == "sam@shared.example"


def test_an_email_domain_no_provider_serves_is_sent_back_to_password_sign_in_with_a_message(app, world):
    browser, response = ask_for_organization_sign_in(app, "someone@unknown.example")

    assert goes_to(response, "/sign-in")
    page = browser.get(response.headers["Location"])
    assert ("No organization sign-in is set up for that e-mail domain. Sign in with the e-mail and password"
            in page_text(page))


# --- 4. invitations at first sign-in ---------------------------------------------------------

def test_an_open_invitation_in_the_nationals_tree_is_redeemed_at_first_sign_in(app, session, world, mock_a):
    invitation, _token = invite(world.a_admin, world.a_kc, "lee@alpha.example", "leader")
    session.commit()
    sub = new_sub("lee")
    mock_a.set_user(sub, email="lee@alpha.example", email_verified=True, name="Lee Leader")

    browser = Browser(app.test_client())
    response = sign_in_through(browser, world.provider_a.id, mock_a.issuer, sub)

    assert goes_to(response, "/")
    assert acting_org(browser.get("/")) == "Alpha Kansas City"
    lee = person(session, world.provider_a, sub)
    membership = membership_of(session, lee, world.a_kc)
    assert (membership.role, membership.source) == ("leader", "invitation")
    invitation = session.get(Invitation, invitation.id)
    assert invitation.accepted_at is not None and invitation.accepted_by_id == lee.id
    assert "invitation.accepted" in actions_about(session, lee)


def test_an_invitation_in_another_nationals_tree_is_not_redeemed_through_this_provider(
        app, session, world, mock_a):
    at_b, _token = invite(world.b_admin, world.b_mo, "lee@alpha.example", "leader")
    session.commit()
    sub = new_sub("lee")
    mock_a.set_user(sub, email="lee@alpha.example", email_verified=True, name="Lee Leader")

    response = sign_in_through(app.test_client(), world.provider_a.id, mock_a.issuer, sub)

    assert goes_to(response, "/no-access")
    lee = person(session, world.provider_a, sub)
    assert session.scalar(select(func.count()).select_from(Membership).where(Membership.user_id == lee.id)) == 0
    at_b = session.get(Invitation, at_b.id)
    assert at_b.accepted_at is None and at_b.revoked_at is None


def test_invitations_in_both_trees_only_the_signing_nationals_is_redeemed(app, session, world, mock_a):
    at_a, _ = invite(world.a_admin, world.a_mo, "lee@alpha.example", "member")
    at_b, _ = invite(world.b_admin, world.b_mo, "lee@alpha.example", "leader")
    session.commit()
    sub = new_sub("lee")
    mock_a.set_user(sub, email="lee@alpha.example", email_verified=True, name="Lee Leader")

    sign_in_through(app.test_client(), world.provider_a.id, mock_a.issuer, sub)

    lee = person(session, world.provider_a, sub)
    assert membership_of(session, lee, world.a_mo).role == "member"
    assert membership_of(session, lee, world.b_mo) is None
    assert session.get(Invitation, at_a.id).accepted_at is not None
    assert session.get(Invitation, at_b.id).accepted_at is None


# --- 5. mapping rules, re-synced at every sign-in --------------------------------------------

@pytest.fixture
def rae(world, mock_a):
    """Rae, in group "x" at national A's provider."""
    sub = new_sub("rae")
    claims = dict(email="rae@alpha.example", email_verified=True, name="Rae Rules")
    mock_a.set_user(sub, groups=["x", "volunteers"], **claims)
    return SimpleNamespace(sub=sub, claims=claims)


def test_a_mapping_rule_gives_its_role_at_sign_in(app, session, world, mock_a, rae):
    operations.add_rule(world.a_admin, world.provider_a, claim="groups", value="x", organization=world.a_mo,
                        role="leader")
    session.commit()

    browser = Browser(app.test_client())
    assert goes_to(sign_in_through(browser, world.provider_a.id, mock_a.issuer, rae.sub), "/")

    assert acting_org(browser.get("/")) == "Alpha Missouri"
    user = person(session, world.provider_a, rae.sub)
    membership = membership_of(session, user, world.a_mo)
    assert (membership.role, membership.source, membership.provider_id) == ("leader", "sso", world.provider_a.id)
    assert "sso.role_granted" in actions_about(session, user)


def test_a_mapped_role_goes_when_the_claim_no_longer_matches_and_a_hand_granted_role_stays(
        app, session, world, mock_a, rae):
    operations.add_rule(world.a_admin, world.provider_a, claim="groups", value="x", organization=world.a_mo,
                        role="leader")
    session.commit()
    sign_in_through(app.test_client(), world.provider_a.id, mock_a.issuer, rae.sub)
    user = person(session, world.provider_a, rae.sub)
    mapped_id = membership_of(session, user, world.a_mo).id
    grant(user, world.a_kc, "member")  # by hand, at another organization
    session.commit()

    mock_a.set_user(rae.sub, groups=["volunteers"], **rae.claims)  # dropped from group x at the provider
    browser = Browser(app.test_client())
    assert goes_to(sign_in_through(browser, world.provider_a.id, mock_a.issuer, rae.sub), "/")

    fresh(session)
    assert membership_of(session, user, world.a_mo) is None
    assert membership_of(session, user, world.a_kc).role == "member"
    removed = session.scalar(select(AuditEvent).where(AuditEvent.action == "sso.role_removed"))
    assert removed.subject_id == mapped_id and removed.before == {"role": "leader"}
    assert removed.organization_id == world.a_mo.id
    assert acting_org(browser.get("/")) == "Alpha Kansas City"


def test_a_rule_changed_to_a_higher_role_raises_the_mapped_role_at_next_sign_in(app, session, world, mock_a, rae):
    rule = operations.add_rule(world.a_admin, world.provider_a, claim="groups", value="x",
                               organization=world.a_mo, role="leader")
    session.commit()
    sign_in_through(app.test_client(), world.provider_a.id, mock_a.issuer, rae.sub)
    user = person(session, world.provider_a, rae.sub)
    before = membership_of(session, user, world.a_mo)
    assert before.role == "leader"

    provider = session.get(IdentityProvider, world.provider_a.id)
    operations.remove_rule(world.a_admin, session.merge(rule))
    operations.add_rule(world.a_admin, provider, claim="groups", value="x", organization=world.a_mo,
                        role="approver")
    session.commit()
    sign_in_through(app.test_client(), world.provider_a.id, mock_a.issuer, rae.sub)

    fresh(session)
    after = membership_of(session, user, world.a_mo)
    assert after.id == before.id and after.role == "approver" and after.source == "sso"
    changed = session.scalar(select(AuditEvent).where(AuditEvent.action == "sso.role_changed"))
    assert (changed.before, changed.after) == ({"role": "leader"}, {"role": "approver"})


# --- 6. no access yet: asking for it ---------------------------------------------------------

def test_a_person_without_a_role_asks_for_access_in_their_nationals_tree_and_an_admin_approves(
        app, session, world, mock_a):
    sub = new_sub("nia")
    mock_a.set_user(sub, email="nia@alpha.example", email_verified=True, name="Nia Newcomer")
    nia_browser, response = signed_in_browser(app, world.provider_a, mock_a, sub)
    assert goes_to(response, "/no-access")

    page = nia_browser.get("/no-access")
    assert page.status_code == 200
    assert "You are signed in as Nia Newcomer" in page_text(page)
    offered = {int(v) for v in OPTION_VALUE.findall(page.get_data(as_text=True))}
    assert offered == {world.a.id, world.a_mo.id, world.a_kc.id}  # national A's tree only

    # An organization of national B, posted by hand, is refused.
    refused = nia_browser.post("/no-access", data={"organization_id": world.b_mo.id, "message": "let me in"})
    assert refused.status_code == 422
    assert "You can ask for access only within the organization you signed in through." in page_text(refused)
    assert session.scalar(select(func.count()).select_from(AccessRequest)) == 0

    asked = nia_browser.post("/no-access", data={"organization_id": world.a_mo.id,
                                                 "message": "I run the St. Louis canvass."})
    assert goes_to(asked, "/no-access")
    assert "Waiting for an answer from: Alpha Missouri" in page_text(nia_browser.get("/no-access"))
    fresh(session)
    request_row = session.scalar(select(AccessRequest))
    nia = person(session, world.provider_a, sub)
    assert (request_row.user_id, request_row.organization_id, request_row.status) == (nia.id, world.a_mo.id,
                                                                                      "pending")

    # Bravo's admin does not even see the page; Alpha's admin sees the request and approves.
    assert password_browser(app, world.b_admin).get(f"/orgs/{world.a_mo.id}/access-requests").status_code == 404
    admin = password_browser(app, world.a_admin)
    listing = admin.get(f"/orgs/{world.a_mo.id}/access-requests")
    assert listing.status_code == 200
    assert "Nia Newcomer" in page_text(listing) and "I run the St. Louis canvass." in page_text(listing)
    approved = admin.post(f"/access-requests/{request_row.id}/decide", data={"decision": "approve",
                                                                             "role": "member"})
    assert goes_to(approved, f"/orgs/{world.a_mo.id}/access-requests")

    fresh(session)
    membership = membership_of(session, nia, world.a_mo)
    assert membership.role == "member" and membership.granted_by_id == world.a_admin.id
    assert session.get(AccessRequest, request_row.id).status == "approved"
    assert acting_org(nia_browser.get("/")) == "Alpha Missouri"

    again = admin.post(f"/access-requests/{request_row.id}/decide", data={"decision": "decline"})
    assert again.status_code == 409
    assert "Ada Admin already approved this request." in page_text(again)


# --- 7. signing out ---------------------------------------------------------------------------

@pytest.fixture
def signed_in_member(app, session, world, mock_a):
    """Mo, a member of Alpha Missouri by hand, signed in through Alpha's provider."""
    sub = new_sub("mo")
    mock_a.set_user(sub, email="mo@alpha.example", email_verified=True, name="Mo Member")
    browser, _ = signed_in_browser(app, world.provider_a, mock_a, sub)
    user = person(session, world.provider_a, sub)
    membership = grant(user, world.a_mo, "member")
    session.commit()
    assert browser.get("/").status_code == 200
    return SimpleNamespace(browser=browser, user=user, sub=sub, membership=membership)


def test_signing_out_ends_the_server_session_and_the_session_at_the_provider(app, session, world, mock_a,
                                                                              signed_in_member):
    browser = signed_in_member.browser
    copied = browser.client.get_cookie("session").value
    row = session.scalar(select(UserSession).where(UserSession.user_id == signed_in_member.user.id))

    response = browser.post("/sign-out")

    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(mock_a.issuer + "/oauth2/end_session")
    query = parse_qs(urlsplit(location).query)
    assert urlsplit(query["post_logout_redirect_uri"][0]).path == "/sign-in"
    assert query["client_id"] == ["portal-alpha"] and query["id_token_hint"]
    assert requests.get(location, timeout=10).status_code == 200  # the provider's own sign-out page

    fresh(session)
    assert session.get(UserSession, row.id).revoked_at is not None
    assert goes_to(browser.get("/"), "/sign-in")
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert goes_to(thief.get("/"), "/sign-in")
    assert goes_to(thief.get("/account"), "/sign-in")


def test_sign_out_everywhere_ends_the_session_of_another_browser(app, session, world, mock_a, signed_in_member):
    phone = Browser(app.test_client())
    sign_in_through(phone, world.provider_a.id, mock_a.issuer, signed_in_member.sub)
    assert phone.get("/").status_code == 200
    assert open_sessions(session, signed_in_member.user) == 2

    response = signed_in_member.browser.post("/account/sessions/end-all")

    assert goes_to(response, "/sign-in")
    assert goes_to(phone.get("/"), "/sign-in")
    assert open_sessions(session, signed_in_member.user) == 0


def test_disabling_a_person_ends_their_sessions_at_once_and_refuses_their_next_sign_in(
        app, session, world, mock_a, signed_in_member):
    admin = password_browser(app, world.site_admin)

    response = admin.post(f"/admin/users/{signed_in_member.user.id}/disable")

    assert goes_to(response, "/admin/")
    assert goes_to(signed_in_member.browser.get("/"), "/sign-in")
    assert open_sessions(session, signed_in_member.user) == 0
    again = sign_in_through(app.test_client(), world.provider_a.id, mock_a.issuer, signed_in_member.sub)
    assert again.status_code == 403
    assert "the account is disabled" in page_text(again)
    assert open_sessions(session, signed_in_member.user) == 0


def test_removing_a_persons_last_membership_ends_their_sessions(app, session, world, signed_in_member):
    admin = password_browser(app, world.a_admin)

    response = admin.post(f"/memberships/{signed_in_member.membership.id}/remove")

    assert goes_to(response, f"/orgs/{world.a_mo.id}/members")
    assert goes_to(signed_in_member.browser.get("/"), "/sign-in")
    assert open_sessions(session, signed_in_member.user) == 0
