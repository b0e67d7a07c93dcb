"""The demo: run every analysis on the bundled sample account and write the outputs.

``relgraph demo --out DIR`` calls :func:`run_demo`. Each step is a small function that
prints a few lines and may write files; later features add a step to :data:`STEPS`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from relgraph.network import RelationshipNetwork

__all__ = ["STEPS", "run_demo"]

Echo = Callable[[str], None]


def _step_load(net: RelationshipNetwork, out: Path, echo: Echo) -> list[Path]:
    echo(f"Loaded and validated the sample account: {net!r}")
    echo(net.summary().to_string())
    path = net.to_excel(out / "sample_account.xlsx")
    echo(f"The account's tables as one workbook: {path}")
    return [path]


# -- influence step

# -- routes step

# -- coverage step

# -- interactions step

# -- maps step

#: Demo steps in order: (title, function(net, out_dir, echo) -> files written).
STEPS: list[tuple[str, Callable[[RelationshipNetwork, Path, Echo], list[Path]]]] = [
    ("Load and validate", _step_load),
    # -- steps list (append your step in order: influence, routes, coverage, interactions, maps)
]


def run_demo(out: str | Path = "demo-output", *, echo: Echo = print) -> list[Path]:
    """Run every demo step on the sample account; return the files written.

    Parameters
    ----------
    out : str or Path
        Output folder (created if needed).
    echo : callable
        Where the summary lines go (``print`` by default).

    Returns
    -------
    list of Path
    """
    from relgraph.datasets import sample

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with pd.option_context(
        "display.unicode.east_asian_width", True, "display.width", 120, "display.max_columns", 12
    ):
        net = sample()
        for title, step in STEPS:
            echo(f"\n== {title} ==")
            written += step(net, out, echo)
    echo(f"\nWrote {len(written)} file(s) to {out}/")
    return written
