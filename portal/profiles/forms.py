"""Forms for profile facts, suggested corrections and their decision. They
parse what the browser sends; the operations decide what is valid, so a
refusal shows the operation's message next to its field."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired

from portal.declarations.forms import optional_id
from portal.forms import VersionField, strip
from portal.profiles.models import LABEL_MAX, REASON_MAX, SOURCE_MAX, VALUE_MAX, Section

SECTION_CHOICES = [(s.value, s.label) for s in Section]
SOURCE_HELP = "A web address, or a citation such as “Candidate questionnaire, May 2026”."


def _version() -> VersionField:
    return VersionField(validators=[InputRequired(message="The form was damaged; reload the page.")])


class FactForm(FlaskForm):
    section = SelectField("Section", choices=SECTION_CHOICES, validate_choice=False)
    label = StringField("Label", filters=[strip], render_kw={"maxlength": LABEL_MAX},
                        description="What the fact is about: “Occupation”, “Position on Medicare for All”, "
                                    "“Campaign website”…")
    value = TextAreaField("Fact", filters=[strip], render_kw={"maxlength": VALUE_MAX, "rows": 4},
                          description="Plain text; line breaks are kept. A link is a web address.")
    source = StringField("Source", filters=[strip], render_kw={"maxlength": SOURCE_MAX}, description=SOURCE_HELP)

    def content(self) -> dict:
        return {"section": self.section.data, "label": self.label.data, "value": self.value.data,
                "source": self.source.data}


class EditFactForm(FactForm):
    version = _version()


class VersionOnlyForm(FlaskForm):
    version = _version()


class SuggestForm(FlaskForm):
    """A correction of one fact (fact_id set: only the value and source are
    proposed) or a new fact (section and label too)."""

    organization_id = SelectField("Suggested on behalf of", coerce=optional_id, validate_choice=False)
    fact_id = HiddenField()
    fact_version = HiddenField()
    section = SelectField("Section", choices=SECTION_CHOICES, validate_choice=False)
    label = StringField("Label", filters=[strip], render_kw={"maxlength": LABEL_MAX})
    value = TextAreaField("What the profile should say", filters=[strip],
                          render_kw={"maxlength": VALUE_MAX, "rows": 4})
    source = StringField("Source", filters=[strip], render_kw={"maxlength": SOURCE_MAX}, description=SOURCE_HELP)
    reason = TextAreaField("Why (optional, for the facilitator)", filters=[strip],
                           render_kw={"maxlength": REASON_MAX, "rows": 2})


class DecideForm(FlaskForm):
    version = _version()
    fact_version = HiddenField()
    note = TextAreaField("Note to the suggesting organization (optional)", filters=[strip],
                         render_kw={"maxlength": REASON_MAX, "rows": 2})


def as_int(value) -> int | None:
    """A hidden field's id or version, or None when missing or damaged."""
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
