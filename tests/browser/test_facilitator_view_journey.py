"""In Chromium, on the demo data that `make run` loads: the facilitator opens
the federal table's coalition matrix, finds a candidate at critical mass, looks
at the map and the capacity chart, and downloads the matrix as CSV and Excel
files that open cleanly (issue 5, done-when 1)."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from playwright.sync_api import expect

from portal.demo.seed import DEMO_PASSWORD, seed

pytestmark = pytest.mark.browser
FACILITATOR = "facilitator@table-facilitator.example"


def sign_in(page, base):
    page.goto(f"{base}/sign-in")
    page.get_by_label("E-mail", exact=True).fill(FACILITATOR)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_test_id("whoami")).to_be_visible()


def download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    path = info.value.path()
    with open(path, "rb") as handle:
        return handle.read()


def test_the_facilitator_reads_the_matrix_map_and_chart_and_exports_it(
        app, session, live_server, page, console_errors, screenshots_dir):
    seed()
    session.commit()
    missing = []
    page.on("response", lambda response: missing.append(response.url) if response.status == 404 else None)
    sign_in(page, live_server)

    # From the home page to the federal table's matrix.
    page.get_by_role("link", name="2026 Congressional Primaries Table").first.click()
    page.get_by_role("link", name="Coalition matrix").click()
    expect(page.get_by_role("heading", name="Coalition matrix")).to_be_visible()
    reached = page.locator("tr.cm-reached")
    expect(reached.first).to_be_visible()
    expect(reached.first).to_contain_text("Critical mass")
    summary = reached.first.locator(".cm-summary").inner_text()
    assert " partners back " in summary
    page.screenshot(path=str(screenshots_dir / "facilitator-matrix.png"), full_page=False)

    # The filter keeps only the races at critical mass.
    page.get_by_label("Show").select_option("critical")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("tbody tr").first).to_have_class("cm-reached")
    assert page.locator("tbody tr").count() == page.locator("tr.cm-reached").count()

    # Exports of what the page shows: CSV and Excel, as attachments that open cleanly.
    exports = page.get_by_test_id("exports")
    text = download(page, exports.get_by_role("link", name="CSV").first).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["State", "District", "Office", "Stage", "Partner"]
    assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows)
    assert any(row[rows[0].index("Critical mass")] for row in rows[1:])
    workbook = openpyxl.load_workbook(io.BytesIO(download(page, exports.get_by_role("link", name="Excel").first)))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    assert header == rows[0]
    assert sheet.max_row == len(rows)
    pledges = download(page, exports.get_by_role("link", name="CSV").nth(1)).decode("utf-8")
    assert pledges.splitlines()[0].startswith("Table,Race,Partner,Organization")

    # The map and the capacity chart, each with a text equivalent.
    page.get_by_role("link", name="Map and charts").first.click()
    maps = page.locator("figure svg")
    expect(maps).to_have_count(2)
    for index in range(2):
        svg = maps.nth(index)
        assert svg.get_attribute("role") == "img"
        assert svg.locator(":scope > title").count() == 1 and svg.locator(":scope > desc").count() == 1
    page.get_by_text("The numbers as a table").first.click()
    expect(page.locator("#map-table")).to_be_visible()
    critical_counts = [int(t) for t in page.locator("#map-table tbody td:nth-child(3)").all_inner_texts()]
    assert sum(critical_counts) >= 1
    page.screenshot(path=str(screenshots_dir / "facilitator-pictures.png"), full_page=True)
    assert missing == [] and console_errors == []
