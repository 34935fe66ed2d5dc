"""Organization pages: the tree, one organization, and its management."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.access.decorators import Load, requires
from portal.access.scoping import visible_organizations, visible_tables
from portal.db import db, get_by_id
from portal.errors import InvalidInput, PortalError
from portal.forms import attach_error
from portal.orgs import operations
from portal.orgs.forms import AffiliateForm, ConfirmForm, EditOrganizationForm, MoveForm, NationalForm
from portal.orgs.models import Organization, OrgKind
from portal.tables.models import CoalitionTable, TablePartner

bp = Blueprint("orgs", __name__, url_prefix="/orgs")
load_org = Load(Organization, "org_id")


def _render_form(template: str, form, status: int = 200, **context):
    if request.method == "POST" and status == 200:
        status = 422  # the form was posted but did not validate
    return render_template(template, form=form, **context), status


@bp.route("/")
@requires("orgs.list")
def index():
    show_archived = request.args.get("archived") == "1"
    orgs = db.session.scalars(visible_organizations(current_user, include_archived=show_archived)
                              .order_by(Organization.name)).all()
    by_parent: dict[int | None, list[Organization]] = {}
    visible_ids = {o.id for o in orgs}
    for org in orgs:
        # An organization whose parent is not visible shows as a root of what this person sees.
        key = org.parent_id if org.parent_id in visible_ids else None
        by_parent.setdefault(key, []).append(org)
    return render_template("orgs/index.html", by_parent=by_parent, show_archived=show_archived)


@bp.route("/new-national", methods=["GET", "POST"])
@requires("nationals.create")
def new_national():
    form = NationalForm()
    if form.validate_on_submit():
        try:
            org = operations.create_national(current_user, form.name.data, form.legal_status.data)
        except PortalError as error:
            attach_error(form, error)
            return _render_form("orgs/new_national.html", form, error.status)
        flash(f"{org.name} created. Invite its first admin from the members page.", "success")
        return redirect(url_for("orgs.show", org_id=org.id))
    return _render_form("orgs/new_national.html", form)


@bp.route("/<int:org_id>")
@requires("orgs.view", load=load_org)
def show(org: Organization):
    children = [c for c in org.children if not c.is_archived]
    tables = db.session.scalars(
        visible_tables(current_user).where(CoalitionTable.id.in_(
            select(TablePartner.table_id).where(TablePartner.national_id == org.root_id)))).all()
    return render_template("orgs/show.html", org=org, children=children, tables=tables, confirm=ConfirmForm())


@bp.route("/<int:org_id>/affiliates/new", methods=["GET", "POST"])
@requires("orgs.create_affiliate", load=load_org)
def new_affiliate(org: Organization):
    form = AffiliateForm(state_code=org.state_code or "", legal_status=org.legal_status,
                         kind="local" if org.kind == OrgKind.STATE.value else "state")
    if org.kind == OrgKind.STATE.value:
        form.kind.choices = [("local", "Local affiliate")]
    if form.validate_on_submit():
        try:
            child = operations.create_affiliate(current_user, org, form.kind.data, form.name.data,
                                                form.legal_status.data, form.state_code.data, form.city.data)
        except PortalError as error:
            attach_error(form, error)
            return _render_form("orgs/new_affiliate.html", form, error.status, parent=org)
        flash(f"{child.name} created.", "success")
        return redirect(url_for("orgs.show", org_id=child.id))
    return _render_form("orgs/new_affiliate.html", form, parent=org)


@bp.route("/<int:org_id>/edit", methods=["GET", "POST"])
@requires("orgs.edit", load=load_org)
def edit(org: Organization):
    form = EditOrganizationForm(obj=org)
    if request.method == "GET":
        form.version.data = org.version
    if form.validate_on_submit():
        try:
            operations.edit_organization(current_user, org, name=form.name.data, legal_status=form.legal_status.data,
                                         city=form.city.data, expected_version=form.version.data)
        except PortalError as error:
            attach_error(form, error)
            return _render_form("orgs/edit.html", form, error.status, org=org)
        flash("Saved.", "success")
        return redirect(url_for("orgs.show", org_id=org.id))
    return _render_form("orgs/edit.html", form, org=org)


@bp.route("/<int:org_id>/move", methods=["GET", "POST"])
@requires("orgs.move", load=load_org)
def move(org: Organization):
    form = MoveForm()
    candidates = db.session.scalars(
        visible_organizations(current_user).where(
            (Organization.id == org.root_id) | (Organization.national_id == org.root_id),
            Organization.kind != OrgKind.LOCAL.value, Organization.id != org.id)
        .order_by(Organization.name)).all()
    form.new_parent_id.choices = [(c.id, f"{c.name} ({c.kind_label})") for c in candidates]
    if form.validate_on_submit():
        new_parent = get_by_id(Organization, form.new_parent_id.data)
        try:
            if new_parent is None or new_parent not in candidates:
                raise InvalidInput("Choose a new parent from the list.", field="new_parent_id")
            operations.move_organization(current_user, org, new_parent)
        except PortalError as error:
            attach_error(form, error)
            return _render_form("orgs/move.html", form, error.status, org=org)
        flash(f"{org.name} now hangs under {new_parent.name}.", "success")
        return redirect(url_for("orgs.show", org_id=org.id))
    return _render_form("orgs/move.html", form, org=org)


@bp.route("/<int:org_id>/archive", methods=["POST"])
@requires("orgs.archive", load=load_org)
def archive(org: Organization):
    operations.archive_organization(current_user, org)
    flash(f"{org.name} is archived. Its people keep their accounts but no longer act for it.", "info")
    return redirect(url_for("orgs.show", org_id=org.id))


@bp.route("/<int:org_id>/restore", methods=["POST"])
@requires("orgs.restore", load=load_org)
def restore(org: Organization):
    operations.restore_organization(current_user, org)
    flash(f"{org.name} is active again.", "success")
    return redirect(url_for("orgs.show", org_id=org.id))
