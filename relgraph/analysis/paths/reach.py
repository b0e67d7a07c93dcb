"""Team-wide reach: the best route from our whole team to everyone, in one search.

Shared by bulk routes, coverage (``route_strength``, ``route``) and the targets (reach), so a
person's best route is the same in every output.
"""

from __future__ import annotations

from relgraph.analysis.paths.graph import (
    AffiliationOpening,
    ContactGraph,
    RouteGraph,
    RouteRules,
    affiliation_overlay,
    route_graph,
)
from relgraph.analysis.paths.search import TeamReach, team_reach
from relgraph.network import RelationshipNetwork

__all__ = ["best_routes", "search_graph"]

Openings = dict[tuple[int, int], AffiliationOpening] | None


def search_graph(g: RouteGraph, affiliations: bool) -> tuple[ContactGraph, Openings]:
    """Return the graph a team-wide search runs on: real ties, plus openings when asked."""
    if affiliations and len(g.net.affiliations):
        overlay, openings = affiliation_overlay(g.net, g.rules)
        if openings:
            return overlay, openings
    return g.real, None


def best_routes(
    net: RelationshipNetwork, rules: RouteRules, *, affiliations: bool = True
) -> TeamReach:
    """Return the best route from our whole team to everyone (one search, cached).

    Shared affiliations count as openings (at ``settings.affiliation_strength``) unless
    ``affiliations`` is False: a club the founder shares with our CEO is a way to meet him.

    Routes start at our people who are not blocked, never pass through another of our
    people, a blocked person or someone on the other side (``RouteGraph.stops``, who may
    only end a route), and have at most ``settings.max_hops`` hops.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.tiny()
    >>> reach = best_routes(net, RouteRules())
    >>> round(float(reach.strength[net.index_of("p4")[0]]), 2), reach.path(3)
    (0.5, (4, 3))
    """
    g = route_graph(net, rules)
    graph, _ = search_graph(g, affiliations)
    max_hops = int(net.settings.max_hops)

    def build() -> TeamReach:
        return team_reach(graph, g.starts(), g.team_blocked(), g.ours, max_hops, g.stops)

    return net.memo(("paths.reach", rules, graph is not g.real, max_hops), build)
