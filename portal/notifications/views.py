"""Your notifications: the inbox in the portal, and how (or whether) they reach you by mail."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.access.decorators import requires
from portal.errors import PortalError
from portal.forms import attach_error
from portal.notifications import operations
from portal.notifications.forms import NotificationPreferenceForm

bp = Blueprint("notifications", __name__)


@bp.route("/account/notifications", methods=["GET", "POST"])
@requires("notifications.manage")
def preferences():
    form = NotificationPreferenceForm(notification_mode=current_user.notification_mode)
    if form.validate_on_submit():
        try:
            changed = operations.set_notification_mode(current_user, current_user, form.notification_mode.data)
        except PortalError as error:
            attach_error(form, error)
            return render_template("notifications/preferences.html", form=form), error.status
        if not changed:
            flash("Nothing changed.", "info")
        elif form.notification_mode.data == "digest":
            flash("Saved: you get one mail a day with everything.", "success")
        else:
            flash("Saved: you get a mail for each notification.", "success")
        return redirect(url_for("notifications.preferences"))
    return render_template("notifications/preferences.html", form=form), 422 if request.method == "POST" else 200


@bp.get("/notifications")
@requires("notifications.manage")
def inbox():
    return render_template("notifications/inbox.html", notifications=operations.inbox(current_user))


@bp.post("/notifications/read")
@requires("notifications.manage")
def mark_read():
    # Up to the newest one the page showed: what arrived since stays unread.
    newest = request.form.get("newest", type=int)
    if newest is None:
        abort(400, "Reload the inbox and try again: the form did not say which notifications you saw.")
    operations.mark_all_read(current_user, up_to_id=newest)
    return redirect(url_for("notifications.inbox"))
