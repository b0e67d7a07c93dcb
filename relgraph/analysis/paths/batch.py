"""Many targeted searches at once: each target with people of its own that no route may pass.

The per-target rule of ``swayed_by`` (:mod:`~relgraph.analysis.paths.graph`: never ask the
people a target sways) makes every target's search a little different, so it cannot be one
team-wide search. :func:`reach_each` runs all of them in one pass: a search state is a pair
(target, person), kept as the integer key ``target_index * n + person``, and every level of
the level-by-level search of :func:`~relgraph.analysis.paths.search.hop_search` is a few
array operations over the states of all targets together.

Each target's states are limited to its *ball*: the people from whom it is within the hops
a route has left, through people who may be a middle step of a route to it. Anyone else
cannot be on a route to the target in time, so leaving them out changes nothing (the same
argument as ``hop_search``'s ``dist``), and the work follows the targets' neighbourhoods,
not the graph. The results are exactly those of :func:`~relgraph.analysis.paths.search.shortest`
per target: the same costs, and the same path where several tie.
"""

from __future__ import annotations

import numpy as np

from relgraph.analysis.paths.frontier import cheapest, contains, distinct
from relgraph.analysis.paths.graph import ContactGraph
from relgraph.analysis.paths.search import Forward, Levels
from relgraph.views import grouped_csr

__all__ = ["alternatives_each", "into_labelled", "reach_each"]

#: Targets searched together (bounds the memory of one pass).
_CHUNK = 512

#: One level of a batched search: state positions (sorted), their cost, their predecessor.
_Level = tuple[np.ndarray, np.ndarray, np.ndarray]


def reach_each(
    g: ContactGraph,
    team: Levels,
    targets: np.ndarray,
    max_hops: int,
    blocked: np.ndarray,
    forbid: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, list[tuple[int, ...]]]:
    """Best route to each of ``targets`` avoiding ``blocked`` and the target's own ``forbid``.

    Parameters
    ----------
    g : ContactGraph
        The graph searched.
    team : Levels
        The levels of the team-wide search on ``g`` from the starts
        (:attr:`~relgraph.analysis.paths.search.TeamReach.levels`): level 1 is every
        person's cheapest tie from a start, the same for every target, and the level where
        someone first appears bounds the hops from the starts to them from below.
    targets : numpy.ndarray
        Target positions (distinct). A target is always allowed as the end of its route.
    max_hops : int
        The hop limit (at least 1).
    blocked : numpy.ndarray of bool
        Who may not be a middle step of any route (our people, blocked people, stops).
    forbid : tuple of numpy.ndarray
        CSR lists ``(indptr, indices)`` over all positions: per target, the people who may
        not be a middle step of a route to it (sorted per row).

    Returns
    -------
    tuple
        Per target: the route's cost (``inf`` when there is none) and its path, start first
        (``()`` when none) — what :func:`~relgraph.analysis.paths.search.shortest` returns
        for ``(graph, starts, target, max_hops, blocked | forbidden, with the target open)``.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> from relgraph.analysis.paths.search import hop_search
    >>> g = ContactGraph.from_matrix(sp.csr_matrix(np.array(
    ...     [[0, .9, .5, 0], [.9, 0, 0, .9], [.5, 0, 0, .5], [0, .9, .5, 0]])))
    >>> ours = np.array([True, False, False, False])
    >>> team = hop_search(g, np.array([0]), np.zeros(1), 3, ours)
    >>> no_1 = (np.array([0, 0, 0, 0, 1]), np.array([1]))  # target 3 may not pass person 1
    >>> cost, paths = reach_each(g, team, np.array([3]), 3, ours, no_1)
    >>> paths
    [(0, 2, 3)]
    """
    targets = np.asarray(targets, dtype=np.int64)
    near = np.full(g.n, max_hops + 1, dtype=np.int64)  # hops from the starts, at least
    for lev in range(min(len(team), max_hops + 1) - 1, -1, -1):
        near[team[lev][0]] = lev
    cost = np.full(len(targets), np.inf)
    paths: list[tuple[int, ...]] = [()] * len(targets)
    if len(team) < 2 or max_hops < 1:
        return cost, paths  # nobody is a hop from the starts
    for lo in range(0, len(targets), _CHUNK):
        part = targets[lo : lo + _CHUNK]
        c, p = _reach_chunk(g, team[1], part, max_hops, (blocked, near), forbid)
        cost[lo : lo + len(part)] = c
        paths[lo : lo + len(part)] = p
    return cost, paths


