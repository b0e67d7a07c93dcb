"""Vectorised kernel turning an interactions log into per-pair relationship strengths.

Private: :mod:`relgraph.network` (tie strengths in ``net.edges``) and
:mod:`relgraph.analysis.interactions` (the public functions) both use it. Everything here
works on whole arrays (factorize, one sort, segment reductions); nothing loops over rows.

The formula (documented for users in :func:`relgraph.analysis.interactions.relationship_strength`):
for a pair of our person *a* and their person *c*, with touchpoints *i* on days ``t_i <= T``::

    w_i   = weight[kind_i] * 2 ** (-(T - t_i) / half_life)
    V     = sum_i w_i                                   (decayed volume)
    share = (sum_{theirs} w_i + sum_{mutual or blank} w_i / 2) / V
    B     = 1 - |2 * share - 1|                         (balance: 1 two-way, 0 one-way)
    R     = one_way + (1 - one_way) * B                 (reciprocity factor)
    S     = cap * (1 - exp(-V / saturation)) * R        (strength, 0 <= S <= cap)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from relgraph.model import Direction, InteractionKind, Settings

__all__ = [
    "DIRECTION_CODES",
    "KIND_CODES",
    "as_of_day",
    "default_as_of",
    "pair_strengths",
    "resolve_tie_strengths",
    "touchpoint_pairs",
]

#: Integer code of each interaction kind in the arrays below.
KIND_CODES: tuple[str, ...] = tuple(k.value for k in InteractionKind)
#: Integer code of each direction; blank is folded into ``mutual``.
DIRECTION_CODES: tuple[str, ...] = (Direction.OURS.value, Direction.THEIRS.value, "mutual")

_OURS, _THEIRS, _MUTUAL = 0, 1, 2


def _codes(values: pd.Series, categories: tuple[str, ...], missing: int) -> np.ndarray:
    """Integer code of each value in ``categories`` (``missing`` for blanks and others)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    pos = {c: i for i, c in enumerate(categories)}
    lookup = np.array([pos.get(str(x), missing) for x in uniques] + [missing], dtype=np.int64)
    return lookup[codes]  # code -1 (blank) picks the trailing ``missing``


def _positions(ids: pd.Series | np.ndarray, person_ids: pd.Index) -> np.ndarray:
    """Position of each id in ``person_ids`` (-1 when unknown); hashes distinct ids only.

    A pyarrow-backed text column (pandas 3's default) is looked up in one C++ hash join
    (``pyarrow.compute.index_in``); anything else is factorized first.
    """
    if isinstance(ids, pd.Series) and getattr(ids.dtype, "storage", None) == "pyarrow":
        try:
            import pyarrow as pa
            import pyarrow.compute as pc
        except ImportError:  # pragma: no cover - pandas' pyarrow storage implies pyarrow
            pass
        else:
            arr = pa.array(ids.array)
            values = pa.array(person_ids.to_numpy(dtype=object)).cast(arr.type)
            found = pc.fill_null(pc.index_in(arr, value_set=values), -1)
            return np.asarray(found.to_numpy(zero_copy_only=False), dtype=np.int64)
    codes, uniques = pd.factorize(ids)
    lookup = person_ids.get_indexer(pd.Index(np.asarray(uniques, dtype=object), dtype=object))
    return np.append(lookup, -1)[codes]


