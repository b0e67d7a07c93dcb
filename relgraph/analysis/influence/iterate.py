"""The fixed-point iteration of the influence solves, Anderson-mixed.

The influence model's solves (:mod:`relgraph.analysis.influence.model`) run
:func:`accelerated` on the step ``x ← ΛWx + b`` (or its transpose) of a network too large
to factorise.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = ["MIX_FROM", "SLOW", "accelerated"]


def accelerated(
    step: Any,
    x: np.ndarray,
    transpose: bool,
    factor: float,
    tol: float,
    maxiter: int,
    *,
    eager: bool = True,
) -> tuple[np.ndarray, bool]:
    """Fixed-point iteration ``x ← step(x)`` with Anderson mixing; (result, converged).

    Each round evaluates ``g = step(x)`` and stops, returning ``g``, when the step
    ``d = ‖g − x‖`` satisfies ``d·min(factor, 1e6) ≤ tol·max(1, max|g|)``: the contraction
    bound of the plain iteration, valid wherever ``x`` came from. Otherwise the next ``x``
    is Anderson's: the combination of the last few ``g`` whose residuals ``g − x`` cancel
    best (least squares over a short history, Walker & Ni 2011), which needs far fewer
    rounds than the plain iteration when a few slow modes dominate; a round whose step
    grew a hundredfold restarts the history. Without ``eager`` (small systems, where one
    mixing costs more than one product) the plain iteration ``x ← g`` runs until a step
    shrinks by less than half (:data:`SLOW`), and the mixing from then on.
    """
    hist = _History(x.size, _DEPTH)
    best = last = math.inf
    mixing = eager
    for _ in range(min(maxiter, 500)):
        g = step(x)
        f = g - x
        d = _norm(f, columns=transpose)
        scale = max(1.0, _norm(g, columns=False))
        if d * min(factor, 1e6) <= tol * scale:
            return g, True
        if d > 100.0 * best:
            hist.clear()
        mixing = mixing or d > SLOW * last
        best, last = min(best, d), d
        x = hist.mix(g.reshape(-1), f.reshape(-1)).reshape(g.shape) if mixing else g
    return x, False


def _norm(a: np.ndarray, *, columns: bool) -> float:
    """``max |a|`` without a copy (NaN if any is); with ``columns``, the largest ``Σ|a|``."""
    if columns:
        return float(np.abs(a).sum(axis=0).max(initial=0.0))
    return float(np.maximum(a.max(initial=0.0), -a.min(initial=0.0)))


#: Length of the Anderson history (more costs memory and vector work for little gain).
_DEPTH = 4
#: From this many people every step is mixed; below, only once the plain steps slow down
#: (a mixing's fixed cost, some 50 µs, is more than a product on a small network).
MIX_FROM = 50_000
#: A plain step that shrinks by less than this factor turns the mixing on.
SLOW = 0.5


class _History:
    """The last few iterates ``g`` and residuals ``f`` of an Anderson-mixed iteration."""

    def __init__(self, size: int, depth: int) -> None:
        self.dG = np.empty((depth, size))
        self.dF = np.empty((depth, size))
        self.gram = np.zeros((depth, depth))
        self.used = 0
        self.slot = 0
        self.prev: tuple[np.ndarray, np.ndarray] | None = None

    def clear(self) -> None:
        self.used = self.slot = 0
        self.prev = None

    def mix(self, g: np.ndarray, f: np.ndarray) -> np.ndarray:
        """Record ``(g, f)`` and return the next iterate (``g`` itself without history)."""
        if self.prev is not None:
            s = self.slot
            np.subtract(g, self.prev[0], out=self.dG[s])
            np.subtract(f, self.prev[1], out=self.dF[s])
            self.used = min(self.used + 1, len(self.dF))
            k = self.used
            # einsum, not BLAS: OpenBLAS would start threads of its own for these long
            # vectors, competing with the solver's second thread for the same cores
            row = np.einsum("ij,j->i", self.dF[:k], self.dF[s])
            self.gram[s, :k] = row
            self.gram[:k, s] = row
            self.slot = (s + 1) % len(self.dF)
        self.prev = (g, f)
        k = self.used
        if k == 0:
            return g
        gram = self.gram[:k, :k]
        ridge = 1e-12 * float(np.trace(gram)) / k
        try:
            gamma = np.linalg.solve(gram + ridge * np.eye(k), np.einsum("ij,j->i", self.dF[:k], f))
        except np.linalg.LinAlgError:
            self.clear()
            return g
        return np.asarray(g - np.einsum("i,ij->j", gamma, self.dG[:k]))
