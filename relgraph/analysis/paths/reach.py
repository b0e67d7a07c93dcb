"""Team-wide reach: the best route from our whole team to everyone, in one search.

Shared by bulk routes, coverage (``route_strength``, ``route``) and the targets (reach), so a
person's best route is the same in every output.
"""

from __future__ import annotations

import numpy as np

from relgraph.analysis.paths.batch import reach_each
from relgraph.analysis.paths.frontier import contains
from relgraph.analysis.paths.graph import (
    AffiliationOpening,
    ContactGraph,
    RouteGraph,
    RouteRules,
    affiliation_overlay,
    route_graph,
    sway_lists,
)
from relgraph.analysis.paths.search import TeamReach, team_reach
from relgraph.network import RelationshipNetwork

__all__ = ["best_routes", "best_routes_to", "search_graph", "team_search"]

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
    g, graph, reach = _team_search(net, rules, affiliations)
    if rules.include_swayed:
        return reach
    key = ("paths.reach", rules, graph is not g.real, reach.max_hops)
    return net.memo(key, lambda: _without_swayed(g, graph, reach))


def best_routes_to(
    net: RelationshipNetwork, rules: RouteRules, targets: np.ndarray, *, affiliations: bool = True
) -> TeamReach:
    """:func:`best_routes`, with the per-target rule applied to ``targets`` only.

    The paths to ``targets`` are exactly those of :func:`best_routes`; other people keep
    the team-wide search's path, which may ask someone they sway, so read ``targets`` only.
    For a few targets among many people: only they may need a search of their own.
    """
    g, graph, reach = _team_search(net, rules, affiliations)
    return reach if rules.include_swayed else _without_swayed(g, graph, reach, targets)


def team_search(
    net: RelationshipNetwork, rules: RouteRules, *, affiliations: bool = True
) -> TeamReach:
    """Return the team-wide search of :func:`best_routes` before the per-target rule.

    Memoised. Its paths may ask someone the target sways; as a bound it is exact: no route
    under ``rules`` is stronger than its strength.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.tiny()
    >>> plain, ruled = team_search(net, RouteRules()), best_routes(net, RouteRules())
    >>> bool((plain.strength >= ruled.strength).all())
    True
    """
    return _team_search(net, rules, affiliations)[2]


def _team_search(
    net: RelationshipNetwork, rules: RouteRules, affiliations: bool
) -> tuple[RouteGraph, ContactGraph, TeamReach]:
    """Return the route graph, the graph searched and the team-wide search on it (memoised)."""
    g = route_graph(net, rules)
    graph, _ = search_graph(g, affiliations)
    max_hops = int(net.settings.max_hops)
    key = ("paths.team_search", rules, graph is not g.real, max_hops)
    reach = net.memo(
        key, lambda: team_reach(graph, g.starts(), g.team_blocked(), g.ours, max_hops, g.stops)
    )
    return g, graph, reach


def _without_swayed(
    g: RouteGraph, graph: ContactGraph, reach: TeamReach, only: np.ndarray | None = None
) -> TeamReach:
    """Re-route the people whose team-wide best route passes through someone they sway.

    The team search is one search for everyone, so the per-target rule of
    ``swayed_by`` is checked afterwards: the people whose best route asks someone they
    sway get a search of their own that avoids those people (all of them in one batched
    search, :func:`~relgraph.analysis.paths.batch.reach_each`). With ``only`` (positions),
    just those people are checked.
    """
    net = g.net
    sway = sway_lists(net)
    check = (np.diff(sway[0]) > 0) & (reach.strength > 0)
    if only is not None:
        check &= np.isin(np.arange(len(check)), np.asarray(only, dtype=np.int64))
    has = np.flatnonzero(check)
    bad = has[_asks_swayed(reach.paths(has), has, sway)]
    if not len(bad) or len(reach.levels) < 2:
        return reach
    blocked = g.team_blocked() | g.stops
    cost, paths = reach_each(graph, reach.levels, bad, reach.max_hops, blocked, sway)
    strength = reach.strength.copy()
    strength[bad] = [float(np.exp(-c)) if np.isfinite(c) else 0.0 for c in cost.tolist()]
    overrides = {x: p for x, p in zip(bad.tolist(), paths, strict=True) if p}
    strength.flags.writeable = False
    return TeamReach(strength, reach.levels, reach.max_hops, overrides)


def _asks_swayed(
    paths: list[tuple[int, ...]], targets: np.ndarray, sway: tuple[np.ndarray, np.ndarray]
) -> np.ndarray:
    """Which paths have a middle step the target sways (a mask over ``targets``)."""
    indptr, indices = sway
    n = len(indptr) - 1
    keys = np.sort(np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr)) * n + indices)
    owner = np.repeat(np.arange(len(paths)), [max(len(p) - 2, 0) for p in paths])
    middle = np.fromiter((x for p in paths for x in p[1:-1]), dtype=np.int64, count=len(owner))
    hit = contains(keys, targets[owner] * n + middle)
    out = np.zeros(len(paths), dtype=bool)
    out[owner[hit]] = True
    return out
