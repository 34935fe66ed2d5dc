"""The facilitator's coalition matrix: every race of a table (rows, grouped by
state) against every partner national (columns, alphabetical, never ranked).

A cell sums up what one partner — the national and all its affiliates — has
declared in the race, counting only declarations whose version in force the
viewer may see (portal.access.declarations.visible_current_clause). The whole
matrix takes a constant number of queries: races with candidates, partners,
visible declarations (plus the viewer's cached memberships/facilitations)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Mapping

from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from portal.access.declarations import visible_current_clause
from portal.db import db, utcnow
from portal.declarations.models import Declaration, DeclarationRevision, Kind, Stance
from portal.errors import InvalidInput
from portal.orgs.models import Organization
from portal.orgs.states import STATES
from portal.races.models import Candidate, Office, Race, Stage
from portal.tables.models import TablePartner

FLAGS = ("critical", "close", "none_engaged")
STANCES = tuple(s.value for s in Stance)


@dataclass(frozen=True)
class MatrixFilters:
    state: str | None = None
    office: str | None = None
    stage: str | None = None
    flag: str | None = None
    # Not a page filter: the critical-mass refresh after one decision counts one race.
    race_id: int | None = None

    @classmethod
    def parse(cls, args: Mapping[str, str]) -> MatrixFilters:
        """From query-string arguments; blank means "any". Unknown values raise InvalidInput."""
        def pick(name: str, allowed, what: str, normalise=lambda v: v):
            raw = (args.get(name) or "").strip()
            if not raw:
                return None
            value = normalise(raw)
            if value not in allowed:
                raise InvalidInput(f"Unknown {what}: {raw!r}.", field=name)
            return value
        return cls(state=pick("state", STATES, "state", str.upper),
                   office=pick("office", {o.value for o in Office}, "office"),
                   stage=pick("stage", {s.value for s in Stage}, "stage"),
                   flag=pick("flag", FLAGS, "filter"))

    def applied(self) -> dict[str, str]:
        """The filters in use, as query-string arguments (for links that keep them)."""
        return {name: value for name, value in vars(self).items() if value}

    def race_clauses(self) -> list:
        clauses = []
        if self.state:
            clauses.append(Race.state_code == self.state)
        if self.office:
            clauses.append(Race.office == self.office)
        if self.stage:
            clauses.append(Race.stage == self.stage)
        if self.race_id is not None:
            clauses.append(Race.id == self.race_id)
        return clauses


@dataclass(frozen=True)
class Partner:
    id: int
    name: str


@dataclass(slots=True)
class Stances:
    """One partner's visible endorsements of one candidate."""
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STANCES, 0))
    organizations: dict[str, str] = field(default_factory=dict)  # organization name -> stance


@dataclass(slots=True)
class Cell:
    partner: Partner
    endorsements: dict[int, Stances] = field(default_factory=dict)     # candidate id -> stances
    capacity: dict[tuple[str, str], int] = field(default_factory=dict)  # (activity, unit) -> quantity
    engaged: bool = False  # any visible declaration at all in the race
    # The cell as the page prints it, one line per stance and candidate, then per
    # pledge (filled once the whole matrix is counted).
    lines: list[str] = field(default_factory=list)

    def backs(self, candidate_id: int) -> bool:
        stances = self.endorsements.get(candidate_id)
        return bool(stances and stances.counts[Stance.ENDORSED.value])


@dataclass(slots=True)
class CandidateTally:
    id: int
    name: str
    backers: int = 0
    critical_mass: bool = False
    close: bool = False


@dataclass
class Row:
    race_id: int
    state_code: str
    district: str
    office: str
    stage: str
    title: str
    candidates: list[CandidateTally]
    cells: list[Cell]  # one per partner, in the matrix's column order
    summary: str = ""

    @property
    def engaged(self) -> bool:
        return any(cell.engaged for cell in self.cells)

    @property
    def critical(self) -> bool:
        return any(c.critical_mass for c in self.candidates)

    @property
    def close(self) -> bool:
        return any(c.close for c in self.candidates)


@dataclass
class StateGroup:
    state_code: str
    state_name: str
    rows: list[Row]


@dataclass
class Matrix:
    table_id: int
    threshold: int
    partners: list[Partner]
    groups: list[StateGroup]
    filters: MatrixFilters

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]


def _summary(candidates: list[CandidateTally], partner_count: int) -> str:
    if not candidates:
        return "No candidates yet"
    top = min(candidates, key=lambda c: (-c.backers, c.name.casefold(), c.name))
    if not top.backers:
        return "No partner backs a candidate yet"
    return f"{top.backers} of {partner_count} partners back {top.name}"


