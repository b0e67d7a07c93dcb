import json
import re

import numpy as np
import pytest
from _viz_data import PAYLOADS, page_data, synthetic, xss_network

import relgraph as rg
from relgraph.viz.html import to_html


@pytest.fixture(scope="module")
def sample():
    return rg.datasets.sample()


@pytest.fixture(scope="module")
def sample_map(sample):
    return to_html(sample, opportunity="OPP-1")


def _edge_pairs(m, data):
    ids = dict(enumerate(m.node_ids))
    return {(ids[int(e["from"][1:])], ids[int(e["to"][1:])], e["kind"]) for e in data["edges"]}


# E03 (Cai Ming) is the CFO's husband: known to the account only through a family tie and
# an influence tie marked sensitive; his title says so. N07-C004 (neighbours) and N06-C039
# (children in one class) are the other sensitive ties (docs/sample-account.md).
SPOUSE = ("E03", "蔡明", "Cai Ming", "spouse of the CFO", "husband", "married")


def test_sample_map_counts_and_sensitive_data_left_out(sample, sample_map):
    m = sample_map
    assert (m.people, m.ties, m.hidden_sensitive, m.hidden_people, m.left_out) == (
        77,
        127,
        4,
        1,
        0,
    )
    data = page_data(m.html)
    assert len(data["nodes"]) == 77 and len(data["edges"]) == 127
    assert "E03" not in m.node_ids
    pairs = _edge_pairs(m, data)
    assert not any("E03" in (a, b) for a, b, _ in pairs)
    assert not any({a, b} == {"N07", "C004"} for a, b, _ in pairs)
    assert not any({a, b} == {"N06", "C039"} for a, b, _ in pairs)
    # nothing about the spouse anywhere in the file (E03 only as a substring of the
    # base64-encoded vis-network library, never as a word)
    for word in SPOUSE[1:]:
        assert word not in m.html, word
    assert not re.search(r"\bE03\b", m.html)
    assert "4 sensitive tie(s) hidden" in m.html
    assert "1 person(s) known only through sensitive ties left out" in m.html
    assert m.notes[-2:] == (
        "4 sensitive tie(s) hidden (family, faith, neighbour or marked sensitive); "
        "pass include_sensitive=True to show them.",
        "1 person(s) known only through sensitive ties left out (e.g. a relative or a "
        "neighbour); pass include_sensitive=True to show them.",
    )


def test_sensitive_ties_and_people_included_on_request(sample):
    m = to_html(sample, opportunity="OPP-1", include_sensitive=True)
    data = page_data(m.html)
    assert (m.people, m.ties, m.hidden_sensitive, m.hidden_people) == (78, 131, 0, 0)
    pairs = _edge_pairs(m, data)
    assert ("E03", "C007", "influences") in pairs and ("E03", "C007", "family") in pairs
    assert "Cai Ming" in m.html and "spouse of the CFO" in m.html
    assert "sensitive tie(s) hidden" not in m.html
    assert "INCLUDED" in m.html and "do not share" in m.html


def test_focus_on_a_sensitive_person_needs_opt_in(sample):
    with pytest.raises(ValueError, match="include_sensitive=True"):
        to_html(sample, opportunity="OPP-1", focus="E03")
    m = to_html(sample, opportunity="OPP-1", focus="E03", radius=1, include_sensitive=True)
    assert set(m.node_ids) == {"E03", "C007"}
    # focusing on the CFO does not pull her husband in through the withheld ties
    m2 = to_html(sample, opportunity="OPP-1", focus="C007", radius=1)
    assert "E03" not in m2.node_ids and "C007" in m2.node_ids


def test_page_loads_nothing_remote(sample_map):
    html = sample_map.html
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "<link" not in html.lower()
    assert "bootstrap" not in html.lower() and "cdnjs" not in html.lower()
    assert "default-src 'none'" in html


def test_node_ids_are_opaque_and_hidden_influence_dashed(sample_map):
    data = page_data(sample_map.html)
    assert all(re.fullmatch(r"n\d+", n["id"]) for n in data["nodes"])
    assert not any("C00" in n["id"] for n in data["nodes"])
    flags = {}
    ids = dict(enumerate(sample_map.node_ids))
    for e in data["edges"]:
        flags[(ids[int(e["from"][1:])], ids[int(e["to"][1:])], e["kind"])] = e["dashes"]
    assert flags[("C002", "C005", "influences")] is True  # no role in OPP-1
    assert flags[("E02", "C006", "influences")] is True
    # arrows point the way influence flows: the CTO (manager) sways the VP who reports to him
    assert flags[("C006", "C015", "reports_to")] is False
    assert ("C015", "C006", "reports_to") not in flags
    assert flags[("N03", "C015", "covers")] is False
    assert sum(flags.values()) >= 7  # the sample's seven influence ties and more
    ours = {
        p for p, n in zip(sample_map.node_ids, data["nodes"], strict=True) if n["party"] == "us"
    }
    between_ours = [v for (a, b, _), v in flags.items() if a in ours and b in ours]
    assert between_ours and not any(between_ours)  # our staff's own ties: never hidden influence


