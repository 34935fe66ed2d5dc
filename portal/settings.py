"""Configuration: defaults from config/defaults.py, then PORTAL_* environment
variables, then (in tests) a mapping passed to create_app. Production refuses
settings that would be unsafe in front of real organizers."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULTS_FILE = PROJECT_ROOT / "config" / "defaults.py"
MIN_SECRET_KEY_LENGTH = 32
WEAK_SECRET_KEYS = {"dev", "secret", "changeme", "change-me", "development", "test"}


class UnsafeConfiguration(RuntimeError):
    """Raised at start-up when production settings are unsafe."""


def load_settings(app: Flask, overrides: dict | None) -> None:
    app.config.from_pyfile(str(DEFAULTS_FILE))
    app.config.from_prefixed_env("PORTAL")
    if overrides:
        app.config.update(overrides)
    if not app.config["DATABASE_URL"]:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["DATABASE_URL"] = f"sqlite:///{Path(app.instance_path) / 'portal.db'}"
    if app.config["ENV"] == "production":
        _refuse_unsafe_production(app)
        app.config["SESSION_COOKIE_SECURE"] = True
        # Providers must be https on public addresses in production.
        app.config["SSO_ALLOW_LOOPBACK_HTTP"] = False
        app.config["SSO_ALLOW_PRIVATE_ISSUERS"] = False
    elif not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _development_secret_key(Path(app.instance_path))


def _refuse_unsafe_production(app: Flask) -> None:
    key = str(app.config.get("SECRET_KEY") or "")
    if len(key) < MIN_SECRET_KEY_LENGTH or key.lower() in WEAK_SECRET_KEYS:
        raise UnsafeConfiguration(
            f"PORTAL_SECRET_KEY must be set to a random value of at least "
            f"{MIN_SECRET_KEY_LENGTH} characters in production"
        )
    if app.debug or app.config.get("DEBUG"):
        raise UnsafeConfiguration("debug mode must be off in production")
    if app.config["DATABASE_URL"].startswith("sqlite"):
        raise UnsafeConfiguration("production needs PostgreSQL: set PORTAL_DATABASE_URL")


def _development_secret_key(instance: Path) -> str:
    """A per-checkout key so development sessions survive restarts without
    anyone committing a key to the repository."""
    instance.mkdir(parents=True, exist_ok=True)
    key_file = instance / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        os.chmod(key_file, 0o600)
    return key_file.read_text().strip()
