"""Tables, partners, the facilitator, and the race list (issue #2)."""
from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from portal.audit.models import AuditEvent
from portal.db import utcnow
from portal.errors import Conflict, InvalidInput
from portal.races import operations as races
from portal.races.models import Candidate, Race
from portal.tables import operations as tables
from portal.tables.models import CoalitionTable, TableFacilitator, TablePartner
from tests.conftest import Browser
from tests.factories import (
    PASSWORD, create_national, create_race, create_state, create_table, create_user, grant, page_text, table_counts,
)


def signed_in(app, user) -> Browser:
    browser = Browser(app.test_client())
    assert browser.sign_in(user.email, PASSWORD).status_code == 302, "sign-in failed"
    return browser


@pytest.fixture
def world(session):
    site_admin = create_user("root@example.org", "Site Admin", site_admin=True)
    sunrise = create_national("Sunrise Network")
    sunrise_mo = create_state(sunrise, "MO", "Sunrise Missouri")
    justice = create_national("Justice Coalition")
    outside = create_national("Outside Group")
    facilitator = create_user("fay@neutral.example", "Fay Facilitator")
    table = create_table("Federal 2026", partners=(sunrise, justice), facilitator=facilitator, admin=site_admin)
    member = create_user("mia@sunrise.example", "Mia Member")
    grant(member, sunrise_mo, "member")  # a partner's affiliate member
    outsider = create_user("oz@outside.example", "Oz Outsider")
    grant(outsider, outside, "admin")
    session.commit()
    return {"site_admin": site_admin, "sunrise": sunrise, "sunrise_mo": sunrise_mo, "justice": justice,
            "outside": outside, "facilitator": facilitator, "table": table, "member": member,
            "outsider": outsider}


def race_form(**overrides) -> dict:
    form = {"office": "us_house", "state_code": "MO", "district": "MO-01", "city": "", "stage": "primary",
            "election_date": "2026-08-04"}
    form.update(overrides)
    return form


# --- tables ----------------------------------------------------------------------------------

def test_a_site_admin_creates_a_table_with_a_critical_mass_of_four_by_default(session, world, app):
    browser = signed_in(app, world["site_admin"])
    page = browser.get("/tables/new")
    assert page.status_code == 200
    default = re.search(r'name="critical_mass_threshold"[^>]*value="(\d+)"', page.get_data(as_text=True))
    assert default and default.group(1) == "4"
    response = browser.post("/tables/new", {"name": "State Legislative 2026", "level": "state_legislative",
                                            "cycle_year": "2026", "state_code": "MO", "city": "",
                                            "critical_mass_threshold": default.group(1)})
    assert response.status_code == 302
    table = session.scalar(select(CoalitionTable).where(CoalitionTable.name == "State Legislative 2026"))
    assert (table.level, table.cycle_year, table.state_code, table.critical_mass_threshold) == \
        ("state_legislative", 2026, "MO", 4)
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "table.created",
                                                    AuditEvent.table_id == table.id))
    assert event.actor_id == world["site_admin"].id


def test_the_table_model_defaults_to_a_critical_mass_of_four(session, world):
    table = CoalitionTable(name="Bare table", level="federal", cycle_year=2026)
    session.add(table)
    session.flush()
    assert table.critical_mass_threshold == 4


def test_only_the_site_admin_creates_tables(session, world, app):
    browser = signed_in(app, world["member"])
    before = table_counts(session)
    response = browser.post("/tables/new", {"name": "Rogue", "level": "federal", "cycle_year": "2026",
                                            "state_code": "", "city": "", "critical_mass_threshold": "4"})
    assert response.status_code == 403
    assert table_counts(session) == before


