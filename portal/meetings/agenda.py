"""Drafting a meeting's agenda from what changed at the table since the
previous meeting. The facilitator edits the draft and shares it with every
partner, so it is built ONLY from what every partner at the table sees:
approved endorsements shared with the whole table and past their embargo.

"What changed" is the difference between that table-wide picture at the start
of the window and now: endorsements new to it, endorsements withdrawn in it,
and candidates whose count of backing partners in it crossed the table's
threshold, up or down. (The stored critical-mass dates count what the
facilitator sees, facilitator-only shares included, so they stay out of
anything published.) Working groups' plans are their members' business: the
shortfalls are offered to the facilitator beside the agenda, never in it.

A pure function of (table, window, now): the same data gives the same text."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from portal.access.declarations import table_wide_clause
from portal.db import db
from portal.declarations.models import Declaration, DeclarationRevision, Kind, Stance, Status, Visibility
from portal.meetings.models import Meeting
from portal.races.models import Race

DEFAULT_LOOKBACK = timedelta(days=30)
ELECTIONS_AHEAD = timedelta(days=30)
IN_FORCE = (Status.APPROVED.value, Status.SUPERSEDED.value)


@dataclass(frozen=True)
class Window:
    since: datetime
    until: datetime


@dataclass(frozen=True)
class EndorsementChange:
    race: Race
    candidate_name: str
    organizations: tuple[str, ...]  # alphabetical


@dataclass(frozen=True)
class Crossing:
    race: Race
    candidate_name: str
    backers: int
    threshold: int
    reached: bool


def window_for(table, starts_at: datetime, now: datetime, *, meeting_id: int | None = None) -> Window:
    """Since the start of the table's previous meeting (not cancelled), or the
    last 30 days when there was none."""
    previous = db.session.scalar(
        select(Meeting.starts_at).where(Meeting.table_id == table.id, Meeting.cancelled_at.is_(None),
                                        Meeting.starts_at < starts_at,
                                        Meeting.id != (meeting_id or 0))
        .order_by(Meeting.starts_at.desc()).limit(1))
    since = previous if previous is not None else now - DEFAULT_LOOKBACK
    return Window(since=min(since, now), until=now)


# --- the table-wide picture at a moment ------------------------------------------------------

def _in_force_at(declaration: Declaration, moment: datetime) -> DeclarationRevision | None:
    """The revision that was in force at `moment`: the last one approved by then."""
    decided = [r for r in declaration.revisions
               if r.status in IN_FORCE and r.decided_at is not None and r.decided_at <= moment]
    return max(decided, key=lambda r: (r.decided_at, r.number), default=None)


def _table_wide_at(revision: DeclarationRevision | None, moment: datetime) -> bool:
    return revision is not None and revision.shared_with_at(moment) == Visibility.TABLE.value


def _endorsements(table) -> list[Declaration]:
    return list(db.session.scalars(select(Declaration).where(
        Declaration.table_id == table.id, Declaration.kind == Kind.ENDORSEMENT.value,
        Declaration.national_id.in_(table.partner_ids))))


def _table_wide_now(table, now: datetime) -> set[int]:
    return set(db.session.scalars(
        select(Declaration.id).join(DeclarationRevision, DeclarationRevision.id == Declaration.current_revision_id)
        .where(table_wide_clause(table, now), Declaration.kind == Kind.ENDORSEMENT.value)))


def _stance_then(declaration: Declaration, moment: datetime) -> str | None:
    revision = _in_force_at(declaration, moment)
    return revision.stance if _table_wide_at(revision, moment) else None


def _stance_now(declaration: Declaration, table_wide_now: set[int]) -> str | None:
    return declaration.current.stance if declaration.id in table_wide_now and declaration.current else None


def _race_key(race: Race) -> tuple:
    return (race.state_code, race.district.casefold(), race.district, race.office, race.stage, race.id)


def _grouped(pairs: list[tuple[Declaration, str]]) -> list[EndorsementChange]:
    by_candidate: dict[int, list[Declaration]] = defaultdict(list)
    for declaration, _ in pairs:
        by_candidate[declaration.candidate_id].append(declaration)
    changes = [EndorsementChange(group[0].race, group[0].candidate.name,
                                 tuple(sorted({d.organization.name for d in group}, key=str.casefold)))
               for group in by_candidate.values()]
    return sorted(changes, key=lambda c: (_race_key(c.race), c.candidate_name.casefold(), c.candidate_name))


def endorsement_changes(table, window: Window) -> tuple[list[EndorsementChange], list[EndorsementChange]]:
    """(new, withdrawn) endorsements in the table-wide picture over the window.
    New: endorsed and table-wide now, not then. Withdrawn: endorsed and
    table-wide then, and now a table-wide record saying "withdrawn" (a record
    merely no longer shared is not announced: partners cannot know why)."""
    now_ids = _table_wide_now(table, window.until)
    new, withdrawn = [], []
    for declaration in _endorsements(table):
        then, now = _stance_then(declaration, window.since), _stance_now(declaration, now_ids)
        if now == Stance.ENDORSED.value and then != Stance.ENDORSED.value:
            new.append((declaration, now))
        elif then == Stance.ENDORSED.value and now == Stance.WITHDRAWN.value:
            withdrawn.append((declaration, now))
    return _grouped(new), _grouped(withdrawn)


def critical_mass_crossings(table, window: Window) -> list[Crossing]:
    """Candidates whose number of backing partners in the table-wide picture
    crossed the threshold between the window's start and now. Counts only:
    which partners back whom is in the endorsement sections and the matrix."""
    now_ids = _table_wide_now(table, window.until)
    backers_then: dict[int, set[int]] = defaultdict(set)
    backers_now: dict[int, set[int]] = defaultdict(set)
    candidates = {}
    for declaration in _endorsements(table):
        candidates[declaration.candidate_id] = declaration.candidate
        if _stance_then(declaration, window.since) == Stance.ENDORSED.value:
            backers_then[declaration.candidate_id].add(declaration.national_id)
        if _stance_now(declaration, now_ids) == Stance.ENDORSED.value:
            backers_now[declaration.candidate_id].add(declaration.national_id)
    threshold = table.critical_mass_threshold
    crossings = []
    for candidate_id, candidate in candidates.items():
        was = len(backers_then[candidate_id]) >= threshold
        is_now = len(backers_now[candidate_id]) >= threshold
        if was != is_now:
            crossings.append(Crossing(candidate.race, candidate.name, len(backers_now[candidate_id]), threshold,
                                      reached=is_now))
    return sorted(crossings, key=lambda c: (not c.reached, _race_key(c.race), c.candidate_name.casefold()))


def elections_ahead(table, meeting_on: date) -> list[Race]:
    """Races at the table voting within 30 days of the meeting (primaries and
    runoffs above all; a general election that close is on the agenda too)."""
    races = db.session.scalars(select(Race).where(
        Race.table_id == table.id, Race.election_date >= meeting_on,
        Race.election_date <= meeting_on + ELECTIONS_AHEAD)).all()
    return sorted(races, key=lambda r: (r.election_date, _race_key(r)))


def plan_shortfalls_for_facilitator(table, now: datetime) -> list:
    """Working groups whose partners pledged far fewer volunteers than their plans
    expect: for the facilitator's preparation only (groups are members-only)."""
    from portal.workgroups.queries import plan_shortfalls
    return plan_shortfalls(table, now)


