"""Who reads, keeps and corrects candidate profiles (merged into the action
table by portal.access.policy).

Everyone at the table reads profiles; only the table's facilitator keeps them
and decides corrections. A partner's leaders, approvers and admins suggest
corrections for their own organization. A correction is seen by the suggesting
organization's own tree (the organization and the staff above it) and by the
facilitator: other partners, and the site admin, never see it."""
from __future__ import annotations

from portal.access.policy import (Grant, Rule, _facilitated_table_ids, _table_reader, grants_on_organization,
                                  partner_grants)
from portal.access.roles import Role
from portal.profiles.models import ProfileCorrection
from portal.tables.models import CoalitionTable

# Members read; these roles speak for their organization.
SUGGESTING_ROLES = frozenset({Role.LEADER, Role.APPROVER, Role.ADMIN})


def _profile_keeper(user, table: CoalitionTable) -> Grant | None:
    return Grant("facilitator") if table.id in _facilitated_table_ids(user) else None


def _suggester(user, table: CoalitionTable) -> Grant | None:
    for grant in partner_grants(user, table):
        if grant.role in SUGGESTING_ROLES:
            return grant
    return None


def suggesting_organizations(user, table: CoalitionTable) -> list:
    """The partner organizations at `table` the person speaks for, alphabetical."""
    found = {g.organization.id: g.organization for g in partner_grants(user, table) if g.role in SUGGESTING_ROLES}
    return sorted(found.values(), key=lambda o: o.name.lower())


def may_suggest_for(user, organization) -> Grant | None:
    """A role held AT `organization` that lets the person speak for it. Held
    directly: a national's staff suggest as the national, not as an affiliate."""
    for grant in grants_on_organization(user, organization):
        if not grant.inherited and grant.role in SUGGESTING_ROLES:
            return grant
    return None


def _correction_reader(user, correction: ProfileCorrection) -> Grant | None:
    table = correction.candidate.race.table
    if table.id in _facilitated_table_ids(user):
        return Grant("facilitator")
    if correction.organization.root_id not in table.partner_ids:
        return None
    grants = grants_on_organization(user, correction.organization)
    return grants[0] if grants else None


def _correction_decider(user, correction: ProfileCorrection) -> Grant | None:
    return _profile_keeper(user, correction.candidate.race.table)


ACTIONS: dict = {
    "profiles.view": Rule(CoalitionTable, _table_reader),
    "profiles.edit": Rule(CoalitionTable, _profile_keeper),
    "profiles.suggest": Rule(CoalitionTable, _suggester),
    "profiles.view_correction": Rule(ProfileCorrection, _correction_reader),
    "profiles.decide": Rule(ProfileCorrection, _correction_decider),
}
# Models whose visibility decides 404 (see policy.VISIBILITY_ACTION).
VISIBILITY_ACTION: dict = {ProfileCorrection: "profiles.view_correction"}
