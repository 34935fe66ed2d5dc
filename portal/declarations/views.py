"""Declaring endorsements and pledges, and reading them."""
from __future__ import annotations

from flask import Blueprint, render_template

from portal.access.decorators import Load, requires
from portal.declarations.models import Declaration

bp = Blueprint("declarations", __name__)
load_declaration = Load(Declaration, "declaration_id", target=lambda d: d.organization)


@bp.route("/declarations/<int:declaration_id>")
@requires("declarations.read", load=load_declaration)
def show(declaration: Declaration):
    """A declaration and its history: its own tree only (pending and unshared
    content included); partners and the facilitator read shared ones at the table."""
    return render_template("declarations/show.html", declaration=declaration)
