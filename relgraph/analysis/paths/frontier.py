"""One step of a level-by-level search: the cheapest way into each node, ties to the lowest.

:func:`cheapest` is the selection at the heart of :func:`relgraph.analysis.paths.search.hop_search`:
of all candidate entries ``(node, cost, predecessor)`` it keeps, per node, the lowest cost
and, among equal costs, the lowest predecessor. Small candidate sets are sorted; large ones
(a whole level of a team-wide search, millions of edges) take two scatter-minimum passes
over dense per-node arrays instead, O(candidates) rather than O(candidates · log).
"""

from __future__ import annotations

import numpy as np

from relgraph.analysis.paths.graph import ContactGraph

__all__ = ["cheapest", "contains", "distinct", "entering", "level_edges"]

#: Above this share of the nodes, candidates are reduced with dense per-node arrays.
_DENSE_SHARE = 1 / 64
#: Above this share of the edges, a level reads every edge of the graph in storage order.
_ALL_EDGES_SHARE = 1 / 3
_NO_PRED = np.iinfo(np.int64).max


def cheapest(
    node: np.ndarray, cost: np.ndarray, pred: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per node: the lowest cost and, among equal costs, the lowest predecessor.

    Parameters
    ----------
    node, cost, pred : numpy.ndarray
        Candidate entries (node positions below ``n``, finite costs, predecessors ≥ 0).
    n : int
        Number of nodes.

    Returns
    -------
    tuple of numpy.ndarray
        ``(nodes, costs, preds)``, one entry per distinct node, nodes ascending.

    Examples
    --------
    >>> import numpy as np
    >>> out = cheapest(np.array([3, 1, 3, 3]), np.array([0.5, 0.2, 0.4, 0.4]),
    ...                np.array([7, 2, 9, 8]), 5)
    >>> [a.tolist() for a in out]
    [[1, 3], [0.2, 0.4], [2, 8]]
    """
    if len(node) < n * _DENSE_SHARE:
        o = np.lexsort((pred, cost, node))
        node, cost, pred = node[o], cost[o], pred[o]
        first = np.ones(len(node), bool)
        first[1:] = node[1:] != node[:-1]
        return node[first], cost[first], pred[first]
    low = np.full(n, np.inf)
    np.minimum.at(low, node, cost)
    hit = cost == low[node]
    best_pred = np.full(n, _NO_PRED, dtype=np.int64)
    np.minimum.at(best_pred, node[hit], pred[hit])
    nodes = np.flatnonzero(best_pred != _NO_PRED)
    return nodes, low[nodes], best_pred[nodes]


def entering(
    node: np.ndarray, cost: np.ndarray, best: np.ndarray, blocked: np.ndarray
) -> np.ndarray:
    """Which candidates improve on ``best`` at a node that is not ``blocked`` (a mask).

    Many candidates (a level over most of the graph) read one per-node threshold, ``best``
    with ``-inf`` at blocked nodes, instead of two per-node arrays.

    Examples
    --------
    >>> entering(np.array([0, 1, 1]), np.array([1.0, 1.0, 3.0]),
    ...          np.array([2.0, 2.0]), np.array([True, False])).tolist()
    [False, True, False]
    """
    if len(node) * 8 > len(best):
        return cost < np.where(blocked, -np.inf, best)[node]
    keep = cost < best[node]
    keep &= ~blocked[node]
    return keep


def level_edges(
    g: ContactGraph, front: np.ndarray, fcost: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Every edge leaving a sorted frontier: ``(neighbour, cost through it, predecessor)``.

    Edges come row by row in the frontier's order (``None`` when there are none). When the
    frontier's edges are a large share of the graph, every edge is returned in storage
    order instead — the same order, since the frontier is sorted — with cost ``inf`` for
    edges not leaving the frontier, which saves gathering the frontier's edge positions.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> g = ContactGraph.from_matrix(sp.csr_matrix([[0, .5, 0], [.5, 0, .25], [0, .25, 0]]))
    >>> nbr, cost, pred = level_edges(g, np.array([1]), np.array([0.0]))
    >>> nbr.tolist(), pred.tolist(), np.isfinite(cost).tolist()  # a large share: all edges
    ([1, 0, 2, 1], [0, 1, 1, 2], [False, True, True, False])
    """
    lo = g.indptr[front]
    cnt = g.indptr[front + 1] - lo
    total = int(cnt.sum())
    if not total:
        return None
    if total < len(g.indices) * _ALL_EDGES_SHARE:  # the frontier's edges, row by row
        idx = np.repeat(lo - np.cumsum(cnt) + cnt, cnt) + np.arange(total)
        rep = np.repeat(np.arange(len(front)), cnt)
        return g.indices[idx], fcost[rep] + g.cost[idx], front[rep]
    at = np.full(g.n, np.inf)
    at[front] = fcost
    rows = g.rows()
    cand = at[rows]
    cand += g.cost
    return g.indices, cand, rows


def contains(sorted_values: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Which of ``values`` are in ``sorted_values`` (a mask, by binary search).

    Examples
    --------
    >>> contains(np.array([2, 5, 9]), np.array([5, 1, 9, 10])).tolist()
    [True, False, True, False]
    """
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    out: np.ndarray = sorted_values[at] == values
    return out


def distinct(values: np.ndarray) -> np.ndarray:
    """Return the distinct values, sorted (one sort: faster than :func:`numpy.unique` here).

    Examples
    --------
    >>> distinct(np.array([3, 1, 3, 2, 1])).tolist()
    [1, 2, 3]
    """
    values = np.sort(values)
    keep = np.ones(len(values), dtype=bool)
    keep[1:] = values[1:] != values[:-1]
    out: np.ndarray = values[keep]
    return out
