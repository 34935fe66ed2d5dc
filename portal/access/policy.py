"""can(user, action, target) and explain(user, action, target).

The action table below is the whole policy. Each action names the kind of
target it is asked about and the rule that decides it; a rule returns the
Grant that allowed it (so pages can say *why*), or None. Default deny: an
action missing from the table raises UnknownAction instead of guessing."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from portal.access.roles import CASCADING_ROLES, Role
from portal.db import db
from portal.members.models import Membership
from portal.orgs.models import Organization
from portal.tables.models import CoalitionTable, TableFacilitator, TablePartner


class UnknownAction(LookupError):
    """An action name the policy does not know: a programming error."""


@dataclass(frozen=True)
class Grant:
    """Why someone may do something: which role, held where, inherited or not."""

    kind: str  # "membership", "site_admin", "facilitator", "partner", "signed_in"
    role: Role | None = None
    organization: Organization | None = None
    inherited: bool = False

    def describe(self) -> str:
        if self.kind == "site_admin":
            return "site administrator"
        if self.kind == "facilitator":
            return "facilitator of this table"
        if self.kind == "signed_in":
            return "signed in"
        where = self.organization.name if self.organization else "?"
        if self.kind == "partner":
            return f"{self.role.value if self.role else 'member'} at {where}, a partner of this table"
        level = self.organization.kind_label.lower() if self.organization else ""
        text = f"{self.role.value} of {where} ({level})"
        return f"{text}, inherited" if self.inherited else f"{text}, direct"


# --- memberships, cached per database session and dropped on every flush -----------------

def _memberships(user) -> list[Membership]:
    cache = db.session.info.setdefault("access_memberships", {})
    if user.id not in cache:
        rows = db.session.scalars(
            select(Membership).join(Membership.organization)
            .where(Membership.user_id == user.id, Organization.archived_at.is_(None))
        ).all()
        cache[user.id] = list(rows)
    return cache[user.id]


@event.listens_for(Session, "after_flush")
def _forget_cached_memberships(session, _flush_context):
    session.info.pop("access_memberships", None)
    session.info.pop("access_facilitated", None)


def _facilitated_table_ids(user) -> set[int]:
    cache = db.session.info.setdefault("access_facilitated", {})
    if user.id not in cache:
        cache[user.id] = set(db.session.scalars(
            select(TableFacilitator.table_id).where(TableFacilitator.user_id == user.id)))
    return cache[user.id]


def is_facilitator(user) -> bool:
    return bool(_facilitated_table_ids(user))


def holds_nothing(user) -> bool:
    """No role in any organization and no platform role: such a person may sign
    in (to ask for access) but has nothing to do, and loses any open session
    when their last role goes."""
    return not user.is_site_admin and not is_facilitator(user) and not _memberships(user)


def grants_on_organization(user, org: Organization) -> list[Grant]:
    """Every membership that gives `user` a role at `org`: held there directly,
    or a cascading role held at one of its ancestors."""
    ancestors = set(org.ancestor_ids)
    found = []
    for membership in _memberships(user):
        role = Role(membership.role)
        if membership.organization_id == org.id:
            found.append(Grant("membership", role, membership.organization, inherited=False))
        elif membership.organization_id in ancestors and role in CASCADING_ROLES:
            found.append(Grant("membership", role, membership.organization, inherited=True))
    return sorted(found, key=lambda g: (g.inherited, -g.role.rank))


def approving_memberships(user) -> list[Membership]:
    """Approver and admin roles held at a national or a state: the places with
    affiliates below whose declarations the person decides."""
    return [m for m in _memberships(user) if Role(m.role) in CASCADING_ROLES
            and m.organization.kind in ("national", "state")]


def partner_grants(user, table: CoalitionTable) -> list[Grant]:
    partners = table.partner_ids
    return [Grant("partner", Role(m.role), m.organization)
            for m in _memberships(user) if m.organization.root_id in partners]


# --- rules --------------------------------------------------------------------------------

def _site_admin(user, _target) -> Grant | None:
    return Grant("site_admin") if user.is_site_admin else None


def _signed_in(user, _target) -> Grant | None:
    return Grant("signed_in")


def _org_roles(*roles: Role, on_archived: bool = False) -> Callable:
    """Allowed to holders of one of `roles` at the organization (directly or by
    cascade), and to the site admin. Archived organizations are read-only."""
    allowed = set(roles) if roles else set(Role)

    def rule(user, org: Organization) -> Grant | None:
        if org.is_archived and not on_archived:
            return None
        if user.is_site_admin:
            return Grant("site_admin")
        for grant in grants_on_organization(user, org):
            if grant.role in allowed:
                return grant
        return None

    return rule


def _affiliate_admin(*, on_archived: bool = False) -> Callable:
    """Admins manage the affiliates below them; a national itself is archived
    or restored only by the site admin (it is a whole tenant)."""
    admin_rule = _org_roles(Role.ADMIN, on_archived=on_archived)

    def rule(user, org: Organization) -> Grant | None:
        if org.kind == "national":
            return _site_admin(user, org)
        return admin_rule(user, org)

    return rule


def _national_admin(user, org: Organization) -> Grant | None:
    """A national's own admins (and the site admin) manage what the whole
    national brings, such as its identity provider."""
    if org.kind != "national" or org.is_archived:
        return None
    if user.is_site_admin:
        return Grant("site_admin")
    for grant in grants_on_organization(user, org):
        if grant.role == Role.ADMIN and not grant.inherited:
            return grant
    return None


def _declarer(user, org: Organization) -> Grant | None:
    """Leaders (and admins) declare for the organization where they hold the
    role, never for another one: authority does not flow sideways or up, and
    national staff approve rather than declare for their affiliates."""
    if org.is_archived:
        return None
    for grant in grants_on_organization(user, org):
        if not grant.inherited and grant.role in (Role.LEADER, Role.ADMIN):
            return grant
    return None


def _ancestor_staff(user, org: Organization) -> Grant | None:
    """Approvers and admins of an organization ABOVE this one approve its declarations."""
    for grant in grants_on_organization(user, org):
        if grant.inherited and grant.role in (Role.APPROVER, Role.ADMIN):
            return grant
    return None


def _approver_somewhere(user, _target) -> Grant | None:
    """Someone with affiliates below them to decide for: the approval actions
    that are not about one organization (the bulk decision, the nav link)."""
    staff = approving_memberships(user)
    if not staff:
        return None
    best = min(staff, key=lambda m: (-Role(m.role).rank, m.organization.name.lower()))
    return Grant("membership", Role(best.role), best.organization)


def _own_tree(user, org: Organization) -> Grant | None:
    """The organization's own tree, without the site admin's bypass."""
    grants = grants_on_organization(user, org)
    return grants[0] if grants else None


def _table_reader(user, table: CoalitionTable) -> Grant | None:
    if user.is_site_admin:
        return Grant("site_admin")
    if table.id in _facilitated_table_ids(user):
        return Grant("facilitator")
    grants = partner_grants(user, table)
    return grants[0] if grants else None


def _table_participant(user, table: CoalitionTable) -> Grant | None:
    """The facilitator and people in a partner national's tree: the combined
    view is theirs. The site admin runs the platform but reads no declarations."""
    if table.id in _facilitated_table_ids(user):
        return Grant("facilitator")
    grants = partner_grants(user, table)
    return grants[0] if grants else None


def _table_steward(user, table: CoalitionTable) -> Grant | None:
    """The site admin and the table's facilitator keep the race list."""
    if user.is_site_admin:
        return Grant("site_admin")
    if table.id in _facilitated_table_ids(user):
        return Grant("facilitator")
    return None


