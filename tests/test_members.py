"""Memberships and invitations (issue #2): who may invite whom to what, the
single-use invitation link, roles and their rank rules, the facilitator's
neutrality, and the end of sessions of someone who no longer belongs anywhere."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from portal.auth.models import User, UserSession
from portal.db import utcnow
from portal.errors import Conflict, InvalidInput
from portal.members import operations as members
from portal.members.models import Invitation, Membership
from portal.tables import operations as tables
from tests.conftest import Browser
from tests.factories import (
    PASSWORD, create_local, create_national, create_state, create_table, create_user, grant, page_text, table_counts,
)

NEW_PASSWORD = "a long enough password"


@pytest.fixture
def world(session):
    """Sunrise: national -> Missouri -> Kansas City, with an admin and an
    approver at the national. Other: a national with its own admin."""
    site_admin = create_user("root@example.org", "Site Admin", site_admin=True)
    national = create_national("Sunrise Network")
    mo = create_state(national, "MO", "Sunrise Missouri")
    kc = create_local(mo, "Kansas City", "Sunrise Kansas City")
    other = create_national("Other Alliance")
    admin = create_user("ada@sunrise.example", "Ada Admin")
    admin_membership = grant(admin, national, "admin")
    approver = create_user("abe@sunrise.example", "Abe Approver")
    grant(approver, national, "approver")
    other_admin = create_user("otto@other.example", "Otto Other")
    grant(other_admin, other, "admin")
    session.commit()
    return {"site_admin": site_admin, "national": national, "mo": mo, "kc": kc, "other": other, "admin": admin,
            "admin_membership": admin_membership, "approver": approver, "other_admin": other_admin}


def new_browser(app) -> Browser:
    return Browser(app.test_client())


def signed_in(app, user) -> Browser:
    browser = new_browser(app)
    assert browser.sign_in(user.email, PASSWORD).status_code == 302, "sign-in failed"
    return browser


def make_facilitator(session, email="fay@neutral.example", name="Fay Facilitator"):
    facilitator = create_user(email, name)
    create_table("Federal 2026", facilitator=facilitator)
    session.commit()
    return facilitator


def membership_of(session, user, org) -> Membership | None:
    return session.scalar(select(Membership).where(Membership.user_id == user.id,
                                                   Membership.organization_id == org.id))


def invite_link_token(response) -> str:
    match = re.search(r"/invitations/accept/([A-Za-z0-9_\-]+)", page_text(response))
    assert match, "no invitation link on the page"
    return match.group(1)


# --- who may invite ----------------------------------------------------------------------

def test_a_national_admin_invites_to_any_organization_of_their_tree(session, world, subtests):
    for org_key in ["national", "mo", "kc"]:
        with subtests.test(org=org_key):
            org = world[org_key]
            invitation, token = members.invite(world["admin"], org, "New.Person@Example.org ", "admin")
            session.commit()
            assert (invitation.organization_id, invitation.email, invitation.role) == (
                org.id, "new.person@example.org", "admin")
            assert invitation.token_hash == members.token_hash(token) and token not in invitation.token_hash
            assert members.find_open_invitation(token) == invitation


def test_a_national_admin_invites_through_the_page_and_gets_a_working_link(session, world, app):
    browser = signed_in(app, world["admin"])
    response = browser.post(f"/orgs/{world['kc'].id}/invitations/new", {"email": "kim@example.org", "role": "leader"},
                            follow_redirects=True)
    assert response.status_code == 200
    token = invite_link_token(response)
    invitation = members.find_open_invitation(token)
    assert (invitation.organization_id, invitation.email, invitation.role) == (world["kc"].id, "kim@example.org",
                                                                               "leader")
    assert new_browser(app).get(f"/invitations/accept/{token}").status_code == 200


def test_an_approver_can_invite_up_to_approver(session, world):
    for role in ("approver", "leader", "member"):
        invitation, _ = members.invite(world["approver"], world["kc"], f"{role}@example.org", role)
        assert invitation.role == role


def test_an_approver_cannot_invite_an_admin(session, world):
    before = table_counts(session)
    with pytest.raises(InvalidInput, match="You can grant roles up to approver at Sunrise Kansas City; admin is above"):
        members.invite(world["approver"], world["kc"], "boss@example.org", "admin")
    assert table_counts(session) == before


def test_an_approver_posting_an_admin_invitation_gets_422_and_nothing_is_written(session, world, app):
    browser = signed_in(app, world["approver"])
    form = browser.get(f"/orgs/{world['kc'].id}/invitations/new")
    assert form.status_code == 200
    assert 'value="admin"' not in form.get_data(as_text=True)  # not even offered
    before = table_counts(session)
    response = browser.post(f"/orgs/{world['kc'].id}/invitations/new", {"email": "boss@example.org", "role": "admin"})
    assert response.status_code == 422
    assert "Not a valid choice" in page_text(response)
    assert table_counts(session) == before


def test_a_leader_or_member_cannot_invite(session, world, app):
    leader = create_user("lee@sunrise.example", "Lee Leader")
    grant(leader, world["kc"], "leader")
    session.commit()
    with pytest.raises(InvalidInput, match="up to none"):
        members.invite(leader, world["kc"], "friend@example.org", "member")
    session.rollback()
    browser = signed_in(app, leader)
    before = table_counts(session)
    response = browser.post(f"/orgs/{world['kc'].id}/invitations/new",
                            {"email": "friend@example.org", "role": "member"})
    assert response.status_code == 403
    assert table_counts(session) == before


def test_inviting_into_another_nationals_tree_is_not_found(session, world, app):
    browser = signed_in(app, world["other_admin"])
    before = table_counts(session)
    assert browser.get(f"/orgs/{world['kc'].id}/invitations/new").status_code == 404
    response = browser.post(f"/orgs/{world['kc'].id}/invitations/new", {"email": "spy@other.example", "role": "member"})
    assert response.status_code == 404
    assert table_counts(session) == before


def test_an_archived_organization_takes_no_invitations(session, world):
    from portal.orgs import operations as orgs
    orgs.archive_organization(world["admin"], world["kc"])
    with pytest.raises(InvalidInput, match="is archived"):
        members.invite(world["admin"], world["kc"], "late@example.org", "member")


def test_inviting_someone_who_already_holds_a_role_there_is_refused(session, world):
    with pytest.raises(Conflict, match="Abe Approver is already approver at Sunrise Network"):
        members.invite(world["admin"], world["national"], "abe@sunrise.example", "member")


# --- the link: single use, 14 days ---------------------------------------------------------

def test_an_invitation_expires_after_14_days(session, world):
    invitation, token = members.invite(world["admin"], world["kc"], "kim@example.org", "member")
    session.commit()
    assert invitation.expires_at - invitation.created_at == timedelta(days=14)
    # Both moved back in time together (the table insists expires_at > created_at).
    session.execute(update(Invitation).where(Invitation.id == invitation.id).values(
        created_at=utcnow() - timedelta(days=14, minutes=1), expires_at=utcnow() - timedelta(minutes=1)))
    session.commit()
    session.expire_all()
    assert members.find_open_invitation(token) is None


def test_an_expired_link_answers_404_and_creates_nothing(session, world, app):
    invitation, token = members.invite(world["admin"], world["kc"], "kim@example.org", "member")
    session.commit()
    browser = new_browser(app)
    assert browser.refresh_csrf(f"/invitations/accept/{token}").status_code == 200  # still valid: a minute left
    session.execute(update(Invitation).where(Invitation.id == invitation.id).values(
        created_at=utcnow() - timedelta(days=14), expires_at=utcnow() - timedelta(seconds=1)))
    session.commit()
    before = table_counts(session)
    assert browser.get(f"/invitations/accept/{token}").status_code == 404
    response = browser.post(f"/invitations/accept/{token}", {"name": "Kim", "password": NEW_PASSWORD,
                                                             "confirm": NEW_PASSWORD})
    assert response.status_code == 404
    assert "it was used, revoked or has expired" in page_text(response)
    assert table_counts(session) == before


def test_an_unknown_token_answers_404(app, world):
    assert new_browser(app).get("/invitations/accept/not-a-real-token").status_code == 404


def test_an_invitation_link_works_only_once(session, world, app):
    _, token = members.invite(world["admin"], world["kc"], "kim@example.org", "leader")
    session.commit()
    first = new_browser(app)
    first.refresh_csrf(f"/invitations/accept/{token}")
    accepted = first.post(f"/invitations/accept/{token}", {"name": "Kim Newcomer", "password": NEW_PASSWORD,
                                                           "confirm": NEW_PASSWORD})
    assert accepted.status_code == 302

    second = new_browser(app)
    before = table_counts(session)
    reopened = second.get(f"/invitations/accept/{token}")
    assert reopened.status_code == 404
    assert "This invitation link is not valid" in page_text(reopened)
    # The person who used it cannot use it again either.
    first.refresh_csrf("/account")
    assert first.post(f"/invitations/accept/{token}").status_code == 404
    assert table_counts(session) == before


# --- accepting -------------------------------------------------------------------------------

def test_accepting_while_signed_out_creates_the_account_and_signs_in(session, world, app):
    invitation, token = members.invite(world["admin"], world["kc"], "kim@example.org", "leader")
    session.commit()
    browser = new_browser(app)
    page = browser.refresh_csrf(f"/invitations/accept/{token}")
    assert "Create your account for kim@example.org" in page_text(page)
    response = browser.post(f"/invitations/accept/{token}", {"name": "Kim Newcomer", "password": NEW_PASSWORD,
                                                             "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/orgs/{world['kc'].id}"

    session.expire_all()
    kim = session.scalar(select(User).where(User.email == "kim@example.org"))
    assert kim is not None and kim.name == "Kim Newcomer"
    membership = membership_of(session, kim, world["kc"])
    assert (membership.role, membership.source, membership.granted_by_id) == ("leader", "invitation",
                                                                              world["admin"].id)
    invitation = session.get(Invitation, invitation.id)
    assert invitation.accepted_by_id == kim.id and invitation.accepted_at is not None
    assert session.scalar(select(func.count()).select_from(UserSession).where(UserSession.user_id == kim.id)) == 1
    # Signed in: the home page opens, acting for the new organization.
    home = browser.get("/")
    assert home.status_code == 200
    assert "Sunrise Kansas City" in page_text(home) and "Kim Newcomer" in page_text(home)
    # And the new password works on the sign-in form.
    assert new_browser(app).sign_in("kim@example.org", NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize("password, confirm, message", [
    ("short pw1", "short pw1", "Use between 10 and 200 characters."),
    (NEW_PASSWORD, NEW_PASSWORD + "!", "The two passwords differ."),
])
def test_a_new_account_needs_a_matching_password_of_ten_characters(session, world, app, password, confirm, message):
    _, token = members.invite(world["admin"], world["kc"], "kim@example.org", "leader")
    session.commit()
    browser = new_browser(app)
    browser.refresh_csrf(f"/invitations/accept/{token}")
    before = table_counts(session)
    response = browser.post(f"/invitations/accept/{token}", {"name": "Kim Newcomer", "password": password,
                                                             "confirm": confirm})
    assert response.status_code == 422
    assert message in page_text(response)
    assert table_counts(session) == before
    assert members.find_open_invitation(token) is not None  # still usable
    assert browser.get("/").status_code == 302  # not signed in


def test_a_password_of_exactly_ten_characters_is_enough(session, world, app):
    _, token = members.invite(world["admin"], world["kc"], "kim@example.org", "leader")
    session.commit()
    browser = new_browser(app)
    browser.refresh_csrf(f"/invitations/accept/{token}")
    response = browser.post(f"/invitations/accept/{token}", {"name": "Kim", "password": "0123456789",
                                                             "confirm": "0123456789"})
    assert response.status_code == 302


def test_accepting_while_signed_in_links_the_invitation_to_the_signed_in_account(session, world, app):
    sam = create_user("sam@home.example", "Sam Signedin")
    grant(sam, world["other"], "member")
    session.commit()
    invitation, token = members.invite(world["admin"], world["kc"], "sam@work.example", "member")
    session.commit()
    browser = signed_in(app, sam)
    page = browser.get(f"/invitations/accept/{token}")
    assert "Accept as Sam Signedin (sam@home.example)" in page_text(page)
    users_before = session.scalar(select(func.count()).select_from(User))
    response = browser.post(f"/invitations/accept/{token}")
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Invitation, invitation.id).accepted_by_id == sam.id
    assert membership_of(session, sam, world["kc"]).role == "member"
    assert session.scalar(select(func.count()).select_from(User)) == users_before  # no account for sam@work
    assert browser.get(f"/orgs/{world['kc'].id}").status_code == 200


def test_an_existing_account_must_sign_in_before_accepting(session, world, app):
    existing = create_user("sam@home.example", "Sam Existing")
    session.commit()
    _, token = members.invite(world["admin"], world["kc"], "sam@home.example", "member")
    session.commit()
    browser = new_browser(app)
    page = browser.get(f"/invitations/accept/{token}")
    assert "An account for sam@home.example exists. Sign in, then accept." in page_text(page)
    browser.refresh_csrf("/sign-in")  # the page offers no form; post anyway, with a valid token
    before = table_counts(session)
    response = browser.post(f"/invitations/accept/{token}", {"name": "Mallory", "password": NEW_PASSWORD,
                                                             "confirm": NEW_PASSWORD})
    assert response.status_code == 400
    assert "sign in first" in page_text(response)
    assert table_counts(session) == before
    assert membership_of(session, existing, world["kc"]) is None


def test_accepting_a_higher_role_where_one_is_held_raises_it(session, world):
    kim = create_user("kim@example.org", "Kim")
    grant(kim, world["kc"], "member")
    invitation = Invitation(organization_id=world["kc"].id, email="kim@example.org", role="leader",
                            token_hash="0" * 64, invited_by_id=world["admin"].id, created_at=utcnow(),
                            expires_at=utcnow() + timedelta(days=1))
    session.add(invitation)
    session.flush()
    membership = members.accept_invitation(invitation, kim)
    assert membership.role == "leader"


# --- re-inviting -----------------------------------------------------------------------------

def test_a_re_invitation_revokes_the_previous_open_one(session, world, app):
    first, first_token = members.invite(world["admin"], world["kc"], "kim@example.org", "member")
    session.commit()
    second, second_token = members.invite(world["admin"], world["kc"], "KIM@example.org", "leader")
    session.commit()
    session.expire_all()
    assert session.get(Invitation, first.id).revoked_at is not None
    assert session.get(Invitation, second.id).revoked_at is None
    open_count = session.scalar(select(func.count()).select_from(Invitation).where(
        Invitation.organization_id == world["kc"].id, Invitation.email == "kim@example.org",
        Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None)))
    assert open_count == 1
    assert members.find_open_invitation(first_token) is None
    assert members.find_open_invitation(second_token).role == "leader"
    assert new_browser(app).get(f"/invitations/accept/{first_token}").status_code == 404


def test_the_database_allows_one_open_invitation_per_person_and_organization(session, world):
    def open_invitation(token_hash, org):
        return Invitation(organization_id=org.id, email="kim@example.org", role="member", token_hash=token_hash,
                          invited_by_id=world["admin"].id, created_at=utcnow(),
                          expires_at=utcnow() + timedelta(days=14))

    session.add(open_invitation("a" * 64, world["kc"]))
    session.flush()
    session.add(open_invitation("c" * 64, world["mo"]))  # another organization is fine
    session.flush()
    session.add(open_invitation("b" * 64, world["kc"]))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_a_revoked_invitation_leaves_room_for_a_new_one_in_the_database(session, world):
    old = Invitation(organization_id=world["kc"].id, email="kim@example.org", role="member", token_hash="a" * 64,
                     invited_by_id=world["admin"].id, created_at=utcnow(), expires_at=utcnow() + timedelta(days=14),
                     revoked_at=utcnow())
    session.add(old)
    session.flush()
    invitation, _ = members.invite(world["admin"], world["kc"], "kim@example.org", "member")
    session.commit()
    assert invitation.id != old.id


# --- facilitators stay neutral ---------------------------------------------------------------

def test_a_facilitator_cannot_be_invited(session, world, app):
    facilitator = make_facilitator(session)
    before = table_counts(session)
    with pytest.raises(InvalidInput, match="Fay Facilitator is a table facilitator"):
        members.invite(world["admin"], world["kc"], facilitator.email, "member")
    assert table_counts(session) == before
    session.rollback()

    browser = signed_in(app, world["admin"])
    before = table_counts(session)
    response = browser.post(f"/orgs/{world['kc'].id}/invitations/new", {"email": facilitator.email, "role": "member"})
    assert response.status_code == 422
    assert "Facilitators stay neutral and hold no role in any partner organization." in page_text(response)
    assert table_counts(session) == before


def test_a_facilitator_cannot_accept_an_invitation(session, world, app):
    # Invited first, made facilitator afterwards.
    invitation, token = members.invite(world["admin"], world["kc"], "fay@neutral.example", "member")
    session.commit()
    facilitator = make_facilitator(session)
    browser = signed_in(app, facilitator)
    before = table_counts(session)
    response = browser.post(f"/invitations/accept/{token}")
    assert response.status_code == 422
    assert "Fay Facilitator is a table facilitator." in page_text(response)
    assert table_counts(session) == before
    assert membership_of(session, facilitator, world["kc"]) is None
    session.expire_all()
    assert session.get(Invitation, invitation.id).accepted_at is None


def test_a_person_with_a_membership_cannot_be_assigned_as_facilitator(session, world):
    table = create_table("Federal 2026", admin=world["site_admin"])
    session.commit()
    before = table_counts(session)
    with pytest.raises(InvalidInput, match="Abe Approver holds a role at Sunrise Network. A facilitator is neutral"):
        tables.assign_facilitator(world["site_admin"], table, world["approver"].email)
    assert table_counts(session) == before


def test_a_person_with_a_membership_cannot_be_made_facilitator_over_http(session, world, app):
    table = create_table("Federal 2026", admin=world["site_admin"])
    session.commit()
    browser = signed_in(app, world["site_admin"])
    before = table_counts(session)
    response = browser.post(f"/tables/{table.id}/facilitator", {"email": world["approver"].email})
    assert response.status_code == 422
    assert "belongs to no partner organization; remove that role first" in page_text(response)
    assert table_counts(session) == before


# --- changing roles and removing people ------------------------------------------------------

@pytest.fixture
def kc_people(session, world):
    leader = create_user("lee@sunrise.example", "Lee Leader")
    leader_membership = grant(leader, world["kc"], "leader")
    kc_admin = create_user("kay@sunrise.example", "Kay Local")
    kc_admin_membership = grant(kc_admin, world["kc"], "admin")
    session.commit()
    return {"leader": leader, "leader_membership": leader_membership, "kc_admin": kc_admin,
            "kc_admin_membership": kc_admin_membership}


def test_a_national_admin_changes_a_role_below_them(session, world, kc_people, app):
    membership = kc_people["leader_membership"]
    browser = signed_in(app, world["admin"])
    response = browser.post(f"/memberships/{membership.id}/edit", {"role": "approver",
                                                                   "version": str(membership.version)})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Membership, membership.id).role == "approver"


def test_a_role_change_with_a_stale_version_is_refused(session, world, kc_people, app):
    membership = kc_people["leader_membership"]
    members.change_role(world["admin"], membership, "member", membership.version)
    session.commit()
    browser = signed_in(app, world["admin"])
    before = table_counts(session)
    response = browser.post(f"/memberships/{membership.id}/edit", {"role": "approver",
                                                                   "version": str(membership.version - 1)})
    assert response.status_code == 409
    assert "changed by someone else" in page_text(response)
    assert table_counts(session) == before
    session.expire_all()
    assert session.get(Membership, membership.id).role == "member"


def test_nobody_touches_a_role_above_their_own(session, world, kc_people):
    # An approver holds rank 3 over the local; its admin holds rank 4.
    membership = kc_people["kc_admin_membership"]
    with pytest.raises(InvalidInput, match="Kay Local holds a role above yours here"):
        members.change_role(world["approver"], membership, "member", membership.version)
    with pytest.raises(InvalidInput, match="Kay Local holds a role above yours here"):
        members.remove_membership(world["approver"], membership)
    session.rollback()
    assert session.get(Membership, membership.id).role == "admin"


def test_nobody_grants_a_role_above_their_own_by_a_role_change(session, world, kc_people):
    membership = kc_people["leader_membership"]
    with pytest.raises(InvalidInput, match="up to approver"):
        members.change_role(world["approver"], membership, "admin", membership.version)


def test_an_approver_may_not_manage_memberships_over_http(session, world, kc_people, app):
    browser = signed_in(app, world["approver"])
    before = table_counts(session)
    membership = kc_people["leader_membership"]
    assert browser.post(f"/memberships/{membership.id}/edit",
                        {"role": "member", "version": str(membership.version)}).status_code == 403
    assert browser.post(f"/memberships/{membership.id}/remove").status_code == 403
    assert table_counts(session) == before


def test_a_local_admin_cannot_reach_the_national_admin_above_them(session, world, kc_people, app):
    browser = signed_in(app, kc_people["kc_admin"])
    national_admin = world["admin_membership"]
    before = table_counts(session)
    assert browser.post(f"/memberships/{national_admin.id}/remove").status_code == 404
    assert browser.post(f"/memberships/{national_admin.id}/edit",
                        {"role": "member", "version": str(national_admin.version)}).status_code == 404
    assert table_counts(session) == before


def test_the_last_admin_of_a_national_cannot_step_down_or_be_removed(session, world, app):
    membership = world["admin_membership"]
    with pytest.raises(InvalidInput, match="Sunrise Network needs at least one admin"):
        members.change_role(world["admin"], membership, "approver", membership.version)
    with pytest.raises(InvalidInput, match="Sunrise Network needs at least one admin"):
        members.remove_membership(world["admin"], membership)
    session.rollback()

    browser = signed_in(app, world["admin"])
    before = table_counts(session)
    response = browser.post(f"/memberships/{membership.id}/remove")
    assert response.status_code == 422
    assert "Sunrise Network needs at least one admin; make someone else admin first." in page_text(response)
    response = browser.post(f"/memberships/{membership.id}/edit", {"role": "member",
                                                                   "version": str(membership.version)})
    assert response.status_code == 422
    assert "needs at least one admin" in page_text(response)
    assert table_counts(session) == before
    session.expire_all()
    assert session.get(Membership, membership.id).role == "admin"


def test_with_a_second_admin_the_first_may_step_down(session, world):
    second = create_user("bea@sunrise.example", "Bea Admin")
    grant(second, world["national"], "admin")
    session.commit()
    membership = world["admin_membership"]
    members.change_role(world["admin"], membership, "approver", membership.version)
    session.commit()
    assert session.get(Membership, membership.id).role == "approver"
    # Now Bea is the last one.
    with pytest.raises(InvalidInput, match="needs at least one admin"):
        members.remove_membership(second, membership_of(session, second, world["national"]))


def test_the_last_admin_of_a_local_is_not_protected_like_a_national(session, world, kc_people):
    """Only a national (a tenant) must keep an admin; the national's admins cover its affiliates."""
    members.remove_membership(world["admin"], kc_people["kc_admin_membership"])
    session.commit()
    assert membership_of(session, kc_people["kc_admin"], world["kc"]) is None


