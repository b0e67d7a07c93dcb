r"""The search core: hop-bounded most-reliable paths, Yen's k best, and team-wide reach.

A path's strength is the product of its edges' strengths, so the most reliable path is the
shortest on :math:`-\log s`. Every search here is bounded by a number of hops and works on
whole frontiers at once (vectorised Bellman–Ford by levels), so one call serves a single
person, k alternatives (Yen) or everyone reachable from our team.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from relgraph.analysis.paths.frontier import cheapest, contains, distinct, entering, level_edges
from relgraph.analysis.paths.graph import ContactGraph

__all__ = [
    "Forward",
    "Levels",
    "TeamReach",
    "backward_best",
    "forward_labels",
    "hop_dist",
    "hop_search",
    "hops_from",
    "path_cost",
    "path_to",
    "shortest",
    "team_reach",
    "yen",
]

#: One level of a search: nodes (sorted), their cost, and their predecessor.
Level = tuple[np.ndarray, np.ndarray, np.ndarray]
Levels = list[Level]


@dataclass
class _Bounds:
    """Pruning state of one :func:`hop_search`."""

    target: int | None
    finish: np.ndarray | None
    fmin: float
    ub: float


def hop_search(
    g: ContactGraph,
    starts: np.ndarray,
    start_cost: np.ndarray,
    max_hops: int,
    blocked: np.ndarray,
    *,
    banned: np.ndarray | None = None,
    scratch: np.ndarray | None = None,
    target: int | None = None,
    finish: np.ndarray | None = None,
    finish_min: float | None = None,
    dist: np.ndarray | None = None,
    stop: np.ndarray | None = None,
) -> Levels:
    """Hop-bounded multi-source shortest paths (Bellman–Ford by levels, frontier only).

    Level ``h`` lists the nodes whose best cost improved using exactly ``h`` hops; a node
    is entered only when strictly cheaper, so reconstructed paths never revisit a person.
    Ties in cost go to the lowest predecessor position. ``blocked`` nodes are never
    entered; ``banned`` holds ``u * n + v`` keys of edges not to use. ``scratch`` (all
    ``inf``) is reused and restored, for many small searches.

    Only one answer is wanted when ``target`` or ``finish`` is given, so the search prunes:
    with ``target``, anything no cheaper than the best cost found at the target so far, and
    at the last level only the target's own incoming edges are read; with ``finish`` (the
    cost to complete a route from each node, ``inf`` where none), anything whose cost plus
    the smallest finish cannot beat the best completed route so far. ``dist`` (hops from
    each node to ``target``, see :func:`hop_dist`) drops anyone who cannot reach the target
    within the hops left; it is exact, since blocks and bans only lengthen routes.
    """
    best = np.full(g.n, np.inf) if scratch is None else scratch
    if banned is not None and len(banned) > 1:
        banned = np.sort(banned)  # read by binary search
    order = np.argsort(starts, kind="stable")
    front, fcost = starts[order].astype(np.int64), start_cost[order].astype(float)
    levels: Levels = [(front, fcost, np.full(len(front), -1, dtype=np.int64))]
    best[front] = fcost
    bounds = _bounds(front, fcost, target, finish, finish_min)
    for level in range(max_hops):
        if target is not None:
            bounds.ub = float(best[target])
        live = fcost + bounds.fmin < bounds.ub
        if not live.all():
            front, fcost = front[live], fcost[live]
        if not len(front):
            break
        if target is not None and level == max_hops - 1:
            last = _last_hop(g, front, fcost, target, banned, best)
            if last is not None:
                levels.append(last)
            break
        step = _relax(g, front, fcost, blocked, best, bounds, banned, dist, max_hops - level - 1)
        if step is None:
            break
        levels.append(step)
        front, fcost = step[0], step[1]
        if stop is not None:
            go = ~stop[front]
            front, fcost = front[go], fcost[go]
        if finish is not None:
            bounds.ub = min(bounds.ub, float((fcost + finish[front]).min()))
    if scratch is not None:
        for nodes, _, _ in levels:
            scratch[nodes] = np.inf
    return levels


def _bounds(
    front: np.ndarray,
    fcost: np.ndarray,
    target: int | None,
    finish: np.ndarray | None,
    finish_min: float | None,
) -> _Bounds:
    if finish is None:
        return _Bounds(target, None, 0.0, np.inf)
    fin = finish[front] + fcost
    ub = float(fin.min()) if len(fin) else np.inf
    if finish_min is None:
        finite = finish[np.isfinite(finish)]
        finish_min = float(finite.min()) if len(finite) else 0.0
    return _Bounds(target, finish, finish_min, ub)


def _last_hop(
    g: ContactGraph,
    front: np.ndarray,
    fcost: np.ndarray,
    target: int,
    banned: np.ndarray | None,
    best: np.ndarray,
) -> Level | None:
    """Return the last level of a targeted search: only the target's incoming edges are read."""
    back = g.backward
    lo, hi = back.indptr[target], back.indptr[target + 1]
    nb = back.indices[lo:hi]
    pos = np.minimum(np.searchsorted(front, nb), len(front) - 1)
    hit = front[pos] == nb
    cand = fcost[pos[hit]] + back.cost[lo:hi][hit]
    prv = nb[hit]
    if banned is not None and len(banned):
        ok = ~contains(banned, prv * g.n + target)
        cand, prv = cand[ok], prv[ok]
    if not len(cand):
        return None
    j = int(np.lexsort((prv, cand))[0])
    if cand[j] >= best[target]:
        return None
    best[target] = cand[j]
    return np.array([target], dtype=np.int64), cand[j : j + 1], prv[j : j + 1]


