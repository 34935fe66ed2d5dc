"""Tables: the list, one table with its partners and race list, and the
site admin's management of tables, partners and facilitators."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.access.decorators import Load, requires
from portal.access.policy import can
from portal.access.scoping import visible_tables
from portal.db import db, get_by_id
from portal.errors import PortalError
from portal.forms import attach_error
from portal.orgs.forms import ConfirmForm
from portal.orgs.models import Organization, OrgKind
from portal.races.models import Race
from portal.tables import operations
from portal.tables.forms import AddPartnerForm, EditTableForm, FacilitatorForm, TableForm
from portal.tables.models import CoalitionTable

bp = Blueprint("tables", __name__, url_prefix="/tables")
load_table = Load(CoalitionTable, "table_id")


def _table_fields(form) -> dict:
    return {"name": form.name.data, "level": form.level.data, "cycle_year": form.cycle_year.data,
            "state_code": form.state_code.data, "city": form.city.data,
            "threshold": form.critical_mass_threshold.data}


@bp.route("/")
@requires("tables.list")
def index():
    return render_template("tables/index.html", tables=db.session.scalars(visible_tables(current_user)).all())


@bp.route("/new", methods=["GET", "POST"])
@requires("tables.manage")
def new():
    form = TableForm()
    if form.validate_on_submit():
        try:
            table = operations.create_table(current_user, **_table_fields(form))
        except PortalError as error:
            attach_error(form, error)
            return render_template("tables/form.html", form=form, table=None), error.status
        flash(f"{table.name} created. Add its partners and facilitator next.", "success")
        return redirect(url_for("tables.show", table_id=table.id))
    return render_template("tables/form.html", form=form, table=None), 422 if request.method == "POST" else 200


@bp.route("/<int:table_id>")
@requires("tables.view", load=load_table)
def show(table: CoalitionTable):
    races = db.session.scalars(select(Race).where(Race.table_id == table.id)
                               .order_by(Race.state_code, Race.election_date, Race.district)).all()
    by_state: dict[str, list[Race]] = {}
    for race in races:
        by_state.setdefault(race.state_code, []).append(race)
    partners = sorted((p.national for p in table.partners), key=lambda n: n.name.lower())
    context = {"table": table, "by_state": by_state, "partners": partners, "race_count": len(races),
               "confirm": ConfirmForm()}
    if can(current_user, "tables.manage"):
        partner_form = AddPartnerForm()
        partner_form.national_id.choices = [(n.id, n.name) for n in db.session.scalars(
            select(Organization).where(Organization.kind == OrgKind.NATIONAL.value, Organization.archived_at.is_(None),
                                       Organization.id.not_in(table.partner_ids)).order_by(Organization.name))]
        context.update(partner_form=partner_form, facilitator_form=FacilitatorForm())
    return render_template("tables/show.html", **context)


@bp.route("/<int:table_id>/edit", methods=["GET", "POST"])
@requires("tables.manage", load=load_table)
def edit(table: CoalitionTable):
    form = EditTableForm(obj=table, state_code=table.state_code or "")
    if request.method == "GET":
        form.version.data = table.version
    if form.validate_on_submit():
        try:
            operations.edit_table(current_user, table, form.version.data, **_table_fields(form))
        except PortalError as error:
            attach_error(form, error)
            return render_template("tables/form.html", form=form, table=table), error.status
        flash("Saved.", "success")
        return redirect(url_for("tables.show", table_id=table.id))
    return render_template("tables/form.html", form=form, table=table), 422 if request.method == "POST" else 200


@bp.route("/<int:table_id>/partners", methods=["POST"])
@requires("tables.manage", load=load_table)
def add_partner(table: CoalitionTable):
    form = AddPartnerForm()
    national = get_by_id(Organization, form.national_id.data) if form.validate_on_submit() else None
    if national is None:
        raise PortalError("Choose a national from the list.")
    operations.add_partner(current_user, table, national)
    flash(f"{national.name} is now a partner of {table.name}.", "success")
    return redirect(url_for("tables.show", table_id=table.id))


@bp.route("/<int:table_id>/partners/<int:national_id>/remove", methods=["POST"])
@requires("tables.manage", load=load_table)
def remove_partner(table: CoalitionTable, national_id: int):
    national = db.session.get(Organization, national_id)
    if national is None or national.id not in table.partner_ids:
        abort(404)
    operations.remove_partner(current_user, table, national)
    flash(f"{national.name} is no longer a partner of {table.name}.", "info")
    return redirect(url_for("tables.show", table_id=table.id))


@bp.route("/<int:table_id>/facilitator", methods=["POST"])
@requires("tables.manage", load=load_table)
def assign_facilitator(table: CoalitionTable):
    form = FacilitatorForm()
    if not form.validate_on_submit():
        raise PortalError("Give the facilitator's e-mail address.")
    operations.assign_facilitator(current_user, table, form.email.data)
    flash(f"{table.facilitator_assignment.user.name} now facilitates {table.name}.", "success")
    return redirect(url_for("tables.show", table_id=table.id))


@bp.route("/<int:table_id>/facilitator/remove", methods=["POST"])
@requires("tables.manage", load=load_table)
def remove_facilitator(table: CoalitionTable):
    operations.remove_facilitator(current_user, table)
    flash(f"{table.name} has no facilitator now.", "info")
    return redirect(url_for("tables.show", table_id=table.id))
