"""@requires and @public: every view declares its permission, and every view
runs as one transaction (load -> check -> handle -> one commit)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from typing import Any, Callable

from flask import abort, make_response
from flask_login import current_user

from portal.access.policy import can, knows_of, rule_for
from portal.db import db, get_by_id


@dataclass(frozen=True)
class Load:
    """Loads the object named by a URL parameter and says which object the
    permission is asked about (the object itself, or e.g. a race's table)."""

    model: type
    param: str
    target: Callable[[Any], Any] | None = None

    def fetch(self, view_kwargs: dict) -> Any:
        obj = get_by_id(self.model, view_kwargs.pop(self.param))
        if obj is None:
            abort(404)
        return obj

    def target_of(self, obj: Any) -> Any:
        return self.target(obj) if self.target else obj


def requires(action: str, load: Load | None = None) -> Callable:
    """Declare the action a view performs. The loaded object is passed to the
    view as its first argument. Invisible objects answer 404, visible ones the
    person may not act on answer 403."""
    rule = rule_for(action)  # an unknown action fails at import time, not at request time

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(**kwargs):
            args = []
            target = None
            if load is not None:
                obj = load.fetch(kwargs)
                loaded_target = load.target_of(obj)
                # A target of None means the object belongs to no tenant (a person's
                # account, managed by the site admin): the action alone decides.
                if loaded_target is not None and not knows_of(current_user, loaded_target):
                    abort(404)
                args.append(obj)
                if rule.target_type is not None:
                    target = loaded_target
            if not can(current_user, action, target):
                abort(403)
            return run_in_transaction(view, *args, **kwargs)

        wrapped.access_action = action
        return wrapped

    return decorator


def public(view: Callable) -> Callable:
    """A page anyone may open without signing in (the short allowlist)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        return run_in_transaction(view, *args, **kwargs)

    wrapped.access_public = True
    return wrapped


def run_in_transaction(view: Callable, *args, **kwargs):
    response = make_response(view(*args, **kwargs))
    if response.status_code < 400:
        db.session.commit()
        if db.session.info.pop("notifications_waiting", False):
            from portal.notifications.operations import deliver_after_commit
            deliver_after_commit()
    else:
        db.session.rollback()
    return response
