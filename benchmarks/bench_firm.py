"""Benchmark: the whole firm-scale path, each step beside its bare pyarrow/scipy equivalent.

One synthetic firm (default 1,000,000 people, 10,000,000 ties, 1,000 orgs, 5,000 of our
people each covering 5 customer people, one opportunity with 30 role holders) is written as
CSV and as Parquet, then every step runs in a fresh subprocess, relgraph and the bare
library each in its own, so each peak memory is that step's (``VmHWM`` of
``/proc/self/status``, reset before the step; ``ru_maxrss`` where that is missing):

- load CSV: ``rg.load`` (read + validate) against ``pyarrow.csv.read_csv`` of the files;
- load Parquet: ``rg.load`` against ``pyarrow.parquet.read_table``;
- views: ``net.edges`` + ``net.adjacency(...)`` against a scipy CSR build from the same arrays;
- leverage, cold from a loaded network: ``rg.leverage`` against 30 CSR mat-vecs on the
  influence matrix's nonzeros;
- bulk routes, first call (the views built): ``rg.routes_to_many`` for 1,000 targets with
  alternatives against one ``csgraph.dijkstra`` from our 5,000 people, ``min_only=True``.

It also checks leverage against reference solves (max |Δ| ≤ 1e-9) at 100,000 and 2,000
people, times ``rg.plan`` + ``Plan.to_excel`` and ``rg.diff`` on the 100,000-person
planning account of ``bench_planning.py``, runs the whole path (load → views → leverage →
routes) in one process for its peak memory, and repeats the steps at 1 %, 3 %, 10 % and
30 % of the size for a log–log plot of how each step's cost grows. With ``--docs`` (the
default at full size) the table and the plot go to ``docs/performance.md`` and
``docs/img/performance-scaling.png`` (the report is built by ``firm_report.py``).

The machine is shared: wall time counts waiting for a core, CPU time (all threads) what the
work costs; the load average is printed with the results. Each step runs ``--repeat`` times
(default 3) per side, relgraph and bare in turn, and each side keeps its fastest run, as
``timeit`` does (the peak memory kept is the largest). Before its clock every process
writes to ``RELGRAPH_BENCH_TOUCH_GIB`` (default 3) GiB of fresh memory and frees it: a
virtual machine that hands freed memory back to its host makes the first writes after an
idle spell wait for the host, whichever library makes them. Usage::

    python benchmarks/bench_firm.py --scale 0.1                        # quick (100k people)
    flock /tmp/relgraph-bench.lock python benchmarks/bench_firm.py     # full size
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from firm_report import MATVECS, STEPS, extra_rows, markdown, plot_scaling, table_rows  # noqa: E402

FULL_PEOPLE = 1_000_000
FULL_TIES = 10_000_000
FULL_ORGS = 1_000
FULL_OURS = 5_000
TARGETS = 1_000
COVERS_EACH = 5
N_ROLES = 30
CHECK_PEOPLE = 100_000
LU_PEOPLE = 2_000
PLAN_PEOPLE = 100_000
SCALING = (0.01, 0.03, 0.1, 0.3)
PERSONAL = np.array(["friend", "former_colleague", "works_with", "alumni", "club", "influences"])
#: Tie kinds by the codes of ``_ties``: the reporting forest, our covers ties, then PERSONAL.
PERSONAL_KINDS = np.array(["reports_to", "covers", *PERSONAL.tolist()], dtype=object)
LOCK = "/tmp/relgraph-bench.lock"
OPP = "OPP1"
AS_OF = "2026-06-01"


# ----------------------------------------------------------------------------- data
def sizes(scale: float) -> tuple[int, int, int, int]:
    """People, ties, orgs and our people at ``scale`` of the full size."""
    n = max(1_000, int(FULL_PEOPLE * scale))
    m = max(10_000, int(FULL_TIES * scale))
    return n, m, max(10, int(FULL_ORGS * min(1.0, scale * 10))), max(20, int(FULL_OURS * scale))


def build(folder: Path, scale: float, seed: int = 0) -> None:
    """Write the synthetic firm as ``csv/`` and ``parquet/`` table folders under ``folder``."""
    import pyarrow as pa

    n, m, n_orgs, n_ours = sizes(scale)
    rng = np.random.default_rng(seed)
    org_ids = np.array(["US", "R1", "R2"] + [f"C{i:04d}" for i in range(n_orgs - 3)])
    kinds = np.array(["us", "competitor", "competitor"] + ["customer"] * (n_orgs - 3))
    orgs = {"id": org_ids, "name": np.char.add("Org ", org_ids), "kind": kinds}
    ids = np.array(pd.RangeIndex(n).map("P{:07d}".format), dtype=object)
    n_comp = max(2, n // 1_000)
    org_of = np.concatenate(
        [
            np.zeros(n_ours, np.int64),
            1 + np.arange(n_comp) % 2,
            rng.integers(3, n_orgs, n - n_ours - n_comp),
        ]
    )
    customer = org_of >= 3
    attitude = rng.integers(-3, 4, n).astype(object)
    attitude[(rng.random(n) < 0.3) | ~customer] = ""
    backs = customer & (rng.random(n) < 0.05)
    supports = np.where(backs, np.where(rng.random(n) < 0.5, "R1", "R2"), "")
    support = np.where(backs & (rng.random(n) < 0.8), rng.integers(1, 4, n).astype(str), "")
    days = rng.integers(0, 3_000, n).astype("timedelta64[D]")
    people = {
        "id": ids,
        "name": np.char.add("Person ", np.arange(n).astype(str)),
        "org": org_ids[org_of],
        "level": rng.integers(1, 6, n).astype(str),
        "attitude": attitude.astype(str),
        "supports": supports,
        "support": support,
        "updated": (np.datetime64("2017-01-01") + days).astype(str),
    }
    src, dst, kind, strength = _ties(rng, n, m, n_ours, customer)
    account = org_ids[org_of[np.flatnonzero(customer)[0]]]
    holders = rng.choice(np.flatnonzero(org_ids[org_of] == account), N_ROLES, replace=False)
    roles = {
        "opportunity": np.full(N_ROLES, OPP),
        "person": ids[holders],
        "role": np.array(["decider", "approver"] + ["influencer"] * (N_ROLES - 2)),
    }
    opps = {"id": [OPP], "account": [account], "competitors": ["R1;R2"]}
    ids_pa = pa.array(ids, pa.string())
    tables = {
        "orgs": pa.table(orgs),
        "people": pa.table({k: pa.array(v, pa.string()) for k, v in people.items()}),
        "ties": pa.table(
            {
                "source": ids_pa.take(pa.array(src)),
                "target": ids_pa.take(pa.array(dst)),
                "kind": pa.array(PERSONAL_KINDS[kind], pa.string()),
                "strength": pa.array(strength, pa.string()),
            }
        ),
        "opportunities": pa.table(opps),
        "roles": pa.table(roles),
    }
    _write(folder, tables)


def _ties(
    rng: np.random.Generator, n: int, m: int, n_ours: int, customer: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Reporting forest, our covers ties and distinct undirected personal ties (m in all)."""
    cust = np.flatnonzero(customer)
    rep_src = cust[1:]
    rep_dst = cust[(np.arange(1, len(cust)) - 1) // 8]  # eight reports per boss
    cov_src = np.repeat(np.arange(n_ours), COVERS_EACH)
    spread = np.arange(COVERS_EACH) * (len(cust) // COVERS_EACH)  # five distinct people each
    cov_dst = cust[(rng.integers(0, len(cust), n_ours)[:, None] + spread).ravel() % len(cust)]
    rest = m - len(rep_src) - len(cov_src)
    others = np.arange(n_ours, n)
    a = others[rng.integers(0, len(others), int(rest * 1.02) + 10)]
    b = others[rng.integers(0, len(others), len(a))]
    k = rng.integers(0, len(PERSONAL), len(a))
    ok = a != b
    a, b, k = np.minimum(a[ok], b[ok]), np.maximum(a[ok], b[ok]), k[ok]
    _, first = np.unique((a.astype(np.int64) * n + b) * len(PERSONAL) + k, return_index=True)
    first = np.sort(first)[:rest]
    a, b, k = a[first], b[first], k[first]
    src = np.concatenate([rep_src, cov_src, a])
    dst = np.concatenate([rep_dst, cov_dst, b])
    kind = np.concatenate(
        [np.zeros(len(rep_src), np.int64), np.ones(len(cov_src), np.int64), k + 2]
    )
    value = np.round(rng.uniform(0.05, 1.0, len(src)), 2)
    given = (kind == 2 + len(PERSONAL) - 1) | (rng.random(len(src)) < 0.5)
    strength = np.where(given, value.astype(str), "")
    return src, dst, kind, strength


def _write(folder: Path, tables: dict[str, Any]) -> None:
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    for fmt in ("csv", "parquet"):
        (folder / fmt).mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        pacsv.write_csv(table, folder / "csv" / f"{name}.csv")
        pq.write_table(table, folder / "parquet" / f"{name}.parquet")


# ----------------------------------------------------------------------------- measuring
def _status_kib(field: str) -> float | None:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return float(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


#: GiB each step touches (and frees) before its clock: see :func:`_touch_memory`.
TOUCH_GIB = float(os.environ.get("RELGRAPH_BENCH_TOUCH_GIB", "3"))


def _touch_memory() -> None:
    """Write to ``TOUCH_GIB`` of fresh memory and free it, untimed, before a step.

    On a virtual machine that hands freed memory back to its host (this one does), the
    first write to memory after an idle spell waits for the host: a step that ran after
    a pause took twice as long as the same step just after another, whichever library
    it ran. Touching memory first puts every step, relgraph's and the bare one, in the
    same state: the pages it allocates are ready, as in a process that has been running.
    """
    if TOUCH_GIB > 0:
        block = np.ones(int(TOUCH_GIB * 2**30), dtype=np.uint8)
        del block


def measure(fn: Callable[[], Any]) -> tuple[dict[str, float], Any]:
    """Wall time, CPU time (all threads), peak RSS during ``fn()`` and its growth over start."""
    import gc
    import resource

    gc.collect()  # no collection of earlier garbage inside the timing (either side)
    _touch_memory()
    reset = _reset_peak()
    start = _status_kib("VmRSS") or 0.0
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = _status_kib("VmHWM") if reset else None
    if peak is None:
        peak = float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return {
        "wall": wall,
        "cpu": cpu,
        "peak_gib": peak / 2**20,
        "added_gib": max(0.0, peak - start) / 2**20,
    }, out


def _loaded(folder: str) -> Any:
    import relgraph as rg

    return rg.load(Path(folder) / "parquet")


def _targets(net: Any, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    pool = np.flatnonzero(net.party.eq("customer").to_numpy())
    return [str(net.person_ids[i]) for i in rng.choice(pool, min(TARGETS, len(pool)), False)]


# ----------------------------------------------------------------------------- phases
def _cached(folder: str, fmt: str) -> list[Path]:
    """The files of one format, each read once untimed so that both sides find them in the
    page cache (a file evicted since it was written costs a disk read, not library work)."""
    files = sorted((Path(folder) / fmt).glob(f"*.{fmt}"))
    for f in files:
        with f.open("rb") as fh:
            while fh.read(1 << 24):
                pass
    return files


def _read_bare(folder: str, fmt: str) -> dict[str, Any]:
    """The files of one format read by pyarrow alone (no checks)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    read = pacsv.read_csv if fmt == "csv" else pq.read_table
    files = _cached(folder, fmt)
    stats, tables = measure(lambda: [read(f) for f in files])
    return {**stats, "rows": sum(t.num_rows for t in tables)}


def _load_rg(folder: str, fmt: str) -> dict[str, Any]:
    """``rg.load`` (read and validate) of the files of one format."""
    import relgraph as rg

    _ = rg.load  # the lazy import (pandas …) before the clock, as the bare side imports pyarrow
    _cached(folder, fmt)
    stats, net = measure(lambda: rg.load(Path(folder) / fmt))
    return {**stats, "people": len(net.people), "ties": len(net.ties)}


def phase_csv_bare(folder: str) -> dict[str, Any]:
    return _read_bare(folder, "csv")


def phase_csv_rg(folder: str) -> dict[str, Any]:
    return _load_rg(folder, "csv")


def phase_parquet_bare(folder: str) -> dict[str, Any]:
    return _read_bare(folder, "parquet")


def phase_parquet_rg(folder: str) -> dict[str, Any]:
    return _load_rg(folder, "parquet")


def phase_views_bare(folder: str) -> dict[str, Any]:
    import scipy.sparse as sp

    net = _loaded(folder)
    u, v = (np.array(a) for a in net.endpoints())
    w = net.ties["strength"].to_numpy(dtype=float, na_value=0.5)
    n = net.n_people

    def csr() -> Any:
        rows, cols = np.concatenate([u, v]), np.concatenate([v, u])
        return sp.coo_matrix((np.concatenate([w, w]), (rows, cols)), shape=(n, n)).tocsr()

    stats, mat = measure(csr)
    return {**stats, "nnz": int(mat.nnz)}


def phase_views_rg(folder: str) -> dict[str, Any]:
    net = _loaded(folder)

    def views() -> Any:
        _ = net.edges
        return net.adjacency(symmetric=True, include_sensitive=False)

    stats, mat = measure(views)
    return {**stats, "nnz": int(mat.nnz)}


def phase_leverage_bare(folder: str) -> dict[str, Any]:
    import relgraph as rg

    net = _loaded(folder)
    W = rg.influence_matrix(net)
    x = np.random.default_rng(0).random(W.shape[0])

    def matvecs() -> float:
        y = x
        for _ in range(MATVECS):
            y = W @ y
        return float(y.sum())

    stats, _ = measure(matvecs)
    return {**stats, "nnz": int(W.nnz)}


def phase_leverage_rg(folder: str) -> dict[str, Any]:
    import relgraph as rg

    net = _loaded(folder)
    leverage = rg.leverage  # its lazy import before the clock (the bare side imports scipy)
    stats, lev = measure(lambda: leverage(net, OPP))
    return {**stats, "sum": float(lev["leverage"].sum())}


def phase_routes_bare(folder: str) -> dict[str, Any]:
    from scipy.sparse.csgraph import dijkstra

    net = _loaded(folder)
    cost = net.adjacency(symmetric=True, include_sensitive=False).copy()
    cost.data = -np.log(cost.data) + 1e-12  # a tie of strength 1 stays an edge
    sources = np.flatnonzero(net.party.eq("us").to_numpy())
    stats, dist = measure(lambda: dijkstra(cost, directed=True, indices=sources, min_only=True))
    return {**stats, "reached": float(np.isfinite(dist).mean()), "sources": len(sources)}


def phase_routes_rg(folder: str) -> dict[str, Any]:
    import relgraph as rg

    net = _loaded(folder)
    first, second = _targets(net, 1), _targets(net, 2)
    _ = net.edges  # the views step (timed on its own): routes share the network's CSR
    net.adjacency(symmetric=True, include_sensitive=False)
    routes_to_many = rg.routes_to_many  # its lazy import before the clock, as dijkstra's
    stats, df = measure(lambda: routes_to_many(net, first, progress=False))
    warm, _ = measure(lambda: routes_to_many(net, second, progress=False))
    return {
        **stats,
        "warm": warm["wall"],
        "warm_cpu": warm["cpu"],
        "reached": float((df["best_strength"] > 0).mean()),
        "with_alt": float((df["alt_strength"] > 0).mean()),
    }


def phase_whole(folder: str) -> dict[str, Any]:
    """The whole path in one process: its peak memory is the path's."""
    import relgraph as rg

    def path() -> None:
        net = rg.load(Path(folder) / "csv")
        _ = net.edges
        net.adjacency(symmetric=True, include_sensitive=False)
        rg.leverage(net, OPP)
        rg.routes_to_many(net, _targets(net, 1), progress=False)

    stats, _ = measure(path)
    return stats


def phase_check(folder: str) -> dict[str, Any]:
    """Leverage against reference solves: max |Δ| over everyone, and a proven error bound.

    The reference is a sparse LU solve (SuperLU) when the network is small enough to
    factorise, else GMRES run to a relative residual of 1e-14. The bound needs no
    reference: with ``r`` the residual of the transposed system and ``ρ = max λ``,
    ``‖z − z*‖₁ ≤ ‖r‖₁ / (1 − ρ)`` since ``‖(ΛW)ᵀ‖₁ = ρ``, and leverage is ``(1 − λ)z``.
    """
    import scipy.sparse as sp
    from scipy.sparse.linalg import LinearOperator, gmres, splu

    import relgraph as rg
    from relgraph.analysis.influence.model import model
    from relgraph.analysis.influence.support import power

    net = _loaded(folder)
    lev_stats, lev = measure(lambda: rg.leverage(net, OPP))
    m = model(net)
    _, p, _ = power(net, OPP)
    b = p * m.active / float((p * m.active).sum())
    n = net.n_people
    A = (sp.identity(n, format="csr") - sp.diags(m.lam) @ m.W).T.tocsr()
    z = np.asarray(m.memo[("z", OPP)], dtype=float)
    bound = float(np.abs(A @ z - b).sum()) / (1.0 - float(m.lam.max()))
    if n <= 10_000:
        reference = "a sparse LU solve (SuperLU)"
        ref_stats, zref = measure(lambda: splu(A.tocsc()).solve(b))
    else:
        reference = "GMRES to a relative residual of 1e-14 (an LU solve does not fit)"
        op = LinearOperator((n, n), matvec=lambda x: A @ x, dtype=float)
        ref_stats, (zref, _) = measure(lambda: gmres(op, b, rtol=1e-14, atol=0.0, restart=60))
    mine = lev.set_index("person")["leverage"].reindex(net.person_ids).to_numpy()
    return {
        "people": n,
        "max_abs_diff": float(np.abs(mine - (1.0 - m.lam) * zref).max()),
        "bound": bound,
        "reference": reference,
        "leverage_wall": lev_stats["wall"],
        "reference_wall": ref_stats["wall"],
    }


def phase_planning(n: str) -> dict[str, Any]:
    """``plan`` + ``to_excel`` and ``diff`` on the planning account of bench_planning."""
    from bench_coverage import build as build_account
    from bench_planning import perturb

    import relgraph as rg
    from relgraph.analysis.coverage import coverage

    net = build_account(int(n))
    later = perturb(net)
    opp = str(net.opportunities["id"].iloc[0])
    with tempfile.TemporaryDirectory() as tmp:
        # imports (openpyxl alone about 0.18 s) and first-call costs, on the tiny network
        rg.plan(rg.datasets.tiny(), as_of=AS_OF, k=1).to_excel(Path(tmp) / "tiny.xlsx")

        def plan_and_excel() -> Any:
            p = rg.plan(net, opp, as_of=AS_OF, k=10)
            p.to_excel(Path(tmp) / "plan.xlsx")
            return p

        plan_stats, p = measure(plan_and_excel)

        def plain() -> None:
            with pd.ExcelWriter(Path(tmp) / "plain.xlsx", engine="openpyxl") as xw:
                for name, frame in p.sheets.items():
                    frame.to_excel(xw, sheet_name=name, index=False)

        plain_stats, _ = measure(plain)
    later_net = perturb(build_account(int(n)))  # a fresh pair: diff's first call is cold
    old_net = build_account(int(n))
    diff_stats, d = measure(
        lambda: rg.diff(old_net, later_net, old_date="2026-01-01", new_date=AS_OF, opportunity=opp)
    )
    cov_stats, _ = measure(
        lambda: (
            coverage(old_net, opp, as_of="2026-01-01"),
            coverage(later_net, opp, as_of=AS_OF),
        )
    )
    return {
        "people": net.n_people,
        "plan": plan_stats,
        "plain_excel": plain_stats,
        "diff": diff_stats,
        "coverage_x2_warm": cov_stats,
        "changes": len(d),
        "later": len(later.people),
    }


PHASES: dict[str, Callable[[str], dict[str, Any]]] = {
    name[len("phase_") :]: fn for name, fn in globals().items() if name.startswith("phase_")
}


def run_phase(name: str, arg: str) -> dict[str, Any]:
    """Run one phase in a fresh interpreter; return its JSON result."""
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name, arg], capture_output=True, text=True
    )
    if out.returncode != 0:
        sys.exit(f"phase {name} failed:\n{out.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest of some runs of one phase (as ``timeit`` reports), with every run's time.

    Peak memory is the largest of the runs', so that the best time never hides a run
    that needed more.
    """
    best = dict(min(runs, key=lambda r: r["wall"]))
    best["walls"] = [r["wall"] for r in runs]
    best["peak_gib"] = max(r["peak_gib"] for r in runs)
    best["added_gib"] = max(r["added_gib"] for r in runs)
    return best


def _best_planning(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each timing of the planning phase at its fastest run (:func:`_best`)."""
    out = dict(runs[0])
    for key, value in runs[0].items():
        if isinstance(value, dict) and "wall" in value:
            out[key] = _best([r[key] for r in runs])
    return out


def run_steps(folder: Path, *, whole: bool, repeat: int = 1) -> dict[str, Any]:
    """Every step of the path, relgraph and bare, at the data in ``folder``.

    Each pair runs ``repeat`` times, relgraph and bare in turn, and each side keeps its
    fastest run (:func:`_best`).
    """
    res: dict[str, Any] = {}
    for key, *_ in STEPS:
        runs: dict[str, list[dict[str, Any]]] = {"rg": [], "bare": []}
        for _ in range(repeat):
            for side in ("rg", "bare"):
                runs[side].append(run_phase(f"{key}_{side}", str(folder)))
        res[key] = {side: _best(r) for side, r in runs.items()}
        print(f"  {key:9s} {_pair_text(res[key])}", flush=True)
    if whole:
        res["whole"] = run_phase("whole", str(folder))
    return res


def _pair_text(r: dict[str, Any]) -> str:
    a, b = r["rg"], r["bare"]

    def runs(x: dict[str, Any]) -> str:
        walls = x.get("walls", [x["wall"]])
        return "" if len(walls) < 2 else " [runs " + ", ".join(f"{w:.2f}" for w in walls) + "]"

    return (
        f"relgraph {a['wall']:7.2f} s ({a['cpu']:6.2f} s CPU, {a['peak_gib']:.2f} GiB){runs(a)}  "
        f"bare {b['wall']:7.2f} s ({b['cpu']:6.2f} s CPU, {b['peak_gib']:.2f} GiB){runs(b)}  "
        f"ratio {a['wall'] / b['wall']:5.2f}x wall, {a['cpu'] / max(b['cpu'], 1e-9):5.2f}x CPU"
    )


# ----------------------------------------------------------------------------- main
def _lock_hint() -> None:
    """Say so when nobody holds the benchmark lock (full-size runs should run under it)."""
    with open(LOCK, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return  # held: by the flock command this script runs under, or by another run
        fcntl.flock(fh, fcntl.LOCK_UN)
    print(f"note: not running under `flock {LOCK}`; another benchmark may overlap")


def _build_at(root: Path, scale: float) -> Path:
    folder = root / f"s{scale:g}"
    if not (folder / "parquet" / "ties.parquet").exists():
        run_phase("build", f"{scale}@{folder}")
    return folder


def phase_build(arg: str) -> dict[str, Any]:
    scale, folder = arg.split("@", 1)
    t0 = time.perf_counter()
    build(Path(folder), float(scale))
    return {"seconds": time.perf_counter() - t0}


PHASES["build"] = phase_build


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    ap.add_argument("--phase", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--keep", help="build the data in this folder and keep it (reused)")
    ap.add_argument("--no-scaling", action="store_true", help="skip the smaller sizes")
    ap.add_argument(
        "--repeat", type=int, default=3, help="runs of each step per side; the fastest is kept"
    )
    ap.add_argument(
        "--docs",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write docs/performance.md and its plot (default: at full size only)",
    )
    a = ap.parse_args()
    if a.phase:
        print(json.dumps(PHASES[a.phase[0]](a.phase[1])))
        return
    _lock_hint()
    n, m, _, n_ours = sizes(a.scale)
    load_before = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load_before:.2f}")
    with tempfile.TemporaryDirectory(prefix="relgraph-firm-") as tmp:
        root = Path(a.keep) if a.keep else Path(tmp)
        points = []
        if not a.no_scaling:
            for s in SCALING:
                sub = _build_at(root, a.scale * s)
                print(f"{sizes(a.scale * s)[0]:,} people:", flush=True)
                points.append((sizes(a.scale * s)[0], run_steps(sub, whole=False, repeat=a.repeat)))
        folder = _build_at(root, a.scale)
        print(f"{n:,} people, {m:,} ties, {n_ours:,} of ours:", flush=True)
        res = run_steps(folder, whole=True, repeat=a.repeat)
        points.append((n, res))
        small = min(1.0, a.scale * 10)  # 100,000 people from --scale 0.1 up
        check = run_phase("check", str(_build_at(root, small * CHECK_PEOPLE / FULL_PEOPLE)))
        check_lu = run_phase("check", str(_build_at(root, LU_PEOPLE / FULL_PEOPLE)))
    plan_size = str(int(small * PLAN_PEOPLE))
    plan = _best_planning([run_phase("planning", plan_size) for _ in range(a.repeat)])
    info = {
        "date": time.strftime("%Y-%m-%d"),
        "people": n,
        "ties": m,
        "ours": n_ours,
        "targets": TARGETS,
        "cores": os.cpu_count(),
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "repeat": a.repeat,
        "touch_gib": TOUCH_GIB,
    }
    extra = extra_rows(res, [check, check_lu], plan)
    print(f"\nload average {info['load_before']:.2f} before, {info['load_after']:.2f} after")
    for row in table_rows(res) + extra:
        print("  " + " | ".join(c for c in row if c))
    write = a.docs if a.docs is not None else a.scale >= 1.0
    if write:
        img = Path("img") / "performance-scaling.png"
        docs = HERE.parent / "docs"
        if len(points) > 1:
            plot_scaling(points, docs / img)
        page = markdown(info, res, extra, img.as_posix() if len(points) > 1 else None)
        (docs / "performance.md").write_text(page, encoding="utf-8")
        print(f"wrote {docs / 'performance.md'}")


if __name__ == "__main__":
    main()
