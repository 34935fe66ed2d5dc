from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField
from wtforms.validators import Email, InputRequired, Length

from portal.access.roles import ROLE_DESCRIPTIONS, Role
from portal.auth.models import EMAIL_MAX
from portal.forms import VersionField, strip


def role_choices(roles: list[Role]) -> list[tuple[str, str]]:
    return [(role.value, f"{role.label} — {ROLE_DESCRIPTIONS[role]}") for role in roles]


class InviteForm(FlaskForm):
    email = EmailField("E-mail", filters=[strip, lambda v: v.lower() if isinstance(v, str) else v],
                       validators=[InputRequired(), Length(max=EMAIL_MAX),
                                   Email(message="That is not an e-mail address.")])
    role = SelectField("Role", choices=role_choices(list(Role)))


class ChangeRoleForm(FlaskForm):
    role = SelectField("Role", choices=role_choices(list(Role)))
    version = VersionField()
