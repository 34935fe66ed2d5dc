"""The portal against a second, independent OpenID provider implementation:
panva's certified `oidc-provider` (Node.js, tests/sso/node_provider). The
provider is registered only through the command line, as an operator would,
and the whole sign-in runs without a browser: the Flask test client is the
portal's side, a `requests` session is the person's browser at the provider,
whose own login and consent pages are filled in by parsing their forms.

Needs `node` and `npm ci --prefix tests/sso/node_provider`; skipped visibly
without them, failed instead when PORTAL_REQUIRE_NODE_PROVIDER=1 (CI)."""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from sqlalchemy import func, select

from portal.auth.models import Identity, User, UserSession
from portal.members.models import Membership
from portal.sso import operations
from portal.sso.discovery import clear_caches
from portal.sso.models import IdentityProvider
from tests.factories import create_national, create_state

PROVIDER_DIR = Path(__file__).resolve().parent / "node_provider"
SCRIPT = PROVIDER_DIR / "provider.mjs"
PORTAL_BASE_URL = "http://127.0.0.1:5000"  # BASE_URL of the test configuration
CLIENT_ID = "coalition-portal"
CLIENT_SECRET = "node-provider-client-secret-0123456789"
LOGIN = "ada"  # the typed login is the provider's subject, distinct from the e-mail address
ACCOUNTS = {LOGIN: {"email": "ada.lovelace@node-national.example.org", "name": "Ada Lovelace",
                    "groups": ["mo-leaders", "staff"]}}
READY_TIMEOUT = 20


def _missing_reason() -> str | None:
    if shutil.which("node") is None:
        return "node (Node.js) is not installed"
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        return "tests/sso/node_provider/node_modules is missing: run npm ci --prefix tests/sso/node_provider"
    return None


