"""Benchmark: HTML map of the sample account and of a synthetic 2,000-person account.

Times `relgraph.to_html` (which includes leverage and hidden influencers), the influence
analyses alone, a plain pyvis baseline (same nodes and edges through pyvis's own template)
and, when Chromium and playwright are installed, how long a headless browser takes to draw
the canvas from disk with the network blocked. Peak memory from ru_maxrss.

    python benchmarks/bench_map.py [--scale 0.1] [--no-browser]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "viz"))

import relgraph as rg  # noqa: E402
from relgraph.analysis.influence import hidden_influencers, leverage  # noqa: E402


def best(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


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


def browser_draw(path):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(chromium).exists():
        return None
    args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=args)
        page = b.new_page(viewport={"width": 1400, "height": 1000})
        page.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
        )
        t = time.perf_counter()
        page.goto(Path(path).as_uri())
        page.wait_for_function("window.relgraphMapReady === true", timeout=30_000)
        dt = time.perf_counter() - t
        b.close()
    return dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of 2,000 people")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    from _viz_data import synthetic

    tmp = Path(tempfile.mkdtemp())
    sample = rg.datasets.sample()
    rg.to_html(sample, opportunity="OPP-1")  # warm imports
    n = max(20, int(2000 * args.scale))
    big = synthetic(n)
    rows = []
    for name, net, opp in (("sample (78)", sample, "OPP-1"), (f"synthetic ({n})", big, "O1")):
        t_map, m = best(lambda net=net, opp=opp: rg.to_html(net, tmp / "m.html", opportunity=opp))
        t_inf, _ = best(
            lambda net=net, opp=opp: (leverage(net, opp), hidden_influencers(net, opp, k=10))
        )
        t_pv, _ = best(lambda net=net: pyvis_baseline(net, tmp / "pyvis.html"), repeat=1)
        t_br = None if args.no_browser else browser_draw(tmp / "m.html")
        rows.append((name, m.people, t_map, t_inf, t_map - t_inf, t_pv, t_br))
    print(
        f"{'map':<18}{'drawn':>7}{'to_html s':>11}{'influence s':>13}{'own s':>8}"
        f"{'pyvis s':>9}{'ratio':>7}{'browser s':>11}"
    )
    for name, drawn, t_map, t_inf, own, t_pv, t_br in rows:
        br = "n/a" if t_br is None else f"{t_br:.2f}"
        print(
            f"{name:<18}{drawn:>7}{t_map:>11.3f}{t_inf:>13.3f}{own:>8.3f}{t_pv:>9.3f}"
            f"{t_map / t_pv:>7.2f}{br:>11}"
        )
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print("targets: sample < 1 s, 2,000 people < 3 s, browser canvas drawn < 5 s")


if __name__ == "__main__":
    main()
