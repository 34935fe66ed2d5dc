"""Signing in through a national's identity provider, and the "no access
yet" page from which a new person asks for access."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from portal.access.decorators import public, requires
from portal.access.policy import holds_nothing
from portal.access.scoping import requestable_organizations
from portal.audit.operations import record
from portal.auth.models import User
from portal.auth.sessions import start_session
from portal.auth.views import safe_next
from portal.db import db, get_by_id
from portal.errors import PortalError
from portal.forms import attach_error
from portal.orgs.models import Organization
from portal.sso import access_requests, flow, operations
from portal.sso.discovery import ProviderUnavailable
from portal.sso.forms import AccessRequestForm, OrganizationSignInForm
from portal.sso.models import IdentityProvider
from portal.sso.tokens import SignInRefused

bp = Blueprint("sso", __name__)
SSO_SESSION_KEY = "sso_signed_in"


def refuse(refusal: SignInRefused, provider_id: int | None = None):
    """A refused sign-in: nothing of it is kept but the audit record."""
    db.session.rollback()
    provider = db.session.get(IdentityProvider, provider_id) if provider_id else None
    record(None, "auth.sso_refused", provider, f"Refused sign-in through provider {provider_id}: {refusal.reason}",
           after={"reason": refusal.reason, "detail": refusal.detail},
           organization=provider.national if provider else None)
    db.session.commit()
    return render_template("sso/refused.html", reason=refusal.reason), 403


@bp.route("/sign-in/organization", methods=["POST"])
@public
def find_provider():
    form = OrganizationSignInForm()
    if not form.validate_on_submit():
        abort(400, "Give your organization e-mail address.")
    providers = operations.providers_for_email(form.email.data)
    if not providers:
        flash("No organization sign-in is set up for that e-mail domain. Sign in with the e-mail and password "
              "of your portal account, or ask your organization's admin for an invitation.", "info")
        return redirect(url_for("auth.login", next=form.next.data or None))
    if len(providers) == 1:
        return redirect(url_for("sso.start", provider_id=providers[0].id, login_hint=form.email.data,
                                next=form.next.data or None))
    return render_template("sso/choose.html", providers=providers, email=form.email.data, next=form.next.data)


@bp.route("/sso/<int:provider_id>/start")
@public
def start(provider_id: int):
    provider = db.session.get(IdentityProvider, provider_id)
    if provider is None or not provider.is_active:
        abort(404)
    link_user_id = current_user.id if current_user.is_authenticated and request.args.get("link") == "1" else None
    try:
        url = flow.begin(provider, next_url=safe_next(request.args.get("next")),
                         login_hint=(request.args.get("login_hint") or "")[:254] or None, link_user_id=link_user_id)
    except SignInRefused as refusal:
        return refuse(refusal, provider_id)
    return redirect(url)


@bp.route("/sso/<int:provider_id>/callback")
@public
def callback(provider_id: int):
    try:
        attempt = flow.take_pending(provider_id, request.args.get("state"))
        provider = db.session.get(IdentityProvider, provider_id)
        if provider is None or not provider.is_active:
            raise SignInRefused("provider removed or disabled")
        claims, raw_id_token = flow.complete(provider, request.args, attempt)
        link_user = None
        if attempt.get("link_user_id"):
            if not current_user.is_authenticated or current_user.id != attempt["link_user_id"]:
                raise SignInRefused("linking was started by another signed-in person")
            link_user = db.session.get(User, attempt["link_user_id"])
        user, _created = operations.resolve_person(provider, claims, link_user)
        operations.redeem_invitations(provider, user, claims)
        operations.sync_mapped_roles(provider, user, claims)
    except SignInRefused as refusal:
        return refuse(refusal, provider_id)
    except ProviderUnavailable as exc:
        return refuse(SignInRefused("the provider could not be reached", str(exc)), provider_id)
    start_session(user)
    session[SSO_SESSION_KEY] = {"provider_id": provider.id, "issuer": provider.issuer, "id_token": raw_id_token}
    record(user, "auth.signed_in", user, f"{user.name} signed in through {provider.issuer}",
           organization=provider.national)
    if holds_nothing(user):
        return redirect(url_for("sso.no_access"))
    if link_user is not None:
        flash(f"Your {provider.name} account is linked.", "success")
        return redirect(url_for("auth.account"))
    return redirect(attempt["next"])


@bp.route("/no-access", methods=["GET", "POST"])
@requires("access.request")
def no_access():
    form = AccessRequestForm()
    choices = requestable_organizations(current_user)
    form.organization_id.choices = [(o.id, f"{o.name} ({o.kind_label.lower()})") for o in choices]
    if form.validate_on_submit():
        org = get_by_id(Organization, form.organization_id.data)
        try:
            if org is None:
                raise PortalError("Choose an organization from the list.", field="organization_id")
            access_requests.request_access(current_user, org, form.message.data)
        except PortalError as error:
            attach_error(form, error)
            return render_template("sso/no_access.html", form=form, choices=choices), error.status
        flash(f"Your request went to the admins of {org.name}. You will get an e-mail when they decide.", "success")
        return redirect(url_for("sso.no_access"))
    pending = access_requests.pending_requests_of(current_user)
    status = 422 if request.method == "POST" else 200
    return render_template("sso/no_access.html", form=form, choices=choices, pending=pending), status


