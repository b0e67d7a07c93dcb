"""Hostile user strings (script tags, attribute breakouts, template syntax, Chinese, pipes and
newlines) in every free-text field must come out escaped in every output: the HTML map, the
plan's HTML and Markdown, and GEXF/GraphML files that stay valid XML."""

from __future__ import annotations

import html
import re
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import relgraph as rg
from relgraph.export import export_graph
from relgraph.plan import plan

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script>",
    "{{7*7}}",
)
CHINESE = "王总｜数字化转型办公室"
HOSTILE = " ".join(PAYLOADS) + " " + CHINESE + " a|b\nsecond line"
RAW_MARKUP = ("<script>alert(1)", "<img", "onerror=alert(1)>")


@pytest.fixture(scope="module")
def hostile() -> rg.RelationshipNetwork:
    """The sample account with a hostile string in every name, title, org name and note."""
    f = rg.datasets.sample().to_frames()
    people = f["people"].copy()
    people["name"] = people["name"].astype(str) + " " + HOSTILE
    people["title"] = HOSTILE
    people["department"] = HOSTILE
    orgs = f["orgs"].copy()
    orgs["name"] = orgs["name"].astype(str) + " " + HOSTILE
    ties = f["ties"].copy()
    ties["note"] = HOSTILE
    opps = f["opportunities"].copy()
    opps["name"] = HOSTILE
    inter = f["interactions"].copy()
    inter["subject"] = HOSTILE
    inter["note"] = HOSTILE
    frames = f | {"people": people, "orgs": orgs, "ties": ties, "opportunities": opps}
    return rg.RelationshipNetwork.from_frames(**frames | {"interactions": inter})


def _assert_no_raw_markup(page: str) -> None:
    for bad in RAW_MARKUP:
        assert bad not in page, bad
    assert PAYLOADS[1] not in page and PAYLOADS[0] not in page


def test_map_page_escapes_every_field(hostile: rg.RelationshipNetwork) -> None:
    from relgraph.viz.html import to_html

    page = to_html(hostile, opportunity="OPP-1", include_sensitive=True).html
    _assert_no_raw_markup(page)
    # the only script end tags are those of the page's own three scripts (data, vis-network,
    # ours): a leaked payload would add one
    assert page.count("</script>") == 3
    assert "{{7*7}}" in page or "{{7*7}}" in html.unescape(page)  # kept as text, not run
    assert CHINESE in page or CHINESE.encode("unicode_escape").decode() in page


def test_plan_html_escapes_and_keeps_the_text(hostile: rg.RelationshipNetwork) -> None:
    p = plan(hostile, "OPP-1", as_of="2026-01-05", k=3)
    page = p.to_html()
    _assert_no_raw_markup(page)
    assert "<script" not in page  # the plan page has no scripts at all
    assert html.escape(PAYLOADS[1]) in page
    assert CHINESE in page and "{{7*7}}" in page


def test_plan_markdown_tables_survive_pipes_and_newlines(hostile: rg.RelationshipNetwork) -> None:
    p = plan(hostile, "OPP-1", as_of="2026-01-05", k=3)
    md = p.to_markdown()
    assert CHINESE in md
    for name, frame in p.sheets.items():
        block = md.split(f"## {name}\n\n")[1].split("\n\n## ")[0].rstrip("\n")
        rows = block.splitlines()
        assert len(rows) == len(frame) + 2, name  # header, rule, one line per row
        ncols = len(frame.columns)
        for line in rows:
            assert line.startswith("| ") and line.endswith(" |"), line
            cells = re.split(r"(?<!\\)\|", line)[1:-1]  # split on unescaped pipes only
            assert len(cells) == ncols, (name, line)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graph_exports_are_valid_xml_and_round_trip(
    hostile: rg.RelationshipNetwork, tmp_path: Path, fmt: str
) -> None:
    out = export_graph(hostile, tmp_path / f"g.{fmt}", opportunity="OPP-1", include_sensitive=True)
    g = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
    text = out.read_text(encoding="utf-8")
    _assert_no_raw_markup(text)
    names = {str(d.get("name", d.get("label", ""))) for _, d in g.nodes(data=True)}
    assert any(HOSTILE in n for n in names), sorted(names)[:3]  # read back literally
    assert g.number_of_nodes() == len(hostile.people)


def test_hostile_strings_survive_a_csv_round_trip(
    hostile: rg.RelationshipNetwork, tmp_path: Path
) -> None:
    for name, frame in hostile.to_frames().items():
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
    back = rg.load(tmp_path)
    pd.testing.assert_series_equal(back.people["title"], hostile.people["title"])


def test_map_groups_title_line_and_positions_keep_hostile_text(
    hostile: rg.RelationshipNetwork,
) -> None:
    """The map's newer parts: group labels (departments, org names), the title lines about
    competitors and gaps, and saved positions keyed by person id all carry user strings."""
    import json

    from relgraph.viz.html import to_html

    m = to_html(hostile, opportunity="OPP-1", positions={"C005": (1.0, 2.0)})
    page = m.html
    _assert_no_raw_markup(page)
    assert page.count("</script>") == 3
    block = re.search(r'id="relgraph-data">(.*?)</script>', page, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    labels = [g["label"] for how in ("department", "org") for g in data["groups"][how]]
    assert labels and all(HOSTILE in label for label in labels)  # kept as text
    leans = [g["label"] for g in data["groups"]["faction"] if "leans to" in g["label"]]
    assert all(HOSTILE in label for label in leans)
    assert any(HOSTILE in line for line in m.situation)  # competitor names in the title line
    header = page.split("<header")[1].split("</header>")[0]
    assert html.escape(PAYLOADS[1]) in header and "<img" not in header
    assert data["positions"] == {"C005": [1.0, 2.0]}
    compact = m.compact_html()
    _assert_no_raw_markup(compact)
