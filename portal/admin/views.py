"""The site administrator's overview: nationals, tables, people, recent changes."""
from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import func, select

from portal.access.decorators import requires
from portal.audit.models import AuditEvent
from portal.auth.models import User
from portal.db import db
from portal.orgs.models import Organization, OrgKind
from portal.tables.models import CoalitionTable, TableFacilitator

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@requires("admin.view")
def index():
    nationals = db.session.scalars(select(Organization).where(Organization.kind == OrgKind.NATIONAL.value)
                                   .order_by(Organization.name)).all()
    counts = dict(db.session.execute(select(Organization.kind, func.count()).group_by(Organization.kind)).all())
    tables = db.session.scalars(select(CoalitionTable).order_by(CoalitionTable.name)).all()
    facilitator_ids = set(db.session.scalars(select(TableFacilitator.user_id)))
    people = db.session.scalars(select(User).order_by(User.name)).all()
    recent = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(30)).all()
    return render_template("admin/index.html", nationals=nationals, counts=counts, tables=tables, people=people,
                           facilitator_ids=facilitator_ids, recent=recent)
