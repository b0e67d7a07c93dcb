"""Commands that write files to share: ``map``, ``plan`` and ``export``.

Each leaves sensitive personal data out unless ``--include-sensitive`` is given, says what
it left out, and never writes over one of its inputs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from relgraph.cli.app import app
from relgraph.cli.common import check_outputs, load, resolve_opportunity, resolve_person, write_text
from relgraph.cli.options import (
    AsOf,
    Capacity,
    Debug,
    IncludeSensitive,
    Lang,
    Opportunity,
    PathArg,
    checked,
    h,
)
from relgraph.cli.output import Printer
from relgraph.cli.withheld import withheld
from relgraph.text import say

__all__ = ["export_cmd", "map_", "plan_cmd"]

_PERIODS = ("year", "half-year")
_FORMATS = ("gexf", "graphml", "json")


def _radius(value: int) -> int:
    from relgraph.checks import check_int

    return int(checked(check_int, "--radius", value, minimum=0))


def _period(value: str) -> str:
    from relgraph.checks import check_choice

    return str(checked(check_choice, "--period", value, _PERIODS))


def _format(value: str | None) -> str | None:
    from relgraph.checks import check_choice

    return (
        None if value is None else str(checked(check_choice, "--format", value.lower(), _FORMATS))
    )


@app.command("map", help=h("cli_help_map"))
def map_(
    path: PathArg,
    out: Annotated[Path, typer.Option("--out", help=h("cli_help_map_out"))] = Path("map.html"),
    opportunity: Opportunity = None,
    focus: Annotated[str | None, typer.Option("--focus", help=h("cli_help_focus"))] = None,
    radius: Annotated[
        int, typer.Option("--radius", help=h("cli_help_radius"), callback=_radius)
    ] = 2,
    include_sensitive: IncludeSensitive = False,
    as_of: AsOf = None,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """``relgraph map``: a self-contained interactive HTML map of the network."""
    from relgraph.viz.html import to_html

    check_outputs([out], [path])
    net = load(path, lang=lang, as_of=as_of)
    centre = None if focus is None else resolve_person(net, focus, "--focus")
    # the map needs an opportunity when the data has any (the only one, or -o)
    opp = resolve_opportunity(net, opportunity) if len(net.opportunities) else None
    m = to_html(
        net, opportunity=opp, focus=centre, radius=radius, include_sensitive=include_sensitive
    )
    write_text(out, m.html, [path])
    printer = Printer(net.settings.language)
    printer.say("cli_map_written", path=out, people=m.people, ties=m.ties)
    printer.notes(m.notes)


@app.command("plan", help=h("cli_help_plan"))
def plan_cmd(
    path: PathArg,
    xlsx: Annotated[Path, typer.Option("--xlsx", help=h("cli_help_xlsx"))],
    opportunity: Opportunity = None,
    html_out: Annotated[Path | None, typer.Option("--html", help=h("cli_help_html"))] = None,
    md: Annotated[Path | None, typer.Option("--md", help=h("cli_help_md"))] = None,
    period: Annotated[
        str, typer.Option("--period", help=h("cli_help_period"), callback=_period)
    ] = "year",
    capacity: Capacity = None,
    include_sensitive: IncludeSensitive = False,
    as_of: AsOf = None,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """``relgraph plan``: the yearly planning set as a workbook (and HTML, Markdown)."""
    from relgraph.plan import plan

    check_outputs([xlsx, html_out, md], [path])
    net = load(path, lang=lang, as_of=as_of)
    p = plan(
        net,
        resolve_opportunity(net, opportunity),
        capacity=capacity,
        period=period,  # type: ignore[arg-type]
        include_sensitive=include_sensitive,
    )
    printer = Printer(net.settings.language)
    written = [p.to_excel(xlsx)]
    if html_out is not None:
        written.append(write_text(html_out, p.to_html(), [path]))
    if md is not None:
        written.append(write_text(md, p.to_markdown(), [path]))
    word = say(f"cli_period_{period.replace('-', '_')}", lang=printer.lang)
    printer.say(
        "cli_plan_summary",
        opp=p.opportunity,
        period=word,
        as_of=p.as_of,
        people=len(p.status),
        targets=len(p.targets),
        actions=len(p.actions),
    )
    for file in written:
        printer.say("cli_wrote", path=file)
    printer.notes(p.notes)


@app.command("export", help=h("cli_help_export"))
def export_cmd(
    path: PathArg,
    format: Annotated[
        str, typer.Option("--format", help=h("cli_help_format"), callback=_format)
    ] = "gexf",
    out: Annotated[Path | None, typer.Option("--out", help=h("cli_help_export_out"))] = None,
    opportunity: Opportunity = None,
    include_sensitive: IncludeSensitive = False,
    as_of: AsOf = None,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """``relgraph export``: the network for Gephi/yEd (GEXF, GraphML) or as JSON."""
    from relgraph.export import export_graph, to_networkx

    target = out or Path(f"network.{format}")
    check_outputs([target], [path])
    net = load(path, lang=lang, as_of=as_of)
    opp = None if opportunity is None else resolve_opportunity(net, opportunity)
    written = export_graph(
        net,
        target,
        format=format,  # type: ignore[arg-type]
        opportunity=opp,
        include_sensitive=include_sensitive,
        inputs=[path],
    )
    g = to_networkx(net, opportunity=opp, include_sensitive=include_sensitive)
    printer = Printer(net.settings.language)
    printer.say(
        "cli_export_written", path=written, people=g.number_of_nodes(), ties=g.number_of_edges()
    )
    keep = withheld(net, include_sensitive=include_sensitive)
    printer.notes(n for n in [keep.note()] if n)
