"""Builders of the network's shared views: pure functions from table columns to arrays.

:class:`relgraph.network.RelationshipNetwork` calls each of them once per network (and
settings) and keeps the result; analyses read the views from the network, never rebuild
them. Everything here works on whole arrays (no per-row Python), so the views of ten
million ties take seconds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from relgraph.vocab import TieKind

__all__ = [
    "TIE_KINDS",
    "Incidence",
    "PairIndex",
    "frozen",
    "grouped",
    "label_text",
    "max_csr",
    "sway_matrix",
]


#: Every tie kind in a fixed order: a tie's kind code indexes it.
TIE_KINDS: tuple[str, ...] = tuple(str(k) for k in TieKind)


def frozen(a: np.ndarray) -> np.ndarray:
    """Make an array read-only and return it (shared views must not be changed by callers)."""
    a.flags.writeable = False
    return a


def label_text(name: pd.Series, name_en: pd.Series, *, lang: str = "en") -> np.ndarray:
    """Display labels in the name order of ``lang`` (:func:`relgraph.locale.label_series`).

    English: ``name (name_en)``, just ``name`` when the English one is blank or equal;
    Chinese: the name alone when it is written in Chinese characters. The one name order of
    every output (people and organisations alike).

    Examples
    --------
    >>> label_text(pd.Series(["王志远", "Ann"]), pd.Series(["Wang Zhiyuan", None])).tolist()
    ['王志远 (Wang Zhiyuan)', 'Ann']
    >>> label_text(pd.Series(["王志远"]), pd.Series(["Wang Zhiyuan"]), lang="zh").tolist()
    ['王志远']
    """
    from relgraph.locale import label_series

    nm = name.reset_index(drop=True)
    return label_series(nm, name_en.reset_index(drop=True), lang=lang).to_numpy(dtype=object)


def grouped(keys: np.ndarray, values: np.ndarray) -> dict[str, tuple[str, ...]]:
    """Map each key to its sorted, distinct values (``covers`` owners, ``informs`` channels …).

    Examples
    --------
    >>> grouped(np.array(["p1", "p1", "p2", "p1"]), np.array(["u2", "u1", "u1", "u2"]))
    {'p1': ('u1', 'u2'), 'p2': ('u1',)}
    """
    if not len(keys):
        return {}
    frame = pd.DataFrame({"k": keys.astype(str), "v": values.astype(str)}).drop_duplicates()
    frame = frame.sort_values(["k", "v"], kind="stable")
    out: dict[str, tuple[str, ...]] = {}
    for k, vals in frame.groupby("k", sort=True)["v"]:
        out[str(k)] = tuple(vals.tolist())
    return out


@dataclass(frozen=True)
class PairIndex:
    """Ties sorted by their unordered pair of people: every tie between two people in one lookup.

    Attributes
    ----------
    n : int
        Number of people (a pair's key is ``min(i, j) * n + max(i, j)``).
    keys : numpy.ndarray
        Sorted pair keys, one per tie.
    rows : numpy.ndarray
        The tie (row of ``net.ties``) of each key.
    """

    n: int
    keys: np.ndarray
    rows: np.ndarray

    @classmethod
    def build(cls, u: np.ndarray, v: np.ndarray, n: int) -> PairIndex:
        """Index the ties with endpoints ``u``/``v`` among ``n`` people."""
        key = np.minimum(u, v).astype(np.int64) * np.int64(n) + np.maximum(u, v)
        order = np.argsort(key, kind="stable")
        return cls(n, frozen(key[order]), frozen(order.astype(np.int64)))

    def between(self, i: int, j: int) -> np.ndarray:
        """Tie rows between people ``i`` and ``j`` (either direction), in table order."""
        want = min(i, j) * self.n + max(i, j)
        lo, hi = np.searchsorted(self.keys, [want, want + 1])
        return np.sort(self.rows[lo:hi])

    def strongest(
        self, src: np.ndarray, dst: np.ndarray, strength: np.ndarray, usable: np.ndarray
    ) -> np.ndarray:
        """For each pair ``(src[k], dst[k])``: the strongest usable tie row, or -1 (vectorised).

        Among equally strong ties the first in table order wins.
        """
        src = np.asarray(src, dtype=np.int64)
        dst = np.asarray(dst, dtype=np.int64)
        out = np.full(len(src), -1, dtype=np.int64)
        if not len(src) or not len(self.keys):
            return out
        want = np.minimum(src, dst) * self.n + np.maximum(src, dst)
        lo = np.searchsorted(self.keys, want, side="left")
        lens = np.searchsorted(self.keys, want, side="right") - lo
        q = np.repeat(np.arange(len(src)), lens)
        pos = np.repeat(lo - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
        rows = self.rows[pos]
        ok = usable[rows] & (strength[rows] > 0)
        q, rows = q[ok], rows[ok]
        order = np.lexsort((rows, -strength[rows], q))  # per query: strongest, then first
        q, rows = q[order], rows[order]
        first = np.ones(len(q), dtype=bool)
        first[1:] = q[1:] != q[:-1]
        out[q[first]] = rows[first]
        return out


@dataclass(frozen=True)
class Incidence:
    """Every tie seen from each of its two people: a person's ties in one slice.

    ``person[indptr[i]:indptr[i + 1]]`` is ``i`` repeated; ``other`` the person at the other
    end, ``rows`` the tie (row of ``net.ties``), ``outgoing`` True where ``i`` is the tie's
    source.
    """

    indptr: np.ndarray
    other: np.ndarray
    rows: np.ndarray
    outgoing: np.ndarray

    @classmethod
    def build(cls, u: np.ndarray, v: np.ndarray, n: int) -> Incidence:
        """Index the ties with endpoints ``u``/``v`` among ``n`` people."""
        ends = np.concatenate([u, v]).astype(np.int64)
        other = np.concatenate([v, u]).astype(np.int64)
        rows = np.concatenate([np.arange(len(u)), np.arange(len(u))]).astype(np.int64)
        outgoing = np.concatenate([np.ones(len(u), bool), np.zeros(len(u), bool)])
        order = np.lexsort((rows, ends))
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(ends, minlength=n), out=indptr[1:])
        return cls(
            frozen(indptr), frozen(other[order]), frozen(rows[order]), frozen(outgoing[order])
        )

    def of(self, i: int) -> slice:
        """Return the slice of person ``i``'s ties in ``other``, ``rows`` and ``outgoing``."""
        return slice(int(self.indptr[i]), int(self.indptr[i + 1]))


def max_csr(u: np.ndarray, v: np.ndarray, w: np.ndarray, n: int) -> sp.csr_matrix:
    """CSR matrix where duplicate (u, v) entries keep the maximum weight (NaN only if all are).

    Each entry's row and column are packed into one integer key ``u·n + v``. When the
    distinct weights are few enough to fit their rank in the key's spare low bits (the
    usual case: default strengths per kind, or strengths given to two decimals), the rank
    is packed below the key, so one plain sort orders the entries by (row, column, weight)
    and the last of each run holds the maximum. Otherwise an argsort of the key and
    ``np.fmax.reduceat`` over each run. Either way the CSR arrays are written directly, in
    canonical order (sorted indices, no duplicates).
    """
    idx_dtype = np.int32 if n <= np.iinfo(np.int32).max else np.int64
    w = np.asarray(w, dtype=float)
    if len(u) == 0:
        return sp.csr_matrix((n, n), dtype=float)
    key = np.asarray(u, dtype=np.int64) * n + np.asarray(v, dtype=np.int64)
    keys, data = _packed_max(key, w, n)
    if keys is None:
        order = np.argsort(key, kind="stable")
        ks = key[order]
        first = np.ones(len(ks), dtype=bool)
        first[1:] = ks[1:] != ks[:-1]
        starts = np.flatnonzero(first)
        keys, data = ks[starts], np.fmax.reduceat(w[order], starts)
    rows, cols = np.divmod(keys, n)
    indptr = np.zeros(n + 1, dtype=idx_dtype)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    mat = sp.csr_matrix((data, cols.astype(idx_dtype), indptr), shape=(n, n), copy=False)
    mat.has_sorted_indices = True
    return mat


def _packed_max(
    key: np.ndarray, w: np.ndarray, n: int
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Return the packed-sort path of :func:`max_csr`, or (None, None) when it does not apply."""
    key_bits = max(1, int(n * n - 1).bit_length())
    sample = w[:: max(1, len(w) // 65_536)]
    if key_bits + 13 > 64 or len(np.unique(sample)) > 4_096:
        return None, None
    codes, uniq = pd.factorize(w, use_na_sentinel=True)  # NaN -> -1
    rank_bits = int(len(uniq)).bit_length()  # ranks 0 (NaN) .. len(uniq)
    if key_bits + rank_bits > 64:
        return None, None
    order = np.argsort(uniq)
    rank_of = np.zeros(len(uniq) + 1, dtype=np.uint64)  # trailing 0 for NaN
    rank_of[order] = np.arange(1, len(uniq) + 1, dtype=np.uint64)
    shift = np.uint64(rank_bits)
    packed = np.sort((key.view(np.uint64) << shift) | rank_of[codes])
    run_keys = packed >> shift
    last = np.ones(len(packed), dtype=bool)
    last[:-1] = run_keys[1:] != run_keys[:-1]
    top = (packed[last] & np.uint64((1 << rank_bits) - 1)).astype(np.intp)
    data = np.concatenate([[np.nan], np.asarray(uniq, dtype=float)[order]])[top]
    return run_keys[last].view(np.int64), data


def sway_matrix(
    u: np.ndarray,
    v: np.ndarray,
    forward: np.ndarray,
    backward: np.ndarray,
    n: int,
    drop: np.ndarray,
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Row-normalised influence matrix ``W`` from per-tie sway weights, and the empty rows.

    ``R[i, j]`` (how much ``j`` sways ``i``) gets, per tie ``u → v``, ``forward`` at
    ``[v, u]`` and ``backward`` at ``[u, v]``; parallel ties add up; people in ``drop`` get
    no entries. Rows are scaled by their sums, and an empty row gets a self-weight of 1 —
    all on flat arrays, one CSR construction.
    """
    ok = (u != v) & ~drop[u] & ~drop[v]
    fo = ok & (forward > 0)
    bo = ok & (backward > 0)
    idx = np.int32 if n < 2**31 - 1 else np.int64
    rows = np.concatenate([v[fo], u[bo]]).astype(idx, copy=False)
    cols = np.concatenate([u[fo], v[bo]]).astype(idx, copy=False)
    vals = np.concatenate([forward[fo], backward[bo]]).astype(float)
    rowsum = np.bincount(rows, weights=vals, minlength=n)
    empty = rowsum <= 0
    vals /= rowsum[rows]
    diag = np.flatnonzero(empty).astype(idx)
    rows = np.concatenate([rows, diag])
    cols = np.concatenate([cols, diag])
    vals = np.concatenate([vals, np.ones(len(diag))])
    W = sp.csr_matrix((vals, (rows, cols)), shape=(n, n))  # duplicates are summed
    W.sort_indices()
    return W, empty


def kind_weights(
    weights: Mapping[Any, tuple[float, float]], kinds: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """Forward and backward sway weight per tie-kind code (index into ``kinds``).

    An extra trailing slot keeps unknown codes (-1) at 0.
    """
    fwd = np.zeros(len(kinds) + 1)
    bwd = np.zeros(len(kinds) + 1)
    for k, (f, b) in weights.items():
        fwd[kinds.index(str(k))] = float(f)
        bwd[kinds.index(str(k))] = float(b)
    return fwd, bwd
