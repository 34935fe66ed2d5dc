"""The facilitator's activity log, which the table's partners read for
transparency: every audit event at this table whose actor is its facilitator
(races and candidates changed, matrices exported or viewed...), newest first."""
from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from portal.access.decorators import Load, requires
from portal.audit.models import AuditEvent
from portal.audit.queries import PER_PAGE, ActivityPage, Entry
from portal.audit.views import _page_number
from portal.db import db
from portal.facilitator.views import bp
from portal.tables.models import CoalitionTable

load_table = Load(CoalitionTable, "table_id")


def facilitator_log(table: CoalitionTable, page: int, per_page: int = PER_PAGE) -> ActivityPage:
    facilitator_id = table.facilitator_id
    if facilitator_id is None:
        return ActivityPage(entries=[], number=page, has_next=False)
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.table_id == table.id, AuditEvent.actor_id == facilitator_id)
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .offset((page - 1) * per_page).limit(per_page + 1)).all()
    return ActivityPage(entries=[Entry(e, table.name) for e in events[:per_page]], number=page,
                        has_next=len(events) > per_page)


@bp.route("/tables/<int:table_id>/facilitator-log")
@requires("facilitator_log.view", load=load_table)
def facilitator_log_page(table: CoalitionTable):
    page = facilitator_log(table, _page_number())
    return render_template("facilitator/log.html", table=table, page=page)
