"""The login wall: every endpoint needs a signed-in person unless its view is
marked @public, and an endpoint that declares neither @public nor @requires
is refused outright (default deny), so a forgotten decorator fails closed."""
from __future__ import annotations

from flask import Flask, abort, redirect, request, url_for
from flask_login import current_user

ALWAYS_PUBLIC_ENDPOINTS = frozenset({"static"})


def is_public(app: Flask, endpoint: str) -> bool:
    view = app.view_functions.get(endpoint)
    return endpoint in ALWAYS_PUBLIC_ENDPOINTS or bool(getattr(view, "access_public", False))


def declared_action(app: Flask, endpoint: str) -> str | None:
    return getattr(app.view_functions.get(endpoint), "access_action", None)


def install_login_wall(app: Flask) -> None:
    @app.before_request
    def login_wall():
        endpoint = request.endpoint
        if endpoint is None:  # no route matched: routing answers 404/405
            return None
        if is_public(app, endpoint):
            return None
        if declared_action(app, endpoint) is None:
            app.logger.error("route %s declares no permission; refusing", endpoint)
            abort(403)
        if not current_user.is_authenticated:
            if request.method == "GET":
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            abort(401)
        return None
