import base64
import gzip
import json
import re

import pytest
from _viz_data import PAYLOADS, page_data, xss_big_network
from hypothesis import given, settings
from hypothesis import strategies as st

import relgraph as rg
from relgraph.viz.map_page import _BOOT, json_for_script, sha256_source


@pytest.fixture(scope="module")
def sample_map():
    return rg.to_html(rg.datasets.sample(), opportunity="OPP-1")


def test_csp_hashes_cover_exactly_the_inline_scripts(sample_map):
    html = sample_map.html
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2  # vis-network and relgraph's script; the data block is JSON
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert csp.startswith("default-src 'none'; script-src 'sha256-")
    assert "unsafe-inline" not in csp.split("style-src")[0] and "unsafe-eval" not in csp
    for body in scripts:
        assert "\r" not in body  # the browser hashes the LF text
        assert sha256_source(body) in csp


@settings(max_examples=50, deadline=None)
@given(st.text())
def test_json_for_script_is_inert_and_round_trips(text):
    out = json_for_script({"t": text})
    assert not set(out) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(out) == {"t": text}


def _unpack(page, name):
    m = re.search(rf'id="relgraph-pack-{name}">([^<]*)</script>', page)
    return gzip.decompress(base64.b64decode(m.group(1))).decode("utf-8")


def test_compact_page_carries_the_same_map_compressed(sample_map):
    compact = sample_map.compact_html()
    assert len(compact) < len(sample_map.html) / 2
    assert json.loads(_unpack(compact, "data")) == page_data(sample_map.html)
    vis, app = re.findall(r"<script>(.*?)</script>", sample_map.html, re.S)
    assert _unpack(compact, "vis") == vis and _unpack(compact, "app") == app
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', compact).group(1)
    # the loader inserts the unpacked scripts: their hashes must be allowed, and the loader's
    for body in (_BOOT, vis, app):
        assert sha256_source(body) in csp
    assert re.findall(r"<script>(.*?)</script>", compact, re.S) == [_BOOT]


def test_compact_page_has_no_raw_payloads():
    m = rg.to_html(xss_big_network())
    compact = m.compact_html()
    for p in PAYLOADS:
        assert p not in compact
    assert any(PAYLOADS[0] in n["label"] for n in json.loads(_unpack(compact, "data"))["nodes"])
    frame = m._repr_html_()
    assert "<script" not in frame and 'sandbox="allow-scripts allow-downloads"' in frame


def _notebook_bytes(maps):
    """Size of a saved notebook whose cells display ``maps`` (what Jupyter stores)."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    cells = [
        new_code_cell(
            "rg.to_html(net)",
            outputs=[
                new_output(
                    "display_data", data={"text/html": m._repr_html_(), "text/plain": repr(m)}
                )
            ],
        )
        for m in maps
    ]
    return len(nbformat.writes(new_notebook(cells=cells)).encode("utf-8"))


def test_a_notebook_with_maps_stays_small(sample_map):
    """The sample's map adds about 210 KB to a notebook (the whole page is about 590 KB)."""
    one = _notebook_bytes([sample_map])
    three = _notebook_bytes([sample_map] * 3)
    assert one < 260_000 < len(sample_map.html.encode("utf-8"))
    assert three < 3 * one
