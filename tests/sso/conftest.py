"""Real OpenID Connect providers for the sign-on tests: `python -m
oidc_provider_mock` processes (one per national), started once per run and
stopped at its end. The portal talks to them over HTTP exactly as it would to
Google Workspace or Entra: discovery, authorization code with PKCE and nonce,
token exchange, signed ID tokens, key sets, end-session endpoint.

The person's side of the dance (typing a subject on the provider's login page
and pressing Authorize) is a form POST with `requests`; the portal's side is
the Flask test client."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from portal.sso.discovery import clear_caches

START_TIMEOUT_SECONDS = 20
HTTP_TIMEOUT_SECONDS = 10


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class MockProvider:
    """One running provider process. Its issuer is exactly what its discovery
    document and ID tokens name: http://127.0.0.1:PORT (no trailing slash)."""

    name: str
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def set_user(self, sub: str, **claims) -> None:
        """What the provider asserts about `sub` from now on (replaces all claims)."""
        response = requests.put(f"{self.issuer}/users/{sub}", json=claims, timeout=HTTP_TIMEOUT_SECONDS)
        assert response.status_code == 204, f"{self.name}: setting claims failed: {response.status_code} {response.text}"

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def answers(self) -> bool:
        try:
            response = requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=0.5)
        except requests.RequestException:
            return False
        return response.status_code == 200 and response.json().get("issuer") == self.issuer


def start_provider(name: str, log_dir: Path) -> MockProvider:
    """Start one provider process (does not wait for it: see wait_until_ready)."""
    port = _free_port()
    log_path = log_dir / f"oidc-{name}-{port}.log"
    env = {**os.environ, "NO_COLOR": "1"}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--require-nonce", "true"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env)
    return MockProvider(name=name, port=port, process=process, log_path=log_path)


def wait_until_ready(providers: list[MockProvider]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    waiting = list(providers)
    while waiting:
        for provider in list(waiting):
            if provider.process.poll() is not None:
                raise RuntimeError(f"provider {provider.name} exited with {provider.process.returncode}:\n"
                                   f"{provider.log()}")
            if provider.answers():
                waiting.remove(provider)
        if waiting and time.monotonic() > deadline:
            raise RuntimeError(f"providers {[p.name for p in waiting]} did not answer within "
                               f"{START_TIMEOUT_SECONDS}s:\n" + "\n".join(p.log() for p in waiting))
        if waiting:
            time.sleep(0.05)


def stop_providers(providers: list[MockProvider]) -> None:
    for provider in providers:
        if provider.process.poll() is None:
            provider.process.terminate()
    for provider in providers:
        try:
            provider.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            provider.process.kill()
            provider.process.wait(timeout=5)


def run_providers(names: tuple[str, ...], log_dir: Path):
    """Start the providers side by side, wait for all, and stop them after."""
    providers: list[MockProvider] = []
    try:
        for name in names:
            providers.append(start_provider(name, log_dir))
        wait_until_ready(providers)
        yield {p.name: p for p in providers}
    finally:
        stop_providers(providers)


@pytest.fixture(scope="session")
def oidc_providers(tmp_path_factory):
    """Two provider processes, one for each of two nationals, for the whole run."""
    yield from run_providers(("a", "b"), tmp_path_factory.mktemp("oidc"))


@pytest.fixture
def mock_a(oidc_providers) -> MockProvider:
    """National A's provider."""
    return oidc_providers["a"]


@pytest.fixture
def mock_b(oidc_providers) -> MockProvider:
    """National B's provider."""
    return oidc_providers["b"]


@pytest.fixture(autouse=True)
def _fresh_discovery_caches():
    """Discovery documents and key sets are cached per issuer in the process:
    each test starts (and leaves) with none."""
    clear_caches()
    yield
    clear_caches()


def new_sub(prefix: str = "person") -> str:
    """A subject no earlier test used: the provider processes live for the whole run."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def start_sign_in(client, provider_id: int, **start_args):
    """GET /sso/<id>/start: the portal remembers the attempt in this client's
    session and sends the person to the provider."""
    client = getattr(client, "client", client)
    return client.get(f"/sso/{provider_id}/start", query_string=start_args)


def authorize_at_provider(location: str, issuer: str, sub: str) -> str:
    """What the person does on the provider's own login page: type the subject
    and press Authorize. Returns where the provider sends the browser back to."""
    assert location.startswith(f"{issuer}/oauth2/authorize?"), f"not sent to {issuer}: {location}"
    answer = requests.post(location, data={"sub": sub}, allow_redirects=False, timeout=HTTP_TIMEOUT_SECONDS)
    assert answer.status_code == 302, f"the provider did not authorize: {answer.status_code} {answer.text[:500]}"
    return answer.headers["Location"]


def sign_in_through(client, provider_id: int, issuer: str, sub: str, **start_args):
    """The whole dance: portal start -> provider authorization -> portal
    callback. Returns the portal's response to the callback. `client` is a
    Flask test client (or the tests' Browser wrapper around one)."""
    client = getattr(client, "client", client)
    start = start_sign_in(client, provider_id, **start_args)
    assert start.status_code == 302, f"start answered {start.status_code}: {start.get_data(as_text=True)[:500]}"
    back = urlsplit(authorize_at_provider(start.headers["Location"], issuer, sub))
    assert back.path == f"/sso/{provider_id}/callback", f"provider sent the browser to {back.geturl()}"
    return client.get(back.path, query_string=back.query)
