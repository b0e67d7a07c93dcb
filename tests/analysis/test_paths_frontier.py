"""The level selection of the route searches equals the sorting reference on random input."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from relgraph.analysis.paths.frontier import cheapest


def reference(
    node: np.ndarray, cost: np.ndarray, pred: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per node the lowest cost, then the lowest predecessor (a plain sort)."""
    best: dict[int, tuple[float, int]] = {}
    for a, c, p in zip(node.tolist(), cost.tolist(), pred.tolist(), strict=True):
        if a not in best or (c, p) < best[a]:
            best[a] = (c, p)
    keys = sorted(best)
    return (
        np.array(keys, dtype=np.int64),
        np.array([best[k][0] for k in keys], dtype=float),
        np.array([best[k][1] for k in keys], dtype=np.int64),
    )


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(1, 40),
    size=st.integers(0, 300),
    levels=st.integers(1, 4),  # few distinct costs: many ties to break
    seed=st.integers(0, 10_000),
)
def test_cheapest_equals_the_sorting_reference(n: int, size: int, levels: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    node = rng.integers(0, n, size)
    cost = rng.integers(0, levels, size) * 0.25 + 0.1
    pred = rng.integers(0, 50, size)
    want = reference(node, cost, pred)
    # small sets take the sort, large ones (≥ n/64 entries) the dense scatter-minimum
    got = cheapest(node, cost, pred, n)
    for g, w in zip(got, want, strict=True):
        np.testing.assert_array_equal(g, w)
    sparse = cheapest(node, cost, pred, max(n, 64 * size + 1))  # forces the sorting path
    for g, w in zip(sparse, want, strict=True):
        np.testing.assert_array_equal(g, w)
