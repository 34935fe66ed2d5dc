"""Profile pages as people use them: partners read, the facilitator keeps
facts and decides corrections, refusals are clear, secrets do not leak."""
from __future__ import annotations

import re

from sqlalchemy import select

from portal.profiles import operations as ops
from portal.profiles.models import ProfileCorrection, ProfileFact
from tests.factories import page_text, table_counts


def _fact(world, session, **overrides):
    fields = {"section": "biography", "label": "Occupation", "value": "Teacher", "source": "Interview"} | overrides
    fact = ops.add_fact(world.facilitator, world.candidate, **fields)
    session.commit()
    return fact


def test_partners_read_the_table_list_and_a_profile_with_sources(world, session, sign_in):
    _fact(world, session, value="Teacher\n<b>union</b> steward", source="https://news.example/okafor")
    _fact(world, session, section="link", label="Website", value="https://okafor.example", source="Her site")
    browser = sign_in(world.alpha_member)
    listing = browser.get(f"/tables/{world.table.id}/profiles")
    assert listing.status_code == 200
    assert re.search(r"Ada Okafor\s*</a>", listing.get_data(as_text=True))
    page = browser.get(f"/candidates/{world.candidate.id}/profile")
    body, text = page.get_data(as_text=True), page_text(page)
    assert page.status_code == 200
    assert "Teacher<br>&lt;b&gt;union&lt;/b&gt; steward" in body  # plain text, escaped, line breaks kept
    assert '<a href="https://news.example/okafor" rel="nofollow noopener noreferrer">' in body
    assert '<a href="https://okafor.example"' in body
    assert "entered by Fay Facilitator" in text
    # The race facts come from the race list, with their source.
    assert "Primary election Tue Aug 04, 2026" in text and "the table's race list" in text
    assert "Also running Ben Brandt" in text
    # A member reads; no editing or suggesting controls.
    assert "Add a fact" not in text and "Suggest a correction" not in text


def test_another_tenant_finds_nothing(world, session, sign_in):
    fact = _fact(world, session)
    browser = sign_in(world.bravo_admin)
    for url in (f"/tables/{world.table.id}/profiles", f"/candidates/{world.candidate.id}/profile",
                f"/profiles/facts/{fact.id}/edit", f"/candidates/{world.candidate.id}/profile/suggest"):
        assert browser.get(url).status_code == 404, url
    assert browser.post(f"/profiles/facts/{fact.id}/retire", data={"version": "1"}).status_code == 404


def test_the_facilitator_adds_edits_and_removes_facts(world, session, sign_in):
    browser = sign_in(world.facilitator)
    added = browser.post(f"/candidates/{world.candidate.id}/profile/facts",
                         data={"section": "position", "label": "Housing", "value": "Supports rent control",
                               "source": "Forum, May 2026"})
    assert added.status_code == 302
    fact = session.scalars(select(ProfileFact)).one()
    edit_page = browser.get(f"/profiles/facts/{fact.id}/edit")
    assert edit_page.status_code == 200 and 'name="version" type="hidden" value="1"' in edit_page.get_data(as_text=True)
    saved = browser.post(f"/profiles/facts/{fact.id}/edit", data={
        "section": "position", "label": "Housing", "value": "Supports rent stabilization", "source": "Forum",
        "version": "1"})
    assert saved.status_code == 302
    removed = browser.post(f"/profiles/facts/{fact.id}/retire", data={"version": "2"})
    assert removed.status_code == 302
    session.expire_all()
    assert session.get(ProfileFact, fact.id).retired_at is not None
    page = page_text(browser.get(f"/candidates/{world.candidate.id}/profile"))
    assert "Removed facts (1)" in page and "Supports rent stabilization" in page
    log = page_text(sign_in(world.alpha_member).get(f"/tables/{world.table.id}/facilitator-log"))
    assert "Housing added" in log and "Housing revised" in log and "Housing removed" in log


def test_a_bad_fact_is_refused_next_to_its_field_and_writes_nothing(world, session, sign_in):
    browser = sign_in(world.facilitator)
    before = table_counts(session)
    response = browser.post(f"/candidates/{world.candidate.id}/profile/facts",
                            data={"section": "link", "label": "Site", "value": "javascript:alert(1)",
                                  "source": "x"})
    assert response.status_code == 422
    assert "A link is a web address starting with https://" in page_text(response)
    response = browser.post(f"/candidates/{world.candidate.id}/profile/facts",
                            data={"section": "biography", "label": "Age", "value": "44", "source": ""})
    assert response.status_code == 422 and "Give the source" in page_text(response)
    assert table_counts(session) == before


def test_a_stale_edit_is_refused_with_who_changed_it(world, session, sign_in):
    fact = _fact(world, session)
    ops.revise_fact(world.facilitator, fact, expected_version=1, section="biography", label="Occupation",
                    value="Nurse", source="Interview")
    session.commit()
    response = sign_in(world.facilitator).post(f"/profiles/facts/{fact.id}/edit", data={
        "section": "biography", "label": "Occupation", "value": "Doctor", "source": "Interview", "version": "1"})
    assert response.status_code == 409
    assert "changed by Fay Facilitator" in page_text(response)
    session.expire_all()
    assert session.get(ProfileFact, fact.id).value == "Nurse"


