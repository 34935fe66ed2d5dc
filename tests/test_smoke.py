from tests.factories import PASSWORD, create_national, create_user, grant


def test_a_member_signs_in_and_sees_their_organization(app, session, browser):
    national = create_national("Smoke Test Network")
    user = create_user("lee@smoke.example", "Lee Smoke")
    grant(user, national, "member")
    session.commit()

    response = browser.sign_in("lee@smoke.example", PASSWORD)
    assert response.status_code == 302
    page = browser.get("/").get_data(as_text=True)
    assert "Smoke Test Network" in page
    assert "Lee Smoke" in page


def test_a_person_in_two_organizations_acts_for_their_strongest_role_and_can_switch(app, session, browser):
    first = create_national("Aardvark Alliance")
    second = create_national("Zebra Network")
    user = create_user("two@hats.example", "Two Hats")
    grant(user, first, "member")
    grant(user, second, "leader")
    session.commit()
    browser.sign_in("two@hats.example", PASSWORD)
    assert 'data-testid="acting-org">Zebra Network<' in browser.get("/").get_data(as_text=True)

    response = browser.post("/account/acting-for", data={"organization_id": first.id, "next": "/tables/"})
    assert response.status_code == 302 and response.headers["Location"] == "/tables/"
    assert 'data-testid="acting-org">Aardvark Alliance<' in browser.get("/").get_data(as_text=True)
