"""Benchmark: warm-introduction routes at firm size (bulk) and at account size (top-3).

Firm size (issue 4): a synthetic contact graph of 1,000,000 people and 10,000,000 ties
(uniformly random endpoints, strengths drawn from the default tie strengths), 5,000 of our
people (each with 5 ``covers`` ties, counted among the 10 M), and 1,000 customer targets.
``routes_to_many`` finds, for every target, the best route from any of our people and
one node-disjoint alternative, within the 4-hop limit. Targets: < 60 s, < 8 GiB.

Baseline: a per-pair networkx search (``nx.bidirectional_dijkstra`` on −log strength for
every (source, target) pair, best kept, then again on the graph without the best route's
people for the alternative) on a slice (a smaller network of the same shape) in the same
run; its per-pair time is scaled to the full pair count and the ratio printed, and
``routes_to_many`` runs on the same slice for a like-for-like ratio.

Account size: 2,000 people, 20,000 ties, 20 of ours: ``connection_routes(k=3)`` to one
target, cold (first call builds the graph view) and warm (median of 30 targets).
Target: < 50 ms.

Peak memory is ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` of a fresh subprocess per
phase. Usage::

    python benchmarks/bench_routes.py --scale 0.01
    flock /tmp/relgraph-bench.lock python benchmarks/bench_routes.py     # full size
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import subprocess
import sys
import time

import numpy as np
import pandas as pd

FULL_PEOPLE = 1_000_000
FULL_TIES = 10_000_000
FULL_OURS = 5_000
FULL_TARGETS = 1_000
KINDS = np.array(["friend", "former_colleague", "works_with", "alumni", "club", "reports_to"])


def build(n_people: int, n_ties: int, n_ours: int, seed: int = 0):  # type: ignore[no-untyped-def]
    """A validated-shape RelationshipNetwork built directly from typed tables."""
    from relgraph.io.convert import empty_column as _empty_column
    from relgraph.io.schema import SCHEMAS
    from relgraph.network import RelationshipNetwork

    rng = np.random.default_rng(seed)
    ids = np.char.add("p", np.arange(n_people).astype(str)).astype(object)
    org = np.where(np.arange(n_people) < n_ours, "US", "C").astype(object)
    people = pd.DataFrame({c.name: _empty_column(c, n_people) for c in SCHEMAS["people"].columns})
    people["id"] = ids
    people["name"] = ids
    people["org"] = org
    people["do_not_contact"] = pd.array(np.zeros(n_people, bool), dtype="boolean")
    n_cov = n_ours * 5
    src = np.concatenate(
        [np.repeat(np.arange(n_ours), 5), rng.integers(n_ours, n_people, n_ties - n_cov)]
    )
    tgt = np.concatenate(
        [rng.integers(n_ours, n_people, n_cov), rng.integers(n_ours, n_people, n_ties - n_cov)]
    )
    tgt = np.where(tgt == src, (tgt + 1 - n_ours) % (n_people - n_ours) + n_ours, tgt)
    kind = np.concatenate(
        [np.full(n_cov, "covers", dtype=object), KINDS[rng.integers(0, len(KINDS), n_ties - n_cov)]]
    ).astype(object)
    ties = pd.DataFrame({c.name: _empty_column(c, n_ties) for c in SCHEMAS["ties"].columns})
    ties["source"] = ids[src]
    ties["target"] = ids[tgt]
    ties["kind"] = kind
    ties["strength"] = np.round(rng.uniform(0.2, 0.95, n_ties), 2)
    orgs = pd.DataFrame(
        {
            "id": ["US", "C"],
            "name": ["Us", "Customer"],
            "kind": ["us", "customer"],
            "name_en": ["", ""],
            "tier": ["", ""],
        }
    )
    net = RelationshipNetwork({"orgs": orgs, "people": people, "ties": ties})
    targets = [str(ids[i]) for i in rng.choice(np.arange(n_ours, n_people), 1, replace=False)]
    return net, rng, targets


def peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def phase_bulk(scale: float) -> dict[str, float]:
    import relgraph as rg

    n_people = int(FULL_PEOPLE * scale)
    n_ties = int(FULL_TIES * scale)
    n_ours = max(20, int(FULL_OURS * scale))
    n_targets = FULL_TARGETS if scale >= 0.1 else max(50, int(FULL_TARGETS * scale * 10))
    t0 = time.perf_counter()
    net, rng, _ = build(n_people, n_ties, n_ours)
    t_build = time.perf_counter() - t0
    targets = [f"p{i}" for i in rng.choice(np.arange(n_ours, n_people), n_targets, replace=False)]
    t0, c0 = time.perf_counter(), time.process_time()
    _ = net.edges  # the network's resolved tie table (network.py), timed on its own
    t_edges, c_edges = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    net.adjacency(symmetric=True, include_sensitive=False)
    t_adj, c_adj = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    df = rg.routes_to_many(net, targets, progress=False)
    t_routes, c_routes = time.perf_counter() - t0, time.process_time() - c0
    # a second batch of targets on the same network: the route views are built already
    more = [f"p{i}" for i in rng.choice(np.arange(n_ours, n_people), n_targets, replace=False)]
    t0 = time.perf_counter()
    rg.routes_to_many(net, more, progress=False)
    t_warm = time.perf_counter() - t0
    return {
        "people": n_people,
        "ties": n_ties,
        "ours": n_ours,
        "targets": n_targets,
        "build_s": t_build,
        "edges_s": t_edges,
        "adjacency_s": t_adj,
        "edges_cpu_s": c_edges,
        "adjacency_cpu_s": c_adj,
        "routes_cpu_s": c_routes,
        "routes_s": t_routes,
        "routes_warm_s": t_warm,
        "reached": float((df["best_strength"] > 0).mean()),
        "with_alt": float((df["alt_strength"] > 0).mean()),
        "mean_best_hops": float(df.loc[df["best_strength"] > 0, "best_hops"].mean()),
        "peak_gib": peak_gib(),
    }


def phase_baseline(n_people: int, n_ties: int, n_ours: int, n_targets: int, n_pairs: int):  # type: ignore[no-untyped-def]
    import networkx as nx

    import relgraph as rg

    net, rng, _ = build(n_people, n_ties, n_ours, seed=1)
    targets = [f"p{i}" for i in rng.choice(np.arange(n_ours, n_people), n_targets, replace=False)]
    t0 = time.perf_counter()
    ours_df = rg.routes_to_many(net, targets, progress=False)
    t_ours = time.perf_counter() - t0

    adj = net.adjacency(symmetric=True, include_sensitive=False).tocoo()
    g = nx.Graph()
    ours = set(range(n_ours))
    for u, v, s in zip(adj.row.tolist(), adj.col.tolist(), adj.data.tolist(), strict=True):
        if u < v and u not in ours and v not in ours:
            g.add_edge(u, v, w=-math.log(s))
    covers = {s: [] for s in range(n_ours)}
    for u, v, s in zip(adj.row.tolist(), adj.col.tolist(), adj.data.tolist(), strict=True):
        if u in ours and v not in ours:
            covers[u].append((v, -math.log(s)))

    def pair(s: int, t: int, banned: set[int]) -> float:
        # a per-pair search: best over s's first hops, then a bidirectional Dijkstra
        best = math.inf
        h = g.subgraph(set(g) - banned) if banned else g
        for a, w in covers[s]:
            if a in banned or a not in h:
                continue
            if a == t:
                best = min(best, w)
                continue
            try:
                d, _ = nx.bidirectional_dijkstra(h, a, t, weight="w")
            except nx.NetworkXNoPath:
                continue
            best = min(best, w + d)
        return best

    pairs = [(int(rng.integers(0, n_ours)), int(t[1:])) for t in targets for _ in range(1)]
    pairs = (pairs * (n_pairs // max(1, len(pairs)) + 1))[:n_pairs]
    t0 = time.perf_counter()
    for s, t in pairs:
        pair(s, t, set())
    per_pair = (time.perf_counter() - t0) / len(pairs)
    return {
        "slice_people": n_people,
        "slice_ties": n_ties,
        "slice_ours": n_ours,
        "slice_targets": n_targets,
        "ours_s": t_ours,
        "nx_per_pair_s": per_pair,
        # best (sources x targets pairs) + the alternative (as many again), no hop limit
        "nx_estimated_s": per_pair * n_ours * n_targets * 2,
        "reached": float((ours_df["best_strength"] > 0).mean()),
    }


def phase_account() -> dict[str, float]:
    import relgraph as rg

    net, rng, _ = build(2_000, 20_000, 20, seed=2)
    targets = [f"p{i}" for i in rng.choice(np.arange(20, 2_000), 31, replace=False)]
    # ``import relgraph`` is lazy: load the routes module before the clock (an eager import
    # once did this inside ``import relgraph``), so "cold" is the first call's own work:
    # building the network's route graph.
    t0 = time.perf_counter()
    routes = rg.connection_routes
    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    routes(net, targets[0], k=3)
    cold = time.perf_counter() - t0
    times = []
    for t in targets[1:]:
        t0 = time.perf_counter()
        rg.connection_routes(net, t, k=3)
        times.append(time.perf_counter() - t0)
    return {
        "cold_ms": cold * 1000,
        "import_ms": t_import * 1000,
        "warm_median_ms": statistics.median(times) * 1000,
        "warm_max_ms": max(times) * 1000,
    }


def run_phase(name: str, args: list[str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name, *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    ap.add_argument("--phase", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--pairs", type=int, default=200, help="networkx pairs timed on the slice")
    a = ap.parse_args()
    if a.phase == "bulk":
        print(json.dumps(phase_bulk(a.scale)))
        return
    if a.phase == "baseline":
        print(json.dumps(phase_baseline(20_000, 200_000, 100, 50, a.pairs)))
        return
    if a.phase == "account":
        print(json.dumps(phase_account()))
        return

    acc = run_phase("account", [])
    print(
        f"account size (2,000 people, 20,000 ties): connection_routes k=3 cold "
        f"{acc['cold_ms']:.1f} ms, warm median {acc['warm_median_ms']:.1f} ms "
        f"(max {acc['warm_max_ms']:.1f} ms); target < 50 ms; loading the routes module "
        f"before the first call {acc['import_ms']:.1f} ms"
    )
    base = run_phase("baseline", ["--pairs", str(a.pairs)])
    ratio = base["nx_estimated_s"] / base["ours_s"]
    print(
        f"slice ({base['slice_people']:,} people, {base['slice_ties']:,} ties, "
        f"{base['slice_ours']} of ours, {base['slice_targets']} targets): routes_to_many "
        f"{base['ours_s']:.2f} s; per-pair networkx {base['nx_per_pair_s'] * 1000:.1f} ms/pair "
        f"-> {base['nx_estimated_s']:.0f} s estimated; ratio {ratio:.0f}x"
    )
    bulk = run_phase("bulk", ["--scale", str(a.scale)])
    pairs_full = bulk["ours"] * bulk["targets"] * 2
    print(
        f"firm size ({bulk['people']:,} people, {bulk['ties']:,} ties, {bulk['ours']:,} of "
        f"ours, {bulk['targets']:,} targets): routes_to_many {bulk['routes_s']:.1f} s "
        f"(first call, building its search views; a second batch of targets "
        f"{bulk['routes_warm_s']:.1f} s); network setup timed apart: building the tables "
        f"{bulk['build_s']:.1f} s, net.edges {bulk['edges_s']:.1f} s (CPU "
        f"{bulk['edges_cpu_s']:.1f} s), contact matrix net.adjacency "
        f"{bulk['adjacency_s']:.1f} s (CPU {bulk['adjacency_cpu_s']:.1f} s); routes CPU "
        f"{bulk['routes_cpu_s']:.1f} s; "
        f"routes + setup {bulk['routes_s'] + bulk['edges_s'] + bulk['adjacency_s']:.1f} s; "
        f"peak {bulk['peak_gib']:.2f} GiB; "
        f"{bulk['reached']:.0%} reached, {bulk['with_alt']:.0%} with an alternative, "
        f"mean best hops {bulk['mean_best_hops']:.2f}; targets < 60 s, < 8 GiB"
    )
    est = base["nx_per_pair_s"] * pairs_full
    print(
        f"per-pair networkx at this size (slice per-pair time x {pairs_full:,} pairs, a "
        f"lower bound since each search grows with the graph): {est:,.0f} s; ratio "
        f"{est / bulk['routes_s']:,.0f}x"
    )


if __name__ == "__main__":
    main()
