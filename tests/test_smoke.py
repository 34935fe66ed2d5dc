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
