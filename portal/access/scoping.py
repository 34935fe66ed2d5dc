"""Scoping: the query filters through which every read of organization-owned
rows goes, so a foreign row is simply never found (Redash's get_by_id_and_org).

These mirror policy.grants_on_organization for whole queries; a test checks
that the two agree on every organization."""
from __future__ import annotations

from sqlalchemy import ColumnElement, Select, false, or_, select, true

from portal.access.policy import _facilitated_table_ids, _memberships, grants_on_organization
from portal.access.roles import CASCADING_ROLES, Role
from portal.db import db
from portal.orgs.models import Organization, OrgKind
from portal.tables.models import CoalitionTable, TablePartner


def organization_scope(user, roles: set[Role] | None = None, *,
                       site_admin_sees_all: bool = True) -> ColumnElement[bool]:
    """Organizations where `user` holds one of `roles` (any role when None),
    directly or through a cascading role held at an ancestor. The site admin
    manages every tree, but does not read organizations' declarations
    (site_admin_sees_all=False there)."""
    if user.is_site_admin and site_admin_sees_all:
        return true()
    wanted = roles or set(Role)
    direct, cascade_nationals, cascade_states = set(), set(), set()
    for membership in _memberships(user):
        role = Role(membership.role)
        if role not in wanted:
            continue
        direct.add(membership.organization_id)
        if role in CASCADING_ROLES:
            kind = membership.organization.kind
            if kind == OrgKind.NATIONAL:
                cascade_nationals.add(membership.organization_id)
            elif kind == OrgKind.STATE:
                cascade_states.add(membership.organization_id)
    clauses = []
    if direct:
        clauses.append(Organization.id.in_(direct))
    if cascade_nationals:
        clauses.append(Organization.national_id.in_(cascade_nationals))
    if cascade_states:
        clauses.append(Organization.parent_id.in_(cascade_states))
    return or_(*clauses) if clauses else false()


def subtree_clause(org: Organization) -> ColumnElement[bool]:
    """The organization and everything below it (the tree is at most three deep)."""
    if org.kind == OrgKind.NATIONAL:
        return or_(Organization.id == org.id, Organization.national_id == org.id)
    if org.kind == OrgKind.STATE:
        return or_(Organization.id == org.id, Organization.parent_id == org.id)
    return Organization.id == org.id


def activity_organization_ids(user, org: Organization) -> Select:
    """Whose audit events `user` reads on `org`'s activity page: the
    organization's own; and its whole subtree (archived affiliates included,
    history stays history) for those holding admin or approver there or above,
    since those roles cascade. Nobody else, the site admin included."""
    grants = grants_on_organization(user, org)
    if not grants:
        return select(Organization.id).where(false())
    if any(grant.role in CASCADING_ROLES for grant in grants):
        return select(Organization.id).where(subtree_clause(org))
    return select(Organization.id).where(Organization.id == org.id)


def visible_organizations(user, roles: set[Role] | None = None, include_archived: bool = False) -> Select:
    query = select(Organization).where(organization_scope(user, roles))
    if not include_archived:
        query = query.where(Organization.archived_at.is_(None))
    return query


def get_visible_organization(user, org_id: int) -> Organization | None:
    return db.session.scalar(
        select(Organization).where(Organization.id == org_id, organization_scope(user)))


def table_scope(user) -> ColumnElement[bool]:
    """Tables the user sits at: as site admin, as the facilitator, or through
    any role in the tree of a partner national."""
    if user.is_site_admin:
        return true()
    facilitated = _facilitated_table_ids(user)
    roots = {m.organization.root_id for m in _memberships(user)}
    clauses = []
    if facilitated:
        clauses.append(CoalitionTable.id.in_(facilitated))
    if roots:
        clauses.append(CoalitionTable.id.in_(
            select(TablePartner.table_id).where(TablePartner.national_id.in_(roots))))
    return or_(*clauses) if clauses else false()


def visible_tables(user) -> Select:
    return select(CoalitionTable).where(table_scope(user)).order_by(
        CoalitionTable.cycle_year.desc(), CoalitionTable.level, CoalitionTable.name)


def acting_organizations(user) -> list[Organization]:
    """The organizations a person can act for (switch to): where they hold a
    membership directly, alphabetical."""
    return sorted((m.organization for m in _memberships(user)), key=lambda o: o.name.lower())


def strongest_membership_organization(user) -> Organization | None:
    """Where the person holds their highest role; the default organization to act for."""
    memberships = sorted(_memberships(user), key=lambda m: (-Role(m.role).rank, m.organization.name.lower()))
    return memberships[0].organization if memberships else None


def requestable_organizations(user) -> list[Organization]:
    """Where a person may ask for access: the trees of the nationals whose
    identity providers they have signed in through, and nowhere else."""
    from portal.auth.models import Identity
    from portal.sso.models import IdentityProvider
    roots = select(IdentityProvider.national_id).join(Identity, Identity.provider_id == IdentityProvider.id).where(
        Identity.user_id == user.id)
    return list(db.session.scalars(select(Organization).where(
        (Organization.id.in_(roots)) | (Organization.national_id.in_(roots)),
        Organization.archived_at.is_(None)).order_by(Organization.name)))
