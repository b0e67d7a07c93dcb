"""The HTML map (and the plan page) in a real headless Chromium, with the network turned off.

One browser per module; each test opens its own page. What a reader sees is measured from
vis-network's own canvas geometry: label boxes, font size times zoom, node positions.
"""

import base64
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from _viz_data import PAYLOADS, page_data, without_levels, xss_big_network, xss_network

import relgraph as rg
from relgraph.viz.browser import CHROMIUM_ARGS

pw = pytest.importorskip(
    "playwright.sync_api", reason="Python package playwright not installed (pip install playwright)"
)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(
        "Debian package chromium not installed (apt-get install chromium)", allow_module_level=True
    )

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = list(CHROMIUM_ARGS)
VIEW = {"width": 1600, "height": 1000}

# Label boxes, node outlines and on-screen font size of everything drawn, in page pixels.
GEOMETRY = """() => {
  const net = window.relgraphNetwork, s = net.getScale(), out = [];
  for (const id of net.body.nodeIndices) {
    const n = net.body.nodes[id];
    if (!n || n.options.hidden) continue;
    const l = n.labelModule.size;
    const a = net.canvasToDOM({x: l.left, y: l.top});
    const b = net.canvasToDOM({x: l.left + l.width, y: l.top + l.height});
    const c = net.canvasToDOM({x: n.x, y: n.y}), r = n.shape.width / 2 * s;
    out.push({id, label: n.options.label, px: n.labelModule.fontOptions.size * s,
              box: [a.x, a.y, b.x, b.y], shape: [c.x - r, c.y - r, c.x + r, c.y + r]});
  }
  const el = document.getElementById('relgraph-network');
  return {items: out, width: el.clientWidth, height: el.clientHeight};
}"""


@pytest.fixture(scope="module")
def browser():
    with pw.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def sample():
    return rg.datasets.sample()


@pytest.fixture(scope="module")
def sample_file(sample, tmp_path_factory):
    path = tmp_path_factory.mktemp("maps") / "map.html"
    rg.to_html(sample, path, opportunity="OPP-1")
    return path


def _open(browser, path, *, viewport=VIEW, context=None):
    page = context.new_page() if context is not None else browser.new_page(viewport=viewport)
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
    page.wait_for_function("window.relgraphMapReady === true", timeout=20_000)
    return page, problems, remote


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _visible(page):
    return page.evaluate("window.relgraphMap.visible().length")


def test_sample_map_opens_offline_and_draws(browser, sample_file):
    page, problems, remote = _open(browser, sample_file)
    assert problems == [] and remote == []
    assert page.locator("#relgraph-legend").is_visible()
    drawn = page.evaluate(
        """() => { const c = document.querySelector('#relgraph-network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i+3] > 0 &&
          (d[i] < 240 || d[i+1] < 240 || d[i+2] < 240)) n++; } return n; }"""
    )
    assert drawn > 20_000
    page.fill("#relgraph-search", "Li Mingzhe")
    assert page.locator("#relgraph-search-status").inner_text() == "1 found"
    assert page.evaluate("window.relgraphNetwork.getSelectedNodes().length") == 1
    page.fill("#relgraph-search", "")
    page.locator("details summary").click()
    page.locator('#relgraph-filter-party input[data-value="us"]').uncheck()
    hidden = page.evaluate(
        "window.relgraphNetwork.body.data.nodes.get({filter: n => n.hidden}).length"
    )
    assert hidden == 9  # our nine people
    page.close()


def test_default_view_is_readable_at_1600_by_1000(browser, sample_file):
    """Every label at least 12 px on screen, none overlapping another label or a person."""
    page, _, _ = _open(browser, sample_file)
    geo = page.evaluate(GEOMETRY)
    items = geo["items"]
    assert len(items) == 38 + 13  # the story's people and the groups of everyone else
    assert min(i["px"] for i in items) >= 12.0
    for i, a in enumerate(items):
        assert a["box"][2] > a["box"][0] and a["box"][3] > a["box"][1], a["label"]
        # the whole default view is on screen: no panning needed
        assert a["box"][0] >= 0 and a["box"][1] >= 0, a["label"]
        assert a["box"][2] <= geo["width"] and a["box"][3] <= geo["height"], a["label"]
        for b in items[i + 1 :]:
            assert not _overlap(a["box"], b["box"]), (a["label"], b["label"])
        for b in items:
            if b is not a:
                assert not _overlap(a["box"], b["shape"]), (a["label"], b["label"])
    header = page.locator("header").inner_text()
    assert "猎户通信 (Orion Telecom) leads with a support index of +0.45" in header
    assert "Top gap:" in header
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map_sample.png"))
    page.close()


