"""Tests for relgraph.analysis.paths.batch: many targeted searches in one pass."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from relgraph.analysis.paths.batch import alternatives_each, into_labelled, reach_each
from relgraph.analysis.paths.graph import ContactGraph
from relgraph.analysis.paths.search import backward_best, forward_labels, shortest, team_reach


def _graph(n: int, m: int, seed: int, directed: bool = False) -> ContactGraph:
    rng = np.random.default_rng(seed)
    u, v = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = u != v
    # strengths from a few values, so that many routes tie in cost
    s = rng.choice([0.3, 0.5, 0.6, 0.9], m)[keep]
    mat = sp.coo_matrix((s, (u[keep], v[keep])), shape=(n, n)).tocsr()
    mat.sum_duplicates()
    mat.data = np.minimum(mat.data, 0.95)
    if not directed:
        mat = mat.maximum(mat.T)
    return ContactGraph.from_matrix(mat, directed=directed)


def _sides(n: int, n_ours: int, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """Our people (the first ``n_ours``), some on the other side, and who is no middle step."""
    ours = np.zeros(n, bool)
    ours[:n_ours] = True
    stops = rng.random(n) < 0.1
    stops[ours] = False
    return ours, stops, ours | stops  # nobody of the last is a middle step


@pytest.mark.parametrize(
    ("seed", "max_hops", "directed"), [(0, 4, False), (1, 3, False), (2, 5, True)]
)
def test_reach_each_matches_one_search_per_target(seed: int, max_hops: int, directed: bool) -> None:
    n = 160
    g = _graph(n, 420, seed, directed)
    rng = np.random.default_rng(seed + 10)
    ours, stops, blocked = _sides(n, 6, rng)
    starts = np.flatnonzero(ours)
    team = team_reach(g, starts, ours, ours, max_hops, stops)
    # each person forbids a few others (their own "swayed" people)
    rows = [np.unique(rng.integers(0, n, rng.integers(0, 6))) for _ in range(n)]
    rows = [r[r != i] for i, r in enumerate(rows)]
    indptr = np.concatenate([[0], np.cumsum([len(r) for r in rows])]).astype(np.int64)
    forbid = (indptr, np.concatenate(rows).astype(np.int64))
    targets = np.flatnonzero(team.strength > 0)
    assert len(targets) > 50
    cost, paths = reach_each(g, team.levels, targets, max_hops, blocked, forbid)
    found_some = 0
    for t, c, p in zip(targets.tolist(), cost.tolist(), paths, strict=True):
        mask = blocked.copy()
        mask[rows[t]] = True
        mask[t] = False  # the target may always end its route
        want = shortest(g, starts.tolist(), t, max_hops, mask)
        if want is None:
            assert p == () and c == np.inf
        else:
            found_some += 1
            assert p == want[1] and c == want[0]
            assert not set(p[1:-1]) & set(rows[t].tolist())
    assert found_some > 20


def test_reach_each_with_no_targets_or_no_first_hop() -> None:
    g = _graph(20, 40, 3)
    ours = np.zeros(20, bool)
    ours[0] = True
    team = team_reach(g, np.array([0]), ours, ours, 3)
    empty = (np.zeros(21, dtype=np.int64), np.zeros(0, dtype=np.int64))
    cost, paths = reach_each(g, team.levels, np.array([], dtype=np.int64), 3, ours, empty)
    assert len(cost) == 0 and paths == []
    cost, paths = reach_each(g, team.levels[:1], np.array([5]), 3, ours, empty)
    assert cost.tolist() == [np.inf] and paths == [()]


def test_team_reach_paths_match_one_by_one() -> None:
    g = _graph(200, 500, 4)
    ours = np.zeros(200, bool)
    ours[:5] = True
    stops = np.zeros(200, bool)
    stops[50:60] = True
    reach = team_reach(g, np.flatnonzero(ours), ours, ours, 4, stops)
    everyone = np.arange(200)
    assert reach.paths(everyone) == [reach.path(i) for i in everyone]
    assert sum(1 for p in reach.paths(everyone) if len(p) > 2) > 20


@pytest.mark.parametrize(
    ("seed", "max_hops", "directed"),
    [(0, 4, False), (1, 3, False), (2, 5, True), (3, 2, False), (4, 1, False), (5, 4, True)],
)
def test_alternatives_each_matches_one_backward_search_per_target(
    seed: int, max_hops: int, directed: bool
) -> None:
    n = 180
    g = _graph(n, 520, seed, directed)
    rng = np.random.default_rng(seed + 20)
    ours, _, blocked = _sides(n, 8, rng)
    starts = np.flatnonzero(ours)
    fwd = forward_labels(g, starts)
    targets = np.flatnonzero(~ours)
    # each target avoids a few people, and one start (or none: -1)
    rows = [np.unique(rng.integers(8, n, rng.integers(0, 5))) for _ in targets]
    rows = [r[r != t] for r, t in zip(rows, targets, strict=True)]
    sources = np.where(rng.random(len(targets)) < 0.8, rng.integers(0, 8, len(targets)), -1)
    indptr = np.concatenate([[0], np.cumsum([len(r) for r in rows])]).astype(np.int64)
    avoid = (indptr, np.concatenate(rows).astype(np.int64))
    want = []
    for t, r, s in zip(targets.tolist(), rows, sources.tolist(), strict=True):
        scratch = np.full(n, np.inf)
        want.append(backward_best(g, fwd, t, r.tolist(), s, max_hops, blocked.copy(), scratch))
    found = [w for w in want if w is not None]
    assert len(found) > 30
    assert max_hops <= 2 or sum(1 for w in found if len(w[1]) > 3) > 10  # routes of 3+ hops
    for into in (None, into_labelled(g, fwd)):
        cost, paths = alternatives_each(g, fwd, targets, sources, max_hops, blocked, avoid, into)
        for w, c, p in zip(want, cost.tolist(), paths, strict=True):
            assert (c, p) == ((np.inf, ()) if w is None else w)


def test_alternatives_each_in_chunks_and_with_no_targets(monkeypatch: pytest.MonkeyPatch) -> None:
    from relgraph.analysis.paths import batch

    g = _graph(120, 400, 6)
    ours = np.zeros(120, bool)
    ours[:5] = True
    fwd = forward_labels(g, np.flatnonzero(ours))
    targets = np.arange(5, 120)
    sources = np.zeros(len(targets), dtype=np.int64)
    avoid = (np.zeros(len(targets) + 1, dtype=np.int64), np.zeros(0, dtype=np.int64))
    whole = alternatives_each(g, fwd, targets, sources, 4, ours, avoid)
    monkeypatch.setattr(batch, "_CHUNK", 7)
    cost, paths = alternatives_each(g, fwd, targets, sources, 4, ours, avoid)
    assert paths == whole[1] and cost.tolist() == whole[0].tolist()
    assert sum(1 for p in paths if p) > 50
    empty = alternatives_each(g, fwd, targets[:0], sources[:0], 4, ours, avoid)
    assert len(empty[0]) == 0 and empty[1] == []
