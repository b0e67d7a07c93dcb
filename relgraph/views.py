"""Builders of the network's shared views: pure functions from table columns to arrays.

:class:`relgraph.network.RelationshipNetwork` calls each of them once per network (and
settings) and keeps the result; analyses read the views from the network, never rebuild
them. Everything here works on whole arrays (no per-row Python), so the views of ten
million ties take seconds.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
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
    "grouped_csr",
    "max_csr",
    "normalised",
    "strongest_ties",
    "SwayTies",
]


#: Every tie kind in a fixed order: a tie's kind code indexes it.
TIE_KINDS: tuple[str, ...] = tuple(str(k) for k in TieKind)


def frozen(a: np.ndarray) -> np.ndarray:
    """Make an array read-only and return it (shared views must not be changed by callers)."""
    a.flags.writeable = False
    return a


def label_text(name: pd.Series, name_en: pd.Series, *, lang: str = "en") -> Any:
    """Display labels in the name order of ``lang`` (:func:`relgraph.locale.label_series`).

    English: ``name (name_en)``, just ``name`` when the English one is blank or equal;
    Chinese: the name alone when it is written in Chinese characters. The one name order of
    every output (people and organisations alike). Returns the labels as a pandas array in
    the text dtype of ``name``; only rows with an English name are composed (no per-row
    Python objects).

    Examples
    --------
    >>> label_text(pd.Series(["王志远", "Ann"]), pd.Series(["Wang Zhiyuan", None])).tolist()
    ['王志远 (Wang Zhiyuan)', 'Ann']
    >>> label_text(pd.Series(["王志远"]), pd.Series(["Wang Zhiyuan"]), lang="zh").tolist()
    ['王志远']
    """
    from relgraph.locale import label_series

    nm = name.astype(str).reset_index(drop=True)
    en = name_en.fillna("").astype(str).str.strip().reset_index(drop=True)
    both = en.ne("") & en.ne(nm)
    if not both.any():
        return nm.array
    return nm.where(~both, label_series(nm[both], en[both], lang=lang)).array


def grouped(keys: np.ndarray, values: np.ndarray) -> dict[str, tuple[str, ...]]:
    """Map each key to its sorted, distinct values (``covers`` owners, ``informs`` channels …).

    Examples
    --------
    >>> grouped(np.array(["p1", "p1", "p2", "p1"]), np.array(["u2", "u1", "u1", "u2"]))
    {'p1': ('u1', 'u2'), 'p2': ('u1',)}
    """
    if not len(keys):
        return {}
    k, v = np.asarray(keys).astype(str), np.asarray(values).astype(str)
    order = np.lexsort((v, k))  # by key, then value (code point order, as sorted() does)
    k, v = k[order], v[order]
    new_key = np.ones(len(k), dtype=bool)
    new_key[1:] = k[1:] != k[:-1]
    keep = new_key.copy()
    keep[1:] |= v[1:] != v[:-1]  # drop repeated (key, value) pairs
    k, v, new_key = k[keep], v[keep].tolist(), new_key[keep]
    starts = np.flatnonzero(new_key).tolist() + [len(v)]
    names = k[new_key].tolist()
    return {name: tuple(v[a:b]) for name, a, b in zip(names, starts, starts[1:], strict=False)}


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
        """Index the ties with endpoints ``u``/``v`` among ``n`` people.

        A counting sort by the lower end (:func:`grouped_csr`), then each person's ties
        sorted by the higher end: O(ties) plus short per-person sorts, no global sort.
        """
        if not len(u):
            return cls(n, frozen(np.zeros(0, np.int64)), frozen(np.zeros(0, np.int64)))
        idx = _index_dtype(n)
        lo = np.minimum(u, v).astype(idx, copy=False)
        hi = np.maximum(u, v).astype(idx, copy=False)
        mat = grouped_csr(lo, hi, np.arange(len(u), dtype=np.int64), (n, n))
        mat.sort_indices()
        low = np.repeat(np.arange(n, dtype=np.int64), np.diff(mat.indptr))
        return cls(n, frozen(low * n + mat.indices), frozen(mat.data))

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
        out = np.full(len(src), -1, dtype=np.int64)
        q, rows = self.lookup(src, dst)
        return _pick_strongest(out, q, rows, strength, usable) if len(q) else out

    def lookup(self, src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every tie between ``src[k]`` and ``dst[k]``, for all k: (k of each tie, tie row).

        Grouped by k (ascending); within a pair, in no particular order.
        """
        src = np.asarray(src, dtype=np.int64)
        dst = np.asarray(dst, dtype=np.int64)
        if not len(src) or not len(self.keys):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        want = np.minimum(src, dst) * self.n + np.maximum(src, dst)
        lo = np.searchsorted(self.keys, want, side="left")
        lens = np.searchsorted(self.keys, want, side="right") - lo
        q = np.repeat(np.arange(len(src)), lens)
        pos = np.repeat(lo - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
        return q, self.rows[pos]


def strongest_ties(
    u: np.ndarray,
    v: np.ndarray,
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    strength: np.ndarray,
    usable: np.ndarray,
) -> np.ndarray:
    """:meth:`PairIndex.strongest` without an index: one pass over the ties' people.

    For a few pairs among millions of ties, marking the people asked about and hashing
    the pair keys of the ties between two of them is cheaper than sorting the ties into a
    :class:`PairIndex`; the answer is the same.
    """
    src = np.asarray(src, dtype=np.int64)
    dst = np.asarray(dst, dtype=np.int64)
    out = np.full(len(src), -1, dtype=np.int64)
    if not len(src) or not len(u):
        return out
    want = np.minimum(src, dst) * n + np.maximum(src, dst)
    keys, first = np.unique(want, return_inverse=True)
    asked = np.zeros(n, dtype=bool)  # only ties between two people asked about can match
    asked[src] = True
    asked[dst] = True
    near = np.flatnonzero(asked.take(u))
    near = near[asked.take(v.take(near))]
    lo, hi = u.take(near), v.take(near)
    slot = pd.Index(keys).get_indexer(np.minimum(lo, hi).astype(np.int64) * n + np.maximum(lo, hi))
    rows = near[slot >= 0]
    slot = slot[slot >= 0]
    # every query of a key gets the key's ties: queries sorted by key, ties by key
    by_key = np.argsort(slot, kind="stable")
    rows, tie_slot = rows[by_key], slot[by_key]
    queries = np.argsort(first, kind="stable")
    qstart = np.searchsorted(first[queries], np.arange(len(keys)))
    qcount = np.bincount(first, minlength=len(keys))
    per_tie = qcount[tie_slot]
    q = queries[np.repeat(qstart[tie_slot], per_tie) + _ranges(per_tie)]
    return _pick_strongest(out, q, np.repeat(rows, per_tie), strength, usable)


def _ranges(counts: np.ndarray) -> np.ndarray:
    """``0 .. c - 1`` for each count ``c``, concatenated."""
    total = int(counts.sum())
    return np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)


