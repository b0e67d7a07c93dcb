"""Benchmark: relationship strengths from a log of 10,000,000 touchpoints over 1,000,000 pairs.

Builds a synthetic network (default 1,000,000 customer people, 20,000 of ours, 1,000,000
distinct (our person, their person) pairs, 10,000,000 touchpoints over three years, 5 % of
them with two customer people) directly as typed tables, then, in a fresh subprocess so
peak memory is measured cleanly (``ru_maxrss``), times
``relgraph.analysis.interactions.relationship_strength`` (expansion of the log, the
vectorised group-bys, the result frame with its ``why`` texts) and the strengths kernel
alone. A plain per-row Python loop (a dict per pair, the same formula) runs on a slice in
the same run; its per-row time is scaled to the full size and the ratio printed. Wall and
CPU time are printed (the machine may be shared). With ``--validate``, a second process
times validating the same log from text columns (``RelationshipNetwork.from_frames``), which
is reported separately and is not part of the target.

Target (issue 9): strengths in under 30 s on 2 cores at full size.

Usage::

    python benchmarks/bench_interactions.py --scale 0.01      # quick
    flock /tmp/relgraph-bench.lock python benchmarks/bench_interactions.py   # full size
    ... --validate   # also time validating the log from text columns (separately)
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import resource
import subprocess
import sys
import time
from typing import Any

import numpy as np
import pandas as pd

from relgraph.vocab import InteractionKind

FULL_TOUCHPOINTS = 10_000_000
FULL_PAIRS = 1_000_000
FULL_THEIRS = 1_000_000
FULL_OURS = 20_000
KINDS = [k.value for k in InteractionKind]
DIRS = np.array(["ours", "theirs", "mutual", None], dtype=object)


def build(scale: float, seed: int = 0):  # type: ignore[no-untyped-def]
    import relgraph as rg

    rng = np.random.default_rng(seed)
    n_tp = max(1000, int(FULL_TOUCHPOINTS * scale))
    n_pairs = max(100, int(FULL_PAIRS * scale))
    n_theirs = max(100, int(FULL_THEIRS * scale))
    n_ours = max(10, int(FULL_OURS * scale))
    their_ids = pd.Series(np.arange(n_theirs)).map("C{:07d}".format).to_numpy(dtype=object)
    our_ids = pd.Series(np.arange(n_ours)).map("N{:06d}".format).to_numpy(dtype=object)
    # distinct pairs
    key = np.unique(
        rng.integers(0, n_ours, 2 * n_pairs) * n_theirs + rng.integers(0, n_theirs, 2 * n_pairs)
    )
    key = rng.permutation(key)[:n_pairs]
    pu, pv = key // n_theirs, key % n_theirs
    pick = rng.integers(0, len(key), n_tp)
    theirs = their_ids[pv[pick]]
    two = rng.random(n_tp) < 0.05
    other = their_ids[rng.integers(0, n_theirs, int(two.sum()))]
    theirs = theirs.copy()
    theirs[two] = theirs[two] + ";" + other
    start = np.datetime64("2023-11-15")
    days = rng.integers(0, 3 * 365, n_tp)
    tables = {
        "orgs": pd.DataFrame(
            {
                "id": ["C", "U"],
                "name": ["Cust", "Us"],
                "kind": ["customer", "us"],
                "name_en": "",
                "tier": "",
            }
        ),
        "people": pd.DataFrame(
            {
                "id": np.concatenate([their_ids, our_ids]),
                "name": np.concatenate([their_ids, our_ids]),
                "org": np.array(["C"] * n_theirs + ["U"] * n_ours, dtype=object),
            }
        ),
        "interactions": pd.DataFrame(
            {
                "date": (start + days.astype("timedelta64[D]")).astype("datetime64[ns]"),
                "our_person": our_ids[pu[pick]],
                "their_people": theirs,
                "kind": np.array(KINDS, dtype=object)[rng.integers(0, len(KINDS), n_tp)],
                "direction": DIRS[rng.integers(0, 4, n_tp)],
                "issue": "",
                "subject": "",
                "note": "",
                "sensitive": pd.array([pd.NA] * n_tp, dtype="boolean"),
            }
        ),
    }
    from relgraph.io.convert import empty_column as _empty_column
    from relgraph.io.schema import SCHEMAS

    people = tables["people"]
    for col in SCHEMAS["people"].columns:
        if col.name not in people:
            people[col.name] = _empty_column(col, len(people))
    return rg.RelationshipNetwork(tables)


def baseline(net, n_rows: int) -> float:  # type: ignore[no-untyped-def]
    """Per-row Python: a dict per pair, the same formula; returns seconds per row."""
    s = net.settings
    log = net.interactions.iloc[:n_rows]
    as_of = log["date"].max()
    weights = {str(k): float(v) for k, v in s.interaction_weight.items()}
    t0 = time.perf_counter()
    acc: dict[tuple[str, str], list[float]] = {}
    for date, ours, theirs, kind, direction in zip(
        log["date"],
        log["our_person"],
        log["their_people"],
        log["kind"],
        log["direction"],
        strict=True,
    ):
        w = weights[kind] * 2 ** (-(as_of - date).days / s.interaction_half_life_days)
        for v in theirs.split(";"):
            a = acc.setdefault((ours, v), [0.0, 0.0, 0.0])
            a[0] += w
            if direction == "theirs":
                a[1] += w
            elif direction != "ours":
                a[2] += w
    out = {}
    for pair, (vol, th, mu) in acc.items():
        share = (th + mu / 2) / vol if vol else 0.5
        rec = s.interaction_one_way + (1 - s.interaction_one_way) * (1 - abs(2 * share - 1))
        out[pair] = s.interaction_cap * (1 - math.exp(-vol / s.interaction_saturation)) * rec
    return (time.perf_counter() - t0) / n_rows


def child_validate(scale: float) -> None:
    """Time validating the same log from plain text columns (as read from CSV)."""
    import relgraph as rg

    net = build(scale)
    t = net.to_frames()
    inter = t["interactions"]
    raw = {
        "orgs": t["orgs"][["id", "name", "kind"]],
        "people": t["people"][["id", "name", "org"]],
        "interactions": pd.DataFrame(
            {
                "date": inter["date"].dt.strftime("%Y-%m-%d"),
                "our_person": inter["our_person"],
                "their_people": inter["their_people"],
                "kind": inter["kind"].astype(str),
                "direction": inter["direction"].fillna("").astype(str),
            }
        ),
    }
    del net, t, inter
    t0, c0 = time.perf_counter(), time.process_time()
    net = rg.RelationshipNetwork.from_frames(**raw, today=datetime.date(2030, 1, 1))
    t_val, c_val = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(
        json.dumps(
            {
                "rows": len(net.interactions),
                "validate_s": t_val,
                "validate_cpu_s": c_val,
                "peak_gib": peak,
            }
        )
    )


def child(scale: float) -> None:
    from relgraph import _touchpoints as tp
    from relgraph.analysis.interactions import relationship_strength

    t0 = time.perf_counter()
    net = build(scale)
    t_build = time.perf_counter() - t0
    n_tp = len(net.interactions)
    t0, c0 = time.perf_counter(), time.process_time()
    res = relationship_strength(net)
    t_full, c_full = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    pairs = tp.touchpoint_pairs(net.interactions, net.person_ids)
    t_expand, c_expand = time.perf_counter() - t0, time.process_time() - c0
    _, day = tp.as_of_day(None, net.interactions)
    t0, c0 = time.perf_counter(), time.process_time()
    tp.pair_strengths(pairs, net.n_people, net.settings, day)
    t_kernel, c_kernel = time.perf_counter() - t0, time.process_time() - c0
    slice_rows = min(n_tp, 200_000)
    per_row = baseline(net, slice_rows)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2  # KiB -> GiB
    print(
        json.dumps(
            {
                "touchpoints": n_tp,
                "pairs": len(res),
                "build_s": t_build,
                "relationship_strength_s": t_full,
                "relationship_strength_cpu_s": c_full,
                "expand_s": t_expand,
                "expand_cpu_s": c_expand,
                "kernel_s": t_kernel,
                "kernel_cpu_s": c_kernel,
                "baseline_per_row_s": per_row,
                "baseline_rows": slice_rows,
                "baseline_full_estimate_s": per_row * n_tp,
                "peak_gib": peak,
            }
        )
    )


def _run_child(flag: str, scale: float) -> dict[str, Any]:
    """Run one measurement in a fresh process (clean peak RSS); return its JSON line."""
    out = subprocess.run(
        [sys.executable, __file__, flag, "--scale", str(scale)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    ap.add_argument(
        "--validate",
        action="store_true",
        help="also time validating the log from text columns (separate process)",
    )
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--child-validate", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.scale)
        return
    if args.child_validate:
        child_validate(args.scale)
        return
    r = _run_child("--child", args.scale)
    print(
        f"touchpoints {r['touchpoints']:,}  pairs with contact {r['pairs']:,} (scale {args.scale})"
    )
    print(
        f"relationship_strength (expand + group-bys + frame + why): "
        f"{r['relationship_strength_s']:.2f} s wall, "
        f"{r['relationship_strength_cpu_s']:.2f} s CPU  [target < 30 s at full size]"
    )
    print(
        f"  of which: expand log {r['expand_s']:.2f} s ({r['expand_cpu_s']:.2f} s CPU), "
        f"strengths kernel {r['kernel_s']:.2f} s ({r['kernel_cpu_s']:.2f} s CPU)"
    )
    print(
        f"per-row Python baseline on {r['baseline_rows']:,} rows: "
        f"{r['baseline_per_row_s'] * 1e6:.2f} µs/row → {r['baseline_full_estimate_s']:.1f} s "
        f"estimated for all rows"
    )
    print(
        f"ratio baseline / relgraph: "
        f"{r['baseline_full_estimate_s'] / r['relationship_strength_s']:.1f}x  "
        f"(kernel only: {r['baseline_full_estimate_s'] / (r['expand_s'] + r['kernel_s']):.1f}x)"
    )
    print(
        f"peak memory (child process, incl. building the data): {r['peak_gib']:.2f} GiB; "
        f"building the synthetic data took {r['build_s']:.1f} s"
    )
    if args.validate:
        r = _run_child("--child-validate", args.scale)
        print(
            f"validating the {r['rows']:,}-row log from text (RelationshipNetwork.from_frames, "
            f"not part of the target): {r['validate_s']:.2f} s wall, "
            f"{r['validate_cpu_s']:.2f} s CPU; peak {r['peak_gib']:.2f} GiB"
        )


if __name__ == "__main__":
    main()