def test_node_style_encodes_attitude_role_ring_and_size(sample_map):
    data = page_data(sample_map.html)
    node = dict(zip(sample_map.node_ids, data["nodes"], strict=False))
    ceo, vp, us = node["C005"], node["C015"], node["N03"]
    assert ceo["role"] == "decider" and ceo["ring"] == "#e69f00"  # backs Orion
    assert ceo["fill"] == "#f4a582"  # attitude -1
    assert vp["fill"] == "#01665e" and vp["role"] == "initiator"
    assert node["C013"]["role"] == "gatekeeper"  # not the initiator's shape
    assert data["shapes"]["initiator"] != data["shapes"]["gatekeeper"]
    assert us["fill"] == "#0072b2" and us["party"] == "us"
    assert ceo["size"] == pytest.approx(19.0)  # the most leverage
    assert node["C052"]["size"] < 11
    assert "Our owners: 梁振华 (Liang Zhenhua)" in ceo["title"]
    assert "Backs 猎户通信 (Orion Telecom)" in ceo["title"]
    assert node["C010"]["dnc"] is True and "Do not contact" in node["C010"]["title"]
    assert node["C002"]["hid"] is True and node["C005"]["hid"] is False


def test_focus_draws_the_ego_network(sample):
    m = to_html(sample, opportunity="OPP-1", focus="C006", radius=1)
    assert set(m.node_ids) == {"C005", "C006", "C015", "C028", "C029", "N05", "N09", "E01", "E02"}
    m2 = to_html(sample, opportunity="OPP-1", focus="Li Mingzhe", radius=0)
    assert m2.node_ids == ("C006",)


def test_size_limit_keeps_role_holders_and_says_what_it_left_out():
    net = synthetic(300)
    m = to_html(net, max_people=60)
    assert (m.people, m.left_out) == (60, 250)
    holders = set(net.opportunity_roles("O1")["person"])
    assert holders <= set(m.node_ids)
    assert "Showing the 60 most relevant of 310 people" in m.html
    # what was left out, by party (300 customer people and our 10, none of whom has
    # leverage, so all 60 kept are customer people)
    shareable = int((~net.edges["sensitive"].to_numpy(bool)).sum())
    left = shareable - m.ties  # every tie with an end outside the map
    assert f"250 people (10 our team, 240 customer) and {left} ties are left out" in m.notes[0]


def test_writes_only_when_given_a_path(tmp_path, monkeypatch, sample):
    monkeypatch.chdir(tmp_path)
    m = to_html(sample, opportunity="OPP-2")
    assert list(tmp_path.iterdir()) == []
    out = tmp_path / "m.html"
    to_html(sample, out, opportunity="OPP-2")
    assert [p.name for p in tmp_path.iterdir()] == ["m.html"]
    assert m.save(tmp_path / "again.html").read_text(encoding="utf-8") == m.html


def test_xss_payloads_never_reach_the_page_raw():
    m = to_html(xss_network())
    for p in PAYLOADS:
        assert p not in m.html
    assert "<img" not in m.html and "</option>" not in m.html
    assert m.html.count("\n<script") == 3  # data block, vis-network, our script
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in m.html  # heading, escaped
    data = page_data(m.html)
    assert any(PAYLOADS[0] in n["label"] for n in data["nodes"])  # text kept literally


def test_jupyter_repr_is_an_isolated_iframe(sample_map):
    out = sample_map._repr_html_()
    assert out.startswith("<iframe") and 'sandbox="allow-scripts allow-downloads"' in out
    assert "allow-same-origin" not in out
    assert "<script" not in out and "&lt;script" in out
    assert len(out) < len(sample_map.html) / 2  # compressed (see test_map_page)


@pytest.mark.parametrize(
    ("kw", "msg"),
    [
        ({"radius": -1}, "radius"),
        ({"layout": "circle"}, "auto, layered, force, spring"),
        ({"view": "some"}, "story, all"),
        ({"group_by": "team"}, "department, org, faction"),
        ({"height": "1px;background:red"}, "CSS length"),
        ({"max_people": 0}, "max_people"),
    ],
)
def test_bad_options_are_rejected(sample, kw, msg):
    with pytest.raises(ValueError, match=msg):
        to_html(sample, opportunity="OPP-1", **kw)


def test_several_opportunities_need_one_named(sample):
    with pytest.raises(rg.UnknownOpportunityError):
        to_html(sample)