def _cell_lines(cell: Cell, candidates: list[CandidateTally]) -> list[str]:
    lines = []
    for candidate in candidates:
        stances = cell.endorsements.get(candidate.id)
        if stances is None:
            continue
        for stance, count in stances.counts.items():
            if count:
                label = stance.replace("_", " ").capitalize()
                lines.append(f"{label}: {candidate.name}" + (f" ×{count}" if count > 1 else ""))
    for (activity, unit), quantity in sorted(cell.capacity.items()):
        lines.append(f"{quantity} {unit} of {activity}")
    return lines


def coalition_matrix(viewer, table, filters: MatrixFilters | None = None, now: datetime | None = None) -> Matrix:
    filters = filters or MatrixFilters()
    now = now or utcnow()
    threshold = table.critical_mass_threshold
    race_where = [Race.table_id == table.id, *filters.race_clauses()]

    # 1. Races and their candidates, in display order: state, district.
    # (Sorted here, not in SQL: collations differ between databases.)
    # Plain rows straight from the connection: these are columns, not entities, and the
    # ORM's row processing would cost more than the rest of the function.
    connection = db.session.connection()
    race_rows = sorted(connection.execute(
        select(Race.id, Race.state_code, Race.district, Race.office, Race.stage, Candidate.id, Candidate.name)
        .outerjoin(Candidate, Candidate.race_id == Race.id).where(*race_where)).all(),
        key=lambda r: (r[1], r[2].casefold(), r[2], r[3], r[4], r[0], (r[6] or "").casefold(), r[6] or "", r[5] or 0))
    # 2. Partners, alphabetically.
    national = aliased(Organization)
    partners = sorted((Partner(pid, name) for pid, name in connection.execute(
        select(national.id, national.name).join(TablePartner, TablePartner.national_id == national.id)
        .where(TablePartner.table_id == table.id))), key=lambda p: (p.name.casefold(), p.name, p.id))
    partner_ids = {p.id for p in partners}

    # Most cells stay empty: rows start with one shared blank cell per partner, and a
    # cell gets its own object when a declaration lands in it (thousands fewer objects
    # for a whole national table). Blank cells are never written to.
    blank = [Cell(p) for p in partners]
    rows: dict[int, Row] = {}
    for race_id, state, district, office, stage, candidate_id, candidate_name in race_rows:
        row = rows.get(race_id)
        if row is None:
            title = f"{Office(office).label} {district} ({Stage(stage).label.lower()})"
            row = rows[race_id] = Row(race_id, state, district, office, stage, title, [], list(blank))
        if candidate_id is not None:
            row.candidates.append(CandidateTally(candidate_id, candidate_name))

    # 3. The declarations whose version in force the viewer may see. (The
    # organization is aliased: the visibility clause has its own subquery on it.)
    if rows and partners:
        org = aliased(Organization)
        declared = connection.execute(
            select(Declaration.national_id, Declaration.race_id, Declaration.kind, Declaration.candidate_id,
                   org.name, DeclarationRevision.stance, DeclarationRevision.activity,
                   DeclarationRevision.quantity, DeclarationRevision.unit)
            .join(DeclarationRevision, DeclarationRevision.id == Declaration.current_revision_id)
            .join(org, org.id == Declaration.organization_id)
            .join(Race, and_(Race.id == Declaration.race_id, *race_where))
            .where(visible_current_clause(viewer, table, now), Declaration.national_id.in_(partner_ids))
            .order_by(Declaration.id))
        column = {p.id: i for i, p in enumerate(partners)}
        for national_id, race_id, kind, candidate_id, org_name, stance, activity, quantity, unit in declared:
            row = rows.get(race_id)
            if row is None:
                continue
            index = column[national_id]
            cell = row.cells[index]
            if cell is blank[index]:
                cell = row.cells[index] = Cell(cell.partner)
            cell.engaged = True
            if kind == Kind.ENDORSEMENT.value:
                stances = cell.endorsements.get(candidate_id)
                if stances is None:
                    stances = cell.endorsements[candidate_id] = Stances()
                stances.counts[stance] += 1
                # One organization may hold several stage records; the endorsed one tells most.
                if stances.organizations.get(org_name) != Stance.ENDORSED.value:
                    stances.organizations[org_name] = stance
            else:
                cell.capacity[(activity, unit)] = cell.capacity.get((activity, unit), 0) + quantity

    for row in rows.values():
        for candidate in row.candidates:
            candidate.backers = sum(1 for cell in row.cells if cell.backs(candidate.id))
            candidate.critical_mass = candidate.backers >= threshold
            candidate.close = candidate.backers == threshold - 1
        row.summary = _summary(row.candidates, len(partners))
        for cell in row.cells:
            if cell.engaged:
                cell.lines = _cell_lines(cell, row.candidates)

    keep = {"critical": lambda r: r.critical, "close": lambda r: r.close,
            "none_engaged": lambda r: not r.engaged, None: lambda r: True}[filters.flag]
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows.values():
        if keep(row):
            groups[row.state_code].append(row)
    return Matrix(table.id, threshold, partners,
                  [StateGroup(code, STATES.get(code, code), group) for code, group in groups.items()], filters)
