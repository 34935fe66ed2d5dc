"""Critical mass over time (portal/facilitator/critical_mass.py) and the
facilitator's activity log that partners read (portal/facilitator/log_views.py)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.approvals.operations import decide
from portal.audit.models import AuditEvent
from portal.db import db, utcnow
from portal.declarations.operations import revise
from portal.facilitator.critical_mass import reached_dates, refresh
from portal.facilitator.models import CriticalMassState
from portal.notifications.models import Notification
from portal.races import operations as race_ops
from tests.conftest import Browser
from tests.facilitator.test_matrix import World
from tests.factories import PASSWORD, create_national, create_user, grant, page_text


@pytest.fixture
def admin(app, session):
    return create_user("root@portal.example", "Sita Admin", site_admin=True)


@pytest.fixture
def world(admin, session):
    """Five partners; A has a state affiliate (whose endorsements need approval). One race, one candidate."""
    w = World(admin, [1, 0, 0, 0, 0], [("MO", "MO-01", "primary", ["Ada"])])
    session.commit()
    return w


def _ada(world):
    return world.races[0].candidates[0]


def _state(world):
    db.session.expire_all()
    return db.session.get(CriticalMassState, (world.table.id, _ada(world).id))


def _events(world, action):
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action,
                                                       AuditEvent.table_id == world.table.id)).all()


def _facilitator_mail(world):
    return db.session.scalars(select(Notification).where(Notification.user_id == world.facilitator.id)
                              .order_by(Notification.id)).all()


def _three_nationals_back_ada(world):
    for tree in world.orgs[1:4]:
        world.declare(tree[0], world.races[0], candidate=_ada(world))


def test_approving_the_fourth_partner_reaches_critical_mass(world):
    _three_nationals_back_ada(world)
    assert _state(world).backers == 3 and _state(world).reached_at is None
    assert _facilitator_mail(world) == []
    affiliate = world.orgs[0][1]
    declaration = world.declare(affiliate, world.races[0], candidate=_ada(world), status="pending")
    assert _state(world).backers == 3  # pending counts nowhere
    decide(world.approvers[affiliate.root_id], declaration.pending, approve=True)
    state = _state(world)
    assert state.backers == 4 and state.reached_at is not None and state.lost_at is None
    assert reached_dates(world.table) == {_ada(world).id: state.reached_at}
    [event] = _events(world, "critical_mass.reached")
    assert event.actor_id is None and event.subject_id == _ada(world).id
    assert event.after == {"backers": 4, "critical_mass": True}
    [mail] = _facilitator_mail(world)
    assert "Critical mass: Ada" in mail.subject and "4 partners" in mail.body
    assert refresh(world.table) == []  # nothing crossed since


def test_withdrawing_below_the_threshold_loses_it_and_a_rejection_changes_nothing(world):
    _three_nationals_back_ada(world)
    affiliate = world.orgs[0][1]
    declaration = world.declare(affiliate, world.races[0], candidate=_ada(world))
    reached_at = _state(world).reached_at
    assert reached_at is not None
    # A pending withdrawal, rejected: the endorsement in force stays, so does critical mass.
    revision = revise(world.leaders[affiliate.id], declaration, expected_version=None, stance="withdrawn",
                      visibility="table")
    decide(world.approvers[affiliate.root_id], revision, approve=False, reason="We still back her.")
    assert _state(world).reached and _events(world, "critical_mass.lost") == []
    # A national withdraws its endorsement (in force at once): below the threshold.
    world.declare(world.orgs[1][0], world.races[0], candidate=_ada(world), stance="withdrawn")
    state = _state(world)
    assert state.backers == 3 and state.lost_at is not None and state.reached_at == reached_at
    assert reached_dates(world.table) == {}
    [event] = _events(world, "critical_mass.lost")
    assert event.before == {"backers": 4, "critical_mass": True}
    assert [m.subject.split(":")[0] for m in _facilitator_mail(world)] == ["Critical mass", "Below critical mass"]
    # Back up again: a new reached date, the lost date cleared.
    world.declare(world.orgs[4][0], world.races[0], candidate=_ada(world))
    state = _state(world)
    assert state.reached and state.reached_at >= reached_at and state.lost_at is None
    assert len(_events(world, "critical_mass.reached")) == 2


def test_a_national_and_its_affiliate_count_once(world):
    nationals = [tree[0] for tree in world.orgs[1:3]]
    for org in [world.orgs[0][0], world.orgs[0][1], *nationals]:
        world.declare(org, world.races[0], candidate=_ada(world))
    state = _state(world)
    assert state.backers == 3 and not state.reached
    assert _events(world, "critical_mass.reached") == [] and _facilitator_mail(world) == []


def test_an_embargoed_endorsement_counts_once_the_refresh_runs_after_the_embargo(world, app):
    _three_nationals_back_ada(world)
    embargoed = world.declare(world.orgs[4][0], world.races[0], candidate=_ada(world), embargo="future")
    assert _state(world).backers == 3 and not _state(world).reached
    db.session.commit()
    embargoed.current.share_from = utcnow() - timedelta(minutes=1)  # the embargo ended
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["portal", "critical-mass", "refresh"])
    assert result.exit_code == 0, result.output
    assert "1 crossing(s)" in result.output
    state = _state(world)
    assert state.backers == 4 and state.reached
    assert len(_events(world, "critical_mass.reached")) == 1 and len(_facilitator_mail(world)) == 1


def test_partners_read_the_facilitator_log(world, admin, app):
    race_ops.add_race(world.facilitator, world.table, office="us_house", state_code="KS", district="KS-02",
                      stage="primary", election_date=world.races[0].election_date)
    outsider = create_user("outsider@elsewhere.example", "Out Sider")
    grant(outsider, create_national("Not A Partner"), "admin")
    db.session.commit()
    path = f"/tables/{world.table.id}/facilitator-log"

    def as_user(user):
        browser = Browser(app.test_client())
        browser.sign_in(user.email, PASSWORD)
        return browser

    member = as_user(world.partner_member)
    response = member.get(path)
    assert response.status_code == 200
    text = page_text(response)
    assert "Race U.S. House KS-02" in text or "KS-02" in text
    assert "MO-01" not in text  # added by the site admin, not the facilitator
    assert member.get(path + "?page=0").status_code == 400
    assert member.get(path + "?page=x").status_code == 400
    assert as_user(world.facilitator).get(path).status_code == 200
    assert as_user(outsider).get(path).status_code == 404
    assert as_user(admin).get(path).status_code == 403
