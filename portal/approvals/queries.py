"""What awaits a person's decision."""
from __future__ import annotations

from sqlalchemy import select

from portal.access.declarations import approvable_clause
from portal.db import db
from portal.declarations.models import Declaration, DeclarationRevision, Status


def awaiting_decision(user, filters=None) -> list[DeclarationRevision]:
    query = (select(DeclarationRevision).join(Declaration, DeclarationRevision.declaration_id == Declaration.id)
             .where(DeclarationRevision.status == Status.PENDING.value, approvable_clause(user))
             .order_by(DeclarationRevision.submitted_at))
    return list(db.session.scalars(query))
