"""A national's admins manage its identity provider and decide access requests."""
from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.access.decorators import Load, requires
from portal.access.policy import can, roles_grantable
from portal.access.roles import Role
from portal.access.scoping import visible_organizations
from portal.db import db, get_by_id
from portal.errors import InvalidInput, PortalError
from portal.forms import attach_error
from portal.members.forms import role_choices
from portal.orgs.forms import ConfirmForm
from portal.orgs.models import Organization
from portal.sso import access_requests, operations
from portal.sso.flow import post_logout_redirect_uri, redirect_uri
from portal.sso.forms import DecideForm, DomainsForm, ProviderForm, RuleForm
from portal.sso.models import AccessRequest, IdentityProvider, MappingRule

bp = Blueprint("sso_admin", __name__)
load_national = Load(Organization, "org_id")
load_provider = Load(IdentityProvider, "provider_id", target=lambda p: p.national)
load_rule = Load(MappingRule, "rule_id", target=lambda r: r.provider.national)
load_request = Load(AccessRequest, "request_id", target=lambda r: r.organization)


def split_domains(text: str | None) -> list[str]:
    return [d for d in re.split(r"[\s,;]+", text or "") if d]


@bp.route("/orgs/<int:org_id>/identity-providers", methods=["GET", "POST"])
@requires("sso.manage", load=load_national)
def providers(org: Organization):
    form = ProviderForm()
    if form.validate_on_submit():
        try:
            provider = operations.register_provider(
                current_user, org, name=form.name.data, issuer=form.issuer.data, client_id=form.client_id.data,
                client_secret=form.client_secret.data, domains=split_domains(form.domains.data))
        except PortalError as error:
            attach_error(form, error)
            return render_template("sso/providers.html", org=org, form=form), error.status
        flash(f"Provider registered. Register this redirect URI at the provider: {redirect_uri(provider)}", "success")
        return redirect(url_for("sso_admin.provider", provider_id=provider.id))
    listed = db.session.scalars(select(IdentityProvider).where(IdentityProvider.national_id == org.id)
                                .order_by(IdentityProvider.name)).all()
    status = 422 if request.method == "POST" else 200
    return render_template("sso/providers.html", org=org, form=form, providers=listed,
                           redirect_uri=redirect_uri), status


def _provider_page(provider: IdentityProvider, rule_form=None, domains_form=None, status=200):
    tree = db.session.scalars(visible_organizations(current_user).where(
        (Organization.id == provider.national_id) | (Organization.national_id == provider.national_id))
        .order_by(Organization.name)).all()
    rule_form = rule_form or RuleForm()
    rule_form.organization_id.choices = [(o.id, o.name) for o in tree]
    rule_form.role.choices = role_choices(list(Role))
    domains_form = domains_form or DomainsForm(domains=" ".join(d.domain for d in provider.domains))
    return render_template("sso/provider.html", provider=provider, redirect_uri=redirect_uri(provider),
                           post_logout_uri=post_logout_redirect_uri(),
                           rule_form=rule_form, domains_form=domains_form, confirm=ConfirmForm()), status


@bp.route("/identity-providers/<int:provider_id>")
@requires("sso.manage", load=load_provider)
def provider(provider: IdentityProvider):
    return _provider_page(provider)


@bp.route("/identity-providers/<int:provider_id>/domains", methods=["POST"])
@requires("sso.manage", load=load_provider)
def set_domains(provider: IdentityProvider):
    form = DomainsForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput("The list of domains is too long.", field="domains")
        operations.set_domains(current_user, provider, split_domains(form.domains.data))
    except PortalError as error:
        attach_error(form, error)
        return _provider_page(provider, domains_form=form, status=error.status)
    flash("Domains saved.", "success")
    return redirect(url_for("sso_admin.provider", provider_id=provider.id))


@bp.route("/identity-providers/<int:provider_id>/rules", methods=["POST"])
@requires("sso.manage", load=load_provider)
def add_rule(provider: IdentityProvider):
    form = RuleForm()
    form.role.choices = role_choices(list(Role))
    try:
        if not form.validate_on_submit():
            raise InvalidInput("Fill in the claim, the value, the role and the organization.")
        org = get_by_id(Organization, form.organization_id.data)
        if org is None:
            raise InvalidInput("Choose an organization of this national.", field="organization_id")
        operations.add_rule(current_user, provider, claim=form.claim.data, value=form.value.data,
                            organization=org, role=form.role.data)
    except PortalError as error:
        attach_error(form, error)
        return _provider_page(provider, rule_form=form, status=error.status)
    flash("Rule added. It applies from each person's next sign-in.", "success")
    return redirect(url_for("sso_admin.provider", provider_id=provider.id))


@bp.route("/identity-provider-rules/<int:rule_id>/remove", methods=["POST"])
@requires("sso.manage", load=load_rule)
def remove_rule(rule: MappingRule):
    provider_id = rule.provider_id
    operations.remove_rule(current_user, rule)
    flash("Rule removed. Roles it gave are removed at each person's next sign-in.", "info")
    return redirect(url_for("sso_admin.provider", provider_id=provider_id))


@bp.route("/identity-providers/<int:provider_id>/remove", methods=["POST"])
@requires("sso.manage", load=load_provider)
def remove_provider(provider: IdentityProvider):
    national_id = provider.national_id
    operations.remove_provider(current_user, provider)
    flash("Provider removed. People who signed in through it keep their accounts and hand-granted roles.", "info")
    return redirect(url_for("sso_admin.providers", org_id=national_id))


@bp.route("/orgs/<int:org_id>/access-requests", endpoint="access_requests")
@requires("members.manage", load=Load(Organization, "org_id"))
def access_requests_page(org: Organization):
    pending = access_requests.pending_requests_under(org)
    choices = role_choices(roles_grantable(current_user, org))
    return render_template("sso/access_requests.html", org=org, pending=pending, choices=choices)


@bp.route("/access-requests/<int:request_id>/decide", methods=["POST"])
@requires("members.manage", load=load_request)
def decide(access_request: AccessRequest):
    form = DecideForm()
    form.validate_on_submit()
    approve = form.decision.data == "approve"
    if form.decision.data not in ("approve", "decline"):
        raise InvalidInput("Approve or decline.")
    access_requests.decide(current_user, access_request, approve=approve, role=form.role.data)
    flash(f"Request of {access_request.user.name} {access_request.status}.", "success")
    # Back to the list the admin decided from (a national's list shows its affiliates' requests too).
    back = get_by_id(Organization, request.form.get("back", type=int))
    if back is None or not can(current_user, "members.manage", back):
        back = access_request.organization
    return redirect(url_for("sso_admin.access_requests", org_id=back.id))
