"""Benchmark: firm-wide routes on Spark (local[2]) beside the single-machine run.

The firm-size graph of ``bench_routes.py`` (1,000,000 people, 10,000,000 ties, 5,000 of
ours, 1,000 targets at full scale) is written once as Parquet; then, each in a fresh
child process of this one:

* ``single``: the same graph built in memory (as ``bench_routes.py`` does) and
  ``rg.routes_to_many`` (the default, single-machine path, unchanged by the Spark extra);
* ``spark``: ``relgraph.spark.read_tables`` of the same folder and
  ``relgraph.spark.routes_to_many`` in ``local[2]``.

Printed: wall time, and peak memory (the child's ``ru_maxrss``; for Spark also the JVM's,
read from ``/proc`` of the Java child) and the machine's load average.

Cluster extrapolation: each hop is a shuffle join whose work grows with the ties reached
(at most all 2 × ties directed edges per hop): on a cluster the time per hop falls about
linearly with executor cores until the shuffle of one hop fits in a few waves, so 100 M
ties on 50 cores take roughly (100/10) × (2/50) ≈ 0.4 × the local[2] time here, plus a
fixed job overhead of seconds per hop. Usage::

    python benchmarks/bench_spark.py --scale 0.01
    python benchmarks/bench_spark.py            # full size (10 M ties; needs ~12 GiB)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

FULL_PEOPLE = 1_000_000
FULL_TIES = 10_000_000
FULL_OURS = 5_000
FULL_TARGETS = 1_000


def write(folder: Path, scale: float) -> dict[str, int]:
    import numpy as np
    from bench_routes import build

    n_people, n_ties = int(FULL_PEOPLE * scale), int(FULL_TIES * scale)
    n_ours = max(20, int(FULL_OURS * scale))
    net, rng, _ = build(n_people, n_ties, n_ours)
    n_targets = FULL_TARGETS if scale >= 0.1 else max(50, int(FULL_TARGETS * scale * 10))
    targets = [f"p{i}" for i in rng.choice(np.arange(n_ours, n_people), n_targets, replace=False)]
    folder.mkdir(parents=True, exist_ok=True)
    net.orgs.to_parquet(folder / "orgs.parquet")
    net.people[["id", "name", "org"]].to_parquet(folder / "people.parquet")
    net.ties[["source", "target", "kind", "strength"]].to_parquet(folder / "ties.parquet")
    (folder / "targets.json").write_text(json.dumps(targets))
    return {"people": n_people, "ties": n_ties, "ours": n_ours, "targets": n_targets}


def _jvm_peak_gib() -> float:
    """Peak resident memory (VmHWM) of this process's Java children."""
    peak = 0.0
    for pid in os.listdir("/proc"):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"java" in cmd and b"spark" in cmd and f"PPid:\t{os.getpid()}" in status:
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024**2)
    return peak


def phase_single(folder: Path, scale: float) -> dict[str, float]:
    from bench_routes import build

    import relgraph as rg

    targets = json.loads((folder / "targets.json").read_text())
    t0 = time.perf_counter()
    # the same graph as the Parquet folder (same seed), built from typed tables as in
    # bench_routes (random firm data repeats ties, which rg.load would refuse)
    n_ours = max(20, int(FULL_OURS * scale))
    net, _, _ = build(int(FULL_PEOPLE * scale), int(FULL_TIES * scale), n_ours)
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    df = rg.routes_to_many(net, targets, affiliations=False, progress=False)
    return {
        "load_s": t_load,
        "routes_s": time.perf_counter() - t0,
        "reached": float((df["best_strength"] > 0).mean()),
        "peak_gib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2,
    }


def phase_spark(folder: Path, memory: str) -> dict[str, float]:
    import warnings

    warnings.simplefilter("ignore", FutureWarning)
    from relgraph.spark import local_session, read_tables, routes_to_many

    targets = json.loads((folder / "targets.json").read_text())
    t0 = time.perf_counter()
    spark = local_session("local[2]", shuffle_partitions=8, driver_memory=memory)
    t_start = time.perf_counter() - t0
    t0 = time.perf_counter()
    df = routes_to_many(read_tables(spark, folder), targets, include_opponents=True)
    reached = df.where("best_strength > 0").count() / max(1, len(targets))
    out = {
        "session_s": t_start,
        "routes_s": time.perf_counter() - t0,
        "reached": reached,
        "peak_gib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2,
        "jvm_peak_gib": _jvm_peak_gib(),
    }
    spark.stop()
    return out


def child(phase: str, *args: str) -> dict[str, float]:
    res = subprocess.run(
        [sys.executable, __file__, "--phase", phase, *args], capture_output=True, text=True
    )
    if res.returncode != 0:
        raise SystemExit(res.stderr[-3000:])
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--driver-memory", default="8g")
    ap.add_argument("--phase", choices=["single", "spark"])
    ap.add_argument("--folder")
    a = ap.parse_args()
    if a.phase == "single":
        print(json.dumps(phase_single(Path(a.folder), a.scale)))
        return
    if a.phase == "spark":
        print(json.dumps(phase_spark(Path(a.folder), a.driver_memory)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "firm"
        t0 = time.perf_counter()
        size = write(folder, a.scale)
        print(f"graph: {size} (written as Parquet in {time.perf_counter() - t0:.1f} s)")
        single = child("single", "--folder", str(folder), "--scale", str(a.scale))
        print(f"single machine: {json.dumps({k: round(v, 3) for k, v in single.items()})}")
        spark = child("spark", "--folder", str(folder), "--driver-memory", a.driver_memory)
        print(f"spark local[2]: {json.dumps({k: round(v, 3) for k, v in spark.items()})}")
        print(f"ratio spark / single (routes): {spark['routes_s'] / single['routes_s']:.1f}")
        print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