def test_a_bad_table_form_answers_4xx_with_the_reason_and_writes_nothing(session, world, app, subtests):
    browser = signed_in(app, world["site_admin"])
    for fields, status, message in [
        ({"name": " "}, 422, "This cannot be blank."),
        ({"critical_mass_threshold": "1"}, 422, "Number must be between 2 and 50."),
        ({"critical_mass_threshold": ""}, 422, "Give a threshold."),
        ({"city": "Chicago", "state_code": "IL"}, 422, "Only a municipal table is scoped to a city."),
        ({"name": "Federal 2026"}, 409, "Another table is already called “Federal 2026”."),
    ]:
        with subtests.test(message=message):
            before = table_counts(session)
            form = {"name": "Another", "level": "federal", "cycle_year": "2026", "state_code": "", "city": "",
                    "critical_mass_threshold": "4", **fields}
            response = browser.post("/tables/new", form)
            assert response.status_code == status
            assert message in page_text(response)
            assert table_counts(session) == before


# --- partners --------------------------------------------------------------------------------

def test_a_site_admin_adds_a_national_as_partner(session, world, app):
    browser = signed_in(app, world["site_admin"])
    response = browser.post(f"/tables/{world['table'].id}/partners", {"national_id": world["outside"].id})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(CoalitionTable, world["table"].id).partner_ids == {
        world["sunrise"].id, world["justice"].id, world["outside"].id}
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "table.partner_added",
                                                    AuditEvent.organization_id == world["outside"].id))
    assert event.actor_id == world["site_admin"].id and event.table_id == world["table"].id


def test_an_affiliate_cannot_be_a_partner(session, world, app):
    before = table_counts(session)
    with pytest.raises(InvalidInput, match="Only national bodies join a table"):
        tables.add_partner(world["site_admin"], world["table"], world["sunrise_mo"])
    assert table_counts(session) == before
    session.rollback()

    browser = signed_in(app, world["site_admin"])
    before = table_counts(session)
    response = browser.post(f"/tables/{world['table'].id}/partners", {"national_id": world["sunrise_mo"].id})
    assert response.status_code == 422
    assert "Only national bodies join a table; their affiliates act under them." in page_text(response)
    assert table_counts(session) == before


def test_a_partner_cannot_join_the_same_table_twice(session, world):
    with pytest.raises(Conflict, match="Sunrise Network is already a partner of Federal 2026"):
        tables.add_partner(world["site_admin"], world["table"], world["sunrise"])


def test_the_database_refuses_an_affiliate_as_partner(session, world):
    session.add(TablePartner(table_id=world["table"].id, national_id=world["sunrise_mo"].id))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
    # Nor by claiming the row is of another kind.
    session.add(TablePartner(table_id=world["table"].id, national_id=world["sunrise_mo"].id, partner_kind="state"))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
    # The same insert with a national goes through, so the refusals above are about the kind.
    session.add(TablePartner(table_id=world["table"].id, national_id=world["outside"].id))
    session.flush()


# --- the facilitator -------------------------------------------------------------------------

def test_a_table_gets_one_facilitator_only(session, world, app):
    second = create_user("sol@neutral.example", "Sol Second")
    session.commit()
    before = table_counts(session)
    with pytest.raises(Conflict, match=r"Federal 2026 already has a facilitator \(Fay Facilitator\)"):
        tables.assign_facilitator(world["site_admin"], world["table"], second.email)
    assert table_counts(session) == before
    session.rollback()

    browser = signed_in(app, world["site_admin"])
    before = table_counts(session)
    response = browser.post(f"/tables/{world['table'].id}/facilitator", {"email": second.email})
    assert response.status_code == 409
    assert "already has a facilitator (Fay Facilitator); remove them first." in page_text(response)
    assert table_counts(session) == before
    facilitators = session.scalars(select(TableFacilitator.user_id).where(
        TableFacilitator.table_id == world["table"].id)).all()
    assert facilitators == [world["facilitator"].id]


def test_the_database_holds_one_facilitator_per_table(session, world):
    second = create_user("sol@neutral.example", "Sol Second")
    with pytest.raises(IntegrityError):
        session.execute(insert(TableFacilitator).values(table_id=world["table"].id, user_id=second.id,
                                                        assigned_at=utcnow()))
    session.rollback()


