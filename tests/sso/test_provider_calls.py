"""Calls to providers: discovery documents are cached with an expiry, a key
set is refetched on an unknown key id at most once per throttle period, and
issuer URLs must be https on public addresses in production."""
from __future__ import annotations

import json
import threading
from collections import Counter
from contextlib import contextmanager

import pytest
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from portal import create_app
from portal.errors import InvalidInput
from portal.sso import discovery


@contextmanager
def counting_provider():
    """Serves discovery and a one-key JWKS, counting each fetch."""
    hits: Counter = Counter()
    key = RSAKey.generate_key(2048, parameters={"kid": "k1"})
    state = {"issuer": None}

    def app(environ, start_response):
        request = Request(environ)
        hits[request.path] += 1
        if request.path == "/.well-known/openid-configuration":
            body = {"issuer": state["issuer"], "authorization_endpoint": state["issuer"] + "/a",
                    "token_endpoint": state["issuer"] + "/t", "jwks_uri": state["issuer"] + "/jwks"}
        elif request.path == "/jwks":
            body = {"keys": [key.as_dict(private=False)]}
        else:
            return Response("no", status=404)(environ, start_response)
        return Response(json.dumps(body), mimetype="application/json")(environ, start_response)

    server = make_server("127.0.0.1", 0, app, threaded=True)
    state["issuer"] = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state["issuer"], hits
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(autouse=True)
def fresh_caches():
    discovery.clear_caches()
    yield
    discovery.clear_caches()


def test_discovery_is_cached_until_it_expires(app):
    with counting_provider() as (issuer, hits):
        for _ in range(5):
            assert discovery.discovery_document(issuer)["issuer"] == issuer
        assert hits["/.well-known/openid-configuration"] == 1
        app.config["SSO_DISCOVERY_TTL"] = 0
        discovery.discovery_document(issuer)
        assert hits["/.well-known/openid-configuration"] == 2


def test_an_unknown_key_id_refetches_the_key_set_at_most_once_per_throttle_period(app):
    with counting_provider() as (issuer, hits):
        jwks_uri = issuer + "/jwks"
        assert [k.kid for k in discovery.key_set(issuer, jwks_uri, "k1").keys] == ["k1"]
        for _ in range(20):  # an attacker sending tokens with made-up key ids
            discovery.key_set(issuer, jwks_uri, "made-up")
        assert hits["/jwks"] == 2, "one fetch, then one refetch for the unknown kid, then throttled"
        app.config["SSO_JWKS_REFETCH_SECONDS"] = 0
        discovery.key_set(issuer, jwks_uri, "made-up")
        assert hits["/jwks"] == 3


def test_an_unreachable_provider_fails_fast_with_a_clear_error(app):
    app.config["SSO_HTTP_TIMEOUT"] = 2
    with pytest.raises(discovery.ProviderUnavailable):
        discovery.discovery_document("http://127.0.0.1:9")  # nothing listens on the discard port


@pytest.mark.parametrize("issuer", [
    "http://127.0.0.1:9400",            # loopback http: development only
    "http://accounts.example.org",     # plain http
    "https://10.0.0.5",                # private address
    "https://192.168.1.20/realms/x",   # private address
    "ftp://accounts.example.org",
    "https://accounts.example.org?x=1",
])
def test_production_accepts_only_https_issuers_on_public_addresses(database_url, issuer):
    production = create_app({"ENV": "production", "SECRET_KEY": "p" * 48,
                             "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"})
    with production.app_context(), pytest.raises(InvalidInput):
        discovery.check_issuer_url(issuer)


def test_development_accepts_the_loopback_demo_provider(app):
    assert discovery.check_issuer_url("http://127.0.0.1:9400") == "http://127.0.0.1:9400"
