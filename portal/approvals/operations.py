"""National staff decide affiliates' declarations. A decision is a conditional
UPDATE (only while still pending), so two approvers deciding the same item at
the same moment produce exactly one decision; the other is told who decided."""
from __future__ import annotations

from sqlalchemy import update

from portal.access.policy import can
from portal.audit.operations import record
from portal.db import db, utcnow
from portal.declarations.models import DeclarationRevision, Status
from portal.declarations.operations import _put_in_force, _snapshot
from portal.errors import Conflict, InvalidInput
from portal.notifications.operations import notify_submitter

REASON_MAX = 500


def decide(actor, revision: DeclarationRevision, *, approve: bool, reason: str | None = None) -> DeclarationRevision:
    declaration = revision.declaration
    if not can(actor, "declarations.approve", declaration.organization):
        raise InvalidInput("Only national staff above this organization decide its declarations.")
    if revision.submitted_by_id == actor.id:
        raise InvalidInput("Nobody approves their own declaration: another approver must decide it.")
    reason = (reason or "").strip() or None
    if not approve and not reason:
        raise InvalidInput("Say why you reject it: the submitter sees the reason.", field="reason")
    if reason and len(reason) > REASON_MAX:
        raise InvalidInput(f"Keep the reason under {REASON_MAX} characters.", field="reason")
    status = Status.APPROVED.value if approve else Status.REJECTED.value
    now = utcnow()
    claimed = db.session.execute(
        update(DeclarationRevision)
        .where(DeclarationRevision.id == revision.id, DeclarationRevision.status == Status.PENDING.value)
        .values(status=status, decided_by_id=actor.id, decided_at=now, reason=reason)
        .execution_options(synchronize_session=False))
    db.session.refresh(revision)
    if claimed.rowcount != 1:
        who = revision.decided_by.name if revision.decided_by else "its submitter"
        when = f" at {revision.decided_at:%b %d, %Y %H:%M UTC}" if revision.decided_at else ""
        raise Conflict(f"This was already {revision.status} by {who}{when}.")
    if approve:
        _put_in_force(declaration, revision)
    declaration.updated_at, declaration.updated_by_id = now, actor.id
    db.session.flush()
    record(actor, f"{declaration.kind}.{status}", declaration, f"{declaration.organization.name}: {declaration.kind} "
           f"for {declaration.subject} {status}" + (f" — {reason}" if reason else ""), after=_snapshot(revision),
           organization=declaration.organization, table=declaration.table)
    notify_submitter(revision)
    if approve and declaration.kind == "endorsement":  # a rejection leaves the version in force as it was
        from portal.facilitator.critical_mass import refresh
        refresh(declaration.table, race=declaration.race)
    return revision
