"""Test fixtures. Every test gets a freshly migrated, empty database: on
SQLite a copy of a template file migrated once per run; on PostgreSQL
(PORTAL_TEST_DATABASE_URL) a database created for this run, migrated once and
truncated after each test. Both use the real Alembic migrations."""
from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path

from concurrent.futures import ThreadPoolExecutor

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from portal import create_app
from portal.db import Base, db

POSTGRES_URL = os.environ.get("PORTAL_TEST_DATABASE_URL")


def pytest_report_header(config):
    return f"database: {'PostgreSQL ' + POSTGRES_URL if POSTGRES_URL else 'SQLite'}"


def migrate(url: str) -> None:
    from alembic import command
    from alembic.config import Config

    from portal.settings import PROJECT_ROOT
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["database_url"] = url
    command.upgrade(config, "head")


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """A migrated database to start each test from."""
    if POSTGRES_URL:
        server = make_url(POSTGRES_URL)
        name = f"portal_test_{uuid.uuid4().hex[:10]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = server.set(database=name).render_as_string(hide_password=False)
        migrate(url)
        yield url
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    else:
        path = tmp_path_factory.mktemp("db") / "template.db"
        migrate(f"sqlite:///{path}")
        yield path


@pytest.fixture
def database_url(database_template, tmp_path):
    if POSTGRES_URL:
        yield database_template
        engine = create_engine(database_template)
        names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        engine.dispose()
    else:
        path = tmp_path / "portal.db"
        shutil.copy(database_template, path)
        yield f"sqlite:///{path}"


class IsolatedRequestClient(FlaskClient):
    """Runs each request in a thread of its own, so it gets a fresh application
    context (g, database session, CSRF token cache) exactly as in production,
    instead of silently reusing the context the test itself has pushed."""

    def open(self, *args, **kwargs):
        call = super().open
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(call, *args, **kwargs).result()


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app({
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret-key-" + "x" * 32,
        "SERVER_NAME": None,
        # Test issuers (.example, 127.0.0.1) do not resolve to public addresses.
        "SSO_ALLOW_PRIVATE_ISSUERS": True,
    })
    app.instance_path = str(tmp_path / "instance")
    app.test_client_class = IsolatedRequestClient
    with app.app_context():
        yield app
        db.session.remove() if hasattr(db.session, "remove") else db.session.close()
    app.extensions["portal_db"].kw["bind"].dispose()


@pytest.fixture
def session(app):
    return db.session


@pytest.fixture
def client(app):
    return app.test_client()


CSRF_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Browser:
    """A test client that signs in through the real form and posts with a real
    CSRF token, the way a person's browser would."""

    def __init__(self, client):
        self.client = client
        self.csrf = None

    def refresh_csrf(self, path="/sign-in"):
        response = self.client.get(path)
        match = CSRF_PATTERN.search(response.get_data(as_text=True))
        self.csrf = match.group(1) if match else self.csrf
        return response

    def sign_in(self, email, password):
        self.refresh_csrf("/sign-in")
        response = self.client.post("/sign-in", data={"email": email, "password": password,
                                                       "csrf_token": self.csrf})
        self.refresh_csrf("/account")
        return response

    def get(self, path, **kwargs):
        return self.client.get(path, **kwargs)

    def post(self, path, data=None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf)
        return self.client.post(path, data=data, **kwargs)


@pytest.fixture
def browser(client):
    return Browser(client)


@pytest.fixture
def screenshots_dir():
    path = Path(__file__).resolve().parent.parent / "artifacts"
    path.mkdir(exist_ok=True)
    return path


def pytest_terminal_summary(terminalreporter):
    from tests.test_cross_tenant_probe import PROBE_COUNTS
    if PROBE_COUNTS:
        foreign = {k: v for k, v in PROBE_COUNTS.items() if not k.endswith("(own objects)")}
        own = {k: v for k, v in PROBE_COUNTS.items() if k.endswith("(own objects)")}
        terminalreporter.write_line(
            f"cross-tenant probe: {sum(foreign.values())} probes with foreign ids by {len(foreign)} personas, "
            f"{sum(own.values())} probes of pages about their own objects; a leak fails the test")
    import sys
    sso_attacks = sys.modules.get("tests.sso.test_attacks")
    if sso_attacks is not None and sso_attacks.ATTACK_RESULTS:
        terminalreporter.write_line(sso_attacks.summary_line())
