"""State changes of the organization tree. Operations flush and audit; the
request commits. Authorization of the request itself is the view's
decorator; checks that depend on the arguments (the new parent of a move)
ask portal.access."""
from __future__ import annotations

import re
import unicodedata

from sqlalchemy import func, select

from portal.access.policy import can
from portal.audit.operations import changes, record
from portal.db import db, utcnow
from portal.errors import Conflict, InvalidInput
from portal.orgs.models import CITY_MAX, NAME_MAX, SLUG_MAX, LegalStatus, Organization, OrgKind
from portal.orgs.states import STATES, normalise_state_code


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:SLUG_MAX - 6] or "org"


def unique_slug(name: str, wanted: str | None = None) -> str:
    base = slugify(wanted or name)
    slug, n = base, 2
    while db.session.scalar(select(func.count()).where(Organization.slug == slug)):
        slug, n = f"{base}-{n}", n + 1
    return slug


def snapshot(org: Organization) -> dict:
    return {"name": org.name, "kind": org.kind, "parent_id": org.parent_id, "state_code": org.state_code,
            "city": org.city, "legal_status": org.legal_status,
            "archived_at": org.archived_at.isoformat() if org.archived_at else None}


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise InvalidInput("A name is needed.", field="name")
    if len(name) > NAME_MAX:
        raise InvalidInput(f"Names are at most {NAME_MAX} characters.", field="name")
    return name


def _legal_status(value: str) -> str:
    try:
        return LegalStatus(value).value
    except ValueError:
        raise InvalidInput("Choose a legal status from the list.", field="legal_status") from None


def _sibling_name_free(parent_id: int | None, name: str, except_id: int | None = None) -> None:
    query = select(Organization.id).where(func.lower(Organization.name) == name.lower())
    query = query.where(Organization.parent_id.is_(None) if parent_id is None else Organization.parent_id == parent_id)
    if except_id is not None:
        query = query.where(Organization.id != except_id)
    if db.session.scalar(query) is not None:
        where = "another national" if parent_id is None else "another organization under the same parent"
        raise Conflict(f"{where.capitalize()} is already called “{name}”.", field="name")


def create_national(actor, name: str, legal_status: str, slug: str | None = None) -> Organization:
    name = _clean_name(name)
    _sibling_name_free(None, name)
    org = Organization(kind=OrgKind.NATIONAL.value, name=name, slug=unique_slug(name, slug),
                       legal_status=_legal_status(legal_status), updated_by_id=getattr(actor, "id", None))
    db.session.add(org)
    db.session.flush()
    record(actor, "org.created", org, f"National “{name}” created", after=snapshot(org), organization=org)
    return org


def create_affiliate(actor, parent: Organization, kind: str, name: str, legal_status: str,
                     state_code: str | None = None, city: str | None = None, slug: str | None = None) -> Organization:
    name = _clean_name(name)
    if parent.is_archived:
        raise InvalidInput(f"{parent.name} is archived; restore it before adding affiliates.")
    if kind not in (OrgKind.STATE.value, OrgKind.LOCAL.value):
        raise InvalidInput("An affiliate is a state or a local affiliate.", field="kind")
    if kind == OrgKind.STATE.value and parent.kind != OrgKind.NATIONAL.value:
        raise InvalidInput("A state affiliate hangs directly under its national.", field="kind")
    if parent.kind == OrgKind.LOCAL.value:
        raise InvalidInput("Local affiliates cannot have affiliates of their own.")
    code = normalise_state_code(state_code) if state_code else None
    if state_code and code is None:
        raise InvalidInput(f"“{state_code}” is not a U.S. state or territory code.", field="state_code")
    if parent.kind == OrgKind.STATE.value:
        if code and code != parent.state_code:
            raise InvalidInput(f"A local under {parent.name} must be in {STATES[parent.state_code]}.", field="state_code")
        code = parent.state_code
    if code is None:
        raise InvalidInput("Choose the state.", field="state_code")
    city = (city or "").strip() or None
    if kind == OrgKind.LOCAL.value and not city:
        raise InvalidInput("A local affiliate needs its city.", field="city")
    if kind == OrgKind.STATE.value:
        city = None
    if city and len(city) > CITY_MAX:
        raise InvalidInput(f"City names are at most {CITY_MAX} characters.", field="city")
    _sibling_name_free(parent.id, name)
    org = Organization(kind=kind, name=name, slug=unique_slug(name, slug), parent_id=parent.id,
                       national_id=parent.root_id, state_code=code, city=city,
                       legal_status=_legal_status(legal_status), updated_by_id=getattr(actor, "id", None))
    db.session.add(org)
    db.session.flush()
    record(actor, "org.created", org, f"{org.kind_label} “{name}” created under {parent.name}",
           after=snapshot(org), organization=org)
    return org