# --- Markdown ----------------------------------------------------------------------------------

# What changes meaning in the middle of a line (every name sits mid-line in the draft);
# escaping no more keeps the draft readable for the facilitator who edits it.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>~&|])")


def md_text(value: str) -> str:
    """Names as literal text in Markdown (a candidate called *Al* stays *Al*)."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(value.split()))


def _race_label(race: Race) -> str:
    return md_text(race.title)


def _bullets(lines: list[str]) -> list[str]:
    return [f"- {line}" for line in lines] or ["- None."]


def draft_agenda(table, window: Window, meeting_on: date) -> str:
    new, withdrawn = endorsement_changes(table, window)
    crossings = critical_mass_crossings(table, window)
    elections = elections_ahead(table, meeting_on)
    out = [f"## Since {window.since:%b %d, %Y}", "",
           "Drafted from what every partner at the table sees: endorsements shared with the whole table.", "",
           "### New endorsements", ""]
    out += _bullets([f"**{md_text(c.candidate_name)}**, {_race_label(c.race)}: "
                     f"{', '.join(md_text(name) for name in c.organizations)}" for c in new])
    out += ["", "### Endorsements withdrawn", ""]
    out += _bullets([f"**{md_text(c.candidate_name)}**, {_race_label(c.race)}: withdrawn by "
                     f"{', '.join(md_text(name) for name in c.organizations)}" for c in withdrawn])
    out += ["", "### Critical mass", ""]
    out += _bullets([
        f"**{md_text(c.candidate_name)}**, {_race_label(c.race)}: reached critical mass, "
        f"{c.backers} partners back them (threshold {c.threshold})" if c.reached else
        f"**{md_text(c.candidate_name)}**, {_race_label(c.race)}: now {c.backers} partner"
        f"{'' if c.backers == 1 else 's'}, below the threshold of {c.threshold}" for c in crossings])
    out += ["", f"## Elections in the 30 days from {meeting_on:%b %d, %Y}", ""]
    out += _bullets([f"{race.election_date:%a %b %d}: {_race_label(race)}, {md_text(race.state_name)}"
                     for race in elections])
    out += ["", "## Other business", ""]
    return "\n".join(out)
