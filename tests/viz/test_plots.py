from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from _viz_data import synthetic  # noqa: E402

import relgraph as rg  # noqa: E402
from relgraph.palette import ROLE_MARKERS  # noqa: E402
from relgraph.viz.plots import CAP_NOTE_GID, PRIVACY_NOTE_GID  # noqa: E402
from relgraph.viz.style import cjk_font_family  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

needs_cjk = pytest.mark.skipif(
    cjk_font_family(warn=False) is None,
    reason="no CJK font installed (Debian: apt-get install fonts-noto-cjk)",
)


@pytest.fixture(scope="module")
def sample():
    return rg.datasets.sample()


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _save(ax, name):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    ax.figure.savefig(path, dpi=80)  # drawing happens here: missing glyphs would warn (= error)
    assert path.stat().st_size > 10_000
    return path


def _texts(ax):
    return "\n".join(t.get_text() for t in ax.figure.findobj(matplotlib.text.Text))


def _note(ax, gid=PRIVACY_NOTE_GID):
    found = [t.get_text() for t in ax.texts if t.get_gid() == gid]
    assert len(found) <= 1
    return found[0].replace("\n", " ") if found else None


def _arrows(ax):
    """(tail text, head text, arrowstyle) of every arrow annotation, by the people's labels."""
    where = {}
    for t in ax.texts:
        if "\n" in t.get_text() and t.xy is not None:
            where[tuple(np.round(t.xy, 3))] = t.get_text().split("\n")[0]
    out = []
    for t in ax.texts:
        if t.get_text() == "" and getattr(t, "arrow_patch", None) is not None:
            tail = where.get(tuple(np.round(t.xyann, 3)))
            head = where.get(tuple(np.round(t.xy, 3)))
            out.append((tail, head, t.arrowprops.get("arrowstyle")))
    return out


def _no_name_en(net):
    """The network with every English org name left blank (the column is optional)."""
    f = net.to_frames()
    return rg.RelationshipNetwork.from_frames(**f | {"orgs": f["orgs"].assign(name_en="")})


@needs_cjk
def test_decision_chain_rows_by_level_with_hidden_influencers(sample):
    ax = rg.plot_decision_chain(sample, "OPP-1")
    assert ax.get_title() == "Decision chain of OPP-1: 21 role holders, 5 hidden influencer(s)"
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("林淑仪\nhidden influencer") for t in texts)
    assert any(t.startswith("王志远\ndecider") for t in texts)
    dashed = [c for c in ax.collections if c.get_linestyle()[0][1] is not None]
    assert dashed  # personal ties of hidden influencers
    arrows = _arrows(ax)
    # influence flows from the manager to the report: the CTO sways the VP of Networks
    assert ("李明哲", "张伟东", "-|>") in arrows and ("张伟东", "李明哲", "-|>") not in arrows
    assert ("林淑仪", "王志远", "-|>") in arrows  # the director sways the CEO
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["L1 board", "L2 C-suite"]
    _save(ax, "plot_decision_chain.png")


@needs_cjk
def test_decision_chain_marks_do_not_contact(sample):
    ax = rg.plot_decision_chain(sample, "OPP-1", hidden=10)
    assert any(t.get_text().startswith("罗卫国\n") for t in ax.texts)  # C010: do not contact
    marks = [c for c in ax.collections if c.get_gid() == "relgraph-do-not-contact"]
    assert len(marks) == 1 and len(marks[0].get_offsets()) == 1
    assert "do not contact" in [t.get_text() for t in ax.get_legend().get_texts()]


@needs_cjk
def test_power_map_zones_and_one_call_per_role(sample):
    ax = rg.plot_power_map(sample, "OPP-1")
    lev = rg.leverage(sample, "OPP-1")
    shown = (lev["leverage"] > 0) & ~lev["party"].isin(["us", "competitor"])
    n = int((shown & lev["person"].ne("E03")).sum())  # the CFO's husband is left out
    assert ax.get_title() == f"Power map of OPP-1: {n} people, 21 role holders"
    people = sum(len(c.get_offsets()) for c in ax.collections if c.get_gid() is None)
    assert people == n
    roles = {r for r in rg.coverage(sample, "OPP-1", as_of="2026-01-05").people["roles"] if r}
    # per role (and no role) one call, two when some back a competitor; marks; zone spans
    assert len(ax.collections) <= 2 * (len(roles) + 1) + 1 + 2
    texts = _texts(ax)
    for word in ("MOBILISE", "CONVERT", "NEUTRALISE", "work through the"):
        assert word in texts
    for word in ("keep satisfied", "monitor", "manage closely"):
        assert word not in texts
    assert "王志远 (Wang Zhiyuan)" in texts  # the top of the leverage ranking is named
    _save(ax, "plot_power_map.png")


