"""Client secrets are stored encrypted (Fernet). The key is PORTAL_ENCRYPTION_KEY
when set, else derived from the secret key, so a database dump alone does not
reveal any national's client secret."""
from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app


def _fernet() -> Fernet:
    configured = current_app.config.get("ENCRYPTION_KEY")
    if configured:
        return Fernet(configured)
    digest = hashlib.sha256(b"portal client secrets\0" + current_app.config["SECRET_KEY"].encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt_secret(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt_secret(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise RuntimeError("cannot decrypt a client secret: was the secret or encryption key changed?") from None
