"""Notification preferences (filled in by the notifications work)."""
from flask import Blueprint

bp = Blueprint("notifications", __name__)