def _pick_strongest(
    out: np.ndarray, q: np.ndarray, rows: np.ndarray, strength: np.ndarray, usable: np.ndarray
) -> np.ndarray:
    """Fill ``out[q]`` with the strongest usable row per query (the first row among equals)."""
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


def max_csr(
    u: np.ndarray, v: np.ndarray, w: np.ndarray, n: int, *, symmetric: bool = False
) -> sp.csr_matrix:
    """CSR matrix where duplicate (u, v) entries keep the maximum weight (NaN only if all are).

    With ``symmetric`` every entry is also entered as (v, u). The entries are grouped by row
    with one counting sort (scipy's COO → CSR pass, O(entries)), each row's columns are
    sorted in place, and runs of equal columns are folded with ``np.fmax``: the same work
    as a plain scipy CSR build, which sums duplicates instead. The result is canonical
    (sorted indices, no duplicates).
    """
    idx = _index_dtype(n)
    w = np.asarray(w, dtype=float)
    m = len(u)
    if m == 0:
        return sp.csr_matrix((n, n), dtype=float)
    if symmetric:
        rows, cols = np.empty(2 * m, dtype=idx), np.empty(2 * m, dtype=idx)
        rows[:m], rows[m:] = u, v
        cols[:m], cols[m:] = v, u
        w = np.concatenate([w, w])
    else:
        rows, cols = np.asarray(u).astype(idx, copy=False), np.asarray(v).astype(idx, copy=False)
    mat = grouped_csr(rows, cols, w, (n, n))
    mat.sort_indices()
    return _fold_max(mat)


