"""Errors an operation raises for bad input or conflicts. Views turn them into
a 4xx page or an inline form message; they never become a 500."""
from __future__ import annotations

from flask import Flask, render_template
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from portal.db import db


class PortalError(Exception):
    status = 400

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(PortalError):
    status = 422


class Conflict(PortalError):
    """The data changed under the person, or the change would duplicate something."""

    status = 409


ERROR_TITLES = {
    400: "Bad request", 401: "Please sign in", 403: "Not allowed", 404: "Not found",
    405: "Method not allowed", 409: "Conflict", 413: "Too large", 422: "Cannot save that",
    500: "Something went wrong",
}


def render_error(status: int, message: str | None = None):
    return render_template("errors/error.html", status=status, title=ERROR_TITLES.get(status, "Error"),
                           message=message), status


def install_error_pages(app: Flask) -> None:
    def http_error(exc):
        # Show a description only where the code raising it wrote one of its own.
        own = exc.description if exc.description != type(exc).description else None
        return render_error(exc.code, own)

    for status in (400, 401, 403, 404, 405, 413):
        app.register_error_handler(status, http_error)

    @app.errorhandler(PortalError)
    def portal_error(exc: PortalError):
        db.session.rollback()
        return render_error(exc.status, exc.message)

    @app.errorhandler(StaleDataError)
    def stale(_exc):
        db.session.rollback()
        return render_error(409, "Someone else changed this at the same time. Reload the page and try again.")

    @app.errorhandler(IntegrityError)
    def integrity(exc):
        db.session.rollback()
        app.logger.warning("integrity error turned into 409: %s", exc.orig)
        return render_error(409, "That would conflict with existing data (a duplicate or a missing record). "
                                 "Reload the page and try again.")

    @app.errorhandler(500)
    def server_error(_exc):
        db.session.rollback()
        return render_error(500)
