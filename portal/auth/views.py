"""Sign in, sign out, and the person's own account page."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from portal.access.decorators import public, requires
from portal.access.policy import explain
from portal.access.scoping import acting_organizations
from portal.audit.operations import record
from portal.auth import operations
from portal.auth.forms import SignInForm
from portal.auth.sessions import active_sessions, current_session_row, end_session, revoke_all_sessions, start_session
from portal.db import db
from portal.web import allow_form_action

bp = Blueprint("auth", __name__)


def provider_end_session_url(signed_in: dict | None, after: str) -> str | None:
    if not signed_in:
        return None
    from portal.sso.flow import end_session_url
    from portal.sso.models import IdentityProvider
    provider = db.session.get(IdentityProvider, signed_in.get("provider_id"))
    return end_session_url(provider, signed_in.get("id_token"), after) if provider else None


def safe_next(target: str | None) -> str:
    """Only local paths: never an open redirect to another site. Control
    characters are refused too: browsers drop tabs and newlines from URLs, so
    "/<TAB>/evil.example" would become "//evil.example"."""
    if (target and target.startswith("/") and not target.startswith("//") and "\\" not in target
            and not any(ord(c) < 32 or ord(c) == 127 for c in target)):
        return target
    return url_for("home.index")


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = SignInForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = operations.authenticate(form.email.data, form.password.data)
        if user is not None:
            start_session(user)
            record(user, "auth.signed_in", user, f"{user.email} signed in with a password")
            flash(f"Welcome, {user.name}.", "success")
            return redirect(safe_next(form.next.data))
        record(None, "auth.sign_in_failed", None, f"Failed password sign-in for {form.email.data[:200]}")
        # The request wrapper rolls back every 4xx response; this record must stay.
        db.session.commit()
        form.form_errors.append("That e-mail and password do not match an active account.")
        return render_template("auth/login.html", form=form, org_form=_org_form()), 401
    status = 422 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form, org_form=_org_form()), status


def _org_form():
    from portal.sso.forms import OrganizationSignInForm
    from portal.sso.operations import active_issuers
    allow_form_action(*active_issuers())
    return OrganizationSignInForm(next=request.args.get("next", ""))


@bp.route("/sign-out", methods=["POST"])
@public
def logout():
    """Ends the session here, then at the provider when it offers an end-session endpoint."""
    provider_exit = None
    if current_user.is_authenticated:
        from portal.sso.flow import post_logout_redirect_uri
        record(current_user, "auth.signed_out", current_user, f"{current_user.name} signed out")
        provider_exit = provider_end_session_url(session.get("sso_signed_in"), post_logout_redirect_uri())
        end_session()
    flash("You are signed out.", "info")
    return redirect(provider_exit or url_for("auth.login"))


@bp.route("/account")
@requires("account.view")
def account():
    from portal.sso.operations import identities_and_linkable_providers
    memberships = [(m, explain(current_user, "orgs.view", m.organization)) for m in current_user.memberships]
    identities, linkable = identities_and_linkable_providers(current_user)
    return render_template("auth/account.html", memberships=memberships, sessions=active_sessions(current_user),
                           this_session=current_session_row(), identities=identities, linkable=linkable)


@bp.route("/account/sessions/end-all", methods=["POST"])
@requires("account.view")
def end_all_sessions():
    count = revoke_all_sessions(current_user)
    record(current_user, "auth.sessions_revoked", current_user, f"{current_user.handle} ended {count} session(s)")
    end_session()
    flash(f"Signed out of {count} session(s) everywhere.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/acting-for", methods=["POST"])
@requires("account.switch_org")
def switch_organization():
    wanted = request.form.get("organization_id", type=int)
    choices = {org.id: org for org in acting_organizations(current_user)}
    if wanted not in choices:
        abort(404)
    session["acting_org_id"] = wanted
    flash(f"You are now acting for {choices[wanted].name}.", "info")
    return redirect(safe_next(request.form.get("next")))
