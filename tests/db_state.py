"""What the database holds, to prove that a request changed nothing."""
from __future__ import annotations

import hashlib

from sqlalchemy import text

from portal.db import Base, db


# Refused sign-ins are recorded on purpose: evidence, not a change made by the request.
EVIDENCE_ACTIONS = ("auth.sso_refused", "auth.sign_in_failed")


def fingerprint() -> str:
    """A hash of every row of every table, read on a connection of its own so
    it sees exactly what has been committed (records of refused sign-ins aside)."""
    digest = hashlib.sha256()
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            digest.update(table.name.encode())
            query = f'SELECT * FROM "{table.name}"'
            if table.name == "audit_events":
                query += " WHERE action NOT IN ('" + "', '".join(EVIDENCE_ACTIONS) + "')"
            for row in conn.execute(text(query + " ORDER BY 1")):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()