def test_a_site_admin_assigns_a_facilitator_over_http(session, world, app):
    table = create_table("Municipal 2026", "municipal", admin=world["site_admin"], state_code="IL", city="Chicago")
    neutral = create_user("nia@neutral.example", "Nia Neutral")
    session.commit()
    browser = signed_in(app, world["site_admin"])
    assert browser.post(f"/tables/{table.id}/facilitator", {"email": "nia@neutral.example"}).status_code == 302
    assert session.scalar(select(TableFacilitator.user_id).where(TableFacilitator.table_id == table.id)) == neutral.id


def test_an_unknown_person_cannot_be_assigned_as_facilitator(session, world):
    table = create_table("Municipal 2026", "municipal", admin=world["site_admin"])
    with pytest.raises(InvalidInput, match="No account for nobody@example.org"):
        tables.assign_facilitator(world["site_admin"], table, "nobody@example.org")


# --- races and candidates: who keeps the list ------------------------------------------------

def test_the_facilitator_adds_races_and_candidates(session, world, app):
    browser = signed_in(app, world["facilitator"])
    response = browser.post(f"/tables/{world['table'].id}/races/new", race_form())
    assert response.status_code == 302
    race = session.scalar(select(Race).where(Race.table_id == world["table"].id))
    assert (race.office, race.state_code, race.district, race.stage, race.election_date) == \
        ("us_house", "MO", "MO-01", "primary", date(2026, 8, 4))
    assert race.created_by_id == world["facilitator"].id
    assert response.headers["Location"] == f"/races/{race.id}"

    response = browser.post(f"/races/{race.id}/candidates/new", {"name": "Cori Challenger", "party": "Democratic"})
    assert response.status_code == 302
    response = browser.post(f"/races/{race.id}/candidates/new", {"name": "Wes Incumbent", "party": "Democratic",
                                                                 "is_incumbent": "y"})
    assert response.status_code == 302
    candidates = session.scalars(select(Candidate).where(Candidate.race_id == race.id).order_by(Candidate.name)).all()
    assert [(c.name, c.is_incumbent, c.created_by_id) for c in candidates] == [
        ("Cori Challenger", False, world["facilitator"].id), ("Wes Incumbent", True, world["facilitator"].id)]
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == world["facilitator"].id)
                              .order_by(AuditEvent.id)).all()
    assert actions[-4:] == ["auth.signed_in", "race.created", "candidate.created", "candidate.created"]


def test_the_site_admin_adds_races_and_candidates(session, world, app):
    browser = signed_in(app, world["site_admin"])
    assert browser.post(f"/tables/{world['table'].id}/races/new", race_form(district="mo-05")).status_code == 302
    race = session.scalar(select(Race).where(Race.table_id == world["table"].id))
    assert race.district == "MO-05"
    assert browser.post(f"/races/{race.id}/candidates/new", {"name": "Ada Example", "party": "Democratic"}
                        ).status_code == 302
    assert [c.name for c in session.scalars(select(Candidate).where(Candidate.race_id == race.id))] == ["Ada Example"]


def test_a_partners_member_reads_the_race_list_but_cannot_add_races(session, world, app):
    race = create_race(world["table"], "MO-01", candidates=("Cori Challenger",))
    session.commit()
    browser = signed_in(app, world["member"])
    table_page = browser.get(f"/tables/{world['table'].id}")
    assert table_page.status_code == 200
    assert "U.S. House MO-01" in page_text(table_page) and "Cori Challenger" in page_text(table_page)
    assert "Add a race" not in page_text(table_page)
    assert browser.get(f"/races/{race.id}").status_code == 200

    before = table_counts(session)
    assert browser.get(f"/tables/{world['table'].id}/races/new").status_code == 403
    assert browser.post(f"/tables/{world['table'].id}/races/new", race_form(district="MO-02")).status_code == 403
    assert browser.post(f"/races/{race.id}/candidates/new", {"name": "Sneaky", "party": "Democratic"}
                        ).status_code == 403
    assert table_counts(session) == before


