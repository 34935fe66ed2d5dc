"""Markdown that people write (agendas, notes, profiles) rendered to HTML that
cannot carry script.

Two independent layers, so a gap in one is caught by the other:
1. markdown-it-py in its CommonMark preset with raw HTML switched off: tags a
   writer types come out as text, and its link validator drops javascript:,
   vbscript:, file: and data: targets.
2. nh3 (the ammonia sanitiser) with an explicit allowlist of tags, attributes
   and URL schemes over whatever step 1 produced.

Headings are demoted by two levels so a writer's "# Title" sits below the
page's own <h1> and <h2> instead of breaking its outline. Images are not
rendered (the CSP allows data: images, and nobody needs pictures in minutes):
Markdown image syntax stays visible as text. No style attributes either (the
CSP forbids inline styles; table column alignment is lost, nothing else)."""
from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "del", "s", "code", "pre",
    "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"
# Dropped with everything inside them, not just unwrapped: their text is code or chrome, not prose.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template",
                                  "svg", "math", "textarea", "select"})

HEADING_SHIFT = 2

_parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"]).disable("image")


def _demote_headings(tokens) -> None:
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + HEADING_SHIFT, 6)
            token.tag = f"h{level}"


def render_markdown(text: str | None) -> Markup:
    """Safe HTML for `text` (empty markup for None or blank)."""
    if not text or not text.strip():
        return Markup("")
    tokens = _parser.parse(text)
    _demote_headings(tokens)
    html = _parser.renderer.render(tokens, _parser.options, {})
    clean = nh3.clean(html, tags=set(ALLOWED_TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
                      attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
                      url_schemes=set(ALLOWED_URL_SCHEMES), link_rel=LINK_REL, strip_comments=True)
    return Markup(clean)
