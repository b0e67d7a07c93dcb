"""The array builders of relgraph.views equal plain (sorting) references on random input."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st

from relgraph.views import (
    PairIndex,
    SwayTies,
    _grouped_by_transposition,
    grouped_csr,
    max_csr,
    normalised,
    strongest_ties,
)

entries = st.lists(
    st.tuples(st.integers(0, 9), st.integers(0, 9), st.floats(0.0, 1.0)), max_size=60
)


def _arrays(data: list[tuple[int, int, float]], n: int) -> tuple[np.ndarray, ...]:
    u = np.array([a % n for a, _, _ in data], dtype=np.int32)
    v = np.array([b % n for _, b, _ in data], dtype=np.int32)
    w = np.array([x for _, _, x in data], dtype=float)
    return u, v, w


def _rows_in_input_order(mat: sp.csr_matrix) -> list[list[tuple[int, float]]]:
    return [
        list(zip(mat.indices[a:b].tolist(), mat.data[a:b].tolist(), strict=True))
        for a, b in zip(mat.indptr[:-1], mat.indptr[1:], strict=True)
    ]


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 10), data=entries)
def test_grouped_csr_keeps_every_entry_in_input_order(
    n: int, data: list[tuple[int, int, float]]
) -> None:
    u, v, w = _arrays(data, n)
    want: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for a, b, x in zip(u.tolist(), v.tolist(), w.tolist(), strict=True):
        want[a].append((b, x))  # duplicates kept, not summed
    for build in (grouped_csr, _grouped_by_transposition):
        got = build(u, v, w, (n, n))
        assert got.shape == (n, n) and got.nnz == len(data)
        assert _rows_in_input_order(got) == want
        if len(data):  # a product reads duplicates as their sum
            summed = sp.coo_matrix((w, (u, v)), shape=(n, n)).toarray()
            np.testing.assert_allclose(got.toarray(), summed)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 10), data=entries)
def test_symmetric_max_csr_equals_both_directions_entered(
    n: int, data: list[tuple[int, int, float]]
) -> None:
    u, v, w = _arrays(data, n)
    w[::4] = np.nan  # NaN wins only when all of a pair's weights are NaN
    both = max_csr(np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w]), n)
    got = max_csr(u, v, w, n, symmetric=True)
    assert got.has_canonical_format
    for a, b in ((got.indptr, both.indptr), (got.indices, both.indices)):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(got.data, both.data)
    seen: dict[tuple[int, int], list[float]] = {}
    for a, b, x in zip(u.tolist(), v.tolist(), w.tolist(), strict=True):
        for key in ((a, b), (b, a)):
            seen.setdefault(key, []).append(x)
    rows = np.repeat(np.arange(n), np.diff(got.indptr)).tolist()
    assert sorted(seen) == sorted(zip(rows, got.indices.tolist(), strict=True))
    for (i, j), x in zip(zip(rows, got.indices.tolist(), strict=True), got.data, strict=True):
        np.testing.assert_array_equal(x, np.fmax.reduce(np.array(seen[(i, j)])))


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 10), data=entries)
def test_pair_index_finds_every_tie_of_a_pair(n: int, data: list[tuple[int, int, float]]) -> None:
    u, v, w = _arrays(data, n)
    index = PairIndex.build(u.astype(np.int64), v.astype(np.int64), n)
    key = np.minimum(u, v).astype(np.int64) * n + np.maximum(u, v)
    np.testing.assert_array_equal(index.keys, np.sort(key))  # the argsort reference
    for i in range(n):
        for j in range(n):
            want = np.flatnonzero(((u == i) & (v == j)) | ((u == j) & (v == i)))
            np.testing.assert_array_equal(index.between(i, j), want)
    usable = np.arange(len(u)) % 3 != 0
    src, dst = np.arange(n).repeat(n), np.tile(np.arange(n), n)
    got = index.strongest(src, dst, w, usable)
    for q, (i, j) in enumerate(zip(src.tolist(), dst.tolist(), strict=True)):
        rows = [r for r in index.between(i, j).tolist() if usable[r] and w[r] > 0]
        best = min(rows, key=lambda r: (-w[r], r)) if rows else -1
        assert got[q] == best


def _reference_sway(
    u: np.ndarray, v: np.ndarray, f: np.ndarray, b: np.ndarray, n: int, drop: np.ndarray
) -> np.ndarray:
    R = np.zeros((n, n))
    for a, c, x, y in zip(u.tolist(), v.tolist(), f.tolist(), b.tolist(), strict=True):
        if a == c or drop[a] or drop[c]:
            continue
        R[c, a] += x if x > 0 else 0.0
        R[a, c] += y if y > 0 else 0.0
    total = R.sum(axis=1)
    out = np.divide(R, total[:, None], out=np.zeros_like(R), where=total[:, None] > 0)
    empty = np.flatnonzero(total <= 0)
    out[empty, empty] = 1.0
    return out


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 9), data=entries, seed=st.integers(0, 1000))
@example(n=2, data=[(0, 0, 0.0), (0, 1, 5e-324)], seed=0)  # 1 / rowsum overflows
def test_sway_matrix_equals_the_dense_reference(
    n: int, data: list[tuple[int, int, float]], seed: int
) -> None:
    u, v, f = _arrays(data, n)
    rng = np.random.default_rng(seed)
    b = np.where(rng.random(len(f)) < 0.3, 0.0, rng.random(len(f)))
    drop = rng.random(n) < 0.2
    u64, v64 = u.astype(np.int64), v.astype(np.int64)
    t = SwayTies.build(u64, v64, f, b, n, drop)
    W, empty = normalised(t.matrix(), t.scale), t.empty
    assert W.has_canonical_format
    want = _reference_sway(u64, v64, f, b, n, drop)
    np.testing.assert_allclose(W.toarray(), want, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(empty, np.diag(want) == 1.0)


def _random_sway(
    n: int, data: list[tuple[int, int, float]], seed: int
) -> tuple[SwayTies, np.random.Generator]:
    """Sway ties from hypothesis' entries: a third of the backward weights 0, a fifth dropped."""
    u, v, f = _arrays(data, n)
    rng = np.random.default_rng(seed)
    b = np.where(rng.random(len(f)) < 0.3, 0.0, rng.random(len(f)))
    drop = rng.random(n) < 0.2
    return SwayTies.build(u.astype(np.int64), v.astype(np.int64), f, b, n, drop), rng


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 9), data=entries, seed=st.integers(0, 1000))
def test_sway_products_equal_the_raw_matrix(
    n: int, data: list[tuple[int, int, float]], seed: int
) -> None:
    t, rng = _random_sway(n, data, seed)
    f = t.forward
    R = t.matrix().toarray()
    G = t.grouped()  # forward sway at (v, u), backward at (u, v), no zeros kept
    assert (G.data > 0).all() and G.nnz == (t.forward > 0).sum() + (t.backward > 0).sum()
    for row in range(n):  # each row: its forward entries in tie order, then its backward
        fw = [(int(t.u[k]), t.forward[k]) for k in range(len(f)) if t.v[k] == row]
        bw = [(int(t.v[k]), t.backward[k]) for k in range(len(f)) if t.u[k] == row]
        want = [(c, w) for c, w in fw if w > 0] + [(c, w) for c, w in bw if w > 0]
        lo, hi = G.indptr[row], G.indptr[row + 1]
        assert list(zip(G.indices[lo:hi].tolist(), G.data[lo:hi].tolist(), strict=True)) == want
    np.testing.assert_allclose(G.toarray() + np.diag(t.empty * 1.0), R)
    x = rng.random((n, 2))
    np.testing.assert_allclose(t.product(x[:, 0]), R @ x[:, 0], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(t.product(x, transpose=True), R.T @ x, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(t.matrix(transpose=True).toarray(), R.T)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 9), data=entries, seed=st.integers(0, 1000))
