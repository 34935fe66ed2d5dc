"""The facilitator's coalition matrix (portal/facilitator/matrix.py).

Hand-built examples first, then a property test: random small worlds built
through the real operations (declare, revise, withdraw_pending, decide), with
the matrix held against a plain-Python reference that judges each
declaration's version in force with can_see_revision() alone. Last, the query
count: the same on a small world and on one three times larger."""
from __future__ import annotations

import itertools
import tempfile
from collections import defaultdict
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from sqlalchemy import event

from portal.access.declarations import can_see_revision
from portal.approvals.operations import decide
from portal.db import db, utcnow
from portal.declarations.models import Declaration
from portal.declarations.operations import declare, revise, withdraw_pending
from portal.errors import InvalidInput
from portal.facilitator.matrix import MatrixFilters, coalition_matrix
from portal.races import operations as race_ops
from tests.factories import create_local, create_national, create_state, create_table, create_user, grant

# Hypothesis keeps its caches out of the source tree.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "portal-hypothesis")

_unique = itertools.count()
STATES = ("MO", "KS", "IL")


class World:
    """One table with partner nationals, their affiliates (a state, then locals
    under it), a leader per organization, an approver per national, a
    facilitator and races. Names carry a unique suffix, so many worlds can
    share one database."""

    def __init__(self, admin, affiliates_per_partner, races, *, threshold=4):
        self.tag = tag = f"w{next(_unique)}"
        self.now = utcnow()
        self.admin = admin
        self.facilitator = create_user(f"fac-{tag}@neutral.example", f"Facilitator {tag}")
        self.nationals, self.orgs, self.leaders, self.approvers = [], [], {}, {}
        for p, count in enumerate(affiliates_per_partner):
            national = create_national(f"Partner {chr(65 + p)} {tag}")
            self.nationals.append(national)
            tree = [national]
            for a in range(count):
                tree.append(create_state(national, "MO", f"{national.name} Missouri") if a == 0
                            else create_local(tree[1], f"City{a}", f"{national.name} City{a}"))
            self.orgs.append(tree)
            approver = create_user(f"approver-{tag}-{p}@people.example", f"Approver {tag} {p}")
            grant(approver, national, "approver")
            self.approvers[national.id] = approver
            for o, org in enumerate(tree):
                leader = create_user(f"leader-{tag}-{p}-{o}@people.example", f"Leader {tag} {p} {o}")
                grant(leader, org, "leader")
                self.leaders[org.id] = leader
        # A partner viewer: a member of partner A's first affiliate (or of A itself).
        self.partner_member = create_user(f"member-{tag}@people.example", f"Member {tag}")
        grant(self.partner_member, self.orgs[0][min(1, len(self.orgs[0]) - 1)], "member")
        self.table = create_table(f"Table {tag}", partners=self.nationals, facilitator=self.facilitator,
                                  admin=admin)
        self.table.critical_mass_threshold = threshold
        self.races = []
        for r, spec in enumerate(races):
            state, district, stage, candidates = spec
            race = race_ops.add_race(None, self.table, office="us_house", state_code=state, district=district,
                                     stage=stage, election_date=date(2026, 8, 4))
            for name in candidates:
                race_ops.add_candidate(None, race, name=name, party="Democratic", is_incumbent=False)
            self.races.append(race)
        db.session.flush()
        self.declarations: list[Declaration] = []

    def declare(self, org, race, *, kind="endorsement", candidate=None, stance="endorsed", visibility="table",
                status="approved", embargo="none", quantity=5, activity="textbank", unit="shifts"):
        """A declaration (or, for an endorsement the organization already holds, a
        revision of it) brought to `status` through the real operations."""
        share_from = {"none": None, "future": self.now + timedelta(days=7), "past": self.now - timedelta(days=1)}[embargo]
        leader = self.leaders[org.id]
        fields = dict(visibility=visibility, share_from=share_from)
        if kind == "endorsement":
            fields.update(stance=stance)
        else:
            fields.update(activity=activity, quantity=quantity, unit=unit, starts_on=date(2026, 6, 1),
                          ends_on=date(2026, 8, 1))
        existing = next((d for d in self.declarations if kind == "endorsement" and d.kind == kind
                         and d.organization_id == org.id and d.candidate_id == candidate.id), None)
        if existing is not None:
            revision = revise(leader, existing, expected_version=None, **fields)
            declaration = existing
        else:
            declaration = declare(leader, org, self.table, kind=kind, race=race, candidate=candidate,
                                  stage="primary" if kind == "endorsement" else None,
                                  submission_key=f"{self.tag}-{len(self.declarations)}", **fields)
            revision = declaration.latest
            self.declarations.append(declaration)
        if revision.status == "pending":  # an affiliate's: national staff decide
            if status == "approved":
                decide(self.approvers[org.root_id], revision, approve=True)
            elif status == "rejected":
                decide(self.approvers[org.root_id], revision, approve=False, reason="Not this cycle.")
            elif status == "withdrawn":
                withdraw_pending(leader, declaration, None)
        return declaration