@needs_cjk
def test_competitor_names_stay_distinct_without_english_names(sample):
    net = _no_name_en(sample)
    power = rg.plot_power_map(net, "OPP-1")
    labels = [t.get_text() for t in power.get_legend().get_texts()]
    assert "backs 猎户通信" in labels and "backs 北辰系统" in labels
    cover = rg.plot_coverage(net, "OPP-1")
    cols = [t.get_text() for t in cover.get_xticklabels()]
    assert "backs 猎户通信" in cols and "backs 北辰系统" in cols
    assert cols[0] == "云岭网络 (supporters)"


@needs_cjk
def test_coverage_matrix_counts(sample):
    ax = rg.plot_coverage(sample, "OPP-1")
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == ["decider", "approver", "buyer", "influencer", "user", "initiator", "gatekeeper"]
    texts = [t.get_text() for t in ax.texts]
    # nine influencers, C029/C030/C040 have no owner (docs/sample-account.md)
    assert "covered 6/9" in texts and "covered 2/2" in texts
    assert "1\n王志远" in texts  # the CEO backs Orion
    assert "backs 猎户通信 (Orion Telecom)" in [t.get_text() for t in ax.get_xticklabels()]
    data = ax.images[0].get_array()
    assert int(data.sum()) == 21
    _save(ax, "plot_coverage.png")


@needs_cjk
def test_route_from_connection_routes(sample):
    row = rg.connection_routes(sample, "C006", source="N03").routes.iloc[0]
    fig, ax = plt.subplots()
    assert rg.plot_route(sample, row, ax=ax) is ax
    assert ax.get_title() == (
        "Route 周锐 (Zhou Rui) → 李明哲 (Li Mingzhe): 2 hop(s), strength 0.64 = 0.80 × 0.80"
    )
    _save(ax, "plot_route.png")


def _hop_styles(ax):
    return [t.arrowprops["arrowstyle"] for t in ax.texts if t.get_text() == "" and t.arrowprops]


def test_route_arrows_point_the_way_influence_flows(sample):
    # E04 (the former chairman) influences the CEO: walking the route CEO → E04, the arrow
    # of that hop points back from E04 to the CEO
    ax = rg.plot_route(
        sample,
        {
            "path": ["C006", "C005", "E04"],
            "kinds": ["reports_to", "influences"],
            "strengths": [0.7, 0.7],
        },
    )
    assert _hop_styles(ax) == ["<|-", "<|-"]  # the CEO manages the CTO; E04 sways the CEO
    ax2 = rg.plot_route(sample, ["N03", "C015", "C006"])  # covers (ours → C015), then C015's boss
    assert _hop_styles(ax2) == ["-|>", "<|-"]
    ax3 = rg.plot_route(sample, ["N03", "E01", "C006"])  # personal ties: no arrow
    assert _hop_styles(ax3) == ["-", "-"]


def test_route_plain_path_uses_strongest_visible_tie(sample):
    ax = rg.plot_route(sample, ["N03", "C015", "C006"])
    assert "strength 0.56 = 0.80 × 0.70" in ax.get_title()
    with pytest.raises(ValueError, match=r"sensitive ties \(through E03\)"):
        rg.plot_route(sample, ["E03", "C007"])
    with pytest.raises(ValueError, match="include_sensitive=True"):
        rg.plot_route(
            sample,
            {"path": ["N06", "C039"], "kinds": ["other"], "strengths": [0.3], "sensitive": True},
        )
    with pytest.raises(ValueError, match="include_sensitive=True"):
        rg.plot_route(sample, {"path": ["N07", "C004"], "kinds": ["neighbour"], "strengths": [0.4]})
    ax2 = rg.plot_route(sample, ["E03", "C007"], include_sensitive=True)
    assert "strength 0.90" in ax2.get_title()
    with pytest.raises(ValueError, match="fewer than two"):
        rg.plot_route(sample, ["C006"])


def test_route_takes_an_opportunity_for_shapes(sample):
    ax = rg.plot_route(sample, ["N03", "C015", "C006"], opportunity="OPP-1")
    markers = {tuple(map(tuple, c.get_paths()[0].vertices.round(2))) for c in ax.collections}
    assert len(markers) == 3  # ours (circle), the initiator and the decider
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "initiator" in labels and "decider" in labels
    with pytest.raises(rg.UnknownOpportunityError):
        rg.plot_route(sample, ["N03", "C015"], opportunity="OPP-9")


def test_plots_fall_back_to_english_names_without_cjk_font(sample, monkeypatch):
    import relgraph.viz.plot_common as pc

    monkeypatch.setattr(pc, "cjk_font_family", lambda: None)
    ax = rg.plot_route(sample, ["N03", "E01", "C006"])
    assert ax.get_title().startswith("Route Zhou Rui → Li Mingzhe")
    ax.figure.savefig(
        ARTIFACTS / "plot_route_latin.png" if ARTIFACTS.exists() else "/dev/null", format="png"
    )


