"""Candidate profiles: the table's list, one profile, the facilitator's fact
editing, and partners' corrections with the facilitator's decision.

Who may do what is decided in portal.access.profiles; the views parse forms,
call the operations and render their refusals next to the fields."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.access.decorators import Load, requires
from portal.access.policy import can
from portal.access.profiles import suggesting_organizations
from portal.db import get_by_id
from portal.errors import InvalidInput, PortalError
from portal.forms import attach_error
from portal.orgs.models import Organization
from portal.profiles import operations, queries
from portal.profiles.forms import DecideForm, EditFactForm, FactForm, SuggestForm, VersionOnlyForm, as_int
from portal.profiles.models import ProfileCorrection, ProfileFact
from portal.races.models import Candidate
from portal.tables.models import CoalitionTable
from portal.web import acting_organization

bp = Blueprint("profiles", __name__)
load_table = Load(CoalitionTable, "table_id")
load_candidate = Load(Candidate, "candidate_id", target=lambda candidate: candidate.race.table)
load_fact = Load(ProfileFact, "fact_id", target=lambda fact: fact.candidate.race.table)
load_correction = Load(ProfileCorrection, "correction_id")


@bp.route("/tables/<int:table_id>/profiles")
@requires("profiles.view", load=load_table)
def table_list(table: CoalitionTable):
    return render_template("profiles/table.html", table=table,
                           rows=queries.table_profiles(current_user, table))


@bp.route("/candidates/<int:candidate_id>/profile")
@requires("profiles.view", load=load_candidate)
def candidate(candidate: Candidate):
    return _render_profile(candidate, FactForm())


@bp.route("/candidates/<int:candidate_id>/profile/facts", methods=["POST"])
@requires("profiles.edit", load=load_candidate)
def add_fact(candidate: Candidate):
    form = FactForm()
    if not form.validate_on_submit():
        return _render_profile(candidate, form, 422)
    try:
        fact = operations.add_fact(current_user, candidate, **form.content())
    except PortalError as error:
        attach_error(form, error)
        return _render_profile(candidate, form, error.status)
    flash(f"{fact.label} added to the profile of {candidate.name}.", "success")
    return redirect(url_for("profiles.candidate", candidate_id=candidate.id) + f"#fact-{fact.id}")


@bp.route("/profiles/facts/<int:fact_id>/edit", methods=["GET", "POST"])
@requires("profiles.edit", load=load_fact)
def edit_fact(fact: ProfileFact):
    form = EditFactForm(obj=fact)
    if request.method == "GET":
        form.version.data = fact.version
    if form.validate_on_submit():
        try:
            operations.revise_fact(current_user, fact, expected_version=form.version.data, **form.content())
        except PortalError as error:
            attach_error(form, error)
            return _render_edit(fact, form, error.status)
        flash(f"{fact.label} revised.", "success")
        return redirect(url_for("profiles.candidate", candidate_id=fact.candidate_id) + f"#fact-{fact.id}")
    return _render_edit(fact, form, 422 if request.method == "POST" else 200)


@bp.route("/profiles/facts/<int:fact_id>/retire", methods=["POST"])
@requires("profiles.edit", load=load_fact)
def retire_fact(fact: ProfileFact):
    form = VersionOnlyForm()
    if not form.validate_on_submit():
        raise InvalidInput("The form expired or was damaged; reload the page and try again.")
    operations.retire_fact(current_user, fact, expected_version=form.version.data)
    flash(f"{fact.label} removed from the profile; it stays in the history.", "info")
    return redirect(url_for("profiles.candidate", candidate_id=fact.candidate_id))


@bp.route("/candidates/<int:candidate_id>/profile/suggest", methods=["GET", "POST"])
@requires("profiles.suggest", load=load_candidate)
def suggest(candidate: Candidate):
    form = SuggestForm()
    fact = _fact_of(candidate, request.args.get("fact", type=int) if request.method == "GET" else
                    as_int(form.fact_id.data))
    organizations = suggesting_organizations(current_user, candidate.race.table)
    form.organization_id.choices = [(o.id, o.name) for o in organizations]
    if request.method == "GET":
        acting = acting_organization()
        form.organization_id.data = acting.id if acting in organizations else organizations[0].id
        if fact is not None:
            form.fact_id.data, form.fact_version.data = fact.id, fact.version
            form.value.data, form.source.data = fact.value, fact.source
    if form.validate_on_submit():
        try:
            correction = operations.suggest_correction(
                current_user, candidate, get_by_id(Organization, form.organization_id.data), fact=fact,
                fact_version=as_int(form.fact_version.data), section=form.section.data, label=form.label.data,
                value=form.value.data, source=form.source.data, reason=form.reason.data)
        except PortalError as error:
            attach_error(form, error)
            return _render_suggest(candidate, fact, form, error.status)
        flash("Thank you: your suggestion went to the table's facilitator, who will accept or decline it. "
              "Only your organization and the facilitator see it.", "success")
        return redirect(url_for("profiles.correction", correction_id=correction.id))
    return _render_suggest(candidate, fact, form, 422 if request.method == "POST" else 200)


@bp.route("/profiles/corrections/<int:correction_id>")
@requires("profiles.view_correction", load=load_correction)
def correction(correction: ProfileCorrection):
    form = DecideForm(version=correction.version,
                      fact_version=correction.fact.version if correction.fact else "")
    return _render_correction(correction, form)


@bp.route("/profiles/corrections/<int:correction_id>/accept", methods=["POST"])
@requires("profiles.decide", load=load_correction)
def accept(correction: ProfileCorrection):
    return _decide(correction, accept=True)


@bp.route("/profiles/corrections/<int:correction_id>/decline", methods=["POST"])
@requires("profiles.decide", load=load_correction)
def decline(correction: ProfileCorrection):
    return _decide(correction, accept=False)


# --- helpers ----------------------------------------------------------------------------------

def _fact_of(candidate: Candidate, fact_id: int | None) -> ProfileFact | None:
    """The fact a correction is about: one of this profile's, or none (a new fact)."""
    if fact_id is None:
        return None
    fact = get_by_id(ProfileFact, fact_id)
    if fact is None or fact.candidate_id != candidate.id or fact.is_retired:
        raise InvalidInput("That fact is not on this profile (any more); reload the profile.")
    return fact


