"""The landing page after sign-in: where you act, your tables, what to do next."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from portal.access.decorators import requires
from portal.access.scoping import visible_tables
from portal.db import db
from portal.web import acting_organization

bp = Blueprint("home", __name__)


@bp.route("/")
@requires("account.view")
def index():
    acting = acting_organization()
    tables = db.session.scalars(visible_tables(current_user)).all()
    facilitated = [t for t in tables if t.facilitator_id == current_user.id]
    return render_template("home/index.html", acting=acting, tables=tables, facilitated=facilitated,
                           affiliates=[c for c in acting.children if not c.is_archived] if acting else [])
