"""Team-wide reach: the best route from our whole team to everyone, in one search.

Shared by bulk routes, coverage (``route_strength``, ``route``) and the targets (reach), so a
person's best route is the same in every output.
"""

from __future__ import annotations

import numpy as np

from relgraph.analysis.paths.batch import reach_each
from relgraph.analysis.paths.frontier import cheapest, contains, entering, level_edges
from relgraph.analysis.paths.graph import (
    AffiliationOpening,
    ContactGraph,
    RouteGraph,
    RouteRules,
    affiliation_overlay,
    route_graph,
    sway_lists,
)
from relgraph.analysis.paths.search import Level, Levels, TeamReach, team_reach
from relgraph.network import RelationshipNetwork

__all__ = ["best_routes", "best_routes_to", "routes_near", "search_graph", "team_search"]

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


def routes_near(
    net: RelationshipNetwork, rules: RouteRules, targets: np.ndarray, *, affiliations: bool = True
) -> TeamReach:
    """:func:`best_routes_to` for a few ``targets``, searching only the people near them.

    The same paths to ``targets`` (read nothing else), without a search over everyone:
    the team-wide levels are computed only where they can still reach a target in time
    (:func:`near_reach`), and nothing is memoised.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.sample()
    >>> t = net.index_of(["E02", "C006"])
    >>> near, full = routes_near(net, RouteRules(), t), best_routes_to(net, RouteRules(), t)
    >>> [near.path(i) == full.path(i) for i in t.tolist()]
    [True, True]
    """
    g = route_graph(net, rules)
    graph, _ = search_graph(g, affiliations)
    max_hops = int(net.settings.max_hops)
    reach = near_reach(graph, g, max_hops, np.asarray(targets, dtype=np.int64))
    return reach if rules.include_swayed else _without_swayed(g, graph, reach, targets)


def near_reach(graph: ContactGraph, g: RouteGraph, max_hops: int, targets: np.ndarray) -> TeamReach:
    """:func:`~relgraph.analysis.paths.search.team_reach` on ``graph``, exact at ``targets`` only.

    Level ``h`` of the team-wide search needs only the people within ``max_hops - h`` hops
    of a target: a target's value at the last level reads only its own neighbours' values
    one level down, theirs their neighbours' and so on. Once a level's frontier would read
    more edges than the ties into those people, the level is computed the other way round,
    from each of them over their incoming ties: the same candidates, so the same costs
    and, where costs tie, the same (lowest) predecessor. Other people's values may be
    wrong; the levels still bound from below the hops from the starts to everyone near a
    target, as :func:`~relgraph.analysis.paths.batch.reach_each` needs.
    """
    blocked, stop = g.team_blocked(), g.stops
    starts = np.sort(g.starts())
    best = np.full(graph.n, np.inf)
    best[starts] = 0.0
    levels: Levels = [(starts, np.zeros(len(starts)), np.full(len(starts), -1, dtype=np.int64))]
    front, fcost = starts, np.zeros(len(starts))
    near = _Near(graph, targets)
    for h in range(1, max_hops + 1):
        if not len(front):
            break
        lo, hi = graph.indptr[front], graph.indptr[front + 1]
        push = int((hi - lo).sum())
        pull = near.within(max_hops - h, push)
        if pull is None:
            found = level_edges(graph, front, fcost)
        else:
            found = _pull(graph, front, fcost, pull)
        step = None if found is None else _enter(found, best, blocked, graph.n)
        if step is None:
            break
        levels.append(step)
        go = ~stop[step[0]]
        front, fcost = step[0][go], step[1][go]
    cost = np.full(graph.n, np.inf)
    for nodes, c, _ in levels:  # later levels only hold strict improvements
        cost[nodes] = np.minimum(cost[nodes], c)
    strength = np.where(np.isfinite(cost), np.exp(-cost), 0.0)
    strength[g.ours] = 0.0
    strength.flags.writeable = False
    return TeamReach(strength, levels, max_hops)


def _enter(
    found: tuple[np.ndarray, np.ndarray, np.ndarray], best: np.ndarray, blocked: np.ndarray, n: int
) -> Level | None:
    """Candidates that improve on ``best`` at a node not ``blocked``, the cheapest per node."""
    nbr, cand, prv = found
    keep = entering(nbr, cand, best, blocked)
    if not keep.any():
        return None
    nbr, cand, prv = cheapest(nbr[keep], cand[keep], prv[keep], n)
    best[nbr] = cand
    return nbr, cand, prv


def _pull(
    g: ContactGraph, front: np.ndarray, fcost: np.ndarray, nodes: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Every edge from ``front`` into ``nodes``, read from the nodes' incoming ties."""
    back = g.backward
    idx, cnt = back.edge_slots(nodes)
    if not len(idx):
        return None
    at = np.full(g.n, np.inf)
    on = np.zeros(g.n, dtype=bool)
    at[front], on[front] = fcost, True
    prv = back.indices[idx]
    ok = on[prv]
    nbr = np.repeat(nodes, cnt)[ok]
    prv = prv[ok]
    return nbr, at[prv] + back.cost[idx][ok], prv


class _Near:
    """People within a few hops of the targets (breadth first, backwards, grown on demand)."""

    def __init__(self, g: ContactGraph, targets: np.ndarray) -> None:
        self.back = g.backward
        self.degree = np.diff(self.back.indptr)
        self.seen = np.zeros(g.n, dtype=bool)
        first = np.unique(targets)
        self.seen[first] = True
        self.rings = [first]  # rings[d]: the people exactly d hops from the nearest target
        self.edges = [int(self.degree[first].sum())]

    def within(self, depth: int, budget: int) -> np.ndarray | None:
        """Everyone within ``depth`` hops (sorted), or None when their ties exceed ``budget``."""
        while len(self.rings) <= depth and sum(self.edges) < budget:
            idx, _ = self.back.edge_slots(self.rings[-1])
            new = np.zeros(len(self.seen), dtype=bool)
            new[self.back.indices[idx]] = True
            new &= ~self.seen
            ring = np.flatnonzero(new)
            self.seen |= new
            self.rings.append(ring)
            self.edges.append(int(self.degree[ring].sum()))
        if len(self.rings) <= depth or sum(self.edges[: depth + 1]) >= budget:
            return None
        return np.flatnonzero(self.seen) if depth == len(self.rings) - 1 else self._upto(depth)

    def _upto(self, depth: int) -> np.ndarray:
        return np.sort(np.concatenate(self.rings[: depth + 1]))


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
        wanted = np.zeros(len(check), dtype=bool)
        wanted[np.asarray(only, dtype=np.int64)] = True
        check &= wanted
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
    lo = indptr[targets]
    cnt = indptr[targets + 1] - lo
    slots = np.repeat(lo - np.cumsum(cnt) + cnt, cnt) + np.arange(int(cnt.sum()))
    # (path, person it sways), sorted: rows in order, each row's people sorted
    keys = np.repeat(np.arange(len(targets), dtype=np.int64), cnt) * n + indices[slots]
    owner = np.repeat(np.arange(len(paths)), [max(len(p) - 2, 0) for p in paths])
    middle = np.fromiter((x for p in paths for x in p[1:-1]), dtype=np.int64, count=len(owner))
    hit = contains(keys, owner * n + middle)
    out = np.zeros(len(paths), dtype=bool)
    out[owner[hit]] = True
    return out