def test_spring_layout_is_seeded(sample):
    a = page_data(to_html(sample, opportunity="OPP-1", layout="spring", seed=3).html)
    b = page_data(to_html(sample, opportunity="OPP-1", layout="spring", seed=3).html)
    assert [(n["x"], n["y"]) for n in a["nodes"]] == [(n["x"], n["y"]) for n in b["nodes"]]


def test_cli_map_writes_the_file(tmp_path):
    from typer.testing import CliRunner

    from relgraph.cli import app
    from relgraph.datasets import sample_path

    out = tmp_path / "map.html"
    res = CliRunner().invoke(
        app, ["map", str(sample_path()), "--out", str(out), "--opportunity", "OPP-1"]
    )
    assert res.exit_code == 0, res.output
    assert "77 people, 127 ties" in res.output and "4 sensitive" in res.output
    assert "1 person(s) known only through sensitive ties" in res.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_title_lines_state_the_situation(sample_map):
    lead, gap = sample_map.situation
    assert lead == (
        "猎户通信 (Orion Telecom) leads with a support index of +0.45; ours is +0.01 "
        "(北辰系统 (Borealis Systems) +0.13)."
    )
    assert gap.startswith("Top gap: 猎户通信 (Orion Telecom)'s supporter 王志远 (Wang Zhiyuan)")
    assert lead in sample_map.html and "Top gap:" in sample_map.html


def test_default_view_is_the_story_and_groups_the_rest(sample, sample_map):
    data = page_data(sample_map.html)
    story = {p for p, n in zip(sample_map.node_ids, data["nodes"], strict=True) if n["story"]}
    holders = set(sample.opportunity_roles("OPP-1")["person"])
    hidden = {"C002", "E04", "E02", "C020", "C003", "C039", "C010"}  # shareable, top 10
    backers = {"C019"}  # backs Borealis, no role, not hidden
    ours = set(sample.our_people())  # every one of ours covers someone in the story
    assert story == holders | hidden | backers | ours
    assert (sample_map.in_view, sample_map.groups) == (38, 13)
    assert data["groupBy"] == "department"
    groups = data["groups"]["department"]
    assert {g["label"] for g in groups} >= {"Network Department", "Discipline Inspection"}
    assert sum(g["n"] for g in groups) == 77 - 38
    assert set(data["groups"]) == {"department", "org", "faction"}
    everyone = to_html(sample, opportunity="OPP-1", view="all")
    assert page_data(everyone.html)["groupBy"] == "none" and everyone.in_view == 77


def test_small_maps_show_everyone():
    m = to_html(rg.datasets.tiny())
    data = page_data(m.html)
    assert all(n["story"] for n in data["nodes"]) and data["groupBy"] == "none"
    assert m.groups == 0 and m.in_view == m.people


def test_story_grid_columns_by_stage_rows_by_level(sample_map):
    data = page_data(sample_map.html)
    node = dict(zip(sample_map.node_ids, data["nodes"], strict=True))
    cols = [c["text"] for c in data["bands"]["cols"]]
    assert cols == ["Need", "Specification", "Evaluation", "Decision", "Approval", "Purchase"]

    def column(pid):
        x = node[pid]["x"]
        return next(c["text"] for c in data["bands"]["cols"] if c["x0"] <= x <= c["x1"])

    assert column("C015") == "Need" and column("C005") == "Decision"
    assert column("C043") == "Purchase" and column("C001") == "Approval"
    assert column("C002") == "Decision"  # the director sits next to the CEO she sways
    assert node["C001"]["y"] < node["C005"]["y"] < node["C015"]["y"] < node["C016"]["y"]
    assert min(node[p]["y"] for p in ("N01", "N03", "N09")) > node["C020"]["y"]  # our band
    # our owners sit under the people they cover, not in a pile
    assert len({node[p]["x"] for p in ("N01", "N03", "N05", "N06", "N09")}) == 5


def test_missing_levels_switch_to_a_force_layout(sample):
    from _viz_data import without_levels

    m = to_html(without_levels(sample), opportunity="OPP-1")
    data = page_data(m.html)
    assert data["layout"] == "force" and data["bands"] is None
    assert data["options"]["physics"]["enabled"] is False  # settled ahead, frozen in the page
    pts = np.array([(n["x"], n["y"]) for n in data["nodes"] if n["story"]], dtype=float)
    assert not np.isnan(pts).any()
    assert np.ptp(pts[:, 1]) > 300 and np.ptp(pts[:, 0]) > 300  # not one flat band
    gaps = np.sqrt(((pts[:, None] - pts[None]) ** 2).sum(-1)) + np.eye(len(pts)) * 1e9
    assert gaps.min() > 20
    again = page_data(to_html(without_levels(sample), opportunity="OPP-1").html)
    assert [(n["x"], n["y"]) for n in again["nodes"]] == [(n["x"], n["y"]) for n in data["nodes"]]
    layered = page_data(to_html(sample, opportunity="OPP-1").html)
    assert layered["layout"] == "layered"


