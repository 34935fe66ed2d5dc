"""What awaits a person's decision, and how each item differs from the
version in force."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import contains_eager, joinedload

from portal.access.declarations import approvable_clause, approvable_organizations
from portal.access.scoping import visible_tables
from portal.db import db
from portal.declarations.models import Declaration, DeclarationRevision, Stance, Status, Visibility
from portal.orgs.models import Organization
from portal.orgs.states import STATES

QUEUE_LIMIT = 200  # beyond this, filters narrow the queue down


@dataclass(frozen=True)
class QueueFilters:
    table_id: int | None = None
    state: str | None = None            # the declaring affiliate's state
    organization_id: int | None = None  # an affiliate, with its locals
    kind: str | None = None

    def as_args(self) -> dict:
        return {name: value for name, value in vars(self).items() if value is not None}


@dataclass(frozen=True)
class FilterChoices:
    """What the person may filter by: their tables and the affiliates they decide for."""
    tables: list
    organizations: list[Organization]

    @property
    def states(self) -> list[tuple[str, str]]:
        codes = {org.state_code for org in self.organizations if org.state_code}
        return sorted(((code, STATES[code]) for code in codes), key=lambda pair: pair[1])


def filter_choices(user) -> FilterChoices:
    return FilterChoices(tables=list(db.session.scalars(visible_tables(user))),
                         organizations=list(db.session.scalars(approvable_organizations(user))))


def _queue_query(user, filters: QueueFilters):
    # Everything the page shows is loaded here, so the number of queries does
    # not grow with the number of items.
    query = (select(DeclarationRevision)
             .join(Declaration, DeclarationRevision.declaration_id == Declaration.id)
             .join(Organization, Declaration.organization_id == Organization.id)
             .where(DeclarationRevision.status == Status.PENDING.value, approvable_clause(user))
             .options(contains_eager(DeclarationRevision.declaration).options(
                 contains_eager(Declaration.organization), joinedload(Declaration.table),
                 joinedload(Declaration.race), joinedload(Declaration.candidate),
                 joinedload(Declaration.current)))
             .order_by(DeclarationRevision.submitted_at, DeclarationRevision.id))
    if filters.table_id is not None:
        query = query.where(Declaration.table_id == filters.table_id)
    if filters.state is not None:
        query = query.where(Organization.state_code == filters.state)
    if filters.organization_id is not None:
        query = query.where(or_(Organization.id == filters.organization_id,
                                Organization.parent_id == filters.organization_id))
    if filters.kind is not None:
        query = query.where(Declaration.kind == filters.kind)
    return query


def awaiting_decision(user, filters: QueueFilters | None = None, limit: int = QUEUE_LIMIT
                      ) -> list[DeclarationRevision]:
    """Affiliates' pending revisions below where `user` is approver or admin,
    oldest first, narrowed by `filters` (already validated)."""
    return list(db.session.scalars(_queue_query(user, filters or QueueFilters()).limit(limit)).unique())


def revisions_by_id(ids: list[int]) -> list[DeclarationRevision]:
    """The revisions a bulk decision names, loaded at once (access is checked by the caller)."""
    if not ids:
        return []
    return list(db.session.scalars(select(DeclarationRevision).where(DeclarationRevision.id.in_(ids))
                                   .options(joinedload(DeclarationRevision.declaration))).unique())


# --- what a revision says, for people ------------------------------------------------------

FIELD_LABELS = {
    "stance": "Stance", "announced_on": "Announced on", "activity": "Activity", "quantity": "Quantity",
    "unit": "Unit", "starts_on": "From", "ends_on": "Until", "note": "Note", "visibility": "Shared with",
    "share_from": "Shared from",
}


def _shown(field: str, value) -> str:
    if value is None or value == "":
        return "—"
    if field == "stance":
        return Stance(value).label
    if field == "visibility":
        return Visibility(value).label
    if isinstance(value, datetime):
        return value.strftime("%b %d, %Y %H:%M UTC")
    if isinstance(value, date):
        return value.strftime("%b %d, %Y")
    return str(value).replace("_", " ") if field in ("activity", "unit") else str(value)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def proposed_content(revision: DeclarationRevision) -> list[tuple[str, str]]:
    """The fields a revision fills in, as (label, value)."""
    return [(FIELD_LABELS[field], _shown(field, value)) for field, value in revision.content().items()
            if value is not None]


def changes_from_current(revision: DeclarationRevision) -> list[Change]:
    """How a pending revision differs from the version in force; empty when
    nothing is in force yet (or nothing differs)."""
    current = revision.declaration.current
    if current is None or current.id == revision.id:
        return []
    before, after = current.content(), revision.content()
    return [Change(FIELD_LABELS[field], _shown(field, before[field]), _shown(field, after[field]))
            for field in DeclarationRevision.CONTENT_FIELDS if before[field] != after[field]]
