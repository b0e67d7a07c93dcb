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

from relgraph.model import Settings
from relgraph.vocab import Direction, InteractionKind

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
#: Rows sampled to judge whether an id column has few distinct values.
_SAMPLE = 65_536


def _codes(values: pd.Series, categories: tuple[str, ...], missing: int) -> np.ndarray:
    """Integer code of each value in ``categories`` (``missing`` for blanks and others)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    pos = {c: i for i, c in enumerate(categories)}
    lookup = np.array([pos.get(str(x), missing) for x in uniques] + [missing], dtype=np.int64)
    return lookup[codes]  # code -1 (blank) picks the trailing ``missing``


def _arrow_text(values: pd.Series) -> Any:
    """Return the pyarrow array behind a pyarrow-backed text column, else None."""
    if getattr(values.dtype, "storage", None) != "pyarrow":
        return None
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - pandas' pyarrow storage implies pyarrow
        return None
    arr = pa.array(values.array)
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _index_in_many(arrays: list[Any], person_ids: pd.Index) -> list[np.ndarray]:
    """Positions of the values of pyarrow text arrays in ``person_ids`` (-1 when unknown).

    All arrays are matched in one C++ hash join (``pyarrow.compute.index_in``), so the
    person ids are hashed once. An array with few distinct ids (one of our people per row,
    say; judged on an evenly spread sample of its rows) is dictionary-encoded first and
    only its distinct values are matched: hashing into a small table is several times
    faster than probing the table of every person id once per row.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    probes: list[Any] = []
    codes: list[np.ndarray | None] = []
    for arr in arrays:
        arr = arr.cast(pa.large_string())
        n = len(arr)
        few = False
        if n > 4 * _SAMPLE:
            sample = arr.take(pa.array(np.arange(0, n, n // _SAMPLE)))
            few = 4 * len(pc.unique(sample)) < len(sample)
        if few:
            enc = pc.dictionary_encode(arr)
            probes.append(enc.dictionary)
            codes.append(pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False))
        else:
            probes.append(arr)
            codes.append(None)
    values = pa.array(person_ids.to_numpy(dtype=object), type=pa.large_string())
    found = pc.fill_null(pc.index_in(pa.concat_arrays(probes), value_set=values), -1)
    found_np = np.asarray(found.to_numpy(zero_copy_only=False), dtype=np.int64)
    ends = np.cumsum([len(p) for p in probes])
    out = []
    for part, c in zip(np.split(found_np, ends[:-1]), codes, strict=True):
        out.append(part if c is None else np.append(part, -1)[c])
    return out


def _positions(ids: pd.Series | np.ndarray, person_ids: pd.Index) -> np.ndarray:
    """Position of each id in ``person_ids`` (-1 when unknown); hashes distinct ids only."""
    arr = _arrow_text(ids) if isinstance(ids, pd.Series) else None
    if arr is not None:
        return _index_in_many([arr], person_ids)[0]
    codes, uniques = pd.factorize(ids)
    lookup = person_ids.get_indexer(pd.Index(np.asarray(uniques, dtype=object), dtype=object))
    return np.append(lookup, -1)[codes]


def _people_positions(
    their: pd.Series, ours: pd.Series, person_ids: pd.Index
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, their person) for every person named in ``their``, and our person per row.

    ``;``-lists are split only for the rows that contain ``;``; blank parts are dropped.
    """
    multi = their.str.contains(";", regex=False).to_numpy(dtype=bool, na_value=False)
    multi_rows = np.flatnonzero(multi)
    single = np.flatnonzero(~multi)
    arr_their, arr_ours = _arrow_text(their), _arrow_text(ours)
    if arr_their is not None and arr_ours is not None:
        import pyarrow as pa
        import pyarrow.compute as pc

        lists = pc.split_pattern(arr_their.filter(pa.array(multi)), ";")
        flat = pc.utf8_trim_whitespace(pc.list_flatten(lists))
        parent = np.asarray(pc.list_parent_indices(lists).to_numpy(), dtype=np.int64)
        keep = np.asarray(pc.not_equal(flat, "").to_numpy(zero_copy_only=False), dtype=bool)
        single_arr = arr_their if not len(multi_rows) else arr_their.filter(pa.array(~multi))
        v_single, v_parts, u_all = _index_in_many([single_arr, flat, arr_ours], person_ids)
        parent, v_parts = parent[keep], v_parts[keep]
    else:
        parts = their.iloc[multi_rows].reset_index(drop=True).str.split(";").explode()
        parts = parts.str.strip()
        parts = parts[parts.ne("")]
        parent = parts.index.to_numpy(dtype=np.int64)
        v_parts = _positions(parts.to_numpy(dtype=object), person_ids)
        v_single = _positions(their.iloc[single], person_ids)
        u_all = _positions(ours, person_ids)
    rows = np.concatenate([single, multi_rows[parent]])
    return rows, np.concatenate([v_single, v_parts]), u_all


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
        after validation) are left out. Single-person rows come first, in log order, then
        the people of ``;``-lists.

    Notes
    -----
    Ids are matched to positions in one C++ hash join (pyarrow ``index_in``; columns with
    few distinct ids are dictionary-encoded first), ``;``-lists are split only for the rows
    that contain ``;``, and every other step is a numpy gather: no Python loop over rows.
    """
    interactions = interactions.reset_index(drop=True)  # labels = positions below
    their = interactions["their_people"].fillna("")
    rows, v, u_all = _people_positions(their, interactions["our_person"], person_ids)
    kind_all = _codes(interactions["kind"], KIND_CODES, -1)
    dir_all = _codes(interactions["direction"], DIRECTION_CODES, _MUTUAL)
    dates = pd.to_datetime(interactions["date"]).to_numpy().astype("datetime64[D]")
    day_all = dates.astype(np.int64)
    bad_row = np.isnat(dates) | (u_all < 0) | (kind_all < 0)
    ok = ~bad_row[rows] & (v >= 0)
    if not ok.all():
        rows, v = rows[ok], v[ok]
    return pd.DataFrame(
        {
            "row": rows,
            "u": u_all[rows],
            "v": v.astype(np.int64, copy=False),
            "day": day_all[rows],
            "kind": kind_all[rows],
            "direction": dir_all[rows],
        },
        copy=False,
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
    u, v, k, r = (pairs[c].to_numpy() for c in ("u", "v", "kind", "direction"))
    keep = d <= day
    if not keep.all():
        u, v, d, k, r = u[keep], v[keep], d[keep], k[keep], r[keep]
    empty = len(u) == 0
    pair = u * np.int64(n_people) + v
    d0 = int(d.min()) if not empty else 0
    # one int64 key per touchpoint: pair | day | kind (4 bits) | direction (2 bits)
    day_bits = (int(d.max()) - d0).bit_length() if not empty else 0
    pair_bits = int(pair.max()).bit_length() if not empty else 0
    if not empty and pair_bits + day_bits + 6 <= 62:
        key = (pair << (day_bits + 6)) | ((d - d0) << 6) | (k << 2) | r
        key.sort()
        new = np.empty(len(key), dtype=bool)
        new[0] = True
        np.not_equal(key[1:], key[:-1], out=new[1:])
        first = np.flatnonzero(new)
        counts = np.diff(np.append(first, len(key)))
        uk = key[first]
        p_u = uk >> (day_bits + 6)
        d_u = ((uk >> 6) & ((1 << day_bits) - 1)) + d0
        k_u = (uk >> 2) & 15
        r_u = uk & 3
    else:  # very large ids or date ranges: sort on the four columns instead
        order = np.lexsort((r, k, d, pair))
        cols = [pair[order], d[order], k[order], r[order]]
        if len(order):
            new = np.ones(len(order), dtype=bool)
            new[1:] = np.any([c[1:] != c[:-1] for c in cols], axis=0)
            first = np.flatnonzero(new)
            counts = np.diff(np.append(first, len(order)))
            p_u, d_u, k_u, r_u = (c[first] for c in cols)
        else:
            p_u = d_u = k_u = r_u = counts = np.zeros(0, dtype=np.int64)
    nk = len(KIND_CODES)
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
