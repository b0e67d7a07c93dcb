"""Tests for relgraph.analysis.factions."""

from __future__ import annotations

import pandas as pd
import pytest

import relgraph as rg
from relgraph.analysis.factions import FACTION_COLUMNS, faction_membership, factions


def two_cliques() -> rg.RelationshipNetwork:
    orgs = pd.DataFrame(
        {
            "id": ["A", "U", "R"],
            "name": ["Acme", "Us", "Rival"],
            "kind": ["customer", "us", "competitor"],
        }
    )
    ids = [f"a{i}" for i in range(4)] + [f"b{i}" for i in range(4)]
    people = pd.DataFrame(
        {
            "id": [*ids, "u1"],
            "name": [*ids, "u1"],
            "org": ["A"] * 8 + ["U"],
            "attitude": [2, 1, 1, 0, -1, -2, 0, 0, None],
            "supports": ["", "", "", "", "R", "R", "", "", ""],
            "support": [None, None, None, None, 2, 1, None, None, None],
        }
    )
    ties = []
    for grp in ("a", "b"):
        for i in range(4):
            for j in range(i + 1, 4):
                ties.append((f"{grp}{i}", f"{grp}{j}", "friend", 0.9))
    ties.append(("a0", "b0", "works_with", 0.1))
    ties.append(("u1", "a0", "covers", None))  # our tie: not internal, ignored
    tdf = pd.DataFrame(ties, columns=["source", "target", "kind", "strength"])
    return rg.RelationshipNetwork.from_frames(orgs, people, tdf)


def test_two_cliques_are_two_factions() -> None:
    f = factions(two_cliques(), "A", seed=0)
    assert list(f.columns) == FACTION_COLUMNS
    assert sorted(map(sorted, f["members"])) == [["a0", "a1", "a2", "a3"], ["b0", "b1", "b2", "b3"]]
    f = f.set_index(f["members"].map(lambda m: m[0][0]))
    assert f.at["a", "mean_attitude"] == pytest.approx(1.0)
    assert f.at["a", "supporters"] == 3 and f.at["a", "has_supporter"]
    assert f.at["b", "leans_to"] == "R" and f.at["b", "leaning"] == 3
    assert not f.at["b", "has_supporter"]
    assert f.at["a", "leans_to"] == ""


def test_seeded_and_stable() -> None:
    net = rg.datasets.sample()
    a = faction_membership(net, "XM", seed=3)
    b = faction_membership(net, "XM", seed=3)
    pd.testing.assert_series_equal(a, b)
    assert set(a.index) == set(net.people_at("XM"))
    assert faction_membership(net, "OPP-1").index.equals(faction_membership(net, "XM").index)


def test_unknown_account() -> None:
    with pytest.raises(rg.RelgraphError, match="customer org id"):
        factions(two_cliques(), "nope")
