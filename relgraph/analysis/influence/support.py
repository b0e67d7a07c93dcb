"""The decision support index per party, and each person's leverage on ours.

Both come from one transposed solve of the influence model
(:mod:`~relgraph.analysis.influence.model`) per opportunity: ``z = (I − ΛW)⁻ᵀ p / Σp``,
memoised, shared by coverage, targets and the plan.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from relgraph.analysis.influence.model import _Model, _readonly, model
from relgraph.checks import check_bool
from relgraph.network import RelationshipNetwork
from relgraph.privacy import withhold_people
from relgraph.text import say, term_list
from relgraph.textvec import Coded, piece, text_backend, text_column

__all__ = ["leverage", "leverage_array", "power", "ranked_leverage", "support_index"]

#: Default backing strength of a competitor supporter whose ``support`` is blank.
_DEFAULT_SUPPORT = 2.0
#: Leverage below this is reported as negligible in ``why`` texts.
_NEGLIGIBLE = 1e-4
#: From this many people, leverage runs its two independent solves (and its text columns)
#: in two threads.
_PARALLEL_FROM = 100_000


def power(
    net: RelationshipNetwork, opportunity: str | None
) -> tuple[str, np.ndarray, pd.DataFrame]:
    """Opportunity id, power per person (max over their roles; 0 without a role), roles.

    Memoised per network and opportunity; ``p`` is read-only and ``roles`` must not be
    changed by callers.
    """
    opp = net.resolve_opportunity(opportunity)
    p, roles = net.memo(("influence.power", opp), lambda: _compute_power(net, opp))
    return opp, p, roles


def _compute_power(net: RelationshipNetwork, opp: str) -> tuple[np.ndarray, pd.DataFrame]:
    settings = net.settings
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


def index_frame(
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
    names = net.org_labels
    lang = net.settings.language
    rows: list[dict[str, Any]] = []
    parties = [("us", "us", "")] + [(c, "competitor", c) for c in competitors]
    for col, (party, kind, _) in enumerate(parties):
        idx = float(lev @ B[:, col]) if total > 0 else math.nan
        sup = holders & ((x0 >= 1) if col == 0 else (Y[:, col - 1] > 0))
        share = float(p[sup].sum() / total) if total > 0 else math.nan
        label = say("party_us", lang=lang) if col == 0 else str(names.get(party, party))
        scale = "−3..+3" if col == 0 else "0..3"
        why = say(
            "index_why",
            party=label,
            index=idx,
            scale=scale,
            supporters=int(sup.sum()),
            holders=int(holders.sum()),
            share=share,
            lang=lang,
        )
        if total <= 0:  # no role holder has any power: the index is undefined (NaN)
            why = say("index_why_no_power", party=label)
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


def support_index(net: RelationshipNetwork, opportunity: str | None = None) -> pd.DataFrame:
    """Decision support index of an opportunity for us and for each competitor.

    Parameters
    ----------
    net : RelationshipNetwork
        The network; weights, powers and susceptibility come from ``net.settings``.
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.

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
    The weights are starting defaults (DESIGN.md §2), overridable with
    ``net.with_settings(...)``.

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
    m = model(net)
    opp, p, _ = power(net, opportunity)
    return index_frame(net, m, p, net.competitors_of(opp), leverage_vector(m, p, opp))


# --------------------------------------------------------------------------- leverage
def roles_text(roles: pd.DataFrame) -> dict[str, str]:
    """Comma-joined roles per person, most powerful first (ties by role name)."""
    found: dict[str, list[tuple[float, str]]] = {}
    for pid, role, power in zip(
        roles["person"].tolist(), roles["role"].tolist(), roles["power"].tolist(), strict=True
    ):
        found.setdefault(str(pid), []).append((-float(power), str(role)))
    return {pid: ", ".join(dict.fromkeys(r for _, r in sorted(v))) for pid, v in found.items()}