def _candidate(race, name):
    return next(c for c in race.candidates if c.name == name)


def _row(matrix, race):
    return next(r for r in matrix.rows if r.race_id == race.id)


def _tally(row, name):
    return next(c for c in row.candidates if c.name == name)


@pytest.fixture
def admin(app, session):
    return create_user("root@portal.example", "Sita Admin", site_admin=True)


@pytest.fixture
def five(admin, session):
    """Five partners (A has three affiliates), three races in two states."""
    world = World(admin, [3, 0, 0, 0, 0], [("MO", "MO-01", "primary", ["Ada", "Ben"]),
                                           ("MO", "MO-02", "general", ["Cy"]),
                                           ("KS", "KS-03", "primary", ["Dee"])])
    session.commit()
    return world


def test_layout_is_neutral_and_grouped_by_state(five):
    matrix = coalition_matrix(five.facilitator, five.table)
    assert [p.name for p in matrix.partners] == sorted(n.name for n in five.nationals)
    assert [(g.state_code, [r.district for r in g.rows]) for g in matrix.groups] == [
        ("KS", ["KS-03"]), ("MO", ["MO-01", "MO-02"])]
    row = _row(matrix, five.races[0])
    assert [c.partner.name for c in row.cells] == [p.name for p in matrix.partners]
    assert row.summary == "No partner backs a candidate yet" and not row.engaged


def test_four_partners_make_critical_mass_and_three_are_close(five, session):
    race = five.races[0]
    ada, ben = _candidate(race, "Ada"), _candidate(race, "Ben")
    for national in five.nationals[:4]:
        five.declare(national, race, candidate=ada)
    for national in five.nationals[2:5]:
        five.declare(national, race, candidate=ben)
    session.commit()
    row = _row(coalition_matrix(five.facilitator, five.table), race)
    assert (_tally(row, "Ada").backers, _tally(row, "Ada").critical_mass, _tally(row, "Ada").close) == (4, True, False)
    assert (_tally(row, "Ben").backers, _tally(row, "Ben").critical_mass, _tally(row, "Ben").close) == (3, False, True)
    assert row.summary == "4 of 5 partners back Ada"


def test_a_national_and_its_affiliates_count_once(five, session):
    race = five.races[0]
    ada = _candidate(race, "Ada")
    for org in five.orgs[0]:  # the national and its three affiliates
        five.declare(org, race, candidate=ada)
    five.declare(five.orgs[0][1], race, kind="pledge", quantity=7)
    five.declare(five.orgs[0][2], race, kind="pledge", quantity=3)
    session.commit()
    row = _row(coalition_matrix(five.facilitator, five.table), race)
    assert _tally(row, "Ada").backers == 1
    cell = row.cells[0]
    assert cell.partner.id == five.nationals[0].id
    assert cell.endorsements[ada.id].counts["endorsed"] == 4
    assert sorted(cell.endorsements[ada.id].organizations) == sorted(o.name for o in five.orgs[0])
    assert cell.capacity == {("textbank", "shifts"): 10}
    assert row.summary == "1 of 5 partners back Ada"


def test_unapproved_unshared_and_embargoed_never_count_for_the_facilitator(five, session):
    race = five.races[0]
    ada = _candidate(race, "Ada")
    state, local1, local2 = five.orgs[0][1:]
    five.declare(state, race, candidate=ada, status="pending")
    five.declare(local1, race, candidate=ada, status="rejected")
    five.declare(local2, race, candidate=ada, status="withdrawn")
    five.declare(five.nationals[1], race, candidate=ada, embargo="future")
    five.declare(five.nationals[2], race, candidate=ada, visibility="own")
    five.declare(five.nationals[3], race, kind="pledge", visibility="own")
    session.commit()
    row = _row(coalition_matrix(five.facilitator, five.table), race)
    assert _tally(row, "Ada").backers == 0 and not row.engaged
    unengaged = coalition_matrix(five.facilitator, five.table, MatrixFilters(flag="none_engaged")).rows
    assert race.id in {r.race_id for r in unengaged}
    # The embargo lifted, the same endorsement counts.
    five.declare(five.nationals[4], race, candidate=ada, embargo="past")
    session.commit()
    assert _tally(_row(coalition_matrix(five.facilitator, five.table), race), "Ada").backers == 1


