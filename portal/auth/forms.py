from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import Email, EqualTo, InputRequired, Length

from portal.auth.models import EMAIL_MAX, PERSON_NAME_MAX
from portal.forms import not_blank, strip

PASSWORD_MIN = 10
PASSWORD_MAX = 200


class SignInForm(FlaskForm):
    email = EmailField("E-mail", filters=[strip], validators=[InputRequired(), Length(max=EMAIL_MAX)])
    password = PasswordField("Password", validators=[InputRequired(), Length(max=PASSWORD_MAX)])
    next = HiddenField()


class NewAccountForm(FlaskForm):
    """Set up an account while accepting an invitation."""

    name = StringField("Your name", filters=[strip],
                       validators=[InputRequired(), not_blank, Length(max=PERSON_NAME_MAX)])
    password = PasswordField("Choose a password", validators=[
        InputRequired(), Length(min=PASSWORD_MIN, max=PASSWORD_MAX,
                                message=f"Use between {PASSWORD_MIN} and {PASSWORD_MAX} characters.")])
    confirm = PasswordField("Repeat the password", validators=[
        InputRequired(), EqualTo("password", message="The two passwords differ.")])


def email_validators():
    return [InputRequired(), Length(max=EMAIL_MAX), Email(message="That is not an e-mail address.")]
