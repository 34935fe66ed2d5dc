"""The permission rules, without HTTP: role x relation to the target x action.

Roles held at the organization itself apply there; admin and approver also
cascade DOWN to every descendant; nothing cascades up or sideways."""
from __future__ import annotations

import pytest

from portal.access.decorators import requires
from portal.access.policy import UnknownAction, can, explain
from portal.access.scoping import visible_organizations, visible_tables
from portal.db import db
from portal.orgs import operations as orgs
from tests.factories import create_local, create_national, create_state, create_table, create_user, grant

ROLES = ("admin", "approver", "leader", "member")
RELATIONS = ("own", "ancestor", "descendant", "sibling", "other_national", "facilitator", "anonymous")

# Which roles may do each action at an organization where they hold the role.
HOLDERS = {
    "orgs.view": set(ROLES),
    "members.view": set(ROLES),
    "orgs.edit": {"admin"},
    "orgs.create_affiliate": {"admin"},
    "orgs.move": {"admin"},
    "orgs.archive": {"admin"},
    "members.invite": {"admin", "approver"},
    "members.manage": {"admin"},
}
CASCADING = {"admin", "approver"}


def expected(role: str, relation: str, action: str) -> bool:
    if relation == "own":
        return role in HOLDERS[action]
    if relation == "ancestor":
        return role in HOLDERS[action] and role in CASCADING
    return False  # descendant, sibling, other national, facilitator, anonymous: never


class World:
    """national -> state (the target) -> local; a sibling state; another national."""

    def __init__(self):
        self.national = create_national("Alpha Alliance")
        self.target = create_state(self.national, "MO", "Alpha Missouri")
        self.local = create_local(self.target, "St. Louis", "Alpha St. Louis")
        self.sibling = create_state(self.national, "KS", "Alpha Kansas")
        self.other = create_national("Bravo Network")
        self.other_state = create_state(self.other, "MO", "Bravo Missouri")
        self.facilitator = create_user("fac@neutral.example", "Neutral Facilitator")
        self.table = create_table("Alpha table", partners=[self.national], facilitator=self.facilitator)
        self.other_table = create_table("Bravo table", partners=[self.other])

    def holder_of(self, role: str, relation: str):
        if relation == "anonymous":
            return None
        if relation == "facilitator":
            return self.facilitator
        where = {"own": self.target, "ancestor": self.national, "descendant": self.local,
                 "sibling": self.sibling, "other_national": self.other_state}[relation]
        user = create_user(f"{role}-{relation}@example.org")
        grant(user, where, role)
        return user


@pytest.fixture
def world(app):
    return World()


class Anonymous:
    is_authenticated = False
    is_active = False


# Facilitators and anonymous visitors hold no role, so they appear once, not once per role.
PERSONAS = [(role, relation) for role in ROLES for relation in RELATIONS[:5]] + [
    (None, "facilitator"), (None, "anonymous")]


@pytest.mark.parametrize("role, relation", PERSONAS)
def test_organization_permission_matrix(world, role, relation):
    """One case per persona; every action is checked and all mismatches reported together."""
    user = world.holder_of(role, relation) or Anonymous()
    wrong = {action: can(user, action, world.target) for action in sorted(HOLDERS)
             if can(user, action, world.target) is not expected(role, relation, action)}
    assert wrong == {}, f"{role} by {relation} relation: got {wrong}"


@pytest.mark.parametrize("role, relation", PERSONAS)
def test_table_reading_follows_partnership_not_role(world, role, relation):
    """Anyone in a partner national's tree reads the table; nobody else."""
    user = world.holder_of(role, relation) or Anonymous()
    sits_at_table = relation in ("own", "ancestor", "descendant", "sibling", "facilitator")
    assert can(user, "tables.view", world.table) is sits_at_table
    assert can(user, "tables.view", world.other_table) is (relation == "other_national")


@pytest.mark.parametrize("role, relation", PERSONAS)
def test_only_the_facilitator_and_site_admin_keep_the_race_list(world, role, relation):
    user = world.holder_of(role, relation) or Anonymous()
    assert can(user, "races.manage", world.table) is (relation == "facilitator")
    assert can(user, "races.manage", world.other_table) is False
    assert can(user, "tables.manage") is False


def test_the_site_admin_may_do_everything_on_organizations_and_tables(world):
    admin = create_user("root@example.org", site_admin=True)
    for action in HOLDERS:
        assert can(admin, action, world.target), action
    assert can(admin, "tables.manage") and can(admin, "races.manage", world.table)
    assert can(admin, "nationals.create")


def test_explain_says_which_membership_granted_access(world):
    admin = world.holder_of("admin", "ancestor")
    assert explain(admin, "orgs.edit", world.target).describe() == "admin of Alpha Alliance (national), inherited"
    leader = world.holder_of("leader", "own")
    assert explain(leader, "orgs.view", world.target).describe() == "leader of Alpha Missouri (state affiliate), direct"
    assert explain(leader, "orgs.edit", world.target) is None


def test_a_national_is_archived_or_moved_only_by_the_site_admin(world):
    national_admin = world.holder_of("admin", "ancestor")
    assert not can(national_admin, "orgs.archive", world.national)
    assert not can(national_admin, "orgs.move", world.national)
    assert can(national_admin, "orgs.archive", world.local)


def test_roles_held_at_an_archived_organization_grant_nothing(world):
    leader = world.holder_of("leader", "descendant")  # leader at the local
    admin = world.holder_of("admin", "ancestor")
    assert can(leader, "orgs.view", world.local)
    orgs.archive_organization(admin, world.local)
    db.session.flush()
    assert not can(leader, "orgs.view", world.local)
    assert not can(admin, "orgs.edit", world.local), "archived organizations are read-only"
    assert can(admin, "orgs.restore", world.local)


def test_an_unknown_action_raises_instead_of_deciding(world):
    with pytest.raises(UnknownAction):
        can(world.facilitator, "orgs.delete_everything", world.target)
    with pytest.raises(UnknownAction):
        requires("tables.frobnicate")


def test_a_target_of_the_wrong_kind_is_a_programming_error(world):
    with pytest.raises(TypeError):
        can(world.facilitator, "orgs.view", world.table)
    with pytest.raises(TypeError):
        can(world.facilitator, "tables.manage", world.table)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["national", "target", "local", "sibling", "other_state"])
def test_scoped_queries_agree_with_can(world, role, where):
    user = create_user(f"scope-{role}-{where}@example.org")
    grant(user, getattr(world, where), role)
    everything = [world.national, world.target, world.local, world.sibling, world.other, world.other_state]
    listed = set(db.session.scalars(visible_organizations(user)))
    assert listed == {org for org in everything if can(user, "orgs.view", org)}
    tables = set(db.session.scalars(visible_tables(user)))
    assert tables == {t for t in (world.table, world.other_table) if can(user, "tables.view", t)}


def test_a_facilitator_sees_their_table_and_no_organization(world):
    everything = [world.national, world.target, world.local, world.sibling, world.other, world.other_state]
    assert not any(can(world.facilitator, "orgs.view", org) for org in everything)
    assert list(db.session.scalars(visible_organizations(world.facilitator))) == []
    assert list(db.session.scalars(visible_tables(world.facilitator))) == [world.table]
