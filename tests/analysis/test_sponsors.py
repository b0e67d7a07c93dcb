"""Tests for relgraph.analysis.sponsors."""

from __future__ import annotations

import pytest

import relgraph as rg
from relgraph.analysis.sponsors import SPONSOR_COLUMNS, match_sponsor, our_load


def test_hand_computed_scores_on_tiny() -> None:
    raw = match_sponsor(rg.datasets.tiny(), "p1")
    assert list(raw.columns) == SPONSOR_COLUMNS
    m = raw.set_index("sponsor")
    # u2: level 3 vs 2 → parity 0.75; covers p1 (0.7); load 1 of 8
    u2 = m.loc["u2"]
    assert u2["parity"] == 0.75 and u2["history"] == pytest.approx(0.7)
    assert u2["capacity"] == pytest.approx(1 - 1 / 8)
    expected = 0.4 * 0.75 + 0.2 * u2["business"] + 0.3 * 0.7 + 0.1 * (1 - 1 / 8)
    assert u2["score"] == pytest.approx(expected, abs=1e-6)
    assert m.loc["u1", "parity"] == 0.5 and m.loc["u1", "history"] == 0.0
    assert m.loc["u2", "rank"] == 1


def test_sample_ceo_sponsor_is_an_executive() -> None:
    net = rg.datasets.sample()
    m = match_sponsor(net, "C005", k=3)
    assert len(m) == 3
    assert set(m["sponsor"].head(2)) == {"N01", "N02"}
    assert "level 2 vs 2" in m.iloc[0]["why"]


def test_load_lowers_capacity_and_sensitive_history_is_opt_in() -> None:
    net = rg.datasets.sample()
    load = our_load(net)
    assert load["N03"] == 5 and load["N01"] == 1
    m = match_sponsor(net, "C004").set_index("sponsor")
    assert m.at["N07", "history"] == 0.0  # neighbour tie is sensitive
    m2 = match_sponsor(net, "C004", include_sensitive=True).set_index("sponsor")
    assert m2.at["N07", "history"] > 0


def test_errors() -> None:
    net = rg.datasets.sample()
    with pytest.raises(rg.RelgraphError):
        match_sponsor(net, "C005", candidates=["C001"])
    with pytest.raises(rg.RelgraphError):
        match_sponsor(net, "C005", max_load=0)
    with pytest.raises(rg.UnknownPersonError):
        match_sponsor(net, "nobody-here")
