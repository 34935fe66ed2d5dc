"""The demo's endorsements and capacity pledges at the three 2026 tables, in
every state of the workflow: approved and shared, pending for the demo
approver, rejected with a reason, withdrawn before a decision, an approved
pledge with an edit awaiting approval, a withdrawn stance, an embargoed
announcement, and several challengers backed by four partners or more.

Everything goes through the real operations (declare, revise,
withdraw_pending, decide, set_policy), so audit records and approvals look
exactly as they would had people used the portal. Idempotent: each
declaration has a fixed submission key and is skipped when it exists.

Every person and note is fictional. Dates hang off each race's election date,
so pledge windows always close before election day."""
from __future__ import annotations

import unicodedata
from datetime import date, timedelta

from sqlalchemy import func, select, update

from portal.approvals.operations import decide
from portal.auth.models import User
from portal.auth.operations import create_user
from portal.db import db, utcnow
from portal.declarations.models import ApprovalPolicy, Declaration
from portal.declarations.operations import declare, revise, withdraw_pending
from portal.declarations.policies import set_policy
from portal.demo import data
from portal.members.models import Membership
from portal.notifications.models import Notification
from portal.orgs.models import Organization
from portal.races.models import Race
from portal.tables.models import CoalitionTable
from portal.demo.declaration_data import APPROVERS, LEADERS, PERSONA_LEADERS, POLICIES, SPECS, Spec




# ---------------------------------------------------------------------------

def _orgs_by_slug() -> dict[str, Organization]:
    return {org.slug: org for org in db.session.scalars(select(Organization))}


def _domain(org: Organization) -> str:
    national = db.session.get(Organization, org.root_id)
    return next(row["domain"] for row in data.NATIONALS if row["slug"] == national.slug)


def _email(name: str, domain: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return ".".join(part.lower() for part in ascii_name.replace("-", " ").split()) + "@" + domain


def _staff(name: str, org: Organization, role: str) -> User:
    """A demo person without a password, holding `role` at `org`."""
    email = _email(name, _domain(org))
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = create_user(None, email, name, None)
    if db.session.scalar(select(Membership.id).where(Membership.user_id == user.id,
                                                      Membership.organization_id == org.id)) is None:
        db.session.add(Membership(user_id=user.id, organization_id=org.id, role=role, source="manual"))
    return user


def _race(spec: Spec, tables: dict[str, CoalitionTable]) -> Race:
    level, rest = spec.race.split(":", 1)
    district, _, city = rest.partition("@")
    query = select(Race).where(Race.table_id == tables[level].id, Race.district == district)
    if city:
        query = query.where(Race.city == city)
    return db.session.scalars(query).one()


def _ensure_policies(admin: User, orgs: dict[str, Organization]) -> None:
    for slug, level, kind, requires_approval, max_visibility in POLICIES:
        national = orgs[slug]
        if db.session.get(ApprovalPolicy, (national.id, level, kind)) is None:
            set_policy(admin, national, level, kind, requires_approval=requires_approval,
                       max_visibility=max_visibility)


def _fields(spec: Spec, race: Race, today: date) -> dict:
    fields = dict(spec.fields)
    election = race.election_date
    if spec.announced is not None:
        fields["announced_on"] = min(election - timedelta(days=spec.announced), today)
    if spec.window is not None:
        first, last = spec.window
        fields["starts_on"], fields["ends_on"] = election - timedelta(days=first), election - timedelta(days=last)
    if spec.share_in_days is not None:
        fields["share_from"] = (utcnow() + timedelta(days=spec.share_in_days)).replace(
            hour=15, minute=0, second=0, microsecond=0)
    return fields


def _play(spec: Spec, org: Organization, leaders: dict[str, User], approvers: dict[int, User],
          tables: dict[str, CoalitionTable], today: date) -> None:
    race = _race(spec, tables)
    table = tables[spec.race.split(":", 1)[0]]
    candidate = None
    if spec.candidate:
        candidate = next(c for c in race.candidates if c.name == spec.candidate)
    submitter = leaders[spec.org]
    fields = _fields(spec, race, today)
    declaration = declare(submitter, org, table, kind=spec.kind, race=race, candidate=candidate,
                          stage=race.stage if spec.kind == "endorsement" else None,
                          submission_key=spec.key, **fields)
    approver = approvers[org.root_id]
    for step in spec.then:
        action, arg = (step, None) if isinstance(step, str) else step
        if action == "approve":
            decide(approver, declaration.pending, approve=True)
        elif action == "reject":
            decide(approver, declaration.pending, approve=False, reason=arg)
        elif action == "withdraw":
            withdraw_pending(submitter, declaration, declaration.version)
        elif action == "revise":
            fields = fields | arg
            revise(submitter, declaration, expected_version=declaration.version, **fields)
        else:
            raise ValueError(f"unknown demo step {action!r}")
    db.session.flush()


def seed_declarations(people: dict[str, User]) -> int:
    """Create the demo declarations that do not exist yet; returns how many were created."""
    existing = set(db.session.scalars(select(Declaration.submission_key).where(
        Declaration.submission_key.in_([s.key for s in SPECS]))))
    todo = [s for s in SPECS if s.key not in existing]

    orgs = _orgs_by_slug()
    leaders: dict[str, User] = {slug: people[key] for slug, key in PERSONA_LEADERS.items()}
    for slug in sorted({s.org for s in SPECS} - set(leaders)):
        leaders[slug] = _staff(LEADERS[slug], orgs[slug], "leader")
    approvers: dict[int, User] = {orgs["working-families-network"].id: people["approver"]}
    for slug, name in APPROVERS.items():
        approvers[orgs[slug].id] = _staff(name, orgs[slug], "approver")
    db.session.flush()
    _ensure_policies(people["site_admin"], orgs)
    if not todo:
        return 0

    from portal.demo.seed import TABLES  # seed imports this module
    tables = {t.level: t for t in db.session.scalars(select(CoalitionTable).where(
        CoalitionTable.name.in_([spec["name"] for spec in TABLES])))}
    last_notification = db.session.scalar(select(func.max(Notification.id))) or 0
    today = utcnow().date()
    for spec in todo:
        _play(spec, orgs[spec.org], leaders, approvers, tables, today)
    # The demo's history happened before anyone started the portal: its mail
    # counts as delivered, so the first request after `make run` does not
    # flush dozens of logged e-mails into the terminal.
    now = utcnow()
    db.session.execute(update(Notification).where(Notification.id > last_notification,
                                                  Notification.sent_at.is_(None))
                       .values(sent_at=now, attempts=1).execution_options(synchronize_session=False))
    db.session.info.pop("notifications_waiting", None)
    db.session.flush()
    return len(todo)
