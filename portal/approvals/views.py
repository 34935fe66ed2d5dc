"""The approval queue and approval policies."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from portal.access.decorators import requires
from portal.approvals.queries import awaiting_decision

bp = Blueprint("approvals", __name__)


@bp.route("/approvals")
@requires("approvals.view")
def queue():
    """What waits for this person's decision: affiliates' pending declarations
    below the organizations where they are approver or admin."""
    return render_template("approvals/queue.html", items=awaiting_decision(current_user))