def _reach_chunk(
    g: ContactGraph,
    first: tuple[np.ndarray, np.ndarray, np.ndarray],
    targets: np.ndarray,
    max_hops: int,
    limits: tuple[np.ndarray, np.ndarray],
    forbid: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, list[tuple[int, ...]]]:
    n = g.n
    keys, dist = _balls(g, targets, max_hops, limits, forbid)
    tix = keys // n
    node = keys % n
    home = np.searchsorted(keys, np.arange(len(targets), dtype=np.int64) * n + targets)
    best = np.full(len(keys), np.inf)
    ub = np.full(len(targets), np.inf)  # best cost at each target so far
    levels = [_first_level(first, node, dist, max_hops)]
    best[levels[0][0]] = levels[0][1]
    _bound(ub, levels[0], home)
    for hop in range(2, max_hops + 1):
        pos, fcost = levels[-1][0], levels[-1][1]
        live = (fcost < ub[tix[pos]]) & (dist[pos] > 0)  # a target's own state does not go on
        front, states = pos[live], (keys, dist, best, ub)
        step = _step(g, states, tix[front], node[front], fcost[live], max_hops - hop)
        if step is None:
            break
        best[step[0]] = step[1]
        _bound(ub, step, home)
        levels.append(step)
    return ub, _paths(keys, node, levels, home, n)