def test_partners_may_not_edit_and_members_may_not_suggest(world, session, sign_in):
    fact = _fact(world, session)
    leader = sign_in(world.alpha_leader)
    assert leader.get(f"/profiles/facts/{fact.id}/edit").status_code == 403
    assert leader.post(f"/candidates/{world.candidate.id}/profile/facts", data={
        "section": "biography", "label": "Age", "value": "44", "source": "x"}).status_code == 403
    member = sign_in(world.alpha_member)
    assert member.get(f"/candidates/{world.candidate.id}/profile/suggest").status_code == 403
    # The facilitator keeps profiles but never speaks for a partner.
    assert sign_in(world.facilitator).get(f"/candidates/{world.candidate.id}/profile/suggest").status_code == 403


def test_a_partner_suggests_a_correction_and_the_facilitator_accepts_it(world, session, sign_in):
    fact = _fact(world, session)
    leader = sign_in(world.alpha_leader)
    form = leader.get(f"/candidates/{world.candidate.id}/profile/suggest?fact={fact.id}")
    assert form.status_code == 200 and "The profile says now" in page_text(form)
    sent = leader.post(f"/candidates/{world.candidate.id}/profile/suggest", data={
        "organization_id": world.alpha_mo.id, "fact_id": fact.id, "fact_version": "1",
        "value": "Retired teacher", "source": "https://news.example/retired", "reason": "Retired in May"})
    assert sent.status_code == 302
    correction = session.scalars(select(ProfileCorrection)).one()
    assert sent.headers["Location"].endswith(f"/profiles/corrections/{correction.id}")
    own = page_text(leader.get(f"/candidates/{world.candidate.id}/profile"))
    assert "Your organization's suggestions" in own and "Awaiting the facilitator" in own

    facilitator = sign_in(world.facilitator)
    page = facilitator.get(f"/profiles/corrections/{correction.id}")
    assert page.status_code == 200 and "Retired in May" in page_text(page)
    accepted = facilitator.post(f"/profiles/corrections/{correction.id}/accept",
                                data={"version": "1", "fact_version": "1", "note": "Thank you"})
    assert accepted.status_code == 302
    profile = page_text(sign_in(world.charlie_leader).get(f"/candidates/{world.candidate.id}/profile"))
    assert "Retired teacher" in profile and "suggested by Alpha Missouri" in profile
    decided = page_text(leader.get(f"/profiles/corrections/{correction.id}"))
    assert "Accepted by Fay Facilitator" in decided and "Thank you" in decided


def test_declining_twice_and_a_partner_deciding_are_refused(world, session, sign_in):
    fact = _fact(world, session)
    correction = ops.suggest_correction(world.alpha_leader, world.candidate, world.alpha_mo, fact=fact,
                                        value="Doctor", source="Hospital site")
    session.commit()
    assert sign_in(world.alpha_leader).post(f"/profiles/corrections/{correction.id}/accept",
                                            data={"version": "1"}).status_code == 403
    facilitator = sign_in(world.facilitator)
    assert facilitator.post(f"/profiles/corrections/{correction.id}/decline",
                            data={"version": "1", "note": "Needs a source"}).status_code == 302
    again = facilitator.post(f"/profiles/corrections/{correction.id}/accept", data={"version": "2"})
    assert again.status_code == 409 and "already declined" in page_text(again)
    session.expire_all()
    assert session.get(ProfileFact, fact.id).value == "Teacher"
    assert "Not taken up" in page_text(sign_in(world.alpha_leader).get(f"/profiles/corrections/{correction.id}"))


def test_a_correction_is_a_secret_of_its_organization_and_the_facilitator(world, session, sign_in):
    """Charlie's suggestions (pending and declined) never reach Alpha's people,
    on the profile, the list, the correction page or the facilitator log."""
    fact = _fact(world, session)
    pending = ops.suggest_correction(world.charlie_leader, world.candidate, world.charlie, fact=fact,
                                     value="Secret-pending-qz1", source="Secret-source-qz2", reason="Secret-why-qz3")
    declined = ops.suggest_correction(world.charlie_leader, world.candidate, world.charlie, section="position",
                                      label="Secret-label-qz4", value="Secret-value-qz5", source="s")
    ops.decline_correction(world.facilitator, declined, expected_version=1, note="Secret-note-qz6")
    session.commit()
    markers = [f"qz{i}" for i in range(1, 7)]
    for who in (world.alpha_leader, world.alpha_approver, world.alpha_member, world.admin):
        browser = sign_in(who)
        for url in (f"/tables/{world.table.id}/profiles", f"/candidates/{world.candidate.id}/profile",
                    f"/tables/{world.table.id}/facilitator-log", f"/orgs/{world.alpha.id}/activity"):
            body = browser.get(url).get_data(as_text=True)
            assert not [m for m in markers if m in body], (who.name, url)
        for correction in (pending, declined):
            assert browser.get(f"/profiles/corrections/{correction.id}").status_code == 404
            assert browser.post(f"/profiles/corrections/{correction.id}/decline",
                                data={"version": "1"}).status_code == 404
    facilitator_view = sign_in(world.facilitator).get(f"/candidates/{world.candidate.id}/profile")
    assert "Secret-pending-qz1" in facilitator_view.get_data(as_text=True)
    assert "Secret-value-qz5" in sign_in(world.charlie_leader).get(
        f"/profiles/corrections/{declined.id}").get_data(as_text=True)


def test_suggesting_for_a_foreign_organization_in_the_form_is_refused(world, session, sign_in):
    browser = sign_in(world.alpha_leader)
    before = table_counts(session)
    response = browser.post(f"/candidates/{world.candidate.id}/profile/suggest", data={
        "organization_id": world.charlie.id, "section": "biography", "label": "Age", "value": "44",
        "source": "Voter file"})
    assert response.status_code == 422 and "Choose an organization you lead" in page_text(response)
    assert table_counts(session) == before
