"""``relgraph influence``: the support index, hidden influencers and leverage."""

from __future__ import annotations

from relgraph.cli.app import app
from relgraph.cli.common import load, resolve_opportunity
from relgraph.cli.options import (
    AsOf,
    Debug,
    IncludeSensitive,
    Json,
    Lang,
    Opportunity,
    PathArg,
    Top,
    h,
)
from relgraph.cli.output import Printer, echo_json, records
from relgraph.cli.withheld import withheld

__all__ = ["influence"]


@app.command(help=h("cli_help_influence"))
def influence(
    path: PathArg,
    opportunity: Opportunity = None,
    top: Top = 10,
    include_sensitive: IncludeSensitive = False,
    as_json: Json = False,
    as_of: AsOf = None,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """``relgraph influence``: who sways the decision, and how much of it moves with whom."""
    from relgraph.analysis.influence import hidden_influencers, leverage, support_index

    net = load(path, lang=lang, as_of=as_of)
    opp = resolve_opportunity(net, opportunity)
    keep = withheld(net, include_sensitive=include_sensitive)
    index = support_index(net, opp)
    hidden = hidden_influencers(net, opp, k=top, include_sensitive=include_sensitive)
    lev = keep.rows(leverage(net, opp, include_sensitive=include_sensitive)).head(top)
    if as_json:
        echo_json(
            {
                "opportunity": opp,
                "index": records(index),
                "hidden_influencers": records(hidden),
                "leverage": records(lev),
                "sensitive": keep.summary(),
            }
        )
        return
    out = Printer(net.settings.language)
    out.say("cli_index_head", opp=opp)
    out.table(index, ["party", "name", "index", "supporters"], details="why", label=())
    out.blank()
    out.say("cli_hidden_head", opp=opp)
    out.table(hidden, ["rank", "person", "name", "leverage"], details="why", label=["person"])
    out.blank()
    out.say("cli_leverage_head", top=top)
    lev_cols = ["person", "name", "party", "roles", "attitude", "predicted", "leverage"]
    out.table(lev, lev_cols, details="why")
    out.notes(n for n in [keep.note()] if n)