def _index_dtype(n: int) -> type[np.signedinteger[Any]]:
    return np.int32 if n <= np.iinfo(np.int32).max else np.int64


def grouped_csr(
    rows: np.ndarray, cols: np.ndarray, data: np.ndarray, shape: tuple[int, int]
) -> sp.csr_matrix:
    """CSR matrix of the entries grouped by row, in input order, duplicates kept (not summed).

    One O(entries) counting sort (scipy's COO → CSR conversion told that there is nothing
    to sum). Sparse products read duplicate entries as their sum, so the matrix multiplies
    like the summed one; sort or sum it before handing it to code that expects canonical
    form.
    """
    coo = sp.coo_matrix((data, (rows, cols)), shape=shape)
    coo.has_canonical_format = True  # the conversion then keeps duplicates as they are
    mat = coo.tocsr()
    if mat.nnz != len(data):  # this scipy summed them anyway
        mat = _grouped_by_transposition(rows, cols, data, shape)
    return mat


def _grouped_by_transposition(
    rows: np.ndarray, cols: np.ndarray, data: np.ndarray, shape: tuple[int, int]
) -> sp.csr_matrix:
    """:func:`grouped_csr` by a public route: transposing one entry per row is a counting sort."""
    m = len(data)
    lone = sp.csr_matrix(
        (np.arange(m, dtype=np.int64), rows, np.arange(m + 1)), shape=(m, shape[0])
    ).tocsc()  # column j of `lone` lists the entries of row j, in input order
    order = lone.data
    return sp.csr_matrix((data[order], cols[order], lone.indptr), shape=shape)


def _fold_max(mat: sp.csr_matrix) -> sp.csr_matrix:
    """Fold runs of equal columns of a row-sorted CSR matrix into their maximum (fmax).

    Repeats are few (parallel ties), so the work beyond finding them is on the repeats:
    each one's weight is folded into the first entry of its run and set to 0, and scipy's
    one-pass duplicate sum removes them (adding zeros leaves every maximum unchanged).
    """
    ind, ptr = mat.indices, mat.indptr
    nnz = len(ind)
    same = ind[1:] == ind[:-1]
    starts = ptr[1:-1]
    same[starts[(starts > 0) & (starts < nnz)] - 1] = False  # a new row is never a repeat
    rep = np.flatnonzero(same) + 1  # entries repeating the one before them
    if len(rep):
        # the first entry of each repeat's run: the repeat before it, unless that one
        # repeats too (a run of three or more), and so on back to the run's start
        chain = np.flatnonzero(np.diff(rep) != 1) + 1  # repeats starting a new chain
        head = np.zeros(len(rep), dtype=np.int64)
        head[chain] = chain
        np.maximum.accumulate(head, out=head)
        data = mat.data
        np.fmax.at(data, rep[head] - 1, data[rep])
        data[rep] = 0.0  # x + 0 == x (NaN too): scipy's one-pass sum now keeps the max
        mat.sum_duplicates()
    mat.has_canonical_format = True
    return mat


def normalised(R: sp.csr_matrix, scale: np.ndarray) -> sp.csr_matrix:
    """``diag(scale) @ R`` with duplicates summed: canonical CSR (``R`` is not changed)."""
    W = sp.csr_matrix(
        (R.data * np.repeat(scale, np.diff(R.indptr)), R.indices.copy(), R.indptr.copy()),
        shape=R.shape,
    )
    W.sum_duplicates()
    return W


