"""RelationshipNetwork.adjacency built from integer arrays equals the edge-table reference."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import relgraph as rg
from relgraph.network import TIE_KINDS
from relgraph.views import max_csr as _max_csr
from relgraph.vocab import TIE_KIND_SYNONYMS, TieKind, parse_term


def reference_max_csr(u: np.ndarray, v: np.ndarray, w: np.ndarray, n: int) -> sp.csr_matrix:
    """The previous implementation: lexsort by (u, v, -w), keep the first of each pair."""
    if len(u):
        order = np.lexsort((-w, v, u))
        u, v, w = u[order], v[order], w[order]
        keep = np.ones(len(u), dtype=bool)
        keep[1:] = (u[1:] != u[:-1]) | (v[1:] != v[:-1])
        u, v, w = u[keep], v[keep], w[keep]
    return sp.csr_matrix((w.astype(float), (u, v)), shape=(n, n))


def reference_adjacency(
    net: rg.RelationshipNetwork,
    kinds: list[str] | None,
    *,
    symmetric: bool,
    include_sensitive: bool,
    weight: str | None,
) -> sp.csr_matrix:
    """The previous adjacency: masks over the ``edges`` table, then the lexsort dedupe."""
    e = net.edges
    mask = np.ones(len(e), dtype=bool)
    if kinds is not None:
        names = {str(parse_term(TieKind, TIE_KIND_SYNONYMS, k)) for k in kinds}
        mask &= e["kind"].astype(str).isin(names).to_numpy()
    if not include_sensitive:
        mask &= ~e["sensitive"].to_numpy(dtype=bool)
    u = e["u"].to_numpy()[mask]
    v = e["v"].to_numpy()[mask]
    w = e["strength"].to_numpy()[mask] if weight == "strength" else np.ones(mask.sum())
    if symmetric:
        u, v, w = np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w])
    return reference_max_csr(u, v, w, net.n_people)


def assert_same(a: sp.csr_matrix, b: sp.csr_matrix) -> None:
    assert a.shape == b.shape
    assert np.array_equal(a.indptr, b.indptr)
    assert np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data, equal_nan=True)
    assert a.indices.dtype == b.indices.dtype and a.data.dtype == b.data.dtype


KIND_CHOICES: list[list[str] | None] = [None, ["friend"], ["reports_to", "works_with", "家人"]]


def check_every_view(net: rg.RelationshipNetwork) -> None:
    for kinds, symmetric, include_sensitive, weight in itertools.product(
        KIND_CHOICES, (False, True), (False, True), ("strength", None)
    ):
        got = net.adjacency(
            kinds, symmetric=symmetric, include_sensitive=include_sensitive, weight=weight
        )
        want = reference_adjacency(
            net, kinds, symmetric=symmetric, include_sensitive=include_sensitive, weight=weight
        )
        assert_same(got, want)
        assert got.has_canonical_format


def random_network(seed: int, n: int = 60, m: int = 600) -> rg.RelationshipNetwork:
    rng = np.random.default_rng(seed)
    ids = [f"p{i}" for i in range(n)]
    kinds = [k for k in TIE_KINDS if k not in ("covers", "reports_to")]  # validation rules
    src = rng.integers(0, n, m)
    tgt = (src + rng.integers(1, n, m)) % n  # no self-ties
    # many parallel ties (same pair, several kinds and strengths) so the max rule bites
    src[: m // 3] = src[m // 3 : 2 * (m // 3)]
    tgt[: m // 3] = tgt[m // 3 : 2 * (m // 3)]
    strength = np.round(rng.uniform(0.05, 1.0, m), 2).astype(object)
    strength[rng.random(m) < 0.4] = None
    sensitive = rng.choice(np.array([None, True, False], dtype=object), m, p=[0.6, 0.2, 0.2])
    people = pd.DataFrame(
        {
            "id": ids,
            "name": ids,
            "org": ["U" if i < 5 else "A" for i in range(n)],
            "do_not_contact": [True if i % 7 == 3 else None for i in range(n)],
        }
    )
    ties = pd.DataFrame(
        {
            "source": [ids[i] for i in src],
            "target": [ids[i] for i in tgt],
            "kind": rng.choice(np.array(kinds, dtype=object), m),
            "strength": strength,
            "sensitive": sensitive,
        }
    )
    # validation allows one row per (pair, kind): parallel ties differ in kind
    lo, hi = np.minimum(src, tgt), np.maximum(src, tgt)
    ties = ties[~pd.DataFrame({"lo": lo, "hi": hi, "k": ties["kind"]}).duplicated().to_numpy()]
    orgs = pd.DataFrame({"id": ["A", "U"], "name": ["Acme", "Us"], "kind": ["customer", "us"]})
    return rg.RelationshipNetwork.from_frames(orgs, people, ties)


def test_sample_adjacency_matches_the_edge_table_reference() -> None:
    net = rg.datasets.sample()
    assert len(net.interactions) > 0  # strengths derived from the log take part
    assert net.edges["sensitive"].any() and net.do_not_contact().any()
    check_every_view(net)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_adjacency_matches_the_edge_table_reference(seed: int) -> None:
    net = random_network(seed)
    assert net.edges["sensitive"].any() and (~net.edges["sensitive"]).any()
    assert net.adjacency().nnz < len(net.ties)  # parallel ties: the max rule bites
    check_every_view(net)
    # do-not-contact people stay in the matrix (callers apply that rule): same rows as ties
    dnc = np.flatnonzero(net.do_not_contact())
    a = net.adjacency(symmetric=True)
    e = net.edges
    touching = np.isin(e["u"], dnc) | np.isin(e["v"], dnc)
    assert touching.any() and a[dnc].nnz + a[:, dnc].nnz > 0


def test_public_view_drops_exactly_the_sensitive_ties() -> None:
    net = random_network(5)
    e = net.edges
    public = net.adjacency(include_sensitive=False, weight=None)
    pairs = set(zip(*public.nonzero(), strict=True))
    for u, v, sens in zip(e["u"], e["v"], e["sensitive"], strict=True):
        if not sens:
            assert (u, v) in pairs
    kept = e.loc[~e["sensitive"], ["u", "v"]].drop_duplicates()
    assert public.nnz == len(kept)


weights = st.one_of(
    st.sampled_from([0.0, 0.1, 0.3, 0.5, 0.7, 1.0, float("nan")]),
    st.floats(0, 1, allow_nan=False),
)


@settings(max_examples=50, deadline=None)
@given(
    n=st.integers(1, 12),
    data=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11), weights), max_size=80),
)
def test_max_csr_equals_the_lexsort_reference(n: int, data: list[tuple[int, int, float]]) -> None:
    rows = [(u % n, v % n, w) for u, v, w in data]
    u = np.array([r[0] for r in rows], dtype=np.int32)
    v = np.array([r[1] for r in rows], dtype=np.int32)
    w = np.array([r[2] for r in rows], dtype=float)
    assert_same(_max_csr(u, v, w, n), reference_max_csr(u, v, w, n))


def test_max_csr_many_distinct_weights_takes_the_argsort_path() -> None:
    rng = np.random.default_rng(3)
    n, m = 300, 20_000  # > 4,096 distinct weights: not packed below the key
    u, v = rng.integers(0, n, m).astype(np.int32), rng.integers(0, n, m).astype(np.int32)
    w = rng.uniform(0, 1, m)
    w[::50] = np.nan
    assert_same(_max_csr(u, v, w, n), reference_max_csr(u, v, w, n))
    few = np.round(w, 1)  # packed path on the same pairs
    assert_same(_max_csr(u, v, few, n), reference_max_csr(u, v, few, n))


def test_strongest_ties_scan_and_pair_index_agree() -> None:
    net = random_network(7, n=80, m=2_000)
    e = net.edges
    strength = e["strength"].to_numpy(dtype=float)
    usable = ~e["sensitive"].to_numpy(dtype=bool)
    rng = np.random.default_rng(7)
    src, dst = rng.integers(0, 80, 20), rng.integers(0, 80, 20)
    src[:10], dst[:10] = e["u"].to_numpy()[:10], e["v"].to_numpy()[:10]  # pairs with ties
    scanned = net.strongest_ties(src, dst, strength, usable)  # few pairs: no index built
    assert "pair_index" not in net._shared
    indexed = net.pair_index().strongest(src, dst, strength, usable)
    np.testing.assert_array_equal(scanned, indexed)
    assert (scanned[:10] >= 0).any()


def test_strongest_ties_builds_the_pair_index_only_after_many_scans() -> None:
    from relgraph._netviews import PAIR_SCANS

    net = random_network(8, n=80, m=2_000)
    e = net.edges
    strength = e["strength"].to_numpy(dtype=float)
    usable = ~e["sensitive"].to_numpy(dtype=bool)
    src, dst = e["u"].to_numpy()[:12], e["v"].to_numpy()[:12]
    first = net.strongest_ties(src, dst, strength, usable)
    copy = net.with_settings(max_hops=3)  # a settings copy shares the count and the index
    for _ in range(PAIR_SCANS - 1):
        np.testing.assert_array_equal(copy.strongest_ties(src, dst, strength, usable), first)
    assert "pair_index" not in net._shared
    np.testing.assert_array_equal(net.strongest_ties(src, dst, strength, usable), first)
    assert "pair_index" in net._shared and "pair_index" in copy._shared
    assert (first >= 0).sum() > 6  # most pairs have a usable tie