def test_a_member_of_a_non_partner_national_gets_not_found(session, world, app):
    race = create_race(world["table"], "MO-01")
    session.commit()
    browser = signed_in(app, world["outsider"])
    before = table_counts(session)
    assert browser.get(f"/tables/{world['table'].id}").status_code == 404
    assert browser.get(f"/races/{race.id}").status_code == 404
    assert browser.get(f"/tables/{world['table'].id}/races/new").status_code == 404
    assert browser.post(f"/tables/{world['table'].id}/races/new", race_form(district="MO-02")).status_code == 404
    assert browser.post(f"/races/{race.id}/candidates/new", {"name": "Sneaky", "party": "Democratic"}
                        ).status_code == 404
    assert "Federal 2026" not in page_text(browser.get("/tables/"))
    assert table_counts(session) == before


def test_a_facilitator_of_another_table_cannot_keep_this_race_list(session, world, app):
    other_facilitator = create_user("sol@neutral.example", "Sol Other")
    create_table("Municipal 2026", "municipal", admin=world["site_admin"], facilitator=other_facilitator)
    session.commit()
    browser = signed_in(app, other_facilitator)
    before = table_counts(session)
    assert browser.post(f"/tables/{world['table'].id}/races/new", race_form()).status_code == 404
    assert table_counts(session) == before


# --- race validation -------------------------------------------------------------------------

def add(table, **overrides):
    fields = {"office": "us_house", "state_code": "MO", "district": "MO-01", "stage": "primary",
              "election_date": date(2026, 8, 4), "city": None}
    fields.update(overrides)
    return races.add_race(None, table, **fields)


def test_the_office_must_fit_the_table_level(session, world, subtests):
    before = table_counts(session)
    for office in ["state_senate", "state_house", "state_assembly", "mayor", "city_council", "other_municipal"]:
        with subtests.test(office=office):
            with pytest.raises(InvalidInput, match=r"A federal \(u.s. house\) table holds races for: U.S. House"):
                add(world["table"], office=office, district="District 5")
    assert table_counts(session) == before


def test_a_state_legislative_table_takes_no_us_house_race(session, world):
    table = create_table("State Legislative 2026", "state_legislative", admin=world["site_admin"])
    with pytest.raises(InvalidInput, match="State Senate, State House, State Assembly"):
        add(table, office="us_house")
    assert add(table, office="state_house", district="HD-75").district == "HD-75"


def test_a_us_house_district_looks_like_mo_01(session, world, subtests):
    for district in ["MO-1", "MO01", "MO-001", "Missouri 1", "MO-", "01", "MO-XX", "MO-01a", "MO 01"]:
        with subtests.test(district=district):
            with pytest.raises(InvalidInput, match=r"A U.S. House district looks like MO-01 \(or VT-AL for at-large\)"):
                add(world["table"], district=district)


def test_a_us_house_district_is_normalised_and_at_large_is_accepted(session, world):
    assert add(world["table"], district=" mo-02 ").district == "MO-02"
    assert add(world["table"], state_code="VT", district="VT-AL").district == "VT-AL"


def test_the_district_must_be_in_the_races_state(session, world):
    with pytest.raises(InvalidInput, match="District KS-03 is not in Missouri"):
        add(world["table"], state_code="MO", district="KS-03")


def test_a_state_table_takes_races_of_its_state_only(session, world):
    table = create_table("Missouri Federal 2026", admin=world["site_admin"], state_code="MO")
    with pytest.raises(InvalidInput, match="This table covers Missouri only"):
        add(table, state_code="KS", district="KS-03")


def test_the_election_date_falls_in_the_cycle_or_the_year_after(session, world, subtests):
    for n, (day, accepted) in enumerate([(date(2025, 12, 31), False), (date(2026, 1, 1), True),
                                         (date(2027, 12, 31), True), (date(2028, 1, 1), False)]):
        with subtests.test(day=day):
            if accepted:
                assert add(world["table"], district=f"MO-0{n + 1}", election_date=day).election_date == day
            else:
                with pytest.raises(InvalidInput, match=r"must fall in the 2026 cycle \(2026 or 2027\)"):
                    add(world["table"], district=f"MO-0{n + 1}", election_date=day)


