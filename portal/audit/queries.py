"""Reading the audit trail for an organization's activity page."""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from portal.access.scoping import activity_organization_ids
from portal.audit.models import AuditEvent
from portal.db import db
from portal.orgs.models import Organization

PER_PAGE = 50


@dataclass(frozen=True)
class Entry:
    event: AuditEvent
    organization_name: str

    @property
    def changes(self) -> list[tuple[str, str, str]]:
        """(field, before, after) for what the event changed; a creation has only afters."""
        before, after = self.event.before or {}, self.event.after or {}
        fields = list(before) + [k for k in after if k not in before]
        return [(field.replace("_", " "), _shown(before.get(field)), _shown(after.get(field)))
                for field in fields if before.get(field) != after.get(field)]


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    return str(value)


@dataclass(frozen=True)
class ActivityPage:
    entries: list[Entry]
    number: int
    has_next: bool


def activity(user, org: Organization, page: int, per_page: int = PER_PAGE) -> ActivityPage:
    """The newest events first, of the organizations `user` may follow from `org`'s page."""
    rows = db.session.execute(
        select(AuditEvent, Organization.name)
        .join(Organization, AuditEvent.organization_id == Organization.id)
        .where(AuditEvent.organization_id.in_(activity_organization_ids(user, org)))
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .offset((page - 1) * per_page).limit(per_page + 1)).all()
    entries = [Entry(event, name) for event, name in rows[:per_page]]
    return ActivityPage(entries=entries, number=page, has_next=len(rows) > per_page)