def test_groups_and_focus_change_what_is_shown(browser, sample_file):
    page, problems, _ = _open(browser, sample_file)
    m = "window.relgraphMap"
    assert _visible(page) == 51
    groups = page.evaluate(f"{m}.groups()")
    sizes = {g: page.evaluate(f"{m}.members('{g}').length") for g in groups}
    assert sum(sizes.values()) == 77 - 38
    biggest = max(sizes, key=sizes.get)
    page.evaluate(f"{m}.openGroup('{biggest}')")
    assert _visible(page) == 51 + sizes[biggest] - 1
    page.evaluate(f"{m}.groupBy('org')")
    orgs = page.evaluate(
        "JSON.parse(document.getElementById('relgraph-data').textContent)"
        ".groups.org.map(g => g.label)"
    )
    assert sorted(orgs)[0] == "北辰系统 (Borealis Systems)" and len(orgs) == 4
    assert _visible(page) == 38 + 4  # one group per organisation
    page.evaluate(f"{m}.groupBy('none')")
    assert _visible(page) == 77
    page.evaluate(f"{m}.groupBy('faction')")
    assert 38 < _visible(page) < 77
    page.select_option("#relgraph-group", "department")
    assert _visible(page) == 51
    # focus on the CEO: their neighbourhood stays, the rest is dimmed
    ceo = page.evaluate(
        "window.relgraphNetwork.body.data.nodes.get().find(n => n.title.startsWith('王志远')).id"
    )
    near = page.evaluate(
        f"window.relgraphNetwork.getConnectedNodes('{ceo}')"
        ".filter(id => window.relgraphNetwork.body.nodeIndices.includes(id)).length"
    )
    page.evaluate(f"{m}.focus('{ceo}')")
    assert _visible(page) == near + 1 < 51
    box = page.locator("#relgraph-network").bounding_box()
    page.mouse.click(box["x"] + 4, box["y"] + box["height"] - 4)  # an empty spot clears it
    assert _visible(page) == 51
    assert problems == []
    page.close()


def test_clicking_a_group_opens_it(browser, sample_file):
    page, _, _ = _open(browser, sample_file)
    gid = page.evaluate("window.relgraphMap.groups()[0]")
    n = page.evaluate(f"window.relgraphMap.members('{gid}').length")
    pos = page.evaluate(
        f"(() => {{ const p = relgraphNetwork.getPositions(['{gid}'])['{gid}'];"
        " return relgraphNetwork.canvasToDOM(p); })()"
    )
    box = page.locator("#relgraph-network").bounding_box()
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_timeout(400)
    assert _visible(page) == 51 + n - 1
    page.close()


def _png_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    return Image.open(io.BytesIO(data)).size


def test_png_and_svg_export_from_the_page(browser, sample_file, tmp_path):
    page, problems, _ = _open(browser, sample_file)
    url = page.evaluate("window.relgraphMap.exporter.png(800, 500)")
    png = base64.b64decode(url.split(",", 1)[1])
    assert _png_size(png) == (800, 500) and len(png) > 20_000
    svg = page.evaluate("window.relgraphMap.exporter.svg(800, 500)")
    root = ET.fromstring(svg)
    assert (root.get("width"), root.get("height")) == ("800", "500")
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "王志远" in texts and "Decision" in texts
    assert len(list(root.iter("{http://www.w3.org/2000/svg}path"))) > 100
    # the buttons download the current view at the canvas size
    canvas = page.evaluate(
        "[document.querySelector('#relgraph-network canvas').width,"
        " document.querySelector('#relgraph-network canvas').height]"
    )
    with page.expect_download() as dl:
        page.click("button[data-action=png]")
    assert _png_size(Path(dl.value.path()).read_bytes()) == tuple(canvas)
    with page.expect_download() as dl:
        page.click("button[data-action=svg]")
    assert ET.parse(dl.value.path()).getroot().get("width") == str(canvas[0])
    assert problems == []
    page.close()


