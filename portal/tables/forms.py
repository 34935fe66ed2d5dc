from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField, SelectField, StringField
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional

from portal.forms import VersionField, not_blank, strip
from portal.orgs.states import STATE_CHOICES
from portal.tables.models import DEFAULT_CRITICAL_MASS, TableLevel


class TableForm(FlaskForm):
    name = StringField("Name", filters=[strip], validators=[InputRequired(), not_blank, Length(max=200)])
    level = SelectField("Level", choices=[(level.value, level.label) for level in TableLevel])
    cycle_year = IntegerField("Election cycle", validators=[InputRequired(message="Give the cycle year."),
                                                           NumberRange(2000, 2100)])
    state_code = SelectField("State (optional)", choices=[("", "Nationwide")] + STATE_CHOICES,
                             validators=[Optional()])
    city = StringField("City (municipal tables, optional)", filters=[strip], validators=[Optional(), Length(max=100)])
    critical_mass_threshold = IntegerField(
        "Critical mass: partners backing one candidate", default=DEFAULT_CRITICAL_MASS,
        validators=[InputRequired(message="Give a threshold."), NumberRange(2, 50)])


class EditTableForm(TableForm):
    version = VersionField()


class AddPartnerForm(FlaskForm):
    national_id = SelectField("National", coerce=int, validate_choice=False)


class FacilitatorForm(FlaskForm):
    email = EmailField("Facilitator's e-mail", filters=[strip],
                       validators=[InputRequired(), Length(max=254), Email(message="That is not an e-mail address.")])
