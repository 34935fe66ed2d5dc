"""The race list of a table: races and candidates, kept by the site admin and
the table's facilitator."""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select

from portal.audit.operations import record
from portal.db import db
from portal.errors import Conflict, InvalidInput
from portal.orgs.states import STATES, normalise_state_code
from portal.races.models import OFFICES_BY_LEVEL, Candidate, Office, Race, Stage
from portal.tables.models import CoalitionTable

HOUSE_DISTRICT = re.compile(r"^([A-Z]{2})-(AL|\d{2})$")


def _district(office: Office, state_code: str, district: str) -> str:
    district = (district or "").strip()
    if not district or len(district) > 60:
        raise InvalidInput("A district of 1 to 60 characters is needed.", field="district")
    if office == Office.US_HOUSE:
        district = district.upper()
        match = HOUSE_DISTRICT.match(district)
        if not match:
            raise InvalidInput("A U.S. House district looks like MO-01 (or VT-AL for at-large).", field="district")
        if match.group(1) != state_code:
            raise InvalidInput(f"District {district} is not in {STATES[state_code]}.", field="district")
    return district


def add_race(actor, table: CoalitionTable, *, office: str, state_code: str, district: str, stage: str,
             election_date: date, city: str | None = None) -> Race:
    try:
        office_enum = Office(office)
    except ValueError:
        raise InvalidInput("Choose an office from the list.", field="office") from None
    if office_enum not in OFFICES_BY_LEVEL[table.level]:
        allowed = ", ".join(o.label for o in OFFICES_BY_LEVEL[table.level])
        raise InvalidInput(f"A {table.level_label.lower()} table holds races for: {allowed}.", field="office")
    code = normalise_state_code(state_code)
    if code is None:
        raise InvalidInput("Choose a U.S. state or territory.", field="state_code")
    if table.state_code and code != table.state_code:
        raise InvalidInput(f"This table covers {STATES[table.state_code]} only.", field="state_code")
    try:
        stage = Stage(stage).value
    except ValueError:
        raise InvalidInput("Choose primary, runoff or general.", field="stage") from None
    if not isinstance(election_date, date):
        raise InvalidInput("Give the election date.", field="election_date")
    # Municipal calendars often run into the following year (spring city elections).
    if election_date.year not in (table.cycle_year, table.cycle_year + 1):
        raise InvalidInput(f"The election date must fall in the {table.cycle_year} cycle "
                           f"({table.cycle_year} or {table.cycle_year + 1}).", field="election_date")
    city = (city or "").strip() or None
    if table.level == "municipal":
        city = city or table.city
        if not city:
            raise InvalidInput("A municipal race needs its city.", field="city")
        if table.city and city.lower() != table.city.lower():
            raise InvalidInput(f"This table covers {table.city} only.", field="city")
    elif city:
        raise InvalidInput("Only municipal races name a city.", field="city")
    district = _district(office_enum, code, district)
    duplicate = db.session.scalar(select(Race.id).where(
        Race.table_id == table.id, Race.office == office_enum.value, Race.state_code == code,
        func.lower(Race.district) == district.lower(), Race.stage == stage,
        func.coalesce(Race.city, "") == (city or "")))
    if duplicate is not None:
        where = f" in {city}" if city else ""
        raise Conflict(f"{office_enum.label} {district}{where} ({stage}) is already on this table.", field="district")
    race = Race(table_id=table.id, office=office_enum.value, state_code=code, district=district, city=city,
                stage=stage, election_date=election_date, created_by_id=getattr(actor, "id", None))
    db.session.add(race)
    db.session.flush()
    record(actor, "race.created", race, f"Race {race.title} added to “{table.name}”",
           after={"office": race.office, "state_code": code, "district": district, "stage": stage,
                  "election_date": election_date.isoformat(), "city": city}, table=table)
    return race


def add_candidate(actor, race: Race, *, name: str, party: str, is_incumbent: bool) -> Candidate:
    name, party = (name or "").strip(), (party or "").strip()
    if not name or len(name) > 120:
        raise InvalidInput("A name of 1 to 120 characters is needed.", field="name")
    if not party or len(party) > 60:
        raise InvalidInput("A party of 1 to 60 characters is needed (write Nonpartisan if so).", field="party")
    if any(c.name.lower() == name.lower() for c in race.candidates):
        raise Conflict(f"{name} is already a candidate in this race.", field="name")
    if is_incumbent and any(c.is_incumbent for c in race.candidates):
        raise InvalidInput("This race already has an incumbent.", field="is_incumbent")
    candidate = Candidate(race_id=race.id, name=name, party=party, is_incumbent=bool(is_incumbent),
                          created_by_id=getattr(actor, "id", None))
    db.session.add(candidate)
    db.session.flush()
    db.session.refresh(race, ["candidates"])
    record(actor, "candidate.created", candidate, f"{name} ({party}) added to {race.title}",
           after={"name": name, "party": party, "is_incumbent": bool(is_incumbent), "race_id": race.id},
           table=race.table)
    return candidate
