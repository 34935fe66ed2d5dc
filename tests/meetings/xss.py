"""Known XSS vectors, and a checker that parses HTML and reports anything
executable: script-bearing elements, event-handler attributes, and URLs in
href/src/action/... with a scheme other than http, https or mailto."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"javascript:alert(1)\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<body onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\" javascript:alert(1)\">x</a>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](  javascript:alert(1)  )",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](file:///etc/passwd)",
    "[click](<javascript:alert(1)>)",
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "![img](javascript:alert(1))",
    "![img](x \"onerror=alert(1)\")",
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "[x](https://example.org\" onmouseover=\"alert(1))",
    "[x](https://example.org 'a\" onmouseover=\"alert(1)')",
    "<div>\n\n<script>alert(1)</script>\n\n</div>",
    "```html\n<script>alert(1)</script>\n```",
    "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [c](javascript:alert(1)) |",
    "> <script>alert(1)</script>\n> [q](javascript:alert(1))",
    "# <svg onload=alert(1)>",
    "*<b onmouseover=alert(1)>x</b>*",
]

SAFE_SCHEMES = ("http", "https", "mailto")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset",
                  "srcdoc", "lowsrc", "dynsrc"}
DANGEROUS_TAGS = {"script", "style", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "link",
                  "meta", "svg", "math", "form", "input", "button", "textarea", "img", "video", "audio", "source",
                  "template", "noscript"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def _scheme(url: str) -> str | None:
    # Browsers drop ASCII whitespace and control characters inside a scheme; so do we.
    cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


class _Finder(HTMLParser):
    def __init__(self, allowed_tags: set[str]):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS and tag not in self.allowed_tags:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            if name == "style" and value and re.search(r"url\(|expression\(", value, re.I):
                self.problems.append(f"<{tag} style> with a URL")
            if name in URL_ATTRIBUTES and value is not None:
                scheme = _scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    self.problems.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def executable_markup(markup: str, *, allowed_tags: set[str] = frozenset()) -> list[str]:
    """What in `markup` could run script. `allowed_tags` names the page's own
    elements (a page has its own forms and stylesheet link, a fragment has none)."""
    finder = _Finder(set(allowed_tags))
    finder.feed(markup)
    finder.close()
    return finder.problems
