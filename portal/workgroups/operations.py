"""Convening a working group, partners deciding on it, the campaign notice,
and closing it. Activities and notes are in portal.workgroups.planning.

Unity, not unanimity: the facilitator invites the candidate's backers; each
partner's staff decide on their own to join (bringing the affiliates they
choose), to decline, or later to leave. Nothing happens to a partner without
its own decision. Operations flush and audit; the request commits.

Audit records name the group's organization (so the partner's own activity
page shows it) but never its table: the table's facilitator log is read by
every partner there, and a working group is seen only by its members."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from portal.audit.operations import record
from portal.db import db, utcnow
from portal.errors import Conflict, InvalidInput
from portal.orgs.models import LegalStatus, Organization
from portal.workgroups.models import (CampaignNoticeAcknowledgement, PartnerStatus, WorkingGroup,
                                      WorkingGroupAffiliate, WorkingGroupPartner)
from portal.workgroups.notifications import notify_invited
from portal.workgroups.queries import convenable_candidates

CAMPAIGN_NOTICE = ("This working group includes 501(c)(4) organizations at a federal table. Its plans must not "
                   "be coordinated with the candidate's campaign: do not share them with the campaign, ask it "
                   "for anything, or plan with it. Each organization's activity stays its own independent "
                   "decision.")


def _refuse_closed(group: WorkingGroup) -> None:
    if not group.is_open:
        raise Conflict(f"This working group was closed on {group.closed_at:%b %d, %Y}; it is kept as a record "
                       "and takes no more changes.")


def _refuse_stale(obj, expected_version: int | None, what: str) -> None:
    if expected_version is None or expected_version != obj.version:
        raise Conflict(f"This {what} was changed by someone else since you opened the page — reload the page "
                       "to see the change, then try again.")


# --- convening ----------------------------------------------------------------------------

def convene(actor, table, candidate, now: datetime | None = None) -> WorkingGroup:
    """The facilitator convenes the backers of a candidate at (or one short of) critical mass."""
    if candidate is None or candidate.race.table_id != table.id:
        raise InvalidInput("Choose a candidate of this table.", field="candidate_id")
    if open_group_for(candidate) is not None:
        raise Conflict(f"{candidate.name} already has an open working group.", field="candidate_id")
    eligible = next((c for c in convenable_candidates(actor, table, now) if c.candidate_id == candidate.id), None)
    if eligible is None:
        raise InvalidInput(f"{candidate.name} is not at or near critical mass as you see the table; a working "
                           "group is convened for a candidate that partners already back.", field="candidate_id")
    nationals = db.session.scalars(select(Organization).where(Organization.id.in_(eligible.partner_ids))).all()
    return open_group(actor, table, candidate, list(nationals), now=now)


def open_group(actor, table, candidate, nationals: list[Organization], now: datetime | None = None) -> WorkingGroup:
    """Create the group and invite `nationals` (each decides for itself). convene() checks
    critical mass first; this is the step after it (the probe world calls it directly)."""
    now = now or utcnow()
    group = WorkingGroup(table_id=table.id, candidate_id=candidate.id, convened_by_id=actor.id, convened_at=now)
    db.session.add(group)
    db.session.flush()
    for national in sorted(nationals, key=lambda n: (n.name.casefold(), n.id)):
        if national.kind != "national" or national.id not in table.partner_ids:
            raise InvalidInput(f"{national.name} is not a partner at {table.name}.")
        db.session.add(WorkingGroupPartner(group=group, national_id=national.id, invited_at=now))
    db.session.flush()
    db.session.refresh(group)
    record(actor, "workgroups.convened", group, f"Working group convened for {candidate.name} "
           f"({candidate.race.title}); {len(group.partners)} partner(s) invited",
           after={"candidate": candidate.name, "invited": [p.national.name for p in group.partners]})
    for partner in group.partners:
        notify_invited(group, partner)
    return group


def open_group_for(candidate) -> WorkingGroup | None:
    return db.session.scalar(select(WorkingGroup).where(WorkingGroup.candidate_id == candidate.id,
                                                        WorkingGroup.closed_at.is_(None)))


def close(actor, group: WorkingGroup, expected_version: int | None) -> None:
    _refuse_closed(group)
    _refuse_stale(group, expected_version, "working group")
    group.closed_at, group.closed_by_id = utcnow(), actor.id
    db.session.flush()
    record(actor, "workgroups.closed", group, f"Working group for {group.candidate.name} closed",
           after={"closed_at": group.closed_at.isoformat()})


# --- a partner's own decisions --------------------------------------------------------------

def selectable_affiliates(group: WorkingGroup, national: Organization) -> list[Organization]:
    """The national's active affiliates, states before their locals, by name."""
    rows = db.session.scalars(select(Organization).where(
        Organization.national_id == national.id, Organization.archived_at.is_(None))).all()
    return sorted(rows, key=lambda o: (o.state_code or "", o.kind != "state", o.name.casefold(), o.id))