@dataclass(frozen=True)
class Rule:
    target_type: type | None
    decide: Callable


ANY = ()
ACTIONS: dict[str, Rule] = {
    # Anyone signed in: their own account and the lists scoped to what they may see.
    "account.view": Rule(None, _signed_in),
    "account.switch_org": Rule(None, _signed_in),
    "orgs.list": Rule(None, _signed_in),
    "tables.list": Rule(None, _signed_in),
    # Organization tree.
    "orgs.view": Rule(Organization, _org_roles(*ANY, on_archived=True)),
    "orgs.edit": Rule(Organization, _org_roles(Role.ADMIN)),
    "orgs.create_affiliate": Rule(Organization, _org_roles(Role.ADMIN)),
    "orgs.move": Rule(Organization, _affiliate_admin()),
    "orgs.archive": Rule(Organization, _affiliate_admin()),
    "orgs.restore": Rule(Organization, _affiliate_admin(on_archived=True)),
    "nationals.create": Rule(None, _site_admin),
    # People.
    "members.view": Rule(Organization, _org_roles(*ANY, on_archived=True)),
    "members.invite": Rule(Organization, _org_roles(Role.ADMIN, Role.APPROVER)),
    "members.manage": Rule(Organization, _org_roles(Role.ADMIN)),
    # Tables, races and candidates.
    "tables.manage": Rule(None, _site_admin),
    "tables.view": Rule(CoalitionTable, _table_reader),
    "races.manage": Rule(CoalitionTable, _table_steward),
    # Declarations (endorsements and capacity pledges) and their approval.
    "declarations.declare": Rule(Organization, _declarer),
    "declarations.read": Rule(Organization, _own_tree),
    "declarations.approve": Rule(Organization, _ancestor_staff),
    "approvals.view": Rule(None, _signed_in),
    "approvals.decide": Rule(None, _approver_somewhere),
    "policies.manage": Rule(Organization, _national_admin),
    "activity.view": Rule(Organization, _own_tree),
    "notifications.manage": Rule(None, _signed_in),
    # The combined view of a table (matrix, critical mass, pictures, exports) and the
    # facilitator's activity log, which partners read for transparency.
    "matrix.view": Rule(CoalitionTable, _table_participant),
    "matrix.export": Rule(CoalitionTable, _table_participant),
    "facilitator_log.view": Rule(CoalitionTable, _table_participant),
    # Single sign-on and access requests.
    "sso.manage": Rule(Organization, _national_admin),
    "access.request": Rule(None, _signed_in),
    # Site administration.
    "admin.view": Rule(None, _site_admin),
    "admin.manage_users": Rule(None, _site_admin),
}

