"""Benchmark: ``plot_power_map`` (and the other plots) on large synthetic accounts.

For 2,000 and 100,000 people (``--scale`` shrinks both) it times, in the same run:

- ``rg.leverage`` alone (the analysis every power map needs);
- ``plot_power_map`` with the default cap (1,500 people drawn, a note says so) and with
  ``max_people`` = everyone (every point drawn, one ``scatter`` per role), each including
  rendering the figure to PNG (``savefig``, where matplotlib really draws);
- the version at the starting commit of the rework (``80f154c``: one ``scatter`` call per
  person), loaded at run time from ``git show 80f154c:relgraph/viz/plots.py`` when git
  and the history are available, run in a child process with a time limit (it needs
  about 33 s for 8,000 people, so it is only run up to ``--old-max`` people); the ratio
  new / old is printed where both ran.

Target (issue 16): ``plot_power_map`` at 100,000 people under 5 s. Prints the load average.

    python benchmarks/bench_plots.py [--scale 1.0] [--old-max 4000] [--no-old]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "viz"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import matplotlib.pyplot as plt  # noqa: E402
from bench_map import START, old_module  # noqa: E402

import relgraph as rg  # noqa: E402


def timed_plot(plot, net, **kw):
    """Seconds for the plot call and for call + rendering to PNG."""
    t = time.perf_counter()
    ax = plot(net, "O1", **kw)
    t_call = time.perf_counter() - t
    ax.figure.savefig(io.BytesIO(), format="png", dpi=80)
    t_all = time.perf_counter() - t
    plt.close("all")
    return t_call, t_all


def child_old(n: int) -> None:
    """Run the old plot_power_map once on ``n`` people and print its seconds."""
    from _viz_data import synthetic

    old, why = old_module("relgraph/viz/plots.py", "_relgraph_old_plots")
    if old is None:
        print(f"n/a {why}")
        return
    net = synthetic(n)
    rg.leverage(net, "O1")  # the analysis is cached on the network: time the drawing
    _, t_all = timed_plot(old.plot_power_map, net)
    print(f"{t_all:.3f}")


def run_old(n: int, limit: float) -> tuple[float | None, str]:
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child-old", str(n)],
            capture_output=True,
            text=True,
            timeout=limit,
            check=True,
        ).stdout.strip()
    except subprocess.TimeoutExpired:
        return None, f"over {limit:.0f} s"
    except subprocess.CalledProcessError as err:
        return None, f"failed: {err.stderr.strip().splitlines()[-1][:100]}"
    if out.startswith("n/a"):
        return None, out[4:]
    return float(out), ""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--old-max", type=int, default=4000, help="largest n to run the old code on")
    ap.add_argument("--no-old", action="store_true")
    ap.add_argument("--child-old", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_old:
        child_old(args.child_old)
        return
    from _viz_data import synthetic

    sizes = sorted({max(200, int(2000 * args.scale)), max(500, int(100_000 * args.scale))})
    rg.plot_power_map(rg.datasets.sample(), "OPP-1")  # warm imports and fonts
    plt.close("all")
    print(
        f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1, 5 min); "
        f"{os.cpu_count()} CPUs"
    )
    print(
        f"{'people':>8}{'build s':>9}{'leverage s':>11}{'capped s':>10}{'all s':>8}"
        f"{'total s':>9}{'old s':>8}{'new/old':>9}  note"
    )
    for n in sizes:
        t = time.perf_counter()
        net = synthetic(n)
        t_build = time.perf_counter() - t
        t = time.perf_counter()
        rg.leverage(net, "O1")
        t_lev = time.perf_counter() - t
        _, capped = timed_plot(rg.plot_power_map, net)
        _, full = timed_plot(rg.plot_power_map, net, max_people=n + 10)
        old, note = (None, "skipped (--no-old)") if args.no_old else (None, "")
        if not args.no_old:
            old, note = (
                run_old(n, 300.0)
                if n <= args.old_max
                else (None, f"not run above {args.old_max:,}")
            )
        ratio = f"{full / old:.3f}" if old else "n/a"
        print(
            f"{n:>8,}{t_build:>9.2f}{t_lev:>11.3f}{capped:>10.3f}{full:>8.3f}"
            f"{t_lev + full:>9.3f}{(f'{old:.3f}' if old else 'n/a'):>8}{ratio:>9}  {note}"
        )
    print(
        f"old version: {START} (one scatter call per person); new/old compares 'all s' "
        "(every point drawn; leverage cached in both); total = leverage + all"
    )
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print("target: plot_power_map at 100,000 people < 5 s (leverage + plot + render)")


if __name__ == "__main__":
    main()
