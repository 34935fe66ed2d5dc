"""The matrix pages as people open them: the facilitator's neutral view, a
partner's view (table-shared only), the drilldown into one partner's cell, the
critical-mass list, and who is refused. Worlds come from test_matrix.World."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from portal.db import db
from tests.facilitator.test_matrix import World, _candidate, _populated
from tests.factories import PASSWORD, create_national, create_user, grant, page_text


@pytest.fixture
def admin(app, session):
    return create_user("root@portal.example", "Sita Admin", site_admin=True)


@pytest.fixture
def world(admin, session):
    """Five partners (A has a state and two locals); MO-01 has Cora Carter at
    critical mass (4 of 5) and Dan Diaz close (3 of 5)."""
    world = World(admin, [3, 0, 0, 0, 0], [("MO", "MO-01", "primary", ["Cora Carter", "Dan Diaz"]),
                                           ("KS", "KS-03", "general", ["Eve Ellis"])])
    mo1 = world.races[0]
    cora, dan = _candidate(mo1, "Cora Carter"), _candidate(mo1, "Dan Diaz")
    for national in world.nationals[:4]:
        world.declare(national, mo1, candidate=cora)
    for national in world.nationals[2:5]:
        world.declare(national, mo1, candidate=dan)
    state, local1, local2 = world.orgs[0][1:]
    world.declare(state, mo1, candidate=cora)
    world.declare(local1, mo1, kind="pledge", quantity=12)
    session.commit()
    return world


def signed_in(app, user):
    from tests.conftest import Browser
    browser = Browser(app.test_client())
    assert browser.sign_in(user.email, PASSWORD).status_code == 302
    return browser


def with_note(declaration, note):
    declaration.latest.note = note
    return declaration


def test_the_facilitator_sees_a_neutral_matrix_with_critical_mass_marked(app, world):
    response = signed_in(app, world.facilitator).get(f"/tables/{world.table.id}/matrix")
    assert response.status_code == 200
    text = page_text(response)
    assert "4 of 5 partners back Cora Carter" in text
    assert "Critical mass" in text and "Endorsed: Cora Carter" in text
    assert "12 shifts of textbank" in text
    body = response.get_data(as_text=True)
    assert 'class="cm-reached"' in body and 'class="table-wrap"' in body
    # Partners in alphabetical order, never ranked by who backs most.
    names = sorted(n.name for n in world.nationals)
    assert [body.index(f"<th scope=\"col\">{name}</th>") for name in names] == sorted(
        body.index(f"<th scope=\"col\">{name}</th>") for name in names)
    # Grouped by state: Kansas before Missouri.
    assert text.index("Kansas") < text.index("Missouri")


def test_a_close_row_is_marked(app, world, session):
    mo1 = world.races[0]
    world.declare(world.nationals[4], mo1, candidate=_candidate(mo1, "Cora Carter"), stance="not_endorsing")
    ks = world.races[1]
    for national in world.nationals[:3]:
        world.declare(national, ks, candidate=_candidate(ks, "Eve Ellis"))
    session.commit()
    response = signed_in(app, world.facilitator).get(f"/tables/{world.table.id}/matrix?flag=close")
    text = page_text(response)
    assert "3 of 5 partners back Eve Ellis" in text and "Close" in text
    assert 'class="cm-close"' in response.get_data(as_text=True)
    critical = page_text(signed_in(app, world.facilitator).get(f"/tables/{world.table.id}/matrix?flag=critical"))
    assert "4 of 5 partners back Cora Carter" in critical and "Eve Ellis" not in critical


def test_a_partner_sees_only_what_is_shared_with_the_table(app, world, session):
    ks = world.races[1]
    eve = _candidate(ks, "Eve Ellis")
    for national in world.nationals[1:5]:
        world.declare(national, ks, candidate=eve, visibility="facilitator")
    session.commit()
    facilitator = page_text(signed_in(app, world.facilitator).get(f"/tables/{world.table.id}/matrix"))
    assert "4 of 5 partners back Eve Ellis" in facilitator
    partner = page_text(signed_in(app, world.partner_member).get(f"/tables/{world.table.id}/matrix"))
    assert "4 of 5 partners back Cora Carter" in partner
    assert "No partner backs a candidate yet" in partner and "Endorsed: Eve Ellis" not in partner


def test_notes_of_pending_or_embargoed_declarations_never_appear(app, world, session):
    mo1, ks = world.races
    state, local1, local2 = world.orgs[0][1:]
    with_note(world.declare(local2, mo1, candidate=_candidate(mo1, "Dan Diaz"), status="pending"),
              "PENDING-SECRET-NOTE")
    with_note(world.declare(world.nationals[1], ks, candidate=_candidate(ks, "Eve Ellis"), embargo="future"),
              "EMBARGOED-SECRET-NOTE")
    with_note(world.declare(world.nationals[2], ks, kind="pledge", visibility="facilitator"), "FACILITATOR-NOTE")
    session.commit()
    table = world.table.id
    pages = {}
    for who, viewer in (("facilitator", world.facilitator), ("partner", world.partner_member)):
        browser = signed_in(app, viewer)
        pages[who] = [browser.get(f"/tables/{table}/matrix"), browser.get(f"/tables/{table}/critical-mass")] + [
            browser.get(f"/tables/{table}/matrix/cell?race_id={race.id}&national_id={national.id}")
            for race in world.races for national in world.nationals]
    for who, responses in pages.items():
        for response in responses:
            assert response.status_code == 200
            body = response.get_data(as_text=True)
            assert "PENDING-SECRET-NOTE" not in body and "EMBARGOED-SECRET-NOTE" not in body
    facilitator_cells = "".join(r.get_data(as_text=True) for r in pages["facilitator"])
    partner_cells = "".join(r.get_data(as_text=True) for r in pages["partner"])
    assert "FACILITATOR-NOTE" in facilitator_cells and "FACILITATOR-NOTE" not in partner_cells


def test_an_unknown_filter_value_is_a_clear_400(app, world):
    browser = signed_in(app, world.facilitator)
    for query, message in [("state=ZZ", "Unknown state: 'ZZ'."), ("flag=ranked", "Unknown filter: 'ranked'."),
                           ("office=king", "Unknown office: 'king'."), ("stage=final", "Unknown stage: 'final'.")]:
        response = browser.get(f"/tables/{world.table.id}/matrix?{query}")
        assert response.status_code == 400, query
        assert message in page_text(response)
    filtered = browser.get(f"/tables/{world.table.id}/matrix?state=ks&stage=general&office=us_house")
    assert filtered.status_code == 200
    text = page_text(filtered)
    assert "Eve Ellis" in text and "Cora Carter" not in text


@pytest.mark.parametrize("path", ["matrix", "critical-mass", "matrix/cell?race_id={race}&national_id={national}"])
def test_the_site_admin_and_outsiders_are_refused(app, world, admin, session, path):
    outsider_national = create_national("Outside Org")
    outsider = create_user("outsider@outside.example")
    grant(outsider, outsider_national, "member")
    session.commit()
    url = f"/tables/{world.table.id}/" + path.format(race=world.races[0].id, national=world.nationals[0].id)
    assert signed_in(app, admin).get(url).status_code in (403, 404)
    response = signed_in(app, outsider).get(url)
    assert response.status_code == 404
    assert "Cora Carter" not in response.get_data(as_text=True)


def test_the_cell_lists_the_affiliates_the_viewer_may_see(app, world, session):
    mo1, ks = world.races
    a = world.nationals[0]
    state, local1, local2 = world.orgs[0][1:]
    world.declare(local2, mo1, candidate=_candidate(mo1, "Dan Diaz"), visibility="facilitator")
    session.commit()
    url = f"/tables/{world.table.id}/matrix/cell?race_id={mo1.id}&national_id={a.id}"
    facilitator = page_text(signed_in(app, world.facilitator).get(url))
    assert a.name in facilitator and state.name in facilitator and local1.name in facilitator
    assert "Endorsed: Cora Carter" in facilitator and "12 shifts of textbank" in facilitator
    assert f"{local2.name} affiliate Endorsed: Dan Diaz" in facilitator
    # Another partner's member sees only what A shared with the whole table.
    other = create_user("member-b@people.example")
    grant(other, world.nationals[1], "member")
    session.commit()
    partner = page_text(signed_in(app, other).get(url))
    assert state.name in partner and "Dan Diaz" not in partner and local2.name not in partner


def test_the_cell_of_a_foreign_race_or_a_non_partner_is_not_found(app, world, admin, session):
    other = World(admin, [0, 0], [("IL", "IL-07", "primary", ["Fay Ford"])])
    stranger = create_national("Not A Partner")
    session.commit()
    browser = signed_in(app, world.facilitator)
    table, race, national = world.table.id, world.races[0].id, world.nationals[0].id
    for query in [f"race_id={other.races[0].id}&national_id={national}",
                  f"race_id={race}&national_id={stranger.id}", f"race_id={race}&national_id={other.nationals[0].id}",
                  f"race_id={race}", "national_id=1", "race_id=abc&national_id=x",
                  f"race_id=99999999999999&national_id={national}"]:
        assert browser.get(f"/tables/{table}/matrix/cell?{query}").status_code == 404, query


def test_the_critical_mass_page_lists_backers_alphabetically(app, world):
    response = signed_in(app, world.facilitator).get(f"/tables/{world.table.id}/critical-mass")
    assert response.status_code == 200
    text = page_text(response)
    backers = ", ".join(sorted(n.name for n in world.nationals[:4]))
    assert "Cora Carter" in text and "4 of 5 partners back Cora Carter" in text and backers in text
    assert "Dan Diaz" not in text


def test_the_table_page_links_to_the_matrix_for_participants_only(app, world, admin):
    url = f"/tables/{world.table.id}"
    assert "Coalition matrix" in page_text(signed_in(app, world.facilitator).get(url))
    assert "Coalition matrix" not in page_text(signed_in(app, admin).get(url))


def test_the_matrix_page_takes_a_constant_number_of_queries(app, admin, session, capsys):
    small, large = _populated(admin, 1), _populated(admin, 3)
    assert len(large.declarations) >= 3 * len(small.declarations)
    engine = db.session.get_bind()
    counts = {}
    for name, world in (("small", small), ("large", large)):
        for who, viewer in (("facilitator", world.facilitator), ("partner", world.partner_member)):
            browser = signed_in(app, viewer)
            statements = []

            def count(conn, cursor, statement, parameters, context, executemany):
                statements.append(statement)

            event.listen(engine, "before_cursor_execute", count)
            try:
                response = browser.get(f"/tables/{world.table.id}/matrix")
            finally:
                event.remove(engine, "before_cursor_execute", count)
            assert response.status_code == 200
            assert page_text(response).count(" of ") >= len(world.races)
            counts[(name, who)] = len(statements)
    assert counts[("small", "facilitator")] == counts[("large", "facilitator")], counts
    assert counts[("small", "partner")] == counts[("large", "partner")], counts
    with capsys.disabled():
        print(f"\nmatrix page queries: {counts}")


def test_only_the_facilitator_sees_when_critical_mass_was_reached(app, world):
    """The recorded dates count facilitator-shared endorsements too: partners see no dates."""
    url = f"/tables/{world.table.id}/critical-mass"
    facilitator = signed_in(app, world.facilitator).get(url).get_data(as_text=True)
    assert "<th>Since</th>" in facilitator
    partner = signed_in(app, world.partner_member).get(url)
    assert "Cora Carter" in page_text(partner) and "<th>Since</th>" not in partner.get_data(as_text=True)


def test_the_critical_mass_list_leads_the_facilitator_to_convening(app, world):
    convene = 'data-testid="convene-link"'
    assert convene in signed_in(app, world.facilitator).get(f"/tables/{world.table.id}/critical-mass").get_data(
        as_text=True)
    partner_page = signed_in(app, world.partner_member).get(f"/tables/{world.table.id}/critical-mass")
    assert partner_page.status_code == 200 and convene not in partner_page.get_data(as_text=True)
