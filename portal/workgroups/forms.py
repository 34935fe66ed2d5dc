"""Forms of the working group pages. They parse what the browser sends; the
operations decide what is allowed and say why not, next to the field."""
from __future__ import annotations

from datetime import timezone

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateTimeLocalField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from portal.declarations.forms import optional_id
from portal.forms import VersionField, strip
from portal.workgroups.models import LINK_MAX, NOTE_MAX, PLACE_MAX, ActivityKind

TIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


def _version() -> VersionField:
    return VersionField(validators=[InputRequired(message="The form was damaged; reload the page.")])


class ConveneForm(FlaskForm):
    candidate_id = SelectField("Candidate", coerce=optional_id, validate_choice=False)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class JoinForm(FlaskForm):
    national_id = SelectField("For", coerce=optional_id, validate_choice=False)
    affiliate_ids = MultiCheckboxField("Affiliates we bring", coerce=int, validate_choice=False,
                                       description="Those in the race's state are chosen to begin with.")
    version = _version()


class PartnerDecisionForm(FlaskForm):
    """Decline or leave: which partner (when the person is staff of several) and its version."""

    national_id = SelectField("For", coerce=optional_id, validate_choice=False)
    version = _version()


class AcknowledgeForm(FlaskForm):
    pass


class CloseForm(FlaskForm):
    version = _version()


class _ActivityDetails(FlaskForm):
    kind = SelectField("Activity", choices=[(k.value, k.label) for k in ActivityKind], validate_choice=False)
    # A datetime-local input carries no time zone: the portal reads it as UTC, as everywhere.
    starts_at = DateTimeLocalField("Starts (UTC)", format=TIME_FORMATS, tz=timezone.utc, validators=[Optional()])
    ends_at = DateTimeLocalField("Ends (UTC, optional)", format=TIME_FORMATS, tz=timezone.utc,
                                 validators=[Optional()])
    place = StringField("Place", filters=[strip], render_kw={"maxlength": PLACE_MAX},
                        description="An address or meeting point; or leave it empty and give a link.")
    link = StringField("Link (for an online activity)", filters=[strip], render_kw={"maxlength": LINK_MAX})
    lead_organization_id = SelectField("Lead organization", coerce=optional_id, validate_choice=False)
    expected_volunteers = IntegerField("Expected volunteers", validators=[Optional()],
                                       render_kw={"min": 0, "inputmode": "numeric"})

    def details(self, lead_organization) -> dict:
        return {"kind": self.kind.data, "starts_at": self.starts_at.data, "ends_at": self.ends_at.data,
                "place": self.place.data, "link": self.link.data, "lead_organization": lead_organization,
                "expected_volunteers": self.expected_volunteers.data}


class ActivityForm(_ActivityDetails):
    organization_id = SelectField("Planned by", coerce=optional_id, validate_choice=False)


class EditActivityForm(_ActivityDetails):
    actual_turnout = IntegerField("Actual turnout (afterwards)", validators=[Optional()],
                                  render_kw={"min": 0, "inputmode": "numeric"})
    cancelled = BooleanField("Cancelled")
    version = _version()


class NoteForm(FlaskForm):
    # Named apart from the activity form's field: both forms share the group's page.
    note_organization_id = SelectField("Written for", coerce=optional_id, validate_choice=False)
    body = TextAreaField("Note", filters=[strip], render_kw={"maxlength": NOTE_MAX, "rows": 4})


class EditNoteForm(FlaskForm):
    body = TextAreaField("Note", filters=[strip], render_kw={"maxlength": NOTE_MAX, "rows": 6})
    version = _version()
