"""The ``relgraph`` command line: validate data, run the demo, and the analyses."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from relgraph.errors import RelgraphError, ValidationError

__all__ = ["app", "main"]

app = typer.Typer(
    name="relgraph",
    help="Decision chains, hidden influencers, coverage gaps and introduction routes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PathArg = Annotated[Path, typer.Argument(help="A folder of CSV files or an .xlsx workbook.")]


def _table(frame: pd.DataFrame) -> str:
    with pd.option_context(
        "display.unicode.east_asian_width",
        True,
        "display.width",
        200,
        "display.max_colwidth",
        90,
        "display.max_rows",
        500,
    ):
        return frame.to_string(index=False)


def _width(text: str) -> int:
    """Terminal columns of ``text``: a Chinese (wide) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _problems_table(frame: pd.DataFrame) -> str:
    """Render validation problems as an aligned, left-justified table, one line each."""

    def cell(value: object) -> str:
        if value is None or value is pd.NA:
            return ""
        text = str(value)
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")

    rows = [list(frame.columns)] + [[cell(v) for v in r] for r in frame.itertuples(index=False)]
    widths = [max(_width(r[i]) for r in rows) for i in range(len(frame.columns) - 1)]
    return "\n".join(
        "  ".join(c + " " * (w - _width(c)) for c, w in zip(r[:-1], widths, strict=True))
        + "  "
        + r[-1]
        for r in rows
    )


def _load(path: Path):  # type: ignore[no-untyped-def]
    from relgraph.io import load

    try:
        return load(path)
    except ValidationError as err:
        typer.echo(f"{len(err.problems)} problem(s) in {path}:", err=True)
        typer.echo(_problems_table(err.frame()), err=True)
        raise typer.Exit(1) from err


@app.command()
def validate(path: PathArg) -> None:
    """Check a dataset; list every problem (exit 1) or print a summary (exit 0)."""
    from relgraph.io.read import ignored_inputs

    net = _load(path)
    typer.echo(f"OK: {path} is valid. {net!r}")
    typer.echo(net.summary().to_string())
    ignored = ignored_inputs(path)
    if ignored:
        typer.echo(f"note: not read, as they are not relgraph tables: {', '.join(ignored)}")


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the demo's outputs.")] = Path("demo-output"),
) -> None:
    """Run every analysis on the bundled sample account and write the outputs to OUT."""
    from relgraph.demo import run_demo

    run_demo(out, echo=typer.echo)


