"""The authorization code flow with PKCE (S256). state, nonce and the code
verifier live in this browser's session, keyed by state and remembering the
provider, so a response can only complete the sign-in that started it, once,
at the callback of the provider it was sent to."""
from __future__ import annotations

import secrets
import time

import requests
from authlib.common.urls import add_params_to_uri
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from flask import current_app, session

from portal.sso.crypto import decrypt_secret
from portal.sso.discovery import ProviderUnavailable, discovery_document
from portal.sso.models import IdentityProvider
from portal.sso.tokens import SignInRefused, validate_id_token
from portal.web import public_url

PENDING_KEY = "sso_pending"
PENDING_LIMIT = 5          # sign-ins started in parallel tabs
PENDING_TTL_SECONDS = 600  # a sign-in must come back within ten minutes


def redirect_uri(provider: IdentityProvider) -> str:
    return public_url("sso.callback", provider_id=provider.id)


def post_logout_redirect_uri() -> str:
    """Where a provider sends the person after its sign-out. Built from BASE_URL
    like the redirect URI (never from the request's Host), because providers
    only accept a post-logout URI registered beforehand (RP-Initiated Logout §3)."""
    return public_url("auth.login")


def _document(provider: IdentityProvider) -> dict:
    try:
        document = discovery_document(provider.issuer)
    except ProviderUnavailable as exc:
        raise SignInRefused("the provider could not be reached", str(exc)) from None
    if document.get("issuer") != provider.issuer:
        raise SignInRefused("the provider's discovery document names another issuer",
                            f"discovery {document.get('issuer')!r}, configured {provider.issuer!r}")
    return document


def begin(provider: IdentityProvider, *, next_url: str, login_hint: str | None, link_user_id: int | None) -> str:
    """Remember this attempt in the session and return the provider's URL."""
    document = _document(provider)
    state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(48)
    now = time.time()
    pending = {k: v for k, v in (session.get(PENDING_KEY) or {}).items()
               if now - v.get("created", 0) < PENDING_TTL_SECONDS}
    while len(pending) >= PENDING_LIMIT:
        pending.pop(min(pending, key=lambda k: pending[k]["created"]))
    pending[state] = {"provider_id": provider.id, "nonce": nonce, "verifier": verifier, "created": now,
                      "next": next_url, "link_user_id": link_user_id}
    session[PENDING_KEY] = pending
    client = OAuth2Session(provider.client_id, redirect_uri=redirect_uri(provider), scope="openid email profile",
                           code_challenge_method="S256")
    extra = {"login_hint": login_hint} if login_hint else {}
    url, _state = client.create_authorization_url(document["authorization_endpoint"], state=state, nonce=nonce,
                                                  code_verifier=verifier, **extra)
    return url


def take_pending(provider_id: int, state: str | None) -> dict:
    """Pop the attempt for `state` (single use) and check it belongs here."""
    if not state:
        raise SignInRefused("callback without state")
    pending = dict(session.get(PENDING_KEY) or {})
    attempt = pending.pop(state, None)
    session[PENDING_KEY] = pending
    if attempt is None:
        raise SignInRefused("unknown or already used state")
    if time.time() - attempt["created"] > PENDING_TTL_SECONDS:
        raise SignInRefused("sign-in took longer than ten minutes")
    if attempt["provider_id"] != provider_id:
        raise SignInRefused("response arrived at another provider's callback")
    return attempt


def complete(provider: IdentityProvider, args, attempt: dict) -> tuple[dict, str]:
    """Check the callback, exchange the code (with the PKCE verifier) and
    validate the ID token. Returns the claims and the raw ID token."""
    if args.get("error"):
        raise SignInRefused("the provider did not sign you in",
                            f"{args.get('error')}: {args.get('error_description', '')}"[:300])
    if "iss" in args and args.get("iss") != provider.issuer:  # RFC 9207 mix-up defence
        raise SignInRefused("the response names another issuer", f"iss {args.get('iss')!r}")
    code = args.get("code")
    if not code:
        raise SignInRefused("callback without code")
    document = _document(provider)
    methods = document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    auth_method = "client_secret_basic" if "client_secret_basic" in methods else "client_secret_post"
    client = OAuth2Session(provider.client_id, decrypt_secret(provider.client_secret_encrypted),
                           redirect_uri=redirect_uri(provider), token_endpoint_auth_method=auth_method)
    try:
        token = client.fetch_token(document["token_endpoint"], grant_type="authorization_code", code=code,
                                   code_verifier=attempt["verifier"],
                                   timeout=current_app.config["SSO_HTTP_TIMEOUT"])
    except (OAuthError, requests.RequestException, ValueError) as exc:
        raise SignInRefused("the provider refused the sign-in code", str(exc)[:300]) from None
    raw = token.get("id_token")
    claims = validate_id_token(raw, issuer=provider.issuer, client_id=provider.client_id,
                               jwks_uri=document["jwks_uri"], nonce=attempt["nonce"])
    return _with_userinfo(claims, token, document), raw


USERINFO_CLAIMS = ("email", "email_verified", "name", "groups")


def _with_userinfo(claims: dict, token: dict, document: dict) -> dict:
    """Many providers (and OpenID Connect Core 5.4 by default) keep e-mail, name
    and groups out of the ID token and serve them at the userinfo endpoint. We
    fetch them with the access token, insist on the same subject, and only fill
    in what the validated ID token lacks: it stays the authority on identity."""
    endpoint, access_token = document.get("userinfo_endpoint"), token.get("access_token")
    if not endpoint or not access_token or all(name in claims for name in USERINFO_CLAIMS):
        return claims
    try:
        response = requests.get(endpoint, headers={"Authorization": f"Bearer {access_token}"},
                                timeout=current_app.config["SSO_HTTP_TIMEOUT"], allow_redirects=False)
        response.raise_for_status()
        info = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise SignInRefused("the provider's user information could not be read", str(exc)[:300]) from None
    if not isinstance(info, dict) or info.get("sub") != claims["sub"]:
        raise SignInRefused("the provider's user information is about someone else",
                            f"userinfo sub {info.get('sub') if isinstance(info, dict) else None!r}")
    merged = dict(claims)
    for name in USERINFO_CLAIMS:
        if name not in merged and name in info:
            merged[name] = info[name]
    return merged


def end_session_url(provider: IdentityProvider, id_token: str | None, after: str) -> str | None:
    """The provider's end-session endpoint, when it offers one."""
    try:
        document = discovery_document(provider.issuer)
    except ProviderUnavailable:
        return None
    endpoint = document.get("end_session_endpoint")
    if not endpoint:
        return None
    params = {"post_logout_redirect_uri": after, "client_id": provider.client_id}
    if id_token:
        params["id_token_hint"] = id_token
    return add_params_to_uri(endpoint, params)
