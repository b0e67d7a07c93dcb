"""Check that a built documentation site loads nothing from the network.

Every HTML file is parsed for the resources a browser fetches on its own: ``<script src>``,
``<link href>`` (stylesheets, icons, preconnect, preload …), ``<img src/srcset>``,
``<iframe src>``, ``<source>``, ``<video>``/``<audio>``, ``<object data>``, ``<embed src>``,
``url()`` and ``@import`` in ``<style>`` elements and ``style`` attributes, and the HTML of
``<iframe srcdoc>`` (checked the same way). Every CSS file is checked for ``url()`` and
``@import`` (which covers ``@font-face`` sources). A link a reader may follow
(``<a href>``) is not a resource and is allowed. ``data:`` URLs are allowed.

Usage::

    python scripts/check_site_offline.py site/     # exit 1 and list them when any is found
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

#: (tag, attribute) pairs whose value a browser fetches without a click.
FETCHED = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("frame", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("object", "data"),
    ("embed", "src"),
    ("input", "src"),
    ("image", "href"),
    ("use", "href"),
}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I | re.S)


def is_external(url: str) -> bool:
    """Whether ``url`` points off the site (a scheme with a host, or ``//host``).

    Examples
    --------
    >>> [is_external(u) for u in ("https://cdn.x/a.js", "//fonts.y/css", "../a.js", "data:,x")]
    [True, True, False, False]
    """
    url = url.strip()
    return url.startswith("//") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", url) is not None


def css_urls(css: str) -> list[str]:
    """Every ``url()`` and ``@import`` target in a style sheet.

    Examples
    --------
    >>> css_urls("@import 'https://f.g/x.css'; b{background:url(img/a.png)}")
    ['https://f.g/x.css', 'img/a.png']
    """
    return [m.group(2) if m.group(2) is not None else m.group(4) for m in _CSS_URL.finditer(css)]


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if (tag, name) in FETCHED:
                for url in re.split(r",\s*", value) if name == "srcset" else [value]:
                    self.found.append((f"<{tag} {name}>", url.split()[0] if url else url))
            elif name in ("href", "xlink:href") and tag in ("image", "use"):
                self.found.append((f"<{tag} {name}>", value))
            elif name == "style":
                self.found.extend(("style attribute", u) for u in css_urls(value))
            elif tag == "iframe" and name == "srcdoc":
                self.found.extend((f"<iframe srcdoc> {kind}", u) for kind, u in resources(value))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found.extend(("<style>", u) for u in css_urls(data))


def resources(html: str) -> list[tuple[str, str]]:
    """(where, url) of every resource an HTML page fetches on its own.

    Examples
    --------
    >>> resources('<script src="https://cdn/x.js"></script><a href="https://y">y</a>')
    [('<script src>', 'https://cdn/x.js')]
    """
    parser = _Resources()
    parser.feed(html)
    parser.close()
    return parser.found


def external_resources(site: Path) -> list[tuple[str, str, str]]:
    """(file, where, url) of every external resource in the site's HTML and CSS files."""
    out: list[tuple[str, str, str]] = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            found = resources(path.read_text(encoding="utf-8"))
        elif path.suffix == ".css":
            found = [("css", u) for u in css_urls(path.read_text(encoding="utf-8"))]
        else:
            continue
        rel = str(path.relative_to(site))
        out.extend((rel, where, url) for where, url in found if is_external(url))
    return out


def main() -> None:
    """Check the site folder given on the command line."""
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    found = external_resources(site)
    for rel, where, url in found:
        print(f"{rel}: {where} {url}")
    if found:
        raise SystemExit(f"{len(found)} external resource(s) in {site}/; the site must be offline")
    print(f"{site}/: no external scripts, styles, fonts or images")


if __name__ == "__main__":
    main()
