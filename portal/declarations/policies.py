"""A national's approval policy, per table level and declaration kind."""
from __future__ import annotations

from dataclasses import dataclass

from portal.audit.operations import record
from portal.db import db, utcnow
from portal.declarations.models import ApprovalPolicy, Kind, Visibility
from portal.errors import InvalidInput
from portal.orgs.models import Organization
from portal.tables.models import TableLevel


@dataclass(frozen=True)
class EffectivePolicy:
    requires_approval: bool
    max_visibility: str


# Until a national decides otherwise, affiliates' declarations need its approval
# and may be shared as widely as the affiliate chooses.
DEFAULT = EffectivePolicy(requires_approval=True, max_visibility=Visibility.TABLE.value)


def effective_policy(national_id: int, level: str, kind: str) -> EffectivePolicy:
    row = db.session.get(ApprovalPolicy, (national_id, level, kind))
    return EffectivePolicy(row.requires_approval, row.max_visibility) if row else DEFAULT


def policy_grid(national: Organization) -> list[tuple[str, str, EffectivePolicy]]:
    return [(level.value, kind.value, effective_policy(national.id, level.value, kind.value))
            for level in TableLevel for kind in Kind]


def set_policy(actor, national: Organization, level: str, kind: str, *, requires_approval: bool,
               max_visibility: str) -> None:
    if national.kind != "national":
        raise InvalidInput("Approval policies belong to nationals.")
    try:
        level, kind, max_visibility = TableLevel(level).value, Kind(kind).value, Visibility(max_visibility).value
    except ValueError:
        raise InvalidInput("Choose a level, a kind and a visibility from the lists.") from None
    row = db.session.get(ApprovalPolicy, (national.id, level, kind))
    before = {"requires_approval": row.requires_approval, "max_visibility": row.max_visibility} if row else None
    if row is None:
        row = ApprovalPolicy(national_id=national.id, level=level, kind=kind)
        db.session.add(row)
    row.requires_approval, row.max_visibility = bool(requires_approval), max_visibility
    row.updated_at, row.updated_by_id = utcnow(), actor.id
    db.session.flush()
    record(actor, "policy.changed", national, f"{national.name}: affiliates' {level.replace('_', ' ')} {kind}s "
           f"{'need' if requires_approval else 'do not need'} approval; shared at most with "
           f"{Visibility(max_visibility).value}", before=before,
           after={"level": level, "kind": kind, "requires_approval": bool(requires_approval),
                  "max_visibility": max_visibility}, organization=national)