def _split_positions(their: pd.Series, person_ids: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """Split ';'-lists: (position of each part's row within ``their``, person position)."""
    if getattr(their.dtype, "storage", None) == "pyarrow":
        try:
            import pyarrow as pa
            import pyarrow.compute as pc
        except ImportError:  # pragma: no cover - pandas' pyarrow storage implies pyarrow
            pass
        else:
            lists = pc.split_pattern(pa.array(their.array), ";")
            flat = pc.utf8_trim_whitespace(pc.list_flatten(lists))
            parent = np.asarray(pc.list_parent_indices(lists).to_numpy(), dtype=np.int64)
            keep = np.asarray(pc.not_equal(flat, "").to_numpy(zero_copy_only=False), dtype=bool)
            v = _positions(pd.Series(flat.to_pandas(types_mapper=pd.ArrowDtype)), person_ids)
            return parent[keep], v[keep]
    parts = their.reset_index(drop=True).str.split(";").explode()
    parts = parts[parts.ne("")]
    return parts.index.to_numpy(dtype=np.int64), _positions(parts.to_numpy(), person_ids)


def touchpoint_pairs(interactions: pd.DataFrame, person_ids: pd.Index) -> pd.DataFrame:
    """Expand the log to one row per (touchpoint, their person), with integer codes.

    Parameters
    ----------
    interactions : DataFrame
        The validated ``interactions`` table.
    person_ids : pandas.Index
        The network's person ids (position = integer code).

    Returns
    -------
    DataFrame
        ``row`` (position in the log), ``u`` (our person), ``v`` (their person), ``day``
        (days since 1970-01-01), ``kind`` and ``direction`` (codes into :data:`KIND_CODES`
        and :data:`DIRECTION_CODES`); rows whose date or people do not resolve (impossible
        after validation) are left out.
    """
    n = len(interactions)
    interactions = interactions.reset_index(drop=True)  # labels = positions below
    their = interactions["their_people"].fillna("")
    multi = their.str.contains(";", regex=False).to_numpy(dtype=bool)
    v_all = _positions(their, person_ids)  # -1 for the rows naming several people
    if multi.any():
        multi_rows = np.flatnonzero(multi)
        parent, v_parts = _split_positions(their.iloc[multi_rows], person_ids)
        single = np.flatnonzero(~multi)
        rows = np.concatenate([single, multi_rows[parent]])
        v = np.concatenate([v_all[single], v_parts])
    else:
        rows = np.arange(n, dtype=np.int64)
        v = v_all
    u_all = _positions(interactions["our_person"], person_ids)
    dates = pd.to_datetime(interactions["date"]).to_numpy().astype("datetime64[D]")
    day_all = dates.astype(np.int64)
    nat = np.isnat(dates)
    kind_all = _codes(interactions["kind"], KIND_CODES, -1)
    dir_all = _codes(interactions["direction"], DIRECTION_CODES, _MUTUAL)
    u = u_all[rows]
    ok = (u >= 0) & (v >= 0) & ~nat[rows] & (kind_all[rows] >= 0)
    rows, u, v = rows[ok], u[ok], v[ok]
    return pd.DataFrame(
        {
            "row": rows,
            "u": u.astype(np.int64),
            "v": v.astype(np.int64),
            "day": day_all[rows],
            "kind": kind_all[rows],
            "direction": dir_all[rows],
        }
    )


def default_as_of(interactions: pd.DataFrame) -> pd.Timestamp | None:
    """Return the default reference date: the latest touchpoint (None for an empty log)."""
    if len(interactions) == 0:
        return None
    last = pd.to_datetime(interactions["date"]).max()
    return None if pd.isna(last) else pd.Timestamp(last).normalize()


def as_of_day(as_of: Any, interactions: pd.DataFrame) -> tuple[pd.Timestamp | None, int]:
    """Resolve ``as_of`` (date-like or None) to a timestamp and a day number."""
    ts = default_as_of(interactions) if as_of is None else pd.Timestamp(as_of).normalize()
    if ts is None:
        return None, 0
    return ts, int(np.datetime64(ts.date(), "D").astype(np.int64))


def pair_strengths(
    pairs: pd.DataFrame, n_people: int, settings: Settings, day: int
) -> dict[str, np.ndarray]:
    """Per (our person, their person) pair: the strength and the terms that produced it.

    Parameters
    ----------
    pairs : DataFrame
        From :func:`touchpoint_pairs`.
    n_people : int
        Number of people (pair codes are ``u * n_people + v``).
    settings : Settings
        Weights, half-life, saturation, cap and one-way factor.
    day : int
        The reference day; touchpoints after it are ignored.

    Returns
    -------
    dict of str to numpy array
        ``u, v, touchpoints, ours, theirs, mutual, first_day, last_day, volume, balance,
        reciprocity, strength``, one entry per pair, sorted by ``(u, v)``, and
        ``kind_counts`` (pairs × kinds, in :data:`KIND_CODES` order). Sums are taken
        over sorted distinct (pair, day, kind, direction) keys, so the result does not
        depend on the order of the log's rows.
    """
    d = pairs["day"].to_numpy()
    keep = d <= day
    u = pairs["u"].to_numpy()[keep]
    v = pairs["v"].to_numpy()[keep]
    d = d[keep]
    k = pairs["kind"].to_numpy()[keep]
    r = pairs["direction"].to_numpy()[keep]
    empty = len(u) == 0
    pair = u * np.int64(n_people) + v
    nk, nr = len(KIND_CODES), len(DIRECTION_CODES)
    d0 = int(d.min()) if not empty else 0
    span = ((int(d.max()) - d0 + 1) if not empty else 1) * nk * nr
    if not empty and int(pair.max()) < (2**62) // span:
        key = (pair * span + (d - d0) * (nk * nr)) + k * nr + r
        uk, counts = np.unique(key, return_counts=True)
        p_u, rest = np.divmod(uk, span)
        d_u, rest = np.divmod(rest, nk * nr)
        d_u = d_u + d0
        k_u, r_u = np.divmod(rest, nr)
    else:  # very large ids or date ranges: sort on the four columns instead
        order = np.lexsort((r, k, d, pair))
        cols = [pair[order], d[order], k[order], r[order]]
        if len(order):
            new = np.ones(len(order), dtype=bool)
            new[1:] = np.any([c[1:] != c[:-1] for c in cols], axis=0)
            starts = np.flatnonzero(new)
            counts = np.diff(np.append(starts, len(order)))
            p_u, d_u, k_u, r_u = (c[starts] for c in cols)
        else:
            p_u = d_u = k_u = r_u = counts = np.zeros(0, dtype=np.int64)
    weight = np.array([float(settings.interaction_weight[InteractionKind(x)]) for x in KIND_CODES])
    decay = np.exp2(-(day - d_u) / float(settings.interaction_half_life_days))
    contrib = counts * weight[k_u] * decay
    if len(p_u):
        starts = np.flatnonzero(np.r_[True, p_u[1:] != p_u[:-1]])
    else:
        starts = np.zeros(0, dtype=np.int64)
    ends = np.append(starts[1:], len(p_u)) - 1

    def seg(x: np.ndarray) -> np.ndarray:
        return np.add.reduceat(x, starts) if len(starts) else np.zeros(0, dtype=x.dtype)

    volume = seg(contrib)
    w_theirs = seg(np.where(r_u == _THEIRS, contrib, 0.0))
    w_mutual = seg(np.where(r_u == _MUTUAL, contrib, 0.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(volume > 0, (w_theirs + w_mutual / 2) / volume, 0.5)
    balance = 1.0 - np.abs(2.0 * share - 1.0)
    one_way = float(settings.interaction_one_way)
    reciprocity = one_way + (1.0 - one_way) * balance
    cap = float(settings.interaction_cap)
    strength = cap * (-np.expm1(-volume / float(settings.interaction_saturation))) * reciprocity
    pair_u = p_u[starts]
    group = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(p_u))))
    kind_counts = np.bincount(group * nk + k_u, weights=counts, minlength=len(starts) * nk)
    return {
        "kind_counts": kind_counts.reshape(len(starts), nk).astype(np.int64),
        "u": pair_u // n_people if n_people else pair_u,
        "v": pair_u % n_people if n_people else pair_u,
        "touchpoints": seg(counts.astype(np.int64)),
        "ours": seg(np.where(r_u == _OURS, counts, 0).astype(np.int64)),
        "theirs": seg(np.where(r_u == _THEIRS, counts, 0).astype(np.int64)),
        "mutual": seg(np.where(r_u == _MUTUAL, counts, 0).astype(np.int64)),
        "first_day": d_u[starts] if len(starts) else np.zeros(0, dtype=np.int64),
        "last_day": d_u[ends] if len(starts) else np.zeros(0, dtype=np.int64),
        "volume": volume,
        "balance": balance,
        "reciprocity": reciprocity,
        "strength": strength,
    }


