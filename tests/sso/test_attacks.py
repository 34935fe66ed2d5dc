"""Single sign-on, the negative suite: attacks on the OpenID Connect sign-in,
driven end to end against a real (forging) provider served over HTTP. Each
must be refused: 403 "Sign-in refused" with the reason shown, an
auth.sso_refused audit row, no new user_sessions row, and the browser not
signed in. The non-token attacks (unverified e-mail, subject collision,
cross-national rules, e-mail takeover) assert that the attacker's goal fails.

Every attack is tallied in ATTACK_RESULTS; the last test (and the terminal
summary) reports "SSO attacks: N attempted, 0 accepted"."""
from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import requests
from sqlalchemy import func, select

from portal.audit.models import AuditEvent
from portal.auth.models import Identity, User, UserSession
from portal.db import db, utcnow
from portal.errors import InvalidInput
from portal.members.models import Invitation, Membership
from portal.members.operations import invite
from portal.sso import flow
from portal.sso.discovery import clear_caches
from portal.sso.models import IdentityProvider, MappingRule
from portal.sso.operations import add_rule, register_provider
from tests.conftest import Browser
from tests.factories import create_national, create_state, create_user, grant
from tests.sso.forging_provider import CLIENT_ID, DELETE, ec_key, rsa_key, serving

PORTAL_ORIGIN = "http://127.0.0.1:5000"   # BASE_URL: where the provider sends the browser back
EVIL = "http://evil.example"

# attack id -> "refused", "refused, but: <flaw>" (wrong reason or no audit row) or "ACCEPTED: <what got through>"
ATTACK_RESULTS: dict[str, str] = {}


def summary_line() -> str:
    accepted = sorted(name for name, outcome in ATTACK_RESULTS.items() if outcome.startswith("ACCEPTED"))
    flawed = sorted(name for name, outcome in ATTACK_RESULTS.items() if outcome.startswith("refused, but"))
    line = f"SSO attacks: {len(ATTACK_RESULTS)} attempted, {len(accepted)} accepted"
    if accepted:
        line += f" ({', '.join(accepted)})"
    if flawed:
        line += f"; {len(flawed)} refused without the right reason or audit row ({', '.join(flawed)})"
    return line


class tally:
    """Records one attack's outcome. The block failing means the attacker got
    through, unless `refused` was set first (then only the reporting was wrong)."""

    def __init__(self, attack: str):
        self.attack = attack
        self.refused = False

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, _tb):
        if exc_type is None:
            outcome = "refused"
        else:
            outcome = f"{'refused, but' if self.refused else 'ACCEPTED'}: {exc}"[:300]
        ATTACK_RESULTS[self.attack] = outcome
        return False


# --- fixtures ---------------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def fresh_provider_caches(app):
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def fake():
    with serving("a") as provider:
        yield provider


@pytest.fixture
def fake_b():
    with serving("b") as provider:
        provider.profile = {"sub": "b-subject-1", "email": "bo@beta.example", "email_verified": True,
                            "name": "Bo Beta"}
        yield provider


@pytest.fixture
def alpha(session):
    national = create_national("Alpha Network")
    session.commit()
    return national


@pytest.fixture
def beta(session):
    national = create_national("Beta Alliance")
    session.commit()
    return national


def register(session, national, fake, domains=("alpha.example",)) -> int:
    provider = register_provider(None, national, name=f"{national.name} sign-in", issuer=fake.issuer,
                                 client_id=fake.client_id, client_secret=fake.client_secret, domains=list(domains))
    session.commit()
    return provider.id


@pytest.fixture
def pid(session, alpha, fake) -> int:
    return register(session, alpha, fake)


# --- driving the flow -------------------------------------------------------------------------

def start(client, provider_id: int) -> str:
    """The portal's redirect to the provider's authorization endpoint."""
    response = client.get(f"/sso/{provider_id}/start")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


