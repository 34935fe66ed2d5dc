"""Calendar feeds: my feeds, subscribing to a table's or a working group's
calendar (the secret URL is shown once), revoking, and the public .ics URL."""
from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from portal.access.calendars import may_read_scope
from portal.access.decorators import Load, public, requires
from portal.access.scoping import visible_tables
from portal.calendars import ical, operations
from portal.calendars.models import CalendarFeed
from portal.db import db
from portal.errors import InvalidInput
from portal.tables.models import CoalitionTable
from portal.web import public_url
from portal.workgroups.models import WorkingGroup

bp = Blueprint("calendars", __name__)
load_table = Load(CoalitionTable, "table_id")
load_group = Load(WorkingGroup, "group_id")
load_feed = Load(CalendarFeed, "feed_id")


@bp.route("/calendars")
@requires("calendars.list")
def index():
    feeds = db.session.scalars(select(CalendarFeed).where(CalendarFeed.user_id == current_user.id,
                                                          CalendarFeed.revoked_at.is_(None))
                               .order_by(CalendarFeed.created_at.desc(), CalendarFeed.id.desc())).all()
    # A feed whose scope the person may no longer read answers 404; its name is not shown either.
    listed = [(feed, operations.still_permitted(feed)) for feed in feeds]
    subscribed = {(f.table_id, f.working_group_id) for f in feeds}
    return render_template("calendars/index.html", feeds=listed,
                           tables=[t for t in _tables() if (t.id, None) not in subscribed],
                           groups=[g for g in _groups() if (None, g.id) not in subscribed])


@bp.route("/tables/<int:table_id>/calendar-feed", methods=["POST"])
@requires("calendars.subscribe_table", load=load_table)
def subscribe_table(table: CoalitionTable):
    return _subscribe(table)


@bp.route("/working-groups/<int:group_id>/calendar-feed", methods=["POST"])
@requires("calendars.subscribe_group", load=load_group)
def subscribe_group(group: WorkingGroup):
    return _subscribe(group)


@bp.route("/calendars/<int:feed_id>/revoke", methods=["POST"])
@requires("calendars.revoke", load=load_feed)
def revoke(feed: CalendarFeed):
    _require_form()
    operations.revoke(current_user, feed)
    flash("Calendar URL revoked: calendars subscribed to it stop updating, and it now answers “not found”.",
          "info")
    return redirect(url_for("calendars.index"))


@bp.route("/calendars/<token>.ics")
@public
def feed(token: str):
    """No session here: the secret URL is the credential, checked afresh at every fetch."""
    feed = operations.feed_for_token(token)
    if feed is None:
        abort(404)
    body = ical.calendar_for(feed)
    operations.note_fetch(feed)
    response = make_response(body)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response.headers["Cache-Control"] = "private, max-age=300"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


# --- helpers ----------------------------------------------------------------------------------

def _require_form() -> None:
    if not FlaskForm().validate_on_submit():
        raise InvalidInput("The form expired or was damaged; reload the page and try again.")


def _subscribe(scope):
    _require_form()
    feed, token = operations.subscribe(current_user, scope)
    https_url = public_url("calendars.feed", token=token)  # BASE_URL: right behind a proxy too
    response = make_response(render_template(
        "calendars/created.html", feed=feed, https_url=https_url,
        webcal_url="webcal://" + https_url.split("://", 1)[1]))
    # The page carries the secret: never cached, never kept by a proxy.
    response.headers["Cache-Control"] = "no-store"
    return response


def _tables() -> list[CoalitionTable]:
    return [t for t in db.session.scalars(visible_tables(current_user)) if may_read_scope(current_user, t)]


def _groups() -> list[WorkingGroup]:
    """Open working groups the person reads, at the tables they see."""
    table_ids = [t.id for t in _tables()]
    if not table_ids:
        return []
    groups = db.session.scalars(select(WorkingGroup).where(WorkingGroup.table_id.in_(table_ids),
                                                           WorkingGroup.closed_at.is_(None))
                                .order_by(WorkingGroup.id)).all()
    return [g for g in groups if may_read_scope(current_user, g)]
