"""Critical mass over time. refresh() counts each candidate's backers the way
the table's facilitator sees them (coalition_matrix with the facilitator as
viewer: approved endorsements shared with the facilitator or the table, past
their embargo), compares with the stored CriticalMassState, and for every
crossing of the threshold, up or down, records the date, writes an audit
record and tells the facilitator (outbox + e-mail).

Declaration operations call refresh() after a change that can move a count;
embargoes end with time, not with an event, so `flask --app wsgi portal
critical-mass refresh` (cron) refreshes every table."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import click
from sqlalchemy import select

from portal.audit.operations import record
from portal.db import db, utcnow
from portal.facilitator.models import CriticalMassState
from portal.tables.models import CoalitionTable

REACHED, LOST = "reached", "lost"


@dataclass(frozen=True)
class Crossing:
    table_id: int
    race_id: int
    race_title: str
    candidate_id: int
    candidate_name: str
    direction: str  # "reached" or "lost"
    backers: int
    threshold: int
    at: datetime


def _facilitator(table: CoalitionTable):
    from portal.auth.models import User
    user_id = table.facilitator_id
    return db.session.get(User, user_id) if user_id is not None else None


def refresh(table: CoalitionTable, now: datetime | None = None, *, race=None) -> list[Crossing]:
    """Bring the stored state of `table` (or of one of its races, after a decision
    there) up to date; the crossings found, in matrix order. Without a facilitator
    there is nobody's view to count: nothing."""
    from portal.facilitator.matrix import MatrixFilters, coalition_matrix
    from portal.notifications.operations import notify_facilitator_crossing
    from portal.races.models import Candidate

    facilitator = _facilitator(table)
    if facilitator is None:
        return []
    now = now or utcnow()
    db.session.flush()
    # One refresh per table at a time (PostgreSQL row lock; SQLite serializes writers
    # anyway), so two decisions committing together cannot both insert a state row.
    db.session.execute(select(CoalitionTable.id).where(CoalitionTable.id == table.id).with_for_update())
    matrix = coalition_matrix(facilitator, table, MatrixFilters(race_id=race.id if race is not None else None),
                              now=now)
    states = {s.candidate_id: s for s in db.session.scalars(
        select(CriticalMassState).where(CriticalMassState.table_id == table.id))}
    crossings: list[Crossing] = []
    for row in matrix.rows:
        for tally in row.candidates:
            state = states.get(tally.id)
            if state is None:
                if not tally.backers:
                    continue
                state = CriticalMassState(table_id=table.id, candidate_id=tally.id, backers=0, updated_at=now)
                db.session.add(state)
            was, is_now, previous = state.reached, tally.backers >= matrix.threshold, state.backers
            if state.backers != tally.backers:
                state.backers, state.updated_at = tally.backers, now
            if was == is_now:
                continue
            if is_now:
                state.reached_at, state.lost_at = now, None
            else:
                state.lost_at = now
            state.updated_at = now
            crossing = Crossing(table.id, row.race_id, row.title, tally.id, tally.name, REACHED if is_now else LOST,
                                tally.backers, matrix.threshold, now)
            crossings.append(crossing)
            candidate = db.session.get(Candidate, tally.id)
            record(None, f"critical_mass.{crossing.direction}", candidate,
                   f"{tally.name} ({row.title}) {'reached' if is_now else 'lost'} critical mass at "
                   f"“{table.name}”: {tally.backers} of {len(matrix.partners)} partners back them "
                   f"(threshold {matrix.threshold})",
                   before={"backers": previous, "critical_mass": was},
                   after={"backers": tally.backers, "critical_mass": is_now}, table=table)
            notify_facilitator_crossing(facilitator, table, crossing)
    db.session.flush()
    return crossings


def reached_dates(table: CoalitionTable) -> dict[int, datetime]:
    """Candidate id -> when it reached critical mass, for candidates at it now."""
    return dict(db.session.execute(select(CriticalMassState.candidate_id, CriticalMassState.reached_at).where(
        CriticalMassState.table_id == table.id, CriticalMassState.reached_at.is_not(None),
        CriticalMassState.lost_at.is_(None))).all())


critical_mass_cli = click.Group("critical-mass", help="Track when candidates reach or lose critical mass.")


@critical_mass_cli.command("refresh")
def refresh_command():
    """Refresh every table (embargoes end with time: run it from cron)."""
    from portal.notifications.operations import deliver_after_commit
    total = tables = 0
    for table_id in db.session.scalars(select(CoalitionTable.id).order_by(CoalitionTable.id)).all():
        table = db.session.get(CoalitionTable, table_id)
        total += len(refresh(table))
        db.session.commit()  # a table at a time: short locks, and one table's failure keeps the others
        tables += 1
    if db.session.info.pop("notifications_waiting", False):
        deliver_after_commit()
    click.echo(f"{tables} table(s) refreshed, {total} crossing(s)")
