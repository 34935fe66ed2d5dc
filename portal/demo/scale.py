"""`flask --app wsgi portal seed-scale`: a deterministic national-scale
coalition for benchmarks (issue 5, "Scale and speed").

At --scale 1: 12 partner nationals; 2,000 affiliates (500 state affiliates
covering all 50 states, 1,500 locals in real cities); the 435 U.S. House
districts (2020 apportionment, scale_data.HOUSE_SEATS) with 3 candidates each
at a federal table; 1,000 state legislative races at a state legislative
table; a leader per affiliate, an approver per national, a facilitator per
table; 30,000 endorsements and pledges in every workflow state (approved in
force, pending, an edit pending over an approved version, rejected with a
reason, withdrawn, superseded by a newer approved version, embargoed) and every
visibility. --scale multiplies the counts (nationals at least 2).

This is SYNTHETIC BENCHMARK DATA: rows are written with Core bulk inserts and
no audit records are written for them, on purpose. Ids are assigned here and
every timestamp derives from a fixed anchor, so the same seed and scale give
the same rows, ids included. Passwords are not set: nobody signs in as these
people. It refuses a database that holds any row."""
from __future__ import annotations

import hashlib
import random
import re
import time
from datetime import date, datetime, timedelta, timezone

import click
from sqlalchemy import func, insert, select, text

from portal.auth.models import User
from portal.db import Base, db
from portal.declarations.models import ApprovalPolicy, Declaration, DeclarationRevision
from portal.demo import scale_data as data
from portal.members.models import Membership
from portal.orgs.models import Organization
from portal.orgs.states import STATES
from portal.races.models import Candidate, Race
from portal.tables.models import CoalitionTable, TableFacilitator, TablePartner

CYCLE = 2028  # the next House cycle: the embargoes below lie ahead of it
ANCHOR = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
EMBARGO_FROM = datetime(2027, 3, 1, 9, 0, tzinfo=timezone.utc)
BATCH = 5000

FULL = {"nationals": 12, "affiliates": 2000, "house_races": 435, "state_races": 1000, "declarations": 30000}
# (scenario, weight, statuses of its revisions in order). The first approved one is in force.
SCENARIOS = [
    ("approved", 40, ("approved",)),
    ("pending", 12, ("pending",)),
    ("edit_pending", 8, ("approved", "pending")),
    ("rejected", 8, ("rejected",)),
    ("edit_rejected", 4, ("approved", "rejected")),
    ("withdrawn", 8, ("withdrawn",)),
    ("superseded", 12, ("superseded", "approved")),
    ("embargoed", 8, ("approved",)),
]
VISIBILITIES = ("own", "facilitator", "table")
RANK = {v: i for i, v in enumerate(VISIBILITIES)}
# Table order for inserts (foreign keys first) and the row counts reported.
TABLES = [User, Organization, Membership, CoalitionTable, TablePartner, TableFacilitator, Race, Candidate,
          ApprovalPolicy, Declaration, DeclarationRevision]


def targets(scale: float) -> dict[str, int]:
    counts = {key: max(1, round(value * scale)) for key, value in FULL.items()}
    counts["nationals"] = max(2, counts["nationals"])
    counts["affiliates"] = max(2, counts["affiliates"])
    counts["state_affiliates"] = max(1, round(counts["affiliates"] / 4))
    counts["local_affiliates"] = counts["affiliates"] - counts["state_affiliates"]
    return counts


def _at(minutes: int) -> datetime:
    return ANCHOR + timedelta(minutes=minutes)


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def house_districts() -> list[tuple[str, str]]:
    """Every House district as (state, "CA-07" or "AK-AL"), in state order."""
    return [(state, f"{state}-AL" if seats == 1 else f"{state}-{n:02d}")
            for state, seats in data.HOUSE_SEATS.items() for n in range(1, seats + 1)]


