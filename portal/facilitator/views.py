"""The combined view of a table: matrix, critical mass, pictures, exports."""
from flask import Blueprint

bp = Blueprint("facilitator", __name__)

# Routes live in the modules below, registered on this blueprint.
from portal.facilitator import export_views, log_views, matrix_views, picture_views  # noqa: E402,F401