def default_affiliates(group: WorkingGroup, national: Organization) -> list[Organization]:
    """Those in the race's state."""
    return [o for o in selectable_affiliates(group, national) if o.state_code == group.race.state_code]


def brought_affiliates(group: WorkingGroup, national_id: int) -> list[Organization]:
    return sorted((a.organization for a in group.affiliates if a.national_id == national_id),
                  key=lambda o: (o.state_code or "", o.kind != "state", o.name.casefold(), o.id))


def _chosen_affiliates(group, partner, affiliate_ids) -> list[Organization]:
    allowed = {o.id: o for o in selectable_affiliates(group, partner.national)}
    if affiliate_ids is None:
        return default_affiliates(group, partner.national)
    unknown = [i for i in affiliate_ids if i not in allowed]
    if unknown:
        raise InvalidInput(f"Choose only active affiliates of {partner.national.name}.", field="affiliate_ids")
    return [allowed[i] for i in dict.fromkeys(affiliate_ids)]


def _replace_affiliates(actor, group, partner, chosen: list[Organization]) -> tuple[list[str], list[str]]:
    before = [o.name for o in brought_affiliates(group, partner.national_id)]
    for row in [a for a in group.affiliates if a.national_id == partner.national_id]:
        group.affiliates.remove(row)
        db.session.delete(row)
    db.session.flush()
    for org in chosen:
        group.affiliates.append(WorkingGroupAffiliate(organization_id=org.id, national_id=partner.national_id,
                                                      added_by_id=actor.id, organization=org))
    db.session.flush()
    return before, [o.name for o in chosen]


def join(actor, group: WorkingGroup, partner: WorkingGroupPartner, *, affiliate_ids: list[int] | None,
         expected_version: int | None) -> WorkingGroupPartner:
    """The partner joins, bringing the chosen affiliates (by default those in the race's state).
    A partner that declined or left may change its mind while the group is open."""
    _refuse_closed(group)
    _refuse_stale(partner, expected_version, "invitation")
    if partner.status == PartnerStatus.JOINED.value:
        raise Conflict(f"{partner.national.name} is already a member of this working group.")
    chosen = _chosen_affiliates(group, partner, affiliate_ids)
    before = partner.status
    partner.status, partner.decided_at, partner.decided_by_id, partner.left_at = (
        PartnerStatus.JOINED.value, utcnow(), actor.id, None)
    db.session.flush()
    _, brought = _replace_affiliates(actor, group, partner, chosen)
    record(actor, "workgroups.joined", partner, f"{partner.national.name} joined the working group for "
           f"{group.candidate.name}", before={"status": before},
           after={"status": partner.status, "affiliates": brought}, organization=partner.national)
    return partner


