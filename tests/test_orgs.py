"""The organization tree (issue #2): nationals, state and local affiliates,
moving, archiving, editing. Operations are exercised directly, and the pages
over HTTP; a refused request must answer 4xx with its reason and write nothing."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.errors import Conflict, InvalidInput
from portal.orgs import operations as orgs
from portal.orgs.models import Organization
from tests.factories import (
    PASSWORD, create_local, create_national, create_state, create_user, grant, page_text, table_counts,
)


def audit_actions(session, subject: Organization | None = None) -> list[str]:
    query = select(AuditEvent.action).order_by(AuditEvent.id)
    if subject is not None:
        query = query.where(AuditEvent.subject_type == "Organization", AuditEvent.subject_id == subject.id)
    return list(session.scalars(query))


@pytest.fixture
def tree(session):
    """Two nationals. Sunrise: national -> Missouri state -> Kansas City local,
    a St. Louis local directly under the national, and a Kansas state affiliate.
    Other national: its own Missouri state affiliate."""
    site_admin = create_user("root@example.org", "Site Admin", site_admin=True)
    national = create_national("Sunrise Network")
    mo = create_state(national, "MO", "Sunrise Missouri")
    ks = create_state(national, "KS", "Sunrise Kansas")
    kc = create_local(mo, "Kansas City", "Sunrise Kansas City")
    stl = create_local(national, "St. Louis", "Sunrise St. Louis", state_code="MO")
    other = create_national("Other Alliance")
    other_mo = create_state(other, "MO", "Other Missouri")
    admin = create_user("ada@sunrise.example", "Ada Admin")
    grant(admin, national, "admin")
    other_admin = create_user("otto@other.example", "Otto Other")
    grant(other_admin, other, "admin")
    session.commit()
    return {"site_admin": site_admin, "national": national, "mo": mo, "ks": ks, "kc": kc, "stl": stl,
            "other": other, "other_mo": other_mo, "admin": admin, "other_admin": other_admin}


def signed_in(browser, user):
    response = browser.sign_in(user.email, PASSWORD)
    assert response.status_code == 302, "sign-in failed"
    return browser


# --- creating --------------------------------------------------------------------------------

def test_a_site_admin_creates_a_national_and_it_is_audited(session, tree):
    national = orgs.create_national(tree["site_admin"], "  Justice Coalition  ", "501c3")
    session.commit()
    assert national.kind == "national" and national.parent_id is None and national.national_id is None
    assert national.name == "Justice Coalition"
    assert national.slug == "justice-coalition"
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "org.created",
                                                    AuditEvent.subject_id == national.id))
    assert event.actor_id == tree["site_admin"].id
    assert event.after["name"] == "Justice Coalition"


def test_a_site_admin_creates_a_national_through_the_page(session, tree, browser):
    signed_in(browser, tree["site_admin"])
    response = browser.post("/orgs/new-national", {"name": "Justice Coalition", "legal_status": "501c3"})
    assert response.status_code == 302
    national = session.scalar(select(Organization).where(Organization.name == "Justice Coalition"))
    assert national is not None and national.kind == "national" and national.legal_status == "501c3"
    assert response.headers["Location"] == f"/orgs/{national.id}"


def test_only_the_site_admin_may_create_a_national(session, tree, browser):
    signed_in(browser, tree["admin"])  # admin of a national, not of the site
    before = table_counts(session)
    response = browser.post("/orgs/new-national", {"name": "Rogue National", "legal_status": "501c3"})
    assert response.status_code == 403
    assert table_counts(session) == before


def test_a_second_national_with_the_same_name_is_refused(session, tree):
    with pytest.raises(Conflict, match="Another national is already called “sunrise network”"):
        orgs.create_national(tree["site_admin"], "sunrise network", "501c4")


def test_state_and_local_affiliates_hang_in_their_national_tree(session, tree):
    national = tree["national"]
    state = orgs.create_affiliate(tree["admin"], national, "state", "Sunrise Ohio", "501c4", state_code="oh")
    local = orgs.create_affiliate(tree["admin"], state, "local", "Sunrise Columbus", "501c4", city=" Columbus ")
    session.commit()
    assert (state.kind, state.parent_id, state.national_id, state.state_code, state.city) == \
        ("state", national.id, national.id, "OH", None)
    # A local under a state inherits the state's code.
    assert (local.kind, local.parent_id, local.national_id, local.state_code, local.city) == \
        ("local", state.id, national.id, "OH", "Columbus")
    created = session.scalars(select(AuditEvent.subject_id).where(AuditEvent.action == "org.created",
                                                                  AuditEvent.actor_id == tree["admin"].id)).all()
    assert set(created) == {state.id, local.id}


def test_a_national_admin_creates_an_affiliate_through_the_page(session, tree, browser):
    signed_in(browser, tree["admin"])
    response = browser.post(f"/orgs/{tree['national'].id}/affiliates/new",
                            {"kind": "state", "name": "Sunrise Ohio", "state_code": "OH", "city": "",
                             "legal_status": "501c4"})
    assert response.status_code == 302
    state = session.scalar(select(Organization).where(Organization.name == "Sunrise Ohio"))
    assert state.kind == "state" and state.state_code == "OH" and state.national_id == tree["national"].id


def test_a_local_may_hang_directly_under_its_national(session, tree):
    local = orgs.create_affiliate(tree["admin"], tree["national"], "local", "Sunrise Boise", "501c4",
                                  state_code="ID", city="Boise")
    assert local.parent_id == tree["national"].id and local.state_code == "ID"


def test_an_unknown_state_code_is_refused_with_a_clear_message(session, tree):
    before = table_counts(session)
    with pytest.raises(InvalidInput, match="“ZZ” is not a U.S. state or territory code") as refused:
        orgs.create_affiliate(tree["admin"], tree["national"], "state", "Sunrise Nowhere", "501c4", state_code="ZZ")
    assert refused.value.field == "state_code"
    assert table_counts(session) == before


def test_a_state_affiliate_needs_a_state(session, tree):
    with pytest.raises(InvalidInput, match="Choose the state"):
        orgs.create_affiliate(tree["admin"], tree["national"], "state", "Sunrise Somewhere", "501c4")


def test_a_local_under_a_state_affiliate_must_be_in_the_same_state(session, tree):
    before = table_counts(session)
    with pytest.raises(InvalidInput, match="A local under Sunrise Missouri must be in Missouri"):
        orgs.create_affiliate(tree["admin"], tree["mo"], "local", "Sunrise Wichita", "501c4",
                              state_code="KS", city="Wichita")
    assert table_counts(session) == before


def test_a_local_needs_its_city(session, tree):
    with pytest.raises(InvalidInput, match="needs its city"):
        orgs.create_affiliate(tree["admin"], tree["mo"], "local", "Sunrise Springfield", "501c4", city="  ")


def test_a_state_affiliate_cannot_hang_under_another_state_affiliate(session, tree):
    with pytest.raises(InvalidInput, match="directly under its national"):
        orgs.create_affiliate(tree["admin"], tree["mo"], "state", "Sunrise Missouri North", "501c4", state_code="MO")


def test_a_local_cannot_have_affiliates_of_its_own(session, tree):
    with pytest.raises(InvalidInput, match="cannot have affiliates"):
        orgs.create_affiliate(tree["admin"], tree["kc"], "local", "Sunrise KC East", "501c4", city="Kansas City")


def test_empty_or_overlong_names_are_refused(session, tree, subtests):
    for name, message in [("", "A name is needed."), ("   ", "A name is needed."),
                          ("x" * 201, "Names are at most 200 characters.")]:
        with subtests.test(name=name):
            before = table_counts(session)
            with pytest.raises(InvalidInput, match=message):
                orgs.create_national(tree["site_admin"], name, "501c3")
            with pytest.raises(InvalidInput, match=message):
                orgs.create_affiliate(tree["admin"], tree["national"], "state", name, "501c4", state_code="OH")
            with pytest.raises(InvalidInput, match=message):
                orgs.edit_organization(tree["admin"], tree["mo"], name=name, legal_status="501c4", city=None,
                                       expected_version=tree["mo"].version)
            session.rollback()
            assert table_counts(session) == before
            assert session.get(Organization, tree["mo"].id).name == "Sunrise Missouri"


def test_a_name_of_exactly_the_maximum_length_is_accepted(session, tree):
    national = orgs.create_national(tree["site_admin"], "N" * 200, "501c3")
    assert len(national.name) == 200


# --- creating over HTTP: refusals answer 4xx with the reason and write nothing ---------------

BAD_AFFILIATE_FORMS = [
    ({"kind": "state", "name": "   ", "state_code": "OH"}, 422, "This cannot be blank."),
    ({"kind": "state", "name": "x" * 201, "state_code": "OH"}, 422, "Field cannot be longer than 200 characters."),
    ({"kind": "state", "name": "Sunrise Nowhere", "state_code": "ZZ"}, 422, "Not a valid choice"),
    ({"kind": "state", "name": "Sunrise Nowhere", "state_code": ""}, 422, "Choose the state."),
    ({"kind": "local", "name": "Sunrise Nowhere", "state_code": "OH", "city": ""}, 422,
     "A local affiliate needs its city."),
    ({"kind": "state", "name": "Sunrise Missouri", "state_code": "MO"}, 409,
     "Another organization under the same parent is already called “Sunrise Missouri”."),
]


def test_a_bad_affiliate_form_answers_4xx_with_the_reason_and_writes_nothing(session, tree, browser, subtests):
    signed_in(browser, tree["admin"])
    for form, status, message in BAD_AFFILIATE_FORMS:
        with subtests.test(message=message):
            before = table_counts(session)
            response = browser.post(f"/orgs/{tree['national'].id}/affiliates/new",
                                    {"city": "", "legal_status": "501c4", **form})
            assert response.status_code == status
            assert message in page_text(response)
            assert table_counts(session) == before


def test_a_local_in_another_state_than_its_state_parent_is_refused_over_http(session, tree, browser):
    signed_in(browser, tree["admin"])
    before = table_counts(session)
    response = browser.post(f"/orgs/{tree['mo'].id}/affiliates/new",
                            {"kind": "local", "name": "Sunrise Wichita", "state_code": "KS", "city": "Wichita",
                             "legal_status": "501c4"})
    assert response.status_code == 422
    assert "A local under Sunrise Missouri must be in Missouri." in page_text(response)
    assert table_counts(session) == before


def test_a_blank_national_name_answers_422_and_writes_nothing(session, tree, browser):
    signed_in(browser, tree["site_admin"])
    before = table_counts(session)
    response = browser.post("/orgs/new-national", {"name": "  ", "legal_status": "501c3"})
    assert response.status_code == 422
    assert "This cannot be blank." in page_text(response)
    assert table_counts(session) == before


def test_a_post_without_a_csrf_token_is_refused_and_writes_nothing(session, tree, browser):
    signed_in(browser, tree["site_admin"])
    before = table_counts(session)
    response = browser.client.post("/orgs/new-national", data={"name": "No Token", "legal_status": "501c3"})
    assert 400 <= response.status_code < 500
    assert table_counts(session) == before


# --- moving ----------------------------------------------------------------------------------

def test_moving_a_local_within_its_national_works_and_is_audited(session, tree):
    stl, mo, admin = tree["stl"], tree["mo"], tree["admin"]
    orgs.move_organization(admin, stl, mo)
    session.commit()
    session.expire_all()
    assert session.get(Organization, stl.id).parent_id == mo.id
    assert session.get(Organization, stl.id).national_id == tree["national"].id
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "org.moved"))
    assert event.subject_id == stl.id and event.actor_id == admin.id
    assert event.before == {"parent_id": tree["national"].id}
    assert event.after == {"parent_id": mo.id}
    assert "from Sunrise Network to Sunrise Missouri" in event.summary


def test_a_local_moves_back_up_under_its_national(session, tree):
    orgs.move_organization(tree["admin"], tree["kc"], tree["national"])
    session.commit()
    assert session.get(Organization, tree["kc"].id).parent_id == tree["national"].id


def test_moving_a_local_through_the_page_works(session, tree, browser):
    signed_in(browser, tree["admin"])
    response = browser.post(f"/orgs/{tree['stl'].id}/move", {"new_parent_id": tree["mo"].id})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Organization, tree["stl"].id).parent_id == tree["mo"].id
    assert "org.moved" in audit_actions(session, tree["stl"])


def _refused_move(session, actor, org, new_parent, message):
    before_counts = table_counts(session)
    before_parent = org.parent_id
    with pytest.raises(InvalidInput, match=message):
        orgs.move_organization(actor, org, new_parent)
    assert table_counts(session) == before_counts
    assert org.parent_id == before_parent
    session.commit()  # nothing pending either: committing changes nothing
    session.expire_all()
    assert session.get(Organization, org.id).parent_id == before_parent
    assert "org.moved" not in audit_actions(session)


def test_an_affiliate_cannot_move_under_itself(session, tree):
    _refused_move(session, tree["admin"], tree["kc"], tree["kc"], "cannot move under itself")


def test_an_affiliate_cannot_move_under_its_own_descendant(session, tree):
    _refused_move(session, tree["admin"], tree["mo"], tree["kc"], "cannot move under itself or one of its own")


def test_an_affiliate_cannot_move_into_another_nationals_tree(session, tree):
    _refused_move(session, tree["admin"], tree["kc"], tree["other_mo"], "another national's tree")
    # Not even when the mover administers both nationals.
    _refused_move(session, tree["site_admin"], tree["kc"], tree["other"], "another national's tree")


def test_a_state_affiliate_cannot_be_moved(session, tree):
    _refused_move(session, tree["admin"], tree["ks"], tree["mo"], "always hangs directly under its national")


def test_a_national_cannot_be_moved(session, tree):
    _refused_move(session, tree["site_admin"], tree["national"], tree["other"], "root of its tree")


def test_a_local_cannot_move_under_another_local(session, tree):
    _refused_move(session, tree["admin"], tree["stl"], tree["kc"], "cannot hang under another local")


def test_a_local_cannot_move_under_a_state_affiliate_of_another_state(session, tree):
    _refused_move(session, tree["admin"], tree["stl"], tree["ks"], "can only move under the national or a Missouri")


def test_a_move_to_where_it_already_hangs_is_refused(session, tree):
    _refused_move(session, tree["admin"], tree["kc"], tree["mo"], "already under Sunrise Missouri")


def test_a_local_admin_cannot_move_their_local_under_a_state_they_do_not_manage(session, tree):
    local_admin = create_user("lou@sunrise.example", "Lou Local")
    grant(local_admin, tree["stl"], "admin")
    session.commit()
    _refused_move(session, local_admin, tree["stl"], tree["mo"], "You do not manage Sunrise Missouri")


def test_a_refused_move_over_http_answers_4xx_and_writes_nothing(session, tree, browser, subtests):
    signed_in(browser, tree["admin"])
    for org_key, parent_key, message in [
        ("kc", "kc", "Choose a new parent from the list."),  # itself (not offered)
        ("kc", "other_mo", "Choose a new parent from the list."),  # another national's tree (not offered)
        ("kc", "stl", "Choose a new parent from the list."),  # a local (not offered)
        ("stl", "ks", "it can only move under the national or a Missouri affiliate"),
        ("kc", "mo", "Sunrise Kansas City is already under Sunrise Missouri."),
    ]:
        with subtests.test(org=org_key, new_parent=parent_key):
            before = table_counts(session)
            org = tree[org_key]
            parent_id = org.parent_id
            response = browser.post(f"/orgs/{org.id}/move", {"new_parent_id": tree[parent_key].id})
            assert response.status_code == 422
            assert message in page_text(response)
            assert table_counts(session) == before
            session.expire_all()
            assert session.get(Organization, org.id).parent_id == parent_id


def test_moving_a_state_affiliate_over_http_is_refused(session, tree, browser):
    signed_in(browser, tree["admin"])
    before = table_counts(session)
    response = browser.post(f"/orgs/{tree['ks'].id}/move", {"new_parent_id": tree["mo"].id})
    assert response.status_code == 422
    assert "A state affiliate always hangs directly under its national." in page_text(response)
    assert table_counts(session) == before


def test_another_nationals_admin_cannot_even_see_the_move_page(session, tree, browser):
    signed_in(browser, tree["other_admin"])
    response = browser.post(f"/orgs/{tree['stl'].id}/move", {"new_parent_id": tree["other_mo"].id})
    assert response.status_code == 404
    session.expire_all()
    assert session.get(Organization, tree["stl"].id).parent_id == tree["national"].id


# --- archiving -------------------------------------------------------------------------------

def test_archiving_is_refused_while_active_affiliates_remain(session, tree):
    before = table_counts(session)
    with pytest.raises(InvalidInput, match="Sunrise Missouri still has active affiliates \\(Sunrise Kansas City"):
        orgs.archive_organization(tree["admin"], tree["mo"])
    assert tree["mo"].archived_at is None
    assert table_counts(session) == before


def test_archive_then_restore_an_affiliate(session, tree):
    admin, kc, mo = tree["admin"], tree["kc"], tree["mo"]
    orgs.archive_organization(admin, kc)
    orgs.archive_organization(admin, mo)  # its only child is archived now
    session.commit()
    assert kc.is_archived and mo.is_archived
    with pytest.raises(InvalidInput, match="Restore Sunrise Missouri first"):
        orgs.restore_organization(admin, kc)
    with pytest.raises(Conflict, match="already archived"):
        orgs.archive_organization(admin, kc)
    orgs.restore_organization(admin, mo)
    orgs.restore_organization(admin, kc)
    session.commit()
    session.expire_all()
    assert session.get(Organization, kc.id).archived_at is None
    assert session.get(Organization, mo.id).archived_at is None
    with pytest.raises(Conflict, match="is not archived"):
        orgs.restore_organization(admin, kc)
    assert audit_actions(session, kc) == ["org.created", "org.archived", "org.restored"]
    assert audit_actions(session, mo) == ["org.created", "org.archived", "org.restored"]


def test_an_archived_organization_takes_no_new_affiliates(session, tree):
    orgs.archive_organization(tree["admin"], tree["ks"])
    with pytest.raises(InvalidInput, match="is archived"):
        orgs.create_affiliate(tree["admin"], tree["ks"], "local", "Sunrise Topeka", "501c4", city="Topeka")


def test_archive_and_restore_over_http(session, tree, browser):
    signed_in(browser, tree["admin"])
    before = table_counts(session)
    refused = browser.post(f"/orgs/{tree['mo'].id}/archive")
    assert refused.status_code == 422
    assert "still has active affiliates" in page_text(refused)
    assert table_counts(session) == before

    assert browser.post(f"/orgs/{tree['kc'].id}/archive").status_code == 302
    session.expire_all()
    assert session.get(Organization, tree["kc"].id).archived_at is not None
    assert browser.post(f"/orgs/{tree['kc'].id}/restore").status_code == 302
    session.expire_all()
    assert session.get(Organization, tree["kc"].id).archived_at is None


def test_a_national_admin_cannot_archive_their_national(session, tree, browser):
    signed_in(browser, tree["admin"])
    orgs.archive_organization(tree["site_admin"], tree["kc"])  # leave no active children in the way
    session.commit()
    before = table_counts(session)
    assert browser.post(f"/orgs/{tree['national'].id}/archive").status_code == 403
    assert table_counts(session) == before


# --- editing ---------------------------------------------------------------------------------

def test_an_edit_with_the_current_version_saves_and_records_before_and_after(session, tree):
    mo = tree["mo"]
    orgs.edit_organization(tree["admin"], mo, name="Sunrise Show-Me", legal_status="501c3", city=None,
                           expected_version=mo.version)
    session.commit()
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "org.edited"))
    assert event.before == {"name": "Sunrise Missouri", "legal_status": "501c4"}
    assert event.after == {"name": "Sunrise Show-Me", "legal_status": "501c3"}


def test_an_edit_with_a_stale_version_is_refused_naming_who_changed_it(session, tree):
    mo = tree["mo"]
    other_admin = create_user("bea@sunrise.example", "Bea Other")
    grant(other_admin, tree["national"], "admin")
    session.commit()
    seen_version = mo.version
    orgs.edit_organization(other_admin, mo, name="Sunrise MO", legal_status="501c4", city=None,
                           expected_version=seen_version)
    session.commit()
    with pytest.raises(Conflict, match="changed by Bea Other at .* reload the page") as refused:
        orgs.edit_organization(tree["admin"], mo, name="Sunrise Missouri State", legal_status="501c4", city=None,
                               expected_version=seen_version)
    assert refused.value.status == 409
    session.rollback()
    assert session.get(Organization, mo.id).name == "Sunrise MO"


def test_a_stale_edit_over_http_answers_409_with_who_changed_it_and_writes_nothing(session, tree, browser):
    mo = tree["mo"]
    other_admin = create_user("bea@sunrise.example", "Bea Other")
    grant(other_admin, tree["national"], "admin")
    session.commit()
    signed_in(browser, tree["admin"])
    form_page = browser.get(f"/orgs/{mo.id}/edit")
    assert form_page.status_code == 200
    assert f'name="version" type="hidden" value="{mo.version}"' in form_page.get_data(as_text=True)

    # Someone else saves while the form is open.
    orgs.edit_organization(other_admin, mo, name="Sunrise MO", legal_status="501c4", city=None,
                           expected_version=mo.version)
    session.commit()
    before = table_counts(session)
    response = browser.post(f"/orgs/{mo.id}/edit", {"name": "Sunrise Missouri State", "legal_status": "501c4",
                                                    "city": "", "version": str(mo.version - 1)})
    assert response.status_code == 409
    text = page_text(response)
    assert "This organization was changed by Bea Other at" in text
    assert "reload the page" in text
    assert table_counts(session) == before
    session.expire_all()
    assert session.get(Organization, mo.id).name == "Sunrise MO"


def test_an_edit_over_http_with_the_current_version_saves(session, tree, browser):
    mo = tree["mo"]
    signed_in(browser, tree["admin"])
    response = browser.post(f"/orgs/{mo.id}/edit", {"name": "Sunrise Show-Me", "legal_status": "501c4",
                                                    "city": "", "version": str(mo.version)})
    assert response.status_code == 302
    session.expire_all()
    saved = session.get(Organization, mo.id)
    assert saved.name == "Sunrise Show-Me" and saved.updated_by_id == tree["admin"].id


def test_a_refused_edit_over_http_leaves_the_other_fields_untouched(session, tree, browser):
    """The name is valid but the city is missing: the whole edit is refused."""
    kc = tree["kc"]
    signed_in(browser, tree["admin"])
    before = table_counts(session)
    response = browser.post(f"/orgs/{kc.id}/edit", {"name": "Sunrise KC Metro", "legal_status": "501c4",
                                                    "city": "", "version": str(kc.version)})
    assert response.status_code == 422
    assert "A local affiliate needs its city." in page_text(response)
    assert table_counts(session) == before
    session.expire_all()
    saved = session.get(Organization, kc.id)
    assert (saved.name, saved.version) == ("Sunrise Kansas City", kc.version)


def test_a_bad_name_in_the_edit_form_answers_4xx_and_writes_nothing(session, tree, browser, subtests):
    mo = tree["mo"]
    signed_in(browser, tree["admin"])
    for name, status, message in [
        ("   ", 422, "This cannot be blank."),
        ("y" * 201, 422, "Field cannot be longer than 200 characters."),
        ("Sunrise Kansas", 409, "Another organization under the same parent is already called “Sunrise Kansas”."),
    ]:
        with subtests.test(name=name):
            before = table_counts(session)
            response = browser.post(f"/orgs/{mo.id}/edit", {"name": name, "legal_status": "501c4", "city": "",
                                                            "version": str(mo.version)})
            assert response.status_code == status
            assert message in page_text(response)
            assert table_counts(session) == before
            session.expire_all()
            assert session.get(Organization, mo.id).name == "Sunrise Missouri"


def test_a_member_cannot_edit_their_organization(session, tree, browser):
    member = create_user("mo@sunrise.example", "Mo Member")
    grant(member, tree["mo"], "member")
    session.commit()
    signed_in(browser, member)
    response = browser.post(f"/orgs/{tree['mo'].id}/edit", {"name": "Hijacked", "legal_status": "501c4",
                                                            "city": "", "version": str(tree["mo"].version)})
    assert response.status_code == 403
    session.expire_all()
    assert session.get(Organization, tree["mo"].id).name == "Sunrise Missouri"
