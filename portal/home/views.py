"""The landing page after sign-in: where you act, your tables, what to do next."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from portal.access.decorators import public, requires
from portal.access.policy import can
from portal.access.scoping import visible_tables
from portal.db import db, utcnow
from portal.declarations import queries as declarations
from portal.declarations.models import Visibility
from portal.web import acting_organization

bp = Blueprint("home", __name__)


@bp.route("/")
@requires("account.view")
def index():
    acting = acting_organization()
    tables = db.session.scalars(visible_tables(current_user)).all()
    facilitated = [t for t in tables if t.facilitator_id == current_user.id]
    context = {"acting": acting, "tables": tables, "facilitated": facilitated, "now": utcnow(),
               "affiliates": [c for c in acting.children if not c.is_archived] if acting else []}
    if acting is not None:
        context["tables"] = [t for t in tables if acting.root_id in t.partner_ids]
        context.update(_declarations_of(acting))
        if can(current_user, "approvals.decide"):
            context["awaiting_me"] = declarations.awaiting_decision_count(current_user)
    return render_template("home/index.html", **context)


def _declarations_of(org) -> dict:
    """The acting organization's own declarations: all of them with their latest
    status, those awaiting approval, and those it shares beyond itself."""
    if not can(current_user, "declarations.read", org):
        return {}
    mine = declarations.of_organization(org)
    shared = [d for d in mine if d.current is not None
              and d.current.visibility in (Visibility.FACILITATOR.value, Visibility.TABLE.value)]
    return {"declarations": mine, "awaiting_approval": [d for d in mine if d.pending is not None], "shared": shared}


@bp.route("/healthz")
@public
def healthz():
    """For load balancers and the benchmark's ceiling: no database, no session."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}
