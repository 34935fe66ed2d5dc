"""The declaration pages over HTTP: declaring, revising and withdrawing, the
table's list of what each person may see, and the home page of an affiliate."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import event, func, select

from portal.approvals.operations import decide
from portal.db import db
from portal.declarations.models import Declaration, DeclarationRevision
from portal.declarations.operations import declare, revise
from portal.declarations.policies import set_policy
from tests.conftest import Browser
from tests.db_state import fingerprint
from tests.factories import (PASSWORD, create_local, create_national, create_race, create_state, create_table,
                             create_user, grant, page_text)


def signed_in(app, user) -> Browser:
    browser = Browser(app.test_client())
    assert browser.sign_in(user.email, PASSWORD).status_code == 302, "sign-in failed"
    return browser


@pytest.fixture
def world(session):
    site_admin = create_user("root@example.org", "Site Admin", site_admin=True)
    alpha = create_national("Alpha Alliance")
    alpha_mo = create_state(alpha, "MO", "Alpha Missouri")
    stl = create_local(alpha_mo, "St. Louis", "Alpha St. Louis")
    bravo = create_national("Bravo Network")
    bravo_mo = create_state(bravo, "MO", "Bravo Missouri")
    facilitator = create_user("fay@neutral.example", "Fay Facilitator")
    table = create_table("Federal 2026", partners=[bravo, alpha], facilitator=facilitator, admin=site_admin)
    race = create_race(table, "MO-01", candidates=["Cora Challenger", "Ike Incumbent"])
    elsewhere = create_table("Municipal 2026", "municipal", partners=[alpha], admin=site_admin, state_code="MO")
    other_race = create_race(elsewhere, "Ward 3", candidates=["Wanda Ward"], city="St. Louis")
    leader = create_user("lou@alpha.example", "Lou Leader")
    grant(leader, stl, "leader")
    approver = create_user("abe@alpha.example", "Abe Approver")
    grant(approver, alpha, "approver")
    stl_member = create_user("mia@alpha.example", "Mia Member")
    grant(stl_member, stl, "member")
    partner = create_user("bea@bravo.example", "Bea Bravo")
    grant(partner, bravo_mo, "member")
    bravo_leader = create_user("ben@bravo.example", "Ben Bravo")
    grant(bravo_leader, bravo_mo, "leader")
    bravo_approver = create_user("bo@bravo.example", "Bo Bravo")
    grant(bravo_approver, bravo, "approver")
    session.commit()
    return locals()


def endorse_url(w, org=None, table=None) -> str:
    return f"/tables/{(table or w['table']).id}/organizations/{(org or w['stl']).id}/endorse"


def pledge_url(w, org=None, table=None) -> str:
    return f"/tables/{(table or w['table']).id}/organizations/{(org or w['stl']).id}/pledge"


def submission_key(response) -> str:
    match = re.search(r'name="submission_key"[^>]*value="([^"]+)"', response.get_data(as_text=True))
    assert match, "the form carries a submission key"
    return match.group(1)


def endorsement_form(w, **overrides) -> dict:
    return {"race_id": w["race"].id, "candidate_id": w["race"].candidates[0].id, "stage": "primary",
            "stance": "endorsed", "announced_on": "", "note": "door to door in the north side",
            "visibility": "table", "share_from": "", "submission_key": "key-" + "x" * 20} | overrides


def pledge_form(w, **overrides) -> dict:
    return {"race_id": w["race"].id, "candidate_id": "", "activity": "textbank", "quantity": "20",
            "unit": "shifts", "starts_on": "2026-06-01", "ends_on": "2026-08-04", "note": "",
            "visibility": "table", "share_from": "", "submission_key": "key-" + "p" * 20} | overrides


def declarations_of(session, org) -> list[Declaration]:
    session.expire_all()
    return list(session.scalars(select(Declaration).where(Declaration.organization_id == org.id)))


def declared(w, org, leader, *, visibility, key, note, candidate=0, stage="primary", approver=None):
    """A declaration made through the operation (set-up for the reading tests)."""
    declaration = declare(leader, org, w["table"], kind="endorsement", race=w["race"],
                          candidate=w["race"].candidates[candidate], stage=stage, submission_key=key,
                          stance="endorsed", visibility=visibility, note=note)
    if approver is not None:
        decide(approver, declaration.pending, approve=True)
    db.session.commit()
    return declaration


# --- declaring ------------------------------------------------------------------------------

def test_a_local_leader_endorses_and_it_waits_for_national_approval(session, world, app):
    browser = signed_in(app, world["leader"])
    form_page = browser.get(endorse_url(world) + f"?race_id={world['race'].id}")
    assert form_page.status_code == 200
    assert "Cora Challenger" in page_text(form_page) and "times are UTC" in page_text(form_page)

    response = browser.post(endorse_url(world), endorsement_form(world, submission_key=submission_key(form_page)))
    assert response.status_code == 302
    [declaration] = declarations_of(session, world["stl"])
    assert response.headers["Location"].endswith(f"/declarations/{declaration.id}")
    assert declaration.pending is not None and declaration.current is None
    assert declaration.pending.submitted_by_id == world["leader"].id
    shown = browser.get(response.headers["Location"])
    assert "awaiting approval by national staff" in page_text(shown)

    home = page_text(browser.get("/"))
    assert "Awaiting approval" in home and "Cora Challenger (MO-01, primary)" in home
    assert "pending" in home


def test_a_local_leader_pledges_capacity_for_the_race(session, world, app):
    browser = signed_in(app, world["leader"])
    response = browser.post(pledge_url(world), pledge_form(world))
    assert response.status_code == 302
    [declaration] = declarations_of(session, world["stl"])
    assert declaration.kind == "pledge" and declaration.candidate_id is None
    assert (declaration.pending.quantity, declaration.pending.unit, declaration.pending.starts_on) == (
        20, "shifts", date(2026, 6, 1))


def test_share_from_is_read_as_utc(session, world, app):
    browser = signed_in(app, world["leader"])
    response = browser.post(endorse_url(world), endorsement_form(world, share_from="2026-07-01T09:30"))
    assert response.status_code == 302
    [declaration] = declarations_of(session, world["stl"])
    assert declaration.pending.share_from == datetime(2026, 7, 1, 9, 30, tzinfo=timezone.utc)


def test_the_same_form_submitted_twice_creates_one_declaration(session, world, app):
    browser = signed_in(app, world["leader"])
    key = submission_key(browser.get(endorse_url(world)))
    first = browser.post(endorse_url(world), endorsement_form(world, submission_key=key))
    second = browser.post(endorse_url(world), endorsement_form(world, submission_key=key))
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(declarations_of(session, world["stl"])) == 1
    assert session.scalar(select(func.count()).select_from(DeclarationRevision)) == 1


BAD_INPUT = {
    "an unknown candidate": ("endorse", {"candidate_id": "999999"}, 422, "That candidate is not in this race."),
    "a candidate of another race": ("endorse", {"candidate_id": "OTHER_CANDIDATE"}, 422,
                                    "That candidate is not in this race."),
    "a candidate id beyond any integer column": ("endorse", {"candidate_id": str(2**63)}, 422,
                                                 "That candidate is not in this race."),
    "a race id beyond any integer column": ("pledge", {"race_id": str(2**40)}, 422, "That race is not at this table."),
    "a race of another table": ("endorse", {"race_id": "OTHER_RACE"}, 422, "That race is not at this table."),
    "no candidate": ("endorse", {"candidate_id": ""}, 422, "Choose the candidate."),
    "a negative quantity": ("pledge", {"quantity": "-3"}, 422, "The quantity is a whole number from 1 to 100,000."),
    "an end before the start": ("pledge", {"starts_on": "2026-08-04", "ends_on": "2026-06-01"}, 422,
                                "The pledge ends before it starts."),
    "an overlong note": ("pledge", {"note": "x" * 2001}, 422, "Notes are at most 2000 characters."),
    "a visibility wider than the national allows": ("endorse", {"visibility": "table"}, 422,
                                                    "at most with: also the table's facilitator"),
    "an unknown stance": ("endorse", {"stance": "adored"}, 422, "Choose a stance from the list."),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_answers_4xx_with_the_reason_and_writes_nothing(session, world, app, case):
    kind, overrides, status, message = BAD_INPUT[case]
    set_policy(world["approver"], world["alpha"], "federal", "endorsement", requires_approval=True,
               max_visibility="facilitator")
    session.commit()
    replacements = {"OTHER_RACE": str(world["other_race"].id),
                    "OTHER_CANDIDATE": str(world["other_race"].candidates[0].id)}
    overrides = {name: replacements.get(value, value) for name, value in overrides.items()}
    if case != "a visibility wider than the national allows" and kind == "endorse":
        overrides.setdefault("visibility", "facilitator")
    browser = signed_in(app, world["leader"])
    before = fingerprint()
    if kind == "endorse":
        response = browser.post(endorse_url(world), endorsement_form(world, **overrides))
    else:
        response = browser.post(pledge_url(world), pledge_form(world, **overrides))
    assert response.status_code == status
    assert message in page_text(response)
    assert 'class="field-error"' in response.get_data(as_text=True) or "flash-error" in response.get_data(
        as_text=True)
    assert fingerprint() == before


def test_a_second_endorsement_of_the_same_candidate_and_stage_is_a_conflict(session, world, app):
    declared(world, world["stl"], world["leader"], visibility="own", key="k-first", note="n")
    browser = signed_in(app, world["leader"])
    before = fingerprint()
    response = browser.post(endorse_url(world), endorsement_form(world, submission_key="another-form-key-123"))
    assert response.status_code == 409
    assert "already has a primary endorsement record for Cora Challenger: revise that one instead." in page_text(
        response)
    assert fingerprint() == before


def test_an_organization_whose_national_is_not_at_the_table_cannot_declare_there(session, world, app):
    outsider_national = create_national("Charlie Coalition")
    charlie_leader = create_user("cal@charlie.example", "Cal Charlie")
    grant(charlie_leader, outsider_national, "leader")
    grant(charlie_leader, world["bravo_mo"], "member")  # sits at the table through Bravo, declares for Charlie
    session.commit()
    browser = signed_in(app, charlie_leader)
    before = fingerprint()
    response = browser.post(endorse_url(world, org=outsider_national), endorsement_form(world))
    assert response.status_code == 422
    assert "Charlie Coalition's national is not a partner at Federal 2026." in page_text(response)
    assert fingerprint() == before


@pytest.mark.parametrize("who, status", [
    # The facilitator knows the partners at their table but never declares for one (the 403).
    ("facilitator", 403),
    # People who see the organization but do not declare for it: refused.
    ("approver", 403), ("stl_member", 403), ("site_admin", 403),
    # Another partner's leader: the organization is foreign, hence not found.
    ("bravo_leader", 404),
])
def test_only_the_organizations_leaders_declare_for_it(session, world, app, who, status):
    browser = signed_in(app, world[who])
    before = fingerprint()
    assert browser.get(endorse_url(world)).status_code == status
    assert browser.post(endorse_url(world), endorsement_form(world)).status_code == status
    assert browser.post(pledge_url(world), pledge_form(world)).status_code == status
    assert fingerprint() == before


def test_the_facilitator_never_declares_revises_or_withdraws(session, world, app):
    shared = declared(world, world["stl"], world["leader"], visibility="facilitator", key="k-fac", note="shared",
                      approver=world["approver"])
    browser = signed_in(app, world["facilitator"])
    before = fingerprint()
    for response in (browser.post(endorse_url(world), endorsement_form(world)),
                     browser.post(f"/declarations/{shared.id}/revise", {"stance": "withdrawn", "version": "3",
                                                                        "visibility": "own"}),
                     browser.post(f"/declarations/{shared.id}/withdraw", {"version": "3"})):
        assert response.status_code in (403, 404)
    assert fingerprint() == before
    # Nor are they offered the buttons.
    assert "Endorse a candidate" not in page_text(browser.get(f"/tables/{world['table'].id}"))
    assert "Pledge capacity" not in page_text(browser.get(f"/races/{world['race'].id}"))


def test_a_table_the_person_does_not_sit_at_is_not_found(session, world, app):
    hidden = create_table("Bravo only", partners=[world["bravo"]], admin=world["site_admin"])
    session.commit()
    browser = signed_in(app, world["leader"])
    assert browser.get(endorse_url(world, table=hidden)).status_code == 404
    assert browser.get(f"/tables/{2**40}/organizations/{world['stl'].id}/pledge").status_code == 404
    assert browser.get(f"/tables/{hidden.id}/declarations").status_code == 404


def test_leaders_get_the_declare_buttons_on_the_race_and_table_pages(session, world, app):
    browser = signed_in(app, world["leader"])
    race_page = browser.get(f"/races/{world['race'].id}").get_data(as_text=True)
    assert f"{endorse_url(world)}?race_id={world['race'].id}" in race_page
    assert f"{pledge_url(world)}?race_id={world['race'].id}" in race_page
    table_page = browser.get(f"/tables/{world['table'].id}").get_data(as_text=True)
    assert endorse_url(world) in table_page and f"/tables/{world['table'].id}/declarations" in table_page
    member = signed_in(app, world["stl_member"])
    assert "Endorse a candidate" not in page_text(member.get(f"/races/{world['race'].id}"))


# --- revising and withdrawing ---------------------------------------------------------------

def test_a_revision_is_prefilled_and_waits_while_the_approved_one_stays_in_force(session, world, app):
    declaration = declared(world, world["stl"], world["leader"], visibility="table", key="k-rev",
                           note="first note", approver=world["approver"])
    browser = signed_in(app, world["leader"])
    page = browser.get(f"/declarations/{declaration.id}/revise")
    assert page.status_code == 200
    assert "first note" in page_text(page)
    version = re.search(r'name="version"[^>]*value="(\d+)"', page.get_data(as_text=True)).group(1)
    response = browser.post(f"/declarations/{declaration.id}/revise",
                            {"stance": "withdrawn", "note": "changed our mind", "visibility": "table",
                             "announced_on": "", "share_from": "", "version": version})
    assert response.status_code == 302
    session.expire_all()
    declaration = session.get(Declaration, declaration.id)
    assert declaration.current.stance == "endorsed" and declaration.pending.stance == "withdrawn"


def test_a_stale_revision_is_refused_with_who_changed_it(session, world, app):
    declaration = declared(world, world["stl"], world["leader"], visibility="own", key="k-stale", note="n")
    browser = signed_in(app, world["leader"])
    page = browser.get(f"/declarations/{declaration.id}/revise")
    version = re.search(r'name="version"[^>]*value="(\d+)"', page.get_data(as_text=True)).group(1)
    colleague = create_user("cat@alpha.example", "Cat Colleague")
    grant(colleague, world["stl"], "leader")
    revise(colleague, declaration, expected_version=declaration.version, stance="considering", visibility="own")
    session.commit()
    before = fingerprint()
    response = browser.post(f"/declarations/{declaration.id}/revise",
                            {"stance": "not_endorsing", "visibility": "own", "note": "", "version": version})
    assert response.status_code == 409
    text = page_text(response)
    assert "changed by Cat Colleague" in text and "reload" in text
    assert fingerprint() == before


def test_a_leader_withdraws_what_awaits_approval(session, world, app):
    declaration = declared(world, world["stl"], world["leader"], visibility="own", key="k-wd", note="n")
    browser = signed_in(app, world["leader"])
    page = browser.get(f"/declarations/{declaration.id}")
    assert "Withdraw what awaits approval" in page_text(page)
    response = browser.post(f"/declarations/{declaration.id}/withdraw", {"version": str(declaration.version)})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Declaration, declaration.id).latest.status == "withdrawn"
    # Nothing waits any more: a second withdrawal is a conflict and changes nothing.
    before = fingerprint()
    again = browser.post(f"/declarations/{declaration.id}/withdraw",
                         {"version": str(session.get(Declaration, declaration.id).version)})
    assert again.status_code == 409 and fingerprint() == before


def test_a_member_reads_a_declaration_but_is_offered_no_revision(session, world, app):
    declaration = declared(world, world["stl"], world["leader"], visibility="own", key="k-mem", note="n")
    browser = signed_in(app, world["stl_member"])
    page = browser.get(f"/declarations/{declaration.id}")
    assert page.status_code == 200 and "Revise" not in page_text(page)
    before = fingerprint()
    assert browser.post(f"/declarations/{declaration.id}/withdraw",
                        {"version": str(declaration.version)}).status_code == 403
    assert fingerprint() == before


# --- the table's declarations ---------------------------------------------------------------

def table_page(browser, w) -> str:
    response = browser.get(f"/tables/{w['table'].id}/declarations")
    assert response.status_code == 200
    return page_text(response)


def test_another_partner_sees_an_endorsement_only_once_approved(session, world, app):
    leader = signed_in(app, world["leader"])
    assert leader.post(endorse_url(world), endorsement_form(world, note="marker-north-side")).status_code == 302
    partner = signed_in(app, world["partner"])
    assert "marker-north-side" not in table_page(partner, world)

    [declaration] = declarations_of(session, world["stl"])
    decide(world["approver"], declaration.pending, approve=True)
    session.commit()
    text = table_page(partner, world)
    assert "marker-north-side" in text
    assert "Alpha St. Louis" in text and "Alpha Alliance" in text and "Endorsed: Cora Challenger" in text


def test_the_facilitator_sees_what_is_shared_with_them_and_nothing_unshared(session, world, app):
    declared(world, world["stl"], world["leader"], visibility="facilitator", key="k1", note="marker-for-fay",
             approver=world["approver"])
    declared(world, world["stl"], world["leader"], visibility="own", key="k2", note="marker-own-only", candidate=1,
             approver=world["approver"])
    declared(world, world["bravo_mo"], world["bravo_leader"], visibility="table", key="k3",
             note="marker-pending-bravo")
    browser = signed_in(app, world["facilitator"])
    text = table_page(browser, world)
    assert "marker-for-fay" in text
    assert "marker-own-only" not in text and "marker-pending-bravo" not in text
    # A partner does not see what is shared with the facilitator only.
    assert "marker-for-fay" not in table_page(signed_in(app, world["partner"]), world)


def test_a_partner_sees_its_own_trees_in_force_declarations_and_the_tables_shared_ones(session, world, app):
    declared(world, world["stl"], world["leader"], visibility="own", key="k1", note="marker-alpha-own",
             approver=world["approver"])
    declared(world, world["bravo_mo"], world["bravo_leader"], visibility="table", key="k2",
             note="marker-bravo-shared", approver=world["bravo_approver"])
    declared(world, world["stl"], world["leader"], visibility="table", key="k3", note="marker-alpha-pending",
             candidate=1)
    text = table_page(signed_in(app, world["approver"]), world)
    assert "marker-alpha-own" in text and "marker-bravo-shared" in text
    assert "marker-alpha-pending" not in text  # the version in force only: there is none yet
    bravo_text = table_page(signed_in(app, world["partner"]), world)
    assert "marker-bravo-shared" in bravo_text and "marker-alpha-own" not in bravo_text


def test_partners_are_listed_alphabetically_within_each_race(session, world, app):
    declared(world, world["bravo_mo"], world["bravo_leader"], visibility="table", key="k1", note="marker-b",
             approver=world["bravo_approver"])
    declared(world, world["stl"], world["leader"], visibility="table", key="k2", note="marker-a",
             approver=world["approver"])
    text = table_page(signed_in(app, world["facilitator"]), world)
    assert text.index("marker-a") < text.index("marker-b")
    assert "U.S. House MO-01 (primary)" in text


class QueryCounter:
    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, *args):
        self.count += 1


def test_the_table_list_and_the_home_page_take_a_constant_number_of_queries(session, world, app):
    fay, lou = signed_in(app, world["facilitator"]), signed_in(app, world["leader"])
    declared(world, world["stl"], world["leader"], visibility="table", key="k1", note="one",
             approver=world["approver"])

    def queries(browser, path):
        with QueryCounter(db.engine) as counter:
            assert browser.get(path).status_code == 200
        return counter.count

    few = queries(fay, f"/tables/{world['table'].id}/declarations"), queries(lou, "/")
    extra_race = create_race(world["table"], "MO-02", candidates=["Dee Two", "Eve Two"])
    session.commit()
    for n, candidate in enumerate(extra_race.candidates):
        declaration = declare(world["leader"], world["stl"], world["table"], kind="endorsement", race=extra_race,
                              candidate=candidate, stage="primary", submission_key=f"more-{n}", stance="endorsed",
                              visibility="table", note="more")
        decide(world["approver"], declaration.pending, approve=True)
    declared(world, world["bravo_mo"], world["bravo_leader"], visibility="table", key="k9", note="b",
             approver=world["bravo_approver"])
    declared(world, world["stl"], world["leader"], visibility="own", key="k10", note="p", candidate=1)
    many = queries(fay, f"/tables/{world['table'].id}/declarations"), queries(lou, "/")
    assert many == few


# --- the home page --------------------------------------------------------------------------

def test_the_home_page_shows_what_the_affiliate_shared_and_what_awaits_its_approvers(session, world, app):
    declared(world, world["stl"], world["leader"], visibility="table", key="k1", note="n",
             approver=world["approver"])
    declared(world, world["stl"], world["leader"], visibility="own", key="k2", note="n", candidate=1,
             approver=world["approver"])
    declared(world, world["stl"], world["leader"], visibility="table", key="k3", note="n", stage="general")
    home = signed_in(app, world["leader"]).get("/")
    assert home.status_code == 200
    text = page_text(home)
    shared = text[text.index("What Alpha St. Louis has shared"):text.index("Declarations of Alpha St. Louis")]
    assert "Cora Challenger (MO-01, primary)" in shared and "Ike Incumbent" not in shared
    awaiting = text[text.index("Awaiting approval"):text.index("What Alpha St. Louis has shared")]
    assert "Cora Challenger (MO-01, general)" in awaiting
    assert "await your decision" not in text  # a leader decides nothing

    approver_home = signed_in(app, world["approver"]).get("/")
    assert "1 declaration of your affiliates awaits your decision" in page_text(approver_home)
    assert 'href="/approvals"' in approver_home.get_data(as_text=True)
