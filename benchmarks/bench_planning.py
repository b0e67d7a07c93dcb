"""Benchmark: the planning set (plan + workbook) and the snapshot diff on synthetic accounts.

Uses the synthetic account of ``bench_coverage.py`` (a reporting tree, influence and
personal ties, competitor supporters, our team covering part of it, one opportunity) at
2,000 and 100,000 customer people (the sizes of the coverage/targets issue, which the plan
builds on), each size in a fresh subprocess so peak memory (``ru_maxrss``) is clean, and
times, with a baseline measured in the same run:

- ``plan(net, opp, k=10)`` against its inputs alone, ``coverage`` +
  ``recommend_targets`` (ratio = what the planning set adds on top);
- ``Plan.to_excel`` (formatted: frozen headers, widths, colour scale) against plain
  ``DataFrame.to_excel`` of the same four tables with openpyxl;
- ``diff(old, new)`` of two snapshots (1 % left, 1 % joined, 5 % attitudes changed, 1 %
  changed level, 2 % started backing a competitor), against the per-person Python loop
  the first version used (kept below as ``naive_person_changes``), and against the floor
  of two ``coverage`` runs (one per snapshot) that the gap comparison needs.

Usage::

    python benchmarks/bench_planning.py --scale 0.05     # quick (100 and 5,000 people)
    flock /tmp/relgraph-bench.lock python benchmarks/bench_planning.py
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

SIZES = (2_000, 100_000)
AS_OF = "2026-06-01"


def perturb(net: Any, seed: int = 1) -> Any:
    """A later snapshot of ``net`` with known kinds of change (no role holder leaves)."""
    import relgraph as rg

    rng = np.random.default_rng(seed)
    f = net.to_frames()
    p = f["people"].copy()
    n = len(p)
    holders = set(f["roles"]["person"].astype(str))
    candidates = p["id"][~p["id"].astype(str).isin(holders)].to_numpy()
    drop = set(rng.choice(candidates, n // 100, replace=False))
    p = p[~p["id"].isin(drop)].reset_index(drop=True)
    m = len(p)
    att = rng.choice(m, m // 20, replace=False)
    p.loc[att, "attitude"] = rng.integers(-3, 4, len(att)).astype(float)
    p.loc[att, "updated"] = "2026-05-20"
    lvl = rng.choice(m, m // 100, replace=False)
    p.loc[lvl, "level"] = 3
    sup = rng.choice(m, m // 50, replace=False)
    p.loc[sup, "supports"] = "R1"
    p.loc[sup, "support"] = 2.0
    add = p.iloc[: n // 100].copy()
    add["id"] = [f"X{i:06d}" for i in range(len(add))]
    add["name"] = add["id"]
    p = pd.concat([p, add], ignore_index=True)
    t = f["ties"]
    f["ties"] = t[~t["source"].isin(drop) & ~t["target"].isin(drop)]
    for name in ("affiliations",):
        if name in f and len(f[name]):
            f[name] = f[name][~f[name]["person"].isin(drop)]
    f.pop("interactions", None)
    f["people"] = p
    return rg.RelationshipNetwork.from_frames(**f)


def naive_person_changes(old: Any, new: Any) -> int:
    """The first version's approach: one Python iteration (with ``.loc``) per person."""
    from relgraph.analysis._people_changes import people_frame

    po, pn = people_frame(old), people_frame(new)
    n = 0
    for pid in pn.index:
        if pid not in po.index:
            n += 1
    for pid in po.index:
        if pid not in pn.index:
            n += 1
    both = [pid for pid in pn.index if pid in po.index]
    for pid in both:
        a, b = po.loc[pid], pn.loc[pid]
        same_title = (pd.isna(a["title"]) and pd.isna(b["title"])) or a["title"] == b["title"]
        same_level = (pd.isna(a["level"]) and pd.isna(b["level"])) or (
            not pd.isna(a["level"]) and not pd.isna(b["level"]) and a["level"] == b["level"]
        )
        n += not (same_title and same_level)
    for pid in both:
        a, b = po.loc[pid], pn.loc[pid]
        xa, xb = a["attitude"], b["attitude"]
        if pd.isna(xa) and pd.isna(xb):
            continue
        n += bool(pd.isna(xa) or pd.isna(xb) or int(xa) != int(xb))
    for pid in sorted(set(pn.index) | set(po.index)):
        a = po.loc[pid] if pid in po.index else None
        b = pn.loc[pid] if pid in pn.index else None
        sa = a["supports"] if a is not None else ""
        sb = b["supports"] if b is not None else ""
        n += bool(sa and sa != sb) + bool(sb and sa != sb)
    return n


