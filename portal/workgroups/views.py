from flask import Blueprint

bp = Blueprint("workgroups", __name__)
