"""Who sways whom: the Friedkin–Johnsen influence model, support indices, leverage and paths."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from relgraph.errors import UnknownPersonError
from relgraph.model import Settings
from relgraph.network import TIE_KINDS
from relgraph.text import say

if TYPE_CHECKING:
    from relgraph.network import RelationshipNetwork

__all__ = [
    "friedkin_johnsen",
    "hidden_influencers",
    "influence_matrix",
    "influence_paths",
    "leverage",
    "predicted_attitudes",
    "support_index",
]

#: Parties outside the customer's opinion dynamics (our staff and competitor staff).
_OUTSIDE = ("us", "competitor")
#: Default backing strength of a competitor supporter whose ``support`` is blank.
_DEFAULT_SUPPORT = 2.0
#: Up to this many people the solver factorises; above, it iterates.
_DIRECT_SMALL = 500
#: When the iteration would contract slowly (some λ > 0.9), factorise up to this many.
_DIRECT_MAX = 20_000
#: Leverage below this is reported as negligible in ``why`` texts.
_NEGLIGIBLE = 1e-4
#: Tolerance of the network-level solves (max error of x* on −3..+3, of leverage on 0..1).
_TOL = 1e-9
#: Influence models kept per network (one per settings object in use).
_KEEP_MODELS = 4
_INFLUENCES = TIE_KINDS.index("influences")
#: From this many people, leverage runs its two independent solves in two threads.
_PARALLEL_FROM = 100_000

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
    ValueError
        When ``W`` is not square, has negative entries or a row not summing to 1, when a
        susceptibility is outside 0..1, when ``x0`` has the wrong length or non-finite
        values, for an unknown ``method``, or when the model has no unique equilibrium
        (a group of fully susceptible people, λ = 1, who hear nobody with λ < 1).

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
    if method not in _METHODS:
        raise ValueError(f"unknown method {method!r}; valid: {', '.join(_METHODS)}")
    M, lam = _check_fj(W, susceptibility)
    n = M.shape[0]
    x0a = np.asarray(x0, dtype=float)
    if x0a.ndim not in (1, 2) or x0a.shape[0] != n:
        raise ValueError(f"x0 has shape {x0a.shape}; expected ({n},) or ({n}, k)")
    if not np.isfinite(x0a).all():
        raise ValueError("x0 contains NaN or infinite values")
    _check_anchored(M, lam)
    b = (1.0 - lam)[:, None] * x0a if x0a.ndim == 2 else (1.0 - lam) * x0a
    return _solve(M, lam, b, method=method, tol=tol, maxiter=maxiter)


def _check_fj(W: Any, susceptibility: Any) -> tuple[sp.csr_matrix, np.ndarray]:
    M = sp.csr_matrix(W, dtype=float) if sp.issparse(W) else sp.csr_matrix(np.asarray(W, float))
    if M.ndim != 2 or M.shape[0] != M.shape[1]:
        raise ValueError(f"W has shape {M.shape}; expected a square (n, n) matrix")
    n = M.shape[0]
    if M.nnz and (not np.isfinite(M.data).all() or M.data.min() < 0):
        raise ValueError("W has negative or non-finite entries; expected weights >= 0")
    rows = np.asarray(M.sum(axis=1)).ravel()
    bad = np.flatnonzero(np.abs(rows - 1.0) > 1e-6)
    if len(bad):
        raise ValueError(
            f"W is not row-stochastic: row {int(bad[0])} sums to {rows[bad[0]]:.6g}; "
            "expected every row to sum to 1 (give an isolated person a self-weight of 1)"
        )
    lam = np.asarray(susceptibility, dtype=float)
    lam = np.full(n, float(lam)) if lam.ndim == 0 else lam
    if lam.shape != (n,):
        raise ValueError(f"susceptibility has shape {lam.shape}; expected a scalar or ({n},)")
    if not np.isfinite(lam).all() or lam.min(initial=0.0) < 0 or lam.max(initial=0.0) > 1:
        raise ValueError("susceptibility must lie in 0..1 for everyone")
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
        raise ValueError(
            "the model has no unique equilibrium: people at positions "
            f"{who} have susceptibility 1 and hear only others with susceptibility 1"
        )


def _solve(
    W: sp.csr_matrix,
    lam: np.ndarray,
    b: np.ndarray,
    *,
    transpose: bool = False,
    method: str = "auto",
    tol: float = 1e-12,
    maxiter: int = 10_000,
    memo: dict[Any, Any] | None = None,
) -> np.ndarray:
    """Solve ``(I − ΛW) x = b`` (or ``(I − ΛW)ᵀ x = b``) for row-stochastic ``W``.

    Small systems (and slowly contracting ones up to ``_DIRECT_MAX``) are factorised once
    with SuperLU (kept in ``memo`` for the next solve); larger ones run the fixed-point
    iteration, one sparse product per step, never forming ``ΛW`` or a transposed copy.
    """
    n = W.shape[0]
    if n == 0:
        return np.zeros_like(b, dtype=float)
    rate = float(lam.max(initial=0.0))  # ‖ΛW‖∞ = ‖(ΛW)ᵀ‖₁ = max λ: the contraction rate
    if method == "direct" or (
        method == "auto" and (n <= _DIRECT_SMALL or (rate > 0.9 and n <= _DIRECT_MAX))
    ):
        lu = None if memo is None else memo.get("lu")
        if lu is None:
            from scipy.sparse.linalg import splu

            lhs = (sp.identity(n, format="csr") - sp.diags(lam) @ W).tocsc()
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
    lam_c = lam[:, None] if b.ndim == 2 else lam
    WT = W.T  # a CSC view: no copy

    def step(x: np.ndarray) -> np.ndarray:
        return np.asarray(WT @ (lam_c * x) if transpose else lam_c * (W @ x)) + b

    # The error after a step of size d is at most d·ρ/(1 − ρ) (in the max-norm forward,
    # the 1-norm transposed), so stop when that bound drops below tol (relative).
    factor = rate / (1.0 - rate) if rate < 1.0 else math.inf
    x = np.array(b, dtype=float)
    for _ in range(min(maxiter, 500)):
        nxt = step(x)
        diff = np.abs(nxt - x)
        d = float(diff.sum(axis=0).max(initial=0.0) if transpose else diff.max(initial=0.0))
        x = nxt
        scale = max(1.0, float(np.abs(x).max(initial=0.0)))
        if d * min(factor, 1e6) <= tol * scale:
            return x
    # Slow contraction (some λ near 1): finish with GMRES from the current iterate.
    from scipy.sparse.linalg import LinearOperator, gmres

    Aop = WT @ sp.diags(lam) if transpose else sp.diags(lam) @ W
    op = LinearOperator((n, n), matvec=lambda v: v - Aop @ v, dtype=float)
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

    W: sp.csr_matrix  # row-stochastic; W[i, j] = share of i's attention on j
    lam: np.ndarray
    x0: np.ndarray
    blank: np.ndarray  # attitude was blank (treated as 0)
    outside: np.ndarray  # our staff and competitor staff
    active: np.ndarray  # False for people removed (simulate: left the company)
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def solve(self, b: np.ndarray, *, transpose: bool = False) -> np.ndarray:
        return _solve(self.W, self.lam, b, transpose=transpose, tol=_TOL, memo=self.memo)

    def predicted(self) -> np.ndarray:
        """``x* = (I − ΛW)⁻¹(I − Λ)x0`` (read-only, memoised)."""
        if "x" not in self.memo:
            self.memo["x"] = _readonly(self.solve((1.0 - self.lam) * self.x0))
        x: np.ndarray = self.memo["x"]
        return x


def _position(net: RelationshipNetwork, pid: str) -> int:
    """Integer position of one known person id (a hash lookup, no array building)."""
    loc = net.person_ids.get_loc(pid)
    if not isinstance(loc, (int, np.integer)):
        raise UnknownPersonError(pid, detail="the id is not unique")
    return int(loc)


def _readonly(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


def _settings(net: RelationshipNetwork, settings: Settings | None) -> Settings:
    return net.settings if settings is None else settings


def _weights_by_code(settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Forward and backward influence weight per tie kind code (see :data:`TIE_KINDS`)."""
    fwd = np.zeros(len(TIE_KINDS) + 1)  # the extra slot keeps unknown codes (-1) at 0
    bwd = np.zeros(len(TIE_KINDS) + 1)
    for k, (f, b) in settings.influence_weight.items():
        fwd[TIE_KINDS.index(str(k))] = float(f)
        bwd[TIE_KINDS.index(str(k))] = float(b)
    fwd[_INFLUENCES] = bwd[_INFLUENCES] = 0.0  # set per tie from its strength
    return fwd, bwd