def test_removing_a_membership_is_audited_with_the_role_it_had(session, world, kc_people, app):
    from portal.audit.models import AuditEvent
    browser = signed_in(app, world["admin"])
    membership_id = kc_people["leader_membership"].id
    assert browser.post(f"/memberships/{membership_id}/remove").status_code == 302
    session.expire_all()
    assert session.get(Membership, membership_id) is None
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "membership.removed"))
    assert event.actor_id == world["admin"].id and event.subject_id == membership_id
    assert event.before == {"role": "leader", "user_id": kc_people["leader"].id}


# --- the members page ------------------------------------------------------------------------

def test_the_members_page_says_why_a_national_admin_has_access_to_a_local(session, world, kc_people, app):
    browser = signed_in(app, kc_people["kc_admin"])
    response = browser.get(f"/orgs/{world['kc'].id}/members")
    assert response.status_code == 200
    text = page_text(response)
    assert "admin of Sunrise Network (national), inherited" in text
    assert "approver of Sunrise Network (national), inherited" in text
    assert "leader of Sunrise Kansas City (local affiliate), direct" in text
    assert "Other Alliance" not in text and "Otto Other" not in text


def test_the_members_page_of_a_national_does_not_list_affiliate_people(session, world, kc_people, app):
    browser = signed_in(app, world["admin"])
    text = page_text(browser.get(f"/orgs/{world['national'].id}/members"))
    assert "admin of Sunrise Network (national), direct" in text
    assert "Lee Leader" not in text  # a local's leader holds no role at the national


# --- removing someone's last membership ends their sessions ----------------------------------

def test_removing_someones_last_membership_ends_their_sessions(session, world, kc_people, app):
    leader = kc_people["leader"]
    theirs = signed_in(app, leader)
    assert theirs.get("/").status_code == 200
    admin = signed_in(app, world["admin"])
    assert admin.post(f"/memberships/{kc_people['leader_membership'].id}/remove").status_code == 302

    response = theirs.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")
    session.expire_all()
    open_sessions = session.scalar(select(func.count()).select_from(UserSession).where(
        UserSession.user_id == leader.id, UserSession.revoked_at.is_(None)))
    assert open_sessions == 0
    assert admin.get("/").status_code == 200  # the remover stays signed in


def test_removing_one_of_several_memberships_keeps_the_person_signed_in(session, world, kc_people, app):
    leader = kc_people["leader"]
    grant(leader, world["mo"], "member")
    session.commit()
    theirs = signed_in(app, leader)
    admin = signed_in(app, world["admin"])
    assert admin.post(f"/memberships/{kc_people['leader_membership'].id}/remove").status_code == 302
    assert theirs.get("/").status_code == 200