REQUIRED = os.environ.get("PORTAL_REQUIRE_NODE_PROVIDER") == "1"
# Skipped before any database is made; in CI (REQUIRED) the fixture fails instead.
pytestmark = pytest.mark.skipif(not REQUIRED and _missing_reason() is not None,
                                reason=f"second OpenID provider unavailable: {_missing_reason()}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class NodeProvider:
    issuer: str
    provider_id: int
    redirect_uri: str
    post_logout_redirect_uri: str
    process: subprocess.Popen
    log: Path
    started_in: float


def _start(port: int, redirect_uri: str, post_logout_redirect_uri: str,
           log: Path, conform: bool = False) -> tuple[subprocess.Popen, str, float]:
    env = {**os.environ, "OIDC_CLIENT_ID": CLIENT_ID, "OIDC_CLIENT_SECRET": CLIENT_SECRET,
           "OIDC_REDIRECT_URIS": redirect_uri, "OIDC_POST_LOGOUT_REDIRECT_URIS": post_logout_redirect_uri,
           "OIDC_ACCOUNTS": json.dumps(ACCOUNTS),
           # "1" is oidc-provider's default (OIDC Core 5.4): scope claims only at the userinfo
           # endpoint, which the portal then reads. "0" puts them in the ID token, as Keycloak,
           # Entra ID and Google do. Both are exercised.
           "OIDC_CONFORM_ID_TOKEN_CLAIMS": "1" if conform else "0"}
    began = time.monotonic()
    with log.open("wb") as out:
        process = subprocess.Popen(["node", str(SCRIPT), str(port)], cwd=PROVIDER_DIR, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = began + READY_TIMEOUT
    while time.monotonic() < deadline:
        match = re.search(r"^READY (\{.*\})$", log.read_text(errors="replace"), re.M)
        if match:
            return process, json.loads(match.group(1))["issuer"], time.monotonic() - began
        if process.poll() is not None:
            break
        time.sleep(0.05)
    _stop(process)
    pytest.fail(f"the node provider did not start:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture
def world(app, session):
    national = create_national("Node National")
    missouri = create_state(national, "MO")
    session.commit()
    return national, missouri


@pytest.fixture(params=[False, True], ids=["claims-in-id-token", "claims-at-userinfo"])
def node_provider(app, session, world, tmp_path, request):
    """Registered through `portal idp add` first (the redirect URI carries the
    provider id), then started with exactly that redirect URI."""
    reason = _missing_reason()
    if reason:
        (pytest.fail if REQUIRED else pytest.skip)(
            f"{'PORTAL_REQUIRE_NODE_PROVIDER=1 but ' if REQUIRED else 'second OpenID provider unavailable: '}{reason}")
    national, missouri = world
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    result = app.test_cli_runner().invoke(args=[
        "portal", "idp", "add", "--national", national.slug, "--issuer", issuer, "--client-id", CLIENT_ID,
        "--client-secret", CLIENT_SECRET, "--domain", "node-national.example.org", "--name", "Node National SSO"])
    assert result.exit_code == 0, result.output
    provider_id = int(re.search(r"^provider (\d+) registered for Node National$", result.output, re.M).group(1))
    redirect_uri = re.search(r"^redirect URI: (\S+)$", result.output, re.M).group(1)
    assert redirect_uri == f"{PORTAL_BASE_URL}/sso/{provider_id}/callback"
    post_logout = re.search(r"^post-logout redirect URI: (\S+)$", result.output, re.M).group(1)
    assert post_logout == f"{PORTAL_BASE_URL}/sign-in"

    provider = session.get(IdentityProvider, provider_id)
    operations.add_rule(None, provider, claim="groups", value="mo-leaders", organization=missouri, role="leader")
    session.commit()

    clear_caches()
    log = tmp_path / "node_provider.log"
    process, ready_issuer, started_in = _start(port, redirect_uri, post_logout, log, conform=request.param)
    try:
        assert ready_issuer == issuer
        yield NodeProvider(issuer, provider_id, redirect_uri, post_logout, process, log, started_in)
    finally:
        _stop(process)
        clear_caches()


class _Forms(HTMLParser):
    """The forms of a page: action, method and the named inputs' values."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "method": (attrs.get("method") or "get").lower(),
                               "fields": {}})
        elif tag in ("input", "button") and self.forms and attrs.get("name"):
            self.forms[-1]["fields"].setdefault(attrs["name"], attrs.get("value") or "")


def _forms(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def sign_in_at_provider(client, browser: requests.Session, node: NodeProvider, *,
                        login: str | None) -> tuple[str, list[str]]:
    """From /sso/<id>/start to the provider's redirect back to the portal:
    returns the callback URL and the provider pages that were filled in.
    `browser` holds the person's cookies at the provider."""
    start = client.get(f"/sso/{node.provider_id}/start")
    assert start.status_code == 302, start.get_data(as_text=True)
    url = start.headers["Location"]
    assert url.startswith(node.issuer + "/"), url
    authorize = parse_qs(urlsplit(url).query)
    assert authorize["code_challenge_method"] == ["S256"] and authorize["redirect_uri"] == [node.redirect_uri]

    pages: list[str] = []
    response = browser.get(url, allow_redirects=False, timeout=10)
    for _step in range(12):
        if response.is_redirect:
            target = urljoin(response.url, response.headers["Location"])
            if target.startswith(PORTAL_BASE_URL + "/"):
                return target, pages
            assert target.startswith(node.issuer + "/"), f"redirected off the provider to {target}"
            response = browser.get(target, allow_redirects=False, timeout=10)
            continue
        assert response.status_code == 200, f"{response.status_code} at {response.url}: {response.text[:2000]}"
        forms = [f for f in _forms(response.text) if f["method"] == "post" and "prompt" in f["fields"]]
        assert len(forms) == 1, f"no single interaction form at {response.url}: {response.text[:2000]}"
        form = forms[0]
        fields = dict(form["fields"])
        pages.append(fields["prompt"])
        if fields["prompt"] == "login":
            assert login is not None, "the provider asked for a login where its session should have been reused"
            fields.update(login=login, password="any password")
        response = browser.post(urljoin(response.url, form["action"]), data=fields, allow_redirects=False,
                                timeout=10)
    pytest.fail(f"no redirect back to the portal after the provider pages {pages}")


def portal_path(callback_url: str) -> str:
    parts = urlsplit(callback_url)
    return f"{parts.path}?{parts.query}"


def test_sign_in_through_panva_oidc_provider(app, session, client, world, node_provider):
    _national, missouri = world
    browser = requests.Session()
    timings = {"provider start": node_provider.started_in}

    began = time.monotonic()
    callback, pages = sign_in_at_provider(client, browser, node_provider, login=LOGIN)
    timings["provider dance"] = time.monotonic() - began
    assert pages == ["login", "consent"]
    assert callback.startswith(node_provider.redirect_uri + "?")
    params = parse_qs(urlsplit(callback).query)
    assert set(params) >= {"code", "state", "iss"}
    assert params["iss"] == [node_provider.issuer]  # RFC 9207, checked by the portal

    began = time.monotonic()
    response = client.get(portal_path(callback))
    timings["portal callback"] = time.monotonic() - began
    body = response.get_data(as_text=True)
    assert response.status_code == 302, body
    landing = response.headers["Location"]
    assert landing.startswith("/") and not landing.startswith("/no-access"), landing
    assert client.get(landing).status_code == 200

    session.expire_all()
    identity = session.scalar(select(Identity).where(Identity.provider_id == node_provider.provider_id))
    assert identity is not None
    assert (identity.issuer, identity.subject) == (node_provider.issuer, LOGIN)
    assert identity.email == ACCOUNTS[LOGIN]["email"]
    user = session.get(User, identity.user_id)
    assert (user.email, user.name) == (ACCOUNTS[LOGIN]["email"], ACCOUNTS[LOGIN]["name"])
    live = session.scalars(select(UserSession).where(UserSession.user_id == user.id,
                                                     UserSession.revoked_at.is_(None))).all()
    assert len(live) == 1
    memberships = session.scalars(select(Membership).where(Membership.user_id == user.id)).all()
    assert [(m.organization_id, m.role, m.source, m.provider_id) for m in memberships] == [
        (missouri.id, "leader", "sso", node_provider.provider_id)]

    # Again: the provider's own session and the stored consent mean no pages at
    # all, the same person comes back, and the mapped role is not duplicated.
    began = time.monotonic()
    callback, pages = sign_in_at_provider(client, browser, node_provider, login=None)
    response = client.get(portal_path(callback))
    timings["second sign-in"] = time.monotonic() - began
    assert pages == []
    assert response.status_code == 302 and not response.headers["Location"].startswith("/no-access")
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(User)) == 1
    assert len(session.scalars(select(Identity)).all()) == 1
    assert len(session.scalars(select(Membership).where(Membership.user_id == user.id)).all()) == 1
    assert len(session.scalars(select(UserSession).where(UserSession.user_id == user.id)).all()) == 2

    print("node oidc-provider timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in timings.items()))


def test_portal_refuses_a_response_naming_another_issuer(app, session, client, world, node_provider):
    """The provider's real response, with its RFC 9207 `iss` swapped: refused,
    nothing created (the mix-up defence holds against a real implementation)."""
    browser = requests.Session()
    callback, _pages = sign_in_at_provider(client, browser, node_provider, login=LOGIN)
    parts = urlsplit(callback)
    query = parts.query.replace("iss=" + requests.utils.quote(node_provider.issuer, safe=""),
                                "iss=" + requests.utils.quote("http://127.0.0.1:1", safe=""))
    assert query != parts.query
    response = client.get(f"{parts.path}?{query}")
    assert response.status_code == 403
    session.expire_all()
    assert session.scalars(select(Identity)).all() == []
    assert session.scalars(select(UserSession)).all() == []



def test_signing_out_continues_at_the_provider_and_back(app, session, client, world, node_provider):
    """RP-initiated logout against a provider that, as the specification
    requires, only accepts a registered post_logout_redirect_uri: the one
    `portal idp add` prints, built from BASE_URL."""
    browser = requests.Session()
    callback, _pages = sign_in_at_provider(client, browser, node_provider, login=LOGIN)
    assert client.get(portal_path(callback)).status_code == 302
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/account").get_data(as_text=True))

    response = client.post("/sign-out", data={"csrf_token": csrf.group(1)})
    assert response.status_code == 302
    end_session = response.headers["Location"]
    assert end_session.startswith(node_provider.issuer + "/session/end?")
    query = parse_qs(urlsplit(end_session).query)
    assert query["post_logout_redirect_uri"] == [node_provider.post_logout_redirect_uri]
    assert query["client_id"] == [CLIENT_ID] and query["id_token_hint"]
    session.expire_all()
    assert session.scalars(select(UserSession).where(UserSession.revoked_at.is_(None))).all() == []

    page = browser.get(end_session, allow_redirects=False, timeout=10)
    assert page.status_code == 200, page.text[:2000]  # the provider asks "sign out?"
    form = next(f for f in _forms(page.text) if "xsrf" in f["fields"])
    back = browser.post(urljoin(page.url, form["action"]), data={**form["fields"], "logout": "yes"},
                        allow_redirects=False, timeout=10)
    assert back.is_redirect and back.headers["Location"] == node_provider.post_logout_redirect_uri

    # The provider's own session is over: the next sign-in asks for the login again.
    _callback, pages = sign_in_at_provider(client, browser, node_provider, login=LOGIN)
    assert pages[0] == "login"
