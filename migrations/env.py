"""Alembic environment: the URL comes from the portal's configuration, the
target metadata from portal.models."""
from __future__ import annotations

import warnings

from alembic import context
from sqlalchemy import create_engine, pool

import portal.models  # noqa: F401
from portal.db import Base

config = context.config
target_metadata = Base.metadata


def database_url() -> str:
    url = config.attributes.get("database_url")
    if url:
        return url
    from portal import create_app
    return create_app().config["DATABASE_URL"]


def run_migrations_offline() -> None:
    context.configure(url=database_url(), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(database_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run(connection)


def _run(connection) -> None:
    # Batch mode lets later migrations alter SQLite tables (which lack ALTER for most changes).
    # Batch mode rebuilds a table by copy-and-rename, which foreign keys would refuse while
    # other tables point at it; they are switched off for the migration and checked after.
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()  # end the autobegun transaction so Alembic's own one commits
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction(), warnings.catch_warnings():
        # SQLite cannot reflect expression indexes; batch rebuilds do not need them reflected.
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        context.run_migrations()
    if sqlite:
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()
        if broken:
            raise RuntimeError(f"migration left dangling foreign keys: {broken[:5]}")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
