"""A headless Chromium (through playwright) that opens a map page and exports its image.

Used by :meth:`relgraph.NetworkMap.save` for ``.png`` and ``.svg`` files. The page is opened
from a temporary file with every non-file request blocked, exactly as a user would open it
offline.
"""

from __future__ import annotations

import base64
import shutil
import tempfile
from pathlib import Path
from typing import Any

from relgraph.errors import MissingDependencyError
from relgraph.text import say

__all__ = ["CHROMIUM_ARGS", "find_chromium", "render_image"]

#: Command-line switches for a quiet, offline headless Chromium.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """Find a Chromium or Chrome executable on the PATH (None when there is none)."""
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _missing(feature: str, detail: str) -> MissingDependencyError:
    err = MissingDependencyError("playwright", feature)
    err.args = (detail,)
    err.msg = detail  # ImportError prints .msg
    return err


def _launch(p: Any, executable: str | None, feature: str) -> Any:
    """Launch the given executable, else playwright's own Chromium, else one on the PATH."""
    from playwright.sync_api import Error

    options: list[str | None] = [executable] if executable else [None, find_chromium()]
    for exe in dict.fromkeys(options):
        try:
            return p.chromium.launch(executable_path=exe, args=list(CHROMIUM_ARGS))
        except Error:
            continue
    raise _missing(feature, say("viz_no_chromium", feature=feature))


def render_image(
    page_html: str,
    kind: str,
    *,
    width: int,
    height: int,
    scale: float,
    executable: str | None = None,
) -> bytes:
    """Open ``page_html`` headless and return its map as PNG bytes or SVG text (UTF-8).

    The browser is driven from a worker thread, so this also works where an event loop is
    already running (Jupyter), which playwright's synchronous API refuses.
    """
    feature = say("viz_save_feature", kind=kind.upper())
    try:
        from playwright.sync_api import sync_playwright  # noqa: F401
    except ImportError as err:
        raise MissingDependencyError("playwright", feature) from err
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        job = pool.submit(_render, page_html, kind, width, height, scale, executable, feature)
        return job.result()


def _render(
    page_html: str,
    kind: str,
    width: int,
    height: int,
    scale: float,
    executable: str | None,
    feature: str,
) -> bytes:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "map.html"
        path.write_text(page_html, encoding="utf-8")
        browser = _launch(p, executable, feature)
        try:
            page = browser.new_page(
                viewport={"width": width + 320, "height": height + 240},
                device_scale_factor=scale,
            )
            page.route(
                "**/*",
                lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
            )
            page.goto(path.as_uri())
            page.wait_for_function("window.relgraphMapReady === true", timeout=60_000)
            out = page.evaluate(
                "([kind, w, h]) => window.relgraphMap.exporter[kind](w, h)", [kind, width, height]
            )
        finally:
            browser.close()
    if kind == "png":
        return base64.b64decode(str(out).split(",", 1)[1])
    return str(out).encode("utf-8")