def authorize(location: str) -> str:
    """The browser at the provider: returns the portal path and query it is sent back to."""
    response = requests.get(location, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:300]
    back = urlsplit(response.headers["Location"])
    assert f"{back.scheme}://{back.netloc}" == PORTAL_ORIGIN
    return f"{back.path}?{back.query}"


def callback_for(client, provider_id: int) -> str:
    return authorize(start(client, provider_id))


def with_params(path_and_query: str, **changes) -> str:
    path, _, query = path_and_query.partition("?")
    params = dict(parse_qsl(query))
    for name, value in changes.items():
        if value is DELETE:
            params.pop(name, None)
        else:
            params[name] = value
    return f"{path}?{urlencode(params)}"


def with_path(path_and_query: str, path: str) -> str:
    return f"{path}?{path_and_query.partition('?')[2]}"


def is_signed_in(client) -> bool:
    response = client.get("/")
    if response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/sign-in":
        return False
    assert response.status_code == 200, response.status_code
    return True


# --- what the database says (a fresh connection: the request ran in its own thread) -------------

@dataclass(frozen=True)
class Counts:
    user_sessions: int
    refused: int
    users: int
    identities: int


def counts() -> Counts:
    with db.engine.connect() as conn:
        def count(model, *where):
            return conn.scalar(select(func.count()).select_from(model).where(*where))
        return Counts(user_sessions=count(UserSession), refused=count(AuditEvent, AuditEvent.action == "auth.sso_refused"),
                      users=count(User), identities=count(Identity))