def _sway_matrix(
    u: np.ndarray,
    v: np.ndarray,
    codes: np.ndarray,
    strength: np.ndarray,
    n: int,
    settings: Settings,
    drop: np.ndarray,
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Row-normalised ``W`` straight from the tie arrays, and which rows were empty.

    ``R[i, j]`` (how much ``j`` sways ``i``) gets, per tie ``u → v``, the forward weight at
    ``[v, u]`` and the backward weight at ``[u, v]``; parallel ties add up; people in
    ``drop`` get no entries. Rows are scaled by their sums, and an empty row gets a
    self-weight of 1 — all on flat arrays, one CSR construction.
    """
    fwd_t, bwd_t = _weights_by_code(settings)
    f = fwd_t[codes]
    b = bwd_t[codes]
    infl = codes == _INFLUENCES
    f[infl] = np.asarray(strength, dtype=float)[infl]
    ok = (u != v) & ~drop[u] & ~drop[v]
    fo = ok & (f > 0)
    bo = ok & (b > 0)
    idx = np.int32 if n < 2**31 - 1 else np.int64
    rows = np.concatenate([v[fo], u[bo]]).astype(idx, copy=False)
    cols = np.concatenate([u[fo], v[bo]]).astype(idx, copy=False)
    vals = np.concatenate([f[fo], b[bo]])
    del f, b, fo, bo, ok
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


def _build_model(
    net: RelationshipNetwork,
    settings: Settings,
    *,
    extra: pd.DataFrame | None = None,
    attitude: np.ndarray | None = None,
    removed: np.ndarray | None = None,
) -> _Model:
    n = net.n_people
    u, v = net.endpoints()
    codes = net.tie_kind_codes()
    edges = net.edges if settings == net.settings else net.with_settings(settings).edges
    strength = edges["strength"].to_numpy(dtype=float)
    memo: dict[Any, Any] = {
        "ties": (
            _readonly(strength.copy()),
            _readonly(edges["sensitive"].to_numpy(dtype=bool).copy()),
            _weights_by_code(settings),
        )
    }
    if extra is not None and len(extra):
        u = np.concatenate([u, extra["u"].to_numpy(np.int64)])
        v = np.concatenate([v, extra["v"].to_numpy(np.int64)])
        more = [TIE_KINDS.index(str(k)) for k in extra["kind"]]
        codes = np.concatenate([codes, np.asarray(more, dtype=np.int8)])
        strength = np.concatenate([strength, extra["strength"].to_numpy(float)])
    outside = _outside(net)
    active = np.ones(n, dtype=bool) if removed is None else ~removed
    W, empty = _sway_matrix(u, v, codes, strength, n, settings, outside | ~active)
    sus = net.people["susceptibility"].to_numpy(dtype=float, na_value=np.nan)
    lam = np.where(np.isnan(sus), float(settings.susceptibility), sus)
    lam = np.where(empty, 0.0, lam)
    raw = net.people["attitude"]
    blank = raw.isna().to_numpy()
    if attitude is None:
        x0 = raw.to_numpy(dtype=float, na_value=np.nan)
        x0[blank] = 0.0
    else:
        x0 = np.asarray(attitude, dtype=float)
    for a in (lam, x0, blank, outside, active):
        a.flags.writeable = False
    return _Model(W=W, lam=lam, x0=x0, blank=blank, outside=outside, active=active, memo=memo)


def _outside(net: RelationshipNetwork) -> np.ndarray:
    """Our staff and competitor staff (outside the customer's opinion dynamics), cached."""
    if "_outside" not in net._shared:
        net._shared["_outside"] = _readonly(net.party.isin(_OUTSIDE).to_numpy(dtype=bool))
    out: np.ndarray = net._shared["_outside"]
    return out


def _model(net: RelationshipNetwork, settings: Settings | None) -> _Model:
    """Return the influence model of ``net`` under ``settings``, built once per settings.

    Networks are immutable (tables never change after construction), so a model and
    everything solved on it stay valid for the network's life.
    """
    s = _settings(net, settings)
    models: list[tuple[Settings, _Model]] = net._cache.setdefault("influence_models", [])
    for known, m in models:
        if known is s or known == s:
            return m
    m = _build_model(net, s)
    models.append((s, m))
    del models[:-_KEEP_MODELS]  # a few settings at a time: each model holds a matrix
    return m


def influence_matrix(
    net: RelationshipNetwork, *, settings: Settings | None = None
) -> sp.csr_matrix:
    """Return the row-normalised influence matrix W of a network (who listens to whom).

    Parameters
    ----------
    net : RelationshipNetwork
    settings : Settings, optional
        Weights to use; ``net.settings`` when omitted.

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
    return _model(net, settings).W.copy()  # a copy: the model's own matrix stays intact


def predicted_attitudes(
    net: RelationshipNetwork, *, settings: Settings | None = None
) -> pd.DataFrame:
    """Predict everyone's attitude toward us after influence has played out.

    Parameters
    ----------
    net : RelationshipNetwork
    settings : Settings, optional
        Weights and susceptibility; ``net.settings`` when omitted.

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
    m = _model(net, settings)
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


# --------------------------------------------------------------------------- index
def _power(
    net: RelationshipNetwork, opportunity: str | None, settings: Settings
) -> tuple[str, np.ndarray, pd.DataFrame]:
    """Opportunity id, power per person (max over their roles; 0 without a role), roles.

    Memoised on the network's model for these settings; ``p`` is read-only and ``roles``
    must not be changed by callers.
    """
    opp = net.resolve_opportunity(opportunity)
    memo = _model(net, settings).memo
    if ("power", opp) not in memo:
        memo[("power", opp)] = _compute_power(net, opp, settings)
    p, roles = memo[("power", opp)]
    return opp, p, roles


def _compute_power(
    net: RelationshipNetwork, opp: str, settings: Settings
) -> tuple[np.ndarray, pd.DataFrame]:
    r = net.roles[net.roles["opportunity"].astype(str).eq(opp)]
    default = r["role"].map(lambda x: float(settings.role_power[x]) if x else 0.0)
    roles = pd.DataFrame(
        {
            "person": r["person"].astype(str).to_numpy(),
            "role": r["role"].astype(str).to_numpy(),
            "power": r["power"].astype(float).fillna(default.astype(float)).to_numpy(),
            "stage": r["stage"].to_numpy(),
        }
    )
    p = np.zeros(net.n_people)
    if len(roles):
        best = roles.groupby("person")["power"].max()
        p[net.index_of(best.index)] = best.to_numpy()
    return _readonly(p), roles


def _backing(net: RelationshipNetwork, competitors: Sequence[str]) -> np.ndarray:
    """``Y[i, c]`` = support of person i for competitor c (default 2 when blank), else 0."""
    sup = net.people["supports"].fillna("").astype(str).to_numpy()
    strength = net.people["support"].astype("Float64").fillna(_DEFAULT_SUPPORT)
    strength_a = strength.to_numpy(dtype=float)
    Y = np.zeros((net.n_people, len(competitors)))
    for c, comp in enumerate(competitors):
        hit = sup == comp
        Y[hit, c] = strength_a[hit]
    return Y


def _index_frame(
    net: RelationshipNetwork,
    m: _Model,
    p: np.ndarray,
    competitors: Sequence[str],
    lev: np.ndarray,
) -> pd.DataFrame:
    """Index per party from the leverage vector: ``I = Σ leverage_i · x0_i`` (exact)."""
    x0 = m.x0
    Y = _backing(net, competitors) * m.active[:, None]
    p = p * m.active
    B = np.column_stack([x0, Y]) if len(competitors) else x0[:, None]
    total = float(p.sum())
    holders = p > 0
    names = dict(zip(net.orgs["id"].astype(str), net.orgs["name"].astype(str), strict=True))
    rows: list[dict[str, Any]] = []
    parties = [("us", "us", "")] + [(c, "competitor", c) for c in competitors]
    for col, (party, kind, _) in enumerate(parties):
        idx = float(lev @ B[:, col]) if total > 0 else math.nan
        sup = holders & ((x0 >= 1) if col == 0 else (Y[:, col - 1] > 0))
        share = float(p[sup].sum() / total) if total > 0 else math.nan
        label = "us" if col == 0 else names.get(party, party)
        scale = "−3..+3" if col == 0 else "0..3"
        why = say(
            "index_why",
            party=label,
            index=idx,
            scale=scale,
            supporters=int(sup.sum()),
            holders=int(holders.sum()),
            share=share,
        )
        rows.append(
            {
                "party": party,
                "name": label,
                "kind": kind,
                "index": idx,
                "supporters": int(sup.sum()),
                "supporter_power_share": share,
                "role_holders": int(holders.sum()),
                "blank_attitudes": int((m.blank & holders).sum()) if col == 0 else 0,
                "why": why,
            }
        )
    return pd.DataFrame(rows)


def support_index(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Decision support index of an opportunity for us and for each competitor.

    Parameters
    ----------
    net : RelationshipNetwork
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    settings : Settings, optional
        Weights, powers and susceptibility; ``net.settings`` when omitted.

    Returns
    -------
    pandas.DataFrame
        One row per party, us first then competitors in the opportunity's order:
        ``party`` (``"us"`` or the competitor's org id), ``name``, ``kind`` (``us`` or
        ``competitor``), ``index`` (ours on −3..+3, a competitor's on 0..3),
        ``supporters`` (role holders with attitude ≥ +1 for us, backing the competitor
        for a competitor), ``supporter_power_share`` (their share of the total power),
        ``role_holders``, ``blank_attitudes`` (role holders whose blank attitude was
        counted as 0; ours only) and ``why``.

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.

    Notes
    -----
    With ``p`` the power of each role holder (a person holding several roles counts once,
    with their largest power), ``I = pᵀx* / Σp`` where ``x*`` are the predicted attitudes
    (:func:`predicted_attitudes`). For competitor ``c``, initial backing ``y0_i`` is the
    person's ``support`` (2 when blank) if they back ``c``, else 0; it spreads through
    the same operator, ``y* = (I − ΛW)⁻¹(I − Λ)y0``, and ``I_c = pᵀy* / Σp`` on 0..3.
    The weights are starting defaults (DESIGN.md §2), overridable with ``settings``.

    References
    ----------
    .. [1] N. E. Friedkin and E. C. Johnsen, "Social influence networks and opinion
       change", Advances in Group Processes 16:1–29, 1999.
    .. [2] F. E. Webster and Y. Wind, "A general model for understanding organizational
       buying behavior", Journal of Marketing 36(2):12–19, 1972.

    Examples
    --------
    >>> import relgraph as rg
    >>> support_index(rg.datasets.tiny())[["party", "kind", "index", "supporters"]].round(3)
      party        kind  index  supporters
    0    us          us  0.068           2
    1     R  competitor  0.748           1
    """
    s = _settings(net, settings)
    m = _model(net, settings)
    opp, p, _ = _power(net, opportunity, s)
    return _index_frame(net, m, p, net.competitors_of(opp), _leverage_vector(m, p, opp))


# --------------------------------------------------------------------------- leverage
def _roles_text(roles: pd.DataFrame) -> dict[str, str]:
    """Comma-joined roles per person, most powerful first (ties by role name)."""
    found: dict[str, list[tuple[float, str]]] = {}
    for pid, role, power in zip(
        roles["person"].tolist(), roles["role"].tolist(), roles["power"].tolist(), strict=True
    ):
        found.setdefault(str(pid), []).append((-float(power), str(role)))
    return {pid: ", ".join(dict.fromkeys(r for _, r in sorted(v))) for pid, v in found.items()}


def _roles_array(net: RelationshipNetwork, roles: pd.DataFrame) -> np.ndarray:
    out = np.full(net.n_people, "", dtype=object)
    text = _roles_text(roles)
    if text:
        out[net.index_of(list(text))] = list(text.values())
    return out


def _downstream(m: _Model, p: np.ndarray, opp: str | None = None) -> np.ndarray:
    """``z = (I − ΛW)⁻ᵀ p / Σp``: how much of the index hangs on each predicted attitude.

    Memoised on the model per opportunity ``opp`` (read-only); not memoised without one.
    """
    key = ("z", opp)
    if opp is not None and key in m.memo:
        cached: np.ndarray = m.memo[key]
        return cached
    p = p * m.active
    total = float(p.sum())
    z = np.zeros(len(p)) if total <= 0 else m.solve(p / total, transpose=True)
    if opp is not None:
        m.memo[key] = _readonly(z)
    return z


def _leverage_vector(m: _Model, p: np.ndarray, opp: str | None = None) -> np.ndarray:
    """``[pᵀ(I − ΛW)⁻¹(I − Λ)] / Σp`` with one transposed solve (memoised per ``opp``)."""
    return (1.0 - m.lam) * _downstream(m, p, opp)


def leverage(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """How far our support index moves per point of each person's attitude.

    Parameters
    ----------
    net : RelationshipNetwork
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    settings : Settings, optional
        Weights, powers and susceptibility; ``net.settings`` when omitted.

    Returns
    -------
    pandas.DataFrame
        One row per person, highest leverage first (ties broken by person id):
        ``person``, ``name``, ``party``, ``org``, ``roles`` (comma-joined roles in this
        opportunity, or ``""``), ``power`` (0 without a role), ``attitude`` (as given; NA
        when blank), ``predicted`` (``x*``), ``leverage``, ``contribution`` (leverage ×
        attitude: this person's part of our index), ``backs`` (competitor org id or
        ``""``), ``competitor_share`` (share of that competitor's index held by this
        person's backing; 0 when they back nobody) and ``why``. ``attrs["blank_attitudes"]``
        counts people whose blank attitude was treated as 0.

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.

    Notes
    -----
    ``leverage_i = ∂I/∂x0_i = [pᵀ(I − ΛW)⁻¹(I − Λ)]_i / Σp``, computed for everyone with
    one transposed sparse solve ``(I − ΛW)ᵀz = p/Σp`` (:func:`friedkin_johnsen`'s solver:
    a sparse LU up to 500 people, else the fixed-point iteration ``z ← p/Σp + Wᵀ(λ∘z)``
    stopped at an error bound of 1e-9 in total over everyone). The solve is memoised on
    the network per opportunity and settings, so :func:`support_index`,
    :func:`hidden_influencers`, coverage and targets reuse it; the returned table is a
    copy. Leverage is never negative and sums
    to 1 over everyone (each role holder's predicted attitude is a weighted average of
    initial attitudes), so it reads as "the share of the index that moves with this
    person". Our index is ``Σ_i leverage_i · x0_i``; competitor ``c``'s index is
    ``Σ_i leverage_i · y0_ci``, so ``competitor_share_i = leverage_i · y0_ci / I_c``.
    Our and competitor staff are outside the model and have leverage 0.

    Examples
    --------
    >>> import relgraph as rg
    >>> df = leverage(rg.datasets.tiny())
    >>> df[["person", "roles", "leverage"]].round(3).head(4)
      person               roles  leverage
    0     p1     decider     0.374
    1     p4                 0.299
    2     p2  influencer     0.212
    3     p3        user     0.115
    """
    s = _settings(net, settings)
    m = _model(net, settings)
    opp = net.resolve_opportunity(opportunity)
    key = ("leverage_frame", opp)
    if key not in m.memo:
        opp, p, roles = _power(net, opp, s)
        if net.n_people >= _PARALLEL_FROM and "x" not in m.memo:
            # The forward solve (x*, for the `predicted` column) and the transposed one
            # (leverage) are independent; scipy's sparse products release the GIL, so on
            # two cores they run side by side.
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=1) as pool:
                forward = pool.submit(m.predicted)
                lev = _leverage_vector(m, p, opp)
                forward.result()
        else:
            lev = _leverage_vector(m, p, opp)
        m.memo[key] = _leverage_frame(net, m, p, roles, net.competitors_of(opp), lev)
    frame: pd.DataFrame = m.memo[key]
    out = frame.copy(deep=True)  # callers may change their copy; the memo stays intact
    out.attrs = dict(frame.attrs)
    return out


def _leverage_frame(
    net: RelationshipNetwork,
    m: _Model,
    p: np.ndarray,
    roles: pd.DataFrame,
    competitors: Sequence[str],
    lev: np.ndarray,
) -> pd.DataFrame:
    ids = net.person_ids
    x = m.predicted()
    Y = _backing(net, competitors)
    backs = np.full(len(ids), "", dtype=object)
    y0 = np.zeros(len(ids))
    share = np.zeros(len(ids))
    for c, comp in enumerate(competitors):
        hit = Y[:, c] > 0
        backs[hit] = comp
        y0[hit] = Y[hit, c]
        idx_c = float(lev @ Y[:, c])
        if idx_c > 0:
            share[hit] = lev[hit] * Y[hit, c] / idx_c
    role_text = _roles_array(net, roles)
    order = _rank_order(lev, ids)
    people = net.people
    df = pd.DataFrame(
        {
            "person": ids.array.take(order),
            "name": net.labels.array.take(order),
            "party": net.party.array.take(order),
            "org": people["org"].array.take(order),
            "roles": role_text[order],
            "power": p[order],
            "attitude": people["attitude"].astype("Int64").array.take(order),
            "predicted": x[order],
            "leverage": lev[order],
            "contribution": (lev * m.x0)[order],
            "backs": backs[order],
            "competitor_share": share[order],
        }
    )
    df["why"] = _leverage_why(df, m.outside[order] | ~m.active[order])
    df.attrs["blank_attitudes"] = int((m.blank & ~m.outside).sum())
    return df


def _rank_order(values: np.ndarray, ids: pd.Index) -> np.ndarray:
    """Positions sorted by ``values`` descending, equal values by id ascending.

    Sorting by the number alone is a fast numpy sort; only runs of equal values are
    re-sorted by their ids (ten million id comparisons would cost seconds).
    """
    order = np.argsort(-values, kind="stable")
    sv = values[order]
    same = np.zeros(len(order), dtype=bool)
    same[1:] = sv[1:] == sv[:-1]
    if same.any():
        in_run = same.copy()
        in_run[:-1] |= same[1:]
        pos = np.flatnonzero(in_run)
        run = np.cumsum(~same[pos])
        rank = pd.factorize(ids.array.take(order[pos]), sort=True)[0]
        order[pos] = order[pos][np.lexsort((rank, run))]
    return order


def _leverage_why(df: pd.DataFrame, outside: np.ndarray) -> np.ndarray:
    out = np.full(len(df), say("lev_why_outside"), dtype=object)
    lev = df["leverage"].to_numpy()
    out[~outside & (lev < _NEGLIGIBLE)] = say("lev_why_negligible")
    big = np.flatnonzero(~outside & (lev >= _NEGLIGIBLE))
    roles = df["roles"].to_numpy()
    for i in big:
        role = roles[i]
        key = "lev_why_role" if role else "lev_why_norole"
        out[i] = say(key, lev=float(lev[i]), roles=role)
    return out


# --------------------------------------------------------------------------- hidden
_PHRASE_KEYS = {
    "influences": "via_influences",
    "family": "via_family",
    "friend": "via_friend",
    "former_colleague": "via_former_colleague",
    "alumni": "via_alumni",
    "club": "via_club",
    "neighbour": "via_neighbour",
    "faith": "via_faith",
    "works_with": "via_works_with",
    "supplier": "via_supplier",
    "customer_of": "via_customer_of",
    "other": "via_other",
}


def _tie_phrase(kind: str, strength: float, boss: bool | None) -> str:
    if kind == "reports_to":
        return say("via_boss") if boss else say("via_report")
    return say(_PHRASE_KEYS.get(kind, "via_other"), strength=strength)


def _pair_index(net: RelationshipNetwork) -> tuple[np.ndarray, np.ndarray]:
    """Ties sorted by unordered endpoint pair: (sorted pair keys, tie positions), cached."""
    if "_by_pair" not in net._shared:
        eu, ev = net.endpoints()
        key = np.minimum(eu, ev) * net.n_people + np.maximum(eu, ev)
        order = np.argsort(key, kind="stable")
        net._shared["_by_pair"] = (_readonly(key[order]), _readonly(order))
    pair: tuple[np.ndarray, np.ndarray] = net._shared["_by_pair"]
    return pair


def _ties_between(
    net: RelationshipNetwork, i: int, j: int, settings: Settings | None
) -> list[tuple[str, float, bool | None, bool]]:
    """Ties by which person ``i`` sways person ``j``: (kind, strength, i_is_boss, sensitive).

    Strengths and sensitivity are those of ``settings`` (the network's when None).
    """
    keys, order = _pair_index(net)
    want = min(i, j) * net.n_people + max(i, j)
    lo, hi = np.searchsorted(keys, want, "left"), np.searchsorted(keys, want, "right")
    if lo == hi:
        return []
    strengths, sensitive, (fwd_t, bwd_t) = _model(net, settings).memo["ties"]
    us = net.endpoints()[0]
    codes = net.tie_kind_codes()
    out: list[tuple[str, float, bool | None, bool]] = []
    for r in order[lo:hi].tolist():
        code = int(codes[r])
        src = int(us[r])
        if code == _INFLUENCES:
            if src != i:
                continue
        elif (fwd_t[code] if src == i else bwd_t[code]) <= 0:
            continue
        kind = TIE_KINDS[code]
        boss = (src == j) if kind == "reports_to" else None
        out.append((kind, float(strengths[r]), boss, bool(sensitive[r])))
    return out


def _describe(net: RelationshipNetwork, pid: str, roles_text: str) -> str:
    title = net.people["title"].iat[_position(net, pid)]
    who = net.labels[pid]
    if isinstance(title, str) and title:
        who = f"{who}, {title}"
    return f"{who} ({roles_text})" if roles_text else who


def hidden_influencers(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    k: int | None = None,
    min_leverage: float = 0.005,
    include_sensitive: bool = False,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """People without a formal role who sway the decision chain, ranked by leverage.

    Parameters
    ----------
    net : RelationshipNetwork
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    k : int, optional
        Keep only the top ``k``; all above ``min_leverage`` when omitted.
    min_leverage : float
        Leave out people with less leverage than this (default 0.005).
    include_sensitive : bool
        Name sensitive ties (family, faith, neighbour, or marked sensitive) as evidence.
        When False (the default) they still count in the model, but the evidence is
        withheld and counted in ``withheld``.
    settings : Settings, optional
        Weights, powers and susceptibility; ``net.settings`` when omitted.

    Returns
    -------
    pandas.DataFrame
        ``rank, person, name, party, org, attitude, backs, leverage, sways`` (ids of the
        decision-chain members they sway directly, comma-joined), ``influences`` (those
        people described), ``via`` (the ties, kind and strength), ``withheld`` (sensitive
        ties left out of the evidence) and ``why``.

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.
    ValueError
        For a negative ``k`` or ``min_leverage``.

    Notes
    -----
    Candidates are everyone with no role in the opportunity, plus role holders outside
    the customer org, excluding our and competitor staff. Their leverage is computed as
    in :func:`leverage`. Leverage splits exactly over the people ``j`` a candidate ``i``
    sways: ``leverage_i = (1 − λ_i)(p_i/Σp + Σ_j λ_j W[j, i] z_j)`` with
    ``z = (I − ΛW)⁻ᵀp/Σp``; the chain members they sway are listed by their term
    ``λ_j W[j, i] z_j``, largest first. A candidate with no direct tie into the chain is
    described by the person with the largest such term.

    Examples
    --------
    >>> import relgraph as rg
    >>> hi = hidden_influencers(rg.datasets.tiny())
    >>> hi[["person", "leverage", "sways"]].round(3)
      person  leverage sways
    0     p4     0.299    p1
    >>> for part in hi.loc[0, "why"].split("; "):
    ...     print(part)
    sways Ann, CEO (decider) through a direct influence tie (0.8)
    0.299 of the index moves with this person
    """
    if k is not None and k < 0:
        raise ValueError(f"k = {k!r}; expected a non-negative integer or None")
    if min_leverage < 0:
        raise ValueError(f"min_leverage = {min_leverage!r}; expected >= 0")
    s = _settings(net, settings)
    m = _model(net, settings)
    opp, p, roles = _power(net, opportunity, s)
    z = _downstream(m, p, opp)
    lev = (1.0 - m.lam) * z
    flow = m.lam * z  # flow through j: λ_j · z_j per unit of W[j, i]
    account = net.account_of(opp)
    org = net.people["org"].astype(str).to_numpy()
    candidate = ((p <= 0) | (org != account)) & ~m.outside & (lev >= min_leverage)
    order = np.flatnonzero(candidate)
    order = order[np.lexsort((net.person_ids.to_numpy()[order], -lev[order]))]
    if k is not None:
        order = order[:k]
    role_text = _roles_text(roles)
    WT = m.W.T.tocsr()  # row i: the people i sways and by how much
    ids = net.person_ids
    rows: list[dict[str, Any]] = []
    for rank, i in enumerate(order, start=1):
        lo, hi = WT.indptr[i], WT.indptr[i + 1]
        swayed, wts = WT.indices[lo:hi], WT.data[lo:hi]
        sel = (swayed != i) & (p[swayed] > 0)
        chain = swayed[sel][np.argsort(-(wts[sel] * flow[swayed[sel]]), kind="stable")]
        withheld = 0
        targets: list[str] = []
        described: list[str] = []
        vias: list[str] = []
        phrases: list[str] = []
        for j in chain:
            ties = _ties_between(net, int(i), int(j), s)
            shown = [t for t in ties if include_sensitive or not t[3]]
            withheld += len(ties) - len(shown)
            if not shown:
                continue
            pid = str(ids[j])
            targets.append(pid)
            described.append(_describe(net, pid, str(role_text.get(pid, ""))))
            vias.append(", ".join(f"{t[0]} {t[1]:.1f} → {pid}" for t in shown))
            phrases.append(" and ".join(_tie_phrase(t[0], t[1], t[2]) for t in shown))
        if described:
            why = say("hidden_why", target=described[0], tie=phrases[0], lev=float(lev[i]))
            if len(described) > 1:
                why = say("hidden_why_more", why=why, more=len(described) - 1)
        elif withheld:
            why = say("hidden_why_withheld", lev=float(lev[i]))
        else:
            nb = swayed[swayed != i]
            best = nb[np.argmax(wts[swayed != i] * flow[nb])] if len(nb) else -1
            through = net.labels.iat[int(best)] if best >= 0 else "?"
            why = say("hidden_why_indirect", through=through, lev=float(lev[i]))
            described.append(say("through", who=through))
        if withheld:
            why = why + say("withheld_note", n=withheld)
        rows.append(
            {
                "rank": rank,
                "person": str(ids[int(i)]),
                "name": str(net.labels.iat[int(i)]),
                "party": str(net.party.iat[int(i)]),
                "org": str(org[i]),
                "attitude": net.people["attitude"].astype("Int64").iat[int(i)],
                "backs": str(net.people["supports"].fillna("").iat[int(i)]),
                "leverage": float(lev[i]),
                "sways": ", ".join(targets),
                "influences": "; ".join(described),
                "via": "; ".join(vias),
                "withheld": withheld,
                "why": why,
            }
        )
    cols = [
        "rank", "person", "name", "party", "org", "attitude", "backs", "leverage",
        "sways", "influences", "via", "withheld", "why",
    ]  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    out["attitude"] = out["attitude"].astype("Int64")
    out["withheld"] = out["withheld"].astype(int)
    out["rank"] = out["rank"].astype(int)
    out["leverage"] = out["leverage"].astype(float)
    return out


# --------------------------------------------------------------------------- paths
def influence_paths(
    net: RelationshipNetwork,
    source: str,
    target: str,
    k: int = 3,
    *,
    max_hops: int = 6,
    include_sensitive: bool = False,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Find the ``k`` strongest chains of sway from one person to another.

    Parameters
    ----------
    net : RelationshipNetwork
    source : str
        The person whose influence flows (id or name).
    target : str
        The person it should reach, typically a decision maker (id or name).
    k : int
        How many chains to return (default 3).
    max_hops : int
        Ignore chains longer than this (default 6).
    include_sensitive : bool
        Allow hops that exist only through sensitive ties, and name sensitive tie kinds.
    settings : Settings, optional
        Weights; ``net.settings`` when omitted.

    Returns
    -------
    pandas.DataFrame
        One row per chain, strongest first: ``rank``, ``strength`` (product of the hops'
        weights), ``hops``, ``path`` (list of person ids), ``kinds`` (list, one label per
        hop: its tie kinds joined by ``+``), ``route`` (readable chain) and ``why``. Empty
        (same columns) when no chain exists. ``attrs["withheld_hops"]`` counts hops left
        out because only sensitive ties carried them.

    Raises
    ------
    UnknownPersonError
        For an unknown source or target.
    ValueError
        For ``k < 1``, ``max_hops < 1`` or ``source == target``.

    Notes
    -----
    A hop ``a → b`` exists when ``W[b, a] > 0`` (``b`` listens to ``a``); its weight is
    ``W[b, a]`` from :func:`influence_matrix`, and a chain's strength is the product of
    its hops' weights. The ``k`` strongest simple chains are the ``k`` shortest on the
    cost ``−log W[b, a]`` (Yen's algorithm via ``networkx.shortest_simple_paths``), on the
    subgraph of people both reachable from ``source`` and reaching ``target`` within
    ``max_hops``. Chains longer than ``max_hops`` are skipped as Yen yields them; after
    ``20·k`` candidates the search stops, so a graph whose strongest chains are all too
    long may return fewer than ``k`` rows.

    References
    ----------
    .. [1] J. Y. Yen, "Finding the k shortest loopless paths in a network", Management
       Science 17(11):712–716, 1971.

    Examples
    --------
    >>> import relgraph as rg
    >>> influence_paths(rg.datasets.tiny(), "p3", "p1")[["rank", "strength", "kinds"]]
       rank  strength                     kinds
    0     1      0.05  [reports_to, reports_to]
    """
    import networkx as nx

    if k < 1:
        raise ValueError(f"k = {k!r}; expected >= 1")
    if max_hops < 1:
        raise ValueError(f"max_hops = {max_hops!r}; expected >= 1")
    src = net.resolve_person(source)
    dst = net.resolve_person(target)
    if src == dst:
        raise ValueError("source and target are the same person")
    s = _settings(net, settings)
    m = _model(net, settings)
    a, b = _position(net, src), _position(net, dst)
    F = m.W.T.tocsr()  # F[a, b] = W[b, a]: sway flows from a to b
    F = F - sp.diags(F.diagonal())
    F.eliminate_zeros()
    fwd = _hops_within(F, a, max_hops)
    bwd = _hops_within(F.T.tocsr(), b, max_hops)
    keep = np.flatnonzero((fwd + bwd) <= max_hops)
    cols = ["rank", "strength", "hops", "path", "kinds", "route", "why"]
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    empty.attrs["withheld_hops"] = 0
    if a not in keep or b not in keep:
        return empty
    sub = F[keep][:, keep].tocoo()
    shown_ok = _shown_hops(net, s, include_sensitive)[keep][:, keep]
    ok = np.asarray(shown_ok[sub.row, sub.col]).ravel() > 0
    withheld = int((~ok).sum())
    g = nx.DiGraph()
    g.add_nodes_from(range(len(keep)))
    g.add_weighted_edges_from(
        zip(sub.row[ok].tolist(), sub.col[ok].tolist(), (-np.log(sub.data[ok])).tolist(),
            strict=True),
        weight="cost",
    )  # fmt: skip

    def hop_label(r: int, c: int) -> str:
        ties = _ties_between(net, int(keep[r]), int(keep[c]), s)
        shown = [t for t in ties if include_sensitive or not t[3]]
        parts = ["reports_to (boss)" if t[0] == "reports_to" and t[2] else t[0] for t in shown]
        return "+".join(dict.fromkeys(parts))

    pos = {int(v): i for i, v in enumerate(keep)}
    ids = net.person_ids
    rows: list[dict[str, Any]] = []
    try:
        gen = nx.shortest_simple_paths(g, pos[a], pos[b], weight="cost")
        for tried, path in enumerate(gen):
            if tried >= 20 * k:  # Yen yields by strength; stop if only long chains remain
                break
            if len(path) - 1 > max_hops:
                continue
            hops = list(zip(path[:-1], path[1:], strict=True))
            strength = float(np.exp(-sum(g.edges[h]["cost"] for h in hops)))
            kinds = [hop_label(*h) for h in hops]
            pids = [str(ids[keep[v]]) for v in path]
            route = pids[0] + "".join(
                f" —{kd}→ {pid}" for kd, pid in zip(kinds, pids[1:], strict=True)
            )
            rows.append(
                {
                    "rank": len(rows) + 1,
                    "strength": strength,
                    "hops": len(hops),
                    "path": pids,
                    "kinds": kinds,
                    "route": route,
                    "why": say(
                        "path_why",
                        source=net.labels[pids[0]],
                        target=net.labels[pids[-1]],
                        hops=len(hops),
                        strength=strength,
                    ),
                }
            )
            if len(rows) >= k:
                break
    except nx.NetworkXNoPath:
        pass
    out = pd.DataFrame(rows, columns=cols) if rows else empty
    out.attrs["withheld_hops"] = withheld
    return out


def _shown_hops(net: RelationshipNetwork, settings: Settings, include_sensitive: bool) -> Any:
    """Sparse ``S[a, b] > 0`` when a tie that may be shown carries sway from a to b."""
    e = net.edges
    u, v = net.endpoints()
    codes = net.tie_kind_codes()
    fwd_t, bwd_t = _weights_by_code(settings)
    fwd = fwd_t[codes] > 0
    bwd = bwd_t[codes] > 0
    fwd[codes == _INFLUENCES] = True
    if not include_sensitive:
        plain = ~e["sensitive"].to_numpy(dtype=bool)
        fwd &= plain
        bwd &= plain
    rows = np.concatenate([u[fwd], v[bwd]])
    cols = np.concatenate([v[fwd], u[bwd]])
    n = net.n_people
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))


def _hops_within(F: sp.csr_matrix, start: int, limit: int) -> np.ndarray:
    """Hop count from ``start`` along the non-zeros of ``F`` (``limit + 1`` if further)."""
    n = F.shape[0]
    dist = np.full(n, limit + 1, dtype=np.int64)
    dist[start] = 0
    frontier = np.zeros(n, dtype=bool)
    frontier[start] = True
    P = (F != 0).astype(np.int8).T.tocsr()
    for h in range(1, limit + 1):
        reached = (P @ frontier.astype(np.int8)) > 0
        new = reached & (dist > limit)
        if not new.any():
            break
        dist[new] = h
        frontier = new
    return dist
