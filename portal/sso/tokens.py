"""ID token validation, every check explicit (we do not rely on a library's
defaults): algorithm allowlist, signature against the provider's key set,
iss, aud (and azp when several audiences), exp, iat, nonce, sub."""
from __future__ import annotations

import base64
import json
import time

from joserfc import jwt
from joserfc.errors import JoseError

from portal.sso.discovery import key_set

ALLOWED_ALGORITHMS = ("RS256", "ES256")
CLOCK_SKEW_SECONDS = 60


class SignInRefused(Exception):
    """A sign-in attempt that must not create a session. `reason` goes to the
    audit trail; the person sees a plain explanation."""

    def __init__(self, reason: str, detail: str | None = None):
        super().__init__(reason)
        self.reason = reason    # shown to the person: no URLs, no provider internals
        self.detail = detail    # for the audit trail only


def _header(raw: str) -> dict:
    try:
        segment = raw.split(".")[0]
        header = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except (ValueError, IndexError):
        raise SignInRefused("ID token is not a JWT") from None
    if not isinstance(header, dict):
        raise SignInRefused("ID token header is not an object")
    return header


def validate_id_token(raw: str, *, issuer: str, client_id: str, jwks_uri: str, nonce: str,
                      now: float | None = None) -> dict:
    if not isinstance(raw, str) or raw.count(".") != 2:
        raise SignInRefused("ID token missing or malformed")
    header = _header(raw)
    algorithm = header.get("alg")
    if algorithm not in ALLOWED_ALGORITHMS:
        raise SignInRefused(f"ID token algorithm {algorithm!r} is not allowed")
    kid = header.get("kid")
    keys = key_set(issuer, jwks_uri, kid)
    candidates = [k for k in keys.keys if kid is None or k.kid == kid]
    if not candidates:
        raise SignInRefused("ID token signed with an unknown key", f"kid {kid!r}")
    token = None
    for key in candidates:  # one key for a kid; without a kid (allowed with a single key), each of the set
        try:
            token = jwt.decode(raw, key, algorithms=[algorithm])
            break
        except (JoseError, ValueError, TypeError) as exc:
            failure = exc
    if token is None:
        raise SignInRefused(f"ID token signature invalid ({type(failure).__name__})")
    claims = token.claims
    now = time.time() if now is None else now

    if claims.get("iss") != issuer:
        raise SignInRefused("ID token issuer does not match the provider",
                            f"iss {claims.get('iss')!r}, configured {issuer!r}")
    audience = claims.get("aud")
    audiences = [audience] if isinstance(audience, str) else audience if isinstance(audience, list) else []
    if client_id not in audiences:
        raise SignInRefused("ID token audience does not include our client id")
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise SignInRefused("ID token has several audiences and azp is not our client id")
    if "azp" in claims and claims["azp"] != client_id:
        raise SignInRefused("ID token azp is not our client id")
    expires = claims.get("exp")
    if not isinstance(expires, (int, float)) or now > expires + CLOCK_SKEW_SECONDS:
        raise SignInRefused("ID token expired")
    issued = claims.get("iat")
    if not isinstance(issued, (int, float)) or issued > now + CLOCK_SKEW_SECONDS:
        raise SignInRefused("ID token issued in the future")
    if not nonce or claims.get("nonce") != nonce:
        raise SignInRefused("ID token nonce does not match this browser's sign-in")
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject or len(subject) > 255:
        raise SignInRefused("ID token has no usable subject")
    return dict(claims)
