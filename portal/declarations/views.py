"""Declaring endorsements and pledges, revising and withdrawing them, and reading them.

Every decision about who may do or see what is made in portal.access (the
@requires action, and visible_current_clause for the table's list); the views
turn form data into the operations' arguments and their refusals into messages."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.access.decorators import Load, requires
from portal.access.policy import can
from portal.db import db, get_by_id, utcnow
from portal.declarations import operations, queries
from portal.declarations.forms import (EndorsementForm, PledgeForm, ReviseEndorsementForm, RevisePledgeForm,
                                       WithdrawForm)
from portal.declarations.models import Declaration, Kind
from portal.errors import InvalidInput, PortalError
from portal.forms import attach_error
from portal.orgs.models import Organization
from portal.races.models import Candidate, Race
from portal.tables.models import CoalitionTable

bp = Blueprint("declarations", __name__)
load_declaration = Load(Declaration, "declaration_id", target=lambda d: d.organization)
load_organization = Load(Organization, "org_id")
load_table = Load(CoalitionTable, "table_id")

NOUN = {Kind.ENDORSEMENT.value: "Endorsement", Kind.PLEDGE.value: "Capacity pledge"}


@bp.route("/declarations/<int:declaration_id>")
@requires("declarations.read", load=load_declaration)
def show(declaration: Declaration):
    """A declaration and its history: its own tree only (pending and unshared
    content included); partners and the facilitator read shared ones at the table."""
    return render_template("declarations/show.html", declaration=declaration, withdraw_form=WithdrawForm())


@bp.route("/tables/<int:table_id>/organizations/<int:org_id>/endorse", methods=["GET", "POST"])
@requires("declarations.declare", load=load_organization)
def endorse(org: Organization, table_id: int):
    return _declare(org, _visible_table(table_id), Kind.ENDORSEMENT.value)


@bp.route("/tables/<int:table_id>/organizations/<int:org_id>/pledge", methods=["GET", "POST"])
@requires("declarations.declare", load=load_organization)
def pledge(org: Organization, table_id: int):
    return _declare(org, _visible_table(table_id), Kind.PLEDGE.value)


@bp.route("/declarations/<int:declaration_id>/revise", methods=["GET", "POST"])
@requires("declarations.declare", load=load_declaration)
def revise(declaration: Declaration):
    form_class = ReviseEndorsementForm if declaration.kind == Kind.ENDORSEMENT.value else RevisePledgeForm
    form = form_class(obj=declaration.latest)
    if request.method == "GET":
        form.version.data = declaration.version
    if form.validate_on_submit():
        try:
            revision = operations.revise(current_user, declaration, expected_version=form.version.data,
                                         **form.content())
        except PortalError as error:
            attach_error(form, error)
            return _render_revise(declaration, form, error.status)
        flash(f"{NOUN[declaration.kind]} revised" + (" — awaiting approval by national staff; the approved "
              "version stays in force until then." if revision.status == "pending" else "."), "success")
        return redirect(url_for("declarations.show", declaration_id=declaration.id))
    return _render_revise(declaration, form)


@bp.route("/declarations/<int:declaration_id>/withdraw", methods=["POST"])
@requires("declarations.declare", load=load_declaration)
def withdraw(declaration: Declaration):
    form = WithdrawForm()
    if not form.validate_on_submit():
        raise InvalidInput("The form expired or was damaged; reload the page and try again.")
    operations.withdraw_pending(current_user, declaration, form.version.data)
    flash(f"The pending {declaration.kind} was withdrawn.", "info")
    return redirect(url_for("declarations.show", declaration_id=declaration.id))


@bp.route("/tables/<int:table_id>/declarations")
@requires("tables.view", load=load_table)
def at_table(table: CoalitionTable):
    """What this person may see of the table's declarations: the versions in force only."""
    return render_template("declarations/table.html", table=table,
                           by_race=queries.in_force_at_table(current_user, table, utcnow()))


# --- helpers ----------------------------------------------------------------------------------

def _get(model, id_: int | None):
    return get_by_id(model, id_)


def _visible_table(table_id: int) -> CoalitionTable:
    table = _get(CoalitionTable, table_id)
    if table is None or not can(current_user, "tables.view", table):
        abort(404)
    return table


def _declare(org: Organization, table: CoalitionTable, kind: str):
    races = db.session.scalars(select(Race).where(Race.table_id == table.id)
                               .order_by(Race.state_code, Race.district, Race.election_date)).all()
    form_class = EndorsementForm if kind == Kind.ENDORSEMENT.value else PledgeForm
    chosen = next((r for r in races if r.id == request.args.get("race_id", type=int)), None)
    form = form_class(race_id=chosen.id if chosen else None,
                      **({"stage": chosen.stage} if chosen and kind == Kind.ENDORSEMENT.value else {}))
    form.race_id.choices = [("", "— choose —")] + [(r.id, r.title) for r in races]
    form.candidate_id.choices = _candidate_choices(races, form.race_id.data, kind)
    if form.validate_on_submit():
        try:
            race = _race(form.race_id.data)
            declaration = operations.declare(
                current_user, org, table, kind=kind, race=race, candidate=_candidate(form.candidate_id.data),
                stage=form.stage.data if kind == Kind.ENDORSEMENT.value else None,
                submission_key=form.submission_key.data, **form.content())
        except PortalError as error:
            attach_error(form, error)
            return _render_declare(kind, form, org, table, races, error.status)
        flash(f"{NOUN[kind]} recorded: {declaration.subject}"
              + (" — awaiting approval by national staff." if declaration.pending else "."), "success")
        return redirect(url_for("declarations.show", declaration_id=declaration.id))
    return _render_declare(kind, form, org, table, races)


def _candidate_choices(races: list[Race], race_id: int | None, kind: str) -> dict:
    """Candidates grouped by race; only the chosen race's once a race is chosen."""
    empty = "— choose —" if kind == Kind.ENDORSEMENT.value else "— the race —"
    shown = [r for r in races if r.id == race_id] or races
    return {"": empty} | {race.title: {str(c.id): c.name for c in race.candidates} for race in shown
                          if race.candidates}


def _race(race_id: int | None) -> Race:
    if race_id is None:
        raise InvalidInput("Choose the race.", field="race_id")
    race = _get(Race, race_id)
    if race is None:
        raise InvalidInput("That race is not at this table.", field="race_id")
    return race  # a race of another table: the operation says so


def _candidate(candidate_id: int | None) -> Candidate | None:
    if candidate_id is None:
        return None
    candidate = _get(Candidate, candidate_id)
    if candidate is None:
        raise InvalidInput("That candidate is not in this race.", field="candidate_id")
    return candidate  # a candidate of another race: the operation says so


def _render_declare(kind: str, form, org: Organization, table: CoalitionTable, races: list[Race],
                    status: int | None = None):
    template = "declarations/endorse.html" if kind == Kind.ENDORSEMENT.value else "declarations/pledge.html"
    status = status or (422 if request.method == "POST" else 200)
    return render_template(template, form=form, org=org, table=table, races=races), status


def _render_revise(declaration: Declaration, form, status: int | None = None):
    status = status or (422 if request.method == "POST" else 200)
    return render_template("declarations/revise.html", form=form, declaration=declaration), status
