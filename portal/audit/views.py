"""Organizations' activity pages (filled in by the activity work)."""
from flask import Blueprint

bp = Blueprint("activity", __name__)
