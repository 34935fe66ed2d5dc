"""What the facilitator viewed in bulk goes into the facilitator log that the
table's partners read: neutrality is easier to trust when it can be checked.

Only the table's facilitator is logged (partners reading their own table's
matrix are not the facilitator's business). A page opened again with the same
filters within a quarter of an hour is one viewing, not a new entry each reload."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.audit.operations import record
from portal.db import db, utcnow

SAME_VIEWING = timedelta(minutes=15)


def note_bulk_view(viewer, table, what: str, filters: dict | None = None) -> None:
    if table.facilitator_id is None or table.facilitator_id != viewer.id:
        return
    applied = {k: v for k, v in (filters or {}).items() if v}
    summary = f"Viewed the {what} of {table.name}" + (
        " (" + ", ".join(f"{k}: {v}" for k, v in sorted(applied.items())) + ")" if applied else "")
    recent = db.session.scalar(
        select(AuditEvent.id).where(AuditEvent.table_id == table.id, AuditEvent.actor_id == viewer.id,
                                    AuditEvent.action == "matrix.viewed", AuditEvent.summary == summary[:300],
                                    AuditEvent.occurred_at > utcnow() - SAME_VIEWING).limit(1))
    if recent is None:
        record(viewer, "matrix.viewed", table, summary, after={"view": what, "filters": applied}, table=table)
