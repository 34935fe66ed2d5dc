"""Downloads of a table's combined view (issue 5): the coalition matrix and
the capacity pledges, as CSV or XLSX, honouring the matrix filters and built
from exactly what the viewer may see. Each download is recorded in the audit
trail (the facilitator's exports are part of the transparency log)."""
from __future__ import annotations

from datetime import datetime

from flask import Response, abort, request
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import aliased

from portal.access.declarations import visible_current_clause
from portal.access.decorators import Load, requires
from portal.audit.operations import record
from portal.db import db, utcnow
from portal.declarations.models import Declaration, DeclarationRevision, Kind
from portal.errors import InvalidInput
from portal.facilitator import exports
from portal.facilitator.matrix import Matrix, MatrixFilters, coalition_matrix
from portal.facilitator.views import bp
from portal.orgs.models import Organization
from portal.orgs.operations import slugify
from portal.races.models import Candidate, Office, Race, Stage
from portal.tables.models import CoalitionTable

load_table = Load(CoalitionTable, "table_id")

MATRIX_HEADER = ("State", "District", "Office", "Stage", "Partner", "Stances", "Backers", "Critical mass",
                 "Pledged capacity")
PLEDGES_HEADER = ("Table", "Race", "Partner", "Organization", "Candidate", "Activity", "Quantity", "Unit",
                  "Start", "End", "Shared with", "Since", "Note")


def _filters() -> MatrixFilters:
    try:
        return MatrixFilters.parse(request.args)
    except InvalidInput as bad:
        abort(400, bad.message)


# --- the matrix: one row per race x partner -----------------------------------------------

def _stances_text(row, cell) -> str:
    parts = []
    for candidate in row.candidates:
        stances = cell.endorsements.get(candidate.id)
        if not stances:
            continue
        said = [stance.replace("_", " ") + (f" ({count})" if count > 1 else "")
                for stance, count in stances.counts.items() if count]
        if said:
            parts.append(f"{candidate.name}: {', '.join(said)}")
    return "; ".join(parts)


def _backers_text(row, partner_count: int) -> str:
    return "; ".join(f"{c.name}: {c.backers} of {partner_count}" for c in row.candidates)


def _capacity_text(cell) -> str:
    return "; ".join(f"{activity} {quantity} {unit}"
                     for (activity, unit), quantity in sorted(cell.capacity.items()))


def matrix_rows(matrix: Matrix) -> list[tuple]:
    rows = []
    for row in matrix.rows:
        for cell in row.cells:
            rows.append((row.state_code, row.district, Office(row.office).label, Stage(row.stage).label,
                         cell.partner.name, _stances_text(row, cell), _backers_text(row, len(matrix.partners)),
                         "yes" if row.critical else "no", _capacity_text(cell)))
    return rows


# --- the pledges: every visible pledge in force ------------------------------------------

def _shared_with(revision: DeclarationRevision, now: datetime) -> str:
    shared = revision.shared_with_at(now)
    text = {"own": "own organization", "facilitator": "facilitator", "table": "table"}[shared]
    if shared != revision.visibility:  # still embargoed (only its own tree sees it)
        text += f" (to {revision.visibility} from {revision.share_from:%Y-%m-%d %H:%M} UTC)"
    return text


def _since(revision: DeclarationRevision) -> datetime | None:
    since = revision.decided_at or revision.submitted_at
    if revision.share_from is not None and (since is None or revision.share_from > since):
        since = revision.share_from
    return since


def pledge_rows(viewer, table: CoalitionTable, filters: MatrixFilters, now: datetime,
                race_ids: set[int] | None) -> list[tuple]:
    org, national = aliased(Organization), aliased(Organization)
    found = db.session.execute(
        select(Race, org.name, national.name, Candidate.name, DeclarationRevision)
        .select_from(Declaration)
        .join(DeclarationRevision, DeclarationRevision.id == Declaration.current_revision_id)
        .join(Race, Race.id == Declaration.race_id)
        .join(org, org.id == Declaration.organization_id)
        .join(national, national.id == Declaration.national_id)
        .outerjoin(Candidate, Candidate.id == Declaration.candidate_id)
        .where(visible_current_clause(viewer, table, now), Declaration.kind == Kind.PLEDGE.value,
               Declaration.national_id.in_(table.partner_ids or {0}), *filters.race_clauses())
        .order_by(Declaration.id)).all()
    if race_ids is not None:
        found = [f for f in found if f[0].id in race_ids]
    # Sorted here, not in SQL: collations differ between databases.
    found.sort(key=lambda f: (f[0].state_code, f[0].district.casefold(), f[0].district, f[0].id,
                              f[2].casefold(), f[1].casefold()))
    return [(table.name, race.title, national_name, org_name, candidate_name, revision.activity,
             revision.quantity, revision.unit, revision.starts_on, revision.ends_on,
             _shared_with(revision, now), _since(revision), revision.note)
            for race, org_name, national_name, candidate_name, revision in found]


# --- the downloads ------------------------------------------------------------------------

def _download(table: CoalitionTable, what: str, fmt: str, header, rows, filters: MatrixFilters, now: datetime):
    filename = f"{slugify(table.name)}-{what}-{now:%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        body, mimetype = exports.to_csv(header, rows), exports.CSV_MIMETYPE
    else:
        body, mimetype = exports.to_xlsx(what.capitalize(), header, rows), exports.XLSX_MIMETYPE
    applied = {k: v for k, v in vars(filters).items() if v}
    record(current_user, "matrix.exported", table,
           f"Exported the {what} of {table.name} as {fmt.upper()} ({len(rows)} rows)",
           after={"export": what, "format": fmt, "rows": len(rows), "filters": applied}, table=table)
    response = Response(body, content_type=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _matrix_export(table: CoalitionTable, fmt: str):
    filters, now = _filters(), utcnow()
    matrix = coalition_matrix(current_user, table, filters, now)
    return _download(table, "matrix", fmt, MATRIX_HEADER, matrix_rows(matrix), filters, now)


def _pledges_export(table: CoalitionTable, fmt: str):
    filters, now = _filters(), utcnow()
    race_ids = None
    if filters.flag:  # the flag filters are judged on the matrix the viewer sees
        race_ids = {row.race_id for row in coalition_matrix(current_user, table, filters, now).rows}
    rows = pledge_rows(current_user, table, filters, now, race_ids)
    return _download(table, "pledges", fmt, PLEDGES_HEADER, rows, filters, now)


@bp.get("/tables/<int:table_id>/matrix.csv")
@requires("matrix.export", load_table)
def matrix_csv(table: CoalitionTable):
    return _matrix_export(table, "csv")


@bp.get("/tables/<int:table_id>/matrix.xlsx")
@requires("matrix.export", load_table)
def matrix_xlsx(table: CoalitionTable):
    return _matrix_export(table, "xlsx")


@bp.get("/tables/<int:table_id>/pledges.csv")
@requires("matrix.export", load_table)
def pledges_csv(table: CoalitionTable):
    return _pledges_export(table, "csv")


@bp.get("/tables/<int:table_id>/pledges.xlsx")
@requires("matrix.export", load_table)
def pledges_xlsx(table: CoalitionTable):
    return _pledges_export(table, "xlsx")
