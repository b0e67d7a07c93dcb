"""The decision chain of one opportunity as a graph: roles, reporting lines and hidden sway."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from relgraph.analysis.influence.hidden import ties_between
from relgraph.analysis.influence.model import _position, model
from relgraph.analysis.influence.support import power
from relgraph.text import TERMS, say, term
from relgraph.views import TIE_KINDS
from relgraph.vocab import Stage

if TYPE_CHECKING:
    import networkx as nx

    from relgraph.network import RelationshipNetwork

__all__ = ["decision_chain"]


def _value(x: Any) -> Any:
    """Plain Python value of a table cell (None for NA)."""
    if x is None:
        return None
    try:
        if x != x:  # NaN, NA
            return None
    except (TypeError, ValueError):
        return None
    return x.item() if isinstance(x, np.generic) else x


def decision_chain(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    include_sensitive: bool = False,
) -> nx.DiGraph:
    """Build the decision chain of an opportunity as a directed graph.

    Parameters
    ----------
    net : RelationshipNetwork
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    include_sensitive : bool
        Keep hidden edges carried only by sensitive ties (family, faith, neighbour or
        marked sensitive). When False (the default) they are left out and counted in
        ``G.graph["withheld"]``.

    Returns
    -------
    networkx.DiGraph
        Nodes are person ids. Every node has ``label``, ``title``, ``level`` (1 = board …
        5 = staff, or None), ``attitude`` (None when blank), ``supports``, ``party`` and
        ``hidden`` (False for role holders). Role holders also have ``roles`` (list, most
        powerful first), ``role`` (the most powerful), ``power`` (largest power),
        ``stages`` (list) and ``stage`` (the stage of the most powerful role, or None).
        Hidden influencers (people without a role who sway a role holder directly, not
        our or competitor staff) have ``hidden=True`` and ``power=0``.

        Edges have ``kind``: ``"formal"`` for a ``reports_to`` line between two role
        holders (from the report to the boss, as in the ties table), ``"hidden"`` from a
        hidden influencer to the role holder they sway, with ``weight`` (the share of the
        role holder's attention, ``W[target, source]``) and ``ties`` (tie kinds).

        ``G.graph`` holds ``opportunity``, ``stages`` (dict: every stage in order need →
        specification → evaluation → decision → approval → purchase, to the list of
        people acting at it; people whose role has no stage under ``"unstaged"``),
        ``flow`` (the same as one line of text) and ``withheld`` (sensitive hidden edges
        left out).

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.

    Notes
    -----
    Hidden edges come from the influence model (:func:`relgraph.influence_matrix`):
    ``u → v`` when ``W[v, u] > 0``, ``u`` holds no role and ``v`` does.

    References
    ----------
    .. [1] F. E. Webster and Y. Wind, "A general model for understanding organizational
       buying behavior", Journal of Marketing 36(2):12–19, 1972.

    Examples
    --------
    >>> import relgraph as rg
    >>> G = decision_chain(rg.datasets.tiny())
    >>> sorted(G.nodes), G.nodes["p1"]["role"], G.nodes["p4"]["hidden"]
    (['p1', 'p2', 'p3', 'p4'], 'decider', True)
    >>> sorted((u, v, d["kind"]) for u, v, d in G.edges(data=True))
    [('p2', 'p1', 'formal'), ('p3', 'p2', 'formal'), ('p4', 'p1', 'hidden')]
    """
    import networkx as nx

    m = model(net)
    opp, p, roles = power(net, opportunity)
    people = net.people
    ids = net.person_ids
    g = nx.DiGraph()

    cols = {
        "label": net.labels.to_numpy(dtype=object),
        "title": people["title"].to_numpy(dtype=object),
        "level": people["level"].to_numpy(dtype=object),
        "attitude": people["attitude"].to_numpy(dtype=object),
        "supports": people["supports"].to_numpy(dtype=object),
        "party": net.party.to_numpy(dtype=object),
    }

    def base_attrs(i: int) -> dict[str, Any]:
        out = {k: _value(v[i]) for k, v in cols.items()}
        out["supports"] = out["supports"] or None
        return out

    ordered = roles.sort_values(["power", "role"], ascending=[False, True], kind="mergesort")
    mine: dict[str, list[tuple[str, float, Any]]] = {}
    for pid, role, pw, stage in zip(
        ordered["person"].tolist(),
        ordered["role"].astype(str).tolist(),
        ordered["power"].tolist(),
        ordered["stage"].tolist(),
        strict=True,
    ):
        mine.setdefault(str(pid), []).append((role, float(pw), _value(stage)))
    holders = list(mine)
    for pid, held in mine.items():
        g.add_node(
            pid,
            **base_attrs(_position(net, pid)),
            hidden=False,
            roles=list(dict.fromkeys(r for r, _, _ in held)),
            role=held[0][0],
            power=max(pw for _, pw, _ in held),
            stages=list(dict.fromkeys(str(st) for _, _, st in held if st)),
            stage=held[0][2] or None,
        )
    # formal reporting lines between role holders
    idv = ids.to_numpy(dtype=object)
    hold = p > 0
    u, v = net.endpoints()
    rep = (net.tie_kind_codes() == TIE_KINDS.index("reports_to")) & hold[u] & hold[v]
    for a, b in zip(u[rep].tolist(), v[rep].tolist(), strict=True):
        g.add_edge(idv[a], idv[b], kind="formal", ties=["reports_to"])
    # hidden sway into the chain: W[j, c] > 0 with j a role holder, c holding no role
    withheld = 0
    sub = m.W[np.flatnonzero(hold)].tocoo()
    listener = np.flatnonzero(hold)[sub.row]
    keep = ~hold[sub.col] & ~m.outside[sub.col] & (sub.col != listener)
    pairs = sorted(
        zip(sub.col[keep].tolist(), listener[keep].tolist(), sub.data[keep].tolist(), strict=True)
    )  # by candidate position, as the network lists people
    for c, j, w in pairs:
        ties = ties_between(net, c, j)
        shown = [t for t in ties if include_sensitive or not t[3]]
        if not shown:
            withheld += 1
            continue
        src = idv[c]
        if src not in g:
            g.add_node(src, **base_attrs(c), hidden=True, roles=[], role=None,
                       power=0.0, stages=[], stage=None)  # fmt: skip
        g.add_edge(
            src,
            idv[j],
            kind="hidden",
            weight=float(w),
            ties=list(dict.fromkeys(t[0] for t in shown)),
        )
    flow: dict[str, list[str]] = {str(st): [] for st in Stage}
    flow["unstaged"] = []
    for pid in holders:
        stages = g.nodes[pid]["stages"] or ["unstaged"]
        for st in stages:
            flow[st].append(pid)
    g.graph["opportunity"] = opp
    g.graph["stages"] = flow
    g.graph["flow"] = _flow_text(flow, net.settings.language)
    g.graph["withheld"] = withheld
    return g


def _flow_text(flow: dict[str, list[str]], lang: str) -> str:
    """Say the chain stage by stage: ``need: C015 → specification: C029, C008 …``."""
    return " → ".join(
        say(
            "chain_flow",
            stage=term("stage", st, lang=lang)
            if st in TERMS["stage"]
            else say("viz_stage_none", lang=lang),
            people=", ".join(ps) or "–",
            lang=lang,
        )
        for st, ps in flow.items()
        if st != "unstaged" or ps
    )
