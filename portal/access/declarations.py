"""Who sees which declaration. One rule, in two forms: a predicate for one
declaration, and a SQL clause for lists; a test holds them to each other.

- Its own tree (anyone holding a role at the organization, and national staff
  above it through admin/approver) sees everything, pending and rejected too.
- The table's facilitator sees the version in force (approved) once it is
  shared with the facilitator or the table and past its embargo.
- Partners at the table (anyone in a partner national's tree, siblings
  included) see the version in force once shared with the table and past its
  embargo.
- Nobody else, the site admin included: an unshared plan is its owner's secret.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, case, false, or_, select

from portal.access.policy import _facilitated_table_ids, approving_memberships, grants_on_organization, partner_grants
from portal.access.scoping import organization_scope
from portal.declarations.models import Declaration, DeclarationRevision, Status, Visibility
from portal.orgs.models import Organization


def in_own_tree(user, org: Organization) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(grants_on_organization(user, org))


def can_see_revision(user, declaration: Declaration, revision: DeclarationRevision, now: datetime) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if in_own_tree(user, declaration.organization):
        return True
    if revision.id != declaration.current_revision_id or revision.status != Status.APPROVED.value:
        return False
    shared = revision.shared_with_at(now)
    if declaration.table_id in _facilitated_table_ids(user):
        return shared in (Visibility.FACILITATOR.value, Visibility.TABLE.value)
    if partner_grants(user, declaration.table):
        return shared == Visibility.TABLE.value
    return False


def shared_with_expression(now: datetime):
    """A revision's visibility in effect at `now` (embargoed ones count as own)."""
    return case((and_(DeclarationRevision.share_from.is_not(None), DeclarationRevision.share_from > now),
                 Visibility.OWN.value), else_=DeclarationRevision.visibility)


def own_tree_clause(user) -> ColumnElement[bool]:
    return Declaration.organization_id.in_(
        select(Organization.id).where(organization_scope(user, site_admin_sees_all=False)))


def others_see_current_clause(user, table, now: datetime) -> ColumnElement[bool]:
    """For a query joining Declaration to its current revision (DeclarationRevision
    aliased to the version in force): rows this person may see as facilitator or
    partner at `table`."""
    shared = shared_with_expression(now)
    in_force = and_(DeclarationRevision.id == Declaration.current_revision_id,
                    DeclarationRevision.status == Status.APPROVED.value, Declaration.table_id == table.id)
    if table.id in _facilitated_table_ids(user):
        return and_(in_force, shared.in_([Visibility.FACILITATOR.value, Visibility.TABLE.value]))
    if partner_grants(user, table):
        return and_(in_force, shared == Visibility.TABLE.value)
    return false()


def table_wide_clause(table, now: datetime) -> ColumnElement[bool]:
    """Declarations at `table` whose version in force EVERY partner sees (approved,
    shared with the whole table, past its embargo): what may appear in anything
    published to the whole table, such as a drafted meeting agenda."""
    return and_(DeclarationRevision.id == Declaration.current_revision_id, Declaration.table_id == table.id,
                DeclarationRevision.status == Status.APPROVED.value,
                shared_with_expression(now) == Visibility.TABLE.value)


def visible_current_clause(user, table, now: datetime) -> ColumnElement[bool]:
    """Declarations at `table` whose version in force this person may see."""
    if not getattr(user, "is_authenticated", False):
        return false()
    in_force = and_(DeclarationRevision.id == Declaration.current_revision_id, Declaration.table_id == table.id)
    return or_(and_(in_force, own_tree_clause(user)), others_see_current_clause(user, table, now))


def approvable_organizations_clause(user) -> ColumnElement[bool]:
    """Organizations strictly below where `user` is approver or admin: those
    whose declarations the person decides. (The tree is at most three deep: a
    national's descendants carry its id, a state's are its children.)"""
    staff = approving_memberships(user)
    nationals = [m.organization_id for m in staff if m.organization.kind == "national"]
    states = [m.organization_id for m in staff if m.organization.kind == "state"]
    if not nationals and not states:
        return false()
    return or_(Organization.national_id.in_(nationals), Organization.parent_id.in_(states))


def approvable_organizations(user) -> Select:
    """The affiliates whose declarations `user` decides, by name (the queue's filter)."""
    return select(Organization).where(approvable_organizations_clause(user)).order_by(Organization.name)


def approvable_clause(user) -> ColumnElement[bool]:
    """Declarations of organizations strictly below where `user` is approver or
    admin: the approval queue."""
    return Declaration.organization_id.in_(
        select(Organization.id).where(approvable_organizations_clause(user)))