# -- influence commands
@app.command()
def influence(
    path: PathArg,
    opportunity: Annotated[
        str | None, typer.Option(help="Opportunity id (may be left out if there is one).")
    ] = None,
    top: Annotated[int, typer.Option(help="Rows of the leverage and hidden tables.")] = 10,
    include_sensitive: Annotated[
        bool, typer.Option(help="Name sensitive ties in the evidence.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Support index per party, top hidden influencers and the leverage table."""
    import json

    from relgraph.analysis.influence import hidden_influencers, leverage, support_index

    net = _load(path)
    opp = net.resolve_opportunity(opportunity)
    index = support_index(net, opp)
    hidden = hidden_influencers(net, opp, k=top, include_sensitive=include_sensitive)
    lev = leverage(net, opp).head(top)
    lev_cols = ["person", "name", "party", "roles", "attitude", "predicted", "leverage", "why"]
    hid_cols = ["rank", "person", "name", "leverage", "influences", "via", "why"]
    if as_json:
        out = {
            "opportunity": opp,
            "index": json.loads(index.to_json(orient="records", force_ascii=False)),
            "hidden_influencers": json.loads(hidden.to_json(orient="records", force_ascii=False)),
            "leverage": json.loads(lev.to_json(orient="records", force_ascii=False)),
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    typer.echo(f"Decision support index for {opp} (−3..+3 for us, 0..3 for competitors):")
    typer.echo(_table(index[["party", "name", "index", "supporters", "why"]].round(3)))
    typer.echo(f"\nTop hidden influencers in {opp}:")
    typer.echo(_table(hidden[hid_cols].round(3)) if len(hidden) else "(none)")
    typer.echo(f"\nLeverage (top {top}):")
    typer.echo(_table(lev[lev_cols].round(3)))


# -- routes commands
@app.command()
def routes(
    path: PathArg,
    to: Annotated[str, typer.Option("--to", help="The person to reach (id or name).")],
    from_: Annotated[
        str | None,
        typer.Option("--from", help="Start every route at this person (default: our team)."),
    ] = None,
    k: Annotated[int, typer.Option("-k", "--k", help="How many routes.")] = 3,
    include_sensitive: Annotated[
        bool, typer.Option(help="Use sensitive ties (family, faith, neighbour …).")
    ] = False,
    include_do_not_contact: Annotated[
        bool, typer.Option(help="Let routes pass through do-not-contact people.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Show the most reliable warm-introduction routes to a person, explained."""
    import json

    from relgraph.analysis.routes import connection_routes

    net = _load(path)
    rep = connection_routes(
        net,
        to,
        source=from_,
        k=k,
        include_sensitive=include_sensitive,
        include_do_not_contact=include_do_not_contact,
    )
    if as_json:
        out = {
            "target": rep.target,
            "source": rep.source,
            "max_hops": rep.max_hops,
            "excluded": rep.excluded,
            "single_point_of_failure": list(rep.single_point_of_failure or []),
            "routes": json.loads(rep.routes.to_json(orient="records", force_ascii=False)),
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    typer.echo(str(rep))
    typer.echo("")
    typer.echo(_table(rep.routes[["rank", "strength", "hops", "why"]].round(3)))


# -- coverage commands
@app.command("coverage")
def coverage_cmd(
    path: PathArg,
    opportunity: Annotated[
        str | None, typer.Option(help="Opportunity id (may be left out if there is one).")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option(help="Date to measure ages against, YYYY-MM-DD (default today).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Coverage gaps against competitors' supporters, the parties and the key people."""
    import json

    from relgraph.analysis.coverage import coverage

    net = _load(path)
    rep = coverage(net, opportunity, as_of=as_of)
    if as_json:

        def records(frame: pd.DataFrame) -> object:
            return json.loads(frame.to_json(orient="records", force_ascii=False, date_format="iso"))

        matrix = rep.matrix.copy()
        matrix.index = matrix.index.astype(str)
        out = {
            "opportunity": rep.opportunity,
            "as_of": rep.as_of.isoformat(),
            "gaps": records(rep.gaps),
            "summary": records(rep.summary),
            "matrix": json.loads(matrix.to_json(orient="index")),
            "people": records(rep.people.drop(columns=["faction"])),
            "notes": list(rep.notes),
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    typer.echo(repr(rep))
    typer.echo("\nGaps:")
    typer.echo(_table(rep.gaps[["rule", "severity", "person", "competitor", "why"]]))
    typer.echo("\nParties:")
    cols = ["party", "name", "index", "supporters", "power_share", "many", "deep", "long_years"]
    typer.echo(_table(rep.summary[cols].round(3)))
    typer.echo("\nLevel by level (our people × theirs):")
    typer.echo(rep.matrix.to_string())
    for note in rep.notes:
        typer.echo(f"note: {note}")


@app.command()
def targets(
    path: PathArg,
    opportunity: Annotated[
        str | None, typer.Option(help="Opportunity id (may be left out if there is one).")
    ] = None,
    capacity: Annotated[
        int | None, typer.Option(help="How many targets the team can take on.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Whom to work on next: targets by expected gain, with owners A/B, sponsor and route."""
    import json

    from relgraph.analysis.targets import recommend_targets

    net = _load(path)
    rec = recommend_targets(net, opportunity, capacity=capacity)
    if as_json:
        out = {
            "total_gain": rec.attrs["total_gain"],
            "unreachable": rec.attrs["unreachable"],
            "targets": json.loads(rec.to_json(orient="records", force_ascii=False)),
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    cols = ["rank", "person", "name", "objective", "gain", "owner_a", "owner_b", "sponsor"]
    typer.echo(_table(rec[cols].round(4)))
    typer.echo("\nWhy:")
    for r in rec.itertuples(index=False):
        typer.echo(f"{r.rank}. {r.person}: {r.why}")


# -- interactions commands
@app.command()
def activity(
    path: PathArg,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Reference date YYYY-MM-DD (default: last touchpoint)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    plot: Annotated[
        Path | None,
        typer.Option("--plot", help="Also draw the touchpoints over time to this .png/.svg/.pdf."),
    ] = None,
) -> None:
    """Relationship strength, last contact and customer issues from the interactions log."""
    import json

    from relgraph.analysis.interactions import (
        customer_issues,
        last_contact,
        relationship_strength,
    )
    from relgraph.text import say

    net = _load(path)
    if len(net.interactions) == 0:
        typer.echo(say("int_cli_empty", path=path), err=True)
        raise typer.Exit(1)
    try:
        strength = relationship_strength(net, as_of=as_of)
        last = last_contact(net, as_of=as_of)
        issues = customer_issues(net, as_of=as_of)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--as-of") from err
    day = pd.Timestamp(as_of if as_of else net.interactions["date"].max()).date()
    if plot is not None:
        from matplotlib.figure import Figure

        from relgraph.viz.activity import plot_touchpoints

        fig = Figure(figsize=(11, 7), layout="constrained")
        plot_touchpoints(net, ax=fig.add_subplot())
        fig.savefig(plot, dpi=150)
        typer.echo(say("int_cli_plot", path=plot), err=True)
    if as_json:
        out = {
            "as_of": day.isoformat(),
            **{
                name: json.loads(
                    frame.to_json(orient="records", force_ascii=False, date_format="iso")
                )
                for name, frame in [
                    ("strength", strength),
                    ("last_contact", last),
                    ("issues", issues),
                ]
            },
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    typer.echo(say("int_cli_strength", as_of=day.isoformat()))
    cols = ["our_person", "their_person", "their_name", "touchpoints", "first_contact"]
    cols += ["last_contact", "reciprocity", "strength", "ties"]
    typer.echo(_table(strength[cols].round({"reciprocity": 3, "strength": 3})))
    typer.echo("\n" + say("int_cli_last"))
    cols = ["person", "name", "level", "last_contact", "days_since", "stale", "by"]
    typer.echo(_table(last[cols]))
    typer.echo("\n" + say("int_cli_issues"))
    cols = ["issue", "status", "opened", "age_days", "overdue", "owner", "people"]
    typer.echo(_table(issues[cols]))
    for ref, why in zip(issues["issue"].tolist(), issues["why"].tolist(), strict=True):
        typer.echo(f"- {ref or '(no ref)'}: {why}")


# -- maps commands
@app.command("map")
def map_(
    path: PathArg,
    out: Annotated[Path, typer.Option("--out", help="Where to write the HTML map.")] = Path(
        "map.html"
    ),
    opportunity: Annotated[
        str | None, typer.Option(help="Opportunity id (needed when there are several).")
    ] = None,
    focus: Annotated[
        str | None, typer.Option(help="Draw only this person's ego network (id or name).")
    ] = None,
    radius: Annotated[int, typer.Option(help="Ties away from --focus to include.")] = 2,
    include_sensitive: Annotated[
        bool, typer.Option(help="Put sensitive ties (family, faith, neighbour …) in the map.")
    ] = False,
) -> None:
    """Write a self-contained interactive HTML map of the network (opens offline)."""
    from relgraph.viz.html import to_html

    net = _load(path)
    m = to_html(
        net,
        out,
        opportunity=opportunity,
        focus=focus,
        radius=radius,
        include_sensitive=include_sensitive,
    )
    typer.echo(f"Wrote {out}: {m.people} people, {m.ties} ties.")
    for note in m.notes:
        typer.echo(note)


# -- planning commands
@app.command("plan")
def plan_cmd(
    path: PathArg,
    xlsx: Annotated[Path, typer.Option("--xlsx", help="Where to write the workbook.")],
    opportunity: Annotated[
        str | None, typer.Option(help="Opportunity id (may be left out if there is one).")
    ] = None,
    html_out: Annotated[
        Path | None, typer.Option("--html", help="Also write a self-contained HTML page.")
    ] = None,
    md: Annotated[Path | None, typer.Option("--md", help="Also write Markdown.")] = None,
    period: Annotated[str, typer.Option(help="Planning cycle: year or half-year.")] = "year",
    as_of: Annotated[
        str | None, typer.Option(help="Start of the cycle, YYYY-MM-DD (default today).")
    ] = None,
    capacity: Annotated[
        int | None, typer.Option(help="How many targets the team can work on.")
    ] = None,
    include_sensitive: Annotated[
        bool, typer.Option(help="Keep sensitive ties and the people known only through them.")
    ] = False,
) -> None:
    """Write the yearly planning set (status, targets, actions, cards) as a workbook."""
    from relgraph.plan import plan

    net = _load(path)
    p = plan(
        net,
        opportunity,
        capacity=capacity,
        period=period,  # type: ignore[arg-type]
        as_of=as_of,
        include_sensitive=include_sensitive,
    )
    typer.echo(f"{p!r}\nWrote {p.to_excel(xlsx)}")
    if html_out is not None:
        p.to_html(html_out)
        typer.echo(f"Wrote {html_out}")
    if md is not None:
        md.parent.mkdir(parents=True, exist_ok=True)
        md.write_text(p.to_markdown(), encoding="utf-8")
        typer.echo(f"Wrote {md}")
    for note in p.notes:
        typer.echo(f"note: {note}")


@app.command("diff")
def diff_cmd(
    old: Annotated[Path, typer.Argument(help="The earlier snapshot (folder or .xlsx).")],
    new: Annotated[Path, typer.Argument(help="The later snapshot (folder or .xlsx).")],
    opportunity: Annotated[
        str | None, typer.Option(help="Compare this opportunity only (default: all).")
    ] = None,
    old_date: Annotated[str | None, typer.Option(help="Date of OLD, YYYY-MM-DD.")] = None,
    new_date: Annotated[str | None, typer.Option(help="Date of NEW, YYYY-MM-DD.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Show what changed between two snapshots of an account (key positions first)."""
    import json

    from relgraph.analysis.monitor import diff

    for p in (old, new):
        if not p.exists():
            typer.echo(f"error: {p} does not exist", err=True)
            raise typer.Exit(2)
    d = diff(
        _load(old),
        _load(new),
        opportunity=opportunity,
        old_date=old_date or _dated(old),
        new_date=new_date or _dated(new),
    )
    if as_json:
        out = {
            "narrative": d.narrative,
            "changes": json.loads(
                d.changes.to_json(orient="records", force_ascii=False, date_format="iso")
            ),
            "index": json.loads(d.index.to_json(orient="records", force_ascii=False)),
            "note": d.note,
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    typer.echo(d.narrative)
    if len(d.changes):
        typer.echo("")
        cols = ["kind", "person", "label", "opportunity", "before", "after", "date"]
        shown = d.changes[cols].assign(date=d.changes["date"].dt.strftime("%Y-%m-%d"))
        typer.echo(_table(shown.fillna("")))


def _dated(path: Path) -> str | None:
    import re

    return path.name if re.fullmatch(r"\d{4}-\d{2}-\d{2}", path.name) else None


@app.command("tier")
def tier_cmd(
    accounts: Annotated[
        Path,
        typer.Argument(
            help="CSV: account, current_value, future_potential, strategic_fit (0..5), name."
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Grade customers S/A/B/C from current value, future potential and strategic fit."""
    from relgraph.analysis.tiering import tier_customers

    try:
        frame = pd.read_csv(accounts, dtype={"account": str})
    except (OSError, ValueError) as err:
        typer.echo(f"error: cannot read {accounts}: {err}", err=True)
        raise typer.Exit(2) from err
    t = tier_customers(frame)
    if as_json:
        typer.echo(t.to_json(orient="records", force_ascii=False, indent=2))
        return
    typer.echo(_table(t.drop(columns=["why"]).round(3)))
    for r in t.itertuples(index=False):
        typer.echo(f"- {r.account}: {r.why}")


# -- interop commands
import_app = typer.Typer(help="Import CRM exports into relgraph tables.", no_args_is_help=True)
app.add_typer(import_app, name="import")


@app.command("export")
def export_cmd(
    path: PathArg,
    format: Annotated[str, typer.Option(help="gexf, graphml or json.")] = "gexf",
    out: Annotated[Path | None, typer.Option(help="Output file (default: network.FORMAT).")] = None,
    opportunity: Annotated[
        str | None, typer.Option(help="Add roles, power and leverage for this opportunity.")
    ] = None,
    include_sensitive: Annotated[
        bool, typer.Option(help="Include family/faith/neighbour and other sensitive ties.")
    ] = False,
) -> None:
    """Export the network for Gephi/yEd (GEXF, GraphML) or as node-link JSON."""
    from relgraph.export import export_graph, to_networkx

    net = _load(path)
    target = out or Path(f"network.{format.lower()}")
    written = export_graph(
        net,
        target,
        format=format.lower(),  # type: ignore[arg-type]
        opportunity=opportunity,
        include_sensitive=include_sensitive,
    )
    g = to_networkx(net, opportunity=opportunity, include_sensitive=include_sensitive)
    typer.echo(f"Wrote {written} ({g.number_of_nodes()} people, {g.number_of_edges()} ties).")
    typer.echo(g.graph["note"])


@import_app.command("salesforce")
def import_salesforce_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder with Contact.csv, Account.csv, ….")],
    out: Annotated[Path, typer.Option(help="Output: a folder (CSV files) or a .xlsx file.")],
    us_name: Annotated[str, typer.Option(help="Name of our own org.")] = "Our company",
) -> None:
    """Import a Salesforce export; write relgraph tables and list what did not map."""
    from relgraph.io.salesforce import import_salesforce

    try:
        result = import_salesforce(folder, us_name=us_name)
    except ValidationError as err:
        typer.echo(_table(err.frame()), err=True)
        raise typer.Exit(1) from err
    net = result.network
    written = net.to_excel(out) if out.suffix.lower() == ".xlsx" else net.to_csv(out)
    typer.echo(f"Imported {net!r} → {written}")
    if len(result.report):
        typer.echo(f"{len(result.report)} value(s) did not map one-to-one:")
        typer.echo(_table(result.report))


def _printable_output() -> None:
    """Let stdout and stderr print Chinese names (and −, →) whatever the locale says.

    A stream whose encoding cannot hold them (``LANG=C`` on old systems, a Windows code
    page, ``PYTHONIOENCODING=latin-1``) is switched to UTF-8; any stream replaces a
    character it cannot encode instead of crashing half-way through a report.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            "方华 −→↔…".encode(getattr(stream, "encoding", None) or "ascii")
        except (UnicodeEncodeError, LookupError):
            reconfigure(encoding="utf-8", errors="replace")
        else:
            reconfigure(errors="replace")


def main() -> None:
    """Entry point of the ``relgraph`` console script."""
    _printable_output()
    try:
        app()
    except RelgraphError as err:
        typer.echo(f"error: {err}", err=True)
        raise SystemExit(2) from err


if __name__ == "__main__":
    main()