@dataclass(frozen=True)
class SwayTies:
    """Raw sway ``R`` kept per tie, with its row scale: ``W = diag(scale) @ R``.

    Tie ``k`` adds ``forward[k]`` at ``R[v[k], u[k]]`` and ``backward[k]`` at
    ``R[u[k], v[k]]`` (0 for a self-tie or a dropped person); an empty row gets a
    self-weight of 1 (``empty``, scale 1). :meth:`matrix` is ``R`` (or ``Rᵀ``) as one CSR
    matrix; :meth:`product` multiplies by ``R`` or ``Rᵀ`` through the sway grouped by row
    (:meth:`grouped`: a gather for ``R``, a scatter through the same grouping for ``Rᵀ``),
    so an iterative solver needs neither. ``W`` itself is ``normalised(matrix(), scale)``
    (canonical, parallel ties summed).
    """

    u: np.ndarray
    v: np.ndarray
    forward: np.ndarray
    backward: np.ndarray
    n: int
    scale: np.ndarray
    empty: np.ndarray
    _parts: list[Any] = field(default_factory=list, compare=False, repr=False)
    _lock: Any = field(default_factory=threading.Lock, compare=False, repr=False)
    _halves: list[Any] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def build(
        cls,
        u: np.ndarray,
        v: np.ndarray,
        forward: np.ndarray,
        backward: np.ndarray,
        n: int,
        drop: np.ndarray,
    ) -> SwayTies:
        """Keep the ties' sway weights; people in ``drop`` and self-ties get no entries.

        Positions are used as given (numpy indexes and counts with int64 without a
        conversion) and kept in the smallest index type (for the grouping).
        """
        u, v = np.asarray(u), np.asarray(v)
        ok = u != v
        if drop.any():
            kept = ~drop
            ok &= kept[u]
            ok &= kept[v]
        f = np.zeros(len(u))
        np.copyto(f, forward, where=ok & (forward > 0))
        b = np.zeros(len(u))
        np.copyto(b, backward, where=ok & (backward > 0))
        rowsum = np.bincount(v, weights=f, minlength=n)
        rowsum += np.bincount(u, weights=b, minlength=n)
        empty = rowsum <= 0
        with np.errstate(over="ignore"):
            scale = np.divide(1.0, rowsum, out=np.ones(n), where=~empty)
        tiny = ~np.isfinite(scale)  # a row summing to a subnormal weight: 1 / rowsum overflows
        if tiny.any():  # normalise those rows' entries here instead (exact), with scale 1
            f[tiny[v]] /= rowsum[v[tiny[v]]]
            b[tiny[u]] /= rowsum[u[tiny[u]]]
            scale[tiny] = 1.0
        idx = _index_dtype(n)
        return cls(u.astype(idx, copy=False), v.astype(idx, copy=False), f, b, n, scale, empty)

    def matrix(self, *, transpose: bool = False) -> sp.csr_matrix:
        """``R`` (or ``Rᵀ``) as CSR grouped by row, parallel ties not summed (:func:`grouped_csr`).

        Entries in the order: forward sway by tie, backward sway by tie, self-weights.
        """
        fo, bo = self.forward > 0, self.backward > 0
        diag = np.flatnonzero(self.empty).astype(self.u.dtype)
        rows = np.concatenate([self.v[fo], self.u[bo], diag])
        cols = np.concatenate([self.u[fo], self.v[bo], diag])
        vals = np.concatenate([self.forward[fo], self.backward[bo], np.ones(len(diag))])
        a, b = (cols, rows) if transpose else (rows, cols)
        return grouped_csr(a, b, vals, (self.n, self.n))

    def grouped(self) -> sp.csr_matrix:
        """``R`` without its self-weights, grouped by row (parallel ties not summed).

        Row ``v`` holds each tie's forward weight at column ``u`` and row ``u`` its
        backward weight at column ``v`` (zero weights left out): each row's forward
        entries in tie order, then its backward ones; ``R = grouped() + diag(empty)``.
        ``R @ x`` is then one gather and ``Rᵀ @ x`` one scatter through the transpose (a
        CSC view, no copy), so one grouping serves both. One counting sort of every entry
        (:func:`grouped_csr`). Products use it below ``_SPLIT_FROM`` people; from
        there they use :meth:`halves`, two sorts side by side and no merge. Memoised.
        """
        if not self._parts:  # built once; later calls read it without the lock
            with self._lock:
                if not self._parts:
                    fo, bo = self.forward > 0, self.backward > 0
                    R0 = grouped_csr(
                        np.concatenate([self.v[fo], self.u[bo]]),
                        np.concatenate([self.u[fo], self.v[bo]]),
                        np.concatenate([self.forward[fo], self.backward[bo]]),
                        (self.n, self.n),
                    )
                    self._parts.extend((R0, R0.T))  # Rᵀ: a CSC view of the same arrays
        R: sp.csr_matrix = self._parts[0]
        return R

    def product(
        self, x: np.ndarray, *, transpose: bool = False, self_weights: bool = True
    ) -> np.ndarray:
        """``R @ x`` (or ``Rᵀ @ x``) for a vector or a matrix of columns ``x``.

        Without ``self_weights`` the empty rows' self-weights are left out (a solver whose
        λ is 0 on those rows never sees them). From ``_SPLIT_FROM`` people the product runs
        through :meth:`halves`, where ``Rᵀ @ x`` for a vector with few nonzeros (the first
        steps of a solve from a few people) scatters only their rows: the same terms added
        in the same order, minus the zeros.
        """
        if self.n >= _SPLIT_FROM:
            y = self._split_product(x, transpose)
        elif not transpose:
            y = np.asarray(self.grouped() @ x)
        else:
            self.grouped()
            y = np.asarray(self._parts[1] @ x)  # Rᵀ, kept with R (a view per call costs)
        if self_weights:
            np.add(y, x, out=y, where=self.empty[:, None] if x.ndim == 2 else self.empty)
        return y

    def halves(self) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """``R`` without its self-weights as two CSR matrices grouped by row: ``F + B``.

        ``F`` holds each tie's forward weight (row ``v``, column ``u``), ``B`` its backward
        weight (row ``u``, column ``v``), zero weights left out, each in tie order. The two
        counting sorts run side by side (scipy's conversion releases the GIL) and nothing
        is merged: a product is the sum of the two halves' products. On a million people
        this halves the wait for the first product (:meth:`grouped` sorts every entry in
        one pass, after copying them into one array). Memoised.
        """
        if not self._halves:
            with self._lock:
                if not self._halves:
                    from concurrent.futures import ThreadPoolExecutor

                    shape = (self.n, self.n)
                    with ThreadPoolExecutor(max_workers=1) as pool:
                        back = pool.submit(_positive_csr, self.u, self.v, self.backward, shape)
                        forward = _positive_csr(self.v, self.u, self.forward, shape)
                        self._halves.extend((forward, back.result()))
        return self._halves[0], self._halves[1]

    def _split_product(self, x: np.ndarray, transpose: bool) -> np.ndarray:
        """``R @ x`` (or ``Rᵀ @ x``) through :meth:`halves`, without self-weights."""
        F, B = self.halves()
        if not transpose:
            y = np.asarray(F @ x)
            y += B @ x
        elif x.ndim == 1 and (nz := np.flatnonzero(x)).size * _FEW < x.size:
            y = np.asarray(F[nz].T @ x[nz])  # few nonzeros: their rows only (same terms)
            y += B[nz].T @ x[nz]
        else:
            y = np.asarray(F.T @ x)
            y += B.T @ x
        return y


def _positive_csr(
    rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, shape: tuple[int, int]
) -> sp.csr_matrix:
    """:func:`grouped_csr` of the entries with a positive weight (no copy when all are)."""
    keep = weights > 0
    if keep.all():
        return grouped_csr(rows, cols, weights, shape)
    return grouped_csr(rows[keep], cols[keep], weights[keep], shape)


#: From this many people, products run through :meth:`SwayTies.halves` instead of
#: :meth:`SwayTies.grouped` (below it, the second matrix's fixed costs outweigh the sort).
_SPLIT_FROM = 100_000

#: A vector with under one nonzero in this many is multiplied through its nonzeros' rows only
#: (on the large-network path of :meth:`SwayTies.halves`; on fewer people than
#: ``_SPLIT_FROM``, slicing the rows costs more than it saves).
_FEW = 16


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
