"""Benchmark: factions on igraph (Leiden) against networkx (Louvain), 1,000 to 20,000 people.

For each size a synthetic customer is built (departments of 10-60 people; a reporting
tree inside each department and up to the top; friendships and working ties mostly inside
the department, a few across), loaded as a RelationshipNetwork, and its internal tie graph
handed to ``relgraph.analysis.factions.communities`` with each backend (same edges, same seed).
Printed per size: seconds for networkx and for igraph (median of the repeats), the ratio,
and the modularity each partition reaches (computed by networkx for both). The default
``rg.factions`` uses igraph when python-igraph is installed (extra ``fast``).

Usage::

    python benchmarks/bench_factions.py              # 1,000 / 5,000 / 20,000 people
    python benchmarks/bench_factions.py --scale 0.1  # 100 / 500 / 2,000
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import networkx as nx
import numpy as np
import pandas as pd

import relgraph as rg
from relgraph.analysis.factions import communities, factions_backend

SIZES = (1_000, 5_000, 20_000)


def synthetic_account(n: int, seed: int = 0) -> rg.RelationshipNetwork:
    """A customer of ``n`` people in departments, with a rival and us."""
    rng = np.random.default_rng(seed)
    dept = np.repeat(np.arange(n), rng.integers(10, 61, n))[:n]
    ids = [f"P{i:06d}" for i in range(n)]
    people = pd.DataFrame({"id": ids + ["U1"], "name": ids + ["U1"], "org": ["A"] * n + ["U"]})
    src, dst, kind = [], [], []
    first = {}
    for i, d in enumerate(dept):
        if d in first:  # reports to an earlier member of the department
            src.append(i)
            dst.append(int(rng.integers(first[d], i)))
            kind.append("reports_to")
        else:
            first[d] = i
            if i:  # department heads report to the first head
                src.append(i)
                dst.append(0)
                kind.append("reports_to")
    size = np.bincount(dept)
    for i in range(n):
        for _ in range(2):  # two personal ties each: 85 % inside the department
            if rng.random() < 0.85:
                j = int(rng.integers(first[dept[i]], first[dept[i]] + size[dept[i]]))
            else:
                j = int(rng.integers(0, n))
            if j != i:
                src.append(min(i, j))  # personal ties are undirected: one row per pair
                dst.append(max(i, j))
                kind.append("friend" if rng.random() < 0.5 else "works_with")
    ties = pd.DataFrame(
        {
            "source": [ids[i] for i in src],
            "target": [ids[j] for j in dst],
            "kind": kind,
            "strength": np.round(rng.uniform(0.2, 1.0, len(src)), 2),
        }
    ).drop_duplicates(["source", "target", "kind"])
    orgs = pd.DataFrame(
        {
            "id": ["A", "U", "R"],
            "name": ["Acme", "Us", "Rival"],
            "kind": ["customer", "us", "competitor"],
        }
    )
    return rg.RelationshipNetwork.from_frames(orgs, people, ties)


def internal_edges(
    net: rg.RelationshipNetwork,
) -> tuple[int, tuple[list[int], list[int], list[float]]]:
    """The account's internal undirected weighted edges, as ``faction_membership`` builds them."""
    pos = net.index_of(net.people_at("A"))
    sub = net.adjacency(symmetric=True)[pos][:, pos].tocoo()
    keep = sub.row < sub.col
    return len(pos), (sub.row[keep].tolist(), sub.col[keep].tolist(), sub.data[keep].tolist())


def modularity(
    n: int, edges: tuple[list[int], list[int], list[float]], parts: list[list[int]]
) -> float:
    """Weighted modularity of a partition (networkx's formula, for both backends)."""
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(zip(*edges, strict=True))
    return float(nx.community.modularity(g, [set(p) for p in parts], weight="weight"))


def timed(
    n: int, edges: tuple[list[int], list[int], list[float]], backend: str, repeats: int
) -> tuple[float, list[list[int]]]:
    """Median seconds of ``communities`` with one backend, and its partition."""
    times = []
    parts: list[list[int]] = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        parts = communities(n, edges, seed=0, backend=backend)  # type: ignore[arg-type]
        times.append(time.perf_counter() - t0)
    return statistics.median(times), parts


def main() -> None:
    """Time both backends at every size and print the ratios."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the sizes")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}; default backend: {factions_backend()}")
    print(
        f"{'people':>8} {'edges':>8} {'networkx s':>11} {'igraph s':>9} {'ratio':>6} "
        f"{'Q networkx':>10} {'Q igraph':>9}"
    )
    for size in SIZES:
        n_people = max(50, round(size * args.scale))
        n, edges = internal_edges(synthetic_account(n_people))
        t_nx, p_nx = timed(n, edges, "networkx", args.repeats)
        t_ig, p_ig = timed(n, edges, "igraph", args.repeats)
        print(
            f"{n:8d} {len(edges[0]):8d} {t_nx:11.3f} {t_ig:9.3f} {t_nx / t_ig:6.1f} "
            f"{modularity(n, edges, p_nx):10.4f} {modularity(n, edges, p_ig):9.4f}"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
