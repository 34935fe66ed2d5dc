"""`portal seed-scale`: the national-scale synthetic coalition (issue 5)."""
from __future__ import annotations

from sqlalchemy import delete, func, select, update

from portal.db import Base, db
from portal.declarations.models import Declaration, DeclarationRevision
from portal.demo import scale, scale_data
from portal.orgs.models import Organization
from portal.races.models import Candidate, Race
from tests.db_state import fingerprint

ARGS = ["portal", "seed-scale", "--scale", "0.01"]


def _run(app, args=ARGS):
    return app.test_cli_runner().invoke(args=args)


def _count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _empty_everything():
    """Delete every row (children before parents), leaving an empty migrated database."""
    db.session.execute(update(Declaration).values(current_revision_id=None))
    for table in reversed(Base.metadata.sorted_tables):
        if table.name == "organizations":
            for kind in ("local", "state", "national"):
                db.session.execute(delete(table).where(table.c.kind == kind))
        else:
            db.session.execute(delete(table))
    db.session.commit()


def test_house_apportionment_data_sums_to_435():
    assert sum(scale_data.HOUSE_SEATS.values()) == 435
    assert len(scale_data.HOUSE_SEATS) == 50
    assert (scale_data.HOUSE_SEATS["CA"], scale_data.HOUSE_SEATS["TX"], scale_data.HOUSE_SEATS["FL"],
            scale_data.HOUSE_SEATS["NY"]) == (52, 38, 28, 26)
    districts = scale.house_districts()
    assert len(districts) == len(set(districts)) == 435
    at_large = sorted(d for _, d in districts if d.endswith("-AL"))
    assert at_large == ["AK-AL", "DE-AL", "ND-AL", "SD-AL", "VT-AL", "WY-AL"]


def test_full_scale_targets_are_generated():
    rows = scale.generate(1.0, 2026)
    orgs = rows["organizations"]
    assert sum(o["kind"] == "national" for o in orgs) == 12
    assert sum(o["kind"] != "national" for o in orgs) == 2000
    assert len({o["state_code"] for o in orgs if o["kind"] == "state"}) == 50
    house = [r for r in rows["races"] if r["office"] == "us_house"]
    assert len(house) == 435 and len(rows["races"]) == 1435
    assert len(rows["declarations"]) == 30000


def test_seed_scale_counts_statuses_and_constraints(app):
    result = _run(app)
    assert result.exit_code == 0, result.output
    n = scale.targets(0.01)
    assert _count(Organization, Organization.kind == "national") == n["nationals"]
    assert _count(Organization, Organization.kind == "state") == n["state_affiliates"]
    assert _count(Organization, Organization.kind == "local") == n["local_affiliates"]
    assert _count(Race, Race.office == "us_house") == n["house_races"]
    assert _count(Race, Race.office != "us_house") == n["state_races"]
    assert _count(Candidate) == 3 * n["house_races"] + 2 * n["state_races"]
    assert _count(Declaration) == n["declarations"] == 300
    statuses = set(db.session.scalars(select(DeclarationRevision.status).distinct()))
    assert statuses == {"approved", "pending", "rejected", "withdrawn", "superseded"}
    assert set(db.session.scalars(select(DeclarationRevision.visibility).distinct())) == {"own", "facilitator",
                                                                                          "table"}
    assert _count(DeclarationRevision, DeclarationRevision.share_from.is_not(None)) > 0
    assert set(db.session.scalars(select(Declaration.kind).distinct())) == {"endorsement", "pledge"}
    # The declaration's national is its organization's; the revision in force is its approved one.
    org = Organization.__table__
    assert db.session.scalar(select(func.count()).select_from(Declaration).join(
        org, org.c.id == Declaration.organization_id).where(
        Declaration.national_id != func.coalesce(org.c.national_id, org.c.id))) == 0
    current = DeclarationRevision.__table__.alias()
    assert db.session.scalar(select(func.count()).select_from(Declaration).join(
        current, current.c.id == Declaration.current_revision_id).where(
        (current.c.status != "approved") | (current.c.declaration_id != Declaration.id))) == 0
    assert _count(Declaration, Declaration.current_revision_id.is_(None)) > 0  # pending, rejected, withdrawn
    assert "audit_events" not in result.output
    from portal.audit.models import AuditEvent
    assert _count(AuditEvent) == 0


def test_same_seed_gives_same_database(app):
    assert _run(app).exit_code == 0
    first = fingerprint()
    _empty_everything()
    assert _run(app).exit_code == 0
    assert fingerprint() == first
    assert scale.digest(scale.generate(0.01, 2026)) == scale.digest(scale.generate(0.01, 2026))
    assert scale.digest(scale.generate(0.01, 7)) != scale.digest(scale.generate(0.01, 2026))


def test_non_empty_database_is_refused(app):
    assert _run(app).exit_code == 0
    before = fingerprint()
    result = _run(app)
    assert result.exit_code != 0
    assert "not empty" in result.output
    assert fingerprint() == before