def roles_array(net: RelationshipNetwork, roles: pd.DataFrame) -> np.ndarray:
    out = np.full(net.n_people, "", dtype=object)
    text = roles_text(roles)
    if text:
        out[net.index_of(list(text))] = list(text.values())
    return out


def downstream(m: _Model, p: np.ndarray, opp: str | None = None) -> np.ndarray:
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


def leverage_vector(m: _Model, p: np.ndarray, opp: str | None = None) -> np.ndarray:
    """``[pᵀ(I − ΛW)⁻¹(I − Λ)] / Σp`` with one transposed solve (memoised per ``opp``)."""
    return (1.0 - m.lam) * downstream(m, p, opp)


def leverage_array(net: RelationshipNetwork, opportunity: str | None) -> np.ndarray:
    """Everyone's leverage by position in ``net.people`` (a new array each call).

    The numbers of :func:`leverage`, without its table: one transposed solve, memoised
    on the model per opportunity.
    """
    opp, p, _ = power(net, opportunity)
    return leverage_vector(model(net), p, opp)


def ranked_leverage(net: RelationshipNetwork, opportunity: str | None) -> pd.Series:
    """Everyone's leverage by person id, highest first (equal values by id).

    The ``leverage`` column of ``leverage(net, opportunity, include_sensitive=True)``
    indexed by its ``person`` column, without building the table (no forward solve, no
    texts): what coverage and targets read. Memoised on the model per opportunity; the
    returned Series is a shallow copy of read-only values.
    """
    m = model(net)
    opp = net.resolve_opportunity(opportunity)
    key = ("leverage_series", opp)
    if key not in m.memo:
        lev = leverage_array(net, opp)
        order = _rank_order(lev, net.person_ids)
        person = pd.Series(net.person_ids.array.take(order)).astype(str)
        m.memo[key] = pd.Series(_readonly(lev[order]), index=pd.Index(person))
    out: pd.Series = m.memo[key].copy(deep=False)
    return out