# The action that decides whether a target may be seen at all. When it is
# denied the object does not exist for that person: 404, not 403.
VISIBILITY_ACTION: dict[type, str] = {Organization: "orgs.view", CoalitionTable: "tables.view"}


def known_actions() -> frozenset[str]:
    return frozenset(ACTIONS)


def rule_for(action: str) -> Rule:
    try:
        return ACTIONS[action]
    except KeyError:
        raise UnknownAction(f"no such action: {action!r}") from None


def explain(user, action: str, target=None) -> Grant | None:
    """The grant that allows `user` to do `action` on `target`, or None."""
    rule = rule_for(action)
    if rule.target_type is None:
        if target is not None:
            raise TypeError(f"{action} takes no target, got {target!r}")
    elif not isinstance(target, rule.target_type):
        raise TypeError(f"{action} needs a {rule.target_type.__name__}, got {target!r}")
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return rule.decide(user, target)


def can(user, action: str, target=None) -> bool:
    return explain(user, action, target) is not None


def can_see(user, target) -> bool:
    return can(user, VISIBILITY_ACTION[type(target)], target)


def knows_of(user, target) -> bool:
    """Whether refusing `user` should say "forbidden" rather than "not found".
    True when they can see the target, and for the facilitator of a table about
    the partners' organizations there: the facilitator reads their declarations,
    so pretending those organizations do not exist would be a lie, and acting for
    or on them is what the facilitator must never do (403)."""
    if can_see(user, target):
        return True
    if isinstance(target, Organization) and getattr(user, "is_authenticated", False):
        facilitated = _facilitated_table_ids(user)
        if facilitated:
            partners = db.session.scalars(select(TablePartner.national_id).where(
                TablePartner.table_id.in_(facilitated))).all()
            return target.root_id in partners
    return False


def roles_grantable(user, org: Organization) -> list[Role]:
    """Roles `user` may grant at `org`: equal to or lower than the highest role
    they hold there (the site admin may grant any)."""
    if user.is_site_admin:
        return list(Role)
    if not can(user, "members.invite", org):
        return []
    best = max(grant.role.rank for grant in grants_on_organization(user, org))
    return [role for role in Role if role.rank <= best]


# The coordination spaces (working groups, profiles, meetings, calendars) keep their
# rules in sibling modules, imported here at the very end so every name above exists for them.
from portal.access import calendars, meetings, profiles, workgroups  # noqa: E402

for _domain in (workgroups, profiles, meetings, calendars):
    assert not set(_domain.ACTIONS) & set(ACTIONS), f"{_domain.__name__} redefines an action"
    ACTIONS.update(_domain.ACTIONS)
    VISIBILITY_ACTION.update(_domain.VISIBILITY_ACTION)
