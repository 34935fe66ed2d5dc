"""Meeting pages: the table's meetings, one meeting with its agenda and record,
the facilitator's edit page, and the posts that change them.

Who may do or see what is decided in portal.access.meetings (the @requires
actions); what a page shows of a meeting (a shared agenda, a published record)
follows the same rules through `can`."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.access.decorators import Load, requires
from portal.access.policy import can
from portal.db import db, get_by_id, utcnow
from portal.errors import InvalidInput, PortalError
from portal.forms import attach_error
from portal.meetings import operations
from portal.meetings.agenda import plan_shortfalls_for_facilitator
from portal.meetings.forms import (ActionItemForm, AttendanceForm, EditForm, NotesForm, ScheduleForm,
                                   VersionOnlyForm)
from portal.meetings.models import ActionItem, Meeting
from portal.orgs.models import Organization
from portal.tables.models import CoalitionTable

bp = Blueprint("meetings", __name__)
load_table = Load(CoalitionTable, "table_id")
load_meeting = Load(Meeting, "meeting_id")
load_item = Load(ActionItem, "item_id")


@bp.route("/tables/<int:table_id>/meetings")
@requires("meetings.list", load=load_table)
def index(table: CoalitionTable):
    form = ScheduleForm() if can(current_user, "meetings.schedule", table) else None
    return _render_index(table, form)


@bp.route("/tables/<int:table_id>/meetings", methods=["POST"])
@requires("meetings.schedule", load=load_table)
def schedule(table: CoalitionTable):
    form = ScheduleForm()
    if form.validate_on_submit():
        try:
            meeting = operations.schedule(current_user, table, **form.details())
        except PortalError as error:
            attach_error(form, error)
            return _render_index(table, form, error.status)
        flash(f"Meeting scheduled; the partners' staff and leaders were told. Review the drafted agenda, "
              f"then share it.", "success")
        return redirect(url_for("meetings.edit", meeting_id=meeting.id))
    return _render_index(table, form, 422)


@bp.route("/meetings/<int:meeting_id>")
@requires("meetings.view", load=load_meeting)
def show(meeting: Meeting):
    return _render_show(meeting)


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@requires("meetings.manage", load=load_meeting)
def edit(meeting: Meeting):
    form = EditForm(obj=meeting)
    if not form.is_submitted():
        form.version.data = meeting.version
    if form.validate_on_submit():
        if form.redraft.data:
            # A fresh draft in the form, saved only when the facilitator saves it.
            form.agenda_md.data, form.drafted_since.data = operations.redraft(meeting)
            flash("The agenda below was drafted again from the latest changes. Review it, then save.", "info")
            return _render_edit(meeting, form)
        try:
            changed = operations.update(current_user, meeting, expected_version=form.version.data,
                                        agenda_md=form.agenda_md.data, share_agenda=form.share_agenda.data,
                                        drafted_since=form.drafted_since.data, **form.details())
        except PortalError as error:
            attach_error(form, error)
            return _render_edit(meeting, form, error.status)
        flash("Saved." if changed else "Nothing changed.", "success" if changed else "info")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return _render_edit(meeting, form, 422 if form.is_submitted() else 200)


@bp.route("/meetings/<int:meeting_id>/attendance", methods=["POST"])
@requires("meetings.manage", load=load_meeting)
def attendance(meeting: Meeting):
    form = AttendanceForm()
    if form.validate_on_submit():
        try:
            operations.record_attendance(current_user, meeting, expected_version=form.version.data,
                                         national_ids=form.national_ids.data)
        except PortalError as error:
            attach_error(form, error)
            return _render_show(meeting, attendance_form=form, status=error.status)
        flash("Attendance saved.", "success")
        return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="attendance"))
    return _render_show(meeting, attendance_form=form, status=422)


@bp.route("/meetings/<int:meeting_id>/notes", methods=["POST"])
@requires("meetings.manage", load=load_meeting)
def notes(meeting: Meeting):
    form = NotesForm()
    if form.validate_on_submit():
        publish = bool(form.publish.data)
        try:
            changed = operations.save_notes(current_user, meeting, expected_version=form.version.data,
                                            notes_md=form.notes_md.data, publish=publish)
        except PortalError as error:
            attach_error(form, error)
            return _render_show(meeting, notes_form=form, status=error.status)
        if publish and changed:
            flash("Notes published: every partner at the table sees them, with attendance and action items.",
                  "success")
        else:
            flash("Notes saved." if changed else "Nothing changed.", "success" if changed else "info")
        return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="notes"))
    return _render_show(meeting, notes_form=form, status=422)


@bp.route("/meetings/<int:meeting_id>/action-items", methods=["POST"])
@requires("meetings.manage", load=load_meeting)
def add_action_item(meeting: Meeting):
    form = ActionItemForm()
    _owner_choices(form, meeting)
    if form.validate_on_submit():
        try:
            owner = get_by_id(Organization, form.owner_id.data)
            operations.add_action_item(current_user, meeting, text=form.text.data, owner=owner,
                                       due_on=form.due_on.data)
        except PortalError as error:
            attach_error(form, error)
            return _render_show(meeting, item_form=form, status=error.status)
        flash("Action item added." + ("" if meeting.notes_published else " Its owner hears of it when the notes "
                                                                          "are published."), "success")
        return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="action-items"))
    return _render_show(meeting, item_form=form, status=422)


@bp.route("/meetings/<int:meeting_id>/cancel", methods=["POST"])
@requires("meetings.manage", load=load_meeting)
def cancel(meeting: Meeting):
    form = VersionOnlyForm()
    if not form.validate_on_submit():
        raise InvalidInput("The form expired or was damaged; reload the page and try again.")
    operations.cancel(current_user, meeting, expected_version=form.version.data)
    flash("Meeting cancelled.", "info")
    return redirect(url_for("meetings.index", table_id=meeting.table_id))


@bp.route("/meetings/action-items/<int:item_id>/done", methods=["POST"])
@requires("meetings.complete_action_item", load=load_item)
def complete_action_item(item: ActionItem):
    form = VersionOnlyForm()
    if not form.validate_on_submit():
        raise InvalidInput("The form expired or was damaged; reload the page and try again.")
    operations.complete_action_item(current_user, item, expected_version=form.version.data)
    flash("Marked done.", "success")
    return redirect(url_for("meetings.show", meeting_id=item.meeting_id, _anchor="action-items"))


# --- rendering --------------------------------------------------------------------------------

def _render_index(table: CoalitionTable, form: ScheduleForm | None, status: int = 200):
    meetings = db.session.scalars(select(Meeting).where(Meeting.table_id == table.id)
                                  .order_by(Meeting.starts_at.desc(), Meeting.id.desc())).all()
    now = utcnow()
    upcoming = sorted((m for m in meetings if m.ends_at >= now), key=lambda m: (m.starts_at, m.id))
    past = [m for m in meetings if m.ends_at < now]
    return render_template("meetings/index.html", table=table, upcoming=upcoming, past=past, form=form,
                           facilitates=can(current_user, "meetings.schedule", table)), status


def _owner_choices(form: ActionItemForm, meeting: Meeting) -> None:
    form.owner_id.choices = [("", "— choose —")] + [(o.id, o.name) for o in operations.owner_choices(meeting.table)]


def _render_show(meeting: Meeting, *, attendance_form=None, notes_form=None, item_form=None, status: int = 200):
    keeper = can(current_user, "meetings.manage", meeting)
    forms = {}
    if keeper and not meeting.is_cancelled:
        # Forms not posted in this request are built without the request's form data.
        forms["attendance"] = attendance_form or AttendanceForm(
            formdata=None, version=meeting.version, national_ids=[a.national_id for a in meeting.attendance])
        forms["attendance"].national_ids.choices = [
            (p.national_id, p.national.name)
            for p in sorted(meeting.table.partners, key=lambda p: p.national.name.casefold())]
        forms["notes"] = notes_form or NotesForm(formdata=None, version=meeting.version, notes_md=meeting.notes_md)
        forms["item"] = item_form or ActionItemForm(formdata=None)
        _owner_choices(forms["item"], meeting)
        forms["cancel"] = VersionOnlyForm(formdata=None, version=meeting.version)
    record_visible = keeper or meeting.notes_published
    completable = {item.id for item in meeting.action_items if record_visible
                   and can(current_user, "meetings.complete_action_item", item)}
    return render_template("meetings/show.html", meeting=meeting, table=meeting.table, keeper=keeper, forms=forms,
                           agenda_visible=keeper or meeting.agenda_shared, record_visible=record_visible,
                           completable=completable, done_form=VersionOnlyForm(formdata=None), now=utcnow()), status


def _render_edit(meeting: Meeting, form: EditForm, status: int = 200):
    return render_template("meetings/edit.html", meeting=meeting, table=meeting.table, form=form,
                           shortfalls=plan_shortfalls_for_facilitator(meeting.table, utcnow())), status