def _balls(
    g: ContactGraph,
    targets: np.ndarray,
    max_hops: int,
    limits: tuple[np.ndarray, np.ndarray],
    forbid: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """States (sorted keys) that can be on a route to their target in time, and their hops.

    A state is a person who may be a middle step of a route to the target (or the target),
    ``h`` hops from it backwards through such people, and at least ``max_hops - h`` hops
    from the starts (``limits``: who is blocked, and the hops from the starts at least).
    """
    n = g.n
    blocked, near = limits
    back = g.backward
    indptr, indices = forbid
    fkeys = _forbid_keys(targets, indptr, indices, n)
    front = np.arange(len(targets), dtype=np.int64) * n + targets
    keys = np.sort(front)
    dist = np.zeros(len(keys), dtype=np.int64)
    for h in range(1, max_hops):
        idx, cnt = back.edge_slots(front % n)
        if not len(idx):
            break
        person = back.indices[idx]
        ok = ~blocked[person] & (near[person] <= max_hops - h)
        new = np.repeat(front // n, cnt)[ok] * n + person[ok]
        new = distinct(new[~contains(keys, new) & ~contains(fkeys, new)])
        if not len(new):
            break
        keys = np.concatenate([keys, new])
        dist = np.concatenate([dist, np.full(len(new), h, dtype=np.int64)])
        order = np.argsort(keys, kind="stable")
        keys, dist = keys[order], dist[order]
        front = new
    return keys, dist


def _forbid_keys(
    targets: np.ndarray, indptr: np.ndarray, indices: np.ndarray, n: int
) -> np.ndarray:
    """Sorted keys ``target_index * n + person`` of the people each target forbids."""
    lo = indptr[targets]
    cnt = indptr[targets + 1] - lo
    total = int(cnt.sum())
    slots = np.repeat(lo - np.cumsum(cnt) + cnt, cnt) + np.arange(total)
    out: np.ndarray = np.repeat(np.arange(len(targets), dtype=np.int64), cnt) * n + indices[slots]
    return np.sort(out)


def _first_level(
    first: tuple[np.ndarray, np.ndarray, np.ndarray],
    node: np.ndarray,
    dist: np.ndarray,
    max_hops: int,
) -> _Level:
    """Level 1: each state's cheapest tie from a start (the same for every target)."""
    nodes, cost, pred = first
    pos = np.flatnonzero(contains(nodes, node) & (dist <= max_hops - 1))
    at = np.searchsorted(nodes, node[pos])
    return pos, cost[at], pred[at]


def _bound(ub: np.ndarray, level: _Level, home: np.ndarray) -> None:
    """Lower each target's best cost by its own state in ``level``."""
    hit = contains(level[0], home)
    ub[hit] = level[1][np.searchsorted(level[0], home[hit])]


def _step(
    g: ContactGraph,
    states: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    tix: np.ndarray,
    node: np.ndarray,
    fcost: np.ndarray,
    hops_left: int,
) -> _Level | None:
    """One level: every edge leaving the frontier into a state, the cheapest per state.

    ``states`` holds the keys, their hops to the target, their best cost so far and each
    target's best cost; a state is entered when it can still reach its target in
    ``hops_left`` hops and is strictly cheaper than before and than its target's best.
    """
    keys, dist, best, ub = states
    idx, cnt = g.edge_slots(node)
    if not len(idx):
        return None
    t = np.repeat(tix, cnt)
    cand = np.repeat(fcost, cnt) + g.cost[idx]
    prv = np.repeat(node, cnt)
    want = t * g.n + g.indices[idx]
    at = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
    keep = (keys[at] == want) & (dist[at] <= hops_left)
    keep &= (cand < best[at]) & (cand < ub[t])
    if not keep.any():
        return None
    return cheapest(at[keep], cand[keep], prv[keep], len(keys))


def _paths(
    keys: np.ndarray, node: np.ndarray, levels: list[_Level], home: np.ndarray, n: int
) -> list[tuple[int, ...]]:
    """Each target's path: back from its latest entry, one level down per hop."""
    last = np.full(len(home), -1, dtype=np.int64)  # the latest level holding each target
    for lev in range(len(levels) - 1, -1, -1):
        open_ = last < 0
        last[open_] = np.where(contains(levels[lev][0], home[open_]), lev, -1)
    out: list[tuple[int, ...]] = [()] * len(home)
    for lev in np.unique(last[last >= 0]).tolist():
        group = np.flatnonzero(last == lev)
        state = home[group]
        steps = [node[state]]
        for down in range(lev, -1, -1):  # a predecessor was entered one level down
            pred = levels[down][2][np.searchsorted(levels[down][0], state)]
            steps.append(pred)
            if down:
                state = np.searchsorted(keys, group * n + pred)
        for j, path in zip(group.tolist(), np.stack(steps[::-1], axis=1).tolist(), strict=True):
            out[j] = tuple(path)
    return out


# ---------------------------------------------------------------------------- alternatives
def into_labelled(g: ContactGraph, fwd: Forward) -> ContactGraph:
    """``g.backward`` with only its edges into people a start has a direct edge to.

    The last level of a search from a target (:func:`alternatives_each`) keeps only such
    people (a finite ``Forward`` label of :mod:`~relgraph.analysis.paths.search`), so it reads
    these few edges instead of all. Built from the starts' neighbours' own edges: the
    backward edge ``x → y`` is the edge ``y → x`` of ``g``, with the same strength.
    """
    labelled = np.flatnonzero(np.isfinite(fwd.c1))
    idx, cnt = g.edge_slots(labelled)
    y = np.repeat(labelled, cnt)
    mat = grouped_csr(g.indices[idx], y, idx, (g.n, g.n))  # rows x; y ascending in each
    slots = mat.data
    return ContactGraph(
        g.n,
        mat.indptr.astype(np.int64),
        mat.indices.astype(np.int64),
        g.strength[slots],
        g.cost[slots],
    )


def alternatives_each(
    g: ContactGraph,
    fwd: Forward,
    targets: np.ndarray,
    sources: np.ndarray,
    max_hops: int,
    blocked: np.ndarray,
    avoid: tuple[np.ndarray, np.ndarray],
    into: ContactGraph | None = None,
) -> tuple[np.ndarray, list[tuple[int, ...]]]:
    """``backward_best`` (:mod:`~relgraph.analysis.paths.search`) for many targets in one pass.

    Parameters
    ----------
    g : ContactGraph
        The graph searched (its edges are followed backwards from each target).
    fwd : Forward
        Every person's best and second-best direct edge from a start.
    targets : numpy.ndarray
        Target positions.
    sources : numpy.ndarray
        Per target: the start its route may not use (``-1`` for none).
    max_hops : int
        The hop limit of a whole route (at least 1).
    blocked : numpy.ndarray of bool
        Who may not be a step of any route (it must hold the starts).
    avoid : tuple of numpy.ndarray
        CSR lists ``(indptr, indices)``, one row per target: who its route may not pass.
    into : ContactGraph, optional
        :func:`into_labelled` of ``g`` and ``fwd``, for a faster last level.

    Returns
    -------
    tuple
        Per target: the route's cost (``inf`` when there is none) and its path, start first
        (``()`` when none) — what ``backward_best`` returns for each target alone.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> from relgraph.analysis.paths.search import forward_labels
    >>> g = ContactGraph.from_matrix(sp.csr_matrix(np.array(
    ...     [[0, .9, .5, 0], [.9, 0, 0, .9], [.5, 0, 0, .5], [0, .9, .5, 0]])))
    >>> fwd = forward_labels(g, np.array([0]))
    >>> ours = np.array([True, False, False, False])
    >>> no_1 = (np.array([0, 1]), np.array([1]))  # the route to 3 may not pass person 1
    >>> cost, paths = alternatives_each(g, fwd, np.array([3]), np.array([-1]), 3, ours, no_1)
    >>> paths
    [(0, 2, 3)]
    """
    targets = np.asarray(targets, dtype=np.int64)
    sources = np.asarray(sources, dtype=np.int64)
    cost = np.full(len(targets), np.inf)
    paths: list[tuple[int, ...]] = [()] * len(targets)
    for lo in range(0, len(targets), _CHUNK):
        part = slice(lo, lo + _CHUNK)
        keys = _row_keys(avoid, lo, len(targets[part]), g.n)
        search = _Backward(g, fwd, sources[part], blocked, keys, into)
        c, p = search.run(targets[part], max_hops - 1)
        cost[part] = c
        paths[part] = p
    return cost, paths


def _row_keys(rows: tuple[np.ndarray, np.ndarray], lo: int, m: int, n: int) -> np.ndarray:
    """Sorted keys ``k * n + person`` of rows ``lo .. lo + m - 1`` (``k`` counted from 0)."""
    indptr, indices = rows
    start = indptr[lo : lo + m]
    cnt = indptr[lo + 1 : lo + m + 1] - start
    slots = np.repeat(start - np.cumsum(cnt) + cnt, cnt) + np.arange(int(cnt.sum()))
    return np.sort(np.repeat(np.arange(m, dtype=np.int64), cnt) * n + indices[slots])


class _Backward:
    """Searches from many targets at once; a state is ``k * n + person`` (target ``k``)."""

    def __init__(
        self,
        g: ContactGraph,
        fwd: Forward,
        sources: np.ndarray,
        blocked: np.ndarray,
        avoid: np.ndarray,
        into: ContactGraph | None,
    ) -> None:
        self.g, self.fwd, self.sources, self.blocked, self.avoid = g, fwd, sources, blocked, avoid
        self.into = into

    def finish(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Cost and start of each state's best direct edge from a start other than its own."""
        node = keys % self.g.n
        own = self.fwd.s1[node] == self.sources[keys // self.g.n]
        fwd = self.fwd
        return np.where(own, fwd.c2[node], fwd.c1[node]), np.where(own, fwd.s2[node], fwd.s1[node])

    def run(self, targets: np.ndarray, depth: int) -> tuple[np.ndarray, list[tuple[int, ...]]]:
        """Level by level as ``hop_search`` with a ``finish``, each target with its own bound."""
        n, fmin = self.g.n, self.fwd.c_min
        keys = np.arange(len(targets), dtype=np.int64) * n + targets
        fcost = np.zeros(len(targets))
        levels: list[_Level] = [(keys, fcost, np.full(len(keys), -1, dtype=np.int64))]
        self.seen, self.best = keys, fcost.copy()  # every state entered, and its best cost
        ub = self.finish(keys)[0] + fcost  # per target: the best route completed so far
        for level in range(depth):
            live = fcost + fmin < ub[keys // n]
            keys, fcost = keys[live], fcost[live]
            if not len(keys):
                break
            step = self._relax(keys, fcost, ub, depth - level - 1)
            if step is None:
                break
            levels.append(step)
            keys, fcost = step[0], step[1]
            np.minimum.at(ub, keys // n, fcost + self.finish(keys)[0])
        return self._best(levels, len(targets))

    def _relax(
        self, keys: np.ndarray, fcost: np.ndarray, ub: np.ndarray, hops_left: int
    ) -> _Level | None:
        n, fmin = self.g.n, self.fwd.c_min
        graph = self.into if hops_left == 0 and self.into is not None else self.g.backward
        node = keys % n
        idx, cnt = graph.edge_slots(node)
        if not len(idx):
            return None
        k = np.repeat(keys // n, cnt)
        nbr = graph.indices[idx]
        cand = np.repeat(fcost, cnt) + graph.cost[idx]
        keep = ~self.blocked[nbr] & (cand + fmin < ub[k])  # the cheap tests first
        want, cand, prv = k[keep] * n + nbr[keep], cand[keep], np.repeat(node, cnt)[keep]
        at = np.minimum(np.searchsorted(self.seen, want), len(self.seen) - 1)
        known = self.seen[at] == want
        keep = cand < np.where(known, self.best[at], np.inf)
        keep &= ~contains(self.avoid, want)
        if hops_left == 0:
            keep &= np.isfinite(self.finish(want)[0])
        if not keep.any():
            return None
        want, cand, prv = want[keep], cand[keep], prv[keep]
        o = np.lexsort((prv, cand, want))  # per state: the cheapest, then the lowest predecessor
        want, cand, prv = want[o], cand[o], prv[o]
        first = np.ones(len(want), dtype=bool)
        first[1:] = want[1:] != want[:-1]
        step = want[first], cand[first], prv[first]
        self._enter(step[0], step[1])
        return step

    def _enter(self, keys: np.ndarray, cost: np.ndarray) -> None:
        at = np.minimum(np.searchsorted(self.seen, keys), len(self.seen) - 1)
        known = self.seen[at] == keys
        self.best[at[known]] = cost[known]
        seen = np.concatenate([self.seen, keys[~known]])
        order = np.argsort(seen, kind="stable")
        self.seen, self.best = seen[order], np.concatenate([self.best, cost[~known]])[order]

    def _best(self, levels: list[_Level], m: int) -> tuple[np.ndarray, list[tuple[int, ...]]]:
        """Per target: the cheapest completed route, the first in level and person order."""
        n = self.g.n
        keys = np.concatenate([lv[0] for lv in levels])
        lev = np.repeat(np.arange(len(levels)), [len(lv[0]) for lv in levels])
        total = np.concatenate([lv[1] for lv in levels]) + self.finish(keys)[0]
        ok = np.isfinite(total)
        keys, lev, total = keys[ok], lev[ok], total[ok]
        o = np.lexsort((keys % n, lev, total, keys // n))
        first = np.ones(len(o), dtype=bool)
        first[1:] = keys[o][1:] // n != keys[o][:-1] // n
        chosen, cost = keys[o][first], total[o][first]
        out_cost = np.full(m, np.inf)
        out_cost[chosen // n] = cost
        paths: list[tuple[int, ...]] = [()] * m
        start = self.finish(chosen)[1]
        trace = _trace(levels, chosen, n)
        for key, s, path in zip(chosen.tolist(), start.tolist(), trace, strict=True):
            paths[key // n] = (s, *path)
        return out_cost, paths


def _trace(levels: list[_Level], chosen: np.ndarray, n: int) -> list[list[int]]:
    """Each chosen state's people back to its target, from the latest level holding it."""
    last = np.full(len(chosen), -1, dtype=np.int64)
    for lev in range(len(levels) - 1, -1, -1):
        open_ = last < 0
        last[open_] = np.where(contains(levels[lev][0], chosen[open_]), lev, -1)
    out: list[list[int]] = [[] for _ in chosen]
    for lev in np.unique(last).tolist():
        group = np.flatnonzero(last == lev)
        state = chosen[group]
        steps = [state % n]
        for down in range(lev, 0, -1):  # a predecessor was entered one level down
            pred = levels[down][2][np.searchsorted(levels[down][0], state)]
            steps.append(pred)
            state = state // n * n + pred
        for j, path in zip(group.tolist(), np.stack(steps, axis=1).tolist(), strict=True):
            out[j] = path
    return out
