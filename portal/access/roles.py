"""The role table. Roles are held at one organization; admin and approver
cascade DOWN the tree to every descendant. Nothing cascades up or sideways."""
from __future__ import annotations

import enum


class Role(str, enum.Enum):
    ADMIN = "admin"        # manages the organization's tree and its people
    APPROVER = "approver"  # national staff: approves affiliate activity
    LEADER = "leader"      # declares endorsements and capacity for the organization
    MEMBER = "member"      # reads

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def rank(self) -> int:
        return ROLE_RANK[self]


ROLE_RANK: dict[Role, int] = {Role.ADMIN: 4, Role.APPROVER: 3, Role.LEADER: 2, Role.MEMBER: 1}
CASCADING_ROLES: frozenset[Role] = frozenset({Role.ADMIN, Role.APPROVER})

ROLE_DESCRIPTIONS: dict[Role, str] = {
    Role.ADMIN: "manages this organization, its affiliates and their people",
    Role.APPROVER: "approves activity of this organization and its affiliates",
    Role.LEADER: "declares endorsements and capacity for this organization",
    Role.MEMBER: "reads this organization's activity",
}


def roles_grantable_by(role: Role) -> list[Role]:
    """A person may grant roles equal to or lower than their own."""
    return [r for r in Role if r.rank <= role.rank]