def resolve_tie_strengths(
    ties_u: np.ndarray,
    ties_v: np.ndarray,
    kinds: np.ndarray,
    terms: dict[str, np.ndarray],
    n_people: int,
    settings: Settings,
) -> np.ndarray:
    """Return the derived strength per tie (NaN: kind not eligible, or no contact).

    A ``covers`` tie matches the pair (source, target); a personal tie matches either
    orientation (our person may be its source or its target).
    """
    eligible = np.isin(kinds.astype(str), [str(k) for k in settings.interaction_tie_kinds])
    derived = np.full(len(ties_u), np.nan)
    if not len(terms["u"]) or not eligible.any():
        return derived
    keys = terms["u"] * np.int64(n_people) + terms["v"]
    index = pd.Index(keys)
    fwd = index.get_indexer(ties_u * np.int64(n_people) + ties_v)
    bwd = index.get_indexer(ties_v * np.int64(n_people) + ties_u)
    personal = ~np.isin(kinds.astype(str), ["covers", "reports_to", "influences", "informs"])
    hit = np.where(fwd >= 0, fwd, np.where(personal, bwd, -1))
    ok = eligible & (hit >= 0) & (ties_u >= 0) & (ties_v >= 0)
    derived[ok] = terms["strength"][hit[ok]]
    return derived
