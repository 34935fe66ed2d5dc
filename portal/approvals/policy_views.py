"""A national's approval policy: per table level and kind, whether its
affiliates' declarations need approval and how widely they may be shared."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.access.decorators import Load, requires
from portal.approvals.forms import POLICY_CELLS, PolicyForm, approval_field, visibility_field
from portal.approvals.views import bp
from portal.declarations.models import Kind
from portal.declarations.policies import effective_policy, set_policy
from portal.errors import PortalError
from portal.forms import attach_error
from portal.orgs.models import Organization
from portal.tables.models import TableLevel

load_national = Load(Organization, "org_id")


@bp.route("/orgs/<int:org_id>/approval-policy", methods=["GET", "POST"])
@requires("policies.manage", load=load_national)
def policy(org: Organization):
    current = {(level, kind): effective_policy(org.id, level, kind) for level, kind in POLICY_CELLS}
    form = PolicyForm(data={name: value for (level, kind), p in current.items() for name, value in
                            ((approval_field(level, kind), p.requires_approval),
                             (visibility_field(level, kind), p.max_visibility))})
    if form.validate_on_submit():
        changed = 0
        try:
            for (level, kind), (requires_approval, max_visibility) in form.wanted().items():
                was = current[(level, kind)]
                if (was.requires_approval, was.max_visibility) != (requires_approval, max_visibility):
                    set_policy(current_user, org, level, kind, requires_approval=requires_approval,
                               max_visibility=max_visibility)
                    changed += 1
        except PortalError as error:
            attach_error(form, error)
            return _page(org, form, error.status)
        flash(f"Approval policy saved ({changed} change{'s' if changed != 1 else ''}). It applies to what "
              f"affiliates declare or revise from now on." if changed else "Nothing changed.",
              "success" if changed else "info")
        return redirect(url_for("approvals.policy", org_id=org.id))
    return _page(org, form, 422 if request.method == "POST" else 200)


def _page(org: Organization, form: PolicyForm, status: int):
    return render_template("approvals/policy.html", org=org, form=form, levels=list(TableLevel),
                           kinds=list(Kind)), status