def test_facilitator_visibility_counts_for_the_facilitator_only(five, session):
    race = five.races[0]
    ada = _candidate(race, "Ada")
    for national in five.nationals[1:5]:
        five.declare(national, race, candidate=ada, visibility="facilitator")
    session.commit()
    assert _tally(_row(coalition_matrix(five.facilitator, five.table), race), "Ada").critical_mass
    seen_by_partner = _row(coalition_matrix(five.partner_member, five.table), race)
    assert _tally(seen_by_partner, "Ada").backers == 0 and not seen_by_partner.engaged
    # A partner's own tree sees its own unshared declaration; the facilitator does not.
    five.declare(five.orgs[0][1], race, candidate=ada, visibility="own")
    session.commit()
    assert _tally(_row(coalition_matrix(five.partner_member, five.table), race), "Ada").backers == 1
    assert _tally(_row(coalition_matrix(five.facilitator, five.table), race), "Ada").backers == 4


def test_filters(five, session):
    mo1, mo2, ks3 = five.races
    for national in five.nationals[:4]:
        five.declare(national, mo1, candidate=_candidate(mo1, "Ada"))
    for national in five.nationals[:3]:
        five.declare(national, ks3, candidate=_candidate(ks3, "Dee"))
    session.commit()

    def districts(**filters):
        return [r.district for r in coalition_matrix(five.facilitator, five.table, MatrixFilters(**filters)).rows]

    assert districts() == ["KS-03", "MO-01", "MO-02"]
    assert districts(state="MO") == ["MO-01", "MO-02"]
    assert districts(stage="general") == ["MO-02"]
    assert districts(office="us_house") == ["KS-03", "MO-01", "MO-02"]
    assert districts(office="mayor") == []
    assert districts(flag="critical") == ["MO-01"]
    assert districts(flag="close") == ["KS-03"]
    assert districts(flag="none_engaged") == ["MO-02"]
    assert districts(state="KS", flag="critical") == []


def test_filters_parse_and_refuse_unknown_values():
    assert MatrixFilters.parse({}) == MatrixFilters()
    assert MatrixFilters.parse({"state": "mo", "office": "us_house", "stage": "primary", "flag": "close",
                                "page": "2"}) == MatrixFilters("MO", "us_house", "primary", "close")
    assert MatrixFilters.parse({"state": " ", "flag": ""}) == MatrixFilters()
    for name, value in [("state", "ZZ"), ("office", "king"), ("stage", "final"), ("flag", "ranked")]:
        with pytest.raises(InvalidInput) as caught:
            MatrixFilters.parse({name: value})
        assert caught.value.field == name


# --- the property test --------------------------------------------------------------------

def reference(world, viewer):
    """What the matrix must say, from can_see_revision() on each in-force revision."""
    partner_ids = {n.id for n in world.nationals}
    cells = defaultdict(lambda: {"endorsements": defaultdict(lambda: defaultdict(int)), "capacity": defaultdict(int),
                                 "orgs": defaultdict(set), "engaged": False})
    for d in world.declarations:
        if d.current_revision_id is None or d.national_id not in partner_ids:
            continue
        if not can_see_revision(viewer, d, d.current, world.now):
            continue
        cell = cells[(d.race_id, d.national_id)]
        cell["engaged"] = True
        if d.kind == "endorsement":
            cell["endorsements"][d.candidate_id][d.current.stance] += 1
            cell["orgs"][d.candidate_id].add(d.organization.name)
        else:
            cell["capacity"][(d.current.activity, d.current.unit)] += d.current.quantity
    threshold = world.table.critical_mass_threshold
    expected = {}
    for race in world.races:
        backers = {c.name: sum(1 for n in world.nationals
                               if cells[(race.id, n.id)]["endorsements"][c.id]["endorsed"] > 0)
                   for c in race.candidates}
        top = min(backers, key=lambda name: (-backers[name], name.casefold(), name), default=None)
        summary = ("No candidates yet" if top is None else "No partner backs a candidate yet" if not backers[top]
                   else f"{backers[top]} of {len(world.nationals)} partners back {top}")
        expected[race.id] = {
            "candidates": {name: (b, b >= threshold, b == threshold - 1) for name, b in backers.items()},
            "summary": summary,
            "cells": {n.id: ({cid: {s: k for s, k in stances.items() if k}
                              for cid, stances in cells[(race.id, n.id)]["endorsements"].items() if any(stances.values())},
                             {cid: orgs for cid, orgs in cells[(race.id, n.id)]["orgs"].items()},
                             dict(cells[(race.id, n.id)]["capacity"]), cells[(race.id, n.id)]["engaged"])
                      for n in world.nationals}}
    return expected


def observed(matrix):
    return {row.race_id: {
        "candidates": {c.name: (c.backers, c.critical_mass, c.close) for c in row.candidates},
        "summary": row.summary,
        "cells": {cell.partner.id: ({cid: {s: k for s, k in st_.counts.items() if k}
                                     for cid, st_ in cell.endorsements.items()},
                                    {cid: set(st_.organizations) for cid, st_ in cell.endorsements.items()},
                                    dict(cell.capacity), cell.engaged)
                  for cell in row.cells}} for row in matrix.rows}


