"""Declaring endorsements and capacity pledges, revising and withdrawing them.

A declaration that needs approval waits as a pending revision; it counts
nowhere outside its own tree until an approver above approves it. Editing an
approved declaration adds a pending revision while the approved one stays in
force. Operations flush and audit; the request commits."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.audit.operations import record
from portal.db import db, utcnow
from portal.declarations.models import (NOTE_MAX, QUANTITY_MAX, Activity, Declaration, DeclarationRevision, Kind,
                                        Stance, Status, Unit, Visibility)
from portal.declarations.policies import effective_policy
from portal.errors import Conflict, InvalidInput
from portal.notifications.operations import notify_approvers
from portal.orgs.models import Organization
from portal.races.models import Candidate, Race, Stage
from portal.tables.models import CoalitionTable

MAX_WINDOW_DAYS = 800  # a pledge window longer than two cycles is a typo


def _choice(enum_cls, value, field: str, what: str):
    try:
        return enum_cls(value).value
    except ValueError:
        raise InvalidInput(f"Choose {what} from the list.", field=field) from None


def _check_place(org: Organization, table: CoalitionTable, race: Race) -> None:
    if org.is_archived:
        raise InvalidInput(f"{org.name} is archived.")
    if org.root_id not in table.partner_ids:
        raise InvalidInput(f"{org.name}'s national is not a partner at {table.name}.")
    if race.table_id != table.id:
        raise InvalidInput("That race is not at this table.", field="race_id")


def _content(org, table, kind: str, fields: dict) -> dict:
    """Validated revision content for `kind`, with the national's policy applied."""
    visibility = _choice(Visibility, fields.get("visibility") or "own", "visibility", "who may see it")
    policy = effective_policy(org.root_id, table.level, kind)
    if org.kind != "national" and Visibility(visibility).rank > Visibility(policy.max_visibility).rank:
        raise InvalidInput(f"{org.national.name if org.national else 'Your national'} lets affiliates share "
                           f"{kind}s at this level at most with: {Visibility(policy.max_visibility).label.lower()}.",
                           field="visibility")
    note = (fields.get("note") or "").strip() or None
    if note and len(note) > NOTE_MAX:
        raise InvalidInput(f"Notes are at most {NOTE_MAX} characters.", field="note")
    share_from = fields.get("share_from")
    if share_from is not None and not isinstance(share_from, datetime):
        raise InvalidInput("Give the sharing date as a date and time.", field="share_from")
    content = {"visibility": visibility, "note": note, "share_from": share_from, "stance": None,
               "announced_on": None, "activity": None, "quantity": None, "unit": None, "starts_on": None,
               "ends_on": None}
    if kind == Kind.ENDORSEMENT.value:
        content["stance"] = _choice(Stance, fields.get("stance"), "stance", "a stance")
        announced = fields.get("announced_on")
        if announced is not None and not isinstance(announced, date):
            raise InvalidInput("Give the announcement date as a date.", field="announced_on")
        content["announced_on"] = announced
    else:
        content["activity"] = _choice(Activity, fields.get("activity"), "activity", "an activity")
        content["unit"] = _choice(Unit, fields.get("unit"), "unit", "a unit")
        quantity = fields.get("quantity")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or not 0 < quantity <= QUANTITY_MAX:
            raise InvalidInput(f"The quantity is a whole number from 1 to {QUANTITY_MAX:,}.", field="quantity")
        starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
        if not isinstance(starts_on, date) or not isinstance(ends_on, date):
            raise InvalidInput("Give the first and last day of the pledge.", field="starts_on")
        if ends_on < starts_on:
            raise InvalidInput("The pledge ends before it starts.", field="ends_on")
        if (ends_on - starts_on).days > MAX_WINDOW_DAYS:
            raise InvalidInput(f"A pledge window is at most {MAX_WINDOW_DAYS} days.", field="ends_on")
        content.update(quantity=quantity, starts_on=starts_on, ends_on=ends_on)
    return content


def _needs_approval(org: Organization, table: CoalitionTable, kind: str) -> bool:
    # A national's own declarations have nobody above them to approve.
    return org.kind != "national" and effective_policy(org.root_id, table.level, kind).requires_approval


def _existing(submission_key: str) -> Declaration | None:
    return db.session.scalar(select(Declaration).where(Declaration.submission_key == submission_key))


def _snapshot(revision: DeclarationRevision) -> dict:
    return {k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in revision.content().items()} | {
        "status": revision.status, "revision": revision.number}


def _add_revision(actor, declaration: Declaration, content: dict, *, needs_approval: bool) -> DeclarationRevision:
    now = utcnow()
    revision = DeclarationRevision(declaration=declaration, number=len(declaration.revisions) + 1,
                                   status=Status.PENDING.value if needs_approval else Status.APPROVED.value,
                                   submitted_by_id=actor.id, submitted_at=now, **content)
    if not needs_approval:
        revision.decided_at = now
    db.session.add(revision)
    db.session.flush()
    if not needs_approval:
        _put_in_force(declaration, revision)
    declaration.updated_at, declaration.updated_by_id = now, actor.id
    return revision


def _put_in_force(declaration: Declaration, revision: DeclarationRevision) -> None:
    previous = declaration.current
    if previous is not None and previous.id != revision.id:
        previous.status = Status.SUPERSEDED.value
    declaration.current_revision_id = revision.id
    declaration.current = revision


