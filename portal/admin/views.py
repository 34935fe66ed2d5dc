"""The site administrator's overview: nationals, tables, people, recent changes."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select

from portal.access.decorators import Load, requires
from portal.audit.operations import record
from portal.auth.sessions import revoke_all_sessions
from portal.db import utcnow
from portal.audit.models import AuditEvent
from portal.auth.models import User
from portal.db import db
from portal.orgs.models import Organization, OrgKind
from portal.tables.models import CoalitionTable, TableFacilitator

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@requires("admin.view")
def index():
    nationals = db.session.scalars(select(Organization).where(Organization.kind == OrgKind.NATIONAL.value)
                                   .order_by(Organization.name)).all()
    counts = dict(db.session.execute(select(Organization.kind, func.count()).group_by(Organization.kind)).all())
    tables = db.session.scalars(select(CoalitionTable).order_by(CoalitionTable.name)).all()
    facilitator_ids = set(db.session.scalars(select(TableFacilitator.user_id)))
    people = db.session.scalars(select(User).order_by(User.name)).all()
    recent = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(30)).all()
    return render_template("admin/index.html", nationals=nationals, counts=counts, tables=tables, people=people,
                           facilitator_ids=facilitator_ids, recent=recent)


@bp.route("/users/<int:user_id>/disable", methods=["POST"])
@requires("admin.manage_users", load=Load(User, "user_id", target=lambda user: None))
def disable_user(user: User):
    """A disabled person is signed out everywhere at once and cannot sign in."""
    if user.id == current_user.id:
        abort(400, "You cannot disable your own account.")
    if user.disabled_at is None:
        user.disabled_at = utcnow()
        ended = revoke_all_sessions(user)
        record(current_user, "user.disabled", user, f"{user.name} disabled; {ended} session(s) ended")
    flash(f"{user.name} is disabled and signed out everywhere.", "info")
    return redirect(url_for("admin.index"))


@bp.route("/users/<int:user_id>/enable", methods=["POST"])
@requires("admin.manage_users", load=Load(User, "user_id", target=lambda user: None))
def enable_user(user: User):
    if user.disabled_at is not None:
        user.disabled_at = None
        record(current_user, "user.enabled", user, f"{user.name} enabled again")
    flash(f"{user.name} can sign in again.", "info")
    return redirect(url_for("admin.index"))
