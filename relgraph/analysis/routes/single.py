"""Warm-introduction routes to one person: the k most reliable, with an independent one."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from relgraph.analysis.paths.graph import RouteGraph, RouteRules, affiliation_overlay, route_graph
from relgraph.analysis.paths.render import Route, describe
from relgraph.analysis.paths.search import shortest, yen
from relgraph.analysis.routes.report import RouteReport, no_route_row, route_row, routes_frame
from relgraph.checks import check_bool, check_int
from relgraph.network import RelationshipNetwork
from relgraph.text import say

__all__ = ["connection_routes", "ranked_routes", "rules_bite"]


@dataclass(frozen=True)
class _Query:
    """One route question: who to reach, from whom, under which rules."""

    net: RelationshipNetwork
    graph: RouteGraph
    target: int
    starts: list[int]
    multi: bool
    k: int
    max_hops: int
    affiliations: bool

    def blocked(self) -> np.ndarray:
        """Who no route may enter: blocked people, and our people for a team-wide search."""
        blocked = self.graph.team_blocked() if self.multi else self.graph.blocked.copy()
        blocked = blocked.copy()
        blocked[self.target] = False
        return blocked

    def people(self, r: Route) -> set[int]:
        """Return the people of a route that an independent route must avoid."""
        inner = set(r.path[1:-1])
        return inner | ({r.path[0]} if self.multi else set())


def ranked_routes(
    g: RouteGraph,
    starts: Sequence[int],
    target: int,
    k: int,
    max_hops: int,
    multi: bool,
    affiliations: bool,
) -> list[Route]:
    """Top-k routes (real ties, plus affiliation routes that beat every real one)."""
    blocked = g.team_blocked().copy() if multi else g.blocked.copy()
    blocked[target] = False
    found = [(c, p) for c, p in yen(g.real, starts, target, k, max_hops, blocked, multi)]
    openings = None
    if affiliations and len(g.net.affiliations):
        overlay, openings = affiliation_overlay(g.net, g.rules)
        bar = found[0][0] if found else math.inf
        for c, p in yen(overlay, starts, target, k, max_hops, blocked, multi):
            uses = any((u, v) in openings for u, v in zip(p, p[1:], strict=False))
            if uses and c < bar - 1e-12:
                found.append((c, p))
    found.sort(key=lambda x: (x[0], len(x[1]), x[1]))
    return describe(g.net, g.rules, found[:k], openings)


def rules_bite(net: RelationshipNetwork, rules: RouteRules, affiliations: bool) -> bool:
    """Whether the rules can remove anything from ``net`` (else no need to count exclusions)."""
    if not rules.include_sensitive and bool(net.edges["sensitive"].any()):
        return True
    if not rules.include_do_not_contact and bool(net.do_not_contact().any()):
        return True
    return not rules.include_sensitive and affiliations and len(net.affiliations) > 0


def connection_routes(
    net: RelationshipNetwork,
    target: str,
    *,
    source: str | None = None,
    k: int = 3,
    include_sensitive: bool = False,
    include_do_not_contact: bool = False,
    affiliations: bool = True,
) -> RouteReport:
    r"""Find the k most reliable warm-introduction routes from our team to a person.

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    target : str
        The person to reach: an id, a name or an English name.
    source : str, optional
        Start every route at this person (id or name). By default a route may start at
        any of our people (org kind ``us``), and our people are never a middle hop (the
        colleague would start the route).
    k : int
        How many routes to return (the best node-disjoint alternative is appended when
        none of the k is one).
    include_sensitive : bool
        Use sensitive ties (family, faith, neighbour, anything marked sensitive) and
        sensitive affiliations. Routes using them are marked ``sensitive``.
    include_do_not_contact : bool
        Let routes pass through (or end at) do-not-contact people.
    affiliations : bool
        Offer routes through shared affiliations (not yet ties) when no real route is
        stronger.

    Returns
    -------
    RouteReport
        ``.routes`` (columns :data:`ROUTE_COLUMNS`), ``.excluded``,
        ``.single_point_of_failure``; prints as a readable summary.

    Raises
    ------
    UnknownPersonError
        When ``target`` or ``source`` is not in the network.
    InvalidParameterError
        When ``k`` is not a whole number of at least 1, or a flag is not a bool.

    Notes
    -----
    The contact graph holds every tie, of any kind, as undirected, with its resolved
    strength; parallel ties keep the strongest. A route's strength is the product of its
    hops' strengths, :math:`s(P) = \prod_{(u,v) \in P} s_{uv}`, so the most reliable
    route is the shortest path on :math:`-\log s_{uv}`. Routes longer than
    ``net.settings.max_hops`` hops (default 4) are not offered; the k best are found with
    Yen's algorithm over a hop-bounded Bellman–Ford search (the route engine,
    :mod:`relgraph.analysis.paths`). A shared affiliation between two people with no tie
    counts as a hop of strength ``settings.affiliation_strength`` for its kind, marked
    "not yet a tie"; such routes are listed only when they beat every route made of real
    ties. ``excluded`` compares the k best routes found with both opt-ins switched on
    against the result, and counts the routes that the rules removed.

    References
    ----------
    J. Y. Yen, "Finding the k shortest loopless paths in a network", Management Science
    17(11):712–716, 1971.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.tiny()
    >>> rep = rg.connection_routes(net, "Di", k=2)
    >>> rep.routes[["source", "strength", "hops"]]
      source  strength  hops
    0     u2      0.56     2
    1     u1      0.50     1
    >>> rep.routes["path"].iloc[0]
    ('u2', 'p1', 'p4')
    """
    k = check_int("k", k, minimum=1)
    rules = RouteRules(
        check_bool("include_sensitive", include_sensitive),
        check_bool("include_do_not_contact", include_do_not_contact),
    )
    affiliations = check_bool("affiliations", affiliations)
    tid = net.resolve_person(target)
    sid = None if source is None else net.resolve_person(source)
    t = int(net.index_of(tid)[0])
    g = route_graph(net, rules)
    multi = sid is None
    starts = [int(i) for i in g.starts()] if multi else [int(net.index_of(str(sid))[0])]
    q = _Query(net, g, t, starts, multi, k, int(net.settings.max_hops), affiliations)
    label = str(net.labels.iat[t])
    if (multi and g.ours[t]) or sid == tid:
        row = no_route_row(tid, sid or "", say("routes_none_ours", who=label))
        return _report(q, sid, [row], 0, None)
    routes = [] if g.blocked[t] else ranked_routes(g, starts, t, k, q.max_hops, multi, affiliations)
    excluded = _excluded(q, routes)
    if not routes:
        row = no_route_row(tid, sid or "", _why_none(q, label, excluded))
        return _report(q, sid, [row], excluded, None)
    rows, spof = _listed(q, routes)
    return _report(q, sid, rows, excluded, spof)


def _report(
    q: _Query,
    sid: str | None,
    rows: list[dict[str, Any]],
    excluded: int,
    spof: tuple[str, ...] | None,
) -> RouteReport:
    net = q.net
    return RouteReport(
        str(net.person_ids[q.target]),
        sid,
        routes_frame(rows),
        excluded,
        spof,
        q.max_hops,
        q.graph.rules.include_sensitive,
        q.graph.rules.include_do_not_contact,
        str(net.labels.iat[q.target]),
        "" if sid is None else str(net.labels[sid]),
    )


def _excluded(q: _Query, routes: list[Route]) -> int:
    """How many of the k best routes without the rules the rules removed."""
    if not rules_bite(q.net, q.graph.rules, q.affiliations):
        return 0
    free = route_graph(q.net, q.graph.rules.everything)
    fstarts = [int(i) for i in np.flatnonzero(free.ours)] if q.multi else q.starts
    unrestricted = ranked_routes(free, fstarts, q.target, q.k, q.max_hops, q.multi, q.affiliations)
    kept = {r.path for r in routes}
    return sum(1 for r in unrestricted if r.path not in kept)


def _why_none(q: _Query, label: str, excluded: int) -> str:
    if q.graph.blocked[q.target]:
        why = say("routes_none_dnc", who=label)
    else:
        start = say("routes_our_team") if q.multi else str(q.net.labels.iat[q.starts[0]])
        why = say("routes_none", who=label, start=start, max_hops=q.max_hops)
    if excluded:
        why += "; " + say("routes_excluded", n=excluded)
    return why


def _listed(q: _Query, routes: list[Route]) -> tuple[list[dict[str, Any]], tuple[str, ...] | None]:
    """Rows of the routes (with disjointness), the independent alternative, and the SPOF."""
    dnc = q.net.do_not_contact()
    rows = []
    for rank, r in enumerate(routes, start=1):
        disjoint = all(not (q.people(r) & q.people(better)) for better in routes[: rank - 1])
        rows.append(route_row(q.net, rank, r, disjoint, dnc))
    best = routes[0]
    listed = [r.path for r in routes]
    if not any(not (q.people(r) & q.people(best)) for r in routes[1:]):
        alt = _alternative(q, best, {r.path for r in routes})
        if alt is not None:
            why = say("routes_why_alternative", k=q.k)
            rows.append(route_row(q.net, len(rows) + 1, alt, True, dnc, why))
            listed.append(alt.path)
    return rows, _single_points(q, best, listed)


def _alternative(q: _Query, best: Route, seen: set[tuple[int, ...]]) -> Route | None:
    """Return the best route sharing no person with ``best`` (source and target aside)."""
    blk = q.blocked()
    avoid = sorted(q.people(best))
    blk[avoid] = True
    alt_starts = [s for s in q.starts if s not in avoid]
    # a named source's direct tie shares no middle person with anything: the alternative
    # is then any other route, so only that tie itself is left out
    direct = [(best.path[0], q.target)] if not q.multi and len(best.path) == 2 else []
    graph, openings = q.graph.real, None
    if best.affiliation:
        graph, openings = affiliation_overlay(q.net, q.graph.rules)
    alt = shortest(graph, alt_starts, q.target, q.max_hops, blk, direct)
    if alt is None and not best.affiliation and q.affiliations and len(q.net.affiliations):
        graph, openings = affiliation_overlay(q.net, q.graph.rules)
        alt = shortest(graph, alt_starts, q.target, q.max_hops, blk, direct)
    if alt is None or alt[1] in seen:
        return None
    return describe(q.net, q.graph.rules, [alt], openings)[0]


def _single_points(q: _Query, best: Route, listed: list[tuple[int, ...]]) -> tuple[str, ...] | None:
    """People whose removal leaves no route at all (none when a listed route avoids best's)."""
    paths = listed if q.multi else [p[1:] for p in listed]
    best_people = q.people(best)
    if any(not (set(p) & best_people) for p in paths[1:]):
        return None
    spof: list[str] = []
    base = q.blocked()
    graph = q.graph.real
    if best.affiliation:
        graph = affiliation_overlay(q.net, q.graph.rules)[0]
    for c in sorted(best_people):
        blk = base.copy()
        blk[c] = True
        alt_starts = [s for s in q.starts if s != c]
        if shortest(graph, alt_starts, q.target, q.max_hops, blk) is None:
            spof.append(str(q.net.person_ids[c]))
    return tuple(spof) if spof else None
