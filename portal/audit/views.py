"""Organizations' activity pages: who changed what, when, before and after."""
from __future__ import annotations

import re

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from portal.access.decorators import Load, requires
from portal.audit.queries import activity
from portal.orgs.models import Organization

bp = Blueprint("activity", __name__)
load_org = Load(Organization, "org_id")

MAX_PAGE = 100_000


def _page_number() -> int:
    raw = request.args.get("page", "1").strip()
    if not re.fullmatch(r"[0-9]{1,6}", raw) or not 1 <= int(raw) <= MAX_PAGE:
        abort(400, "The page is a whole number from 1.")
    return int(raw)


@bp.route("/orgs/<int:org_id>/activity")
@requires("activity.view", load=load_org)
def index(org: Organization):
    """The organization's own events; its whole subtree's for admins and
    approvers there or above (portal.access.scoping decides which)."""
    page = activity(current_user, org, _page_number())
    return render_template("audit/activity.html", org=org, page=page)
