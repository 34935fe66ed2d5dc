"""Working group pages: a table's groups and invitations, convening, a group's
page (invitation or full), partners' decisions, the campaign notice, activities
and notes. Every decision about who may see or do what is in
portal.access.workgroups; the views parse forms and call the operations."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.access.decorators import Load, requires
from portal.access.policy import can
from portal.access.workgroups import staff_partners, writer_organizations
from portal.db import db, get_by_id, utcnow
from portal.errors import InvalidInput, PortalError
from portal.forms import attach_error
from portal.orgs.models import Organization
from portal.races.models import Candidate
from portal.tables.models import CoalitionTable
from portal.workgroups import operations, planning, queries
from portal.workgroups.forms import (AcknowledgeForm, ActivityForm, CloseForm, ConveneForm, EditActivityForm,
                                     EditNoteForm, JoinForm, NoteForm, PartnerDecisionForm)
from portal.workgroups.models import JointActivity, PartnerStatus, WorkingGroup, WorkingGroupNote

bp = Blueprint("workgroups", __name__)
load_table = Load(CoalitionTable, "table_id")
load_group = Load(WorkingGroup, "group_id")
load_activity = Load(JointActivity, "activity_id")
load_note = Load(WorkingGroupNote, "note_id")


@bp.route("/tables/<int:table_id>/working-groups")
@requires("workgroups.list", load=load_table)
def at_table(table: CoalitionTable):
    """The groups this person belongs to (or facilitates) and the invitations awaiting their partner."""
    return _render_table(table)


@bp.route("/tables/<int:table_id>/working-groups/convene", methods=["POST"])
@requires("workgroups.convene", load=load_table)
def convene(table: CoalitionTable):
    form = _convene_form(table)
    if form.validate_on_submit():
        try:
            group = operations.convene(current_user, table, get_by_id(Candidate, form.candidate_id.data))
        except PortalError as error:
            db.session.rollback()
            attach_error(form, error)
            return _render_table(table, form, error.status)
        flash(f"Working group convened for {group.candidate.name}; {len(group.partners)} partner(s) invited. "
              "Each decides for itself whether to join.", "success")
        return redirect(url_for("workgroups.show", group_id=group.id))
    return _render_table(table, form, 422)


@bp.route("/working-groups/<int:group_id>")
@requires("workgroups.view", load=load_group)
def show(group: WorkingGroup):
    return _render_group(group)


@bp.route("/working-groups/<int:group_id>/join", methods=["POST"])
@requires("workgroups.decide", load=load_group)
def join(group: WorkingGroup):
    return _partner_step(group, JoinForm, lambda partner, form: operations.join(
        current_user, group, partner, affiliate_ids=form.affiliate_ids.data, expected_version=form.version.data),
        "{name} joined the working group.")


@bp.route("/working-groups/<int:group_id>/affiliates", methods=["POST"])
@requires("workgroups.decide", load=load_group)
def affiliates(group: WorkingGroup):
    return _partner_step(group, JoinForm, lambda partner, form: operations.set_affiliates(
        current_user, group, partner, affiliate_ids=form.affiliate_ids.data, expected_version=form.version.data),
        "The affiliates {name} brings were saved.")


@bp.route("/working-groups/<int:group_id>/decline", methods=["POST"])
@requires("workgroups.decide", load=load_group)
def decline(group: WorkingGroup):
    return _partner_step(group, PartnerDecisionForm, lambda partner, form: operations.decline(
        current_user, group, partner, form.version.data), "{name} will not take part. You may still join later.")


@bp.route("/working-groups/<int:group_id>/leave", methods=["POST"])
@requires("workgroups.decide", load=load_group)
def leave(group: WorkingGroup):
    return _partner_step(group, PartnerDecisionForm, lambda partner, form: operations.leave(
        current_user, group, partner, form.version.data),
        "{name} left the working group. What it contributed stays, credited to it.")


@bp.route("/working-groups/<int:group_id>/acknowledge", methods=["POST"])
@requires("workgroups.read", load=load_group)
def acknowledge(group: WorkingGroup):
    _valid_or_refuse(AcknowledgeForm())
    if operations.acknowledge(current_user, group):
        flash("Thank you: you acknowledged that these plans are not coordinated with the campaign.", "success")
    return redirect(url_for("workgroups.show", group_id=group.id))


@bp.route("/working-groups/<int:group_id>/close", methods=["POST"])
@requires("workgroups.close", load=load_group)
def close(group: WorkingGroup):
    form = _valid_or_refuse(CloseForm())
    operations.close(current_user, group, form.version.data)
    flash("The working group is closed; it stays readable as a record.", "info")
    return redirect(url_for("workgroups.show", group_id=group.id))


@bp.route("/working-groups/<int:group_id>/activities", methods=["POST"])
@requires("workgroups.plan", load=load_group)
def add_activity(group: WorkingGroup):
    form = _activity_form(group)
    if form.validate_on_submit():
        try:
            planning.add_activity(current_user, group, organization=_org(form.organization_id.data),
                                  **form.details(_org(form.lead_organization_id.data)))
        except PortalError as error:
            db.session.rollback()
            attach_error(form, error)
            return _render_group(group, error.status, activity_form=form)
        flash("Activity added; the group's members were told.", "success")
        return redirect(url_for("workgroups.show", group_id=group.id, _anchor="activities"))
    return _render_group(group, 422, activity_form=form)


@bp.route("/working-groups/activities/<int:activity_id>/edit", methods=["GET", "POST"])
@requires("workgroups.edit_activity", load=load_activity)
def edit_activity(activity: JointActivity):
    group = activity.group
    form = EditActivityForm(obj=activity)
    form.lead_organization_id.choices = _member_choices(group)
    if request.method == "GET":
        form.version.data = activity.version
        form.cancelled.data = activity.is_cancelled
    if form.validate_on_submit():
        try:
            changed = planning.update_activity(
                current_user, activity, expected_version=form.version.data, actual_turnout=form.actual_turnout.data,
                cancelled=form.cancelled.data, **form.details(_org(form.lead_organization_id.data)))
        except PortalError as error:
            db.session.rollback()
            attach_error(form, error)
            return _render_edit_activity(activity, form, error.status)
        flash("Activity saved; the group's members were told." if changed else "Nothing changed.", "success")
        return redirect(url_for("workgroups.show", group_id=group.id, _anchor="activities"))
    return _render_edit_activity(activity, form, 422 if request.method == "POST" else 200)


@bp.route("/working-groups/<int:group_id>/notes", methods=["POST"])
@requires("workgroups.post_note", load=load_group)
def post_note(group: WorkingGroup):
    form = _note_form(group)
    if form.validate_on_submit():
        try:
            planning.post_note(current_user, group, organization=_org(form.note_organization_id.data),
                               body=form.body.data)
        except PortalError as error:
            db.session.rollback()
            attach_error(form, error)
            return _render_group(group, error.status, note_form=form)
        flash("Note posted.", "success")
        return redirect(url_for("workgroups.show", group_id=group.id, _anchor="notes"))
    return _render_group(group, 422, note_form=form)


@bp.route("/working-groups/notes/<int:note_id>/edit", methods=["GET", "POST"])
@requires("workgroups.edit_note", load=load_note)
def edit_note(note: WorkingGroupNote):
    form = EditNoteForm(obj=note)
    if request.method == "GET":
        form.version.data = note.version
    if form.validate_on_submit():
        try:
            planning.edit_note(current_user, note, expected_version=form.version.data, body=form.body.data)
        except PortalError as error:
            db.session.rollback()
            attach_error(form, error)
            return render_template("workgroups/edit_note.html", note=note, form=form), error.status
        flash("Note saved.", "success")
        return redirect(url_for("workgroups.show", group_id=note.group_id, _anchor="notes"))
    status = 422 if request.method == "POST" else 200
    return render_template("workgroups/edit_note.html", note=note, form=form), status


# --- helpers ----------------------------------------------------------------------------------

def _org(org_id: int | None) -> Organization | None:
    return get_by_id(Organization, org_id)


def _valid_or_refuse(form):
    if not form.validate_on_submit():
        raise InvalidInput("The form expired or was damaged; reload the page and try again.")
    return form


def _convene_form(table: CoalitionTable, convenable=None) -> ConveneForm:
    form = ConveneForm()
    convenable = convenable if convenable is not None else queries.convenable_candidates(current_user, table)
    form.candidate_id.choices = [("", "— choose —")] + [
        (c.candidate_id, f"{c.candidate_name} · {c.race_title} · {c.backers} partners back "
                         f"(critical mass at {c.threshold})")
        for c in convenable]
    return form


def _render_table(table: CoalitionTable, form: ConveneForm | None = None, status: int = 200):
    visible = [g for g in queries.groups_at_table(table) if can(current_user, "workgroups.view", g)]
    mine = [g for g in visible if can(current_user, "workgroups.read", g)]
    invitations = [(g, p) for g in visible if g not in mine for p in staff_partners(current_user, g)]
    convenable = None
    if can(current_user, "workgroups.convene", table):
        convenable = queries.convenable_candidates(current_user, table)
        form = form or _convene_form(table, convenable)
    return render_template("workgroups/table.html", table=table, groups=mine, invitations=invitations,
                           convenable=convenable, form=form), status


def _member_choices(group: WorkingGroup) -> list:
    return [("", "— choose —")] + [(o.id, o.name) for o in queries.member_organizations(group)]


def _activity_form(group: WorkingGroup) -> ActivityForm:
    form = ActivityForm()
    form.organization_id.choices = [(o.id, o.name) for o in writer_organizations(current_user, group)]
    form.lead_organization_id.choices = _member_choices(group)
    return form


def _note_form(group: WorkingGroup) -> NoteForm:
    form = NoteForm()
    form.note_organization_id.choices = [(o.id, o.name) for o in writer_organizations(current_user, group)]
    return form


def _partner_forms(group: WorkingGroup) -> list[dict]:
    """For each partner this person is staff of: its row and the forms to decide with."""
    found = []
    for partner in staff_partners(current_user, group):
        join_form = JoinForm(formdata=None, national_id=partner.national_id, version=partner.version)
        options = operations.selectable_affiliates(group, partner.national)
        join_form.affiliate_ids.choices = [(o.id, f"{o.name} ({o.place})") for o in options]
        chosen = (operations.brought_affiliates(group, partner.national_id)
                  if partner.status == PartnerStatus.JOINED.value
                  else operations.default_affiliates(group, partner.national))
        join_form.affiliate_ids.data = [o.id for o in chosen]
        join_form.national_id.choices = [(partner.national_id, partner.national.name)]
        decision = PartnerDecisionForm(formdata=None, national_id=partner.national_id, version=partner.version)
        decision.national_id.choices = join_form.national_id.choices
        found.append({"partner": partner, "join": join_form, "decision": decision})
    return found


def _partner_step(group: WorkingGroup, form_class, step, done: str):
    """Join, decline, leave or change affiliates, for the partner the person is staff of."""
    form = form_class()
    partners = {p.national_id: p for p in staff_partners(current_user, group)}
    form.national_id.choices = [(nid, p.national.name) for nid, p in partners.items()]
    if hasattr(form, "affiliate_ids"):
        form.affiliate_ids.choices = []  # the operation checks each id against the partner's affiliates
    _valid_or_refuse(form)
    partner = partners.get(form.national_id.data) if form.national_id.data else (
        next(iter(partners.values())) if len(partners) == 1 else None)
    if partner is None:
        raise InvalidInput("Choose the partner you decide for.", field="national_id")
    step(partner, form)
    flash(done.format(name=partner.national.name), "success")
    return redirect(url_for("workgroups.show", group_id=group.id))


def _render_group(group: WorkingGroup, status: int = 200, *, activity_form=None, note_form=None):
    full = can(current_user, "workgroups.read", group)
    context = {"group": group, "full": full, "partner_forms": _partner_forms(group),
               "partners": sorted(group.partners, key=lambda p: (p.national.name.casefold(), p.id)),
               "notice_text": operations.CAMPAIGN_NOTICE}
    if full:
        context.update(
            notice=operations.notice_applies(group),
            acknowledged=operations.has_acknowledged(current_user, group),
            activities=queries.activities_of(group), notes=queries.notes_of(group), now=utcnow(),
            history=queries.history(group),
            brought={p.national_id: operations.brought_affiliates(group, p.national_id) for p in group.partners},
            activity_form=activity_form or (_activity_form(group) if can(current_user, "workgroups.plan", group)
                                            else None),
            note_form=note_form or (_note_form(group) if can(current_user, "workgroups.post_note", group)
                                    else None),
            acknowledge_form=AcknowledgeForm(),
            close_form=CloseForm(formdata=None, version=group.version)
            if can(current_user, "workgroups.close", group) else None)
    else:
        invited = tuple(p.national for p in staff_partners(current_user, group))
        context.update(notice=operations.notice_applies(group, also=invited))
    return render_template("workgroups/show.html", **context), status


def _render_edit_activity(activity: JointActivity, form, status: int):
    return render_template("workgroups/edit_activity.html", activity=activity, group=activity.group,
                           form=form), status
