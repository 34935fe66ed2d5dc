"""The approval queue's filters and decision forms, and the approval policy grid."""
from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from portal.approvals.operations import REASON_MAX
from portal.approvals.queries import FilterChoices, QueueFilters
from portal.declarations.models import Kind, Visibility
from portal.orgs.states import normalise_state_code
from portal.tables.models import TableLevel

FILTER_NAMES = ("table_id", "state", "organization_id", "kind")
BULK_MAX = 200


class BadFilter(ValueError):
    """A filter value the queue does not know: the page answers 400 with this message."""


def _id(args, name: str, what: str) -> int | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{1,12}", raw):
        raise BadFilter(f"“{raw[:40]}” is not {what}: choose one from the list.")
    return int(raw)


def read_filters(args, choices: FilterChoices) -> QueueFilters:
    """Filters from the query string. Only values the person could have chosen
    from the page are accepted; a foreign id is as unknown as a made-up one."""
    table_id = _id(args, "table_id", "a table")
    if table_id is not None and table_id not in {t.id for t in choices.tables}:
        raise BadFilter("There is no such table among yours: choose one from the list.")
    organization_id = _id(args, "organization_id", "an affiliate")
    if organization_id is not None and organization_id not in {o.id for o in choices.organizations}:
        raise BadFilter("There is no such affiliate among those you decide for: choose one from the list.")
    state = None
    if (args.get("state") or "").strip():
        state = normalise_state_code(args["state"])
        if state is None:
            raise BadFilter("A state is given by its two-letter code, e.g. MO.")
    kind = (args.get("kind") or "").strip() or None
    if kind is not None and kind not in {k.value for k in Kind}:
        raise BadFilter("The kind is either endorsement or pledge.")
    return QueueFilters(table_id=table_id, state=state, organization_id=organization_id, kind=kind)


class IdListField(Field):
    """Every value of a repeated form field (checkboxes) as a list of ids."""

    def _value(self):
        return ""

    def process_formdata(self, valuelist):
        ids = set()
        for value in valuelist:
            if not re.fullmatch(r"[0-9]{1,10}", value.strip()) or not 0 < int(value) < 2**31:
                self.data = []
                raise ValueError("The form was damaged; reload the page.")
            ids.add(int(value))
        self.data = sorted(ids)


class BulkDecisionForm(FlaskForm):
    revision_ids = IdListField(default=list)
    # Only approval is done in bulk: a rejection needs its own reason.
    decision = StringField()


class RejectForm(FlaskForm):
    # Required by the operation (one rule, one message); the length is checked there too.
    reason = TextAreaField("Why do you reject it? The submitter sees this.", validators=[Length(max=REASON_MAX)])


# --- approval policy: one row per table level, one column per kind ---------------------------

VISIBILITY_CHOICES = [(v.value, v.label) for v in Visibility]
POLICY_CELLS = [(level.value, kind.value) for level in TableLevel for kind in Kind]


def approval_field(level: str, kind: str) -> str:
    return f"{level}__{kind}__approval"


def visibility_field(level: str, kind: str) -> str:
    return f"{level}__{kind}__visibility"


class PolicyForm(FlaskForm):
    def cell(self, level: str, kind: str) -> tuple[Field, Field]:
        return self[approval_field(level, kind)], self[visibility_field(level, kind)]

    def wanted(self) -> dict[tuple[str, str], tuple[bool, str]]:
        return {(level, kind): (bool(self[approval_field(level, kind)].data), self[visibility_field(level, kind)].data)
                for level, kind in POLICY_CELLS}


for _level, _kind in POLICY_CELLS:
    setattr(PolicyForm, approval_field(_level, _kind), BooleanField("Needs national approval"))
    setattr(PolicyForm, visibility_field(_level, _kind),
            # Required, so a partial post cannot switch approval off where its checkbox was left out.
            SelectField("Shared at most with", choices=VISIBILITY_CHOICES, validators=[InputRequired()]))