declaration_spec = st.fixed_dictionaries({
    "partner": st.integers(0, 4), "org": st.integers(0, 3), "race": st.integers(0, 3),
    "candidate": st.integers(0, 2), "kind": st.sampled_from(["endorsement", "endorsement", "pledge"]),
    "stance": st.sampled_from(["considering", "endorsed", "endorsed", "not_endorsing", "withdrawn"]),
    "visibility": st.sampled_from(["own", "facilitator", "table"]),
    "status": st.sampled_from(["approved", "approved", "rejected", "pending", "withdrawn"]),
    "embargo": st.sampled_from(["none", "none", "future", "past"]),
    "activity": st.sampled_from(["textbank", "doorknock"]), "unit": st.sampled_from(["shifts", "hours"]),
    "quantity": st.integers(1, 50)})

world_spec = st.fixed_dictionaries({
    "affiliates": st.lists(st.integers(0, 3), min_size=2, max_size=5),
    "races": st.lists(st.tuples(st.sampled_from(STATES), st.integers(1, 9), st.integers(1, 3)),
                      min_size=1, max_size=4),
    "threshold": st.integers(2, 4),
    "declarations": st.lists(declaration_spec, max_size=25)})


def build_random_world(admin, spec) -> World:
    races, seen = [], set()
    for state, district, candidates in spec["races"]:
        if (state, district) in seen:
            continue
        seen.add((state, district))
        races.append((state, f"{state}-{district:02d}", "primary", [f"Cand {chr(90 - i)}" for i in range(candidates)]))
    world = World(admin, spec["affiliates"], races, threshold=spec["threshold"])
    for d in spec["declarations"]:
        tree = world.orgs[d["partner"] % len(world.orgs)]
        org = tree[d["org"] % len(tree)]
        race = world.races[d["race"] % len(world.races)]
        candidate = race.candidates[d["candidate"] % len(race.candidates)]
        world.declare(org, race, kind=d["kind"], candidate=candidate if d["kind"] == "endorsement" else None,
                      stance=d["stance"], visibility=d["visibility"], status=d["status"], embargo=d["embargo"],
                      quantity=d["quantity"], activity=d["activity"], unit=d["unit"])
    db.session.commit()
    return world


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=world_spec)
def test_matrix_matches_the_per_declaration_rule(admin, spec):
    world = build_random_world(admin, spec)
    for viewer in (world.facilitator, world.partner_member):
        matrix = coalition_matrix(viewer, world.table, now=world.now)
        assert [p.id for p in matrix.partners] == [n.id for n in sorted(world.nationals, key=lambda n: n.name)]
        assert observed(matrix) == reference(world, viewer)
        districts = [(r.state_code, r.district) for r in matrix.rows]
        assert districts == sorted(districts)


# --- query count --------------------------------------------------------------------------

@contextmanager
def counting_queries():
    engine = db.session.get_bind()
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _populated(admin, size: int) -> World:
    races = [(STATES[i % 3], f"{STATES[i % 3]}-{i + 1:02d}", "primary", [f"Cand {j}" for j in range(3)])
             for i in range(2 * size)]
    world = World(admin, [2] * (2 + size), races)
    for r, race in enumerate(world.races):
        for p, tree in enumerate(world.orgs):
            for o, org in enumerate(tree):
                world.declare(org, race, candidate=race.candidates[(p + o) % 3],
                              visibility=("table", "facilitator")[(r + p) % 2])
                world.declare(org, race, kind="pledge", quantity=1 + o)
    db.session.commit()
    return world


def test_the_query_count_does_not_grow_with_the_data(admin, session, capsys):
    small, large = _populated(admin, 1), _populated(admin, 3)
    assert len(large.declarations) >= 3 * len(small.declarations)
    counts = {}
    for name, world in (("small", small), ("large", large)):
        for who, viewer in (("facilitator", world.facilitator), ("partner", world.partner_member)):
            session.commit()  # everything expired: each measurement starts cold
            with counting_queries() as statements:
                matrix = coalition_matrix(viewer, world.table)
            assert len(matrix.rows) == len(world.races)
            counts[(name, who)] = len(statements)
    assert counts[("small", "facilitator")] == counts[("large", "facilitator")]
    assert counts[("small", "partner")] == counts[("large", "partner")]
    # Three queries of its own (races+candidates, partners, declarations) and the
    # viewer's memberships and facilitated tables, which the session caches.
    assert max(counts.values()) <= 5, counts
    with capsys.disabled():
        print(f"\nmatrix queries: {counts}")