def _relax(
    g: ContactGraph,
    front: np.ndarray,
    fcost: np.ndarray,
    blocked: np.ndarray,
    best: np.ndarray,
    bounds: _Bounds,
    banned: np.ndarray | None,
    dist: np.ndarray | None,
    hops_left: int,
) -> Level | None:
    """One level: every edge leaving the frontier, the cheapest entry per node kept."""
    found = level_edges(g, front, fcost)
    if found is None:
        return None
    nbr, cand, prv = found
    keep = entering(nbr, cand, best, blocked)
    if bounds.ub < np.inf:
        keep &= cand + bounds.fmin < bounds.ub
    if dist is not None:  # only people who can still reach the target in time
        keep &= dist[nbr] <= hops_left
    if bounds.finish is not None and hops_left == 0:
        keep &= np.isfinite(bounds.finish[nbr])
    if banned is not None and len(banned):
        keep &= ~contains(banned, prv * g.n + nbr)
    nbr, cand, prv = nbr[keep], cand[keep], prv[keep]
    if not len(nbr):
        return None
    nbr, cand, prv = cheapest(nbr, cand, prv, g.n)
    best[nbr] = cand
    return nbr, cand, prv


def _lookup(levels: Levels, node: int, bound: int) -> tuple[int, int] | None:
    for lev in range(min(bound, len(levels) - 1), -1, -1):
        nodes = levels[lev][0]
        i = int(np.searchsorted(nodes, node))
        if i < len(nodes) and nodes[i] == node:
            return lev, i
    return None


def path_to(levels: Levels, node: int, bound: int) -> tuple[float, tuple[int, ...]] | None:
    """Cost and path (start first) of the best way to ``node`` in at most ``bound`` hops."""
    hit = _lookup(levels, node, bound)
    if hit is None:
        return None
    cost = float(levels[hit[0]][1][hit[1]])
    path = [node]
    while hit is not None:
        lev, i = hit
        pred = int(levels[lev][2][i])
        if pred < 0:
            break
        path.append(pred)
        hit = _lookup(levels, pred, lev - 1)
    return cost, tuple(reversed(path))


def hop_dist(g: ContactGraph, target: int, depth: int) -> np.ndarray:
    """Hops from every node to ``target`` (breadth first, ``depth + 1`` when farther)."""
    return _breadth_first(g.backward, target, depth)


def hops_from(g: ContactGraph, source: int, depth: int) -> np.ndarray:
    """Hops from ``source`` to every node (breadth first, ``depth + 1`` when farther)."""
    return _breadth_first(g, source, depth)


def _breadth_first(g: ContactGraph, start: int, depth: int) -> np.ndarray:
    dist = np.full(g.n, depth + 1, dtype=np.int64)
    dist[start] = 0
    front = np.array([start], dtype=np.int64)
    for h in range(1, depth + 1):
        idx, _ = g.edge_slots(front)
        if not len(idx):
            break
        if len(idx) * 8 > g.n:  # a large frontier: mark its neighbours (no sort)
            seen = np.zeros(g.n, dtype=bool)
            seen[g.indices[idx]] = True
            seen &= dist > h
            front = np.flatnonzero(seen)
        else:
            nbr = distinct(g.indices[idx])
            front = nbr[dist[nbr] > h]
        dist[front] = h
    return dist


def shortest(
    g: ContactGraph,
    starts: Sequence[int],
    target: int,
    max_hops: int,
    blocked: np.ndarray,
    banned: Iterable[tuple[int, int]] = (),
    dist: np.ndarray | None = None,
) -> tuple[float, tuple[int, ...]] | None:
    """Return the best path from any of ``starts`` to ``target`` in at most ``max_hops`` hops."""
    if max_hops < 1 or not len(starts):
        return None
    keys = np.array([u * g.n + v for u, v in banned], dtype=np.int64)
    arr = np.asarray(list(starts), dtype=np.int64)
    levels = hop_search(
        g, arr, np.zeros(len(arr)), max_hops, blocked, banned=keys, target=target, dist=dist
    )
    return path_to(levels, target, max_hops)