def test_sway_halves_sum_to_the_grouped_matrix(
    n: int, data: list[tuple[int, int, float]], seed: int
) -> None:
    # the large-network path: forward and backward entries in two matrices, never merged
    t, rng = _random_sway(n, data, seed)
    F, B = t.halves()
    assert (F.data > 0).all() and (B.data > 0).all()
    assert F.nnz == (t.forward > 0).sum() and B.nnz == (t.backward > 0).sum()
    np.testing.assert_allclose((F + B).toarray(), t.grouped().toarray(), rtol=1e-12, atol=1e-15)
    x = rng.random(n)
    x[rng.random(n) < 0.9] = 0.0  # mostly zeros: the few-nonzero path too
    R = t.matrix().toarray()
    for vec in (x, rng.random(n), rng.random((n, 2))):
        for transpose in (False, True):
            split = t._split_product(vec, transpose)
            want = (R.T if transpose else R) @ vec - (t.empty * 1.0).reshape(
                -1, *[1] * (vec.ndim - 1)
            ) * vec
            np.testing.assert_allclose(split, want, rtol=1e-12, atol=1e-15)


def test_large_networks_multiply_through_the_halves(monkeypatch: pytest.MonkeyPatch) -> None:
    import relgraph.views as views

    rng = np.random.default_rng(3)
    n, m = 300, 2_000
    u, v = rng.integers(0, n, m), rng.integers(0, n, m)
    t = SwayTies.build(u, v, rng.random(m), rng.random(m), n, np.zeros(n, dtype=bool))
    x = rng.random(n)
    small = [t.product(x), t.product(x, transpose=True)]
    assert not t._halves  # below the threshold: the one grouped matrix
    monkeypatch.setattr(views, "_SPLIT_FROM", 0)
    large = [t.product(x), t.product(x, transpose=True)]
    assert t._halves
    for a, b in zip(small, large, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("nonzeros", [1, 5, 40, 300])
def test_sway_transposed_product_of_a_sparse_vector_is_exact(
    nonzeros: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # few nonzeros: only their rows are scattered, the same terms in the same order (the
    # large-network path, through the halves, taken here on 600 people)
    import relgraph.views as views

    monkeypatch.setattr(views, "_SPLIT_FROM", 0)
    rng = np.random.default_rng(nonzeros)
    n, m = 600, 6_000
    u, v = rng.integers(0, n, m), rng.integers(0, n, m)
    f, b = rng.random(m), np.where(rng.random(m) < 0.3, 0.0, rng.random(m))
    t = SwayTies.build(u, v, f, b, n, rng.random(n) < 0.05)
    x = np.zeros(n)
    x[rng.choice(n, nonzeros, replace=False)] = rng.random(nonzeros)
    F, B = t.halves()
    plain = np.asarray(F.T @ x) + B.T @ x  # every row of both halves scattered
    np.testing.assert_array_equal(t.product(x, transpose=True, self_weights=False), plain)
    np.testing.assert_array_equal(t.product(x, transpose=True), plain + t.empty * x)
    R = t.matrix().toarray()
    np.testing.assert_allclose(t.product(x, transpose=True), R.T @ x, rtol=1e-12, atol=1e-15)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 10),
    data=entries,
    queries=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=30),
)
def test_strongest_ties_without_an_index_equals_the_pair_index(
    n: int, data: list[tuple[int, int, float]], queries: list[tuple[int, int]]
) -> None:
    u, v, w = _arrays(data, n)
    w = np.round(w, 1)  # equal strengths: the first row must win
    u64, v64 = u.astype(np.int64), v.astype(np.int64)
    usable = np.arange(len(u)) % 4 != 1
    src = np.array([a % n for a, _ in queries], dtype=np.int64)  # repeats and both directions
    dst = np.array([b % n for _, b in queries], dtype=np.int64)
    want = PairIndex.build(u64, v64, n).strongest(src, dst, w, usable)
    np.testing.assert_array_equal(strongest_ties(u64, v64, n, src, dst, w, usable), want)