def decline(actor, group: WorkingGroup, partner: WorkingGroupPartner, expected_version: int | None) -> None:
    _refuse_closed(group)
    _refuse_stale(partner, expected_version, "invitation")
    if partner.status != PartnerStatus.INVITED.value:
        raise Conflict(f"{partner.national.name} already decided: {partner.status_label}.")
    partner.status, partner.decided_at, partner.decided_by_id = PartnerStatus.DECLINED.value, utcnow(), actor.id
    db.session.flush()
    record(actor, "workgroups.declined", partner, f"{partner.national.name} chose not to take part in the "
           f"working group for {group.candidate.name}", before={"status": PartnerStatus.INVITED.value},
           after={"status": partner.status}, organization=partner.national)


def leave(actor, group: WorkingGroup, partner: WorkingGroupPartner, expected_version: int | None) -> None:
    """The partner leaves; the activities and notes it contributed stay, credited to it."""
    _refuse_closed(group)
    _refuse_stale(partner, expected_version, "membership")
    if partner.status != PartnerStatus.JOINED.value:
        raise Conflict(f"{partner.national.name} is not a member of this working group.")
    now = utcnow()
    partner.status, partner.decided_at, partner.decided_by_id, partner.left_at = (
        PartnerStatus.LEFT.value, now, actor.id, now)
    db.session.flush()
    brought, _ = _replace_affiliates(actor, group, partner, [])
    record(actor, "workgroups.left", partner, f"{partner.national.name} left the working group for "
           f"{group.candidate.name}", before={"status": PartnerStatus.JOINED.value, "affiliates": brought},
           after={"status": partner.status, "affiliates": []}, organization=partner.national)


def set_affiliates(actor, group: WorkingGroup, partner: WorkingGroupPartner, *, affiliate_ids: list[int],
                   expected_version: int | None) -> None:
    _refuse_closed(group)
    _refuse_stale(partner, expected_version, "membership")
    if partner.status != PartnerStatus.JOINED.value:
        raise Conflict(f"{partner.national.name} is not a member of this working group; join first.")
    chosen = _chosen_affiliates(group, partner, affiliate_ids)
    before, after = _replace_affiliates(actor, group, partner, chosen)
    partner.decided_at, partner.decided_by_id = utcnow(), actor.id  # bumps the version: a stale form is refused
    db.session.flush()
    record(actor, "workgroups.affiliates_changed", partner, f"{partner.national.name} changed the affiliates it "
           f"brings to the working group for {group.candidate.name}", before={"affiliates": before},
           after={"affiliates": after}, organization=partner.national)


# --- the 501(c)(4) notice -------------------------------------------------------------------

def notice_applies(group: WorkingGroup, also: tuple[Organization, ...] = ()) -> bool:
    """Federal tables, when a member organization (or one of `also`) is a 501(c)(4)."""
    if group.table.level != "federal":
        return False
    ids = group.member_organization_ids
    orgs = db.session.scalars(select(Organization.legal_status).where(Organization.id.in_(ids))).all() if ids else []
    return LegalStatus.C4.value in orgs or any(o.legal_status == LegalStatus.C4.value for o in also)


def has_acknowledged(user, group: WorkingGroup) -> bool:
    return db.session.get(CampaignNoticeAcknowledgement, (group.id, user.id)) is not None


def needs_acknowledgement(user, group: WorkingGroup) -> bool:
    return notice_applies(group) and not has_acknowledged(user, group)


def require_acknowledged(user, group: WorkingGroup) -> None:
    if needs_acknowledgement(user, group):
        raise InvalidInput("Acknowledge the notice about not coordinating with the campaign first (at the top of "
                           "the working group's page).")


def acknowledge(actor, group: WorkingGroup) -> bool:
    """Once per person and group; acknowledging again changes nothing."""
    if has_acknowledged(actor, group):
        return False
    db.session.add(CampaignNoticeAcknowledgement(group_id=group.id, user_id=actor.id))
    db.session.flush()
    record(actor, "workgroups.notice_acknowledged", group, f"{actor.name} acknowledged the campaign notice of "
           f"the working group for {group.candidate.name}", after={"notice": CAMPAIGN_NOTICE})
    return True
