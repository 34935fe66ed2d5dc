"""Talking to providers: discovery documents and key sets, fetched with
timeouts and cached with an expiry; a key set is refetched on an unknown key
id at most once per throttle period, so a forged `kid` cannot make us hammer
the provider. Issuer URLs are checked before anything is fetched."""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from flask import current_app
from joserfc.jwk import KeySet

from portal.errors import InvalidInput


class ProviderUnavailable(Exception):
    """The provider could not be reached or answered nonsense."""


@dataclass
class _Cached:
    value: object
    fetched_at: float
    unknown_kid_refetch_at: float = float("-inf")


_discovery_cache: dict[str, _Cached] = {}
_jwks_cache: dict[str, _Cached] = {}
_lock = threading.Lock()


def clear_caches() -> None:
    with _lock:
        _discovery_cache.clear()
        _jwks_cache.clear()


def check_issuer_url(issuer: str) -> str:
    """https on a public address; plain http only on loopback and only when the
    development setting allows it (tests and the local demo provider)."""
    # Kept exactly as given: OpenID Connect compares issuers as exact strings.
    issuer = (issuer or "").strip()
    parts = urlsplit(issuer)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.query or parts.fragment:
        raise InvalidInput("The issuer must be an https URL such as https://accounts.example.org.", field="issuer")
    loopback = _is_loopback(parts.hostname)
    if parts.scheme == "http" and not (loopback and current_app.config["SSO_ALLOW_LOOPBACK_HTTP"]):
        raise InvalidInput("The issuer must use https.", field="issuer")
    if not loopback and not _is_public(parts.hostname) and not current_app.config["SSO_ALLOW_PRIVATE_ISSUERS"]:
        raise InvalidInput("The issuer must be on a public address.", field="issuer")
    if loopback and not current_app.config["SSO_ALLOW_LOOPBACK_HTTP"]:
        raise InvalidInput("The issuer must be on a public address.", field="issuer")
    return issuer


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_public(host: str) -> bool:
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return bool(addresses) and all(ipaddress.ip_address(a.split("%")[0]).is_global for a in addresses)


def _get_json(url: str) -> dict:
    try:
        response = requests.get(url, timeout=current_app.config["SSO_HTTP_TIMEOUT"], allow_redirects=False)
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"{url}: {exc}") from None
    if not isinstance(data, dict):
        raise ProviderUnavailable(f"{url}: not a JSON object")
    return data


def discovery_document(issuer: str) -> dict:
    ttl = current_app.config["SSO_DISCOVERY_TTL"]
    with _lock:
        cached = _discovery_cache.get(issuer)
        if cached and time.monotonic() - cached.fetched_at < ttl:
            return cached.value
    document = _get_json(issuer.rstrip("/") + "/.well-known/openid-configuration")
    for key in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(document.get(key), str):
            raise ProviderUnavailable(f"discovery document lacks {key}")
    with _lock:
        _discovery_cache[issuer] = _Cached(document, time.monotonic())
    return document


def key_set(issuer: str, jwks_uri: str, wanted_kid: str | None) -> KeySet:
    """The provider's keys, cached for SSO_JWKS_TTL. An unknown `wanted_kid`
    (a rotated key, or a forgery) triggers a refetch, but at most one such
    refetch per SSO_JWKS_REFETCH_SECONDS, so made-up key ids cannot make us
    hammer the provider."""
    now = time.monotonic()
    with _lock:
        cached = _jwks_cache.get(issuer)
    last_unknown_refetch = float("-inf")
    if cached is not None:
        keys: KeySet = cached.value
        known = wanted_kid is None or any(k.kid == wanted_kid for k in keys.keys)
        fresh = now - cached.fetched_at < current_app.config["SSO_JWKS_TTL"]
        last_unknown_refetch = cached.unknown_kid_refetch_at
        if known and fresh:
            return keys
        if not known and now - last_unknown_refetch < current_app.config["SSO_JWKS_REFETCH_SECONDS"]:
            return keys
        if not known:
            last_unknown_refetch = now
    try:
        keys = KeySet.import_key_set(_get_json(jwks_uri))
    except ProviderUnavailable:
        raise
    except Exception as exc:  # a malformed key set is the provider's fault, not ours
        raise ProviderUnavailable(f"{jwks_uri}: unusable key set ({exc})") from None
    with _lock:
        _jwks_cache[issuer] = _Cached(keys, now, last_unknown_refetch)
    return keys