def audit_rows(action: str) -> list[AuditEvent]:
    with db.engine.connect() as conn:
        return list(conn.execute(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


REASON = re.compile(r'data-testid="refusal-reason">\s*Reason:\s*(.*?)\s*</small>', re.S)


def assert_refused(client, response, before: Counts, *, attack: str, reason: str) -> str:
    """The callback (or start) refused the sign-in, said why, audited it and kept
    nothing: no session row, no person, no identity, and the browser is not
    signed in. `reason` is a part of the reason the page must give."""
    with tally(attack) as outcome:
        after = counts()
        assert response.status_code == 403, f"{attack}: answered {response.status_code}, not 403"
        assert after.user_sessions == before.user_sessions, "a session row was created"
        assert (after.users, after.identities) == (before.users, before.identities), "a person or identity was kept"
        assert not is_signed_in(client), "the browser is signed in"
        outcome.refused = True
        body = response.get_data(as_text=True)
        assert "Sign-in refused" in body
        shown = REASON.search(body)
        assert shown, "no refusal reason on the page"
        shown_reason = html.unescape(shown.group(1))
        assert reason in shown_reason, f"{attack}: refused for another reason: {shown_reason!r}"
        assert after.refused == before.refused + 1, "no auth.sso_refused audit row"
        assert audit_rows("auth.sso_refused")[-1].after["reason"] == shown_reason
    return shown_reason


# --- controls: the honest flow works, so refusals below are the portal's doing -----------------

@pytest.mark.parametrize("sign", ["RS256", "ES256"])
def test_control_honest_sign_in_is_accepted(client, fake, pid, sign):
    fake.forge(sign=sign)
    before = counts()
    response = client.get(callback_for(client, pid))
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    assert urlsplit(response.headers["Location"]).path == "/no-access"   # new person, no role yet
    assert counts().user_sessions == before.user_sessions + 1
    assert is_signed_in(client)
    assert [e.status for e in fake.exchanges] == [200]


def test_control_token_without_kid_is_accepted(client, fake, pid):
    """A kid is optional when it is unambiguous (OpenID Connect Core 10.1): the
    token is checked against each of the provider's keys."""
    fake.forge(header={"kid": DELETE})
    response = client.get(callback_for(client, pid))
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    assert is_signed_in(client)


def test_control_fake_token_endpoint_enforces_pkce_and_single_use(fake, pid, client):
    """The forging provider is a real provider: without the verifier, or a second
    time, the code is refused (what the code replay and injection attacks rely on)."""
    location = start(client, pid)
    code = dict(parse_qsl(authorize(location).partition("?")[2]))["code"]
    redirect_uri = dict(parse_qsl(urlsplit(location).query))["redirect_uri"]
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    no_verifier = requests.post(f"{fake.issuer}/token", data=form, auth=(CLIENT_ID, fake.client_secret), timeout=10)
    assert (no_verifier.status_code, no_verifier.json()) == (400, {"error": "invalid_grant"})
    again = requests.post(f"{fake.issuer}/token", data={**form, "code_verifier": "x" * 50},
                          auth=(CLIENT_ID, fake.client_secret), timeout=10)
    assert again.status_code == 400
    wrong_secret = requests.post(f"{fake.issuer}/token", data=form, auth=(CLIENT_ID, "nope"), timeout=10)
    assert wrong_secret.status_code == 401


# --- forged ID tokens (and token responses) -----------------------------------------------------

def now() -> int:
    return int(time.time())


def rogue_ec_public(_fake):
    return ec_key("rogue", "a-ec-1").as_dict(private=False)


# id, forge(...) arguments (callables get the fake), part of the reason the portal must give
TOKEN_FORGERIES = [
    ("wrong-nonce", {"claims": {"nonce": "attacker-chosen-nonce"}}, "nonce does not match"),
    ("missing-nonce", {"claims": {"nonce": DELETE}}, "nonce does not match"),
    ("wrong-iss", {"claims": {"iss": EVIL}}, "issuer does not match"),
    ("iss-with-trailing-slash", {"claims": {"iss": lambda f: f.issuer + "/"}}, "issuer does not match"),
    ("wrong-aud", {"claims": {"aud": "other-client"}}, "audience does not include"),
    ("foreign-aud-with-our-azp", {"claims": {"aud": ["other-client"], "azp": CLIENT_ID}}, "audience does not include"),
    ("several-aud-azp-missing", {"claims": {"aud": [CLIENT_ID, "other-client"]}}, "several audiences"),
    ("several-aud-azp-wrong", {"claims": {"aud": [CLIENT_ID, "other-client"], "azp": "other-client"}},
     "several audiences"),
    ("single-aud-azp-wrong", {"claims": {"azp": "other-client"}}, "azp is not our client id"),
    ("expired", {"claims": {"iat": lambda f: now() - 900, "exp": lambda f: now() - 120}}, "expired"),
    ("exp-missing", {"claims": {"exp": DELETE}}, "expired"),
    ("exp-not-a-number", {"claims": {"exp": "99999999999"}}, "expired"),
    ("iat-in-the-future", {"claims": {"iat": lambda f: now() + 600, "exp": lambda f: now() + 1200}},
     "issued in the future"),
    ("sub-missing", {"claims": {"sub": DELETE}}, "no usable subject"),
    ("sub-empty", {"claims": {"sub": ""}}, "no usable subject"),
    ("alg-none", {"sign": "none"}, "algorithm 'none' is not allowed"),
    ("alg-none-uppercase", {"sign": "none", "header": {"alg": "NONE"}}, "is not allowed"),
    ("hs256-keyed-with-provider-public-key", {"sign": "HS256-public-key"}, "algorithm 'HS256' is not allowed"),
    ("unknown-kid", {"header": {"kid": "no-such-key"}}, "unknown key"),
    ("key-not-in-jwks-same-kid", {"sign": lambda f: rsa_key("rogue", f.rsa.kid)}, "signature invalid"),
    ("key-not-in-jwks-no-kid", {"sign": lambda f: rsa_key("rogue", f.rsa.kid), "header": {"kid": DELETE}},
     "signature invalid"),
    ("embedded-jwk-header", {"sign": lambda f: ec_key("rogue", f.ec.kid),
                             "header": {"jwk": rogue_ec_public}}, "signature invalid"),
    ("jku-header-to-attacker-keys", {"sign": lambda f: rsa_key("rogue", "attacker-key"),
                                     "header": {"jku": EVIL + "/jwks"}}, "unknown key"),
    ("es256-header-with-rsa-kid", {"sign": "ES256", "header": {"kid": lambda f: f.rsa.kid}}, "signature invalid"),
    ("payload-tampered-after-signing", {"tamper": {"email": "boss@alpha.example", "sub": "boss"}},
     "signature invalid"),
    ("signature-stripped", {"strip_signature": True}, "signature invalid"),
    ("token-response-without-id-token", {"response": {"id_token": DELETE}}, "ID token missing"),
    ("id-token-not-a-jwt", {"response": {"id_token": "not-a-jwt"}}, "ID token missing or malformed"),
]


def _resolve(value, fake):
    if isinstance(value, dict):
        return {k: _resolve(v, fake) for k, v in value.items()}
    return value(fake) if callable(value) else value


@pytest.mark.parametrize("forgery, reason", [pytest.param(f, r, id=i) for i, f, r in TOKEN_FORGERIES])
def test_forged_id_token_is_refused(request, client, fake, pid, forgery, reason):
    fake.forge(**_resolve(forgery, fake))
    callback = callback_for(client, pid)
    before = counts()
    response = client.get(callback)
    assert_refused(client, response, before, attack=f"token:{request.node.callspec.id}", reason=reason)
    assert [e.status for e in fake.exchanges] == [200]   # the provider did answer: the portal refused



# --- the authorization response and the flow around it -----------------------------------------

CALLBACK_FORGERIES = [
    ("missing-state", {"state": DELETE}, "callback without state"),
    ("unknown-state", {"state": "attacker-chosen-state"}, "unknown or already used state"),
    ("rfc9207-iss-of-another-issuer", {"iss": EVIL}, "names another issuer"),
    ("provider-error-access-denied", {"code": DELETE, "error": "access_denied",
                                      "error_description": "The user said no"}, "did not sign you in"),
    ("callback-without-code", {"code": DELETE}, "callback without code"),
]


@pytest.mark.parametrize("params, reason", [pytest.param(p, r, id=i) for i, p, r in CALLBACK_FORGERIES])
def test_forged_authorization_response_is_refused(request, client, fake, pid, params, reason):
    fake.forge_authorization_response(**params)
    callback = callback_for(client, pid)
    before = counts()
    response = client.get(callback)
    assert_refused(client, response, before, attack=f"callback:{request.node.callspec.id}", reason=reason)
    assert fake.exchanges == []   # refused before any code was exchanged


def sign_in_and_out(client, pid) -> str:
    """A good sign-in, then sign-out; returns the callback URL that was used."""
    callback = callback_for(client, pid)
    assert client.get(callback).status_code == 302
    assert is_signed_in(client)
    browser = Browser(client)
    browser.refresh_csrf("/no-access")
    assert browser.post("/sign-out").status_code == 302
    assert not is_signed_in(client)
    return callback


def test_replayed_state_after_sign_out_is_refused(client, fake, pid):
    callback = sign_in_and_out(client, pid)
    before = counts()
    response = client.get(callback)
    assert_refused(client, response, before, attack="flow:replayed-state", reason="unknown or already used state")
    assert len(fake.exchanges) == 1   # the replay never reached the provider


def test_state_is_single_use_even_after_a_refused_callback(client, fake, pid):
    """Guessing codes under one state: the first (wrong) code is refused, and the
    state cannot be used again, not even with the genuine code."""
    callback = callback_for(client, pid)
    before = counts()
    guessed = client.get(with_params(callback, code="guessed-code"))
    assert_refused(client, guessed, before, attack="flow:guessed-code", reason="refused the sign-in code")
    before = counts()
    response = client.get(callback)
    assert_refused(client, response, before, attack="flow:state-reused-after-refusal",
                   reason="unknown or already used state")
    assert [(e.status, e.error) for e in fake.exchanges] == [(400, "invalid_grant")]


def test_callback_url_stolen_into_another_browser_is_refused(app, client, fake, pid):
    """Login CSRF / session swap: the victim's callback opened in the attacker's
    browser (which never started that sign-in)."""
    callback = callback_for(client, pid)
    attacker = app.test_client()
    before = counts()
    response = attacker.get(callback)
    assert_refused(attacker, response, before, attack="flow:callback-in-another-browser",
                   reason="unknown or already used state")
    assert fake.exchanges == []


def test_authorization_code_replay_is_refused(app, client, fake, pid):
    """The session cookie copied before the callback, replayed after a good sign-in:
    the state is still in the copied cookie, but the provider refuses the code twice."""
    location = start(client, pid)
    copied_cookie = client.get_cookie("session").value
    callback = authorize(location)
    assert client.get(callback).status_code == 302
    replayer = app.test_client()
    replayer.set_cookie("session", copied_cookie)
    before = counts()
    response = replayer.get(callback)
    assert_refused(replayer, response, before, attack="flow:authorization-code-replay",
                   reason="refused the sign-in code")
    assert [(e.status, e.error) for e in fake.exchanges] == [(200, None), (400, "invalid_grant")]


def test_code_injection_fails_pkce_and_is_refused(app, client, fake, pid):
    """The attacker's authorization code (issued for the attacker's PKCE challenge)
    injected into the victim's callback with the victim's state: the victim's
    verifier does not match, so the provider refuses the exchange."""
    attacker = app.test_client()
    attacker_code = dict(parse_qsl(callback_for(attacker, pid).partition("?")[2]))["code"]
    victim_callback = callback_for(client, pid)
    injected = with_params(victim_callback, code=attacker_code)
    before = counts()
    response = client.get(injected)
    assert_refused(client, response, before, attack="flow:code-injection-pkce-mismatch",
                   reason="refused the sign-in code")
    assert [(e.status, e.error) for e in fake.exchanges] == [(400, "invalid_grant")]


def test_response_delivered_at_another_providers_callback_is_refused(session, client, fake, fake_b, pid, beta):
    """Mix-up: provider A's code and state delivered to provider B's callback."""
    pid_b = register(session, beta, fake_b, domains=("beta.example",))
    callback_a = callback_for(client, pid)
    before = counts()
    response = client.get(with_path(callback_a, f"/sso/{pid_b}/callback"))
    assert_refused(client, response, before, attack="flow:mix-up-other-providers-callback",
                   reason="another provider's callback")
    assert fake.exchanges == [] and fake_b.exchanges == []


@pytest.mark.parametrize("when", ["at-start", "at-callback"])
def test_discovery_issuer_mismatch_is_refused(client, fake, pid, when):
    if when == "at-start":
        fake.discovery_issuer = EVIL
        before = counts()
        response = client.get(f"/sso/{pid}/start")
    else:
        callback = callback_for(client, pid)
        clear_caches()                  # the discovery document is fetched again at the callback
        fake.discovery_issuer = EVIL
        before = counts()
        response = client.get(callback)
    assert_refused(client, response, before, attack=f"flow:discovery-issuer-mismatch-{when}",
                   reason="discovery document names another issuer")
    assert fake.exchanges == []


def test_stale_sign_in_attempt_is_refused(client, fake, pid, monkeypatch):
    callback = callback_for(client, pid)
    monkeypatch.setattr(flow, "PENDING_TTL_SECONDS", -1)   # as if the response came back after ten minutes
    before = counts()
    response = client.get(callback)
    assert_refused(client, response, before, attack="flow:stale-attempt", reason="longer than ten minutes")


def test_provider_disabled_mid_sign_in_is_refused(session, client, fake, pid):
    callback = callback_for(client, pid)
    session.get(IdentityProvider, pid).disabled_at = utcnow()
    session.commit()
    before = counts()
    response = client.get(callback)
    assert_refused(client, response, before, attack="flow:provider-disabled-mid-sign-in",
                   reason="provider removed or disabled")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example",
                                    "/\t/evil.example"], ids=["absolute", "scheme-relative", "backslash", "tab"])