class _Generator:
    def __init__(self, scale: float, seed: int):
        self.rng = random.Random(seed)
        self.n = targets(scale)
        self.rows: dict[str, list[dict]] = {model.__tablename__: [] for model in TABLES}

    def add(self, model, **row) -> dict:
        self.rows[model.__tablename__].append(row)
        return row

    def user(self, email: str, name: str) -> int:
        uid = len(self.rows["users"]) + 1
        self.add(User, id=uid, email=email, name=name, password_hash=None, is_site_admin=False, disabled_at=None,
                 created_at=_at(uid), last_sign_in_at=None, notification_mode="immediate")
        return uid

    def person(self) -> str:
        return f"{self.rng.choice(data.FIRST_NAMES)} {self.rng.choice(data.LAST_NAMES)}"

    def member(self, user_id: int, org_id: int, role: str) -> None:
        self.add(Membership, id=len(self.rows["memberships"]) + 1, user_id=user_id, organization_id=org_id,
                 role=role, source="manual", provider_id=None, granted_by_id=None, created_at=_at(user_id),
                 version=1)

    def org(self, kind, name, slug, parent, national, state, city, legal_status) -> dict:
        oid = len(self.rows["organizations"]) + 1
        return self.add(Organization, id=oid, kind=kind, name=name, slug=slug, parent_id=parent,
                        national_id=national, national_kind="national", state_code=state, city=city,
                        legal_status=legal_status, archived_at=None, created_at=_at(oid), updated_at=_at(oid),
                        updated_by_id=None, version=1)

    # -- organizations and people ------------------------------------------------
    def organizations(self) -> None:
        rng, n = self.rng, self.n
        self.nationals = []
        for name, abbr, status, domain in data.NATIONALS[:n["nationals"]]:
            org = self.org("national", name, abbr, None, None, None, None, status)
            org["_abbr"], org["_domain"] = abbr, domain
            self.nationals.append(org)
            self.member(self.user(f"approver@{domain}", self.person()), org["id"], "approver")
        states = list(data.HOUSE_SEATS)
        pairs = [(nat, state) for nat in range(len(self.nationals)) for state in states]
        rng.shuffle(pairs)
        # One state affiliate in every state first, then the rest: all 50 states at full scale.
        first = {}
        for nat, state in pairs:
            first.setdefault(state, (nat, state))
        chosen = list(first.values())
        rng.shuffle(chosen)
        taken = set(chosen)
        chosen += [pair for pair in pairs if pair not in taken]
        self.state_affiliates = []
        for nat, state in sorted(chosen[:n["state_affiliates"]], key=lambda p: (p[0], p[1])):
            national = self.nationals[nat]
            org = self.org("state", f"{national['name']} {STATES[state]}", f"{national['_abbr']}-{state.lower()}",
                           national["id"], national["id"], state, None, national["legal_status"])
            self.state_affiliates.append(org)
        self.locals, names = [], set()
        national_by_id = {nat["id"]: nat for nat in self.nationals}
        for _ in range(n["local_affiliates"]):
            if rng.random() < 0.1:  # a local hanging directly under its national
                parent = rng.choice(self.nationals)
                national, state = parent, rng.choice(states)
            else:
                parent = rng.choice(self.state_affiliates)
                national, state = national_by_id[parent["national_id"]], parent["state_code"]
            city = rng.choice(data.CITIES[state])
            name, k = f"{national['name']} {city} Chapter", 1
            while (parent["id"], name) in names:
                k += 1
                name = f"{national['name']} {city} Chapter {k}"
            names.add((parent["id"], name))
            oid = len(self.rows["organizations"]) + 1
            slug = f"{national['_abbr']}-{state.lower()}-{_slug(city)[:30]}-{oid}"
            self.locals.append(self.org("local", name, slug, parent["id"], national["id"], state, city,
                                        national["legal_status"]))
        self.domain_of = {nat["id"]: nat["_domain"] for nat in self.nationals}
        self.approver_of = {nat["id"]: i + 1 for i, nat in enumerate(self.nationals)}
        self.leader_of = {}
        for org in self.state_affiliates + self.locals:
            uid = self.user(f"leader-{org['slug']}@{self.domain_of[org['national_id']]}", self.person())
            self.member(uid, org["id"], "leader")
            self.leader_of[org["id"]] = uid
        for org in self.nationals:
            del org["_abbr"], org["_domain"]

    # -- tables, races, candidates -------------------------------------------------
    def tables(self) -> None:
        rng, n = self.rng, self.n
        for tid, (name, level) in enumerate([(f"{CYCLE} U.S. House Table", "federal"),
                                              (f"{CYCLE} State Legislative Table", "state_legislative")], 1):
            self.add(CoalitionTable, id=tid, name=name, level=level, cycle_year=CYCLE, state_code=None, city=None,
                     critical_mass_threshold=4, created_at=_at(tid), version=1)
            for nat in self.nationals:
                self.add(TablePartner, table_id=tid, national_id=nat["id"], partner_kind="national",
                         joined_at=_at(tid), added_by_id=None)
            uid = self.user(f"facilitator-{level.replace('_', '-')}@coalition-tables.example", self.person())
            self.add(TableFacilitator, table_id=tid, user_id=uid, assigned_at=_at(tid), assigned_by_id=None)
            for nat in self.nationals:
                for kind in ("endorsement", "pledge"):
                    self.add(ApprovalPolicy, national_id=nat["id"], level=level, kind=kind, requires_approval=True,
                             max_visibility="facilitator" if kind == "pledge" and nat["id"] % 4 == 0 else "table",
                             updated_at=_at(tid), updated_by_id=self.approver_of[nat["id"]])
        tuesdays = [date(2028, 3, 7) + timedelta(weeks=w) for w in range(27)]
        primary = {state: rng.choice(tuesdays) for state in data.HOUSE_SEATS}
        districts = house_districts()
        picked = sorted(rng.sample(range(len(districts)), n["house_races"]))
        self.races = []
        for i in picked:
            state, district = districts[i]
            self.race(1, "us_house", state, district, primary[state], 3)
        states, counters = list(data.HOUSE_SEATS), {}
        for i in range(n["state_races"]):
            state = states[i % len(states)]
            chamber = "senate" if state in data.UNICAMERAL_STATES or i // len(states) % 2 == 0 else "house"
            office = ("state_senate" if chamber == "senate" else
                      "state_assembly" if state in data.ASSEMBLY_STATES else "state_house")
            counters[(state, office)] = counters.get((state, office), 0) + rng.randint(1, 4)
            prefix = "SD" if office == "state_senate" else "AD" if office == "state_assembly" else "HD"
            self.race(2, office, state, f"{prefix}-{counters[(state, office)]}", primary[state], 2)

    def race(self, table_id, office, state, district, election_date, candidates) -> None:
        rid = len(self.rows["races"]) + 1
        race = self.add(Race, id=rid, table_id=table_id, office=office, state_code=state, district=district,
                        city=None, stage="primary", election_date=election_date, created_at=_at(rid),
                        created_by_id=None, version=1)
        race["_candidates"] = []
        names = set()
        incumbent = self.rng.random() < 0.7
        while len(names) < candidates:
            names.add(self.person())
        for j, name in enumerate(sorted(names)):
            cid = len(self.rows["candidates"]) + 1
            self.add(Candidate, id=cid, race_id=rid, name=name, party=self.rng.choice(data.PARTIES),
                     is_incumbent=incumbent and j == 0, created_at=_at(cid), created_by_id=None)
            race["_candidates"].append(cid)
        self.races.append(race)

    # -- declarations and revisions ------------------------------------------------
    def declarations(self) -> None:
        rng = self.rng
        by_state: dict[str, list[dict]] = {}
        for race in self.races:
            by_state.setdefault(race["state_code"], []).append(race)
        declarers = self.state_affiliates + self.locals
        weights = [w for _, w, _ in SCENARIOS]
        endorsed = set()
        for i in range(self.n["declarations"]):
            # The first rows walk through every scenario and visibility; the rest are drawn.
            scenario = SCENARIOS[i][0] if i < len(SCENARIOS) else rng.choices(SCENARIOS, weights)[0][0]
            by_national = i % 20 == 19
            org = rng.choice(self.nationals if by_national else declarers)
            national_id = org["id"] if by_national else org["national_id"]
            if by_national:
                scenario = "approved"  # a national's own declaration needs nobody's approval
            race = rng.choice(by_state.get(org["state_code"]) or self.races)
            kind, candidate, stage = "pledge", None, None
            if rng.random() < 0.6:
                for _ in range(5):
                    race = rng.choice(by_state.get(org["state_code"]) or self.races) if _ else race
                    key = (org["id"], rng.choice(race["_candidates"]), rng.choice(("primary", "general")))
                    if key not in endorsed:
                        endorsed.add(key)
                        kind, candidate, stage = "endorsement", key[1], key[2]
                        break
            if kind == "pledge" and rng.random() < 0.3:
                candidate = rng.choice(race["_candidates"])
            did = len(self.rows["declarations"]) + 1
            submitter = self.approver_of[org["id"]] if by_national else self.leader_of[org["id"]]
            self.add(Declaration, id=did, kind=kind, organization_id=org["id"], national_id=national_id,
                     table_id=race["table_id"], race_id=race["id"], candidate_id=candidate, stage=stage,
                     submission_key=f"scale-{did:08d}", current_revision_id=None, created_at=_at(did),
                     created_by_id=submitter, updated_at=_at(did + 90), updated_by_id=submitter, version=1)
            statuses = dict((s, st) for s, _, st in SCENARIOS)[scenario]
            max_vis = "facilitator" if kind == "pledge" and national_id % 4 == 0 else "table"
            for number, status in enumerate(statuses, 1):
                vis = VISIBILITIES[i % 3] if i < 9 else rng.choice(VISIBILITIES)
                if scenario == "embargoed":
                    vis = max_vis
                if not by_national and RANK[vis] > RANK[max_vis]:
                    vis = max_vis
                self.revision(did, number, status, kind, race, vis, submitter,
                              None if by_national else self.approver_of[national_id], scenario == "embargoed")

    def revision(self, did, number, status, kind, race, visibility, submitter, approver, embargoed) -> None:
        rng = self.rng
        rid = len(self.rows["declaration_revisions"]) + 1
        submitted = _at(did + 60 * number)
        decided = status in ("approved", "rejected", "superseded")
        row = dict(id=rid, declaration_id=did, number=number, status=status, stance=None, announced_on=None,
                   activity=None, quantity=None, unit=None, starts_on=None, ends_on=None,
                   note=rng.choice(data.NOTES), visibility=visibility,
                   share_from=EMBARGO_FROM + timedelta(days=rng.randint(0, 300)) if embargoed else None,
                   submitted_by_id=submitter, submitted_at=submitted,
                   decided_by_id=approver if decided else None,
                   decided_at=submitted + timedelta(hours=rng.randint(1, 72)) if decided else None,
                   reason=rng.choice(data.REJECTION_REASONS) if status == "rejected" else None)
        if kind == "endorsement":
            row["stance"] = rng.choices(("endorsed", "considering", "not_endorsing", "withdrawn"), (6, 2, 1, 1))[0]
            row["announced_on"] = submitted.date() if row["stance"] == "endorsed" else None
        else:
            row["activity"] = rng.choice(("textbank", "phonebank", "doorknock", "event", "staff", "digital"))
            row["unit"] = rng.choice(("shifts", "volunteers", "hours", "events", "fte"))
            row["quantity"] = rng.randint(1, 500)
            row["ends_on"] = race["election_date"]
            row["starts_on"] = row["ends_on"] - timedelta(days=rng.randint(7, 120))
        self.add(DeclarationRevision, **row)

    def run(self) -> dict[str, list[dict]]:
        self.organizations()
        self.tables()
        self.declarations()
        for race in self.races:
            del race["_candidates"]
        # The approved revision (there is at most one per declaration) is the one in force.
        by_id = {d["id"]: d for d in self.rows["declarations"]}
        for rev in self.rows["declaration_revisions"]:
            if rev["status"] == "approved":
                by_id[rev["declaration_id"]]["current_revision_id"] = rev["id"]
        return self.rows


