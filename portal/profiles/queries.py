"""Reading profiles: a candidate's facts by section, the race facts that come
from the table's race list, and the corrections a person may see."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from portal.access.policy import can
from portal.db import db
from portal.profiles.models import CorrectionStatus, ProfileCorrection, ProfileFact, Section
from portal.races.models import Candidate, Race
from portal.tables.models import CoalitionTable

RACE_LIST_SOURCE = "the table's race list"


@dataclass(frozen=True)
class RaceFact:
    label: str
    value: str


def race_facts(candidate: Candidate) -> list[RaceFact]:
    """What the race list already says, shown on every profile without retyping:
    the contest, party, incumbency and every stage's election date at this table."""
    race = candidate.race
    where = f"{race.state_name}" + (f", {race.city}" if race.city else "")
    facts = [RaceFact("Office", f"{race.office_label} {race.district} ({where})"),
             RaceFact("Party", candidate.party)]
    incumbent = next((c for c in race.candidates if c.is_incumbent), None)
    if candidate.is_incumbent:
        facts.append(RaceFact("Incumbent", f"Yes, {candidate.name} holds the seat"))
    elif incumbent is not None:
        facts.append(RaceFact("Incumbent", f"No; the incumbent is {incumbent.name}"))
    else:
        facts.append(RaceFact("Incumbent", "No incumbent in this race"))
    others = [c.name for c in race.candidates if c.id != candidate.id]
    facts.append(RaceFact("Also running", ", ".join(others) if others else "Nobody else listed"))
    for stage in same_contest(race):
        facts.append(RaceFact(f"{stage.stage_label} election", stage.election_date.strftime("%a %b %d, %Y")))
    return facts


def same_contest(race: Race) -> list[Race]:
    """The contest's stages at this table (primary, runoff, general), by date."""
    query = select(Race).where(Race.table_id == race.table_id, Race.office == race.office,
                               Race.state_code == race.state_code, Race.district == race.district)
    query = query.where(Race.city.is_(None) if race.city is None else Race.city == race.city)
    return list(db.session.scalars(query.order_by(Race.election_date, Race.id)))


def facts_of(candidate: Candidate) -> tuple[dict[Section, list[ProfileFact]], list[ProfileFact]]:
    """The profile's facts by section (in force), and the removed ones."""
    facts = db.session.scalars(select(ProfileFact).where(ProfileFact.candidate_id == candidate.id)
                               .order_by(ProfileFact.id)).all()
    by_section: dict[Section, list[ProfileFact]] = {section: [] for section in Section}
    for fact in facts:
        if not fact.is_retired:
            by_section[Section(fact.section)].append(fact)
    return by_section, [f for f in facts if f.is_retired]


def visible_corrections(user, candidate: Candidate) -> list[ProfileCorrection]:
    """The corrections of this profile `user` may see, pending first, newest first."""
    corrections = db.session.scalars(select(ProfileCorrection).where(ProfileCorrection.candidate_id == candidate.id)
                                     .order_by(ProfileCorrection.suggested_at.desc(),
                                               ProfileCorrection.id.desc())).all()
    visible = [c for c in corrections if can(user, "profiles.view_correction", c)]
    return sorted(visible, key=lambda c: not c.is_pending)


@dataclass(frozen=True)
class ProfileRow:
    race: Race
    candidate: Candidate
    facts: int
    last_entered: datetime | None
    pending: int


def table_profiles(user, table: CoalitionTable) -> list[ProfileRow]:
    """Every candidate at the table with the size of their profile, and the
    pending corrections `user` may see (the facilitator's queue, or their own organization's)."""
    races = db.session.scalars(select(Race).where(Race.table_id == table.id)
                               .order_by(Race.state_code, Race.district, Race.election_date)).all()
    candidate_ids = [c.id for race in races for c in race.candidates]
    counts = {row.candidate_id: (row.facts, row.last) for row in db.session.execute(
        select(ProfileFact.candidate_id, func.count().label("facts"), func.max(ProfileFact.entered_at).label("last"))
        .where(ProfileFact.candidate_id.in_(candidate_ids), ProfileFact.retired_at.is_(None))
        .group_by(ProfileFact.candidate_id))} if candidate_ids else {}
    pending: dict[int, int] = {}
    if candidate_ids:
        for correction in db.session.scalars(select(ProfileCorrection).where(
                ProfileCorrection.candidate_id.in_(candidate_ids),
                ProfileCorrection.status == CorrectionStatus.PENDING.value)):
            if can(user, "profiles.view_correction", correction):
                pending[correction.candidate_id] = pending.get(correction.candidate_id, 0) + 1
    return [ProfileRow(race, candidate, counts.get(candidate.id, (0, None))[0], counts.get(candidate.id, (0, None))[1],
                       pending.get(candidate.id, 0))
            for race in races for candidate in race.candidates]
