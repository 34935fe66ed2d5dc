"""The demo coalition loads into an empty database, twice without change."""
from collections import defaultdict

from sqlalchemy import func, select

from portal.demo.data import DEMO_PERSONAS, EXTRA_MEMBERSHIPS, NATIONALS
from portal.demo.seed import seed
from portal.members.models import Membership
from portal.orgs.models import Organization
from portal.races.models import Candidate, Race
from portal.tables.models import CoalitionTable
from tests.db_state import fingerprint


def test_the_demo_coalition_is_believable_and_idempotent(app, session):
    seed()
    session.commit()
    nationals = session.scalars(select(Organization).where(Organization.kind == "national")).all()
    assert len(nationals) >= 10
    assert len({n.legal_status for n in nationals}) >= 5
    states = session.scalars(select(Organization.state_code).where(Organization.kind == "state").distinct()).all()
    assert len(states) >= 12
    cities = session.scalars(select(Organization.city).where(Organization.kind == "local").distinct()).all()
    assert len(cities) >= 30
    assert {t.level for t in session.scalars(select(CoalitionTable))} == {"federal", "state_legislative", "municipal"}
    assert session.scalar(select(func.count()).select_from(Race)) > 50
    assert session.scalar(select(func.count()).select_from(Candidate)) > 100
    # The demo logins hold exactly their persona roles (plus the listed extras); every other
    # membership belongs to a passwordless demo leader or approver at one national's domain.
    persona_emails = {p["email"] for p in DEMO_PERSONAS}
    memberships = session.scalars(select(Membership)).all()
    assert len([m for m in memberships if m.user.email in persona_emails]) == len(
        [p for p in DEMO_PERSONAS if p["org"]]) + len(EXTRA_MEMBERSHIPS)
    domains = {row["domain"] for row in NATIONALS}
    for membership in memberships:
        if membership.user.email not in persona_emails:
            assert membership.user.password_hash is None
            assert membership.user.email.split("@")[1] in domains
            assert membership.role in ("leader", "approver")

    before = fingerprint()
    seed()
    session.commit()
    assert fingerprint() == before, "a second seed changed the database"


def test_every_demo_login_signs_in(app, session, browser):
    seed()
    session.commit()
    from portal.demo.seed import DEMO_PASSWORD
    for persona in DEMO_PERSONAS:
        response = browser.sign_in(persona["email"], DEMO_PASSWORD)
        assert response.status_code == 302, persona["key"]
        assert browser.get("/").status_code == 200
        browser.post("/sign-out")


def test_the_demo_declarations_show_every_state_of_the_workflow(app, session):
    from portal.auth.models import User
    from portal.db import utcnow
    from portal.declarations.models import Declaration, DeclarationRevision, Status
    from portal.notifications.models import Notification
    seed()
    session.commit()
    now = utcnow()

    statuses = dict(session.execute(select(DeclarationRevision.status, func.count())
                                    .group_by(DeclarationRevision.status)).all())
    assert set(statuses) == {s.value for s in Status}, statuses
    stances = set(session.scalars(select(DeclarationRevision.stance).where(DeclarationRevision.stance.is_not(None))))
    assert stances == {"considering", "endorsed", "not_endorsing", "withdrawn"}
    assert {t.level for t in session.scalars(select(CoalitionTable).join(
        Declaration, Declaration.table_id == CoalitionTable.id))} == {"federal", "state_legislative", "municipal"}
    assert session.scalar(select(func.count()).select_from(DeclarationRevision).where(
        DeclarationRevision.status == "rejected", func.length(DeclarationRevision.reason) > 20)) >= 1

    # Critical mass at the federal table: four or more distinct partners' approved
    # endorsements of one challenger, shared with the whole table and past any embargo.
    in_force = session.execute(select(Declaration, DeclarationRevision).join(
        DeclarationRevision, DeclarationRevision.id == Declaration.current_revision_id)).all()
    backers = defaultdict(set)
    for declaration, revision in in_force:
        if (declaration.kind == "endorsement" and declaration.table.level == "federal"
                and revision.status == "approved" and revision.stance == "endorsed"
                and revision.shared_with_at(now) == "table"):
            backers[declaration.candidate].add(declaration.national_id)
    critical = {candidate for candidate, nationals in backers.items() if len(nationals) >= 4}
    assert "Jamal Okoro" in {c.name for c in critical} and len(critical) >= 3
    assert not any(c.is_incumbent for c in critical), "the table backs challengers"

    embargoed = [d for d, r in in_force if r.status == "approved" and r.share_from and r.share_from > now]
    assert embargoed and all(r.shared_with_at(now) == "own" for d, r in in_force if d in embargoed)
    assert any(r.status == "approved" and d.pending is not None for d, r in in_force), \
        "no approved declaration has an edit awaiting approval"

    # The demo approver has a queue from the Missouri state and St. Louis leaders.
    leaders = {p["email"] for p in DEMO_PERSONAS if p["key"] in ("state_leader", "local_leader")}
    submitters = set(session.scalars(select(User.email).join(
        DeclarationRevision, DeclarationRevision.submitted_by_id == User.id).where(
        DeclarationRevision.status == "pending")))
    assert leaders <= submitters
    # Nobody decided their own declaration, and pledge windows close before election day.
    for declaration in session.scalars(select(Declaration)):
        for revision in declaration.revisions:
            assert revision.decided_by_id is None or revision.decided_by_id != revision.submitted_by_id
            if revision.ends_on is not None:
                assert revision.starts_on <= revision.ends_on < declaration.race.election_date
    # The demo's history does not wait in the outbox to flood the log on the first request.
    assert session.scalar(select(func.count()).select_from(Notification).where(
        Notification.sent_at.is_(None))) == 0

    before = fingerprint()
    seed()
    session.commit()
    assert fingerprint() == before, "a second seed changed the database"
