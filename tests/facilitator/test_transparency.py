"""The facilitator log shows partners what the facilitator viewed in bulk."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.db import db, utcnow
from portal.facilitator import transparency
from tests.facilitator.test_matrix_views import admin, signed_in, world  # noqa: F401 (fixtures)
from tests.factories import page_text


def viewings(table_id: int) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(
        AuditEvent.table_id == table_id, AuditEvent.action == "matrix.viewed").order_by(AuditEvent.id)))


def test_bulk_views_by_the_facilitator_are_logged_once_per_viewing(app, world, monkeypatch):
    facilitator = signed_in(app, world.facilitator)
    table = world.table.id
    assert facilitator.get(f"/tables/{table}/matrix").status_code == 200
    assert facilitator.get(f"/tables/{table}/matrix").status_code == 200  # a reload is the same viewing
    assert facilitator.get(f"/tables/{table}/matrix?state=MO&flag=critical").status_code == 200
    assert facilitator.get(f"/tables/{table}/critical-mass").status_code == 200
    assert facilitator.get(f"/tables/{table}/pictures").status_code == 200
    summaries = [e.summary for e in viewings(table)]
    assert summaries == [f"Viewed the coalition matrix of {world.table.name}",
                         f"Viewed the coalition matrix of {world.table.name} (flag: critical, state: MO)",
                         f"Viewed the critical-mass list of {world.table.name}",
                         f"Viewed the map and capacity chart of {world.table.name}"]
    # A quarter of an hour later the same page is a new viewing. (The audit trail is
    # append-only, so the clock moves instead of the records.)
    later = utcnow() + timedelta(minutes=16)
    monkeypatch.setattr(transparency, "utcnow", lambda: later)
    facilitator.get(f"/tables/{table}/matrix")
    assert len(viewings(table)) == 5


def test_partners_read_the_viewings_and_their_own_views_are_not_logged(app, world):
    signed_in(app, world.facilitator).get(f"/tables/{world.table.id}/matrix")
    partner = signed_in(app, world.partner_member)
    assert partner.get(f"/tables/{world.table.id}/matrix").status_code == 200
    assert len(viewings(world.table.id)) == 1
    log = page_text(partner.get(f"/tables/{world.table.id}/facilitator-log"))
    assert f"Viewed the coalition matrix of {world.table.name}" in log


def test_a_refused_filter_logs_nothing(app, world):
    response = signed_in(app, world.facilitator).get(f"/tables/{world.table.id}/matrix?state=ZZ")
    assert response.status_code == 400
    assert viewings(world.table.id) == []

