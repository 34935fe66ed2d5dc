"""Pictures of a table (issue 5): a tile-grid map (or, for a municipal table,
bars by city) of races with critical mass, and pledged capacity by activity
and ISO week. Drawn on the server as SVG by portal.facilitator.pictures; the
numbers come from what the viewer may see, as in the matrix."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Response, render_template
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from portal.access.decorators import Load, requires
from portal.access.declarations import visible_current_clause
from portal.db import db, utcnow
from portal.declarations.models import Declaration, DeclarationRevision, Kind
from portal.facilitator import pictures
from portal.facilitator.matrix import coalition_matrix
from portal.facilitator.transparency import note_bulk_view
from portal.facilitator.views import bp
from portal.orgs.states import STATES
from portal.races.models import Race
from portal.tables.models import CoalitionTable

load_table = Load(CoalitionTable, "table_id")
SVG = "image/svg+xml; charset=utf-8"


@dataclass
class CriticalCounts:
    by_city: bool
    races: dict[str, int]     # state code (or city) -> races
    critical: dict[str, int]  # state code (or city) -> races with critical mass

    def rows(self) -> list[tuple[str, int, int]]:
        """(place, races, with critical mass) for the text table, by name."""
        name = (lambda k: k) if self.by_city else (lambda k: STATES.get(k, k))
        return sorted(((name(k), n, self.critical.get(k, 0)) for k, n in self.races.items()),
                      key=lambda r: (r[0].casefold(), r[0]))


def critical_counts(viewer, table) -> CriticalCounts:
    matrix = coalition_matrix(viewer, table)
    by_city = table.level == "municipal"
    cities = {}
    if by_city:
        cities = dict(db.session.execute(select(Race.id, Race.city).where(Race.table_id == table.id)).all())
    races: dict[str, int] = {}
    critical: dict[str, int] = {}
    for row in matrix.rows:
        key = (cities.get(row.race_id) or table.city or "No city given") if by_city else row.state_code
        races[key] = races.get(key, 0) + 1
        critical[key] = critical.get(key, 0) + (1 if row.critical else 0)
    return CriticalCounts(by_city, races, critical)


def capacity_for(viewer, table) -> pictures.WeeklyCapacity:
    """The pledges in force the viewer may see, by activity and ISO week."""
    rows = db.session.execute(
        select(DeclarationRevision.activity, DeclarationRevision.unit, DeclarationRevision.quantity,
               DeclarationRevision.starts_on, DeclarationRevision.ends_on)
        .select_from(Declaration)
        .join(DeclarationRevision, DeclarationRevision.id == Declaration.current_revision_id)
        .where(Declaration.kind == Kind.PLEDGE.value, visible_current_clause(viewer, table, utcnow()))
        .order_by(Declaration.id)).all()
    return pictures.weekly_capacity(rows)


def map_picture(viewer, table) -> tuple[str, CriticalCounts]:
    counts = critical_counts(viewer, table)
    draw = pictures.city_bars_svg if counts.by_city else pictures.state_map_svg
    return draw(table.name, counts.races, counts.critical), counts


def _svg(text: str) -> Response:
    response = Response(text, mimetype="image/svg+xml")
    response.headers["Content-Type"] = SVG
    return response


@bp.route("/tables/<int:table_id>/map.svg")
@requires("matrix.view", load=load_table)
def map_svg(table: CoalitionTable):
    return _svg(map_picture(current_user, table)[0])


@bp.route("/tables/<int:table_id>/capacity.svg")
@requires("matrix.view", load=load_table)
def capacity_svg(table: CoalitionTable):
    return _svg(pictures.capacity_svg(table.name, capacity_for(current_user, table)))


@bp.route("/tables/<int:table_id>/pictures")
@requires("matrix.view", load=load_table)
def pictures_page(table: CoalitionTable):
    map_text, counts = map_picture(current_user, table)
    capacity = capacity_for(current_user, table)
    note_bulk_view(current_user, table, "map and capacity chart")
    # The SVG strings are built by pictures.py with every text escaped.
    return render_template("facilitator/pictures.html", table=table, counts=counts, capacity=capacity,
                           map_svg=Markup(map_text),
                           capacity_svg=Markup(pictures.capacity_svg(table.name, capacity)),
                           series_label=pictures.series_label, number=pictures._num)
