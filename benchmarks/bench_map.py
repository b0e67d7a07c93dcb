"""Benchmark: the HTML map of the sample account and of a synthetic 2,000-person account.

For each network it times, in the same run:

- ``relgraph.to_html`` writing the page (best of 3; includes leverage, hidden influencers,
  coverage and the layout), and the influence analyses alone;
- a plain pyvis baseline (same people and ties through pyvis's own template);
- how long headless Chromium takes from opening the file (network blocked) to the first
  finished drawing of the default view, when playwright and Chromium are installed;
- the same for the version at the starting commit of the map rework (``80f154c``), loaded
  at run time from ``git show 80f154c:relgraph/viz/html.py`` when git and the repository
  history are available (else only the new numbers are printed), and the ratio new / old.

Targets (issue 16): 2,000-person map written under 1 s and drawn under 2 s. Prints the load
average, since the machine may be shared. Peak memory from ru_maxrss.

    python benchmarks/bench_map.py [--scale 1.0] [--no-browser] [--no-old]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "viz"))

import relgraph as rg  # noqa: E402

START = "80f154c"


def best(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def old_module(path: str, name: str) -> tuple[ModuleType | None, str]:
    """The file ``path`` as it was at the starting commit, imported as ``name``."""
    if shutil.which("git") is None:
        return None, "git not installed"
    try:
        text = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{START}:{path}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    except subprocess.CalledProcessError as err:
        return None, f"git show failed: {err.stderr.strip()[:120]}"
    folder = Path(tempfile.mkdtemp())
    (folder / f"{name}.py").write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    try:
        spec.loader.exec_module(module)
    except Exception as err:  # the old code may no longer import after later refactors
        return None, f"old version does not import: {type(err).__name__}: {err}"
    return module, ""


def pyvis_baseline(net, path):
    from pyvis.network import Network

    g = Network(directed=True, cdn_resources="in_line")
    for pid, lab in zip(net.person_ids, net.labels, strict=True):
        g.add_node(pid, label=lab)
    e = net.edges
    for u, v in zip(e["u"], e["v"], strict=True):
        g.add_edge(net.person_ids[u], net.person_ids[v])
    g.toggle_physics(False)
    g.write_html(str(path))


def browser_draw(paths):
    """Seconds from opening each file to its finished first drawing (None: no browser)."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [None for _ in paths]
    if not Path(chromium).exists():
        return [None for _ in paths]
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    out = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=args)
        for path in paths:
            times = []
            for _ in range(2):
                page = b.new_page(viewport={"width": 1600, "height": 1000})
                page.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
                )
                t = time.perf_counter()
                page.goto(Path(path).as_uri())
                page.wait_for_function("window.relgraphMapReady === true", timeout=60_000)
                times.append(time.perf_counter() - t)
                page.close()
            out.append(min(times))
        b.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of 2,000 people")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--no-old", action="store_true")
    args = ap.parse_args()
    from _viz_data import synthetic

    old, why = (
        (None, "skipped (--no-old)")
        if args.no_old
        else old_module("relgraph/viz/html.py", "_relgraph_old_html")
    )
    tmp = Path(tempfile.mkdtemp())
    sample = rg.datasets.sample()
    rg.to_html(sample, opportunity="OPP-1")  # warm imports
    n = max(20, int(2000 * args.scale))
    rows = []
    for name, net, opp in (
        ("sample (78)", sample, "OPP-1"),
        (f"synthetic ({n})", synthetic(n - 10), "O1"),
    ):
        new_path, old_path = tmp / f"new-{n}.html", tmp / f"old-{n}.html"
        t_new, m = best(lambda net=net, opp=opp, p=new_path: rg.to_html(net, p, opportunity=opp))
        t_inf, _ = best(
            lambda net=net, opp=opp: (rg.leverage(net, opp), rg.hidden_influencers(net, opp, k=10))
        )
        t_pv, _ = best(lambda net=net: pyvis_baseline(net, tmp / "pyvis.html"), repeat=1)
        t_old = None
        if old is not None:
            t_old, _ = best(
                lambda net=net, opp=opp, p=old_path: old.to_html(net, p, opportunity=opp)
            )
        draws = (
            [None, None]
            if args.no_browser
            else browser_draw([new_path, *([old_path] if old is not None else [])])
        )
        rows.append((name, m.people, m.in_view, t_new, t_inf, t_pv, t_old, draws))
    print(
        f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1, 5 min); "
        f"{os.cpu_count()} CPUs"
    )
    print(f"old version ({START}): {'loaded from git' if old is not None else why}")
    print(
        f"{'map':<18}{'people':>7}{'in view':>8}{'to_html s':>10}{'influence':>10}"
        f"{'pyvis s':>8}{'old s':>8}{'new/old':>8}{'drawn s':>8}{'old dr s':>9}{'new/old':>8}"
    )

    def fmt(x, spec=".3f"):
        return "n/a" if x is None else format(x, spec)

    for name, people, in_view, t_new, t_inf, t_pv, t_old, draws in rows:
        d_new = draws[0] if draws else None
        d_old = draws[1] if len(draws) > 1 else None
        print(
            f"{name:<18}{people:>7}{in_view:>8}{t_new:>10.3f}{t_inf:>10.3f}{t_pv:>8.3f}"
            f"{fmt(t_old):>8}{fmt(t_new / t_old if t_old else None, '.2f'):>8}"
            f"{fmt(d_new, '.2f'):>8}{fmt(d_old, '.2f'):>9}"
            f"{fmt(d_new / d_old if d_new and d_old else None, '.2f'):>8}"
        )
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print("targets: 2,000 people written < 1 s and drawn < 2 s (default view)")


if __name__ == "__main__":
    main()
