"""Signing in with one's organization account, end to end in a real browser:
the portal's sign-in page, the PROVIDER's own login page (a real OpenID
Connect provider process), and back in the portal acting for the
organization a mapping rule gives."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.auth.models import Identity, UserSession
from portal.members.models import Membership
from portal.sso import operations
from portal.sso.discovery import clear_caches
from tests.factories import create_national, create_state, create_user, grant
from tests.sso.conftest import new_sub, run_providers

pytestmark = pytest.mark.browser

EMAIL = "riley@alpha.example"
NAME = "Riley Organizer"


@pytest.fixture(scope="module")
def provider_process(tmp_path_factory):
    """One real provider process for this module (the SSO tests' pair lives in tests/sso)."""
    yield from run_providers(("browser",), tmp_path_factory.mktemp("oidc-browser"))


@pytest.fixture
def alpha(app, session, live_server, provider_process):
    """National A with a provider at the mock and a rule: groups contains
    "mo-leads" -> leader of Alpha Missouri. BASE_URL is the live server, so the
    redirect URI the provider sends the browser back to is this server's."""
    clear_caches()
    app.config["BASE_URL"] = live_server  # before registering: the redirect URI is built from it
    mock = provider_process["browser"]
    national = create_national("Alpha Action")
    missouri = create_state(national, "MO", "Alpha Missouri")
    admin = create_user("ada@alpha.example", "Ada Admin")
    grant(admin, national, "admin")
    provider = operations.register_provider(admin, national, name="Alpha Workspace", issuer=mock.issuer,
                                            client_id="portal-alpha", client_secret="alpha-secret",
                                            domains=["alpha.example"])
    operations.add_rule(admin, provider, claim="groups", value="mo-leads", organization=missouri, role="leader")
    session.commit()  # the server threads read through their own sessions
    yield {"mock": mock, "provider_id": provider.id, "missouri_id": missouri.id}
    clear_caches()


def test_a_person_signs_in_through_their_organizations_provider_and_acts_for_the_mapped_org(
        page, live_server, session, alpha, screenshots_dir):
    mock = alpha["mock"]
    sub = new_sub("riley")
    mock.set_user(sub, email=EMAIL, email_verified=True, name=NAME, groups=["mo-leads"])
    # The provider's page pulls a stylesheet from a CDN; there is no Internet here.
    page.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())

    page.goto(f"{live_server}/sign-in")
    page.get_by_label("Your organization e-mail").fill(EMAIL)
    page.get_by_role("button", name="Continue with your organization").click()

    # The provider's own login page, at the provider's address.
    page.wait_for_url(re.compile(re.escape(mock.issuer) + r"/oauth2/authorize\?"))
    expect(page.get_by_role("heading", name="Authorize Client")).to_be_visible()
    expect(page.locator("body")).to_contain_text(f"/sso/{alpha['provider_id']}/callback")
    page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize").click()

    # Back in the portal, signed in, acting for the organization the rule maps to.
    page.wait_for_url(f"{live_server}/")
    expect(page.get_by_test_id("whoami")).to_have_text(NAME)
    expect(page.get_by_test_id("acting-org")).to_have_text("Alpha Missouri")
    page.screenshot(path=str(screenshots_dir / "sso-sign-in.png"), full_page=True)

    session.expire_all()
    identity = session.scalar(select(Identity).where(Identity.subject == sub))
    assert identity is not None and identity.issuer == mock.issuer
    membership = session.scalar(select(Membership).where(Membership.user_id == identity.user_id))
    assert (membership.organization_id, membership.role, membership.source) == (alpha["missouri_id"], "leader",
                                                                                "sso")
    assert session.scalar(select(UserSession).where(UserSession.user_id == identity.user_id)) is not None
