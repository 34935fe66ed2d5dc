"""Keeping candidate profiles: the facilitator adds, revises and retires
facts; partners suggest corrections that the facilitator accepts or declines.

Operations take the acting person explicitly, validate, flush and audit; the
request commits. A stale form (the fact or correction changed since the page
was shown) is refused with who changed it and when."""
from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import select

from portal.access.profiles import may_suggest_for
from portal.audit.operations import changes, record
from portal.db import db, utcnow
from portal.errors import Conflict, InvalidInput
from portal.profiles.models import (LABEL_MAX, REASON_MAX, SOURCE_MAX, VALUE_MAX, CorrectionKind, CorrectionStatus,
                                    ProfileCorrection, ProfileFact, Section)
from portal.profiles.notifications import notify_decision, notify_suggestion
from portal.races.models import Candidate


def web_address(value: str) -> str | None:
    """`value` as an http(s) address with a host (scheme lower-cased), or None."""
    if not value or any(ch.isspace() for ch in value):
        return None
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return parts.scheme.lower() + value[len(parts.scheme):]


def _text(value, field: str, what: str, limit: int, *, required: bool = True) -> str | None:
    value = (value or "").strip() if isinstance(value, str) or value is None else None
    if value is None:
        raise InvalidInput(f"Give {what} as text.", field=field)
    if not value:
        if required:
            raise InvalidInput(f"Give {what}.", field=field)
        return None
    if len(value) > limit:
        raise InvalidInput(f"{what[0].upper()}{what[1:]} is at most {limit:,} characters.", field=field)
    return value


def _section(value) -> str:
    try:
        return Section(value).value
    except ValueError:
        raise InvalidInput("Choose a section from the list.", field="section") from None


def _content(section, label, value, source, *, value_field="value", source_field="source") -> dict:
    """Validated fact content: every fact has a source; a link is a web address."""
    section = _section(section)
    label = _text(label, "label", "a label", LABEL_MAX)
    value = _text(value, value_field, "the fact", VALUE_MAX)
    if section == Section.LINK.value:
        value = web_address(value)
        if value is None:
            raise InvalidInput("A link is a web address starting with https:// or http://.", field=value_field)
    source = _text(source, source_field, "the source (a web address or a citation)", SOURCE_MAX)
    if source.lower().startswith(("http:", "https:")) and web_address(source) is None:
        raise InvalidInput("That web address is incomplete; give the full address or a citation.",
                           field=source_field)
    return {"section": section, "label": label, "value": value, "source": web_address(source) or source}


def _refuse_stale(thing, expected_version: int | None, what: str, who, when) -> None:
    if expected_version is None:
        raise InvalidInput("The form was damaged; reload the page.")
    if expected_version != thing.version:
        by = who.name if who is not None else "someone"
        raise Conflict(f"This {what} was changed by {by} at {when:%b %d, %Y %H:%M UTC} since you opened the "
                       f"page — reload it to see the change, then try again.")


def _refuse_stale_fact(fact: ProfileFact, expected_version: int | None) -> None:
    when = fact.retired_at or fact.entered_at
    who = fact.retired_by if fact.retired_at else fact.entered_by
    _refuse_stale(fact, expected_version, "fact", who, when)


def _place(candidate: Candidate) -> str:
    return f"{candidate.name} ({candidate.race.title})"


# --- the facilitator's facts ------------------------------------------------------------------

def add_fact(actor, candidate: Candidate, *, section, label, value, source, suggested_by=None) -> ProfileFact:
    content = _content(section, label, value, source)
    now = utcnow()
    fact = ProfileFact(candidate_id=candidate.id, candidate=candidate, **content, entered_by_id=actor.id,
                       entered_at=now, created_by_id=actor.id, created_at=now,
                       suggested_by_organization_id=suggested_by.id if suggested_by else None)
    db.session.add(fact)
    db.session.flush()
    credit = f" (suggested by {suggested_by.name})" if suggested_by else ""
    record(actor, "profile_fact.added", fact, f"Profile of {_place(candidate)}: {fact.label} added{credit}",
           after=content, table=candidate.race.table)
    return fact


def revise_fact(actor, fact: ProfileFact, *, expected_version: int | None, section, label, value, source,
                suggested_by=None) -> ProfileFact:
    _refuse_stale_fact(fact, expected_version)
    if fact.is_retired:
        raise Conflict("This fact was removed from the profile; add it again instead.")
    before = fact.content()
    after = _content(section, label, value, source)
    if after == before:
        raise InvalidInput("Nothing changed.")
    for name, new in after.items():
        setattr(fact, name, new)
    fact.entered_by_id, fact.entered_at = actor.id, utcnow()
    fact.suggested_by_organization_id = suggested_by.id if suggested_by else None
    db.session.flush()
    changed_before, changed_after = changes(before, after)
    credit = f" (suggested by {suggested_by.name})" if suggested_by else ""
    record(actor, "profile_fact.revised", fact, f"Profile of {_place(fact.candidate)}: {fact.label} revised{credit}",
           before=changed_before, after=changed_after, table=fact.candidate.race.table)
    return fact


def retire_fact(actor, fact: ProfileFact, *, expected_version: int | None) -> ProfileFact:
    _refuse_stale_fact(fact, expected_version)
    if fact.is_retired:
        raise Conflict("This fact was already removed.")
    fact.retired_at, fact.retired_by_id = utcnow(), actor.id
    db.session.flush()
    record(actor, "profile_fact.retired", fact, f"Profile of {_place(fact.candidate)}: {fact.label} removed",
           before=fact.content(), table=fact.candidate.race.table)
    return fact


# --- partners' corrections --------------------------------------------------------------------

