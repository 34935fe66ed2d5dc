"""The matrix pages: the whole table at a glance, one partner's declarations in
one race, and the candidates at critical mass. Everyone reads them through
coalition_matrix() or visible_current_clause(), so a page shows the facilitator
what is shared with the facilitator or the table, and a partner what is shared
with the table (plus its own tree's declarations)."""
from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user
from sqlalchemy import select

from portal.access.decorators import Load, requires
from portal.access.declarations import visible_current_clause
from portal.db import db, get_by_id, utcnow
from portal.declarations.models import Declaration, DeclarationRevision
from portal.errors import InvalidInput
from portal.facilitator.critical_mass import reached_dates
from portal.facilitator.matrix import FLAGS, MatrixFilters, coalition_matrix
from portal.facilitator.transparency import note_bulk_view
from portal.facilitator.views import bp
from portal.orgs.models import Organization
from portal.orgs.states import STATES
from portal.races.models import Office, Race, Stage
from portal.tables.models import CoalitionTable

load_table = Load(CoalitionTable, "table_id")

FLAG_LABELS = {"critical": "Critical mass reached", "close": "Close to critical mass",
               "none_engaged": "No partner engaged"}
assert set(FLAG_LABELS) == set(FLAGS)


@bp.route("/tables/<int:table_id>/matrix")
@requires("matrix.view", load=load_table)
def matrix(table: CoalitionTable):
    try:
        filters = MatrixFilters.parse(request.args)
    except InvalidInput as exc:
        abort(400, exc.message)
    note_bulk_view(current_user, table, "coalition matrix", vars(filters))
    return render_template("facilitator/matrix.html", table=table, filters=filters,
                           matrix=coalition_matrix(current_user, table, filters, utcnow()),
                           choices=_filter_choices())


@bp.route("/tables/<int:table_id>/matrix/cell")
@requires("matrix.view", load=load_table)
def cell(table: CoalitionTable):
    """One partner's declarations (the national and its affiliates) in one race."""
    race = get_by_id(Race, request.args.get("race_id", type=int))
    national = get_by_id(Organization, request.args.get("national_id", type=int))
    if race is None or race.table_id != table.id or national is None or national.id not in table.partner_ids:
        abort(404)
    declarations = db.session.scalars(
        select(Declaration)
        .join(DeclarationRevision, DeclarationRevision.id == Declaration.current_revision_id)
        .where(Declaration.race_id == race.id, Declaration.national_id == national.id,
               visible_current_clause(current_user, table, utcnow()))).unique().all()
    # The national first, then its affiliates by name; candidates by name within each.
    declarations.sort(key=lambda d: (d.organization_id != national.id, d.organization.name.casefold(),
                                     d.kind, d.candidate.name.casefold() if d.candidate else "", d.id))
    return render_template("facilitator/cell.html", table=table, race=race, national=national,
                           declarations=declarations)


@bp.route("/tables/<int:table_id>/critical-mass")
@requires("matrix.view", load=load_table)
def critical_mass(table: CoalitionTable):
    matrix = coalition_matrix(current_user, table, MatrixFilters(flag="critical"), utcnow())
    note_bulk_view(current_user, table, "critical-mass list")
    reached = []
    for row in matrix.rows:
        for candidate in row.candidates:
            if candidate.critical_mass:
                backers = [cell.partner.name for cell in row.cells if cell.backs(candidate.id)]
                reached.append((row, candidate, backers))
    return render_template("facilitator/critical_mass.html", table=table, matrix=matrix, reached=reached,
                           since=_reached_dates(table))


def _reached_dates(table: CoalitionTable) -> dict | None:
    """When each candidate reached critical mass. The dates are counted from the
    facilitator's view (facilitator-shared declarations included), so only the
    facilitator sees them; None leaves the column out."""
    if table.facilitator_id is None or table.facilitator_id != current_user.id:
        return None
    return reached_dates(table)


def _filter_choices() -> dict[str, list[tuple[str, str]]]:
    return {"state": sorted(STATES.items(), key=lambda item: item[1]),
            "office": [(o.value, o.label) for o in Office],
            "stage": [(s.value, s.label) for s in Stage],
            "flag": list(FLAG_LABELS.items())}