def test_dragged_positions_survive_a_reload_and_a_new_map(browser, sample, tmp_path):
    path = tmp_path / "map.html"
    rg.to_html(sample, path, opportunity="OPP-1")
    context = browser.new_context(viewport=VIEW, accept_downloads=True)
    page, _, _ = _open(browser, path, context=context)
    ceo = page.evaluate(
        "window.relgraphNetwork.body.data.nodes.get().find(n => n.title.startsWith('王志远')).id"
    )
    start = page.evaluate(f"relgraphNetwork.canvasToDOM(relgraphNetwork.getPosition('{ceo}'))")
    box = page.locator("#relgraph-network").bounding_box()
    x, y = box["x"] + start["x"], box["y"] + start["y"]
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(1, 11):
        page.mouse.move(x + 12 * k, y + 9 * k)
    page.mouse.up()
    moved = page.evaluate(f"relgraphNetwork.getPosition('{ceo}')")
    was = page.evaluate(f"relgraphNetwork.DOMtoCanvas({{x: {start['x']}, y: {start['y']}}})")
    assert moved["x"] - was["x"] > 50 and moved["y"] - was["y"] > 40
    page.reload()
    page.wait_for_function("window.relgraphMapReady === true")
    assert page.evaluate(f"relgraphNetwork.getPosition('{ceo}')") == moved
    with page.expect_download() as dl:
        page.click("button[data-action=positions]")
    saved = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    assert saved["positions"]["C005"] == [moved["x"], moved["y"]]
    assert len(saved["positions"]) == 77
    # the downloaded file places people in a new map
    again = rg.to_html(sample, opportunity="OPP-1", positions=dl.value.path())
    assert page_data(again.html)["positions"]["C005"] == [moved["x"], moved["y"]]
    page.click("button[data-action=reset]")
    assert page.evaluate(f"relgraphNetwork.getPosition('{ceo}')") != moved
    context.close()


def test_force_layout_is_frozen_and_keeps_people_apart(browser, sample, tmp_path):
    path = tmp_path / "flat.html"
    m = rg.to_html(without_levels(sample), path, opportunity="OPP-1")
    assert page_data(m.html)["layout"] == "force"
    page, problems, _ = _open(browser, path)
    assert page.evaluate("relgraphNetwork.physics.options.enabled") is False
    geo = page.evaluate(GEOMETRY)
    for i, a in enumerate(geo["items"]):
        for b in geo["items"][i + 1 :]:
            assert not _overlap(a["box"], b["box"]), (a["label"], b["label"])
    pos = page.evaluate("Object.values(relgraphNetwork.getPositions())")
    xs, ys = [p["x"] for p in pos], [p["y"] for p in pos]
    assert max(ys) - min(ys) > 300 and max(xs) - min(xs) > 300  # not one flat band
    before = page.evaluate("relgraphNetwork.getPositions()")
    page.wait_for_timeout(500)
    assert page.evaluate("relgraphNetwork.getPositions()") == before  # frozen
    assert problems == []
    page.close()