def suggest_correction(actor, candidate: Candidate, organization, *, fact: ProfileFact | None = None,
                       fact_version: int | None = None, section=None, label=None, value, source,
                       reason=None) -> ProfileCorrection:
    """A partner's suggestion, for an existing fact (a new value and source) or a new fact."""
    table = candidate.race.table
    if organization is None or organization.is_archived or organization.root_id not in table.partner_ids \
            or may_suggest_for(actor, organization) is None:
        raise InvalidInput("Choose an organization you lead or staff among this table's partners.",
                           field="organization_id")
    if fact is not None:
        if fact.candidate_id != candidate.id:
            raise InvalidInput("That fact is not on this profile.")
        if fact.is_retired:
            raise Conflict("That fact was removed from the profile meanwhile; suggest a new fact instead.")
        content = _content(fact.section, fact.label, value, source, value_field="value", source_field="source")
        if (content["value"], content["source"]) == (fact.value, fact.source):
            raise InvalidInput("That is what the profile already says.", field="value")
        if fact_version is not None and fact_version != fact.version:
            _refuse_stale_fact(fact, fact_version)
        pending = db.session.scalar(select(ProfileCorrection.id).where(
            ProfileCorrection.fact_id == fact.id, ProfileCorrection.organization_id == organization.id,
            ProfileCorrection.status == CorrectionStatus.PENDING.value))
        if pending is not None:
            raise Conflict(f"{organization.name} already has a correction of this fact awaiting the facilitator.")
    else:
        content = _content(section, label, value, source)
    reason = _text(reason, "reason", "the reason", REASON_MAX, required=False)
    correction = ProfileCorrection(
        candidate_id=candidate.id, candidate=candidate, fact_id=fact.id if fact else None,
        kind=(CorrectionKind.CHANGE if fact else CorrectionKind.ADDITION).value, section=content["section"],
        label=content["label"], fact_version=fact.version if fact else None,
        proposed_value=content["value"], proposed_source=content["source"], reason=reason,
        organization_id=organization.id, organization=organization, suggested_by_id=actor.id,
        suggested_at=utcnow())
    db.session.add(correction)
    db.session.flush()
    what = f"a correction of {content['label']}" if fact else f"a new fact ({content['label']})"
    record(actor, "profile_correction.suggested", correction,
           f"{organization.name} suggested {what} for the profile of {_place(candidate)}",
           after={"label": content["label"], "value": content["value"], "source": content["source"],
                  "reason": reason}, organization=organization, table=table)
    notify_suggestion(correction)
    return correction


def _refuse_decided(correction: ProfileCorrection, expected_version: int | None) -> None:
    if not correction.is_pending:
        who = correction.decided_by.name if correction.decided_by else "the facilitator"
        raise Conflict(f"This correction was already {correction.status} by {who} at "
                       f"{correction.decided_at:%b %d, %Y %H:%M UTC}.")
    _refuse_stale(correction, expected_version, "correction", correction.suggested_by, correction.suggested_at)


def _decide(actor, correction: ProfileCorrection, status: CorrectionStatus, note) -> None:
    correction.status = status.value
    correction.decided_by_id, correction.decided_at = actor.id, utcnow()
    correction.decision_note = _text(note, "note", "the note", REASON_MAX, required=False)


def accept_correction(actor, correction: ProfileCorrection, *, expected_version: int | None,
                      fact_version: int | None = None, note=None) -> ProfileFact:
    """Apply the suggestion: the facilitator enters it, crediting the suggesting organization.
    `fact_version` is the fact as the facilitator saw it next to the suggestion."""
    _refuse_decided(correction, expected_version)
    organization = correction.organization
    if correction.kind == CorrectionKind.CHANGE.value:
        fact = correction.fact
        if fact.is_retired:
            raise Conflict("The fact was removed from the profile since; decline this correction, or add the "
                           "fact again.")
        if fact_version is not None and fact_version != fact.version:
            _refuse_stale_fact(fact, fact_version)
        if (fact.value, fact.source) != (correction.proposed_value, correction.proposed_source):
            revise_fact(actor, fact, expected_version=fact.version, section=fact.section, label=fact.label,
                        value=correction.proposed_value, source=correction.proposed_source,
                        suggested_by=organization)
        # else: the profile says it already (edited meanwhile); accepting changes nothing more.
    else:
        fact = add_fact(actor, correction.candidate, section=correction.section, label=correction.label,
                        value=correction.proposed_value, source=correction.proposed_source, suggested_by=organization)
        correction.fact_id, correction.fact = fact.id, fact
    _decide(actor, correction, CorrectionStatus.ACCEPTED, note)
    db.session.flush()
    # Recorded for the suggesting organization's activity page; the fact's own change is in the
    # table's facilitator log already.
    record(actor, "profile_correction.accepted", correction,
           f"The facilitator accepted {organization.name}'s correction ({correction.label}) to the profile of "
           f"{_place(correction.candidate)}", after={"status": correction.status, "note": correction.decision_note},
           organization=organization)
    notify_decision(correction)
    return fact


def decline_correction(actor, correction: ProfileCorrection, *, expected_version: int | None,
                       note=None) -> ProfileCorrection:
    """The profile keeps what it had. Not in the table's facilitator log: the
    suggestion was never seen by the other partners, and must not be now."""
    _refuse_decided(correction, expected_version)
    _decide(actor, correction, CorrectionStatus.DECLINED, note)
    db.session.flush()
    record(actor, "profile_correction.declined", correction,
           f"The facilitator did not take up {correction.organization.name}'s correction ({correction.label}) to "
           f"the profile of {_place(correction.candidate)}",
           after={"status": correction.status, "note": correction.decision_note},
           organization=correction.organization)
    notify_decision(correction)
    return correction
