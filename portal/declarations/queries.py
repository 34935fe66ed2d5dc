"""Reading declarations for pages, each list in a constant number of queries.
Who may see what is decided in portal.access.declarations, never here."""
from __future__ import annotations

from datetime import datetime
from itertools import groupby

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, contains_eager, defaultload, lazyload, raiseload

from portal.access.declarations import approvable_clause, visible_current_clause
from portal.db import db
from portal.declarations.models import Declaration, DeclarationRevision, Status
from portal.orgs.models import Organization
from portal.races.models import Race
from portal.tables.models import CoalitionTable


def in_force_at_table(user, table, now: datetime) -> list[tuple[Race, list[Declaration]]]:
    """The versions in force at `table` that `user` may see, grouped by race
    (state, then district) and, within a race, partners in alphabetical order:
    never ranked by who backs most."""
    national = aliased(Organization)
    partner_name = func.lower(func.coalesce(national.name, Organization.name))
    query = (select(Declaration)
             .join(DeclarationRevision, DeclarationRevision.id == Declaration.current_revision_id)
             .join(Race, Race.id == Declaration.race_id)
             .join(Organization, Organization.id == Declaration.organization_id)
             .outerjoin(national, national.id == Organization.national_id)
             .where(visible_current_clause(user, table, now))
             .options(contains_eager(Declaration.current), contains_eager(Declaration.race),
                      contains_eager(Declaration.organization).contains_eager(Organization.national.of_type(national)),
                      raiseload(Declaration.revisions))
             .order_by(Race.state_code, Race.district, Race.election_date, Race.id, partner_name,
                       func.lower(Organization.name), Declaration.kind, Declaration.id))
    declarations = db.session.scalars(query).unique().all()
    return [(race, list(rows)) for race, rows in groupby(declarations, key=lambda d: d.race)]


def of_organization(org: Organization) -> list[Declaration]:
    """Everything `org` itself declared, newest change first (revisions come in
    one more query)."""
    # The lists name the table and the race; the tables' partners and the races'
    # candidates are not needed, so they are not fetched with every declaration.
    return list(db.session.scalars(
        select(Declaration).where(Declaration.organization_id == org.id)
        .options(defaultload(Declaration.table).lazyload(CoalitionTable.partners),
                 defaultload(Declaration.table).lazyload(CoalitionTable.facilitator_assignment),
                 defaultload(Declaration.race).lazyload(Race.candidates))
        .order_by(Declaration.updated_at.desc(), Declaration.id.desc())).unique())


def awaiting_decision_count(user) -> int:
    """How many pending revisions wait for this person's decision."""
    return db.session.scalar(
        select(func.count()).select_from(DeclarationRevision)
        .join(Declaration, DeclarationRevision.declaration_id == Declaration.id)
        .where(DeclarationRevision.status == Status.PENDING.value, approvable_clause(user))) or 0