def generate(scale: float = 1.0, seed: int = 2026) -> dict[str, list[dict]]:
    """Every row to insert, by table name, in insertion order."""
    return _Generator(scale, seed).run()


def digest(rows: dict[str, list[dict]]) -> str:
    h = hashlib.sha256()
    for name, table_rows in rows.items():
        h.update(name.encode())
        for row in table_rows:
            h.update(repr(sorted(row.items())).encode())
    return h.hexdigest()


def database_is_empty() -> bool:
    return all(db.session.execute(select(text("1")).select_from(table).limit(1)).first() is None
               for table in Base.metadata.sorted_tables)


def load(rows: dict[str, list[dict]]) -> None:
    """Bulk-insert the rows; declarations go in without their current revision
    (the two tables point at each other), which one UPDATE then sets."""
    session = db.session
    for model in TABLES:
        table, table_rows = model.__table__, rows[model.__tablename__]
        if model is Declaration:
            table_rows = [dict(row, current_revision_id=None) for row in table_rows]
        for start in range(0, len(table_rows), BATCH):
            session.execute(insert(table), table_rows[start:start + BATCH])
    # UPDATE ... FROM (PostgreSQL; SQLite 3.33+): a join, where a correlated subquery took ten times longer.
    declarations, revisions = Declaration.__table__, DeclarationRevision.__table__
    session.execute(declarations.update().values(current_revision_id=revisions.c.id).where(
        revisions.c.declaration_id == declarations.c.id, revisions.c.status == "approved"))
    if session.get_bind().dialect.name == "postgresql":
        # Ids were given explicitly: move the sequences past them so the app can insert.
        for model in TABLES:
            table = model.__table__
            if "id" in table.c and table.c.id.primary_key:
                session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                     f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"))