def declare(actor, org: Organization, table: CoalitionTable, *, kind: str, race: Race,
            candidate: Candidate | None, stage: str | None, submission_key: str, **fields) -> Declaration:
    """A new endorsement or pledge. The same submission key returns the
    declaration it created before (a form submitted twice creates one)."""
    kind = _choice(Kind, kind, "kind", "endorsement or pledge")
    if not submission_key or len(submission_key) > 64:
        raise InvalidInput("The form was damaged; reload the page.")
    earlier = _existing(submission_key)
    if earlier is not None:
        if earlier.organization_id != org.id:
            raise Conflict("That form was already used.")
        return earlier
    _check_place(org, table, race)
    if candidate is not None and candidate.race_id != race.id:
        raise InvalidInput("That candidate is not in this race.", field="candidate_id")
    if kind == Kind.ENDORSEMENT.value:
        if candidate is None:
            raise InvalidInput("Choose the candidate.", field="candidate_id")
        stage = _choice(Stage, stage, "stage", "a stage")
        twin = db.session.scalar(select(Declaration).where(
            Declaration.kind == kind, Declaration.organization_id == org.id,
            Declaration.candidate_id == candidate.id, Declaration.stage == stage))
        if twin is not None:
            if twin.submission_key == submission_key:
                return twin  # the same form, sent twice at once: the other request created it meanwhile
            raise Conflict(f"{org.name} already has a {stage} endorsement record for {candidate.name}: "
                           f"revise that one instead.", field="candidate_id")
    else:
        stage = None
    content = _content(org, table, kind, fields)
    declaration = Declaration(kind=kind, organization_id=org.id, national_id=org.root_id, table_id=table.id,
                              race_id=race.id, candidate_id=candidate.id if candidate else None, stage=stage,
                              submission_key=submission_key, created_by_id=actor.id, updated_by_id=actor.id)
    db.session.add(declaration)
    try:
        db.session.flush()
    except IntegrityError:
        # The same form arrived twice at the same moment (a double click): the other
        # request created it. Nothing else of this request was written yet.
        db.session.rollback()
        earlier = _existing(submission_key)
        if earlier is None or earlier.organization_id != org.id:
            raise
        return earlier
    needs_approval = _needs_approval(org, table, kind)
    revision = _add_revision(actor, declaration, content, needs_approval=needs_approval)
    record(actor, f"{kind}.declared", declaration, f"{org.name}: {kind} for {declaration.subject}"
           + (" (awaiting approval)" if needs_approval else ""), after=_snapshot(revision), organization=org,
           table=table)
    if needs_approval:
        notify_approvers(declaration, revision)
    elif kind == Kind.ENDORSEMENT.value:  # in force at once: a count may move
        from portal.facilitator.critical_mass import refresh
        refresh(table, race=declaration.race)
    return declaration


def _refuse_stale(declaration: Declaration, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != declaration.version:
        who = declaration.updated_by.name if declaration.updated_by else "someone"
        raise Conflict(f"This {declaration.kind} was changed by {who} at "
                       f"{declaration.updated_at:%b %d, %Y %H:%M UTC} — reload the page to see the change.")


def revise(actor, declaration: Declaration, *, expected_version: int | None, **fields) -> DeclarationRevision:
    """A new version. If one is pending, it is replaced; the approved version
    stays in force until the new one is approved."""
    _refuse_stale(declaration, expected_version)
    org, table = declaration.organization, declaration.table
    _check_place(org, table, declaration.race)
    content = _content(org, table, declaration.kind, fields)
    pending = declaration.pending
    if pending is not None:
        # Replaced before anyone decided it: the submitter took it back. (Superseded
        # is for a decided version; the schema requires a decision time for it.)
        pending.status = Status.WITHDRAWN.value
        db.session.flush()
    before = _snapshot(declaration.current or pending) if (declaration.current or pending) else None
    needs_approval = _needs_approval(org, table, declaration.kind)
    revision = _add_revision(actor, declaration, content, needs_approval=needs_approval)
    record(actor, f"{declaration.kind}.revised", declaration, f"{org.name}: {declaration.kind} for "
           f"{declaration.subject} revised" + (" (awaiting approval)" if needs_approval else ""),
           before=before, after=_snapshot(revision), organization=org, table=table)
    if needs_approval:
        notify_approvers(declaration, revision)
    elif declaration.kind == Kind.ENDORSEMENT.value:  # in force at once: a count may move
        from portal.facilitator.critical_mass import refresh
        refresh(table, race=declaration.race)
    return revision


def withdraw_pending(actor, declaration: Declaration, expected_version: int | None) -> DeclarationRevision:
    """The submitter (or their organization) takes back what awaits approval."""
    _refuse_stale(declaration, expected_version)
    pending = declaration.pending
    if pending is None:
        raise Conflict("Nothing of this declaration awaits approval.")
    pending.status = Status.WITHDRAWN.value
    declaration.updated_at, declaration.updated_by_id = utcnow(), actor.id
    db.session.flush()
    record(actor, f"{declaration.kind}.withdrawn", declaration, f"{declaration.organization.name}: pending "
           f"{declaration.kind} for {declaration.subject} withdrawn", after=_snapshot(pending),
           organization=declaration.organization, table=declaration.table)
    return pending