def test_next_cannot_send_a_signed_in_person_off_site(session, client, fake, pid, alpha, target):
    """An attacker's sign-in link with ?next= pointing elsewhere: after a good
    sign-in (with a role, so `next` is honoured) the person stays on the portal."""
    add_rule(None, session.get(IdentityProvider, pid), claim="groups", value="staff", organization=alpha,
             role="member")
    session.commit()
    fake.profile["groups"] = ["staff"]
    with tally(f"flow:open-redirect-via-next[{target!r}]"):
        location = client.get(f"/sso/{pid}/start", query_string={"next": target}).headers["Location"]
        response = client.get(authorize(location))
        assert response.status_code == 302
        landing = urlsplit(response.headers["Location"])
        assert (landing.scheme, landing.netloc, landing.path) == ("", "", "/"), response.headers["Location"]


# --- what a verified sign-in may and may not do -----------------------------------------------

def test_existing_password_accounts_email_is_not_silently_linked(session, client, fake, pid):
    owner = create_user("alice@alpha.example", "Alice Owner")
    session.commit()
    fake.profile.update(email="Alice@Alpha.example", email_verified=True)
    callback = callback_for(client, pid)
    before = counts()
    response = client.get(callback)
    assert_refused(client, response, before, attack="account:verified-email-of-password-account",
                   reason="sign in with it and link")
    with db.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Identity).where(Identity.user_id == owner.id)) == 0