def path_cost(g: ContactGraph, path: Sequence[int]) -> float:
    """Cost (``-log`` strength) of a path along existing edges."""
    return float(sum(-math.log(g.strength_of(u, v)) for u, v in zip(path, path[1:], strict=False)))


def yen(
    g: ContactGraph,
    starts: Sequence[int],
    target: int,
    k: int,
    max_hops: int,
    blocked: np.ndarray,
    multi: bool,
) -> list[tuple[float, tuple[int, ...]]]:
    """Yen's k most reliable loopless paths, each of at most ``max_hops`` hops.

    With ``multi`` the paths start at any of ``starts`` (a virtual root joins them), and
    a second path from another start is found by spurring at that root.

    References
    ----------
    J. Y. Yen, "Finding the k shortest loopless paths in a network", Management Science
    17(11):712–716, 1971.
    """
    dist = hop_dist(g, target, max_hops - 1)
    first = shortest(g, starts, target, max_hops, blocked, dist=dist)
    if first is None:
        return []
    accepted = [first]
    seen = {first[1]}
    heap: list[tuple[float, int, tuple[int, ...]]] = []
    while len(accepted) < k:
        for cand in _spurs(g, starts, target, max_hops, blocked, multi, accepted, dist):
            if cand[1] not in seen:
                seen.add(cand[1])
                heapq.heappush(heap, (cand[0], len(cand[1]), cand[1]))
        if not heap:
            break
        cost, _, path = heapq.heappop(heap)
        accepted.append((cost, path))
    return accepted


def _spurs(
    g: ContactGraph,
    starts: Sequence[int],
    target: int,
    max_hops: int,
    blocked: np.ndarray,
    multi: bool,
    accepted: list[tuple[float, tuple[int, ...]]],
    dist: np.ndarray,
) -> list[tuple[float, tuple[int, ...]]]:
    """Candidate paths spurring from every node of the last accepted path."""
    last = accepted[-1][1]
    out = []
    for i in range(-1 if multi else 0, len(last) - 1):
        if i == -1:
            used = {p[0] for _, p in accepted}
            found = shortest(
                g, [s for s in starts if s not in used], target, max_hops, blocked, dist=dist
            )
            if found is not None:
                out.append(found)
            continue
        root = last[: i + 1]
        banned = {(p[i], p[i + 1]) for _, p in accepted if p[: i + 1] == root}
        blk = blocked.copy()
        blk[list(root[:-1])] = True
        spur = shortest(g, [root[-1]], target, max_hops - i, blk, banned, dist)
        if spur is not None:
            out.append((path_cost(g, root) + spur[0], root[:-1] + spur[1]))
    return out


# ---------------------------------------------------------------------------- team-wide
@dataclass(frozen=True)
class TeamReach:
    """The best path from our whole team to everyone, from one hop-bounded search.

    Attributes
    ----------
    strength : numpy.ndarray
        Per person, the strength of the best path (0 when none, and for our own people).
    levels : Levels
        The search levels (see :func:`hop_search`), for :meth:`path`.
    max_hops : int
        The hop limit.
    """

    strength: np.ndarray
    levels: Levels
    max_hops: int
    #: Paths found by a search of their own (a per-target rule), instead of ``levels``.
    overrides: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def path(self, i: int) -> tuple[int, ...]:
        """Return the best path to person ``i`` (our person first), ``()`` when there is none."""
        if self.strength[i] <= 0:
            return ()
        if int(i) in self.overrides:
            return self.overrides[int(i)]
        found = path_to(self.levels, int(i), self.max_hops)
        return () if found is None else found[1]

    def paths(self, nodes: Sequence[int] | np.ndarray) -> list[tuple[int, ...]]:
        """Return :meth:`path` of each of ``nodes``, found level by level for all at once."""
        nodes = np.asarray(nodes, dtype=np.int64)
        out: list[tuple[int, ...]] = [()] * len(nodes)
        todo = np.flatnonzero(self.strength[nodes] > 0)
        if self.overrides:
            own = np.isin(nodes[todo], list(self.overrides))
            for j in todo[own].tolist():
                out[j] = self.overrides[int(nodes[j])]
            todo = todo[~own]
        top = min(self.max_hops, len(self.levels) - 1)
        last = np.full(len(todo), -1, dtype=np.int64)  # the latest level holding each node
        for lev in range(top, -1, -1):
            open_ = last < 0
            last[open_] = np.where(contains(self.levels[lev][0], nodes[todo[open_]]), lev, -1)
        for lev in np.unique(last[last >= 0]).tolist():
            group = todo[last == lev]
            steps = [nodes[group]]
            for down in range(lev, 0, -1):  # a predecessor was entered one level down
                at = np.searchsorted(self.levels[down][0], steps[-1])
                steps.append(self.levels[down][2][at])
            for j, path in zip(group.tolist(), np.stack(steps[::-1], axis=1).tolist(), strict=True):
                out[j] = tuple(path)
        return out


