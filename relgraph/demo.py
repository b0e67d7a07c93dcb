"""The demo: run every analysis on the bundled sample account and write the outputs.

``relgraph demo --out DIR`` calls :func:`run_demo`. Each step is a small function that
prints a few lines and may write files; later features add a step to :data:`STEPS`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from relgraph.io.files import atomic_path, atomic_write_text
from relgraph.io.write import write_csv
from relgraph.network import RelationshipNetwork

__all__ = ["STEPS", "run_demo"]

Echo = Callable[[str], None]


def _save(fig: Any, path: Path) -> Path:
    """Save a figure atomically (see :func:`relgraph.io.files.atomic_path`)."""
    with atomic_path(path) as tmp:
        fig.savefig(tmp, dpi=110)
    return path


def _step_load(net: RelationshipNetwork, out: Path, echo: Echo) -> list[Path]:
    echo(f"Loaded and validated the sample account: {net!r}")
    echo(net.summary().to_string())
    path = net.to_excel(out / "sample_account.xlsx")
    echo(f"The account's tables as one workbook: {path}")
    return [path]


# -- influence step
def _step_influence(net: RelationshipNetwork, out: Path, echo: Echo) -> list[Path]:
    from relgraph.analysis.influence import hidden_influencers, leverage, support_index

    index = support_index(net, "OPP-1")
    echo("Decision support index for OPP-1 (us −3..+3, competitors 0..3):")
    echo(index[["party", "name", "index", "supporters", "supporter_power_share"]].round(3)
         .to_string(index=False))  # fmt: skip
    hidden = hidden_influencers(net, "OPP-1", k=5)
    echo("Top hidden influencers (no formal role in OPP-1):")
    for row in hidden.itertuples():
        echo(f"  {row.rank}. {row.name} [{row.person}], leverage {row.leverage:.3f}: {row.why}")
    path = write_csv(leverage(net, "OPP-1"), out / "leverage_OPP-1.csv")
    echo(f"Leverage of everyone toward OPP-1: {path}")
    return [path]


# -- routes step
def _step_routes(net: RelationshipNetwork, out: Path, echo: Echo) -> list[Path]:
    from relgraph.analysis.routes import connection_routes, routes_to_many

    cto = net.resolve_person("C006") if "C006" in net.person_ids else net.person_ids[0]
    echo(str(connection_routes(net, cto, k=3)))
    echo("")
    echo(str(connection_routes(net, cto, source="N03", k=2)))
    opp = net.resolve_opportunity("OPP-1" if "OPP-1" in set(net.opportunities["id"]) else None)
    holders = list(dict.fromkeys(net.opportunity_roles(opp)["person"]))
    bulk = routes_to_many(net, holders, progress=False)
    cols = ["target", "name", "best_strength", "best_source", "alt_strength", "alt_source"]
    echo(f"\nBest route and independent alternative to every {opp} role holder:")
    echo(bulk[cols].round(2).to_string(index=False))
    path = write_csv(bulk, out / "routes_opp1.csv")
    echo(f"All routes (with the readable text): {path}")
    return [path]


#: Targets the sample team takes on in the cycle: the coverage step and the plan use the same.
CAPACITY = 10


# -- coverage step
def _step_coverage(net: RelationshipNetwork, out: Path, echo: Echo) -> list[Path]:
    from relgraph.analysis.coverage import coverage
    from relgraph.analysis.targets import recommend_targets

    # The sample account's story is set on 2026-11-15 (docs/sample-account.md).
    rep = coverage(net, "OPP-1", as_of="2026-11-15")
    echo(repr(rep))
    echo("Gaps (high severity):")
    for g in rep.gaps[rep.gaps["severity"].eq("high")].itertuples(index=False):
        echo(f"- [{g.rule}] {g.why}")
    counts = rep.gaps["rule"].value_counts()
    echo("Other gaps: " + ", ".join(f"{r} {int(n)}" for r, n in counts.items()))
    echo("Level by level (our people × theirs):")
    echo(rep.matrix.to_string())
    rec = recommend_targets(net, "OPP-1", capacity=CAPACITY)
    echo(f"Top targets (capacity: {CAPACITY} targets, as in the plan):")
    cols = ["rank", "person", "name", "objective", "gain", "owner_a", "owner_b", "sponsor"]
    echo(rec[cols].round(4).to_string(index=False))
    hidden = set(rep.people.loc[rep.people["hidden"], "person"])
    picked = [p for p in rec["person"] if p in hidden]
    echo("Hidden influencers among the targets: " + (", ".join(picked) or "none"))
    path = write_csv(rep.gaps, out / "coverage_gaps.csv")
    path2 = write_csv(rec, out / "targets.csv")
    echo(f"Gaps and targets written to {path} and {path2}")
    return [path, path2]


# -- interactions step
def _step_interactions(net: RelationshipNetwork, out: Path, echo: Echo) -> list[Path]:
    from matplotlib.figure import Figure

    from relgraph.analysis.interactions import (
        customer_issues,
        last_contact,
        relationship_strength,
    )
    from relgraph.text import say
    from relgraph.viz.activity import plot_touchpoints

    strength = relationship_strength(net)
    last = last_contact(net)
    issues = customer_issues(net)
    customers = last[last["person"].isin(net.person_ids[net.party.eq("customer").to_numpy()])]
    echo(
        say(
            "int_demo_counts",
            pairs=len(strength),
            stale=int(customers["stale"].sum()),
            people=len(customers),
            open=int(issues["status"].eq("open").sum()),
            overdue=int(issues["overdue"].sum()),
        )
    )
    ceo = strength[strength["their_person"].eq("C005")]
    for line in ceo["why"]:
        echo(say("int_demo_ceo", line=line))
    for r in issues[issues["status"].eq("open")].itertuples(index=False):
        echo(f"Open issue {r.issue}: {r.why}")
    from relgraph.io.excel_format import write_workbook

    sheets = {"strength": strength, "last_contact": last, "issues": issues}
    path = write_workbook(out / "interactions.xlsx", sheets)
    fig = Figure(figsize=(11, 7), layout="constrained")
    plot_touchpoints(net, ax=fig.add_subplot())
    png = _save(fig, out / "touchpoints.png")
    echo(f"Strength, last contact and issues: {path}; touchpoints plot: {png}")
    return [path, png]


# -- maps step
def _step_maps(net: RelationshipNetwork, out: Path, echo: Echo) -> list[Path]:
    from matplotlib.figure import Figure

    from relgraph.analysis.routes import connection_routes
    from relgraph.viz.html import to_html
    from relgraph.viz.plots import plot_coverage, plot_decision_chain, plot_power_map, plot_route

    m = to_html(net, opportunity="OPP-1")
    atomic_write_text(out / "map.html", m.html)
    echo(f"Interactive map (opens offline): {out / 'map.html'}: {m.people} people, {m.ties} ties")
    for note in m.notes:
        echo(f"  {note}")
    written = [out / "map.html"]
    route = connection_routes(net, "C006", source="N03").routes.iloc[0]
    plots: list[tuple[str, tuple[float, float], Callable[[Any], object]]] = [
        ("decision_chain.png", (12, 11), lambda ax: plot_decision_chain(net, "OPP-1", ax=ax)),
        ("power_map.png", (10, 7), lambda ax: plot_power_map(net, "OPP-1", ax=ax)),
        ("coverage.png", (14, 7), lambda ax: plot_coverage(net, "OPP-1", ax=ax)),
        ("route_cto.png", (9, 3.2), lambda ax: plot_route(net, route, ax=ax)),
    ]
    for name, size, draw in plots:
        fig = Figure(figsize=size, layout="constrained")
        draw(fig.add_subplot())
        written.append(_save(fig, out / name))
    echo("Plots: " + ", ".join(str(out / name) for name, _, _ in plots))
    return written


# -- planning step
def _step_planning(net: RelationshipNetwork, out: Path, echo: Echo) -> list[Path]:
    from matplotlib.figure import Figure

    from relgraph.analysis.monitor import diff, load_history
    from relgraph.datasets import SAMPLE_DATE, snapshots
    from relgraph.plan import plan
    from relgraph.viz.trend import plot_trend

    p = plan(net, "OPP-1", as_of=SAMPLE_DATE, capacity=CAPACITY)
    xlsx = p.to_excel(out / "plan.xlsx")
    html_path = atomic_write_text(out / "plan.html", p.to_html())
    echo(f"{p!r}")
    echo(f"The yearly planning set: {xlsx} (and {html_path})")
    for note in p.notes:
        echo(f"  {note}")
    snaps = snapshots()
    (old_date, old), (new_date, new) = list(snaps.items())[0], list(snaps.items())[-1]
    d = diff(old, new, old_date=old_date, new_date=new_date)
    echo(f"\nWhat changed in the account, {old_date} → {new_date}:")
    echo(d.narrative)
    history = load_history(snaps, opportunity="OPP-1")
    fig = Figure(figsize=(7, 4), layout="constrained")
    plot_trend(history, opportunity="OPP-1", ax=fig.add_subplot())
    trend = _save(fig, out / "support_trend.png")
    echo(f"Support index over time: {trend}")
    return [xlsx, html_path, trend]


#: Demo steps in order: (title, function(net, out_dir, echo) -> files written).
STEPS: list[tuple[str, Callable[[RelationshipNetwork, Path, Echo], list[Path]]]] = [
    ("Load and validate", _step_load),
    # -- steps list (append your step in order: influence, routes, coverage, interactions, maps)
    ("Influence: support index and hidden influencers", _step_influence),
    ("Routes: warm introductions to the CTO and to every OPP-1 role holder", _step_routes),
    ("Coverage: gaps against competitors and whom to work on next", _step_coverage),
    ("Interactions: tie strength, last contact and open customer issues", _step_interactions),
    ("Maps and plots: map.html and PNGs of the chain, power map, coverage, a route", _step_maps),
    ("Planning: plan.xlsx, and what changed since the May snapshot", _step_planning),
]


def run_demo(
    out: str | Path = "demo-output", *, echo: Echo = print, lang: str = "en"
) -> list[Path]:
    """Run every demo step on the sample account; return the files written.

    Parameters
    ----------
    out : str or Path
        Output folder (created if needed).
    echo : callable
        Where the summary lines go (``print`` by default).
    lang : {"en", "zh"}, default "en"
        The language of the analyses' texts (``Settings.language`` of the sample account).

    Returns
    -------
    list of Path
    """
    from relgraph.datasets import sample
    from relgraph.locale import check_language

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with pd.option_context(
        "display.unicode.east_asian_width", True, "display.width", 120, "display.max_columns", 12
    ):
        net = sample().with_settings(language=check_language(lang))
        for title, step in STEPS:
            echo(f"\n== {title} ==")
            written += step(net, out, echo)
    echo(f"\nWrote {len(written)} file(s) to {out}/")
    return written
