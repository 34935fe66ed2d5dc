"""flask --app wsgi portal idp add|list|remove"""
from __future__ import annotations

import click
from sqlalchemy import select

from portal.db import db

idp_cli = click.Group("idp", help="Identity providers that nationals bring (OpenID Connect).")


@idp_cli.command("add")
@click.option("--national", "national_slug", required=True, help="Slug of the national (see `portal orgs list`).")
@click.option("--issuer", required=True)
@click.option("--client-id", required=True)
@click.option("--client-secret", required=True)
@click.option("--domain", "domains", multiple=True, help="E-mail domain it serves; repeat for several.")
@click.option("--name", default="", help="Label shown on the sign-in page.")
def idp_add(national_slug, issuer, client_id, client_secret, domains, name):
    """Register a national's provider and print the redirect URI to register there."""
    from flask import current_app

    from portal.cli import _commit_or_fail
    from portal.orgs.models import Organization
    from portal.sso.flow import post_logout_redirect_uri, redirect_uri
    from portal.sso.operations import register_provider
    national = db.session.scalar(select(Organization).where(Organization.slug == national_slug))
    if national is None or national.kind != "national":
        raise click.ClickException(f"no national with slug {national_slug!r}")
    provider = _commit_or_fail(lambda: register_provider(
        None, national, name=name, issuer=issuer, client_id=client_id, client_secret=client_secret, domains=domains))
    click.echo(f"provider {provider.id} registered for {national.name}")
    click.echo(f"redirect URI: {redirect_uri(provider)}")
    click.echo(f"post-logout redirect URI: {post_logout_redirect_uri()}")
    if current_app.config["BASE_URL"].startswith("http://127.0.0.1"):
        click.echo("(set PORTAL_BASE_URL to the portal's public address for a real deployment)")


@idp_cli.command("list")
def idp_list():
    from portal.sso.flow import redirect_uri
    from portal.sso.models import IdentityProvider
    providers = db.session.scalars(select(IdentityProvider).order_by(IdentityProvider.id)).all()
    for p in providers:
        domains = ",".join(d.domain for d in p.domains) or "-"
        click.echo(f"{p.id:>4}  {p.national.slug:<32} {p.issuer:<40} client={p.client_id} domains={domains} "
                   f"rules={len(p.rules)} redirect={redirect_uri(p)}")
    if not providers:
        click.echo("no identity providers")


@idp_cli.command("remove")
@click.argument("provider_id", type=int)
def idp_remove(provider_id):
    from portal.cli import _commit_or_fail
    from portal.sso.models import IdentityProvider
    from portal.sso.operations import remove_provider
    provider = db.session.get(IdentityProvider, provider_id)
    if provider is None:
        raise click.ClickException(f"no provider {provider_id}")
    _commit_or_fail(lambda: remove_provider(None, provider))
    click.echo(f"provider {provider_id} removed")
