"""Writing the audit trail. Operations call record() inside their own
transaction, so a change and its audit record commit or fail together."""
from __future__ import annotations

from typing import Any

from flask import has_request_context, request

from portal.audit.models import AuditEvent
from portal.db import db


def record(actor, action: str, subject, summary: str, *, before: dict[str, Any] | None = None,
           after: dict[str, Any] | None = None, organization=None, table=None) -> AuditEvent:
    if subject is not None and getattr(subject, "id", None) is None:
        db.session.flush()  # the subject needs its id in the record
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        subject_type=type(subject).__name__ if subject is not None else "-",
        subject_id=getattr(subject, "id", None),
        organization_id=getattr(organization, "id", None),
        national_id=organization.root_id if organization is not None else None,
        table_id=getattr(table, "id", None),
        summary=summary[:300],
        before=before,
        after=after,
        remote_addr=request.remote_addr if has_request_context() else None,
    )
    db.session.add(event)
    return event


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict, dict]:
    """Only the fields that changed, for compact before/after records."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