def timed(fn: Any) -> tuple[float, Any]:
    # Collect the garbage of what came before first, so that no full collection of it falls
    # inside the timed call (as in bench_coverage.py and bench_influence.py).
    gc.collect()
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def run_one(n: int, naive: bool) -> dict[str, Any]:
    from bench_coverage import build

    import relgraph as rg
    from relgraph.analysis._people_changes import person_changes as _person_changes
    from relgraph.analysis.coverage import coverage
    from relgraph.analysis.monitor import diff
    from relgraph.analysis.targets import recommend_targets

    net = build(n)
    opp = str(net.opportunities["id"].iloc[0])
    later = perturb(net)
    # Warm the imports (openpyxl alone takes about 0.18 s to import), so that each timing
    # below is the work on this account, not the first use of a library.
    tiny_plan = rg.plan(rg.datasets.tiny(), as_of=AS_OF, k=1)
    with tempfile.TemporaryDirectory() as d:
        tiny_plan.to_excel(Path(d) / "tiny.xlsx")
    out: dict[str, Any] = {"n": n, "people": net.n_people, "ties": len(net.ties)}

    out["t_inputs"], _ = timed(
        lambda: (
            coverage(net, opp, as_of=AS_OF),
            recommend_targets(net, opp, k=10, as_of=AS_OF),
        )
    )
    out["t_plan"], p = timed(lambda: rg.plan(net, opp, as_of=AS_OF, k=10))
    out["plan_rows"] = {k: len(v) for k, v in p.sheets.items()}
    with tempfile.TemporaryDirectory() as d:
        out["t_xlsx"], _ = timed(lambda: p.to_excel(Path(d) / "plan.xlsx"))
        out["xlsx_kib"] = (Path(d) / "plan.xlsx").stat().st_size // 1024

        def plain() -> None:
            with pd.ExcelWriter(Path(d) / "plain.xlsx", engine="openpyxl") as xw:
                for name, frame in p.sheets.items():
                    frame.to_excel(xw, sheet_name=name, index=False)

        out["t_xlsx_plain"], _ = timed(plain)
        out["t_read_back"], _ = timed(lambda: rg.Plan.read_excel(Path(d) / "plan.xlsx"))

    out["t_diff"], dd = timed(
        lambda: diff(net, later, old_date="2026-01-01", new_date=AS_OF, opportunity=opp)
    )
    out["changes"] = dd.changes["kind"].value_counts().to_dict()
    out["t_diff_nogaps"], _ = timed(lambda: diff(net, later, gaps=False, opportunity=opp))
    out["t_coverage_x2"], _ = timed(
        lambda: (
            coverage(net, opp, as_of="2026-01-01"),
            coverage(later, opp, as_of=AS_OF),
        )
    )
    out["t_person"], _ = timed(lambda: _person_changes(net, later, None))
    if naive:
        out["t_person_naive"], _ = timed(lambda: naive_person_changes(net, later))
    out["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the full sizes")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument(
        "--naive-limit",
        type=int,
        default=20_000,
        help="run the per-person baseline only up to this many people (it is slow)",
    )
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.one <= args.naive_limit)))
        return
    sizes = [max(50, int(s * args.scale)) for s in SIZES]
    results = []
    for n in sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--naive-limit", str(args.naive_limit)],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    for r in results:
        print(f"\n== {r['n']:,} customer people ({r['people']:,} people, {r['ties']:,} ties)")
        print(f"plan rows: {r['plan_rows']}; workbook {r['xlsx_kib']} KiB")
        print(
            f"plan                {r['t_plan']:8.3f} s   coverage+targets alone "
            f"{r['t_inputs']:.3f} s   ratio {r['t_plan'] / r['t_inputs']:.2f}"
        )
        print(
            f"to_excel            {r['t_xlsx']:8.3f} s   plain pandas to_excel "
            f"{r['t_xlsx_plain']:.3f} s   ratio {r['t_xlsx'] / r['t_xlsx_plain']:.2f}"
            f"   (read back {r['t_read_back']:.3f} s)"
        )
        print(
            f"diff                {r['t_diff']:8.3f} s   two coverage runs "
            f"{r['t_coverage_x2']:.3f} s   ratio {r['t_diff'] / r['t_coverage_x2']:.2f}"
            f"   (without gaps {r['t_diff_nogaps']:.3f} s)"
        )
        naive = r.get("t_person_naive")
        ratio = (
            f"   per-person loop {naive:.3f} s   speed-up {naive / r['t_person']:.0f}x"
            if naive
            else ""
        )
        print(f"person changes      {r['t_person']:8.3f} s{ratio}")
        print(f"changes found: {r['changes']}")
        print(f"peak RSS {r['peak_mib']:.0f} MiB")
    print(
        "\nreference: coverage + recommendations target (issue 5) 0.5 s at 2,000 and 20 s at "
        "100,000 people; the plan and the diff build on them."
    )


if __name__ == "__main__":
    main()
