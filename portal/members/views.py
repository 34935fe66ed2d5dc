"""Who has access to an organization, and why; invitations; roles."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.access.decorators import Load, public, requires
from portal.access.policy import can, roles_grantable
from portal.auth.forms import NewAccountForm
from portal.auth.operations import create_user, find_user_by_email
from portal.auth.sessions import start_session
from portal.db import db, utcnow
from portal.errors import PortalError
from portal.forms import attach_error
from portal.members import operations
from portal.members.forms import ChangeRoleForm, InviteForm, role_choices
from portal.members.models import Invitation, Membership
from portal.orgs.forms import ConfirmForm
from portal.orgs.models import Organization

bp = Blueprint("members", __name__)
load_org = Load(Organization, "org_id")
load_membership = Load(Membership, "membership_id", target=lambda m: m.organization)
load_invitation = Load(Invitation, "invitation_id", target=lambda i: i.organization)


@bp.route("/orgs/<int:org_id>/members")
@requires("members.view", load=load_org)
def index(org: Organization):
    invitations = []
    if can(current_user, "members.invite", org):
        invitations = db.session.scalars(select(Invitation).where(
            Invitation.organization_id == org.id, Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None), Invitation.expires_at > utcnow()).order_by(Invitation.created_at)).all()
    return render_template("members/index.html", org=org, people=operations.people_with_access(org),
                           invitations=invitations, confirm=ConfirmForm(),
                           can_manage=can(current_user, "members.manage", org))


@bp.route("/orgs/<int:org_id>/invitations/new", methods=["GET", "POST"])
@requires("members.invite", load=load_org)
def invite(org: Organization):
    form = InviteForm()
    form.role.choices = role_choices(roles_grantable(current_user, org))
    if form.validate_on_submit():
        try:
            invitation, token = operations.invite(current_user, org, form.email.data, form.role.data)
        except PortalError as error:
            attach_error(form, error)
            return render_template("members/invite.html", form=form, org=org), error.status
        link = url_for("members.accept_invitation", token=token, _external=True)
        flash(f"Invitation sent to {invitation.email}. You can also pass on this link (valid "
              f"{(invitation.expires_at - invitation.created_at).days} days, single use): {link}", "success")
        return redirect(url_for("members.index", org_id=org.id))
    return render_template("members/invite.html", form=form, org=org), 422 if request.method == "POST" else 200


@bp.route("/invitations/<int:invitation_id>/revoke", methods=["POST"])
@requires("members.invite", load=load_invitation)
def revoke_invitation(invitation: Invitation):
    operations.revoke_invitation(current_user, invitation)
    flash(f"The invitation of {invitation.email} is revoked.", "info")
    return redirect(url_for("members.index", org_id=invitation.organization_id))


@bp.route("/memberships/<int:membership_id>/edit", methods=["GET", "POST"])
@requires("members.manage", load=load_membership)
def change_role(membership: Membership):
    org = membership.organization
    form = ChangeRoleForm(role=membership.role)
    form.role.choices = role_choices(roles_grantable(current_user, org))
    if request.method == "GET":
        form.version.data = membership.version
    if form.validate_on_submit():
        try:
            operations.change_role(current_user, membership, form.role.data, form.version.data)
        except PortalError as error:
            attach_error(form, error)
            return render_template("members/change_role.html", form=form, membership=membership), error.status
        flash(f"{membership.user.name} is now {membership.role} of {org.name}.", "success")
        return redirect(url_for("members.index", org_id=org.id))
    status = 422 if request.method == "POST" else 200
    return render_template("members/change_role.html", form=form, membership=membership), status


@bp.route("/memberships/<int:membership_id>/remove", methods=["POST"])
@requires("members.manage", load=load_membership)
def remove(membership: Membership):
    org_id, name, from_rule = membership.organization_id, membership.user.name, membership.source == "sso"
    operations.remove_membership(current_user, membership)
    flash(f"{name} no longer has a role here."
          + (" This role came from a sign-in rule: it returns at their next sign-in unless the rule, or their "
             "group at your identity provider, changes." if from_rule else ""), "info")
    return redirect(url_for("members.index", org_id=org_id))


@bp.route("/invitations/accept/<token>", methods=["GET", "POST"])
@public
def accept_invitation(token: str):
    """The single-use link from the invitation e-mail. A signed-in person links
    it to their account; someone new creates an account for the invited address."""
    invitation = operations.find_open_invitation(token)
    if invitation is None:
        abort(404, "This invitation link is not valid: it was used, revoked or has expired.")
    form = NewAccountForm()
    existing = find_user_by_email(invitation.email)
    if request.method == "POST" and (current_user.is_authenticated or form.validate_on_submit()):
        try:
            if current_user.is_authenticated:
                user = current_user
            elif existing is not None:
                raise PortalError("An account for this e-mail exists already: sign in first, then open the link again.")
            else:
                user = create_user(None, invitation.email, form.name.data, form.password.data)
            membership = operations.accept_invitation(invitation, user)
            if not current_user.is_authenticated:
                start_session(user)
        except PortalError as error:
            attach_error(form, error)
            return render_template("members/accept.html", invitation=invitation, form=form, existing=existing,
                                   token=token), error.status
        flash(f"Welcome to {membership.organization.name}: you are {membership.role}.", "success")
        return redirect(url_for("orgs.show", org_id=membership.organization_id))
    status = 422 if request.method == "POST" else 200
    return render_template("members/accept.html", invitation=invitation, form=form, existing=existing,
                           token=token), status