def test_competitors_named_from_org_labels_when_english_names_are_blank(sample):
    f = sample.to_frames()
    net = rg.RelationshipNetwork.from_frames(**f | {"orgs": f["orgs"].assign(name_en="")})
    m = to_html(net, opportunity="OPP-1")
    legend = m.html.split('id="relgraph-legend">')[1].split("</div>")[0]
    assert "猎户通信" in legend and "北辰系统" in legend
    assert m.situation[0].startswith("猎户通信 leads")
    data = page_data(m.html)
    ceo = data["nodes"][m.node_ids.index("C005")]
    assert "Backs 猎户通信 (strength 3 of 3)" in ceo["title"]


def test_positions_are_reused_and_checked(sample, tmp_path):
    m = to_html(sample, opportunity="OPP-1", positions={"C005": (1.5, -2), "ZZZ": [0, 0]})
    data = page_data(m.html)
    assert data["positions"] == {"C005": [1.5, -2.0]}
    assert "1 saved position(s) are for people not on this map" in m.notes[-1]
    saved = tmp_path / "positions.json"
    saved.write_text(
        json.dumps({"relgraph": "positions", "version": 1, "positions": {"C006": [3, 4]}}),
        encoding="utf-8",
    )
    assert page_data(to_html(sample, opportunity="OPP-1", positions=saved).html)["positions"] == {
        "C006": [3.0, 4.0]
    }
    saved.write_text("not json", encoding="utf-8")
    with pytest.raises(rg.errors.InvalidParameterError, match="positions"):
        to_html(sample, opportunity="OPP-1", positions=saved)
    with pytest.raises(rg.errors.InvalidParameterError, match="two finite numbers"):
        to_html(sample, opportunity="OPP-1", positions={"C005": [1, float("nan")]})


def test_to_html_accepts_the_documented_call_forms(sample, tmp_path):
    out = tmp_path / "map.html"
    m = rg.to_html(sample, out, opportunity="OPP-1")
    assert out.read_text(encoding="utf-8") == m.html
    m2 = rg.to_html(sample, path=tmp_path / "m2", opportunity="OPP-2")  # any suffix: HTML
    assert (tmp_path / "m2").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert m2.situation and "OPP-2" in m2.html


def test_an_opportunity_without_roles_still_draws_and_says_so():
    import pandas as pd

    f = rg.datasets.tiny().to_frames()
    opps = pd.concat([f["opportunities"], f["opportunities"].head(1).assign(id="O2")])
    m = to_html(rg.RelationshipNetwork.from_frames(**f | {"opportunities": opps}), opportunity="O2")
    assert m.situation == (
        "No role holders recorded for this opportunity yet: add them to see who leads.",
    )
    assert "nan" not in m.html.split("<body")[1].split("<script")[0]


def test_spring_layout_draws_everyone_apart(sample):
    m = to_html(sample, opportunity="OPP-1", layout="spring")
    data = page_data(m.html)
    assert m.in_view == 77 and m.groups == 0 and data["layout"] == "spring"
    pts = np.array([(n["x"], n["y"]) for n in data["nodes"]], dtype=float)
    gaps = np.sqrt(((pts[:, None] - pts[None]) ** 2).sum(-1)) + np.eye(len(pts)) * 1e9
    assert gaps.min() > 20


def test_the_map_in_chinese(sample):
    """language="zh": <html lang="zh-CN">, Chinese legend, controls, tooltips and names."""
    m = to_html(sample.with_settings(language="zh"), opportunity="OPP-1")
    page = m.html
    assert '<html lang="zh-CN">' in page
    legend = re.search(r'<div id="relgraph-legend">(.*?)</div>', page, re.S).group(1)
    for word in ("图例", "决定者", "强烈反对", "我方团队", "汇报线"):
        assert word in legend, word
    assert "按姓名搜索" in page and "筛选" in page
    data = page_data(page)
    assert data["text"]["found"] == "找到 {n} 人" and data["text"]["reset"] == "重置布局"
    ceo = next(n for n in data["nodes"] if n["label"] == "王志远")  # Chinese name alone
    assert "Wang Zhiyuan" not in ceo["title"] and "对我方态度" in ceo["title"]
    assert "wang zhiyuan" in ceo["search"]  # still found by the English name
    assert {c["text"] for c in data["filters"]["party"]} >= {"我方团队", "客户"}
    assert m.situation[0].startswith("猎户通信 领先")
    # English is unchanged
    assert '<html lang="en">' in to_html(sample, opportunity="OPP-1").html
