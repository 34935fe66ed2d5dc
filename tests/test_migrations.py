"""Migrations: one head, the models match it, and the schema goes down to
nothing and back up again (on SQLite and on PostgreSQL)."""
from __future__ import annotations

import warnings
from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from portal.db import Base
from portal.races.models import Race
from portal.settings import PROJECT_ROOT
from tests.factories import create_table


def alembic_config(url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["database_url"] = url
    return config


def test_there_is_a_single_head(database_url):
    heads = ScriptDirectory.from_config(alembic_config(database_url)).get_heads()
    assert len(heads) == 1, f"several heads: {heads}; merge them"


# Alembic cannot reflect expression indexes; this one is proven by behaviour below.
EXPRESSION_INDEXES = {"uq_races_contest"}


def _not_an_expression_index(obj, name, type_, reflected, compare_to):
    return not (type_ == "index" and name in EXPRESSION_INDEXES)


def test_the_models_match_the_migrated_schema(database_url):
    engine = create_engine(database_url)
    with engine.connect() as conn, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        warnings.filterwarnings("ignore", message="autogenerate skipping metadata-specified expression-based index")
        context = MigrationContext.configure(conn, opts={"compare_type": True,
                                                         "include_object": _not_an_expression_index})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == [], f"models and migrations disagree: {differences}"


def test_the_database_refuses_a_second_identical_contest_even_across_cities(app, session):
    table = create_table("Municipal", level="municipal")
    session.add_all([
        Race(table_id=table.id, office="mayor", state_code="CA", district="Citywide", city="Los Angeles",
             stage="primary", election_date=date(2026, 6, 2)),
        Race(table_id=table.id, office="mayor", state_code="CA", district="Citywide", city="San Diego",
             stage="primary", election_date=date(2026, 6, 2)),
    ])
    session.flush()  # two cities: two contests
    session.add(Race(table_id=table.id, office="mayor", state_code="CA", district="Citywide", city="San Diego",
                     stage="primary", election_date=date(2026, 6, 2)))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_downgrade_to_empty_and_upgrade_again(database_url):
    config = alembic_config(database_url)
    command.downgrade(config, "base")
    engine = create_engine(database_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    command.upgrade(config, "head")
    assert {"organizations", "memberships", "audit_events"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_a_populated_database_upgrades_from_the_first_revision(database_url):
    """People upgrade databases with data in them; SQLite rebuilds tables in
    batch mode, which must not trip over the foreign keys pointing at them."""
    config = alembic_config(database_url)
    command.downgrade(config, "0001")
    engine = create_engine(database_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO users (id, email, name, is_site_admin, created_at) "
                          "VALUES (1, 'ada@example.org', 'Ada', false, CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO organizations (id, kind, name, slug, legal_status, national_kind, created_at, "
                          "updated_at, version) VALUES (1, 'national', 'N', 'n', '501c4', 'national', "
                          "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"))
        conn.execute(text("INSERT INTO memberships (id, user_id, organization_id, role, source, created_at, version) "
                          "VALUES (1, 1, 1, 'admin', 'manual', CURRENT_TIMESTAMP, 1)"))
    command.upgrade(config, "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM memberships")).scalar() == 1
        assert conn.execute(text("SELECT email FROM users")).scalar() == "ada@example.org"
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == ScriptDirectory.from_config(config).get_current_head()
    engine.dispose()
