"""Forms for meetings. They parse what the browser sends; the operations
decide what is allowed and say why not, next to the field concerned."""
from __future__ import annotations

from datetime import datetime, timezone

from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, DateTimeLocalField, HiddenField, SelectField, SelectMultipleField,
                     StringField, SubmitField, TextAreaField, widgets)
from wtforms.validators import InputRequired, Optional

from portal.declarations.forms import optional_id
from portal.forms import VersionField, strip
from portal.meetings.models import ITEM_MAX, PLACE_MAX, TEXT_MAX, TITLE_MAX

TIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
MARKDOWN_HELP = ("Markdown: **bold**, *italic*, - lists, 1. numbered lists, [links](https://…), | tables |. "
                 "HTML is shown as text.")


def _version() -> VersionField:
    # Without the version it was rendered with, a stale edit could not be told from a fresh one.
    return VersionField(validators=[InputRequired(message="The form was damaged; reload the page.")])


def _time(label: str) -> DateTimeLocalField:
    # A datetime-local input carries no time zone: the portal reads it as UTC (and says so).
    return DateTimeLocalField(label, validators=[Optional()], format=TIME_FORMATS, tz=timezone.utc)


class _Details(FlaskForm):
    title = StringField("Title", filters=[strip], render_kw={"maxlength": TITLE_MAX})
    starts_at = _time("Starts (UTC)")
    ends_at = _time("Ends (UTC)")
    place = StringField("Place or video link (optional)", filters=[strip], render_kw={"maxlength": PLACE_MAX})

    def details(self) -> dict:
        return {"title": self.title.data, "starts_at": self.starts_at.data, "ends_at": self.ends_at.data,
                "place": self.place.data}


class ScheduleForm(_Details):
    pass


class DraftedSinceField(HiddenField):
    """When the agenda in the form was drafted from (set by "re-draft"); informational."""

    def process_formdata(self, valuelist):
        self.data = None
        if valuelist and valuelist[0]:
            try:
                parsed = datetime.fromisoformat(valuelist[0])
            except ValueError:
                return
            self.data = parsed if parsed.tzinfo is not None else None

    def _value(self):
        return self.data.isoformat() if isinstance(self.data, datetime) else ""


class EditForm(_Details):
    version = _version()
    agenda_md = TextAreaField("Agenda", render_kw={"rows": 18, "maxlength": TEXT_MAX}, description=MARKDOWN_HELP)
    share_agenda = BooleanField("Share the agenda with every partner at the table")
    drafted_since = DraftedSinceField()
    save = SubmitField("Save")
    redraft = SubmitField("Re-draft from the latest changes")


class AttendanceForm(FlaskForm):
    version = _version()
    national_ids = SelectMultipleField("Partners who attended", coerce=int, validate_choice=False,
                                       option_widget=widgets.CheckboxInput(), widget=widgets.ListWidget(prefix_label=False))


class NotesForm(FlaskForm):
    version = _version()
    notes_md = TextAreaField("Notes", render_kw={"rows": 14, "maxlength": TEXT_MAX}, description=MARKDOWN_HELP)
    save = SubmitField("Save draft")
    publish = SubmitField("Publish to every partner")


class ActionItemForm(FlaskForm):
    text = TextAreaField("Action item", filters=[strip], render_kw={"rows": 2, "maxlength": ITEM_MAX})
    owner_id = SelectField("Owner", coerce=optional_id, validate_choice=False)
    due_on = DateField("Due on", validators=[Optional()])


class VersionOnlyForm(FlaskForm):
    """Mark an item done, cancel a meeting: only the version the page showed."""

    version = _version()
