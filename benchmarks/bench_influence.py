"""Benchmark: leverage of everyone toward one opportunity, and the 2,000-person account.

Full size: 1,000,000 people and 10,000,000 ties (target: under 10 s and 4 GiB on 2 cores),
against a plain-networkx baseline on a 100,000-person slice measured in the same run.
Each measurement runs in its own subprocess so its peak memory (ru_maxrss) is its own.

The cold path is reported in stages, each as wall time and CPU time (the machine is often
shared; CPU time is what the work costs):

- network build: matching the ties' source/target ids to people. ``rg.load`` does this once
  during validation (issue 2's load benchmark) and hands the integer codes to the network,
  so from a loaded network this stage costs nothing; a network built straight from tables
  (as here) matches them itself;
- influence matrix: resolved tie strengths (``net.edges``) and the row-normalised W;
- leverage: one transposed solve (plus the forward solve for the ``predicted`` column, in a
  second thread) and the result table.

The issue's target ("leverage of everyone toward one opportunity") is read as cold from a
loaded network: influence matrix + leverage. A repeat call is warm (memoised on the network).

    python benchmarks/bench_influence.py              # full size
    python benchmarks/bench_influence.py --scale 0.05 # quick run
    flock /tmp/relgraph-bench.lock python benchmarks/bench_influence.py   # shared machine
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

KINDS = np.array(["reports_to", "influences", "friend", "former_colleague", "works_with",
                  "alumni", "family", "club"])  # fmt: skip
N_ROLES = 30


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def build_tables(n: int, m: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """Synthetic account: one customer org, 10 of our people, a reporting tree + random ties."""
    rng = np.random.default_rng(seed)
    n_us = 10
    ids = pd.array([f"p{i:07d}" for i in range(n)] + [f"u{i}" for i in range(n_us)], dtype="str")
    org = np.array(["C"] * n + ["U"] * n_us, dtype=object)
    att = rng.integers(-3, 4, n + n_us).astype(float)
    att[n:] = np.nan
    people = pd.DataFrame(
        {
            "id": ids,
            "name": ids,
            "org": pd.array(org, dtype="str"),
            "name_en": pd.array([None] * (n + n_us), dtype="str"),
            "title": pd.array([None] * (n + n_us), dtype="str"),
            "level": pd.array(rng.integers(1, 6, n + n_us), dtype="Int64"),
            "attitude": pd.array(att, dtype="Float64").astype("Int64"),
            "supports": pd.array(np.where(rng.random(n + n_us) < 0.01, "R", ""), dtype="str"),
            "support": pd.array([pd.NA] * (n + n_us), dtype="Int64"),
            "do_not_contact": pd.array([False] * (n + n_us), dtype="boolean"),
            "susceptibility": np.full(n + n_us, np.nan),
        }
    )
    # reporting tree: person i (> 0) reports to a random earlier person
    tree_src = np.arange(1, n)
    tree_dst = (rng.random(n - 1) * tree_src).astype(np.int64)
    k = max(m - (n - 1), 0)
    src = rng.integers(0, n, k)
    dst = rng.integers(0, n, k)
    keep = src != dst
    src, dst = src[keep], dst[keep]
    kind = KINDS[1:][rng.integers(0, len(KINDS) - 1, len(src))]
    strength = np.where(kind == "influences", rng.uniform(0.2, 1.0, len(src)), np.nan)
    all_src = np.concatenate([tree_src, src])
    all_dst = np.concatenate([tree_dst, dst])
    all_kind = np.concatenate([np.full(n - 1, "reports_to"), kind])
    all_strength = np.concatenate([np.full(n - 1, np.nan), strength])
    ties = pd.DataFrame(
        {
            "source": ids[all_src],
            "target": ids[all_dst],
            "kind": pd.array(all_kind, dtype="str"),
            "strength": all_strength,
            "sensitive": pd.array(np.zeros(len(all_src), dtype=bool), dtype="boolean"),
        }
    )
    holders = rng.choice(n, N_ROLES, replace=False)
    roles = pd.DataFrame(
        {
            "opportunity": "O",
            "person": ids[holders],
            "role": ["decider"] + ["influencer"] * (N_ROLES - 1),
            "power": np.full(N_ROLES, np.nan),
            "stage": pd.array([None] * N_ROLES, dtype="str"),
        }
    )
    orgs = pd.DataFrame(
        {"id": ["C", "U", "R"], "name": ["Customer", "Us", "Rival"],
         "kind": ["customer", "us", "competitor"]}
    )  # fmt: skip
    opps = pd.DataFrame({"id": ["O"], "account": ["C"], "competitors": ["R"]})
    return {"orgs": orgs, "people": people, "ties": ties, "opportunities": opps, "roles": roles}


def child_relgraph(n: int, m: int) -> dict[str, float]:
    """Time the cold path in stages, then a warm call, in one process."""
    import relgraph as rg
    from relgraph.analysis.influence.model import model

    tables = build_tables(n, m)
    rss_data = _rss_mib()
    clock = _Clock()
    net = rg.RelationshipNetwork(tables)
    net.endpoints()  # match tie ids to people (rg.load reuses validation's match instead)
    clock.lap("network")
    model(net)  # resolved tie strengths (net.edges) and the influence matrix W
    clock.lap("matrix")
    lev = rg.leverage(net, "O")  # one transposed solve (+ one forward for `predicted`)
    clock.lap("leverage")
    lev2 = rg.leverage(net, "O")  # warm: memoised on the network
    clock.lap("warm")
    assert math.isclose(float(lev["leverage"].sum()), 1.0, rel_tol=1e-6)
    assert lev2["leverage"].to_numpy()[0] == lev["leverage"].to_numpy()[0]
    np.save("/tmp/bench_influence_lev.npy", lev.sort_values("person")["leverage"].to_numpy())
    return {**clock.laps, "data_rss_mib": rss_data, "peak_rss_mib": _rss_mib()}


class _Clock:
    """Wall and CPU time per stage (CPU time shows the cost when the machine is shared)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def lap(self, name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.laps[f"{name}_s"] = wall - self._wall
        self.laps[f"{name}_cpu_s"] = cpu - self._cpu
        self._wall, self._cpu = wall, cpu


def child_networkx(n: int, m: int) -> dict[str, float]:
    """What a user would write with networkx alone: build the graph, iterate in Python."""
    import networkx as nx

    tables = build_tables(n, m)
    rss_data = _rss_mib()
    t0, c0 = time.perf_counter(), time.process_time()
    weights = {"reports_to": (0.2, 0.6), "friend": (0.4, 0.4), "former_colleague": (0.3, 0.3),
               "works_with": (0.2, 0.2), "alumni": (0.1, 0.1), "family": (0.6, 0.6),
               "club": (0.1, 0.1)}  # fmt: skip
    people = tables["people"]
    outside = set(people.loc[people["org"] != "C", "id"])
    g = nx.DiGraph()  # edge i -> j: i listens to j, weight = raw sway
    g.add_nodes_from(people["id"])
    t = tables["ties"]
    for s, d, kind, st in zip(t["source"], t["target"], t["kind"], t["strength"], strict=True):
        f, b = (st, 0.0) if kind == "influences" else weights[kind]
        for listener, speaker, w in ((d, s, f), (s, d, b)):
            if w > 0 and listener not in outside and speaker not in outside:
                if g.has_edge(listener, speaker):
                    g[listener][speaker]["w"] += w
                else:
                    g.add_edge(listener, speaker, w=w)
    lam = {}
    for v in g:
        total = sum(d["w"] for d in g[v].values())
        for d in g[v].values():
            d["w"] /= total
        lam[v] = 0.5 if total > 0 else 0.0
    r = tables["roles"]
    p = dict.fromkeys(g, 0.0)
    for v in r["person"]:
        p[v] = 1.0 if v == r["person"].iloc[0] else 0.4
    tot = sum(p.values())
    p = {v: x / tot for v, x in p.items()}
    z = dict(p)
    for _ in range(1000):  # z = p + (ΛW)ᵀ z, by Jacobi iteration
        new = dict(p)
        for i in g:
            li = lam[i] * z[i]
            if li:
                for j, d in g[i].items():
                    new[j] += li * d["w"]
        step = max(abs(new[v] - z[v]) for v in g)
        z = new
        if step < 1e-12:
            break
    lev = {v: (1 - lam[v]) * z[v] for v in g}
    t1, c1 = time.perf_counter(), time.process_time()
    ref = np.load("/tmp/bench_influence_lev.npy")
    mine = np.array([lev[v] for v in sorted(lev)])
    diff = float(np.abs(mine - ref).max())
    return {"time_s": t1 - t0, "cpu_s": c1 - c0, "data_rss_mib": rss_data,
            "peak_rss_mib": _rss_mib(), "max_abs_diff_vs_relgraph": diff}  # fmt: skip


def child_account(n: int) -> dict[str, float]:
    """A 2,000-person account through every analysis of the influence issue."""
    import relgraph as rg

    tables = build_tables(n, 5 * n, seed=1)
    people = tables["people"].astype({"id": object, "name": object, "org": object})
    t = tables["ties"].astype({"source": object, "target": object, "kind": object})
    lo = t[["source", "target"]].min(axis=1)
    hi = t[["source", "target"]].max(axis=1)
    t = t[~pd.DataFrame({"a": lo, "b": hi, "k": t["kind"]}).duplicated().to_numpy()]
    frames = {
        "orgs": tables["orgs"],
        "people": people[["id", "name", "org", "level", "attitude", "supports"]],
        "ties": t[["source", "target", "kind", "strength"]],
        "opportunities": tables["opportunities"],
        "roles": tables["roles"][["opportunity", "person", "role"]],
    }
    net = rg.RelationshipNetwork.from_frames(**frames)  # validated, not timed
    holders = list(frames["roles"]["person"])
    # One-off costs (imports, first calls into pandas/networkx code paths) are not
    # analysis time: run everything once on the 6-person tiny network first.
    tiny = rg.datasets.tiny()
    rg.support_index(tiny)
    rg.hidden_influencers(tiny)
    rg.decision_chain(tiny)
    rg.influence_paths(tiny, "p4", "p1")
    rg.simulate(tiny, changes={"p4": 3}, leaves=["p3"])

    # Collect the build's garbage first, so that no full collection of it falls in the timing.
    gc.collect()
    # The warm-up's sparse LU solve wakes OpenBLAS's worker threads, which spin for a while
    # after their last call: started at once, the timing ran beside them (CPU time above
    # wall time, a core taken). Let them go to sleep first; the analyses timed below do not
    # wake them (timed one by one with pauses, each one's CPU time equals its wall time).
    time.sleep(0.5)
    t0, c0 = time.perf_counter(), time.process_time()  # fresh network: model built inside
    rg.support_index(net, "O")
    lev = rg.leverage(net, "O")
    hid = rg.hidden_influencers(net, "O", k=10)
    rg.decision_chain(net, "O")
    rg.influence_paths(net, hid["person"].iloc[0], holders[0], k=3)
    rg.simulate(net, "O", changes={hid["person"].iloc[0]: 3}, leaves=[holders[1]])
    t1, c1 = time.perf_counter(), time.process_time()
    assert len(lev) == len(net.person_ids)
    return {"all_analyses_s": t1 - t0, "all_analyses_cpu_s": c1 - c0, "people": float(net.n_people),
            "ties": float(len(net.ties)), "peak_rss_mib": _rss_mib()}  # fmt: skip


def _run(task: str, *args: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", task, *map(str, args)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        task, *nums = a.child
        fn = {"relgraph": child_relgraph, "networkx": child_networkx, "account": child_account}
        print(json.dumps(fn[task](*map(int, nums))))
        return
    n_full, m_full = int(1_000_000 * a.scale), int(10_000_000 * a.scale)
    n_slice, m_slice = int(100_000 * a.scale), int(1_000_000 * a.scale)
    print(f"leverage of everyone toward one opportunity ({N_ROLES} role holders); "
          f"machine: 2 cores, shared with other work while measured")  # fmt: skip
    full = _run("relgraph", n_full, m_full)

    def row(label: str, key: str) -> None:
        print(f"  {label:<52} {full[key + '_s']:7.2f} s wall {full[key + '_cpu_s']:7.2f} s CPU")

    print(f"relgraph  {n_full:>9,} people {m_full:>10,} ties:")
    row("network build (match tie ids; issue 2's load)", "network")
    row("influence matrix (tie strengths + W)", "matrix")
    row("leverage solve + table", "leverage")
    for label, keys in (
        ("cold total from tables", ("network", "matrix", "leverage")),
        ("cold from a loaded network (target: < 10 s)", ("matrix", "leverage")),
    ):
        wall = sum(full[k + "_s"] for k in keys)
        cpu = sum(full[k + "_cpu_s"] for k in keys)
        print(f"  {label:<52} {wall:7.2f} s wall {cpu:7.2f} s CPU")
    row("warm (memoised) repeat", "warm")
    print(f"  peak RSS {full['peak_rss_mib'] / 1024:.2f} GiB (target < 4 GiB; the tables alone "
          f"{full['data_rss_mib'] / 1024:.2f} GiB)")  # fmt: skip
    cold = full["network_s"] + full["matrix_s"] + full["leverage_s"]
    small = _run("relgraph", n_slice, m_slice)
    base = _run("networkx", n_slice, m_slice)
    small_cold = small["network_s"] + small["matrix_s"] + small["leverage_s"]
    print(f"relgraph  {n_slice:>9,} people {m_slice:>10,} ties: cold {small_cold:.2f} s "
          f"(network {small['network_s']:.2f}, matrix {small['matrix_s']:.2f}, "
          f"leverage {small['leverage_s']:.2f}), peak RSS "
          f"{small['peak_rss_mib'] / 1024:.2f} GiB")  # fmt: skip
    print(f"networkx  {n_slice:>9,} people {m_slice:>10,} ties: {base['time_s']:.2f} s "
          f"({base['cpu_s']:.2f} s CPU), "
          f"peak RSS {base['peak_rss_mib'] / 1024:.2f} GiB "
          f"(max |Δ leverage| vs relgraph {base['max_abs_diff_vs_relgraph']:.1e})")  # fmt: skip
    small_cpu = small["network_cpu_s"] + small["matrix_cpu_s"] + small["leverage_cpu_s"]
    print(f"ratio on the slice (networkx / relgraph cold): {base['time_s'] / small_cold:.1f}x "
          f"wall, {base['cpu_s'] / small_cpu:.1f}x CPU")  # fmt: skip
    per_nx = base["time_s"] / m_slice
    per_rg = cold / m_full
    print(f"ratio per tie (networkx slice / relgraph full size cold): {per_nx / per_rg:.1f}x")
    acc = _run("account", 2_000)
    print(f"2,000-person account ({int(acc['ties']):,} ties), every influence analysis: "
          f"{acc['all_analyses_s']:.3f} s wall, {acc['all_analyses_cpu_s']:.3f} s CPU "
          f"(target < 0.3 s)")  # fmt: skip


if __name__ == "__main__":
    main()
