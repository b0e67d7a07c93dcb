"""Benchmark: how long ``import relgraph`` takes, against ``import pandas`` and ``import numpy``.

Each statement runs in fresh interpreters under ``python -X importtime``; its import time
is the sum of the cumulative times of the top-level imports it triggers (what
``-X importtime`` prints with no indent), leaving out the modules the interpreter imports
at start-up (those of ``python -c pass``: site, encodings …). The median over the runs is
printed with its ratio to the bare baselines measured in the same run. The first-use lines
show what a name costs when it is first touched (the package imports its module then).

Target (issue 17): ``import relgraph`` under 0.5 s on a 2-core machine.

Usage::

    python benchmarks/bench_import.py            # 15 fresh processes per statement
    python benchmarks/bench_import.py --runs 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

STATEMENTS = {
    "import numpy": "import numpy",
    "import pandas": "import pandas",
    "import relgraph": "import relgraph",
    "first use: relgraph.RelationshipNetwork": "import relgraph; relgraph.RelationshipNetwork",
    "first use: relgraph.to_html": "import relgraph; relgraph.to_html",
}


def _top_level(statement: str) -> list[tuple[str, int]]:
    """(module, cumulative microseconds) of every top-level import in a fresh interpreter."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    out = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|", 2)
        if cumulative.strip().isdigit() and not name[1:].startswith(" "):  # top level
            out.append((name.strip(), int(cumulative)))
    return out


STARTUP = frozenset(name for name, _ in _top_level("pass"))


def import_seconds(statement: str) -> float:
    """Import time of ``statement`` in a fresh interpreter (start-up left out), in seconds."""
    return sum(us for name, us in _top_level(statement) if name not in STARTUP) / 1e6


def main() -> None:
    """Time every statement and print medians and ratios."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--runs", type=int, default=15, help="fresh processes per statement")
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of --runs (make bench)")
    args = ap.parse_args()
    runs = max(3, round(args.runs * min(1.0, args.scale * 10)))
    print(f"python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f}, {runs} runs")
    for statement in STATEMENTS.values():  # warm the file-system cache and bytecode once
        import_seconds(statement)
    medians: dict[str, float] = {}
    for label, statement in STATEMENTS.items():
        times = [import_seconds(statement) for _ in range(runs)]
        medians[label] = statistics.median(times)
        print(
            f"{label:42s} median {medians[label]:.3f} s"
            f"  (min {min(times):.3f}, max {max(times):.3f})"
        )
    ours = medians["import relgraph"]
    print(
        f"import relgraph / import pandas = {ours / medians['import pandas']:.2f}; "
        f"/ import numpy = {ours / medians['import numpy']:.2f}; target < 0.5 s: "
        f"{'met' if ours < 0.5 else 'NOT met'}"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