def leverage(
    net: RelationshipNetwork, opportunity: str | None = None, *, include_sensitive: bool = False
) -> pd.DataFrame:
    """How far our support index moves per point of each person's attitude.

    Parameters
    ----------
    net : RelationshipNetwork
        The network; weights, powers and susceptibility come from ``net.settings``.
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    include_sensitive : bool
        Keep the rows of people known only through sensitive ties (a spouse, a neighbour:
        :func:`relgraph.privacy.share_policy`). By default they are left out of the table
        (everyone's numbers are computed on the full network first, so no other row
        changes) and ``attrs["withheld_people"]`` / ``attrs["withheld_note"]`` say how
        many (:func:`relgraph.privacy.withhold_people`).

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
    Our and competitor staff are outside the model and have leverage 0. (With people
    withheld, the rows shown sum to 1 minus the withheld people's leverage.)

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
    include_sensitive = check_bool("include_sensitive", include_sensitive)
    m = model(net)
    opp = net.resolve_opportunity(opportunity)
    key = ("leverage_frame", opp)
    if key not in m.memo:
        opp, p, roles = power(net, opp)
        if net.n_people >= _PARALLEL_FROM and "x" not in m.memo:
            # The forward solve (x*, for the `predicted` column) and the transposed one
            # (leverage) are independent; scipy's sparse products release the GIL, so on
            # two cores they run side by side.
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=1) as pool:
                forward = pool.submit(m.predicted)
                lev = leverage_vector(m, p, opp)
                forward.result()
        else:
            lev = leverage_vector(m, p, opp)
        m.memo[key] = _leverage_frame(net, m, p, roles, net.competitors_of(opp), lev)
    frame, order = m.memo[key]
    # withhold_people copies: callers may change their copy; the memo stays intact
    return withhold_people(frame, net, include_sensitive=include_sensitive, positions=order)


def _leverage_frame(
    net: RelationshipNetwork,
    m: _Model,
    p: np.ndarray,
    roles: pd.DataFrame,
    competitors: Sequence[str],
    lev: np.ndarray,
) -> tuple[pd.DataFrame, np.ndarray]:
    """Build the leverage table; also return the person position of each of its rows."""
    ids = net.person_ids
    x = m.predicted()
    Y = _backing(net, competitors)
    backs = np.zeros(len(ids), dtype=np.int64)  # 0: nobody, c + 1: competitors[c]
    y0 = np.zeros(len(ids))
    share = np.zeros(len(ids))
    for c in range(len(competitors)):
        hit = Y[:, c] > 0
        backs[hit] = c + 1
        y0[hit] = Y[hit, c]
        idx_c = float(lev @ Y[:, c])
        if idx_c > 0:
            share[hit] = lev[hit] * Y[hit, c] / idx_c
    role_text = roles_text(roles)
    role_pos = net.index_of(list(role_text)) if role_text else np.zeros(0, np.int64)
    role_code = np.zeros(len(ids), dtype=np.int64)  # 0: no role, k + 1: the k-th text
    role_code[role_pos] = np.arange(1, len(role_pos) + 1)
    role_names = ["", *role_text.values()]
    order = _rank_order(lev, ids)
    people = net.people
    texts = (ids.array, net.labels.array, net.party.array, people["org"].array)
    person, name, party, org = _taken(texts, order)
    df = pd.DataFrame(
        {
            "person": person,
            "name": name,
            "party": party,
            "org": org,
            "roles": _coded_text(role_code[order], role_names),
            "power": p[order],
            "attitude": people["attitude"].astype("Int64").array.take(order),
            "predicted": x[order],
            "leverage": lev[order],
            "contribution": (lev * m.x0)[order],
            "backs": _coded_text(backs[order], ["", *map(str, competitors)]),
            "competitor_share": share[order],
        }
    )
    outside = (m.outside | ~m.active)[order]
    lang = net.settings.language
    df["why"] = _leverage_why(lev[order], role_code[order], role_names, outside, lang)
    df.attrs["blank_attitudes"] = int((m.blank & ~m.outside).sum())
    order.flags.writeable = False
    return df, order


def _coded_text(codes: np.ndarray, texts: list[str]) -> Any:
    """``texts[codes]`` as a text column, without a Python object per row."""
    return text_column(piece(Coded(codes, texts), "", text_backend()))


def _taken(columns: Sequence[Any], order: np.ndarray) -> list[Any]:
    """``column.take(order)`` of each column; many rows two columns at a time.

    Taking a million texts is Arrow's work, which releases the GIL: two threads take two
    columns side by side.
    """
    if len(order) < _PARALLEL_FROM:
        return [c.take(order) for c in columns]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda c: c.take(order), columns))


def _rank_order(values: np.ndarray, ids: pd.Index) -> np.ndarray:
    """Positions sorted by ``values`` descending, equal values by id ascending.

    Sorting by the number alone is a fast numpy sort (not a stable one: the ids, which are
    unique, order every run of equal values); only those runs are re-sorted by their ids
    (ten million id comparisons would cost seconds).
    """
    order = np.argsort(-values)
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


def _leverage_why(
    lev: np.ndarray,
    role_code: np.ndarray,
    role_names: list[str],
    outside: np.ndarray,
    lang: str,
) -> Any:
    """Return the ``why`` column: own text above the negligible level, else a shared one."""
    codes = np.zeros(len(lev), dtype=np.int64)  # 0: outside the dynamics
    codes[~outside & (lev < _NEGLIGIBLE)] = 1
    big = np.flatnonzero(~outside & (lev >= _NEGLIGIBLE))
    texts = [say("lev_why_outside", lang=lang), say("lev_why_negligible", lang=lang)]
    words = [term_list("role", role, lang=lang) for role in role_names]  # once per role text
    for i, code in zip(big.tolist(), role_code[big].tolist(), strict=True):
        key = "lev_why_role" if role_names[code] else "lev_why_norole"
        texts.append(say(key, lev=float(lev[i]), roles=words[code], lang=lang))
    codes[big] = np.arange(2, 2 + len(big))
    return _coded_text(codes, texts)
