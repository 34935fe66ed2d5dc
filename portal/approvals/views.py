"""The approval queue: national staff approve affiliates' declarations in bulk
and reject them one at a time, with a reason."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.access.decorators import Load, requires
from portal.access.policy import can, can_see
from portal.approvals import queries
from portal.approvals.forms import BULK_MAX, FILTER_NAMES, BadFilter, BulkDecisionForm, RejectForm, read_filters
from portal.approvals.operations import decide
from portal.declarations.models import DeclarationRevision
from portal.errors import Conflict, PortalError

bp = Blueprint("approvals", __name__)
load_revision = Load(DeclarationRevision, "revision_id", target=lambda r: r.declaration.organization)


def _filter_args() -> dict:
    """The queue's filters as they came, to return to the same view after a decision."""
    return {name: request.args[name] for name in FILTER_NAMES if request.args.get(name)}


def _queue_page(status: int = 200, *, rejecting: int | None = None, reject_form: RejectForm | None = None,
                error: str | None = None):
    choices = queries.filter_choices(current_user)
    try:
        filters = read_filters(request.args, choices)
    except BadFilter as bad:
        abort(400, str(bad))
    items = queries.awaiting_decision(current_user, filters, limit=queries.QUEUE_LIMIT + 1)
    return render_template(
        "approvals/queue.html", items=items[:queries.QUEUE_LIMIT], more=len(items) > queries.QUEUE_LIMIT,
        filters=filters, choices=choices, bulk_form=BulkDecisionForm(), reject_form=reject_form or RejectForm(),
        rejecting=rejecting, error=error, changes_from_current=queries.changes_from_current,
        proposed_content=queries.proposed_content), status


@bp.route("/approvals")
@requires("approvals.view")
def queue():
    """What waits for this person's decision: affiliates' pending declarations
    below the organizations where they are approver or admin."""
    return _queue_page()


def _decidable(ids: list[int]) -> list[DeclarationRevision]:
    """The named revisions, refused as a whole if any is not this person's to
    decide: one they cannot see does not exist (404), one they see but do not
    approve for is forbidden (403). Their own submissions are refused by decide()."""
    revisions = queries.revisions_by_id(ids)
    if len(revisions) != len(ids):
        abort(404)
    for revision in revisions:
        org = revision.declaration.organization
        if not can_see(current_user, org):
            abort(404)
        if not can(current_user, "declarations.approve", org):
            abort(403)
    return revisions


def _label(revision: DeclarationRevision) -> str:
    declaration = revision.declaration
    return f"{declaration.organization.name}'s {declaration.kind} for {declaration.subject}"


@bp.route("/approvals/decide", methods=["POST"])
@requires("approvals.decide")
def decide_many():
    """Approve the ticked items, each on its own: one already decided by someone
    else (or one's own) is reported and the others are still approved."""
    form = BulkDecisionForm()
    if not form.validate_on_submit():
        abort(400, "The form was damaged or expired; reload the page and try again.")
    if form.decision.data != "approve":
        abort(400, "Only approval is done in bulk: reject one declaration at a time, with a reason.")
    if not form.revision_ids.data:
        return _queue_page(422, error="Tick the declarations you approve.")
    if len(form.revision_ids.data) > BULK_MAX:
        abort(400, f"Approve at most {BULK_MAX} declarations at once.")
    approved, refused = [], []
    for revision in _decidable(form.revision_ids.data):
        try:
            decide(current_user, revision, approve=True)
        except PortalError as refusal:  # a Conflict names who decided first
            refused.append(f"{_label(revision)}: {refusal.message}")
        else:
            approved.append(revision)
    _flash_summary(approved, refused)
    return redirect(url_for("approvals.queue", **_filter_args()))


FLASH_ITEMS = 5  # flashes ride in the session cookie: name a few, count the rest


def _flash_summary(approved: list[DeclarationRevision], refused: list[str]) -> None:
    for message in refused[:FLASH_ITEMS]:
        flash(message, "error")
    if len(refused) > FLASH_ITEMS:
        flash(f"{len(refused) - FLASH_ITEMS} more could not be approved: they were decided already or are "
              f"your own.", "error")
    if not approved:
        flash("Nothing was approved.", "info")
    elif len(approved) <= FLASH_ITEMS:
        flash(f"Approved {len(approved)}: " + "; ".join(_label(r) for r in approved) + ".", "success")
    else:
        flash(f"Approved {len(approved)} declarations.", "success")


@bp.route("/approvals/<int:revision_id>/reject", methods=["POST"])
@requires("declarations.approve", load=load_revision)
def reject(revision: DeclarationRevision):
    form = RejectForm()
    if not form.validate_on_submit():
        return _queue_page(422, rejecting=revision.id, reject_form=form,
                           error=form.reason.errors[0] if form.reason.errors else "Reload the page and try again.")
    try:
        decide(current_user, revision, approve=False, reason=form.reason.data)
    except Conflict as conflict:
        flash(f"{_label(revision)}: {conflict.message}", "error")
        return redirect(url_for("approvals.queue", **_filter_args()))
    except PortalError as refusal:
        return _queue_page(refusal.status, rejecting=revision.id, reject_form=form, error=refusal.message)
    flash(f"Rejected {_label(revision)}. The submitter is told why.", "success")
    return redirect(url_for("approvals.queue", **_filter_args()))


from portal.approvals import policy_views  # noqa: E402,F401  (registers the policy page on this blueprint)
