"""A small but real OpenID Connect provider for attack tests, served over HTTP
on a free loopback port, that can forge whatever the next ID token or
response should be.

Honest behaviour by default: discovery, a JWKS with an RS256 RSA key and an
ES256 EC key, an authorization endpoint that records state, nonce, PKCE
challenge and redirect URI and redirects straight back with a one-time code,
and a token endpoint that checks client authentication, the redirect URI and
PKCE (S256), refuses a code used before (400 invalid_grant) and returns an ID
token signed RS256 for the recorded request.

A test then forges what an attacker (or a broken provider) would send:

    fake.forge(claims={"aud": "other", "iat": DELETE}, header={"kid": "nope"},
               sign="none" | "HS256-public-key" | "ES256" | <a joserfc key>,
               tamper={"sub": "boss"}, strip_signature=True, response={"id_token": DELETE})
    fake.forge_authorization_response(state=DELETE, iss="http://evil.example")
    fake.discovery_issuer = "http://evil.example"

A forgery applies to the next token (or authorization response) only.
JWTs are assembled by hand where joserfc rightly refuses to (alg "none",
HS256 keyed with the RSA public key, arbitrary header members)."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from joserfc import jws
from joserfc.jwk import ECKey, RSAKey
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

CLIENT_ID = "portal-client"
CLIENT_SECRET = "s3cret"


class _Delete:
    def __repr__(self):
        return "DELETE"


DELETE = _Delete()   # forge(claims={"sub": DELETE}) removes the claim


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_json(value: dict) -> str:
    return b64url(json.dumps(value, separators=(",", ":")).encode())


def s256(verifier: str) -> str:
    return b64url(hashlib.sha256(verifier.encode()).digest())


def raw_jwt(header: dict, payload: dict, signature: bytes = b"") -> str:
    """base64url(header).base64url(payload).base64url(signature), unchecked."""
    return f"{b64url_json(header)}.{b64url_json(payload)}.{b64url(signature)}"


def hs256_jwt(header: dict, payload: dict, secret: bytes) -> str:
    signing_input = f"{b64url_json(header)}.{b64url_json(payload)}"
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64url(signature)}"


def signed_jwt(header: dict, payload: dict, key) -> str:
    """A properly signed compact JWS (RS256/ES256 by `header["alg"]`) with any
    header members the test wants, e.g. an embedded `jwk` or a `jku`."""
    registry = jws.JWSRegistry(strict_check_header=False)
    return jws.serialize_compact(header, json.dumps(payload, separators=(",", ":")).encode(), key,
                                 algorithms=[header["alg"]], registry=registry)


@lru_cache(maxsize=None)
def rsa_key(label: str, kid: str) -> RSAKey:
    """RSA generation is slow-ish: one key per (label, kid) for the whole run."""
    return RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"}, private=True)


@lru_cache(maxsize=None)
def ec_key(label: str, kid: str) -> ECKey:
    return ECKey.generate_key("P-256", parameters={"kid": kid, "use": "sig", "alg": "ES256"}, private=True)


def _apply(base: dict, overrides: dict) -> dict:
    result = dict(base)
    for name, value in overrides.items():
        if value is DELETE:
            result.pop(name, None)
        else:
            result[name] = value
    return result


@dataclass
class AuthorizationRequest:
    client_id: str
    redirect_uri: str
    state: str | None
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    scope: str
    login_hint: str | None = None


@dataclass
class Forgery:
    claims: dict = field(default_factory=dict)
    header: dict = field(default_factory=dict)
    sign: object = "RS256"            # "RS256", "ES256", "none", "HS256-public-key" or a joserfc key
    response: dict = field(default_factory=dict)  # token endpoint JSON members; DELETE removes
    tamper: dict = field(default_factory=dict)    # claims changed AFTER signing (breaks the signature)
    strip_signature: bool = False                 # a genuine token with its signature cut off


@dataclass
class TokenExchange:
    code: str
    status: int
    error: str | None = None


class ForgingProvider:
    def __init__(self, label: str = "a", *, client_id: str = CLIENT_ID, client_secret: str = CLIENT_SECRET):
        self.label = label
        self.client_id, self.client_secret = client_id, client_secret
        self.rsa = rsa_key(label, f"{label}-rsa-1")
        self.ec = ec_key(label, f"{label}-ec-1")
        self.issuer = ""  # set when served
        self.discovery_issuer: str | None = None
        self.profile = {"sub": f"{label}-subject-1", "email": "alice@alpha.example", "email_verified": True,
                        "name": "Alice Example"}
        self.authorizations: dict[str, AuthorizationRequest] = {}   # code -> the request it answers
        self.used_codes: set[str] = set()
        self.exchanges: list[TokenExchange] = []
        self.issued_id_tokens: list[str] = []
        self.jwks_fetches = 0
        self._next_token: Forgery | None = None
        self._next_authorization: dict = {}
        self._lock = threading.Lock()

    # --- what a test forges ------------------------------------------------------------------

    def forge(self, *, claims=None, header=None, sign="RS256", response=None, tamper=None,
              strip_signature=False) -> None:
        self._next_token = Forgery(claims=dict(claims or {}), header=dict(header or {}), sign=sign,
                                   response=dict(response or {}), tamper=dict(tamper or {}),
                                   strip_signature=strip_signature)

    def forge_authorization_response(self, **params) -> None:
        self._next_authorization = params

    def public_key_pem(self) -> bytes:
        return self.rsa.as_pem(private=False)

    # --- the protocol ------------------------------------------------------------------------

    def discovery(self) -> dict:
        return {
            "issuer": self.discovery_issuer or self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256", "ES256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        }

    def jwks(self) -> dict:
        self.jwks_fetches += 1
        return {"keys": [self.rsa.as_dict(private=False), self.ec.as_dict(private=False)]}

    def authorize(self, request: Request) -> Response:
        args = request.args
        if args.get("response_type") != "code" or args.get("client_id") != self.client_id:
            return _json({"error": "unauthorized_client"}, 400)
        redirect_uri = args.get("redirect_uri")
        if not redirect_uri or not redirect_uri.startswith(("http://", "https://")):
            return _json({"error": "invalid_request", "error_description": "redirect_uri"}, 400)
        if args.get("code_challenge_method") != "S256" or not args.get("code_challenge"):
            return _json({"error": "invalid_request", "error_description": "PKCE S256 required"}, 400)
        code = secrets.token_urlsafe(24)
        with self._lock:
            self.authorizations[code] = AuthorizationRequest(
                client_id=args["client_id"], redirect_uri=redirect_uri, state=args.get("state"),
                nonce=args.get("nonce"), code_challenge=args.get("code_challenge"),
                code_challenge_method=args.get("code_challenge_method"), scope=args.get("scope", ""),
                login_hint=args.get("login_hint"))
            overrides, self._next_authorization = self._next_authorization, {}
        params = _apply({"code": code, "state": args.get("state")}, overrides)
        parts = urlsplit(redirect_uri)
        query = parse_qsl(parts.query) + [(k, v) for k, v in params.items() if v is not None]
        location = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
        return Response(status=302, headers={"Location": location})

    def _client_authenticated(self, request: Request) -> str | None:
        auth = request.authorization
        if auth is not None and auth.type == "basic":
            client_id, secret = unquote(auth.username or ""), unquote(auth.password or "")
        else:
            client_id, secret = request.form.get("client_id", ""), request.form.get("client_secret", "")
        if client_id == self.client_id and hmac.compare_digest(secret, self.client_secret):
            return client_id
        return None

    def token(self, request: Request) -> Response:
        form = request.form
        if self._client_authenticated(request) is None:
            return _json({"error": "invalid_client"}, 401)
        if form.get("grant_type") != "authorization_code":
            return _json({"error": "unsupported_grant_type"}, 400)
        code = form.get("code", "")
        with self._lock:
            recorded = self.authorizations.get(code)
            reused = code in self.used_codes
            self.used_codes.add(code)   # single use, whatever happens next
        error = None
        if recorded is None or reused:
            error = "invalid_grant"      # unknown or replayed code
        elif form.get("redirect_uri") != recorded.redirect_uri or recorded.client_id != self.client_id:
            error = "invalid_grant"
        elif not form.get("code_verifier") or s256(form["code_verifier"]) != recorded.code_challenge:
            error = "invalid_grant"      # PKCE: the verifier does not belong to this code
        if error:
            self.exchanges.append(TokenExchange(code, 400, error))
            return _json({"error": error}, 400)
        with self._lock:
            forgery, self._next_token = self._next_token or Forgery(), None
        id_token = self.id_token(recorded, forgery)
        self.issued_id_tokens.append(id_token)
        body = _apply({"access_token": secrets.token_urlsafe(24), "token_type": "Bearer", "expires_in": 300,
                       "id_token": id_token}, forgery.response)
        self.exchanges.append(TokenExchange(code, 200))
        return _json(body, 200)

    def id_token(self, recorded: AuthorizationRequest, forgery: Forgery) -> str:
        now = int(time.time())
        claims = _apply({"iss": self.issuer, "aud": recorded.client_id, "nonce": recorded.nonce,
                         "iat": now, "exp": now + 300, **self.profile}, forgery.claims)
        sign = forgery.sign
        if sign == "none":
            token = raw_jwt(_apply({"alg": "none", "typ": "JWT"}, forgery.header), claims)
        elif sign == "HS256-public-key":
            header = _apply({"alg": "HS256", "typ": "JWT", "kid": self.rsa.kid}, forgery.header)
            token = hs256_jwt(header, claims, self.public_key_pem())
        else:
            if sign == "RS256":
                key, alg = self.rsa, "RS256"
            elif sign == "ES256":
                key, alg = self.ec, "ES256"
            else:                         # a key of the test's choosing, e.g. one not in the JWKS
                key, alg = sign, "ES256" if isinstance(sign, ECKey) else "RS256"
            header = _apply({"alg": alg, "typ": "JWT", "kid": key.kid}, forgery.header)
            token = signed_jwt(header, claims, key)
        if forgery.tamper:
            head, _payload, signature = token.split(".")
            token = f"{head}.{b64url_json(_apply(claims, forgery.tamper))}.{signature}"
        if forgery.strip_signature:
            token = token.rsplit(".", 1)[0] + "."
        return token

    def wsgi_app(self, environ, start_response):
        request = Request(environ)
        path = request.path
        if path == "/.well-known/openid-configuration":
            response = _json(self.discovery(), 200)
        elif path == "/jwks":
            response = _json(self.jwks(), 200)
        elif path == "/authorize":
            response = self.authorize(request)
        elif path == "/token" and request.method == "POST":
            response = self.token(request)
        elif path == "/logout":
            response = Response("signed out", mimetype="text/plain")
        else:
            response = Response("not found", status=404)
        return response(environ, start_response)


def _json(value: dict, status: int) -> Response:
    return Response(json.dumps(value), status=status, mimetype="application/json",
                    headers={"Cache-Control": "no-store"})


@contextmanager
def serving(label: str = "a", **kwargs):
    """A ForgingProvider listening on http://127.0.0.1:<free port> until the block ends."""
    fake = ForgingProvider(label, **kwargs)
    server = make_server("127.0.0.1", 0, fake.wsgi_app, threaded=True)
    fake.issuer = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name=f"forging-provider-{label}", daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