@pytest.mark.parametrize("verified", [pytest.param(False, id="false"), pytest.param("true", id="string-true"),
                                      pytest.param(DELETE, id="absent")])
def test_unverified_email_does_not_redeem_an_invitation(session, client, fake, pid, alpha, verified):
    admin = create_user("admin@alpha.example", "Alpha Admin")
    grant(admin, alpha, "admin")
    state = create_state(alpha, "MO")
    invitation, _token = invite(admin, state, "pat@alpha.example", "admin")
    session.commit()
    fake.profile = {"sub": "pat-at-provider", "email": "pat@alpha.example", "name": "Pat"}
    if verified is not DELETE:
        fake.profile["email_verified"] = verified
    before = counts()
    with tally(f"account:unverified-email-redeems-invitation[{'absent' if verified is DELETE else verified}]"):
        response = client.get(callback_for(client, pid))
        assert response.status_code == 302   # the person may sign in...
        assert urlsplit(response.headers["Location"]).path == "/no-access"
        session.expire_all()
        assert session.get(Invitation, invitation.id).accepted_at is None   # ...but the invitation stays open
        person = session.scalar(select(Identity).where(Identity.subject == "pat-at-provider")).user
        assert person.email is None   # an unverified address is not the person's
        assert session.scalar(select(func.count()).select_from(Membership).where(
            Membership.user_id == person.id)) == 0
        assert session.scalar(select(func.count()).select_from(Membership).where(
            Membership.organization_id == state.id)) == 0
        not_redeemed = audit_rows("sso.invitation_not_redeemed")
        assert [row.after for row in not_redeemed] == [{"email": "pat@alpha.example"}]
        assert counts().users == before.users + 1


