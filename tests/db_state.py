"""What the database holds, to prove that a request changed nothing."""
from __future__ import annotations

import hashlib

from sqlalchemy import text

from portal.db import Base, db


def fingerprint() -> str:
    """A hash of every row of every table, read on a connection of its own so
    it sees exactly what has been committed."""
    digest = hashlib.sha256()
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            digest.update(table.name.encode())
            for row in conn.execute(text(f'SELECT * FROM "{table.name}" ORDER BY 1')):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()
