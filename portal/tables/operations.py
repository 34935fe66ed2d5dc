"""Creating tables, adding partners, assigning the facilitator."""
from __future__ import annotations

from sqlalchemy import select

from portal.audit.operations import changes, record
from portal.auth.models import User
from portal.auth.operations import find_user_by_email
from portal.db import db
from portal.errors import Conflict, InvalidInput
from portal.members.models import Membership
from portal.orgs.models import Organization, OrgKind
from portal.orgs.states import normalise_state_code
from portal.tables.models import CoalitionTable, TableFacilitator, TableLevel, TablePartner


def snapshot(table: CoalitionTable) -> dict:
    return {"name": table.name, "level": table.level, "cycle_year": table.cycle_year, "state_code": table.state_code,
            "city": table.city, "critical_mass_threshold": table.critical_mass_threshold}


def _apply_fields(table: CoalitionTable, *, name, level, cycle_year, state_code, city, threshold) -> None:
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise InvalidInput("A name of 1 to 200 characters is needed.", field="name")
    try:
        level = TableLevel(level).value
    except ValueError:
        raise InvalidInput("Choose federal, state legislative or municipal.", field="level") from None
    if not isinstance(cycle_year, int) or not 2000 <= cycle_year <= 2100:
        raise InvalidInput("The cycle is a year between 2000 and 2100.", field="cycle_year")
    code = normalise_state_code(state_code) if state_code else None
    if state_code and code is None:
        raise InvalidInput(f"“{state_code}” is not a U.S. state or territory code.", field="state_code")
    city = (city or "").strip() or None
    if city and level != TableLevel.MUNICIPAL.value:
        raise InvalidInput("Only a municipal table is scoped to a city.", field="city")
    if city and code is None:
        raise InvalidInput("A city-scoped table needs the city's state.", field="state_code")
    if not isinstance(threshold, int) or not 2 <= threshold <= 50:
        raise InvalidInput("Critical mass is between 2 and 50 partners.", field="critical_mass_threshold")
    clash = db.session.scalar(select(CoalitionTable.id).where(CoalitionTable.name == name))
    if clash is not None and clash != table.id:
        raise Conflict(f"Another table is already called “{name}”.", field="name")
    table.name, table.level, table.cycle_year = name, level, cycle_year
    table.state_code, table.city, table.critical_mass_threshold = code, city, threshold


def create_table(actor, **fields) -> CoalitionTable:
    table = CoalitionTable()
    _apply_fields(table, **fields)
    db.session.add(table)
    db.session.flush()
    record(actor, "table.created", table, f"Table “{table.name}” created", after=snapshot(table), table=table)
    return table


def edit_table(actor, table: CoalitionTable, expected_version: int | None, **fields) -> CoalitionTable:
    if expected_version is not None and expected_version != table.version:
        raise Conflict("This table was changed by someone else — reload the page.")
    before = snapshot(table)
    _apply_fields(table, **fields)
    db.session.flush()
    old, new = changes(before, snapshot(table))
    record(actor, "table.edited", table, f"Table “{table.name}” edited", before=old, after=new, table=table)
    return table


def add_partner(actor, table: CoalitionTable, national: Organization) -> TablePartner:
    if national.kind != OrgKind.NATIONAL.value:
        raise InvalidInput("Only national bodies join a table; their affiliates act under them.", field="national_id")
    if national.is_archived:
        raise InvalidInput(f"{national.name} is archived.", field="national_id")
    if national.id in table.partner_ids:
        raise Conflict(f"{national.name} is already a partner of {table.name}.", field="national_id")
    partner = TablePartner(table_id=table.id, national_id=national.id, added_by_id=actor.id)
    db.session.add(partner)
    db.session.flush()
    db.session.refresh(table, ["partners"])
    record(actor, "table.partner_added", table, f"{national.name} joined “{table.name}”",
           after={"national_id": national.id}, table=table, organization=national)
    return partner


def remove_partner(actor, table: CoalitionTable, national: Organization) -> None:
    partner = db.session.get(TablePartner, (table.id, national.id))
    if partner is None:
        raise InvalidInput(f"{national.name} is not a partner of {table.name}.")
    db.session.delete(partner)
    db.session.flush()
    db.session.refresh(table, ["partners"])
    record(actor, "table.partner_removed", table, f"{national.name} left “{table.name}”",
           before={"national_id": national.id}, table=table, organization=national)


def assign_facilitator(actor, table: CoalitionTable, email: str) -> TableFacilitator:
    user = find_user_by_email(email)
    if user is None:
        raise InvalidInput(f"No account for {email}. Create it first "
                           f"(flask --app wsgi portal create-user {email}).", field="email")
    if not user.is_active:
        raise InvalidInput(f"{user.name}'s account is disabled.", field="email")
    membership = db.session.scalar(select(Membership).where(Membership.user_id == user.id).limit(1))
    if membership is not None:
        raise InvalidInput(f"{user.name} holds a role at {membership.organization.name}. A facilitator is neutral "
                           f"and belongs to no partner organization; remove that role first.", field="email")
    if table.facilitator_assignment is not None:
        current: User = table.facilitator_assignment.user
        raise Conflict(f"{table.name} already has a facilitator ({current.name}); remove them first.", field="email")
    assignment = TableFacilitator(table_id=table.id, user_id=user.id, assigned_by_id=actor.id)
    db.session.add(assignment)
    db.session.flush()
    db.session.refresh(table, ["facilitator_assignment"])
    record(actor, "table.facilitator_assigned", table, f"{user.email} facilitates “{table.name}”",
           after={"user_id": user.id}, table=table)
    return assignment


def remove_facilitator(actor, table: CoalitionTable) -> None:
    assignment = table.facilitator_assignment
    if assignment is None:
        raise InvalidInput(f"{table.name} has no facilitator.")
    user_id = assignment.user_id
    db.session.delete(assignment)
    db.session.flush()
    db.session.refresh(table, ["facilitator_assignment"])
    record(actor, "table.facilitator_removed", table, f"Facilitator removed from “{table.name}”",
           before={"user_id": user_id}, table=table)
