"""The Friedkin–Johnsen influence model: the solver, the model of a network, its matrix.

Who sways whom comes from the network (:meth:`RelationshipNetwork.sway_weights`, one weight
per tie and direction); the model turns it into the row-stochastic matrix ``W``, the
susceptibilities ``λ`` and the initial attitudes ``x0``, and solves
``x* = (I − ΛW)⁻¹(I − Λ)x0`` once per network (the solves are memoised on the model).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from relgraph.analysis.influence.iterate import MIX_FROM, accelerated
from relgraph.checks import check_choice
from relgraph.errors import InvalidParameterError
from relgraph.text import message
from relgraph.views import TIE_KINDS, SwayTies, kind_weights, normalised

if TYPE_CHECKING:
    from relgraph.network import RelationshipNetwork

__all__ = ["build_model", "friedkin_johnsen", "influence_matrix", "model", "predicted_attitudes"]

#: Parties outside the customer's opinion dynamics (our staff and competitor staff).
_OUTSIDE = ("us", "competitor")
#: Up to this many people the solver factorises; above, it iterates.
_DIRECT_SMALL = 500
#: When the iteration would contract slowly (some λ > 0.9), factorise up to this many.
_DIRECT_MAX = 20_000
#: Tolerance of the network-level solves (max error of x* on −3..+3, of leverage on 0..1).
_TOL = 1e-9

Method = Literal["auto", "direct", "iterative"]
_METHODS = ("auto", "direct", "iterative")


# --------------------------------------------------------------------------- solver
def friedkin_johnsen(
    W: Any,
    susceptibility: float | Sequence[float] | np.ndarray,
    x0: Sequence[float] | np.ndarray,
    *,
    method: Method = "auto",
    tol: float = 1e-12,
    maxiter: int = 10_000,
) -> np.ndarray:
    r"""Solve the Friedkin–Johnsen model for its equilibrium opinions.

    Parameters
    ----------
    W : scipy.sparse matrix or array_like, shape (n, n)
        Row-stochastic influence matrix in the textbook convention: ``W[i, j]`` is the
        weight person ``i`` gives to the opinion of person ``j``; every row sums to 1;
        self-weights ``W[i, i]`` are allowed.
    susceptibility : float or array_like, shape (n,)
        Susceptibility λ of each person, in 0..1 (0 = keeps their own opinion, 1 = only
        follows others). A scalar applies to everyone.
    x0 : array_like, shape (n,) or (n, k)
        Initial opinions (prejudices); ``k`` columns are ``k`` independent issues.
    method : {"auto", "direct", "iterative"}
        ``"direct"`` factorises ``I − ΛW`` with a sparse LU (SuperLU); ``"iterative"`` runs
        the fixed-point iteration ``x ← ΛWx + (I − Λ)x0`` to ``tol``, falling back to GMRES
        when it contracts slowly; ``"auto"`` is direct up to 500 people (or 20,000 when
        some λ exceeds 0.9), iterative above.
    tol : float
        Convergence tolerance of the iterative method (max-norm of the last step,
        relative to the largest opinion).
    maxiter : int
        Iteration limit of the iterative method.

    Returns
    -------
    numpy.ndarray
        Equilibrium opinions ``x*``, the same shape as ``x0``.

    Raises
    ------
    InvalidParameterError
        When ``W`` is not square, has negative entries or a row not summing to 1, when a
        susceptibility is outside 0..1, when ``x0`` has the wrong length or non-finite
        values, for an unknown ``method``, or when the model has no unique equilibrium
        (a group of fully susceptible people, λ = 1, who hear nobody with λ < 1).
    ValueError
        When the solve itself fails (a singular system the checks above did not catch).

    Notes
    -----
    The model (Friedkin & Johnsen 1990, 1999) iterates
    ``x(t+1) = ΛW x(t) + (I − Λ) x0`` with ``Λ = diag(λ)``; when ``I − ΛW`` is
    non-singular it converges to

    .. math:: x^* = (I - \Lambda W)^{-1} (I - \Lambda) x_0 .

    A dense inverse is never formed: small systems use one sparse LU factorisation,
    larger ones the fixed-point (Jacobi) iteration itself, whose cost per step is one
    sparse matrix–vector product. It contracts at rate ``ρ = max λ`` (the max-norm of
    ``ΛW``), so after a step of size ``d`` the error is at most ``d·ρ/(1 − ρ)``; it stops
    when that bound is below ``tol · max(1, max |x|)`` (at the default λ = 0.5 about 40
    steps reach 1e-12). When it contracts slowly (ρ near 1) it finishes with GMRES to the
    same relative tolerance. LU fill-in on large random graphs makes the iteration the
    faster choice there.

    References
    ----------
    .. [1] N. E. Friedkin and E. C. Johnsen, "Social influence and opinions", Journal of
       Mathematical Sociology 15(3–4):193–206, 1990.
    .. [2] N. E. Friedkin and E. C. Johnsen, "Social influence networks and opinion
       change", Advances in Group Processes 16:1–29, 1999.
    .. [3] S. E. Parsegov, A. V. Proskurnikov, R. Tempo and N. E. Friedkin, "Novel
       multidimensional models of opinion dynamics in social networks", IEEE Transactions
       on Automatic Control 62(5):2270–2285, 2017.

    Examples
    --------
    The four-person example of Friedkin & Johnsen (1999), with λ = 1 − w_ii:

    >>> import numpy as np
    >>> W = np.array([[0.220, 0.120, 0.360, 0.300],
    ...               [0.147, 0.215, 0.344, 0.294],
    ...               [0.000, 0.000, 1.000, 0.000],
    ...               [0.090, 0.178, 0.446, 0.286]])
    >>> friedkin_johnsen(W, 1 - np.diag(W), [25, 25, 75, 85]).round(1)
    array([60., 60., 75., 75.])
    """
    check_choice("method", method, _METHODS)
    M, lam = _check_fj(W, susceptibility)
    n = M.shape[0]
    x0a = np.asarray(x0, dtype=float)
    if x0a.ndim not in (1, 2) or x0a.shape[0] != n:
        expected = f"({n},) or ({n}, k)"
        text = message("err_shape", name="x0", shape=x0a.shape, expected=expected)
        raise InvalidParameterError("x0", x0a.shape, expected, message=text)
    if not np.isfinite(x0a).all():
        text = message("err_not_finite", name="x0")
        raise InvalidParameterError("x0", x0, message("exp_finite"), message=text)
    _check_anchored(M, lam)
    b = (1.0 - lam)[:, None] * x0a if x0a.ndim == 2 else (1.0 - lam) * x0a
    return _solve(M, lam, b, method=method, tol=tol, maxiter=maxiter)


def _check_fj(W: Any, susceptibility: Any) -> tuple[sp.csr_matrix, np.ndarray]:
    M = sp.csr_matrix(W, dtype=float) if sp.issparse(W) else sp.csr_matrix(np.asarray(W, float))
    if M.ndim != 2 or M.shape[0] != M.shape[1]:
        expected = message("exp_square")
        text = message("err_shape", name="W", shape=M.shape, expected=expected)
        raise InvalidParameterError("W", M.shape, expected, message=text)
    n = M.shape[0]
    if M.nnz and (not np.isfinite(M.data).all() or M.data.min() < 0):
        text = message("err_fj_negative")
        raise InvalidParameterError("W", None, message("exp_weights"), message=text)
    rows = np.asarray(M.sum(axis=1)).ravel()
    bad = np.flatnonzero(np.abs(rows - 1.0) > 1e-6)
    if len(bad):
        text = message("err_fj_rows", row=int(bad[0]), total=f"{rows[bad[0]]:.6g}")
        raise InvalidParameterError("W", None, message("exp_rows_sum"), message=text)
    lam = np.asarray(susceptibility, dtype=float)
    lam = np.full(n, float(lam)) if lam.ndim == 0 else lam
    if lam.shape != (n,):
        expected = message("exp_scalar_or", shape=f"({n},)")
        text = message("err_shape", name="susceptibility", shape=lam.shape, expected=expected)
        raise InvalidParameterError("susceptibility", lam.shape, expected, message=text)
    if not np.isfinite(lam).all() or lam.min(initial=0.0) < 0 or lam.max(initial=0.0) > 1:
        text = message("err_fj_susceptibility")
        raise InvalidParameterError("susceptibility", susceptibility, "0..1", message=text)
    return M, lam


def _check_anchored(M: sp.csr_matrix, lam: np.ndarray) -> None:
    """Raise when some fully susceptible people (λ = 1) never hear anyone with λ < 1."""
    if not (lam >= 1.0).any():
        return
    reach = lam < 1.0
    P = (M != 0).astype(np.int8).tocsr()
    while True:
        new = reach | (P @ reach.astype(np.int8) > 0)
        if (new == reach).all():
            break
        reach = new
    if not reach.all():
        who = np.flatnonzero(~reach)[:5].tolist()
        text = message("err_fj_unanchored", who=who)
        expected = message("exp_anchored")
        raise InvalidParameterError("susceptibility", None, expected, message=text)


def _direct(method: str, lam: np.ndarray) -> bool:
    """Whether :func:`_solve` factorises (``"direct"``, or ``"auto"`` on a small system)."""
    n, rate = len(lam), float(lam.max(initial=0.0))
    return method == "direct" or (
        method == "auto" and (n <= _DIRECT_SMALL or (rate > 0.9 and n <= _DIRECT_MAX))
    )


def _solve(
    W: sp.csr_matrix | None,
    lam: np.ndarray,
    b: np.ndarray,
    *,
    transpose: bool = False,
    method: str = "auto",
    tol: float = 1e-12,
    maxiter: int = 10_000,
    memo: dict[Any, Any] | None = None,
    row_scale: np.ndarray | None = None,
    product: Any = None,
) -> np.ndarray:
    """Solve ``(I − ΛW) x = b`` (or ``(I − ΛW)ᵀ x = b``) for row-stochastic ``W``.

    Small systems (and slowly contracting ones up to ``_DIRECT_MAX``) are factorised once
    with SuperLU (kept in ``memo`` for the next solve); larger ones run the fixed-point
    iteration, one sparse product per step, never forming ``ΛW``. With ``row_scale``, the
    row-stochastic matrix is ``diag(row_scale) @ W`` (raw weights and their row scale,
    :class:`relgraph.views.SwayTies`): the scale joins ``Λ`` in the products, so it
    costs nothing. The iteration multiplies by ``product(x)`` when given (``W @ x``, or
    ``Wᵀ @ x`` when transposed: :meth:`relgraph.views.SwayTies.product`), else by ``W``
    or ``W.T`` (a CSC view, no copy); ``W`` may then be None unless the system is
    factorised.
    """
    n = len(lam)
    ls = lam if row_scale is None else lam * row_scale  # ΛW = diag(ls) @ W
    if n == 0:
        return np.zeros_like(b, dtype=float)
    rate = float(lam.max(initial=0.0))  # ‖ΛW‖∞ = ‖(ΛW)ᵀ‖₁ = max λ: the contraction rate
    if _direct(method, lam):
        lu = None if memo is None else memo.get("lu")
        if lu is None:
            assert W is not None
            from scipy.sparse.linalg import splu

            lhs = (sp.identity(n, format="csr") - sp.diags(ls) @ W).tocsc()
            try:
                lu = splu(lhs)
            except RuntimeError as err:
                raise ValueError(f"the model has no unique equilibrium ({err})") from err
            if memo is not None:
                memo["lu"] = lu
        x = lu.solve(np.ascontiguousarray(b, dtype=float), trans="T" if transpose else "N")
        if not np.isfinite(x).all():
            raise ValueError("the model has no unique equilibrium (singular system)")
        return np.asarray(x)
    lam_c = ls[:, None] if b.ndim == 2 else ls
    if product is None:
        assert W is not None
        Wd = W.T if transpose else W  # W.T: a CSC view, no copy

        def product(x: np.ndarray) -> np.ndarray:
            return np.asarray(Wd @ x)

    def step(x: np.ndarray) -> np.ndarray:
        if transpose:
            y = product(lam_c * x)
        else:
            y = product(x)
            y *= lam_c
        y += b  # in place: the product is a new array
        return y

    # The error after a step of size d is at most d·ρ/(1 − ρ) (in the max-norm forward,
    # the 1-norm transposed), so stop when that bound drops below tol (relative).
    factor = rate / (1.0 - rate) if rate < 1.0 else math.inf
    x, done = accelerated(
        step, np.array(b, dtype=float), transpose, factor, tol, maxiter, eager=n >= MIX_FROM
    )
    if done:
        return x
    # Slow contraction (some λ near 1): finish with GMRES from the current iterate.
    from scipy.sparse.linalg import LinearOperator, gmres

    def matvec(x: np.ndarray) -> np.ndarray:
        x = x.ravel()
        return np.asarray(x - (product(ls * x) if transpose else ls * product(x)))

    op = LinearOperator((n, n), matvec=matvec, dtype=float)
    cols = x.reshape(n, -1)
    bcols = np.asarray(b, dtype=float).reshape(n, -1)
    out = np.empty_like(cols)
    for c in range(cols.shape[1]):
        sol, info = gmres(op, bcols[:, c], x0=cols[:, c], rtol=tol, atol=0.0, maxiter=maxiter)
        if info != 0:
            raise ValueError("the iterative solve did not converge; the model may be singular")
        out[:, c] = sol
    return out.reshape(x.shape)


# --------------------------------------------------------------------------- the model
@dataclass(frozen=True)
class _Model:
    """The influence model of one network and settings: W, λ, x0, and solves made on it.

    ``memo`` keeps what has been solved on this model (the LU factorisation, predicted
    attitudes, the downstream vector per opportunity), so the analyses of one network share
    one solve; every array in it is read-only.
    """

    entries: SwayTies  # raw sway R per tie: W = diag(scale) @ R
    scale: np.ndarray  # 1 / row sum of R (1 on empty rows, whose self-weight is 1)
    lam: np.ndarray
    x0: np.ndarray
    blank: np.ndarray  # attitude was blank (treated as 0)
    outside: np.ndarray  # our staff and competitor staff
    active: np.ndarray  # False for people removed (simulate: left the company)
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def R(self) -> sp.csr_matrix:
        """Raw sway grouped by row, parallel ties not summed (memoised, built on first use).

        The iterative solves never need it (they multiply through the ties,
        :meth:`relgraph.views.SwayTies.product`); the factorisation and ``W`` do.
        """
        if "R" not in self.memo:
            self.memo["R"] = self.entries.matrix()
        R: sp.csr_matrix = self.memo["R"]
        return R

    @property
    def W(self) -> sp.csr_matrix:
        """Row-stochastic, canonical: ``W[i, j]`` = share of i's attention on j (memoised).

        The solves never need it (they multiply by ``scale * (R @ x)``); built on first use.
        """
        if "W" not in self.memo:
            self.memo["W"] = normalised(self.R, self.scale)
        W: sp.csr_matrix = self.memo["W"]
        return W

    @property
    def WT(self) -> sp.csr_matrix:
        """``Wᵀ`` as CSR: row ``a`` holds whom ``a`` sways, ``WT[a, b] = W[b, a]`` (memoised)."""
        if "WT" not in self.memo:
            self.memo["WT"] = self.W.T.tocsr()
        WT: sp.csr_matrix = self.memo["WT"]
        return WT

    def solve(self, b: np.ndarray, *, transpose: bool = False) -> np.ndarray:
        # an iterative solve multiplies through R grouped by row (:meth:`SwayTies.grouped`,
        # or its two halves from 100,000 people: a gather for R @ x, a scatter for Rᵀ @ x;
        # shared by both solves)
        direct = _direct("auto", self.lam)

        def product(x: np.ndarray) -> np.ndarray:
            # the self-weights of empty rows never count: λ is 0 there
            return self.entries.product(x, transpose=transpose, self_weights=False)

        return _solve(
            self.R if direct else None,
            self.lam,
            b,
            transpose=transpose,
            tol=_TOL,
            memo=self.memo,
            row_scale=self.scale,
            product=None if direct else product,
        )

    def predicted(self) -> np.ndarray:
        """``x* = (I − ΛW)⁻¹(I − Λ)x0`` (read-only, memoised)."""
        if "x" not in self.memo:
            self.memo["x"] = _readonly(self.solve((1.0 - self.lam) * self.x0))
        x: np.ndarray = self.memo["x"]
        return x


def _readonly(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


def build_model(
    net: RelationshipNetwork,
    *,
    extra: pd.DataFrame | None = None,
    attitude: np.ndarray | None = None,
    removed: np.ndarray | None = None,
) -> _Model:
    """Build the influence model of ``net``; :func:`model` caches the plain one.

    ``extra`` ties, other initial ``attitude`` values and people ``removed`` serve what-if
    simulations (:func:`relgraph.simulate`).
    """
    n = net.n_people
    u, v = net.endpoints()
    forward, backward = net.sway_weights()
    if extra is not None and len(extra):
        fwd_t, bwd_t = kind_weights(net.settings.influence_weight, TIE_KINDS)
        kinds = extra["kind"].astype(str).to_numpy()
        codes = np.array([TIE_KINDS.index(k) for k in kinds], dtype=np.int64)
        f, b = fwd_t[codes], bwd_t[codes]
        infl = kinds == "influences"
        f[infl], b[infl] = extra["strength"].to_numpy(float)[infl], 0.0
        u = np.concatenate([u, extra["u"].to_numpy(np.int64)])
        v = np.concatenate([v, extra["v"].to_numpy(np.int64)])
        forward, backward = np.concatenate([forward, f]), np.concatenate([backward, b])
    outside = _outside(net)
    active = np.ones(n, dtype=bool) if removed is None else ~removed
    entries = SwayTies.build(u, v, forward, backward, n, outside | ~active)
    scale, empty = entries.scale, entries.empty
    sus = net.people["susceptibility"].to_numpy(dtype=float, na_value=np.nan)
    lam = np.where(np.isnan(sus), float(net.settings.susceptibility), sus)
    lam = np.where(empty, 0.0, lam)
    raw = net.people["attitude"]
    blank = raw.isna().to_numpy()
    if attitude is None:
        x0 = raw.to_numpy(dtype=float, na_value=np.nan)
        x0[blank] = 0.0
    else:
        x0 = np.asarray(attitude, dtype=float)
    for arr in (scale, lam, x0, blank, outside, active):
        arr.flags.writeable = False
    return _Model(
        entries=entries, scale=scale, lam=lam, x0=x0, blank=blank, outside=outside, active=active
    )


def _outside(net: RelationshipNetwork) -> np.ndarray:
    """Our staff and competitor staff (outside the customer's opinion dynamics)."""
    return _readonly(net.party.isin(_OUTSIDE).to_numpy(dtype=bool))


def model(net: RelationshipNetwork) -> _Model:
    """Return the influence model of ``net`` (built once per network and settings).

    Networks are immutable (tables never change after construction), so a model and
    everything solved on it stay valid for the network's life.
    """
    return net.memo(("influence.model",), lambda: build_model(net))


def influence_matrix(net: RelationshipNetwork) -> sp.csr_matrix:
    """Return the row-normalised influence matrix W of a network (who listens to whom).

    Parameters
    ----------
    net : RelationshipNetwork
        The network; weights come from ``net.settings.influence_weight``.

    Returns
    -------
    scipy.sparse.csr_matrix
        ``W[i, j]`` is the share of person ``i``'s attention on person ``j`` (positions as
        in ``net.person_ids``); every row sums to 1.

    Notes
    -----
    Raw sway ``R[i, j]`` (how much ``j`` sways ``i``) adds, for every tie:

    - ``influences`` (source sways target): its resolved strength to ``R[target, source]``;
    - ``reports_to`` (source = the report): ``influence_weight["reports_to"] = (f, b)``,
      the report advising the boss ``R[boss, report] += f`` (default 0.2) and the boss
      swaying the report ``R[report, boss] += b`` (default 0.6);
    - personal ties: ``(f, b)`` of their kind, ``R[target, source] += f`` and
      ``R[source, target] += b`` (defaults equal both ways: family 0.6, friend 0.4 …);
    - ``covers`` and ``informs``: nothing (they are our contact, not sway).

    Parallel ties between the same two people add up. Our own staff (party ``us``) and
    competitor staff (party ``competitor``) are outside the customer's opinion dynamics:
    their rows and columns get no weight. Then ``W = D⁻¹R`` with ``D`` the row sums; a
    person nobody sways gets a self-weight of 1 (and susceptibility 0: they keep their
    attitude). Sensitive ties count in the model (it is never shown as such); outputs
    that name ties withhold them unless asked.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.tiny()
    >>> W = influence_matrix(net)
    >>> i = net.index_of("p1")  # Ann hears Bo (report, 0.2) and Di (influences, 0.8)
    >>> W[i].toarray().round(2).tolist()
    [[0.0, 0.2, 0.0, 0.8, 0.0, 0.0]]
    """
    return model(net).W.copy()  # a copy: the model's own matrix stays intact


def predicted_attitudes(net: RelationshipNetwork) -> pd.DataFrame:
    """Predict everyone's attitude toward us after influence has played out.

    Parameters
    ----------
    net : RelationshipNetwork
        The network; weights and susceptibility come from ``net.settings``.

    Returns
    -------
    pandas.DataFrame
        ``person, name, party, attitude`` (as given, blank kept as NA), ``susceptibility``,
        ``predicted`` (``x*``, −3..+3) and ``change`` (``x* − x0``), in table order.

    Notes
    -----
    ``x* = (I − ΛW)⁻¹(I − Λ)x0`` (see :func:`friedkin_johnsen` and
    :func:`influence_matrix`), with a blank attitude counted as 0 (neutral).

    Examples
    --------
    >>> import relgraph as rg
    >>> df = predicted_attitudes(rg.datasets.tiny())
    >>> df.set_index("person").loc["p1", "predicted"].round(3)
    np.float64(-0.451)
    """
    m = model(net)
    x = m.predicted()
    return pd.DataFrame(
        {
            "person": net.person_ids.to_numpy(),
            "name": net.labels.to_numpy(),
            "party": net.party.to_numpy(),
            "attitude": net.people["attitude"].astype("Int64").array,
            "susceptibility": m.lam,
            "predicted": x,
            "change": x - m.x0,
        }
    )