def test_cjk_warning_names_the_package(monkeypatch):
    import relgraph.viz.style as style

    monkeypatch.setattr(style, "_installed_cjk_fonts", lambda: ())
    with pytest.warns(UserWarning, match="fonts-noto-cjk"):
        assert style.cjk_font_family() is None


@needs_cjk
def test_plots_leave_out_the_spouse_and_say_so(sample):
    """E03 (the CFO's husband, a hidden influencer known only through family) stays out."""
    chain = rg.plot_decision_chain(sample, "OPP-1", hidden=10)
    power = rg.plot_power_map(sample, "OPP-1", label=100)
    cover = rg.plot_coverage(sample, "OPP-1")
    route = rg.plot_route(sample, ["N03", "C015", "C006"])
    for ax in (chain, power, cover, route):
        text = _texts(ax)
        for word in ("蔡明", "Cai Ming", "E03", "spouse", "husband"):
            assert word not in text, (ax.get_title(), word)
        note = _note(ax)
        assert note is not None and note.startswith("4 sensitive ties, 1 person known only")
        assert "include_sensitive=True" in note
        _save(ax, "plot_privacy_check.png")  # the note fits: drawing raises no warning
    # the sample has eight hidden influencers; E03 is one of them (leverage rank 4)
    assert "7 hidden influencer(s)" in chain.get_title()

    chain_all = rg.plot_decision_chain(sample, "OPP-1", hidden=10, include_sensitive=True)
    power_all = rg.plot_power_map(sample, "OPP-1", label=100, include_sensitive=True)
    assert "蔡明" in _texts(chain_all) and "蔡明 (Cai Ming)" in _texts(power_all)
    assert "8 hidden influencer(s)" in chain_all.get_title()
    count = sum(len(c.get_offsets()) for c in power.collections if c.get_gid() is None)
    count_all = sum(len(c.get_offsets()) for c in power_all.collections if c.get_gid() is None)
    assert count_all == count + 1
    for ax in (chain_all, power_all):
        assert "INCLUDED" in _note(ax) and "do not share" in _note(ax)
    route = rg.plot_route(sample, ["E03", "C007"], include_sensitive=True)
    assert "INCLUDED" in _note(route)


def test_no_privacy_note_without_sensitive_data():
    ax = rg.plot_decision_chain(rg.datasets.tiny())
    assert _note(ax) is None


def _without_roles(net):
    f = net.to_frames()
    opps = pd.concat([f["opportunities"], f["opportunities"].head(1).assign(id="O2")])
    return rg.RelationshipNetwork.from_frames(**f | {"opportunities": opps})


@pytest.mark.parametrize("plot", [rg.plot_decision_chain, rg.plot_coverage])
def test_an_opportunity_without_roles_gives_a_labelled_empty_plot(plot):
    net = _without_roles(rg.datasets.tiny())
    ax = plot(net, "O2")
    assert "O2" in ax.get_title()
    assert any("O2 has no role holders yet" in t.get_text() for t in ax.texts)
    ax.figure.savefig(ARTIFACTS / "plot_empty.png" if ARTIFACTS.exists() else "/dev/null")


def test_power_map_caps_large_networks_and_says_so():
    net = synthetic(600)
    ax = rg.plot_power_map(net, "O1", max_people=200, label=0)
    drawn = sum(len(c.get_offsets()) for c in ax.collections if c.get_gid() is None)
    assert drawn == 200
    note = _note(ax, CAP_NOTE_GID)
    assert note.startswith("Showing the 200 people with the most leverage of 600; 400 left out")
    full = rg.plot_power_map(net, "O1", label=0)
    assert sum(len(c.get_offsets()) for c in full.collections if c.get_gid() is None) == 600
    assert _note(full, CAP_NOTE_GID) is None
    assert len(full.collections) <= 2 * (4 + 1) + 2  # per role (+ none) ≤ 2 calls, zone spans


@pytest.mark.parametrize(
    ("kw", "msg"), [({"label": -1}, "label"), ({"max_people": 0}, "max_people")]
)
def test_bad_plot_options_are_rejected(sample, kw, msg):
    with pytest.raises(rg.errors.InvalidParameterError, match=msg):
        rg.plot_power_map(sample, "OPP-1", **kw)


def test_every_plot_takes_opportunity_as_a_keyword(sample):
    for plot in (rg.plot_decision_chain, rg.plot_power_map, rg.plot_coverage):
        assert plot(sample, opportunity="OPP-2").get_title().find("OPP-2") > 0
    assert rg.plot_route(sample, ["N03", "C015"], opportunity="OPP-2") is not None


def test_role_markers_are_distinct():
    shapes = {str(m) for m in ROLE_MARKERS.values()}
    assert len(shapes) == len(ROLE_MARKERS)  # one outline per role, a circle for none
