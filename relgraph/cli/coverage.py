"""``relgraph coverage`` and ``relgraph targets``: where we are weak, whom to work on next."""

from __future__ import annotations

import json

import pandas as pd

from relgraph.cli.app import app
from relgraph.cli.common import load, resolve_opportunity, with_names
from relgraph.cli.options import (
    AsOf,
    Capacity,
    Debug,
    IncludeSensitive,
    Json,
    Lang,
    Opportunity,
    PathArg,
    h,
)
from relgraph.cli.output import Printer, echo, echo_json, records, render_table
from relgraph.cli.withheld import withheld
from relgraph.text import say

__all__ = ["coverage_cmd", "targets"]


def _matrix(matrix: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the level-by-level matrix as a table: our level down, their level across."""
    table = matrix.copy()
    table.columns = [str(c) for c in table.columns]
    table.insert(0, say("cli_matrix_corner", lang=lang), [str(i) for i in matrix.index])
    return table.reset_index(drop=True)


@app.command("coverage", help=h("cli_help_coverage"))
def coverage_cmd(
    path: PathArg,
    opportunity: Opportunity = None,
    include_sensitive: IncludeSensitive = False,
    as_json: Json = False,
    as_of: AsOf = None,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """``relgraph coverage``: gaps rule by rule, the parties and the key people."""
    from relgraph.analysis.coverage import coverage

    net = load(path, lang=lang, as_of=as_of)
    keep = withheld(net, include_sensitive=include_sensitive)
    rep = coverage(net, resolve_opportunity(net, opportunity), include_sensitive=include_sensitive)
    gaps, people = keep.rows(rep.gaps), keep.rows(rep.people)
    if as_json:
        matrix = rep.matrix.copy()
        matrix.index = matrix.index.astype(str)
        echo_json(
            {
                "opportunity": rep.opportunity,
                "as_of": rep.as_of.isoformat(),
                "gaps": records(gaps),
                "summary": records(keep.rows(rep.summary)),
                "matrix": json.loads(matrix.to_json(orient="index")),
                "people": records(people.drop(columns=["faction"])),
                "notes": list(rep.notes),
                "sensitive": keep.summary(),
            }
        )
        return
    out = Printer(net.settings.language)
    count = gaps["severity"].value_counts()
    out.say(
        "cli_coverage_head",
        opp=rep.opportunity,
        as_of=rep.as_of.isoformat(),
        people=len(people),
        gaps=len(gaps),
        high=int(count.get("high", 0)),
        medium=int(count.get("medium", 0)),
        low=int(count.get("low", 0)),
    )
    out.blank()
    out.say("cli_gaps_head")
    out.table(
        gaps,
        ["rule", "severity", "person", "name", "competitor"],
        details="why",
        label=["rule", "person"],
    )
    out.blank()
    out.say("cli_parties_head")
    cols = ["party", "name", "index", "supporters", "power_share", "many", "deep", "long_years"]
    out.table(keep.rows(rep.summary), cols)
    out.blank()
    out.say("cli_level_matrix")
    echo(render_table(_matrix(rep.matrix, out.lang), lang=out.lang))
    out.notes([*rep.notes, *(n for n in [keep.note()] if n)])


@app.command(help=h("cli_help_targets"))
def targets(
    path: PathArg,
    opportunity: Opportunity = None,
    capacity: Capacity = None,
    include_sensitive: IncludeSensitive = False,
    as_json: Json = False,
    as_of: AsOf = None,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """``relgraph targets``: targets by expected gain, with owners A/B, sponsor and route."""
    from relgraph.analysis.targets import recommend_targets, target_candidates

    net = load(path, lang=lang, as_of=as_of)
    opp = resolve_opportunity(net, opportunity)
    keep = withheld(net, include_sensitive=include_sensitive)
    rec = keep.rows(
        recommend_targets(net, opp, capacity=capacity, include_sensitive=include_sensitive)
    )
    if as_json:
        cands = target_candidates(net, opp, include_sensitive=include_sensitive)
        unreachable = keep.people(cands.loc[cands["reach"] <= 0, "person"].astype(str))
        echo_json(
            {
                "opportunity": opp,
                "total_gain": float(rec["gain"].sum()),
                "unreachable": unreachable,
                "targets": records(rec),
                "sensitive": keep.summary(),
            }
        )
        return
    out = Printer(net.settings.language)
    cols = ["rank", "person", "name", "objective", "gain", "owner_a", "owner_b", "sponsor"]
    shown = with_names(net, rec, ["owner_a", "owner_b", "sponsor"], shown=cols, out=out)
    out.table(shown, cols, details="why", label=["rank", "person"], digits=4)
    out.notes(n for n in [keep.note()] if n)
