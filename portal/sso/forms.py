from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional

from portal.forms import strip


class OrganizationSignInForm(FlaskForm):
    email = EmailField("Your organization e-mail", filters=[strip],
                       validators=[InputRequired(), Length(max=254), Email(message="That is not an e-mail address.")])
    next = HiddenField()


class ProviderForm(FlaskForm):
    name = StringField("Label", filters=[strip], validators=[Optional(), Length(max=120)],
                       description="Shown on the sign-in page, e.g. “Working Families Network Google Workspace”.")
    issuer = StringField("Issuer URL", filters=[strip], validators=[InputRequired(), Length(max=255)],
                         description="e.g. https://accounts.google.com or https://login.microsoftonline.com/TENANT/v2.0")
    client_id = StringField("Client id", filters=[strip], validators=[InputRequired(), Length(max=255)])
    client_secret = PasswordField("Client secret", validators=[InputRequired(), Length(max=1000)],
                                  description="Stored encrypted and never shown again.")
    domains = StringField("E-mail domains it serves", filters=[strip], validators=[Optional(), Length(max=2000)],
                          description="Separated by spaces or commas, e.g. wfnetwork.org wfn-mo.org")


class DomainsForm(FlaskForm):
    domains = StringField("E-mail domains", filters=[strip], validators=[Optional(), Length(max=2000)])


class RuleForm(FlaskForm):
    claim = StringField("Claim", default="groups", filters=[strip], validators=[InputRequired(), Length(max=80)])
    value = StringField("contains the value", filters=[strip], validators=[InputRequired(), Length(max=200)])
    role = SelectField("grants the role")
    organization_id = SelectField("at", coerce=int, validate_choice=False)


class AccessRequestForm(FlaskForm):
    organization_id = SelectField("Organization", coerce=int, validate_choice=False)
    message = TextAreaField("Message to its admins (optional)", filters=[strip],
                            validators=[Optional(), Length(max=500)])


class DecideForm(FlaskForm):
    decision = HiddenField(validators=[InputRequired()])
    role = SelectField("Role", validate_choice=False)