def test_a_duplicate_race_is_refused(session, world):
    add(world["table"], district="MO-01")
    before = table_counts(session)
    with pytest.raises(Conflict, match=r"U.S. House MO-01 \(primary\) is already on this table"):
        add(world["table"], district="mo-01", election_date=date(2026, 9, 1))
    assert table_counts(session) == before
    # Another stage of the same contest is another race.
    assert add(world["table"], district="MO-01", stage="general", election_date=date(2026, 11, 3)).stage == "general"


def test_the_database_refuses_a_duplicate_race(session, world):
    add(world["table"], district="MO-01")
    session.add(Race(table_id=world["table"].id, office="us_house", state_code="MO", district="MO-01",
                     stage="primary", election_date=date(2026, 8, 4)))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_a_race_has_one_incumbent_at_most(session, world):
    race = add(world["table"])
    races.add_candidate(None, race, name="Wes Incumbent", party="Democratic", is_incumbent=True)
    before = table_counts(session)
    with pytest.raises(InvalidInput, match="This race already has an incumbent"):
        races.add_candidate(None, race, name="Another Incumbent", party="Republican", is_incumbent=True)
    assert table_counts(session) == before
    # A challenger is fine.
    assert not races.add_candidate(None, race, name="Cori Challenger", party="Democratic", is_incumbent=False
                                   ).is_incumbent


def test_the_database_refuses_a_second_incumbent(session, world):
    race = add(world["table"])
    races.add_candidate(None, race, name="Wes Incumbent", party="Democratic", is_incumbent=True)
    session.add(Candidate(race_id=race.id, name="Another Incumbent", party="Democratic", is_incumbent=True))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_a_candidate_is_not_listed_twice(session, world):
    race = add(world["table"])
    races.add_candidate(None, race, name="Cori Challenger", party="Democratic", is_incumbent=False)
    with pytest.raises(Conflict, match="cori challenger is already a candidate in this race"):
        races.add_candidate(None, race, name="cori challenger", party="Democratic", is_incumbent=False)


def test_a_bad_race_form_answers_4xx_with_the_reason_and_writes_nothing(session, world, app, subtests):
    create_race(world["table"], "MO-02")
    session.commit()
    browser = signed_in(app, world["facilitator"])
    for overrides, status, message in [
        ({"district": "MO1"}, 422, "A U.S. House district looks like MO-01 (or VT-AL for at-large)."),
        ({"district": "KS-03"}, 422, "District KS-03 is not in Missouri."),
        ({"election_date": "2030-08-04"}, 422, "The election date must fall in the 2026 cycle (2026 or 2027)."),
        ({"election_date": "August 4"}, 422, "Not a valid date value."),
        ({"office": "state_senate"}, 422, "Not a valid choice"),
        ({"district": "  "}, 422, "This cannot be blank."),
        ({"district": "mo-02"}, 409, "U.S. House MO-02 (primary) is already on this table."),
    ]:
        with subtests.test(message=message):
            before = table_counts(session)
            response = browser.post(f"/tables/{world['table'].id}/races/new", race_form(**overrides))
            assert response.status_code == status
            assert message in page_text(response)
            assert table_counts(session) == before


def test_a_second_incumbent_over_http_answers_422_and_writes_nothing(session, world, app):
    race = create_race(world["table"], "MO-01", candidates=())
    races.add_candidate(None, race, name="Wes Incumbent", party="Democratic", is_incumbent=True)
    session.commit()
    browser = signed_in(app, world["facilitator"])
    before = table_counts(session)
    response = browser.post(f"/races/{race.id}/candidates/new", {"name": "Ima Incumbent", "party": "Democratic",
                                                                 "is_incumbent": "y"})
    assert response.status_code == 422
    assert "This race already has an incumbent." in page_text(response)
    assert table_counts(session) == before