def test_script_payloads_do_not_run_and_show_as_text(browser, tmp_path):
    path = tmp_path / "xss.html"
    m = rg.to_html(xss_big_network(), path)
    assert m.groups == 3  # the three hostile departments
    page, problems, remote = _open(browser, path)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert problems == [] and remote == []
    heading = page.locator("h1").inner_text()
    assert PAYLOADS[0] in heading and PAYLOADS[2] in heading
    legend = page.locator("#relgraph-legend").inner_text()
    assert PAYLOADS[2] in legend  # the competitor's name, literally
    assert page.locator("img").count() == 0
    tip = page.evaluate("window.relgraphNetwork.body.data.nodes.get('n0').title")
    assert PAYLOADS[0] in tip or PAYLOADS[1] in tip
    groups = page.evaluate(
        "window.relgraphMap.groups().map(g => window.relgraphNetwork.body.nodes[g].options)"
    )
    assert sorted(g["title"].split("\n")[0] for g in groups) == sorted(PAYLOADS)  # tooltips
    shown = sorted(g["label"].split(" · ")[0] for g in groups)  # canvas labels, long ones cut
    assert all(p.startswith(t.rstrip("…")) for p, t in zip(sorted(PAYLOADS), shown, strict=True))
    svg = page.evaluate("window.relgraphMap.exporter.svg(900, 600)")
    texts = [t.text or "" for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert any(PAYLOADS[0] in t for t in texts)
    saved = page.evaluate("window.relgraphMap.positions()")
    assert f"id {PAYLOADS[0]}" in saved  # a hostile person id survives the export as text
    page.evaluate("window.relgraphMap.groupBy('none')")
    page.hover("#relgraph-network")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map_xss.png"))
    page.close()
    again = rg.to_html(xss_big_network(), positions=saved)
    assert page_data(again.html)["positions"][f"id {PAYLOADS[0]}"] == saved[f"id {PAYLOADS[0]}"]


def test_sensitive_ties_absent_from_the_loaded_page(browser, tmp_path):
    rg.to_html(xss_network(), tmp_path / "x.html")
    page, _, _ = _open(browser, tmp_path / "x.html")
    kinds = page.evaluate("window.relgraphNetwork.body.data.edges.get().map(e => e.id)")
    assert len(kinds) == 4
    assert "1 sensitive tie(s) hidden" in page.locator("header").inner_text()
    page.close()
    m = rg.to_html(xss_network(), tmp_path / "y.html", include_sensitive=True)
    assert "family" in {e["kind"] for e in page_data(m.html)["edges"]}
    page, _, _ = _open(browser, tmp_path / "y.html")
    assert len(page.evaluate("window.relgraphNetwork.body.data.edges.get()")) == 5
    page.close()


def test_jupyter_iframe_draws_inside_a_notebook_like_page(browser, sample, tmp_path):
    """``_repr_html_`` is what JupyterLab and classic Notebook insert into an output cell.

    Both put the HTML into the page's DOM as is (trusted output); the map must unpack and
    draw inside its sandboxed ``srcdoc`` iframe without touching the host page.
    """
    m = rg.to_html(sample, opportunity="OPP-1")
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
    assert frame.evaluate("window.relgraphMap.visible().length") == m.in_view + m.groups
    assert page.evaluate("typeof window.relgraphNetwork") == "undefined"  # sandboxed
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map_in_notebook.png"))
    page.close()


def test_save_png_and_svg_from_python(sample, tmp_path):
    m = rg.to_html(sample, opportunity="OPP-1")
    png = m.save(tmp_path / "map.png", width=900, height=600, browser=CHROMIUM)
    assert _png_size(png.read_bytes()) == (900, 600)
    svg = m.save(tmp_path / "map.svg", width=900, height=600, browser=CHROMIUM)
    root = ET.parse(svg).getroot()
    assert (root.get("width"), root.get("height")) == ("900", "600")


def test_plan_page_fits_a_laptop_screen(browser, sample, tmp_path):
    path = tmp_path / "plan.html"
    rg.plan(sample, "OPP-1", as_of="2026-01-05").to_html(path)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(path.as_uri())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1366  # no horizontal scroll
    tallest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('table.sheet tbody tr:first-child')]"
        ".map(r => r.getBoundingClientRect().height))"
    )
    assert tallest < 160
    page.evaluate("document.querySelectorAll('h2')[0].scrollIntoView()")
    page.evaluate("window.scrollBy(0, 900)")
    head = page.evaluate(
        "document.querySelector('table.sheet thead th').getBoundingClientRect().top"
    )
    assert 0 <= head < 5  # the header row sticks to the top while scrolling
    page.close()


def test_the_chinese_map_draws_offline_with_chinese_controls(browser, sample, tmp_path):
    path = tmp_path / "关系图.html"
    rg.to_html(sample.with_settings(language="zh"), path, opportunity="OPP-1")
    page, problems, remote = _open(browser, path)
    assert problems == [] and remote == []
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    legend = page.locator("#relgraph-legend").inner_text()
    assert "图例" in legend and "决定者" in legend and "我方团队" in legend
    assert page.locator("label[for=relgraph-search]").inner_text() == "按姓名搜索"
    assert "总览" in page.locator("#relgraph-buttons").inner_text()
    labels = {i["label"] for i in page.evaluate(GEOMETRY)["items"]}
    assert "王志远" in labels and not any("Wang" in (x or "") for x in labels)
    page.fill("#relgraph-search", "王志远")
    assert page.locator("#relgraph-search-status").inner_text() == "找到 1 人"
    page.fill("#relgraph-search", "Wang Zhiyuan")  # the English name finds them too
    assert page.locator("#relgraph-search-status").inner_text() == "找到 1 人"
    page.fill("#relgraph-search", "")
    page.locator("details summary").click()
    assert "关系类型" in page.locator("details").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map-zh.png"))
    page.close()
