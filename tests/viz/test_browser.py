"""The HTML map in a real headless Chromium, with the network turned off."""

import shutil
from pathlib import Path

import pytest
from _viz_data import PAYLOADS, xss_network

import relgraph as rg

pw = pytest.importorskip(
    "playwright.sync_api", reason="Python package playwright not installed (pip install playwright)"
)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(
        "Debian package chromium not installed (apt-get install chromium)", allow_module_level=True
    )

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    with pw.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _open(browser, path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems, remote = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    def route(r):
        url = r.request.url
        if url.startswith("file:"):
            r.continue_()
        else:
            remote.append(url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_function("window.relgraphMapReady === true", timeout=10_000)
    return page, problems, remote


def test_demo_map_opens_offline_and_draws(browser, tmp_path):
    path = rg.to_html(rg.datasets.sample(), tmp_path / "map.html", opportunity="OPP-1")
    del path
    page, problems, remote = _open(browser, tmp_path / "map.html")
    assert problems == [] and remote == []
    assert page.locator("#relgraph-legend").is_visible()
    assert page.locator("#relgraph-search").is_visible()
    drawn = page.evaluate(
        """() => { const c = document.querySelector('#relgraph-network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i+3] > 0 &&
          (d[i] < 240 || d[i+1] < 240 || d[i+2] < 240)) n++; } return n; }"""
    )
    assert drawn > 2000
    page.fill("#relgraph-search", "Li Mingzhe")
    assert page.locator("#relgraph-search-status").inner_text() == "1 found"
    assert page.evaluate("window.relgraphNetwork.getSelectedNodes().length") == 1
    page.locator('#relgraph-filter-party input[data-value="us"]').uncheck()
    hidden = page.evaluate(
        "window.relgraphNetwork.body.data.nodes.get({filter: n => n.hidden}).length"
    )
    assert hidden == 9  # our nine people
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map_sample.png"))
    page.close()


def test_script_payloads_do_not_run_and_show_as_text(browser, tmp_path):
    rg.to_html(xss_network(), tmp_path / "xss.html")
    page, problems, remote = _open(browser, tmp_path / "xss.html")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert problems == [] and remote == []
    heading = page.locator("h1").inner_text()
    assert PAYLOADS[0] in heading and PAYLOADS[2] in heading
    legend = page.locator("#relgraph-legend").inner_text()
    assert PAYLOADS[2] in legend  # the competitor's name, literally
    assert page.locator("img").count() == 0
    # hover tooltips are text: vis-network sets string titles with innerText
    tip = page.evaluate("window.relgraphNetwork.body.data.nodes.get('n0').title")
    assert PAYLOADS[0] in tip or PAYLOADS[1] in tip
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map_xss.png"))
    page.close()


def test_sensitive_ties_absent_from_the_loaded_page(browser, tmp_path):
    rg.to_html(xss_network(), tmp_path / "x.html")
    page, _, _ = _open(browser, tmp_path / "x.html")
    kinds = page.evaluate("window.relgraphNetwork.body.data.edges.get().map(e => e.kind)")
    assert "family" not in kinds and len(kinds) == 4
    assert "1 sensitive tie(s) hidden" in page.locator("header").inner_text()
    page.close()
    rg.to_html(xss_network(), tmp_path / "y.html", include_sensitive=True)
    page, _, _ = _open(browser, tmp_path / "y.html")
    kinds = page.evaluate("window.relgraphNetwork.body.data.edges.get().map(e => e.kind)")
    assert "family" in kinds
    page.close()


def test_jupyter_iframe_draws_inside_a_notebook_like_page(browser, tmp_path):
    """``_repr_html_`` is what JupyterLab and classic Notebook insert into an output cell.

    Both put the HTML into the page's DOM as is (trusted output); the map must draw inside
    its sandboxed ``srcdoc`` iframe without touching the host page.
    """
    m = rg.to_html(rg.datasets.sample(), opportunity="OPP-1")
    host = tmp_path / "notebook.html"
    host.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        "<div class='jp-OutputArea-output output_html rendered_html'>"
        + m._repr_html_()
        + "</div></body></html>",
        encoding="utf-8",
    )
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page.goto(host.as_uri())
    frame = None
    for _ in range(100):
        frames = [f for f in page.frames if f != page.main_frame]
        if frames and frames[0].evaluate("window.relgraphMapReady === true"):
            frame = frames[0]
            break
        page.wait_for_timeout(100)
    assert frame is not None, "map in the iframe never finished drawing"
    assert problems == []
    assert frame.locator("#relgraph-legend").is_visible()
    assert frame.evaluate("window.relgraphNetwork.body.data.nodes.length") == m.people
    # sandboxed: the map cannot reach the host page
    assert page.evaluate("typeof window.relgraphNetwork") == "undefined"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map_in_notebook.png"))
    page.close()