def _refuse_stale(org: Organization, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != org.version:
        who = org.updated_by.name if org.updated_by else "someone"
        raise Conflict(f"This organization was changed by {who} at "
                       f"{org.updated_at:%b %d, %Y %H:%M UTC} — reload the page to see the change.")


def edit_organization(actor, org: Organization, *, name: str, legal_status: str, city: str | None,
                      expected_version: int | None) -> Organization:
    _refuse_stale(org, expected_version)
    before = snapshot(org)
    name = _clean_name(name)
    _sibling_name_free(org.parent_id, name, except_id=org.id)
    org.name = name
    org.legal_status = _legal_status(legal_status)
    if org.kind == OrgKind.LOCAL.value:
        city = (city or "").strip()
        if not city:
            raise InvalidInput("A local affiliate needs its city.", field="city")
        if len(city) > CITY_MAX:
            raise InvalidInput(f"City names are at most {CITY_MAX} characters.", field="city")
        org.city = city
    org.updated_at, org.updated_by_id = utcnow(), actor.id
    db.session.flush()
    old, new = changes(before, snapshot(org))
    record(actor, "org.edited", org, f"“{org.name}” edited", before=old, after=new, organization=org)
    return org


def descendant_ids(org: Organization) -> set[int]:
    if org.kind == OrgKind.LOCAL.value:
        return set()
    column = Organization.national_id if org.kind == OrgKind.NATIONAL.value else Organization.parent_id
    return set(db.session.scalars(select(Organization.id).where(column == org.id)))


def move_organization(actor, org: Organization, new_parent: Organization) -> Organization:
    if org.kind == OrgKind.NATIONAL.value:
        raise InvalidInput("A national is the root of its tree and cannot be moved.")
    if new_parent.id == org.id or new_parent.id in descendant_ids(org):
        raise InvalidInput(f"{org.name} cannot move under itself or one of its own affiliates.", field="new_parent_id")
    if new_parent.root_id != org.root_id:
        raise InvalidInput("An affiliate cannot move into another national's tree.", field="new_parent_id")
    if not can(actor, "orgs.create_affiliate", new_parent):
        raise InvalidInput(f"You do not manage {new_parent.name}.", field="new_parent_id")
    if org.kind == OrgKind.STATE.value:
        raise InvalidInput("A state affiliate always hangs directly under its national.", field="new_parent_id")
    if new_parent.kind == OrgKind.LOCAL.value:
        raise InvalidInput("A local affiliate cannot hang under another local.", field="new_parent_id")
    if new_parent.kind == OrgKind.STATE.value and new_parent.state_code != org.state_code:
        raise InvalidInput(f"{org.name} is in {STATES[org.state_code]}; it can only move under the national "
                           f"or a {STATES[org.state_code]} affiliate.", field="new_parent_id")
    if new_parent.id == org.parent_id:
        raise InvalidInput(f"{org.name} is already under {new_parent.name}.", field="new_parent_id")
    _sibling_name_free(new_parent.id, org.name, except_id=org.id)
    before = snapshot(org)
    old_parent_name = org.parent.name if org.parent else "?"
    org.parent_id = new_parent.id
    org.updated_at, org.updated_by_id = utcnow(), actor.id
    db.session.flush()
    old, new = changes(before, snapshot(org))
    record(actor, "org.moved", org, f"“{org.name}” moved from {old_parent_name} to {new_parent.name}",
           before=old, after=new, organization=org)
    return org


def archive_organization(actor, org: Organization) -> Organization:
    if org.is_archived:
        raise Conflict(f"{org.name} is already archived.")
    active_children = [c for c in org.children if not c.is_archived]
    if active_children:
        names = ", ".join(c.name for c in active_children[:3])
        raise InvalidInput(f"{org.name} still has active affiliates ({names}…); archive or move them first.")
    before = snapshot(org)
    org.archived_at = utcnow()
    org.updated_at, org.updated_by_id = org.archived_at, actor.id
    db.session.flush()
    record(actor, "org.archived", org, f"“{org.name}” archived", before=before, after=snapshot(org), organization=org)
    return org


def restore_organization(actor, org: Organization) -> Organization:
    if not org.is_archived:
        raise Conflict(f"{org.name} is not archived.")
    if org.parent is not None and org.parent.is_archived:
        raise InvalidInput(f"Restore {org.parent.name} first.")
    before = snapshot(org)
    org.archived_at = None
    org.updated_at, org.updated_by_id = utcnow(), actor.id
    db.session.flush()
    record(actor, "org.restored", org, f"“{org.name}” restored", before=before, after=snapshot(org), organization=org)
    return org
