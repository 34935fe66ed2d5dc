"""Who hears about corrections: the table's facilitator when a partner
suggests one, the suggester when the facilitator decides. A correction is
seen only by its organization's tree and the facilitator, so the mail names
nothing beyond that (the candidate, the fact, the suggesting organization)."""
from __future__ import annotations

from portal.access.policy import can
from portal.notifications.operations import _enqueue
from portal.web import public_url


def notify_suggestion(correction) -> None:
    table = correction.candidate.race.table
    assignment = table.facilitator_assignment
    if assignment is None:
        return
    candidate = correction.candidate
    what = "a new fact" if correction.kind == "addition" else "a correction"
    _enqueue(assignment.user, f"Profile correction suggested: {candidate.name}",
             f"{correction.organization.name} suggested {what} ({correction.label}) for the profile of "
             f"{candidate.name} in {candidate.race.title} at {table.name}. You may accept or decline it.",
             public_url("profiles.correction", correction_id=correction.id))


def notify_decision(correction) -> None:
    suggester = correction.suggested_by
    # Someone who has left the organization since no longer sees the correction: no mail.
    if suggester is None or not can(suggester, "profiles.view_correction", correction):
        return
    candidate = correction.candidate
    verdict = "accepted" if correction.status == "accepted" else "did not take up"
    note = f"\n\nThe facilitator's note: {correction.decision_note}" if correction.decision_note else ""
    _enqueue(suggester, f"Your profile correction for {candidate.name} was {correction.status}",
             f"The facilitator of {candidate.race.table.name} {verdict} {correction.organization.name}'s suggestion "
             f"({correction.label}) for the profile of {candidate.name}.{note}",
             public_url("profiles.correction", correction_id=correction.id))
