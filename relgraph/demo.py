"""The demo: run every analysis on the bundled sample account and write the outputs.

``relgraph demo --out DIR`` calls :func:`run_demo`. Each step is a small function that
prints a few lines and may write files; later features add a step to :data:`STEPS`. Every
line it prints is a template of :mod:`relgraph.text`, in the network's language
(``run_demo(lang="zh")`` prints and writes everything in Chinese).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from relgraph.io.files import atomic_path, atomic_write_text
from relgraph.io.write import write_csv, write_excel
from relgraph.locale import check_language
from relgraph.network import RelationshipNetwork
from relgraph.privacy import shared_tables
from relgraph.text import say, term

__all__ = ["STEPS", "run_demo"]

Echo = Callable[[str], None]


def _save(fig: Any, path: Path) -> Path:
    """Save a figure atomically (see :func:`relgraph.io.files.atomic_path`)."""
    with atomic_path(path) as tmp:
        fig.savefig(tmp, dpi=110)
    return path


def _say(net: RelationshipNetwork, key: str, **values: Any) -> str:
    return say(key, lang=net.settings.language, **values)


def _step_load(net: RelationshipNetwork, out: Path, echo: Echo) -> list[Path]:
    lang = net.settings.language
    echo(_say(net, "demo_loaded", people=net.n_people, orgs=len(net.orgs), ties=len(net.ties)))
    for name, n in net.summary().items():
        table, _, party = str(name).partition(" (")
        what = term("table", table, lang=lang)
        if party:
            what = _say(
                net, "demo_people_of", people=what, party=term("party", party[:-1], lang=lang)
            )
        echo(_say(net, "demo_count", what=what, n=int(n)))
    # A shareable copy: sensitive ties and the people known only through them left out,
    # and its `notes` sheet says so.
    tables = shared_tables(net)
    inputs = [] if net.source.startswith("<") else [net.source]
    path = write_excel(tables, out / "sample_account.xlsx", inputs=inputs)
    echo(_say(net, "demo_workbook", path=path))
    for note in tables["notes"]["note"]:
        echo(f"  {note}")
    return [path]


# -- influence step
def _step_influence(net: RelationshipNetwork, out: Path, echo: Echo) -> list[Path]:
    from relgraph.analysis.influence import hidden_influencers, leverage, support_index

    index = support_index(net, "OPP-1")
    echo(_say(net, "demo_index", opp="OPP-1"))
    for why in index["why"]:
        echo(f"  {why}")
    hidden = hidden_influencers(net, "OPP-1", k=5)
    echo(_say(net, "demo_hidden", opp="OPP-1"))
    for row in hidden.itertuples():
        echo(
            _say(
                net,
                "demo_hidden_row" if row.person else "demo_hidden_row_withheld",
                rank=row.rank,
                name=row.name,
                person=row.person,
                leverage=row.leverage,
                why=row.why,
            )
        )
    lev = leverage(net, "OPP-1")
    path = write_csv(lev, out / "leverage_OPP-1.csv")
    echo(_say(net, "demo_leverage", opp="OPP-1", path=path))
    if lev.attrs["withheld_note"]:
        echo(f"  {lev.attrs['withheld_note']}")
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
    echo("\n" + _say(net, "demo_bulk_routes", opp=opp))
    for row in bulk.itertuples(index=False):
        echo(_say(net, "demo_row", name=row.name, id=row.target, why=row.why))
    path = write_csv(bulk, out / "routes_opp1.csv")
    echo(_say(net, "demo_routes_file", path=path))
    return [path]


#: Targets the sample team takes on in the cycle: the coverage step and the plan use the same.
CAPACITY = 10


# -- coverage step
def _step_coverage(net: RelationshipNetwork, out: Path, echo: Echo) -> list[Path]:
    from relgraph.analysis.coverage import coverage
    from relgraph.analysis.targets import recommend_targets

    lang = net.settings.language
    # The sample account's story is set on 2026-11-15 (docs/sample-account.md).
    rep = coverage(net, "OPP-1", as_of="2026-11-15")
    echo(_say(net, "cov_title", opportunity=rep.opportunity, as_of=rep.as_of))
    echo(_say(net, "demo_high_gaps"))
    for g in rep.gaps[rep.gaps["severity"].eq("high")].itertuples(index=False):
        echo(f"- [{term('gap_rule', g.rule, lang=lang)}] {g.why}")
    counts = rep.gaps["rule"].value_counts()
    listed = [f"{term('gap_rule', r, lang=lang)} {int(n)}" for r, n in counts.items()]
    echo(_say(net, "demo_other_gaps", counts=_say(net, "list_sep").join(listed)))
    echo(_say(net, "cli_level_matrix"))
    echo(rep.matrix.rename_axis(index=None, columns=None).to_string())
    rec = recommend_targets(net, "OPP-1", capacity=CAPACITY)
    echo(_say(net, "demo_targets", capacity=CAPACITY))
    for row in rec.itertuples(index=False):
        echo(_target_line(net, row))
    hidden = set(rep.people.loc[rep.people["hidden"], "person"])
    picked = [p for p in rec["person"] if p in hidden]
    echo(_say(net, "demo_hidden_targets", people=", ".join(picked) or _say(net, "demo_none")))
    path = write_csv(rep.gaps, out / "coverage_gaps.csv")
    path2 = write_csv(rec, out / "targets.csv")
    echo(_say(net, "demo_gaps_written", gaps=path, targets=path2))
    return [path, path2]


def _target_line(net: RelationshipNetwork, row: Any) -> str:
    """One recommended target: rank, who, objective, gain and the people on it."""
    none = _say(net, "tgt_no_b")
    people = _say(
        net,
        "tgt_why_people",
        a=net.label(row.owner_a) if row.owner_a else none,
        b=net.label(row.owner_b) if row.owner_b else none,
        sponsor=net.label(row.sponsor) if row.sponsor else _say(net, "tgt_no_sponsor"),
    )
    return _say(
        net,
        "demo_target_row" if row.reach > 0 else "demo_target_row_new_way",
        rank=row.rank,
        name=row.name,
        person=row.person,
        objective=term("objective", row.objective, lang=net.settings.language),
        gain=row.gain,
        people=people,
    )


# -- interactions step
def _step_interactions(net: RelationshipNetwork, out: Path, echo: Echo) -> list[Path]:
    from matplotlib.figure import Figure

    from relgraph.analysis.interactions import (
        last_contact,
        relationship_strength,
    )
    from relgraph.analysis.issues import customer_issues
    from relgraph.viz.activity import plot_touchpoints

    strength = relationship_strength(net)
    last = last_contact(net)
    issues = customer_issues(net)
    customers = last[last["person"].isin(net.person_ids[net.party.eq("customer").to_numpy()])]
    echo(
        _say(
            net,
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
        echo(_say(net, "int_demo_ceo", line=line))
    for r in issues[issues["status"].eq("open")].itertuples(index=False):
        echo(_say(net, "demo_open_issue", issue=r.issue, why=r.why))
    from relgraph.io.excel_format import write_workbook

    sheets = {"strength": strength, "last_contact": last, "issues": issues}
    path = write_workbook(out / "interactions.xlsx", sheets)
    fig = Figure(figsize=(11, 7), layout="constrained")
    plot_touchpoints(net, ax=fig.add_subplot())
    png = _save(fig, out / "touchpoints.png")
    echo(_say(net, "demo_interactions_written", path=path, png=png))
    return [path, png]


# -- maps step
def _step_maps(net: RelationshipNetwork, out: Path, echo: Echo) -> list[Path]:
    from matplotlib.figure import Figure

    from relgraph.analysis.routes import connection_routes
    from relgraph.viz.html import to_html
    from relgraph.viz.plots import plot_coverage, plot_decision_chain, plot_power_map, plot_route

    m = to_html(net, opportunity="OPP-1")
    atomic_write_text(out / "map.html", m.html)
    echo(_say(net, "demo_map", path=out / "map.html", people=m.people, ties=m.ties))
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
    echo(_say(net, "demo_plots", paths=", ".join(str(out / name) for name, _, _ in plots)))
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
    echo(_say(net, "plan_title", opportunity=p.opportunity))
    echo(_say(net, "demo_plan", xlsx=xlsx, html=html_path))
    for note in p.notes:
        echo(f"  {note}")
    snaps = snapshots()
    (old_date, old), (new_date, new) = list(snaps.items())[0], list(snaps.items())[-1]
    d = diff(old, _like(net, new), old_date=old_date, new_date=new_date)
    echo("\n" + _say(net, "demo_diff", old=old_date, new=new_date))
    echo(d.narrative)
    history = load_history({k: _like(net, v) for k, v in snaps.items()}, opportunity="OPP-1")
    fig = Figure(figsize=(7, 4), layout="constrained")
    plot_trend(history, opportunity="OPP-1", ax=fig.add_subplot())
    trend = _save(fig, out / "support_trend.png")
    echo(_say(net, "demo_trend", path=trend))
    return [xlsx, html_path, trend]


def _like(net: RelationshipNetwork, snapshot: Path) -> RelationshipNetwork:
    """Load a snapshot with the demo network's settings (its language included)."""
    from relgraph.loading import load

    return load(snapshot, settings=net.settings)


#: Demo steps in order: (title template, function(net, out_dir, echo) -> files written).
STEPS: list[tuple[str, Callable[[RelationshipNetwork, Path, Echo], list[Path]]]] = [
    ("demo_step_load", _step_load),
    # -- steps list (append your step in order: influence, routes, coverage, interactions, maps)
    ("demo_step_influence", _step_influence),
    ("demo_step_routes", _step_routes),
    ("demo_step_coverage", _step_coverage),
    ("demo_step_interactions", _step_interactions),
    ("demo_step_maps", _step_maps),
    ("demo_step_planning", _step_planning),
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
        The language of everything the demo prints and writes (``Settings.language``).

    Returns
    -------
    list of Path

    Raises
    ------
    relgraph.errors.InvalidParameterError
        For a language that is not shipped.
    """
    from relgraph.datasets import sample

    net = sample().with_settings(language=check_language(lang))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with pd.option_context(
        "display.unicode.east_asian_width", True, "display.width", 120, "display.max_columns", 12
    ):
        for title, step in STEPS:
            echo(f"\n== {_say(net, title)} ==")
            written += step(net, out, echo)
    echo("\n" + _say(net, "demo_wrote", n=len(written), folder=out))
    return written
