"""Races and candidates of a table."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.access.decorators import Load, requires
from portal.errors import PortalError
from portal.forms import attach_error
from portal.races import operations
from portal.races.forms import CandidateForm, RaceForm
from portal.races.models import OFFICES_BY_LEVEL, Race
from portal.tables.models import CoalitionTable

bp = Blueprint("races", __name__)
load_table = Load(CoalitionTable, "table_id")
load_race = Load(Race, "race_id", target=lambda race: race.table)


@bp.route("/tables/<int:table_id>/races/new", methods=["GET", "POST"])
@requires("races.manage", load=load_table)
def new(table: CoalitionTable):
    form = RaceForm(state_code=table.state_code or "", city=table.city or "")
    form.office.choices = [(o.value, o.label) for o in OFFICES_BY_LEVEL[table.level]]
    if form.validate_on_submit():
        try:
            race = operations.add_race(current_user, table, office=form.office.data, state_code=form.state_code.data,
                                       district=form.district.data, stage=form.stage.data,
                                       election_date=form.election_date.data, city=form.city.data)
        except PortalError as error:
            attach_error(form, error)
            return render_template("races/new.html", form=form, table=table), error.status
        flash(f"{race.title} added. Add its candidates now.", "success")
        return redirect(url_for("races.show", race_id=race.id))
    return render_template("races/new.html", form=form, table=table), 422 if request.method == "POST" else 200


@bp.route("/races/<int:race_id>")
@requires("tables.view", load=load_race)
def show(race: Race):
    return render_template("races/show.html", race=race, table=race.table)


@bp.route("/races/<int:race_id>/candidates/new", methods=["GET", "POST"])
@requires("races.manage", load=load_race)
def new_candidate(race: Race):
    form = CandidateForm()
    if form.validate_on_submit():
        try:
            candidate = operations.add_candidate(current_user, race, name=form.name.data, party=form.party.data,
                                                 is_incumbent=form.is_incumbent.data)
        except PortalError as error:
            attach_error(form, error)
            return render_template("races/new_candidate.html", form=form, race=race), error.status
        flash(f"{candidate.name} added to {race.title}.", "success")
        return redirect(url_for("races.show", race_id=race.id))
    return render_template("races/new_candidate.html", form=form, race=race), 422 if request.method == "POST" else 200