@pytest.mark.parametrize("same_issuer", [pytest.param(False, id="two-issuers"),
                                         pytest.param(True, id="same-issuer-registered-by-another-national")])
def test_same_subject_from_another_provider_is_another_person(session, app, client, fake, fake_b, pid, alpha,
                                                               beta, same_issuer):
    """Provider B (run by another national) asserts the subject of a person of
    provider A: it gets a new, unrelated person, never A's person."""
    victim_fake, attacker_fake = fake, (fake if same_issuer else fake_b)
    pid_b = register(session, beta, attacker_fake, domains=("beta.example",))
    victim_fake.profile = {"sub": "shared-subject-42", "email": "vic@alpha.example", "email_verified": True,
                           "name": "Victim"}
    assert client.get(callback_for(client, pid)).status_code == 302
    victim = session.scalar(select(Identity).where(Identity.provider_id == pid)).user
    grant(victim, alpha, "admin")
    session.commit()

    attacker = app.test_client()
    attacker_fake.profile = {"sub": "shared-subject-42", "name": "Mallory"}
    with tally(f"account:subject-collision[{'same-issuer' if same_issuer else 'two-issuers'}]"):
        response = attacker.get(callback_for(attacker, pid_b))
        assert response.status_code == 302
        assert urlsplit(response.headers["Location"]).path == "/no-access"   # nobody with a role
        session.expire_all()
        identities = session.scalars(select(Identity).where(Identity.subject == "shared-subject-42")
                                     .order_by(Identity.id)).all()
        assert [(i.provider_id, i.user_id == victim.id) for i in identities] == [(pid, True), (pid_b, False)]
        assert identities[1].user.memberships == []


