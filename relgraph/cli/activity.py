"""``relgraph activity``: tie strength, last contact and open issues from the touchpoint log."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from relgraph.checks import invalid
from relgraph.cli.app import app
from relgraph.cli.common import check_outputs, load
from relgraph.cli.options import AsOf, Debug, IncludeSensitive, Json, Lang, PathArg, h
from relgraph.cli.output import Printer, echo_json, records
from relgraph.cli.withheld import withheld
from relgraph.text import message, say

__all__ = ["activity"]


_PLOT_TYPES = (".png", ".svg", ".pdf")


def _plot_file(value: Path | None) -> Path | None:
    """Check, while parsing, that ``--plot`` names a file type matplotlib writes here."""
    if value is not None and value.suffix.lower() not in _PLOT_TYPES:
        err = invalid("--plot", str(value), message("cli_plot_types"))
        raise typer.BadParameter(str(err)) from err
    return value


def _plot(net: object, plot: Path, path: Path) -> None:
    """Draw the touchpoints over time to ``plot`` (written atomically, never over an input)."""
    from matplotlib.figure import Figure

    from relgraph.io.files import atomic_path
    from relgraph.viz.activity import plot_touchpoints

    fig = Figure(figsize=(11, 7), layout="constrained")
    plot_touchpoints(net, ax=fig.add_subplot())  # type: ignore[arg-type]
    with atomic_path(plot, inputs=[path]) as tmp:
        fig.savefig(tmp, dpi=150)


@app.command(help=h("cli_help_activity"))
def activity(
    path: PathArg,
    as_of: AsOf = None,
    as_json: Json = False,
    plot: Annotated[
        Path | None, typer.Option("--plot", help=h("cli_help_plot"), callback=_plot_file)
    ] = None,
    include_sensitive: IncludeSensitive = False,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """``relgraph activity``: what the interactions log says about each relationship."""
    from relgraph.analysis.interactions import last_contact, relationship_strength
    from relgraph.analysis.issues import customer_issues

    check_outputs([plot], [path])
    net = load(path, lang=lang, as_of=as_of)
    out = Printer(net.settings.language)
    if len(net.interactions) == 0:
        out.say("int_cli_empty", err=True, path=path)
        raise typer.Exit(1)
    keep = withheld(net, include_sensitive=include_sensitive)
    strength = keep.rows(relationship_strength(net), ("our_person", "their_person"))
    last = keep.rows(last_contact(net))
    issues = keep.rows(customer_issues(net), ("people",))
    if plot is not None:
        _plot(net, plot, path)
        out.say("int_cli_plot", err=True, path=plot)
    if as_json:
        echo_json(
            {
                "as_of": net.as_of.isoformat(),
                "strength": records(strength),
                "last_contact": records(last),
                "issues": records(issues),
                "sensitive": keep.summary(),
            }
        )
        return
    out.say("int_cli_strength", as_of=net.as_of.isoformat())
    cols = ["our_person", "their_person", "their_name", "touchpoints", "last_contact"]
    out.table(strength, [*cols, "reciprocity", "strength", "ties"])
    out.blank()
    out.say("int_cli_last")
    out.table(last, ["person", "name", "level", "last_contact", "days_since", "stale", "by"])
    out.blank()
    out.say("int_cli_issues")
    cols = ["issue", "status", "opened", "age_days", "overdue", "owner", "people"]
    no_ref = say("cli_no_ref", lang=out.lang)
    issues = issues.assign(issue=issues["issue"].map(lambda v: v or no_ref))
    out.table(issues, cols, details="why", label=["issue"])
    out.notes(n for n in [keep.note()] if n)
