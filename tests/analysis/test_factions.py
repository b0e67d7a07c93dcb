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


# ---------------------------------------------------------------- backends (igraph / networkx)
def _account_edges(net: rg.RelationshipNetwork, account: str) -> tuple[int, tuple]:
    pos = net.index_of(net.people_at(account))
    sub = net.adjacency(symmetric=True)[pos][:, pos].tocoo()
    keep = sub.row < sub.col
    return len(pos), (sub.row[keep].tolist(), sub.col[keep].tolist(), sub.data[keep].tolist())


def _nx_edges(graph: object) -> tuple[int, tuple]:
    import networkx as nx

    g = nx.convert_node_labels_to_integers(graph)
    rows, cols, weights = zip(
        *((u, v, float(d.get("weight", 1.0))) for u, v, d in g.edges(data=True)), strict=True
    )
    return g.number_of_nodes(), (list(rows), list(cols), list(weights))


def _modularity(n: int, edges: tuple, parts: list[list[int]]) -> float:
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(zip(*edges, strict=True))
    return float(nx.community.modularity(g, [set(p) for p in parts], weight="weight"))


def _test_graphs() -> dict[str, tuple[int, tuple]]:
    import networkx as nx

    return {
        "two cliques": _account_edges(two_cliques(), "A"),
        "sample account": _account_edges(rg.datasets.sample(), "XM"),
        "karate club": _nx_edges(nx.karate_club_graph()),
        "les miserables": _nx_edges(nx.les_miserables_graph()),
        "planted partition": _nx_edges(nx.planted_partition_graph(5, 30, 0.4, 0.02, seed=1)),
    }


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_igraph_reaches_networkx_modularity(seed: int) -> None:
    pytest.importorskip("igraph", reason="python-igraph (extra 'fast') is not installed")
    from relgraph.analysis.factions import communities

    for name, (n, edges) in _test_graphs().items():
        q_nx = _modularity(n, edges, communities(n, edges, seed=seed, backend="networkx"))
        q_ig = _modularity(n, edges, communities(n, edges, seed=seed, backend="igraph"))
        assert q_ig >= q_nx - 0.01, (name, q_ig, q_nx)  # Leiden: same or higher Q
        assert q_ig > 0.3, name


def test_igraph_membership_is_deterministic_for_a_seed() -> None:
    pytest.importorskip("igraph", reason="python-igraph (extra 'fast') is not installed")
    from relgraph.analysis.factions import communities

    n, edges = _test_graphs()["les miserables"]
    runs = {
        seed: [communities(n, edges, seed=seed, backend="igraph") for _ in range(3)]
        for seed in (0, 7)
    }
    for parts in runs.values():
        assert parts[0] == parts[1] == parts[2]
        assert sorted(v for p in parts[0] for v in p) == list(range(n))
    # igraph draws from a private generator: Python's random module is left as it was
    import random

    random.seed(5)
    expected = random.random()
    random.seed(5)
    communities(n, edges, seed=3, backend="igraph")
    assert random.random() == expected


def test_backend_and_cap_follow_what_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    from relgraph.analysis import factions as mod

    monkeypatch.setattr(mod, "_igraph", lambda: None)
    monkeypatch.setattr(mod, "_igraph_installed", lambda: False)
    assert mod.factions_backend() == "networkx"
    assert mod.factions_cap() == mod.FACTIONS_CAP["networkx"] == 1_000
    f = factions(two_cliques(), "A", seed=0)  # runs on networkx
    assert sorted(map(sorted, f["members"])) == [["a0", "a1", "a2", "a3"], ["b0", "b1", "b2", "b3"]]
    with pytest.raises(ImportError, match="relgraph\\[fast\\]"):
        mod.communities(2, ([0], [1], [1.0]), backend="igraph")


def test_igraph_lifts_the_cap() -> None:
    pytest.importorskip("igraph", reason="python-igraph (extra 'fast') is not installed")
    from relgraph.analysis import factions as mod

    assert mod.factions_backend() == "igraph"
    assert mod.factions_cap() == mod.FACTIONS_CAP["igraph"] > mod.FACTIONS_CAP["networkx"]


def test_membership_is_memoised_per_network_and_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    import relgraph.analysis.factions as fa

    net = rg.datasets.sample()
    calls: list[int] = []
    real = fa.communities

    def counted(*args: object, **kwargs: object) -> list[list[int]]:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fa, "communities", counted)
    first = faction_membership(net, "XM")
    first.iloc[:] = -1  # a caller changing its copy changes nothing cached
    again = faction_membership(net, "XM")
    assert len(calls) == 1 and (again >= 0).all()
    faction_membership(net, "XM", seed=1)
    faction_membership(net.with_settings(language="zh"), "XM")
    assert len(calls) == 3  # another seed, another network: computed again


def test_communities_leave_out_zero_and_blank_weights() -> None:
    from relgraph.analysis.factions import communities

    found = communities(4, ([0, 1, 2], [1, 2, 3], [1.0, 0.0, float("nan")]))
    assert found == [[0, 1], [2], [3]]
    assert communities(0, ([], [], [])) == []
