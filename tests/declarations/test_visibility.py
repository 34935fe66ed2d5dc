"""The visibility rule as a table, held against both of its forms.

portal/access/declarations.py states the rule twice: can_see_revision() for
one revision and visible_current_clause() for list queries. VISIBILITY below is
the rule written out by hand, one row per (owner, approval state, visibility,
embargo, revision) and one column per viewer. The tests check that

- can_see_revision() answers exactly what the table says for every cell, and
- the SQL clause returns, for every viewer and table, exactly the declarations
  whose in-force revision the table (and the predicate) lets that viewer see.

Run on SQLite by default and on PostgreSQL with PORTAL_TEST_DATABASE_URL.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from portal.access.declarations import can_see_revision, visible_current_clause
from portal.approvals.operations import decide
from portal.db import utcnow
from portal.declarations.models import Declaration, DeclarationRevision
from portal.declarations.operations import declare, revise, withdraw_pending
from tests.factories import create_local, create_national, create_race, create_state, create_table, create_user, grant

# Viewers, in the order of the table's columns.
#   L  leader of the declaring local (its owner)     M  member of the declaring local
#   A  approver at the national above it              S  leader of the local's parent state (leaders do not cascade)
#   s  leader of a sibling local (same national)      N  leader of the national itself
#   n  member of the national itself                  P  member of another partner national's affiliate
#   F  the table's facilitator                        O  admin of a national that is not a partner
#   X  the site admin                                 -  anonymous
VIEWERS = {"L": "leader", "M": "member", "A": "approver", "S": "state_leader", "s": "sibling",
           "N": "nat_leader", "n": "nat_member", "P": "partner", "F": "facilitator", "O": "outsider",
           "X": "site_admin", "-": "anonymous"}
COLUMNS = tuple(VIEWERS)

# owner:    local = Alpha St. Louis (local under Alpha Missouri under Alpha); national = Alpha itself.
# at:       T = the federal table (F facilitates it); T2 = another table Alpha and Bravo sit at (F does not).
# state:    how the declaration got there; a "+" state has two revisions: the first, then a revision of it.
# vis:      visibility of the revision(s): "table/own" = first revision table, the later one own.
# embargo:  share_from of every revision: none, future (a week ahead), past (yesterday).
# rev:      which revision the row judges; "*" marks the revision in force (Declaration.current).
VISIBILITY = """
owner     at  state               vis                embargo  rev       L M A S s N n P F O X -
local     T   pending             own                none     first     Y Y Y . . . . . . . . .
local     T   pending             facilitator        none     first     Y Y Y . . . . . . . . .
local     T   pending             table              none     first     Y Y Y . . . . . . . . .
local     T   pending             table              past     first     Y Y Y . . . . . . . . .
local     T   approved            own                none     first*    Y Y Y . . . . . . . . .
local     T   approved            facilitator        none     first*    Y Y Y . . . . . Y . . .
local     T   approved            table              none     first*    Y Y Y Y Y Y Y Y Y . . .
local     T   rejected            own                none     first     Y Y Y . . . . . . . . .
local     T   rejected            facilitator        none     first     Y Y Y . . . . . . . . .
local     T   rejected            table              none     first     Y Y Y . . . . . . . . .
local     T   withdrawn           own                none     first     Y Y Y . . . . . . . . .
local     T   withdrawn           facilitator        none     first     Y Y Y . . . . . . . . .
local     T   withdrawn           table              none     first     Y Y Y . . . . . . . . .
local     T   approved+pending    own/table          none     first*    Y Y Y . . . . . . . . .
local     T   approved+pending    own/table          none     second    Y Y Y . . . . . . . . .
local     T   approved+pending    facilitator/table  none     first*    Y Y Y . . . . . Y . . .
local     T   approved+pending    facilitator/table  none     second    Y Y Y . . . . . . . . .
local     T   approved+pending    table/own          none     first*    Y Y Y Y Y Y Y Y Y . . .
local     T   approved+pending    table/own          none     second    Y Y Y . . . . . . . . .
local     T   approved+rejected   table/table        none     first*    Y Y Y Y Y Y Y Y Y . . .
local     T   approved+rejected   table/table        none     second    Y Y Y . . . . . . . . .
local     T   approved+withdrawn  table/table        none     first*    Y Y Y Y Y Y Y Y Y . . .
local     T   approved+withdrawn  table/table        none     second    Y Y Y . . . . . . . . .
local     T   approved+approved   table/own          none     first     Y Y Y . . . . . . . . .
local     T   approved+approved   table/own          none     second*   Y Y Y . . . . . . . . .
local     T   approved+approved   own/table          none     first     Y Y Y . . . . . . . . .
local     T   approved+approved   own/table          none     second*   Y Y Y Y Y Y Y Y Y . . .
local     T   approved            facilitator        future   first*    Y Y Y . . . . . . . . .
local     T   approved            table              future   first*    Y Y Y . . . . . . . . .
local     T   approved            facilitator        past     first*    Y Y Y . . . . . Y . . .
local     T   approved            table              past     first*    Y Y Y Y Y Y Y Y Y . . .
local     T2  approved            facilitator        none     first*    Y Y Y . . . . . . . . .
local     T2  approved            table              none     first*    Y Y Y Y Y Y Y Y . . . .
national  T   approved            own                none     first*    . . Y . . Y Y . . . . .
national  T   approved            facilitator        none     first*    . . Y . . Y Y . Y . . .
national  T   approved            table              none     first*    Y Y Y Y Y Y Y Y Y . . .
national  T   approved            table              future   first*    . . Y . . Y Y . . . . .
national  T   approved            table              past     first*    Y Y Y Y Y Y Y Y Y . . .
national  T   approved+approved   table/own          none     first     . . Y . . Y Y . . . . .
national  T   approved+approved   table/own          none     second*   . . Y . . Y Y . . . . .
national  T   approved+approved   own/table          none     first     . . Y . . Y Y . . . . .
national  T   approved+approved   own/table          none     second*   Y Y Y Y Y Y Y Y Y . . .
"""


@dataclass(frozen=True)
class Row:
    owner: str
    at: str
    state: str
    vis: str
    embargo: str
    rev: str
    in_force: bool
    visible_to: frozenset[str]

    @property
    def recipe(self) -> tuple[str, str, str, str, str]:
        return self.owner, self.at, self.state, self.vis, self.embargo

    def __str__(self) -> str:
        return f"{self.owner}@{self.at} {self.state} {self.vis} embargo={self.embargo} {self.rev}"


def parse_table(text: str) -> list[Row]:
    lines = [line.split() for line in text.strip().splitlines()]
    header, body = lines[0], lines[1:]
    assert tuple(header[6:]) == COLUMNS, "the table's viewer columns are out of step with VIEWERS"
    rows = []
    for cells in body:
        owner, at, state, vis, embargo, rev, *marks = cells
        assert len(marks) == len(COLUMNS) and set(marks) <= {"Y", "."}, cells
        rows.append(Row(owner, at, state, vis, embargo, rev.rstrip("*"), rev.endswith("*"),
                        frozenset(c for c, mark in zip(COLUMNS, marks) if mark == "Y")))
    return rows


ROWS = parse_table(VISIBILITY)


def _pledge_fields(visibility: str, share_from, quantity: int) -> dict:
    return dict(activity="textbank", quantity=quantity, unit="shifts", starts_on=date(2026, 6, 1),
                ends_on=date(2026, 8, 1), visibility=visibility, share_from=share_from,
                note=f"private plan ({visibility})")


@pytest.fixture
def world(app, session):
    alpha = create_national("Alpha Alliance")
    alpha_mo = create_state(alpha, "MO", "Alpha Missouri")
    alpha_stl = create_local(alpha_mo, "St. Louis", "Alpha St. Louis")
    alpha_kc = create_local(alpha_mo, "Kansas City", "Alpha Kansas City")
    bravo = create_national("Bravo Network")
    bravo_mo = create_state(bravo, "MO", "Bravo Missouri")
    charlie = create_national("Charlie Collective")  # not a partner anywhere here

    site_admin = create_user("root@portal.example", "Sita Admin", site_admin=True)
    facilitator = create_user("fac@neutral.example", "Fay Facilitator")
    tables = {
        "T": create_table("Federal 2026", partners=[alpha, bravo], facilitator=facilitator, admin=site_admin),
        "T2": create_table("Federal 2026 (second)", partners=[alpha, bravo], admin=site_admin),
    }
    races = {name: create_race(table, "MO-01", candidates=["Cora Candidate"]) for name, table in tables.items()}

    people = {"facilitator": facilitator, "site_admin": site_admin, "anonymous": AnonymousUserMixin()}
    for key, org, role in [("leader", alpha_stl, "leader"), ("member", alpha_stl, "member"),
                           ("approver", alpha, "approver"), ("state_leader", alpha_mo, "leader"),
                           ("sibling", alpha_kc, "leader"), ("nat_leader", alpha, "leader"),
                           ("nat_member", alpha, "member"), ("partner", bravo_mo, "member"),
                           ("outsider", charlie, "admin")]:
        people[key] = create_user(f"{key.replace('_', '-')}@people.example", key.replace("_", " ").title())
        grant(people[key], org, role)
    session.commit()

    now = utcnow()
    share_from = {"none": None, "future": now + timedelta(days=7), "past": now - timedelta(days=1)}
    owners = {"local": (alpha_stl, people["leader"]), "national": (alpha, people["nat_leader"])}
    approver = people["approver"]

    built: dict[tuple, tuple[Declaration, dict[str, DeclarationRevision]]] = {}
    for number, row in enumerate(ROWS):
        if row.recipe in built:
            continue
        org, actor = owners[row.owner]
        first_vis, _, second_vis = row.vis.partition("/")
        embargo = share_from[row.embargo]
        declaration = declare(actor, org, tables[row.at], kind="pledge", race=races[row.at], candidate=None,
                              stage=None, submission_key=f"visibility-{number}",
                              **_pledge_fields(first_vis, embargo, 10 + number))
        first = declaration.latest
        first_state, _, second_state = row.state.partition("+")
        if row.owner == "local":
            if first_state == "approved":
                decide(approver, first, approve=True)
            elif first_state == "rejected":
                decide(approver, first, approve=False, reason="Not this cycle.")
            elif first_state == "withdrawn":
                withdraw_pending(actor, declaration, None)
        revisions = {"first": first}
        if second_state:
            second = revise(actor, declaration, expected_version=None,
                            **_pledge_fields(second_vis, embargo, 500 + number))
            if row.owner == "local":
                if second_state == "approved":
                    decide(approver, second, approve=True)
                elif second_state == "rejected":
                    decide(approver, second, approve=False, reason="Too many shifts.")
                elif second_state == "withdrawn":
                    withdraw_pending(actor, declaration, None)
            revisions["second"] = second
        built[row.recipe] = (declaration, revisions)
    session.commit()
    return {"people": people, "tables": tables, "built": built}


def test_the_table_describes_the_data_it_judges(world):
    """Each scenario reached the approval state and in-force revision its row names."""
    expected_status = {"pending": "pending", "approved": "approved", "rejected": "rejected",
                       "withdrawn": "withdrawn"}
    for row in ROWS:
        declaration, revisions = world["built"][row.recipe]
        revision = revisions[row.rev]
        states = row.state.split("+")
        wanted = expected_status[states[0] if row.rev == "first" else states[1]]
        if row.rev == "first" and len(states) == 2 and states[1] == "approved":
            wanted = "superseded"
        assert revision.status == wanted, f"{row}: revision is {revision.status}"
        assert (declaration.current_revision_id == revision.id) == row.in_force, f"{row}: in force?"
        assert revision.visibility == row.vis.split("/")[0 if row.rev == "first" else 1], str(row)


def test_can_see_revision_matches_the_table(world):
    """Every cell: 42 revisions x 12 viewers. All disagreements are reported at once."""
    now = utcnow()
    wrong = []
    for column in COLUMNS:
        viewer = world["people"][VIEWERS[column]]
        for row in ROWS:
            declaration, revisions = world["built"][row.recipe]
            expected = column in row.visible_to
            if can_see_revision(viewer, declaration, revisions[row.rev], now) != expected:
                wrong.append(f"  {VIEWERS[column]:>12} | {row}: expected {'visible' if expected else 'hidden'}")
    assert not wrong, "can_see_revision disagrees with the table:\n" + "\n".join(wrong)


def test_the_sql_clause_returns_exactly_what_the_predicate_allows(world, session):
    """For every viewer and both tables, the list query and the predicate (and the table) agree."""
    now = utcnow()
    names = {d.id: str(next(r for r in ROWS if r.recipe == recipe and (r.in_force or r.rev == "first")))
             for recipe, (d, _) in world["built"].items()}
    wrong = []
    for column in COLUMNS:
        viewer = world["people"][VIEWERS[column]]
        for name, table in world["tables"].items():
            found = {d.id for d in session.scalars(
                select(Declaration)
                .join(DeclarationRevision, DeclarationRevision.id == Declaration.current_revision_id)
                .where(visible_current_clause(viewer, table, now))).unique()}
            at_table = [d for d, _ in world["built"].values() if d.table_id == table.id]
            by_predicate = {d.id for d in at_table
                            if d.current_revision_id is not None and can_see_revision(viewer, d, d.current, now)}
            by_table = {world["built"][row.recipe][0].id for row in ROWS
                        if row.at == name and row.in_force and column in row.visible_to}
            for label, other in (("predicate", by_predicate), ("table", by_table)):
                for declaration_id in sorted(found ^ other):
                    side = "only the SQL" if declaration_id in found else f"only the {label}"
                    wrong.append(f"  {VIEWERS[column]:>12} at {name} | {names[declaration_id]}: {side} shows it")
    assert not wrong, "visible_current_clause disagrees:\n" + "\n".join(wrong)