def test_provider_cannot_map_roles_into_another_nationals_tree(session, client, fake, fake_b, alpha, beta):
    """National B's provider: a rule targeting national A's organization is refused
    when saved, and one smuggled into the database grants nothing at sign-in."""
    pid_b = register(session, beta, fake_b, domains=("beta.example",))
    provider_b = session.get(IdentityProvider, pid_b)
    alpha_state = create_state(alpha, "MO")
    session.commit()
    with tally("rules:add-rule-into-another-national"):
        for target in (alpha, alpha_state):
            with pytest.raises(InvalidInput):
                add_rule(None, provider_b, claim="groups", value="staff", organization=target, role="admin")
        session.rollback()

    with tally("rules:smuggled-rule-grants-nothing"):
        session.add_all([MappingRule(provider_id=pid_b, claim="groups", value="staff", organization_id=org.id,
                                     role="admin") for org in (alpha, alpha_state)])
        add_rule(None, session.get(IdentityProvider, pid_b), claim="groups", value="staff", organization=beta,
                 role="member")   # a legitimate rule, to show the claim did match
        session.commit()
        fake_b.profile["groups"] = ["staff"]
        response = client.get(callback_for(client, pid_b))
        assert response.status_code == 302
        session.expire_all()
        person = session.scalar(select(Identity).where(Identity.provider_id == pid_b)).user
        held = {(m.organization_id, m.role) for m in person.memberships}
        assert held == {(beta.id, "member")}
        granted = [row.after for row in audit_rows("sso.role_granted")]
        assert granted == [{"role": "member"}]


def test_a_provider_cannot_claim_an_address_outside_its_domains(session, client, fake_b, alpha, beta):
    """National B's provider asserts a verified address of national A's domain:
    the person signs in, but without that address (a provider vouches for its
    own domains only)."""
    pid_b = register(session, beta, fake_b, domains=("beta.example",))
    fake_b.profile = {"sub": "mallory", "email": "ceo@alpha.example", "email_verified": True, "name": "Mallory"}
    with tally("account:verified-email-outside-providers-domains"):
        assert client.get(callback_for(client, pid_b)).status_code == 302
        with db.engine.connect() as conn:
            assert conn.scalar(select(User.id).where(User.email == "ceo@alpha.example")) is None


# --- the tally ----------------------------------------------------------------------------------

def test_zz_no_attack_was_accepted(request):
    """Runs last in this module: prints the summary (also shown in the terminal
    summary, see tests/conftest.py) and fails if any attack got through."""
    line = summary_line()
    print(line)
    assert all(outcome == "refused" for outcome in ATTACK_RESULTS.values()), line
    selected = [item for item in request.session.items if item.module is request.module]
    if len(selected) >= 40:   # the whole module ran, not a -k selection
        assert len(ATTACK_RESULTS) >= 20, line
