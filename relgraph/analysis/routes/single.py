"""Warm-introduction routes to one person: the k most reliable, with an independent one."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from relgraph.analysis.paths.graph import (
    ContactGraph,
    RouteGraph,
    RouteRules,
    affiliation_overlay,
    openings_used,
    other_side,
    route_graph,
    sway_lists,
    swayed_by,
)
from relgraph.analysis.paths.reach import team_search
from relgraph.analysis.paths.render import Route, describe
from relgraph.analysis.paths.search import hop_search, shortest, yen
from relgraph.analysis.routes.explain import (
    blocking_reason,
    left_out_text,
    rule_counts,
    unassessed,
)
from relgraph.analysis.routes.report import RouteReport, no_route_row, route_row, routes_frame
from relgraph.checks import check_bool, check_int
from relgraph.network import RelationshipNetwork
from relgraph.text import clauses, say, term

__all__ = ["connection_routes", "ranked_routes", "rules_bite"]

#: Extra candidates searched for an affiliation opening beyond the top k.
_MORE = 5
#: Up to this many people, the left-out count may skip a search by a bound (see
#: ``_swayed_out_of_reach``).
_BOUND_MAX_PEOPLE = 100_000


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
        """Who a route may not pass through (see :meth:`RouteGraph.middle_blocked`)."""
        return self.graph.middle_blocked(self.target, team=self.multi)

    def people(self, r: Route) -> set[int]:
        """Return the people of a route that an independent route must avoid."""
        inner = set(r.path[1:-1])
        return inner | ({r.path[0]} if self.multi else set())

    def search_graph(self) -> ContactGraph:
        """Return the graph offered routes come from: with openings when affiliations count."""
        if self.affiliations and len(self.net.affiliations):
            return affiliation_overlay(self.net, self.graph.rules)[0]
        return self.graph.real


def ranked_routes(
    g: RouteGraph,
    starts: Sequence[int],
    target: int,
    k: int,
    max_hops: int,
    multi: bool,
    affiliations: bool,
) -> list[Route]:
    """Top-k routes of real ties and shared-affiliation openings, ranked together.

    An opening counts at ``settings.affiliation_strength`` for its kind (half the strength
    of the tie it would become). When no opening makes the top k but the best real route is
    missing or weak (below ``settings.weak_route``), the best opening among the ``k + 5``
    most reliable routes is added after them.
    """
    blocked = g.middle_blocked(target, team=multi)
    found = yen(g.real, starts, target, k, max_hops, blocked, multi)
    openings = None
    aff: list[tuple[float, tuple[int, ...]]] = []
    if affiliations and len(g.net.affiliations):
        overlay, openings = affiliation_overlay(g.net, g.rules)
        aff = [  # a few more candidates than k, so that an opening behind them shows too
            (c, p)
            for c, p in yen(overlay, starts, target, k + _MORE, max_hops, blocked, multi)
            if openings_used(openings, p) == 1  # never chained (DOMAIN §7)
        ][:k]
    top = sorted(found + aff, key=lambda x: (x[0], len(x[1]), x[1]))[:k]
    weak = not found or math.exp(-found[0][0]) < g.net.settings.weak_route
    if aff and weak and not any(p in {q for _, q in aff} for _, p in top):
        top.append(aff[0])
    return describe(g.net, g.rules, top, openings)


def rules_bite(net: RelationshipNetwork, rules: RouteRules, affiliations: bool) -> bool:
    """Whether the rules can remove anything from ``net`` (else no need to count exclusions)."""
    if not rules.include_sensitive and bool(net.edges["sensitive"].any()):
        return True
    if not rules.include_do_not_contact and bool(net.do_not_contact().any()):
        return True
    if not rules.include_opponents and bool(other_side(net).any()):
        return True
    if not rules.include_swayed and len(sway_lists(net)[1]) > 0:
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
    include_opponents: bool = False,
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
    include_opponents : bool
        Let routes pass through people who oppose us (attitude ≤ −1), back a competitor or
        work for one. Off by default: asking them for an introduction warns the other side
        (DOMAIN.md §7). They can always be the target.
    affiliations : bool
        Rank openings through shared affiliations (same school, club, former employer …;
        not yet ties) among the routes.

    Returns
    -------
    RouteReport
        ``.routes`` (columns :data:`ROUTE_COLUMNS`), ``.excluded`` and ``.excluded_by``
        (per rule), ``.single_point_of_failure``; prints as a readable summary.

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
    :mod:`relgraph.analysis.paths`). Nobody who opposes us, backs a competitor or works for
    one is a middle step (unless ``include_opponents``); a middle step whose attitude was
    never assessed is allowed and named in ``why`` (check before asking). A shared
    affiliation between two people with no tie is an opening, a hop of strength
    ``settings.affiliation_strength`` for its kind (half the tie it would become), marked
    "not yet a tie"; openings are ranked among the real routes, and the best one is added
    after the top k when no real route is stronger than ``settings.weak_route``.
    ``excluded`` compares the k best routes found with every opt-in switched on against
    the result and counts the routes the rules removed (``excluded_by``: per rule, each
    rule relaxed alone); the best route's ``why`` names who kept a stronger route out. The
    single point of failure is a person on every offered route whose removal leaves no
    route, openings included.

    References
    ----------
    J. Y. Yen, "Finding the k shortest loopless paths in a network", Management Science
    17(11):712–716, 1971.

    Examples
    --------
    Di sways the CEO Ann, who backs the competitor: we do not ask Ann to introduce us to
    Di (she backs the other side, and we want Di to work on her), so the one route left is
    Eve's friendship with Di.

    >>> import relgraph as rg
    >>> net = rg.datasets.tiny()
    >>> rep = rg.connection_routes(net, "Di", k=2)
    >>> rep.routes[["source", "strength", "hops"]]
      source  strength  hops
    0     u1       0.5     1
    >>> rep.excluded, rep.excluded_by  # the route through Ann breaks two rules at once
    (1, {})
    >>> rg.connection_routes(net, "Di", k=2, include_opponents=True).routes["path"].tolist()
    [('u1', 'p4')]
    """
    k = check_int("k", k, minimum=1)
    rules = RouteRules(
        check_bool("include_sensitive", include_sensitive),
        check_bool("include_do_not_contact", include_do_not_contact),
        check_bool("include_opponents", include_opponents),
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
    lang = net.settings.language
    if (multi and g.ours[t]) or sid == tid:
        row = no_route_row(tid, sid or "", say("routes_none_ours", who=label, lang=lang), lang=lang)
        return _report(q, sid, [row], _Excluded())
    routes = [] if g.blocked[t] else ranked_routes(g, starts, t, k, q.max_hops, multi, affiliations)
    excluded = _excluded(q, routes)
    if not routes:
        row = no_route_row(tid, sid or "", _why_none(q, label, excluded), lang=lang)
        return _report(q, sid, [row], excluded)
    rows, spof = _listed(q, routes, excluded)
    return _report(q, sid, rows, excluded, spof)


@dataclass(frozen=True)
class _Excluded:
    """What the rules left out: how many routes, per rule, and the best one left out."""

    total: int = 0
    by_rule: Mapping[str, int] = field(default_factory=dict)
    best: Route | None = None
    note: str = ""  # which rules the left-out routes break (routes_left_out_*)


def _report(
    q: _Query,
    sid: str | None,
    rows: list[dict[str, Any]],
    excluded: _Excluded,
    spof: tuple[str, ...] | None = None,
) -> RouteReport:
    net = q.net
    rules = q.graph.rules
    return RouteReport(
        str(net.person_ids[q.target]),
        sid,
        routes_frame(rows),
        excluded.total,
        spof,
        q.max_hops,
        rules.include_sensitive,
        rules.include_do_not_contact,
        str(net.labels.iat[q.target]),
        "" if sid is None else str(net.labels[sid]),
        include_opponents=rules.include_opponents,
        excluded_by=dict(excluded.by_rule),
        note=excluded.note,
        language=net.settings.language,
    )


def _excluded(q: _Query, routes: list[Route]) -> _Excluded:
    """How many of the k best routes without the rules the rules removed, rule by rule."""
    rules = q.graph.rules
    if not rules_bite(q.net, rules, q.affiliations):
        return _Excluded()
    kept = {r.path for r in routes}
    # Relaxing a rule that leaves nothing out here (no sensitive tie, no sway of the target
    # ...) searches the same graph with the same blocks: the same routes, none left out.
    # So each search runs with only the rules that change something, once per such set.
    changing = frozenset(rule for rule in rules.opt_ins() if _relaxing_changes(q, rule))
    if changing == {"swayed"} and _swayed_out_of_reach(q, routes):
        changing = frozenset()
    found_by: dict[frozenset[str], list[Route]] = {}

    def left_out(relax: frozenset[str]) -> list[Route]:
        relax &= changing
        if not relax:
            return []
        if relax not in found_by:
            relaxed = rules
            for rule in sorted(relax):
                relaxed = relaxed.allowing(rule)
            free = route_graph(q.net, relaxed)
            starts = [int(i) for i in free.starts()] if q.multi else q.starts
            found = ranked_routes(free, starts, q.target, q.k, q.max_hops, q.multi, q.affiliations)
            found_by[relax] = [r for r in found if r.path not in kept]
        return found_by[relax]

    every = left_out(frozenset(rules.opt_ins()))
    by_rule = {rule: len(left_out(frozenset([rule]))) for rule in rules.opt_ins()}
    return _Excluded(
        len(every),
        {k: v for k, v in by_rule.items() if v},
        every[0] if every else None,
        left_out_text(q.net.settings.language, *rule_counts(q.net, rules, every)),
    )


def _relaxing_changes(q: _Query, rule: str) -> bool:
    """Whether relaxing ``rule`` can change the search for ``q`` (False: surely not)."""
    net = q.net
    if rule == "swayed":
        return len(swayed_by(net, q.target)) > 0
    if rule == "sensitive" and q.affiliations and len(net.affiliations) > 0:
        return True
    return net.memo(("routes.relaxing_changes", rule), lambda: _anyone_for(net, rule))


def _swayed_out_of_reach(q: _Query, routes: list[Route]) -> bool:
    """Whether every route through someone the target sways is weaker than the k-th route.

    Then letting routes pass the people the target sways (with no other rule relaxed)
    finds the same k routes. A route through one of them, ``s``, costs at least our team's
    best cost to ``s`` (the team-wide search with the same blocks, before the swayed rule)
    plus the best cost from ``s`` to the target (a search back from the target); when
    even the smallest such bound is above the k-th route's cost, none of those routes is
    among the k best, and none changes the search's choices on the way to them. Only
    checked for team-wide routes of real ties, in networks of up to
    :data:`_BOUND_MAX_PEOPLE` people (the team-wide search, once per network, costs less
    than the searches it saves there).
    """
    net, g = q.net, q.graph
    if not q.multi or len(routes) < q.k or (q.affiliations and len(net.affiliations)):
        return False
    if net.n_people > _BOUND_MAX_PEOPLE:
        return False
    blocked = g.team_blocked() | g.stops  # as middle steps, with or without the rule
    swayed = swayed_by(net, q.target)
    swayed = swayed[~blocked[swayed]]
    if not len(swayed):
        return True
    reach = team_search(net, g.rules, affiliations=False)  # the rule not yet applied
    start = np.array([q.target], dtype=np.int64)
    levels = hop_search(g.real.backward, start, np.zeros(1), q.max_hops - 1, blocked)
    tail = np.full(g.real.n, np.inf)
    for nodes, cost, _ in levels:
        tail[nodes] = np.minimum(tail[nodes], cost)
    with np.errstate(divide="ignore"):
        head = -np.log(reach.strength[swayed])
    bound = float((head + tail[swayed]).min())
    return bound > routes[-1].cost + 1e-9 * (1.0 + abs(routes[-1].cost))


def _anyone_for(net: RelationshipNetwork, rule: str) -> bool:
    """Whether the network has anything ``rule`` removes: sensitive ties, dnc, opponents."""
    if rule == "sensitive":
        return bool(net.edges["sensitive"].any())
    if rule == "do_not_contact":
        return bool(net.do_not_contact().any())
    return bool(other_side(net).any())  # opponents


def _why_none(q: _Query, label: str, excluded: _Excluded) -> str:
    lang = q.net.settings.language
    if q.graph.blocked[q.target]:
        why = say("routes_none_dnc", who=label, lang=lang)
    else:
        start = term("party", "us", lang=lang) if q.multi else str(q.net.labels.iat[q.starts[0]])
        why = say("routes_none", who=label, start=start, max_hops=q.max_hops, lang=lang)
    return clauses([why, excluded.note], lang=lang)


def _extra_why(q: _Query, rank: int, r: Route, excluded: _Excluded, routes: list[Route]) -> str:
    """Why this route was preferred: the stronger route the rules kept out, unassessed steps."""
    lang = q.net.settings.language
    parts = []
    if rank == 1 and excluded.best is not None and excluded.best.cost < r.cost:
        reason = blocking_reason(q.net, q.graph.rules, excluded.best)
        if reason:
            parts.append(
                say("routes_why_rather", strength=excluded.best.strength, reason=reason, lang=lang)
            )
    if rank == 1 and len(routes) > 1 and r.affiliation != routes[1].affiliation:
        parts.append(
            say("routes_why_opening_rank" if r.affiliation else "routes_why_real_rank", lang=lang)
        )
    late = unassessed(q.graph, r)
    if late:
        who = ", ".join(str(q.net.labels.iat[i]) for i in late)
        parts.append(say("routes_why_unassessed", who=who, lang=lang))
    return clauses(parts, lang=lang)


def _listed(
    q: _Query, routes: list[Route], excluded: _Excluded
) -> tuple[list[dict[str, Any]], tuple[str, ...] | None]:
    """Rows of the routes (with disjointness), the independent alternative, and the SPOF."""
    dnc = q.net.do_not_contact()
    lang = q.net.settings.language
    rows = []
    for rank, r in enumerate(routes, start=1):
        disjoint = all(not (q.people(r) & q.people(better)) for better in routes[: rank - 1])
        extra = _extra_why(q, rank, r, excluded, routes)
        rows.append(route_row(q.net, rank, r, disjoint, dnc, extra, unassessed(q.graph, r)))
    best = routes[0]
    listed = [r.path for r in routes]
    if not any(not (q.people(r) & q.people(best)) for r in routes[1:]):
        alt = _alternative(q, best, {r.path for r in routes})
        if alt is not None:
            why = say("routes_why_alternative", k=q.k, lang=lang)
            rows.append(
                route_row(q.net, len(rows) + 1, alt, True, dnc, why, unassessed(q.graph, alt))
            )
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
    graph = q.search_graph()
    alt = shortest(graph, alt_starts, q.target, q.max_hops, blk, direct)
    openings = affiliation_overlay(q.net, q.graph.rules)[1] if graph is not q.graph.real else None
    if alt is not None and openings_used(openings, alt[1]) > 1:  # openings are never chained
        graph, openings = q.graph.real, None
        alt = shortest(graph, alt_starts, q.target, q.max_hops, blk, direct)
    if alt is None or alt[1] in seen:
        return None
    return describe(q.net, q.graph.rules, [alt], openings)[0]


def _single_points(q: _Query, best: Route, listed: list[tuple[int, ...]]) -> tuple[str, ...] | None:
    """People on every offered route whose removal leaves no route, openings included."""
    paths = listed if q.multi else [p[1:] for p in listed]
    best_people = q.people(best)
    if any(not (set(p) & best_people) for p in paths[1:]):
        return None
    spof: list[str] = []
    base = q.blocked()
    graph = q.search_graph()
    for c in sorted(best_people):
        blk = base.copy()
        blk[c] = True
        alt_starts = [s for s in q.starts if s != c]
        if shortest(graph, alt_starts, q.target, q.max_hops, blk) is None:
            spof.append(str(q.net.person_ids[c]))
    return tuple(spof) if spof else None
