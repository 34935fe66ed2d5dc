"""Forms for declaring an endorsement or a capacity pledge, and revising one.

The forms only parse what the browser sends (numbers, dates, the chosen ids);
the operations decide what is allowed (choices, dates in order, quantities,
how widely the national lets it be shared), so a refusal shows the operation's
own message next to its field."""
from __future__ import annotations

import secrets
from datetime import timezone

from flask_wtf import FlaskForm
from wtforms import DateField, DateTimeLocalField, HiddenField, IntegerField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Optional

from portal.declarations.models import NOTE_MAX, Activity, Stance, Unit, Visibility
from portal.forms import VersionField, strip
from portal.races.models import Stage

ACTIVITY_LABELS = {Activity.TEXTBANK: "Textbanking", Activity.PHONEBANK: "Phonebanking",
                   Activity.DOORKNOCK: "Doorknocking", Activity.EVENT: "Public events", Activity.STAFF: "Staff time",
                   Activity.DIGITAL: "Digital"}
UNIT_LABELS = {Unit.SHIFTS: "shifts", Unit.VOLUNTEERS: "volunteers", Unit.HOURS: "hours", Unit.EVENTS: "events",
               Unit.FTE: "FTE (full-time staff)"}


def optional_id(value):
    """A select's value as an id; the empty "— choose —" option is None."""
    if value is None or value == "":
        return None
    return int(value)


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


class _SharedContent(FlaskForm):
    """What every declaration carries: a note and who may see it, from when."""

    note = TextAreaField("Note (optional)", filters=[strip], render_kw={"maxlength": NOTE_MAX, "rows": 3},
                         description=f"At most {NOTE_MAX} characters. Only those who may see the declaration read it.")
    visibility = SelectField("Who may see it", choices=[(v.value, v.label) for v in Visibility],
                             default=Visibility.OWN.value, validate_choice=False)
    # A datetime-local input carries no time zone: the portal reads it as UTC.
    share_from = DateTimeLocalField("Share from (optional; times are UTC)", validators=[Optional()],
                                    format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
                                    tz=timezone.utc,
                                    description="Until then only your organization and national staff see it.")

    def shared_content(self) -> dict:
        return {"note": self.note.data, "visibility": self.visibility.data, "share_from": self.share_from.data}


class EndorsementContent(_SharedContent):
    stance = SelectField("Stance", choices=[(s.value, s.label) for s in Stance], default=Stance.ENDORSED.value,
                         validate_choice=False)
    announced_on = DateField("Announced on (optional)", validators=[Optional()])

    def content(self) -> dict:
        return {"stance": self.stance.data, "announced_on": self.announced_on.data, **self.shared_content()}


class PledgeContent(_SharedContent):
    activity = SelectField("Activity", choices=[(a.value, label) for a, label in ACTIVITY_LABELS.items()],
                           validate_choice=False)
    quantity = IntegerField("Quantity", validators=[Optional()], render_kw={"min": 1, "inputmode": "numeric"})
    unit = SelectField("Unit", choices=[(u.value, label) for u, label in UNIT_LABELS.items()],
                       validate_choice=False)
    starts_on = DateField("First day", validators=[Optional()])
    ends_on = DateField("Last day", validators=[Optional()])

    def content(self) -> dict:
        return {"activity": self.activity.data, "quantity": self.quantity.data, "unit": self.unit.data,
                "starts_on": self.starts_on.data, "ends_on": self.ends_on.data, **self.shared_content()}


class _NewDeclaration:
    """Where a new declaration goes: a race of the table (and for an endorsement
    a candidate), plus the key that makes a second submission of the same form
    return the declaration the first one created."""

    race_id = SelectField("Race", coerce=optional_id, validate_choice=False)
    submission_key = HiddenField(default=new_submission_key)


class EndorsementForm(_NewDeclaration, EndorsementContent):
    candidate_id = SelectField("Candidate", coerce=optional_id, validate_choice=False)
    stage = SelectField("Stage", choices=[(s.value, s.label) for s in Stage], validate_choice=False)


class PledgeForm(_NewDeclaration, PledgeContent):
    candidate_id = SelectField("For a candidate (optional)", coerce=optional_id, validate_choice=False)


def _version() -> VersionField:
    # Without the version it was rendered with, a stale edit could not be told from a fresh one.
    return VersionField(validators=[InputRequired(message="The form was damaged; reload the page.")])


class ReviseEndorsementForm(EndorsementContent):
    version = _version()


class RevisePledgeForm(PledgeContent):
    version = _version()


class WithdrawForm(FlaskForm):
    version = _version()
