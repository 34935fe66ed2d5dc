"""No feed carries what its owner may not see: every persona of the probe
world subscribes to every calendar it may, and the documents must hold none of
the markers foreign to it (tenant B, partner C's working group, the
facilitator's drafts, another affiliate's secrets)."""
from __future__ import annotations

import pytest

from portal.access.calendars import may_read_scope
from portal.calendars.operations import subscribe
from portal.db import db
from tests.calendars.conftest import parse_calendar
from tests.probe_world import ProbeWorld


def unfolded(response) -> str:
    """The document with RFC 5545 line folding undone, so no marker hides across a fold."""
    return response.get_data(as_text=True).replace("\r\n ", "").replace("\r\n\t", "").lower()


@pytest.mark.parametrize("persona", sorted(ProbeWorld.FORBIDDEN))
def test_no_feed_carries_anything_foreign_to_its_owner(app, persona):
    world = ProbeWorld()
    owner = world.personas[persona]
    foreign = world.forbidden(persona)
    scopes = [world.table_a, world.table_b] + [group for g in world.groups.values() for group in g.working_groups]
    tokens = []
    for scope in scopes:
        if may_read_scope(owner, scope):
            tokens.append(subscribe(owner, scope)[1])
    db.session.commit()
    assert tokens, "every persona reads at least its own table"
    calendar_app = app.test_client()
    for token in tokens:
        response = calendar_app.get(f"/calendars/{token}.ics")
        assert response.status_code == 200
        parse_calendar(response)
        body = unfolded(response)
        assert [m for m in foreign.markers if m in body] == []


def test_the_facilitator_reads_table_a_meetings_and_c_activities(app):
    """The leak test above is not vacuous: allowed markers do reach the feeds."""
    world = ProbeWorld()
    tokens = [subscribe(world.facilitator, world.table_a)[1]]
    tokens += [subscribe(world.facilitator, group)[1] for group in world.groups["C_workgroup"].working_groups]
    db.session.commit()
    bodies = "".join(unfolded(app.test_client().get(f"/calendars/{t}.ics")) for t in tokens)
    assert any(m in bodies for m in world.groups["A_table"].markers)
    if world.groups["C_workgroup"].working_groups:
        assert any(m in bodies for m in world.groups["C_workgroup"].markers)
