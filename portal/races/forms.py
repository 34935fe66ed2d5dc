from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional

from portal.forms import not_blank, strip
from portal.orgs.states import STATE_CHOICES
from portal.races.models import Office, Stage


class RaceForm(FlaskForm):
    office = SelectField("Office", choices=[(o.value, o.label) for o in Office])
    state_code = SelectField("State", choices=[("", "— choose —")] + STATE_CHOICES,
                             validators=[InputRequired(message="Choose the state.")])
    district = StringField("District", filters=[strip], description="For example MO-01, NY-AD-36 or Chicago Ward 35",
                           validators=[InputRequired(), not_blank, Length(max=60)])
    city = StringField("City (municipal races)", filters=[strip], validators=[Optional(), Length(max=100)])
    stage = SelectField("Stage", choices=[(s.value, s.label) for s in Stage])
    election_date = DateField("Election date", validators=[InputRequired(message="Give a date (YYYY-MM-DD).")])


class CandidateForm(FlaskForm):
    name = StringField("Name", filters=[strip], validators=[InputRequired(), not_blank, Length(max=120)])
    party = StringField("Party", default="Democratic", filters=[strip],
                        validators=[InputRequired(), not_blank, Length(max=60)])
    is_incumbent = BooleanField("Incumbent")
