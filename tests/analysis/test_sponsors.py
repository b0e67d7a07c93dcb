"""Tests for relgraph.analysis.sponsors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import relgraph as rg
from relgraph.analysis.sponsors import SPONSOR_COLUMNS, match_sponsor, our_load


def port() -> rg.RelationshipNetwork:
    """The port authority account (tests/data/accounts/port_authority/README.md)."""
    return rg.load(Path(__file__).parent.parent / "data" / "accounts" / "port_authority")


def test_hand_computed_scores_on_tiny() -> None:
    """By hand: Bo (p2, CTO, level 2) is owned by Eve (u1, level 4, not an executive); our
    only executive is Fay (u2, VP, level 3): parity 1 − 1/4 = 0.75, no shared words, no
    tie, load 1 of 8: score 0.4·0.75 + 0.1·(1 − 1/8) = 0.3875."""
    raw = match_sponsor(rg.datasets.tiny(), "p2")
    assert list(raw.columns) == SPONSOR_COLUMNS
    assert raw["sponsor"].tolist() == ["u2"]
    u2 = raw.set_index("sponsor").loc["u2"]
    assert u2["parity"] == 0.75 and u2["history"] == 0.0 and u2["business"] == 0.0
    assert u2["score"] == pytest.approx(0.4 * 0.75 + 0.1 * (1 - 1 / 8), abs=1e-6)
    assert u2["rank"] == 1


def test_owner_a_is_never_the_sponsor() -> None:
    """By hand: Ann (p1) is owned by Fay (u2): owner A, so not her sponsor; Eve (u1) is not
    an executive: nobody is left. Were Eve owner A, Fay would score 0.4·0.75 + 0.3·0.7
    (her covers tie) + 0.1·(1 − 1/8)."""
    net = rg.datasets.tiny()
    assert match_sponsor(net, "p1").empty
    m = match_sponsor(net, "p1", owner_a="u1").set_index("sponsor")
    assert list(m.index) == ["u2"] and m.at["u2", "history"] == pytest.approx(0.7)
    expected = 0.4 * 0.75 + 0.2 * m.at["u2", "business"] + 0.3 * 0.7 + 0.1 * (1 - 1 / 8)
    assert m.at["u2", "score"] == pytest.approx(expected, abs=1e-6)


def test_only_executives_above_owner_a_are_ranked() -> None:
    """By hand on the port account: our executives are W1 (level 2), W2 and W6 (level 3).

    - the deputy P2: owner A is W2 (0.8, stronger than W6's 0.5); W6 reports to W2: W1 only;
    - the engineer P3: owners W1 (0.9) and W3 (0.4), but our CEO does not own a level-4
      engineer, so owner A is W3 and all three rank: W1 = 0.4·0.5 + 0.3·0.9 + 0.1·(1 − 4/8)
      = 0.52; W2 = W6 = 0.4·0.75 + 0.1·(1 − 1/8) = 0.3875, tied, by id;
    - the director general P1 with owner A W1: everyone else reports to W1: nobody.
    """
    net = port()
    assert match_sponsor(net, "P2")["sponsor"].tolist() == ["W1"]
    m = match_sponsor(net, "P3")
    assert m["sponsor"].tolist() == ["W1", "W2", "W6"]
    assert m["score"].tolist() == pytest.approx([0.52, 0.3875, 0.3875], abs=1e-6)
    assert match_sponsor(net, "P1", owner_a="W1").empty
    assert match_sponsor(net, "P3", k=1)["sponsor"].tolist() == ["W1"]


def test_sensitive_history_is_opt_in() -> None:
    """A family tie between W2 and the engineer P3 counts as history only when asked."""
    net = port()
    frames = net.to_frames()
    extra = pd.DataFrame({"source": ["W2"], "target": ["P3"], "kind": ["family"]})
    frames["ties"] = pd.concat([frames["ties"], extra], ignore_index=True)
    net2 = rg.RelationshipNetwork.from_frames(**frames)
    assert match_sponsor(net2, "P3").set_index("sponsor").at["W2", "history"] == 0.0
    m2 = match_sponsor(net2, "P3", include_sensitive=True).set_index("sponsor")
    assert m2.at["W2", "history"] > 0


def test_load() -> None:
    net = rg.datasets.sample()
    load = our_load(net)
    assert load["N03"] == 5 and load["N01"] == 1
    m = match_sponsor(net, "C005", load={"N01": 8}).set_index("sponsor")
    assert m.at["N01", "capacity"] == 0.0


def test_errors() -> None:
    net = port()
    with pytest.raises(rg.InvalidParameterError, match="person"):
        match_sponsor(net, "W3")  # one of ours cannot be sponsored, nor his own sponsor
    with pytest.raises(rg.InvalidParameterError, match="candidates"):
        match_sponsor(net, "P3", candidates=["W4"])  # not an executive
    with pytest.raises(rg.InvalidParameterError, match="candidates"):
        match_sponsor(net, "P2", candidates=["W6"])  # reports to owner A W2
    with pytest.raises(rg.InvalidParameterError, match="candidates"):
        match_sponsor(net, "P2", candidates=["W2"])  # owner A himself
    with pytest.raises(rg.InvalidParameterError, match="owner_a"):
        match_sponsor(net, "P2", owner_a="P3")
    with pytest.raises(rg.InvalidParameterError, match="max_load"):
        match_sponsor(net, "P2", max_load=0)
    with pytest.raises(rg.UnknownPersonError):
        match_sponsor(net, "nobody-here")
    with pytest.raises(rg.RelgraphError):
        match_sponsor(rg.datasets.sample(), "C005", candidates=["C001"])
