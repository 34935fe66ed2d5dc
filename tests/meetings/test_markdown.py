"""The Markdown sanitiser (portal/markdown.py): what writers need renders,
nothing executable survives."""
from __future__ import annotations

import pytest

from portal.markdown import render_markdown
from tests.meetings.xss import VECTORS, executable_markup


@pytest.mark.parametrize("vector", VECTORS)
def test_no_known_vector_leaves_executable_markup(vector):
    rendered = str(render_markdown(vector))
    assert executable_markup(rendered) == [], rendered


@pytest.mark.parametrize("vector", VECTORS)
def test_vectors_stay_harmless_inside_other_markdown(vector):
    text = f"# Agenda\n\n- item {vector}\n\n{vector} and **bold {vector}**\n\n> {vector}\n"
    assert executable_markup(str(render_markdown(text))) == []


def test_the_checker_itself_sees_executable_markup():
    # Guard against a checker that passes everything.
    assert executable_markup('<a href="javascript:alert(1)">x</a>')
    assert executable_markup('<a href=" jav&#x09;ascript:alert(1)">x</a>')
    assert executable_markup("<img src=x onerror=alert(1)>")
    assert executable_markup("<script>alert(1)</script>")
    assert executable_markup('<svg onload="alert(1)"></svg>')
    assert executable_markup('<a href="https://example.org">x</a>') == []


def test_what_writers_use_renders():
    html = str(render_markdown("## Agenda\n\n1. **Budget**\n2. *Turf*\n\n- [plan](https://example.org/plan)\n"
                               "- mail <mailto:a@example.org>\n\n| Race | Lead |\n|---|---|\n| MO-01 | Alpha |\n\n"
                               "~~old~~ `code`\n\n> quoted\n\n---\n"))
    for expected in ("<strong>Budget</strong>", "<em>Turf</em>", "<ol>", "<ul>", "<table>", "<th>Race</th>",
                     "<td>MO-01</td>", "<s>old</s>", "<code>code</code>", "<blockquote>", "<hr>"):
        assert expected in html
    assert 'href="https://example.org/plan"' in html
    assert 'href="mailto:a@example.org"' in html


def test_links_open_nothing_and_pass_no_referrer():
    html = str(render_markdown("[plan](https://example.org/plan)"))
    assert 'rel="noopener noreferrer nofollow"' in html


def test_headings_sit_below_the_pages_own():
    html = str(render_markdown("# One\n\n## Two\n\n###### Six"))
    assert "<h3>One</h3>" in html and "<h4>Two</h4>" in html and "<h6>Six</h6>" in html
    assert "<h1" not in html and "<h2" not in html


def test_raw_html_is_shown_as_text_not_dropped_silently():
    html = str(render_markdown("<b>bold</b> <script>alert(1)</script>"))
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<script" not in html


def test_images_are_not_rendered():
    html = str(render_markdown("![chart](https://example.org/chart.png)"))
    assert "<img" not in html


def test_no_inline_styles_reach_the_page():
    # The CSP forbids inline styles: table alignment must not produce style attributes.
    html = str(render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |"))
    assert "style=" not in html


@pytest.mark.parametrize("value", [None, "", "   \n"])
def test_nothing_renders_as_nothing(value):
    assert str(render_markdown(value)) == ""