@click.command("seed-scale")
@click.option("--scale", default=1.0, show_default=True, type=click.FloatRange(0.0001, 10),
              help="Multiply every count (0.01 for tests).")
@click.option("--seed", default=2026, show_default=True, help="Random seed: the same seed gives the same data.")
def seed_scale_command(scale: float, seed: int):
    """Generate a national-scale synthetic coalition into the EMPTY configured database (no audit records)."""
    if not database_is_empty():
        raise click.ClickException("the database is not empty: seed-scale only fills a freshly migrated, "
                                   "empty database (run `portal db upgrade` on a new one)")
    started = time.perf_counter()
    rows = generate(scale, seed)
    generated = time.perf_counter()
    load(rows)
    db.session.commit()
    if db.session.get_bind().dialect.name == "postgresql":
        # A bulk load leaves the planner's statistics empty until autovacuum comes by;
        # with them it picks nested loops over 13,000-row bitmap scans (100 ms -> 14 ms
        # for the whole-table matrix). Any real import would end the same way.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))
    done = time.perf_counter()
    for model in TABLES:
        count = db.session.scalar(select(func.count()).select_from(model.__table__))
        click.echo(f"{model.__tablename__:<24} {count:>8,}")
    click.echo(f"digest {digest(rows)}")
    click.echo(f"generated in {generated - started:.1f}s, inserted in {done - generated:.1f}s")
