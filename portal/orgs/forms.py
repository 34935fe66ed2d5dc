from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional

from portal.forms import VersionField, not_blank, strip
from portal.orgs.models import CITY_MAX, LEGAL_STATUS_LABELS, NAME_MAX
from portal.orgs.states import STATE_CHOICES

LEGAL_STATUS_CHOICES = [(status.value, label) for status, label in LEGAL_STATUS_LABELS.items()]


class NationalForm(FlaskForm):
    name = StringField("Name", filters=[strip], validators=[InputRequired(), not_blank, Length(max=NAME_MAX)])
    legal_status = SelectField("Legal status", choices=LEGAL_STATUS_CHOICES)


class AffiliateForm(FlaskForm):
    kind = SelectField("Kind", choices=[("state", "State affiliate"), ("local", "Local affiliate")])
    name = StringField("Name", filters=[strip], validators=[InputRequired(), not_blank, Length(max=NAME_MAX)])
    state_code = SelectField("State", choices=[("", "— choose —")] + STATE_CHOICES, validators=[Optional()])
    city = StringField("City (local affiliates)", filters=[strip], validators=[Optional(), Length(max=CITY_MAX)])
    legal_status = SelectField("Legal status", choices=LEGAL_STATUS_CHOICES)


class EditOrganizationForm(FlaskForm):
    name = StringField("Name", filters=[strip], validators=[InputRequired(), not_blank, Length(max=NAME_MAX)])
    city = StringField("City", filters=[strip], validators=[Optional(), Length(max=CITY_MAX)])
    legal_status = SelectField("Legal status", choices=LEGAL_STATUS_CHOICES)
    version = VersionField()


class MoveForm(FlaskForm):
    new_parent_id = SelectField("New parent", coerce=int, validate_choice=False)


class ConfirmForm(FlaskForm):
    """A bare form: only the CSRF token, for POST buttons."""
