"""Pictures of a table (issue 5): the tile-grid map, the city bars and the
capacity chart, as pure SVG renderers and through the routes."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from fractions import Fraction

import pytest

from portal.declarations.operations import declare
from portal.facilitator import pictures
from portal.facilitator.picture_views import capacity_for, critical_counts
from portal.facilitator.tile_grid import COLUMNS, ROWS, TILE_GRID
from portal.orgs.states import STATES
from tests.conftest import Browser
from tests.facilitator.test_matrix import World
from tests.factories import PASSWORD, create_national, create_race, create_table, create_user, grant

NS = {"svg": "http://www.w3.org/2000/svg"}
SCRIPT_CITY = "<script>alert(1)</script> Springs"


def _luminance(fill: str) -> float:
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _tile_fill(root, code: str) -> str:
    group = root.find(f".//svg:g[@data-state='{code}']", NS)
    return group.find("svg:rect", NS).get("fill")


def _assert_accessible(root):
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("role") == "img"
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert title is not None and title.text and desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert root.find(".//svg:script", NS) is None
    assert not [el for el in root.iter() if "style" in el.attrib]


# --- pure renderers ------------------------------------------------------------------------

def test_tile_grid_is_the_conventional_layout():
    assert set(TILE_GRID) == set(STATES) - {"AS", "GU", "MP", "PR", "VI"}  # 50 states and DC
    assert len(set(TILE_GRID.values())) == 51
    assert all(0 <= c < COLUMNS and 0 <= r < ROWS for c, r in TILE_GRID.values())
    assert (TILE_GRID["AK"], TILE_GRID["ME"], TILE_GRID["HI"]) == ((0, 0), (11, 0), (0, 7))


def test_state_map_shades_by_critical_mass_and_describes_itself():
    svg = pictures.state_map_svg("Table <b>&", {"MO": 3, "KS": 2}, {"MO": 2, "KS": 0})
    root = ET.fromstring(svg)
    _assert_accessible(root)
    assert "<b>" not in svg and "Table &lt;b&gt;&amp;" in svg
    assert _luminance(_tile_fill(root, "MO")) < _luminance(_tile_fill(root, "KS"))
    assert _luminance(_tile_fill(root, "KS")) < _luminance(_tile_fill(root, "TX"))  # no races: white
    assert len(root.findall(".//svg:g[@data-state]", NS)) == 51
    assert "Missouri 2" in root.find("svg:desc", NS).text


def test_city_bars_escape_city_names():
    svg = pictures.city_bars_svg("T", {SCRIPT_CITY: 2, "Kansas City": 1}, {SCRIPT_CITY: 1})
    root = ET.fromstring(svg)
    _assert_accessible(root)
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert [g.get("data-city") for g in root.findall(".//svg:g[@data-city]", NS)] == [SCRIPT_CITY, "Kansas City"]  # by name


def test_weekly_capacity_spreads_totals_and_repeats_levels():
    capacity = pictures.weekly_capacity([
        ("textbank", "shifts", 10, date(2026, 6, 1), date(2026, 6, 14)),   # W23, W24
        ("textbank", "shifts", 3, date(2026, 6, 10), date(2026, 6, 10)),   # W24
        ("doorknock", "volunteers", 4, date(2026, 6, 20), date(2026, 6, 29)),  # W25, W26, W27
        ("event", "events", 1, None, None),
    ])
    assert capacity.weeks == ["2026-W23", "2026-W24", "2026-W25", "2026-W26", "2026-W27"]
    assert capacity.series[("textbank", "shifts")] == [5, 8, 0, 0, 0]
    assert capacity.series[("doorknock", "volunteers")] == [0, 0, 4, 4, 4]
    assert capacity.undated == 1
    root = ET.fromstring(pictures.capacity_svg("T", capacity))
    _assert_accessible(root)
    assert "Textbank (shifts): 13 in all" in root.find("svg:desc", NS).text
    assert len(root.findall(".//svg:rect[svg:title]", NS)) == 5  # one bar per non-zero week and series


def test_empty_pictures_still_render():
    for svg in (pictures.state_map_svg("T", {}, {}), pictures.city_bars_svg("T", {}, {}),
                pictures.capacity_svg("T", pictures.weekly_capacity([]))):
        _assert_accessible(ET.fromstring(svg))


# --- through the routes --------------------------------------------------------------------

@pytest.fixture
def world(app, session):
    admin = create_user("root@portal.example", "Sita Admin", site_admin=True)
    world = World(admin, [1, 0, 0, 0, 0], [("MO", "MO-01", "primary", ["Ada"]),
                                           ("MO", "MO-02", "primary", ["Cy"]),
                                           ("KS", "KS-03", "primary", ["Dee"])])
    for race in world.races[:2]:  # both Missouri races reach critical mass
        for national in world.nationals[:4]:
            world.declare(national, race, candidate=race.candidates[0])
    for national in world.nationals[:3]:  # Kansas: three backers only
        world.declare(national, world.races[2], candidate=world.races[2].candidates[0])
    race = world.races[0]
    world.declare(world.nationals[0], race, kind="pledge", activity="textbank", unit="shifts", quantity=18)
    world.declare(world.nationals[1], race, kind="pledge", activity="phonebank", unit="volunteers", quantity=4,
                  visibility="facilitator")
    world.declare(world.orgs[0][1], race, kind="pledge", activity="textbank", unit="shifts", quantity=50,
                  status="pending")  # an affiliate's, waiting for approval
    world.declare(world.nationals[2], race, kind="pledge", activity="doorknock", unit="shifts", quantity=9,
                  visibility="own")
    session.commit()
    return world


def _browser(app, user) -> Browser:
    browser = Browser(app.test_client())
    assert browser.sign_in(user.email, PASSWORD).status_code == 302
    return browser


def test_map_svg_for_the_facilitator(app, world):
    response = _browser(app, world.facilitator).get(f"/tables/{world.table.id}/map.svg")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.get_data())
    _assert_accessible(root)
    assert _luminance(_tile_fill(root, "MO")) < _luminance(_tile_fill(root, "KS"))
    assert _tile_fill(root, "MO") == pictures.shade_for(2, 2).fill
    assert _tile_fill(root, "KS") == pictures.shade_for(0, 1).fill


def test_pictures_page_inlines_both_with_their_tables(app, world):
    browser = _browser(app, world.facilitator)
    assert "Map and charts" in browser.get(f"/tables/{world.table.id}").get_data(as_text=True)
    response = browser.get(f"/tables/{world.table.id}/pictures")
    assert response.status_code == 200 and response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert body.count('role="img"') == 2 and "<script" not in body and "style=" not in body
    assert '<tr><th scope="row">Missouri</th><td>2</td><td>2</td></tr>' in body
    assert '<tr><th scope="row">Kansas</th><td>1</td><td>0</td></tr>' in body
    assert "Textbank (shifts)" in body and "Phonebank (volunteers)" in body
    assert "Doorknock" not in body  # unshared


def test_capacity_counts_only_what_the_viewer_may_see(app, world):
    weeks = 9  # 2026-06-01 (Monday of W23) to 2026-08-01 (W31)
    facilitator_view = capacity_for(world.facilitator, world.table)
    assert facilitator_view.weeks == [f"2026-W{w}" for w in range(23, 32)]
    assert facilitator_view.series == {("phonebank", "volunteers"): [4] * weeks,
                                       ("textbank", "shifts"): [Fraction(18, weeks)] * weeks}
    # The national whose pledge is its own sees it; the pending one stays out.
    own_view = capacity_for(world.leaders[world.nationals[2].id], world.table)
    assert own_view.total("doorknock", "shifts") == 9
    assert ("phonebank", "volunteers") not in own_view.series  # shared with the facilitator only
    assert own_view.total("textbank", "shifts") == 18
    # A pending pledge is not in force: it counts for nobody, its own national staff included.
    assert capacity_for(world.approvers[world.nationals[0].id], world.table).total("textbank", "shifts") == 18

    response = _browser(app, world.facilitator).get(f"/tables/{world.table.id}/capacity.svg")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.get_data())
    _assert_accessible(root)
    desc = root.find("svg:desc", NS).text
    assert "Textbank (shifts): 18 in all" in desc and "Phonebank (volunteers): 36 in all" in desc
    assert "Doorknock" not in desc


def test_municipal_tables_get_bars_by_city_with_names_escaped(app, session):
    nationals = [create_national(f"City Partner {i}") for i in range(4)]
    facilitator = create_user("fac-city@neutral.example", "City Facilitator")
    table = create_table("Missouri cities", "municipal", partners=nationals, facilitator=facilitator,
                         state_code="MO")
    springs = create_race(table, "Ward 1", city=SCRIPT_CITY, candidates=("Eve",))
    create_race(table, "Ward 2", city=SCRIPT_CITY, candidates=("Fay",))
    create_race(table, "Citywide", city="Kansas City", office="mayor", candidates=("Gus",))
    for i, national in enumerate(nationals):
        leader = create_user(f"city-leader-{i}@people.example")
        grant(leader, national, "leader")
        declare(leader, national, table, kind="endorsement", race=springs, candidate=springs.candidates[0],
                stage="primary", submission_key=f"city-{i}", stance="endorsed", visibility="table", share_from=None)
    session.commit()
    counts = critical_counts(facilitator, table)
    assert counts.by_city and counts.races == {SCRIPT_CITY: 2, "Kansas City": 1}
    assert counts.critical == {SCRIPT_CITY: 1, "Kansas City": 0}

    browser = _browser(app, facilitator)
    svg = browser.get(f"/tables/{table.id}/map.svg")
    assert svg.status_code == 200 and svg.headers["Content-Type"].startswith("image/svg+xml")
    text = svg.get_data(as_text=True)
    root = ET.fromstring(text)
    _assert_accessible(root)
    assert "<script" not in text and root.find(".//svg:g[@data-state]", NS) is None
    assert {g.get("data-city") for g in root.findall(".//svg:g[@data-city]", NS)} == {SCRIPT_CITY, "Kansas City"}
    page = browser.get(f"/tables/{table.id}/pictures").get_data(as_text=True)
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Springs</th><td>2</td><td>1</td>" in page


@pytest.mark.parametrize("path", ["map.svg", "capacity.svg", "pictures"])
def test_site_admin_and_outsiders_are_refused(app, world, session, path):
    outsider = create_user("outsider@elsewhere.example")
    grant(outsider, create_national("Not A Partner"), "admin")
    session.commit()
    url = f"/tables/{world.table.id}/{path}"
    assert _browser(app, world.admin).get(url).status_code == 403
    assert _browser(app, outsider).get(url).status_code == 404
    assert app.test_client().get(url).status_code == 302  # to sign in
    member = _browser(app, world.partner_member).get(url)  # a partner's member may look
    assert member.status_code == 200


def test_the_link_shows_only_to_those_who_may_look(app, world):
    assert "Map and charts" not in _browser(app, world.admin).get(f"/tables/{world.table.id}").get_data(as_text=True)
