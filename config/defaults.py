"""Default settings. Every key can be overridden by an environment variable
prefixed with PORTAL_ (for example PORTAL_DATABASE_URL), see portal/settings.py."""

# "development" or "production". Production refuses unsafe settings at start-up.
ENV = "development"

# Empty means: a SQLite file in the instance folder, so a newcomer needs no server.
DATABASE_URL = ""

# Empty in development means: generate one and keep it in the instance folder.
SECRET_KEY = ""

# Invitations expire after this many days.
INVITATION_TTL_DAYS = 14

# Server-side sessions expire after this many hours of inactivity.
SESSION_IDLE_HOURS = 12

WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = False  # forced on in production
REMEMBER_COOKIE_DURATION = 0

# Mail: with no SMTP host the portal writes outgoing mail to the log instead.
SMTP_HOST = ""
SMTP_PORT = 25
MAIL_FROM = "portal@coalition-table.example"

# The public address used in links inside e-mails (invitations).
BASE_URL = "http://127.0.0.1:5000"

# Single sign-on (OpenID Connect).
SSO_HTTP_TIMEOUT = 10            # seconds for every call to a provider
SSO_DISCOVERY_TTL = 3600         # seconds a discovery document is cached
SSO_JWKS_TTL = 3600              # seconds a key set is cached
SSO_JWKS_REFETCH_SECONDS = 300   # at most one refetch per provider for an unknown key id
SSO_ALLOW_LOOPBACK_HTTP = True   # http://127.0.0.1 issuers for tests and the local demo; off in production
SSO_ALLOW_PRIVATE_ISSUERS = False
# Fernet key for client secrets; empty means: derived from SECRET_KEY.
ENCRYPTION_KEY = ""