def team_reach(
    g: ContactGraph,
    starts: np.ndarray,
    blocked: np.ndarray,
    ours: np.ndarray,
    max_hops: int,
    stop: np.ndarray | None = None,
) -> TeamReach:
    """Best path from any of ``starts`` to everyone within ``max_hops`` (one search).

    ``stop`` people may end a path but are never a middle step of one.
    """
    levels = hop_search(g, starts, np.zeros(len(starts)), max_hops, blocked, stop=stop)
    cost = np.full(g.n, np.inf)
    for nodes, c, _ in levels:  # later levels only hold strict improvements
        cost[nodes] = np.minimum(cost[nodes], c)
    strength = np.where(np.isfinite(cost), np.exp(-cost), 0.0)
    strength[ours] = 0.0
    strength.flags.writeable = False
    return TeamReach(strength, levels, max_hops)


# ---------------------------------------------------------------------------- alternatives
@dataclass
class Forward:
    """Per person: the best and second-best direct tie from one of our people."""

    c1: np.ndarray
    s1: np.ndarray
    c2: np.ndarray
    s2: np.ndarray
    c_min: float


def forward_labels(g: ContactGraph, sources: np.ndarray) -> Forward:
    """Return the best and second-best direct edge from ``sources`` into every node."""
    n = g.n
    idx, cnt = g.edge_slots(sources)
    total = len(idx)
    src = np.repeat(sources, cnt)
    dst = g.indices[idx]
    cost = g.cost[idx]
    o = np.lexsort((src, cost, dst))
    src, dst, cost = src[o], dst[o], cost[o]
    c1, c2 = np.full(n, np.inf), np.full(n, np.inf)
    s1, s2 = np.full(n, -1, dtype=np.int64), np.full(n, -1, dtype=np.int64)
    if total:
        start = np.ones(total, bool)
        start[1:] = dst[1:] != dst[:-1]
        f = np.flatnonzero(start)
        c1[dst[f]], s1[dst[f]] = cost[f], src[f]
        second = f + 1
        ok = second < total
        ok[ok] &= ~start[second[ok]]
        sec = second[ok]
        c2[dst[sec]], s2[dst[sec]] = cost[sec], src[sec]
    finite = c1[np.isfinite(c1)]
    return Forward(c1, s1, c2, s2, float(finite.min()) if len(finite) else 0.0)


def backward_best(
    g: ContactGraph,
    fwd: Forward,
    target: int,
    avoid: Sequence[int],
    avoid_source: int,
    max_hops: int,
    blocked: np.ndarray,
    scratch: np.ndarray,
) -> tuple[float, tuple[int, ...]] | None:
    """Best path to ``target`` avoiding ``avoid`` and one source, searching from the target.

    The target's ball of ``max_hops - 1`` hops (never entering ``blocked``, which holds our
    people) is joined with each ball member's strongest direct edge from one of our people
    other than ``avoid_source``: exact for paths of at most ``max_hops`` hops, since our
    people are never a middle step.
    """
    avoid = [int(a) for a in avoid]
    patched: list[int] = []
    if avoid_source >= 0:
        nb = g.indices[g.indptr[avoid_source] : g.indptr[avoid_source + 1]]
        patched = [int(a) for a in nb[fwd.s1[nb] == avoid_source]]
    saved_c, saved_s = fwd.c1[patched].copy(), fwd.s1[patched].copy()
    fwd.c1[patched], fwd.s1[patched] = fwd.c2[patched], fwd.s2[patched]
    saved_b = blocked[avoid].copy()
    blocked[avoid] = True
    try:
        levels = hop_search(
            g.backward,
            np.array([target], dtype=np.int64),
            np.zeros(1),
            max_hops - 1,
            blocked,
            scratch=scratch,
            finish=fwd.c1,
            finish_min=fwd.c_min,
        )
        nodes = np.concatenate([lv[0] for lv in levels])
        costs = np.concatenate([lv[1] for lv in levels])
        total = costs + fwd.c1[nodes]
        if not len(total) or not np.isfinite(total).any():
            return None
        j = int(np.argmin(total))
        node = int(nodes[j])
        back = path_to(levels, node, max_hops - 1)
        assert back is not None
        return float(total[j]), (int(fwd.s1[node]), *reversed(back[1]))
    finally:
        blocked[avoid] = saved_b
        fwd.c1[patched], fwd.s1[patched] = saved_c, saved_s