def _decide(correction: ProfileCorrection, *, accept: bool):
    form = DecideForm()
    if not form.validate_on_submit():
        return _render_correction(correction, form, 422)
    try:
        if accept:
            operations.accept_correction(current_user, correction, expected_version=form.version.data,
                                         fact_version=as_int(form.fact_version.data), note=form.note.data)
        else:
            operations.decline_correction(current_user, correction, expected_version=form.version.data,
                                          note=form.note.data)
    except PortalError as error:
        attach_error(form, error)
        return _render_correction(correction, form, error.status)
    flash("Correction accepted: the profile shows it now, crediting the suggesting organization." if accept
          else "Correction declined: the profile keeps what it had.", "success")
    return redirect(url_for("profiles.candidate", candidate_id=correction.candidate_id))


def _render_profile(candidate: Candidate, fact_form, status: int = 200):
    table = candidate.race.table
    by_section, retired = queries.facts_of(candidate)
    return render_template("profiles/candidate.html", candidate=candidate, race=candidate.race, table=table,
                           race_facts=queries.race_facts(candidate), race_source=queries.RACE_LIST_SOURCE,
                           by_section=by_section, retired=retired, fact_form=fact_form,
                           corrections=queries.visible_corrections(current_user, candidate),
                           may_edit=can(current_user, "profiles.edit", table),
                           may_suggest=can(current_user, "profiles.suggest", table)), status


def _render_edit(fact: ProfileFact, form, status: int):
    return render_template("profiles/edit_fact.html", fact=fact, candidate=fact.candidate, form=form), status


def _render_suggest(candidate: Candidate, fact: ProfileFact | None, form, status: int):
    return render_template("profiles/suggest.html", candidate=candidate, fact=fact, form=form), status


def _render_correction(correction: ProfileCorrection, form, status: int = 200):
    return render_template("profiles/correction.html", correction=correction, candidate=correction.candidate,
                           form=form, may_decide=can(current_user, "profiles.decide", correction)), status
