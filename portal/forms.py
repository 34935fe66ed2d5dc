"""Form helpers shared by every domain."""
from __future__ import annotations

from wtforms import Field, HiddenField, IntegerField
from wtforms.validators import InputRequired, ValidationError

from portal.errors import PortalError


def attach_error(form, error: PortalError) -> None:
    """Show an operation's refusal next to the field it concerns, or on top."""
    field: Field | None = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = list(field.errors or []) + [error.message]
    else:
        form.form_errors.append(error.message)


def not_blank(_form, field) -> None:
    if field.data is not None and isinstance(field.data, str) and not field.data.strip():
        raise ValidationError("This cannot be blank.")


class VersionField(HiddenField):
    """The version counter a form was rendered with, for stale-edit detection."""

    def process_formdata(self, valuelist):
        try:
            self.data = int(valuelist[0]) if valuelist and valuelist[0] else None
        except ValueError:
            self.data = None
            raise ValueError("The form was damaged; reload the page.") from None


def strip(value):
    return value.strip() if isinstance(value, str) else value


__all__ = ["attach_error", "not_blank", "VersionField", "strip", "IntegerField", "InputRequired"]
