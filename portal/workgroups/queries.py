"""Reading working groups: the lists a person sees, and the plan shortfalls
the meetings slice puts before the facilitator.

Who may see which group is decided in portal.access.workgroups; the queries
here narrow by table and state, then ask that module."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select

from portal.access.declarations import table_wide_clause
from portal.db import db
from portal.declarations.models import Declaration, DeclarationRevision, Kind, Unit
from portal.workgroups.models import JointActivity, PartnerStatus, WorkingGroup, WorkingGroupPartner


@dataclass(frozen=True)
class Shortfall:
    """A working group that plans more volunteers than its partners pledged."""

    group: WorkingGroup
    race: object  # portal.races.models.Race
    candidate_name: str
    planned_volunteers: int
    pledged_volunteers: int


def open_groups(table) -> list[WorkingGroup]:
    return list(db.session.scalars(select(WorkingGroup).where(
        WorkingGroup.table_id == table.id, WorkingGroup.closed_at.is_(None)).order_by(WorkingGroup.id)))


def planned_volunteers(group: WorkingGroup, now: datetime) -> int:
    """Expected volunteers of the group's activities still ahead and not cancelled."""
    return db.session.scalar(select(func.coalesce(func.sum(JointActivity.expected_volunteers), 0)).where(
        JointActivity.group_id == group.id, JointActivity.cancelled_at.is_(None),
        JointActivity.starts_at > now)) or 0


def pledged_volunteers(group: WorkingGroup, now: datetime) -> int:
    """Volunteers pledged in the group's race (for its candidate or the race as a whole) by the
    trees of its joined partners, counting only what every partner at the table sees."""
    joined = select(WorkingGroupPartner.national_id).where(
        WorkingGroupPartner.group_id == group.id, WorkingGroupPartner.status == PartnerStatus.JOINED.value)
    return db.session.scalar(
        select(func.coalesce(func.sum(DeclarationRevision.quantity), 0))
        .select_from(Declaration)
        .join(DeclarationRevision, DeclarationRevision.id == Declaration.current_revision_id)
        .where(table_wide_clause(group.table, now), Declaration.kind == Kind.PLEDGE.value,
               Declaration.race_id == group.candidate.race_id,
               or_(Declaration.candidate_id.is_(None), Declaration.candidate_id == group.candidate_id),
               DeclarationRevision.unit == Unit.VOLUNTEERS.value,
               Declaration.national_id.in_(joined))) or 0


def plan_shortfalls(table, now: datetime) -> list[Shortfall]:
    """Open groups at `table` whose partners pledged fewer than half the volunteers
    their upcoming activities expect. Names a group's candidate and figures: show it
    only to people who may see the group (its members and the facilitator)."""
    found = []
    for group in open_groups(table):
        planned = planned_volunteers(group, now)
        if not planned:
            continue
        pledged = pledged_volunteers(group, now)
        if pledged * 2 < planned:
            found.append(Shortfall(group, group.candidate.race, group.candidate.name, planned, pledged))
    return found


@dataclass(frozen=True)
class Convenable:
    """A candidate at or one short of critical mass, as the facilitator sees the table,
    with no open working group yet: the partners whose approved endorsements back them."""

    candidate_id: int
    candidate_name: str
    race_title: str
    backers: int
    threshold: int
    partner_ids: tuple[int, ...]
    partner_names: tuple[str, ...]

    @property
    def reached(self) -> bool:
        return self.backers >= self.threshold


def convenable_candidates(facilitator, table, now: datetime | None = None) -> list[Convenable]:
    from portal.facilitator.matrix import coalition_matrix
    matrix = coalition_matrix(facilitator, table, now=now)
    convened = set(db.session.scalars(select(WorkingGroup.candidate_id).where(
        WorkingGroup.table_id == table.id, WorkingGroup.closed_at.is_(None))))
    found = []
    for row in matrix.rows:
        for tally in row.candidates:
            if tally.id in convened or tally.backers < max(matrix.threshold - 1, 1):
                continue
            backers = [cell.partner for cell in row.cells if cell.backs(tally.id)]  # alphabetical
            found.append(Convenable(tally.id, tally.name, row.title, tally.backers, matrix.threshold,
                                    tuple(p.id for p in backers), tuple(p.name for p in backers)))
    return found


def groups_at_table(table) -> list[WorkingGroup]:
    """Every group at the table, open ones first; callers keep those the person may see."""
    return list(db.session.scalars(select(WorkingGroup).where(WorkingGroup.table_id == table.id).order_by(
        WorkingGroup.closed_at.is_not(None), WorkingGroup.convened_at.desc(), WorkingGroup.id.desc())))


def activities_of(group: WorkingGroup) -> list[JointActivity]:
    return list(db.session.scalars(select(JointActivity).where(JointActivity.group_id == group.id)
                                   .order_by(JointActivity.starts_at, JointActivity.id)))


def notes_of(group: WorkingGroup) -> list:
    from portal.workgroups.models import WorkingGroupNote
    return list(db.session.scalars(select(WorkingGroupNote).where(WorkingGroupNote.group_id == group.id)
                                   .order_by(WorkingGroupNote.created_at, WorkingGroupNote.id)))


def member_organizations(group: WorkingGroup) -> list:
    """Joined nationals and the affiliates they brought, by name."""
    from portal.orgs.models import Organization
    ids = group.member_organization_ids
    if not ids:
        return []
    rows = db.session.scalars(select(Organization).where(Organization.id.in_(ids))).all()
    return sorted(rows, key=lambda o: (o.name.casefold(), o.id))


def history(group: WorkingGroup, limit: int = 100) -> list:
    """The audit events about the group and everything in it, newest first: its members
    read who changed what (the summaries; the full before/after stays in the audit trail)."""
    from sqlalchemy import and_

    from portal.audit.models import AuditEvent
    from portal.workgroups.models import WorkingGroupNote
    about = [("WorkingGroup", select(WorkingGroup.id).where(WorkingGroup.id == group.id)),
             ("WorkingGroupPartner", select(WorkingGroupPartner.id).where(WorkingGroupPartner.group_id == group.id)),
             ("JointActivity", select(JointActivity.id).where(JointActivity.group_id == group.id)),
             ("WorkingGroupNote", select(WorkingGroupNote.id).where(WorkingGroupNote.group_id == group.id))]
    return list(db.session.scalars(select(AuditEvent).where(or_(*(
        and_(AuditEvent.subject_type == kind, AuditEvent.subject_id.in_(ids)) for kind, ids in about)))
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc()).limit(limit)))
