"""Operator commands: flask --app wsgi portal ..."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from portal.db import db

portal_cli = AppGroup("portal", help="Coalition table portal: operator commands.")


def _alembic_config():
    from alembic.config import Config

    from portal.settings import PROJECT_ROOT
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["database_url"] = current_app.config["DATABASE_URL"]
    return config


@portal_cli.group("db")
def db_group():
    """Schema migrations (Alembic)."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str):
    """Migrate the configured database up to REVISION (default: head)."""
    from alembic import command
    command.upgrade(_alembic_config(), revision)
    click.echo(f"database at {revision}")


@db_group.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str):
    from alembic import command
    command.downgrade(_alembic_config(), revision)


def _commit_or_fail(work):
    from portal.errors import PortalError
    try:
        result = work()
        db.session.commit()
        return result
    except PortalError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None


@portal_cli.command("create-admin")
@click.argument("email")
@click.option("--name", default="Site administrator", show_default=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_admin(email: str, name: str, password: str):
    """Create a site administrator (or make an existing account one)."""
    from portal.audit.operations import record
    from portal.auth.operations import create_user, find_user_by_email, set_password

    def work():
        user = find_user_by_email(email)
        if user is None:
            return create_user(None, email, name, password, is_site_admin=True)
        user.is_site_admin = True
        set_password(user, password)
        record(user, "user.made_site_admin", user, f"{user.email} made site administrator from the command line")
        return user

    user = _commit_or_fail(work)
    click.echo(f"site administrator: {user.email}")


@portal_cli.command("create-user")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_user_command(email: str, name: str, password: str):
    """Create a password account, e.g. for a facilitator."""
    from portal.auth.operations import create_user
    user = _commit_or_fail(lambda: create_user(None, email, name, password))
    click.echo(f"account created: {user.email}")


@portal_cli.group("orgs")
def orgs_group():
    """The organization trees."""


@orgs_group.command("list")
@click.option("--archived", is_flag=True, help="Include archived organizations.")
def orgs_list(archived: bool):
    """Print every tree: slug, kind, name, parent."""
    from portal.orgs.models import Organization
    query = select(Organization).order_by(Organization.name)
    if not archived:
        query = query.where(Organization.archived_at.is_(None))
    orgs = db.session.scalars(query).all()
    children: dict[int | None, list] = {}
    for org in orgs:
        children.setdefault(org.parent_id, []).append(org)
    click.echo(f"{'slug':<40} {'kind':<9} {'name':<50} parent")

    def walk(parent_id, depth):
        for org in children.get(parent_id, []):
            parent = org.parent.slug if org.parent else "-"
            name = ("  " * depth + org.name)[:50]
            click.echo(f"{org.slug:<40} {org.kind:<9} {name:<50} {parent}"
                       + ("  [archived]" if org.is_archived else ""))
            walk(org.id, depth + 1)

    walk(None, 0)


@portal_cli.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has organizations.")
def seed_demo(if_empty: bool):
    """Load the fictional demo coalition (idempotent) and print the demo logins."""
    from portal.demo.seed import DEMO_PASSWORD, seed
    from portal.orgs.models import Organization
    if if_empty and db.session.scalar(select(Organization.id).limit(1)) is not None:
        click.echo("database already has data; demo not loaded again")
    else:
        summary = seed()
        db.session.commit()
        click.echo(summary)
    from portal.demo.data import DEMO_PERSONAS
    click.echo("\nDemo logins (password for all: %s)" % DEMO_PASSWORD)
    for persona in DEMO_PERSONAS:
        click.echo(f"  {persona['key']:<15} {persona['email']:<45} {persona['description']}")


def _register_subcommands() -> None:
    from portal.sso.cli import idp_cli
    portal_cli.add_command(idp_cli)
    from portal.notifications.cli import notifications_cli
    portal_cli.add_command(notifications_cli)
    from portal.demo.scale import seed_scale_command
    portal_cli.add_command(seed_scale_command)
    from portal.facilitator.critical_mass import critical_mass_cli
    portal_cli.add_command(critical_mass_cli)


_register_subcommands()
