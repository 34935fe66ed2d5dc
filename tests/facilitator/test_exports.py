"""Exports of the combined view (portal/facilitator/export_views.py, exports.py):
CSV and XLSX of the matrix and of the pledges, from exactly the viewer's
visibility, neutralised against formula injection, recorded in the audit trail."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from sqlalchemy import func, select

from portal.audit.models import AuditEvent
from portal.db import utcnow
from portal.facilitator.exports import neutralise, to_csv, to_xlsx
from tests.facilitator.test_matrix import World, _candidate
from tests.factories import PASSWORD, create_national, create_user, grant

ROUTES = ("matrix.csv", "matrix.xlsx", "pledges.csv", "pledges.xlsx")
PAYLOADS = ('=HYPERLINK("http://evil.example","click")', "+1 Network", "-2 Network", "@x Network", "\tx Network",
            "\rx Network")


@pytest.fixture
def admin(app, session):
    return create_user("root@portal.example", "Sita Admin", site_admin=True)


@pytest.fixture
def world(admin, session):
    """Six partners (A and B with a state affiliate each), races in MO and KS."""
    w = World(admin, [1, 1, 0, 0, 0, 0], [("MO", "MO-01", "primary", ["Ada", "Ben"]),
                                          ("KS", "KS-03", "primary", ["Dee"])])
    session.commit()
    return w


def _signed_in(app, user):
    from tests.conftest import Browser
    browser = Browser(app.test_client())
    assert browser.sign_in(user.email, PASSWORD).status_code == 302
    return browser


def _rows(response, fmt):
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.get_data().decode("utf-8"), newline="")))
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _audits(session):
    session.commit()
    return session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "matrix.exported"))


def _declare_visibility_cases(world, session):
    mo1 = world.races[0]
    ada = _candidate(mo1, "Ada")
    a, a_state = world.orgs[0]
    b, b_state = world.orgs[1]
    c, d, e, f = (tree[0] for tree in world.orgs[2:])
    world.declare(c, mo1, kind="pledge", quantity=11, visibility="table")                 # everyone
    world.declare(b, mo1, kind="pledge", quantity=22, visibility="facilitator")           # facilitator only
    world.declare(b_state, mo1, kind="pledge", quantity=33, visibility="table", status="pending")  # nobody else
    world.declare(d, mo1, kind="pledge", quantity=44, visibility="table", embargo="future")        # nobody else
    world.declare(e, mo1, kind="pledge", quantity=55, visibility="own")                   # own tree only
    world.declare(a_state, mo1, kind="pledge", quantity=66, visibility="own")             # the partner member's own
    world.declare(f, mo1, candidate=ada, visibility="facilitator")                        # facilitator only
    session.commit()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_hold_exactly_the_viewers_visible_data(app, world, session, fmt):
    _declare_visibility_cases(world, session)
    f_name = world.nationals[5].name
    seen = {}
    for who, viewer in (("facilitator", world.facilitator), ("partner", world.partner_member)):
        browser = _signed_in(app, viewer)
        pledges = browser.get(f"/tables/{world.table.id}/pledges.{fmt}")
        assert pledges.status_code == 200
        rows = _rows(pledges, fmt)
        assert rows[0][:4] == ["Table", "Race", "Partner", "Organization"]
        quantities = sorted(int(r[6]) for r in rows[1:])
        matrix = _rows(browser.get(f"/tables/{world.table.id}/matrix.{fmt}"), fmt)
        assert matrix[0][:5] == ["State", "District", "Office", "Stage", "Partner"]
        # One row per race x partner, partners alphabetical within a race.
        assert len(matrix) - 1 == len(world.races) * len(world.nationals)
        mo1 = [r for r in matrix[1:] if r[1] == "MO-01"]
        assert [r[4] for r in mo1] == sorted(n.name for n in world.nationals)
        capacity = {r[4]: r[8] for r in mo1 if r[8]}
        stances = {r[4]: r[5] for r in mo1 if r[5]}
        seen[who] = (quantities, capacity, stances)
    names = [n.name for n in world.nationals]
    assert seen["facilitator"][0] == [11, 22]
    assert seen["facilitator"][1] == {names[2]: "textbank 11 shifts", names[1]: "textbank 22 shifts"}
    assert seen["facilitator"][2] == {f_name: "Ada: endorsed"}
    assert seen["partner"][0] == [11, 66]
    assert seen["partner"][1] == {names[2]: "textbank 11 shifts", names[0]: "textbank 66 shifts"}
    assert seen["partner"][2] == {}


def test_the_matrix_export_says_backers_and_critical_mass(app, world, session):
    mo1 = world.races[0]
    ada = _candidate(mo1, "Ada")
    for national in world.nationals[:4]:
        world.declare(national, mo1, candidate=ada)
    session.commit()
    rows = _rows(_signed_in(app, world.facilitator).get(f"/tables/{world.table.id}/matrix.csv"), "csv")
    header = rows[0]
    mo = [dict(zip(header, r)) for r in rows[1:] if r[1] == "MO-01"]
    assert {r["Backers"] for r in mo} == {"Ada: 4 of 6; Ben: 0 of 6"}
    assert {r["Critical mass"] for r in mo} == {"yes"}
    assert {r["Critical mass"] for r in (dict(zip(header, r)) for r in rows[1:]) if r["District"] == "KS-03"} == {"no"}
    assert mo[0]["Office"] != "us_house" and mo[0]["Stage"] == "Primary"  # labels, not codes


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_cells_are_neutralised(app, world, session, fmt):
    mo1 = world.races[0]
    for national, payload in zip(world.nationals, PAYLOADS):
        national.name = payload
    world.orgs[1][1].name = "=cmd|' /C calc'!A0"
    session.flush()
    for i, tree in enumerate(world.orgs):
        declaration = world.declare(tree[-1], mo1, kind="pledge", quantity=i + 1, visibility="table")
        declaration.current.note = PAYLOADS[i]
    session.commit()
    browser = _signed_in(app, world.facilitator)
    for kind in ("matrix", "pledges"):
        rows = _rows(browser.get(f"/tables/{world.table.id}/{kind}.{fmt}"), fmt)
        cells = [cell for row in rows for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r", "\n")], cells
        for payload in PAYLOADS:
            # XLSX (XML) reads a carriage return back as a line feed.
            expected = {"'" + payload, "'" + payload.replace("\r", "\n")}
            assert expected & set(cells), (kind, payload)
        if kind == "pledges":
            assert "'=cmd|' /C calc'!A0" in cells
            assert sum(1 for c in cells if c in {"'" + p for p in PAYLOADS} | {"'\nx Network"}) >= 12  # org + note


def test_xlsx_is_a_plain_workbook_with_a_bold_header(app, world, session):
    world.nationals[0].name = "=1+1"
    session.commit()
    response = _signed_in(app, world.facilitator).get(f"/tables/{world.table.id}/matrix.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    sheet = workbook.active
    assert all(cell.font.b for cell in sheet[1])
    assert not any(cell.font.b for cell in sheet[2])
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_downloads_are_attachments_with_the_right_types(app, world, session):
    browser = _signed_in(app, world.facilitator)
    today = utcnow().date().isoformat()
    slug = f"table-{world.tag}"
    for route in ROUTES:
        response = browser.get(f"/tables/{world.table.id}/{route}")
        assert response.status_code == 200
        what, fmt = route.split(".")
        assert response.headers["Content-Disposition"] == f'attachment; filename="{slug}-{what}-{today}.{fmt}"'
        assert response.headers["Content-Type"] == {
            "csv": "text/csv; charset=utf-8",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[fmt]


def test_exports_honour_the_matrix_filters(app, world, session):
    mo1, ks3 = world.races
    world.declare(world.nationals[2], mo1, kind="pledge", quantity=7, visibility="table")
    world.declare(world.nationals[2], ks3, kind="pledge", quantity=9, visibility="table")
    session.commit()
    browser = _signed_in(app, world.facilitator)
    base = f"/tables/{world.table.id}"
    matrix = _rows(browser.get(f"{base}/matrix.csv?state=ks"), "csv")
    assert {r[1] for r in matrix[1:]} == {"KS-03"}
    pledges = _rows(browser.get(f"{base}/pledges.csv?state=KS"), "csv")
    assert [r[6] for r in pledges[1:]] == ["9"]
    none_engaged = _rows(browser.get(f"{base}/pledges.xlsx?flag=critical"), "xlsx")
    assert none_engaged[1:] == []


def test_unknown_filters_are_refused_and_not_recorded(app, world, session):
    browser = _signed_in(app, world.facilitator)
    before = _audits(session)
    for route in ROUTES:
        for query in ("state=ZZ", "office=king", "stage=final", "flag=ranked"):
            response = browser.get(f"/tables/{world.table.id}/{route}?{query}")
            assert response.status_code == 400, (route, query)
    assert _audits(session) == before


def test_a_non_partner_finds_no_table_and_nothing_is_recorded(app, world, session):
    outsider = create_user("out@elsewhere.example")
    grant(outsider, create_national("Elsewhere Network"), "admin")
    session.commit()
    browser = _signed_in(app, outsider)
    before = _audits(session)
    for route in ROUTES:
        assert browser.get(f"/tables/{world.table.id}/{route}").status_code == 404
    assert _audits(session) == before
    # The site admin runs the platform but reads no declarations: a visible table, a refused export.
    admin_browser = _signed_in(app, world.admin)
    assert admin_browser.get(f"/tables/{world.table.id}/matrix.csv").status_code == 403
    assert _audits(session) == before


def test_each_export_writes_one_audit_record(app, world, session):
    for who in (world.facilitator, world.partner_member):
        browser = _signed_in(app, who)
        for route in ROUTES:
            before = _audits(session)
            assert browser.get(f"/tables/{world.table.id}/{route}?state=MO").status_code == 200
            assert _audits(session) == before + 1
            event = session.scalars(select(AuditEvent).where(AuditEvent.action == "matrix.exported")
                                    .order_by(AuditEvent.id.desc())).first()
            what, fmt = route.split(".")
            assert (event.actor_id, event.table_id) == (who.id, world.table.id)
            assert event.after["export"] == what and event.after["format"] == fmt
            assert event.after["filters"] == {"state": "MO"}


def test_neutralise_and_writers():
    assert [neutralise(v) for v in ("=a", "+a", "-a", "@a", "\ta", "\ra", "a=b", "", None, 3, -3)] == [
        "'=a", "'+a", "'-a", "'@a", "'\ta", "'\ra", "a=b", "", "", 3, "'-3"]
    assert to_csv(["h"], [["=x"], ["ok"]]) == b"h\r\n'=x\r\nok\r\n"
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx("Matrix", ["h"], [["=x"], [4]]))).active
    assert [c.value for c in sheet["A"]] == ["h", "'=x", 4]
