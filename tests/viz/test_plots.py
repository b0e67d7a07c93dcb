from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import relgraph as rg  # noqa: E402
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


@needs_cjk
def test_decision_chain_rows_by_level_with_hidden_influencers(sample):
    ax = rg.plot_decision_chain(sample, "OPP-1")
    assert ax.get_title() == "Decision chain of OPP-1: 21 role holders, 5 hidden influencer(s)"
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("林淑仪\nhidden influencer") for t in texts)
    assert any(t.startswith("王志远\ndecider") for t in texts)
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert dashed  # personal ties of hidden influencers
    _save(ax, "plot_decision_chain.png")


@needs_cjk
def test_power_map_quadrants_and_competitor_rings(sample):
    ax = rg.plot_power_map(sample, "OPP-1")
    lev = rg.leverage(sample, "OPP-1")
    shown = (lev["leverage"] > 0) & ~lev["party"].isin(["us", "competitor"])
    assert lev.set_index("person").loc["E03", "leverage"] > 0  # the CFO's husband sways her
    n = int((shown & lev["person"].ne("E03")).sum())  # ... but is left out of shared plots
    assert len(ax.collections) == n
    assert ax.get_title() == f"Power map of OPP-1: {n} people, 21 role holders"
    texts = {t.get_text() for t in ax.texts}
    assert {"manage closely", "keep satisfied", "keep informed", "monitor"} <= texts
    assert "王志远 (Wang Zhiyuan)" in texts  # the top of the leverage ranking is named
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "backs Orion Telecom" in labels and "backs Borealis Systems" in labels
    _save(ax, "plot_power_map.png")


@needs_cjk
def test_coverage_matrix_counts(sample):
    ax = rg.plot_coverage(sample, "OPP-1")
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == ["decider", "approver", "buyer", "influencer", "user", "initiator", "gatekeeper"]
    texts = [t.get_text() for t in ax.texts]
    # nine influencers, C029/C030/C040 have no owner (docs/sample-account.md)
    assert "covered 6/9" in texts and "covered 2/2" in texts
    assert "1\n王志远" in texts  # the CEO backs Orion
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


def test_plots_fall_back_to_english_names_without_cjk_font(sample, monkeypatch):
    import relgraph.viz.plots as plots

    monkeypatch.setattr(plots, "cjk_font_family", lambda: None)
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


def _texts(ax):
    return "\n".join(t.get_text() for t in ax.figure.findobj(matplotlib.text.Text))


def _note(ax):
    from relgraph.viz.plots import PRIVACY_NOTE_GID

    found = [t.get_text() for t in ax.texts if t.get_gid() == PRIVACY_NOTE_GID]
    assert len(found) <= 1
    return found[0].replace("\n", " ") if found else None


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
    assert len(power_all.collections) == len(power.collections) + 1
    for ax in (chain_all, power_all):
        assert "INCLUDED" in _note(ax) and "do not share" in _note(ax)
    route = rg.plot_route(sample, ["E03", "C007"], include_sensitive=True)
    assert "INCLUDED" in _note(route)


def test_no_privacy_note_without_sensitive_data():
    ax = rg.plot_decision_chain(rg.datasets.tiny())
    assert _note(ax) is None
