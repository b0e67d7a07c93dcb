"""Checks across tables: id codes, references, duplicate keys, org kinds and interactions."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from relgraph.errors import Reason
from relgraph.io.collect import (
    MAX_PROBLEMS_PER_CHECK,
    _blank,
    _Collector,
    _Found,
    _lookup,
    index_positions,
    repeated_text,
)
from relgraph.io.consistency import _KINDS, _kind_by_person, _Kinds
from relgraph.io.convert import _LIST_SPLIT
from relgraph.io.lookalike import (
    canonical_index,
    lookalike_target,
)
from relgraph.io.read import RawTable
from relgraph.io.schema import SCHEMAS
from relgraph.text import Message, message
from relgraph.vocab import TieKind, suggest

#: Integer codes of id columns, keyed by (table, column): the position of each value in the
#: referenced table's ids (-1 when unknown). Computed once by :func:`_check_refs` and reused
#: by the duplicate and org-chart checks, so ten million ties are hashed once per column.
_Codes = dict[tuple[str, str], np.ndarray]


class _Lists:
    """Exploded ``;``-joined list columns, keyed by (table, column), split once and shared.

    ``values``: one entry per non-blank id, indexed by the row's position (from
    :func:`_split_list`); ``pos``: each entry's position in the referenced table's ids
    (-1 when unknown), filled by the reference check so later checks need not hash again.
    """

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], pd.Series] = {}
        self.pos: dict[tuple[str, str], np.ndarray] = {}


def _split_list(s: pd.Series) -> pd.Series:
    """One entry per non-blank id of a ``;``-joined list column, indexed by row position.

    Only the rows that hold a ``;`` are split (pyarrow's ``split_pattern`` when available,
    pandas' string methods on that subset otherwise); single-id rows are taken whole, so
    ten million mostly single-person rows cost one substring scan, not ten million splits.
    Pieces are trimmed of surrounding blanks and blank pieces dropped.
    """
    text = s.astype(str)
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = pa.chunked_array(pa.array(text.array)).cast(pa.large_string())
        has = np.asarray(pc.fill_null(pc.match_substring(arr, ";"), False), dtype=bool)
        filled = np.asarray(pc.fill_null(pc.not_equal(arr, ""), False), dtype=bool)
        single = filled & ~has
        multi_rows = np.flatnonzero(has)
        parts = pc.split_pattern(arr.filter(pa.array(has)).combine_chunks(), ";")
        flat = pc.utf8_trim_whitespace(pc.list_flatten(parts))
        parent = np.asarray(pc.list_parent_indices(parts), dtype=np.int64)
        keep = np.asarray(pc.not_equal(flat, ""), dtype=bool)
        rows = np.concatenate([np.flatnonzero(single), multi_rows[parent[keep]]])
        vals = pa.chunked_array(arr.filter(pa.array(single)).chunks + [flat.filter(pa.array(keep))])
        return pd.Series(vals.to_pandas().to_numpy(), index=rows, dtype=str)
    except ImportError:
        pass
    return _split_list_pandas(text)


def _split_list_pandas(text: pd.Series) -> pd.Series:
    """:func:`_split_list` with pandas' string methods (when pyarrow is not installed)."""
    plain = text.reset_index(drop=True)
    has = plain.str.contains(";", regex=False, na=False)
    single = plain[~has & plain.ne("") & plain.notna()]
    split = plain[has].str.split(";").explode().str.strip()
    out = pd.concat([single, split[split.ne("") & split.notna()]])
    return out.astype(str)


def _exploded(lists: _Lists, table: str, column: str, s: pd.Series) -> pd.Series:
    """Return the exploded list column, split on first use and cached in ``lists``."""
    key = (table, column)
    if key not in lists.values:
        lists.values[key] = _split_list(s)
    return lists.values[key]


def _column_codes(
    codes: _Codes, table: str, column: str, values: pd.Series, found: _Found | None = None
) -> np.ndarray:
    known = codes.get((table, column))
    if known is not None:
        return known
    if found is not None and (table, column) in found.terms:
        return found.terms[(table, column)][0]
    return np.asarray(pd.factorize(values)[0], dtype=np.int64)


def _combined_key(codes: list[np.ndarray]) -> pd.Series | pd.DataFrame:
    """One int64 per row for several integer code columns when it fits (fast to hash)."""
    out = np.zeros(len(codes[0]), dtype=np.int64)
    span = 1
    for c in codes:
        m = int(c.max(initial=-1)) + 2  # codes are >= -1
        if span * m >= 2**62:
            return pd.DataFrame(dict(enumerate(codes)))
        out *= m  # in place: no temporary of ten million keys per column
        out += c
        out += 1
        span *= m
    return pd.Series(out, copy=False)


#: 2^64 divided by the golden ratio: multiplying by it spreads integer keys over the bits.
GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def repeats(key: np.ndarray) -> np.ndarray:
    """Rows repeating an earlier row's int64 key (``duplicated(keep="first")``), faster.

    Ten million keys in one hash table miss the cache at every row. Split by the top
    bits of a hash of the key (a stable radix sort of one byte keeps each part in row
    order), the 256 parts are hashed one after the other, each in a table that fits the
    cache; equal keys land in the same part.

    Examples
    --------
    >>> repeats(np.array([5, 7, 5, 9, 7, 5])).tolist()
    [False, False, True, False, True, True]
    """
    if len(key) < 1 << 16:
        return np.asarray(pd.Series(key, copy=False).duplicated(keep="first"), dtype=bool)
    # Fibonacci hashing: the top byte of key × 2^64/φ
    part = np.multiply(np.ascontiguousarray(key, dtype=np.int64).view(np.uint64), GOLDEN)
    part = np.right_shift(part, np.uint64(56)).astype(np.uint8)
    order = np.argsort(part, kind="stable")  # a radix sort: rows of a part stay in order
    ends = np.cumsum(np.bincount(part, minlength=256)).tolist()
    grouped = key[order]
    hits: list[np.ndarray] = []
    for start, end in zip([0, *ends[:-1]], ends, strict=True):
        if end - start > 1:
            dup = pd.Series(grouped[start:end], copy=False).duplicated(keep="first").to_numpy()
            hits.append(np.flatnonzero(dup) + start)
    out = np.zeros(len(key), dtype=bool)
    out[order[np.concatenate(hits)] if hits else []] = True
    return out


#: Per table with a key: its key columns as integer codes, and the rows naming an
#: unknown id (already reported as unknown references).
_Keys = dict[str, tuple[list[np.ndarray], np.ndarray]]


def key_codes(tables: Mapping[str, pd.DataFrame], codes: _Codes, found: _Found | None) -> _Keys:
    """Each keyed table's key columns as integer codes (id positions, word codes)."""
    keys: _Keys = {}
    for name, table in tables.items():
        schema = SCHEMAS[name]
        if not schema.key or len(table) < 2:
            continue
        unknown = np.zeros(len(table), dtype=bool)
        for k in schema.key:
            if (name, k) in codes:
                unknown |= codes[(name, k)] < 0
        cols = [_column_codes(codes, name, k, table[k], found) for k in schema.key]
        keys[name] = (cols, unknown)
    return keys


def repeated_keys(keys: _Keys) -> dict[str, np.ndarray]:
    """Per table, the rows repeating an earlier row's key (integers only: safe in a thread)."""
    out: dict[str, np.ndarray] = {}
    for name, (cols, _) in keys.items():
        key = _combined_key(cols)
        if isinstance(key, pd.Series):
            out[name] = repeats(key.to_numpy())
        else:
            out[name] = key.duplicated(keep="first").to_numpy()
    return out


def _key_duplicates(
    raws: Mapping[str, RawTable],
    tables: Mapping[str, pd.DataFrame],
    bag: _Collector,
    codes: _Codes,
    found: _Found | None = None,
    keys: tuple[_Keys, dict[str, np.ndarray]] | None = None,
) -> None:
    """Rows repeating a table's key (converted values, so "friend" and "朋友" are the same).

    ``keys``: the key codes and the repeated rows, when found already.
    """
    if keys is None:
        codes_of = key_codes(tables, codes, found)
        keys = codes_of, repeated_keys(codes_of)
    for name, repeated in keys[1].items():
        schema = SCHEMAS[name]
        table = tables[name]
        dup = repeated & ~keys[0][name][1]
        if dup.any():
            label = ", ".join(schema.key)
            shown = np.flatnonzero(dup)[:MAX_PROBLEMS_PER_CHECK]  # join the text of these only
            joined = pd.Series("", index=pd.RangeIndex(len(table)), dtype=object)
            key_text = raws[name].frame[list(schema.key)].iloc[shown].astype(str)
            joined.iloc[shown] = key_text.agg(" / ".join, axis=1).to_numpy()
            bag.rows(
                raws[name],
                dup,
                None,
                Reason.DUPLICATE_ROW,
                message("val_duplicate_row", columns=label),
                values=joined,
            )


def _check_refs(
    raws: Mapping[str, RawTable],
    tables: Mapping[str, pd.DataFrame],
    bag: _Collector,
    failed: frozenset[str] = frozenset(),
    codes: _Codes | None = None,
    lists: _Lists | None = None,
    repeated: Mapping[tuple[str, str], np.ndarray] | None = None,
) -> None:
    """Check every reference to an id; ``repeated``: the repeated ids of each table, if known."""
    lists = _Lists() if lists is None else lists
    seen = repeated or {}
    ids = {
        name: _distinct(tables[name]["id"].astype(str), seen.get((name, "id")))
        for name in ("orgs", "people", "opportunities")
        if name in tables
    }
    checked = [
        (name, col)
        for name, table in tables.items()
        for col in SCHEMAS[name].columns
        if col.ref is not None
        and (col.ref in ids or (col.ref not in raws and col.ref not in failed))
    ]  # skipped: no reference, or the referenced table failed its own checks
    found_at = _positions_at_once(
        {
            (name, col.name): (tables[name][col.name].astype(str), ids.get(col.ref, pd.Index([])))
            for name, col in checked
            if col.type != "list" and col.ref is not None
        }
    )
    for name, col in checked:
        table = tables[name]
        raw = raws[name]
        assert col.ref is not None
        s = table[col.name].astype(str)
        known = ids.get(col.ref, pd.Index([]))
        if col.type == "list":
            exploded = _exploded(lists, name, col.name, table[col.name])
            found = index_positions(exploded, known)
            if col.ref in ids:
                lists.pos[(name, col.name)] = found
            unknown_rows = exploded[found < 0]
            mask = np.zeros(len(s), dtype=bool)
            mask[unknown_rows.index.to_numpy()] = True
        else:
            pos = found_at[(name, col.name)]
            if codes is not None and col.ref in ids:
                codes[(name, col.name)] = pos
            mask = pos < 0
            if mask.any():  # blanks are the blank check's business
                mask &= ~_blank(s)
        if mask.any():
            choices = list(known.astype(str)[:5000])
            bag.rows(
                raw,
                mask,
                col.name,
                Reason.UNKNOWN_REFERENCE,
                functools.partial(
                    _unknown_ref_hint,
                    ref=col.ref,
                    choices=choices,
                    known=known.astype(str) if col.type == "list" else None,
                    all_known=known,
                    canon=canonical_index(known),
                ),
            )


def _distinct(s: pd.Series, repeated: np.ndarray | None = None) -> pd.Index:
    """Return the distinct values in order of first appearance (``drop_duplicates``).

    ``repeated``: the rows repeating an earlier value, when already known.
    """
    known = repeated is not None and len(repeated) == len(s)
    first = ~(repeated if known and repeated is not None else repeated_text(s))
    return pd.Index(s if first.all() else s[first])


def _positions_at_once(
    lookups: dict[tuple[str, str], tuple[pd.Series, pd.Index]],
) -> dict[tuple[str, str], np.ndarray]:
    """:func:`index_positions` of several columns, side by side on the machine's cores.

    pyarrow's hash lookup releases the GIL, so the tie sources and targets (ten million ids
    each) are matched at the same time instead of one after the other.
    """
    workers = min(len(lookups), os.cpu_count() or 1)
    if workers < 2:
        return {key: index_positions(s, known) for key, (s, known) in lookups.items()}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        jobs = {key: pool.submit(index_positions, s, known) for key, (s, known) in lookups.items()}
        return {key: job.result() for key, job in jobs.items()}


def _unknown_ref_hint(
    value: str,
    ref: str | None,
    choices: list[str],
    known: pd.Index | None = None,
    all_known: pd.Index | None = None,
    canon: dict[str, str] | None = None,
) -> Message:
    """Name the unknown id; for a list (``known`` given), the first piece not among ``known``.

    An id that differs from a known one only by invisible or full-width characters names
    the real id (see :mod:`relgraph.io.lookalike`).
    """
    what = {"orgs": "org", "people": "person", "opportunities": "opportunity"}.get(ref or "", "id")
    pieces = [p.strip() for p in _LIST_SPLIT.split(value)] if known is not None else [value]
    parts = [p for p in pieces if p and (known is None or p not in known)] or [value]
    if all_known is not None:
        real = lookalike_target(parts[0], all_known, canon or {})
        if real is not None:
            return message("val_lookalike_ref", what=what, value=parts[0], ref=ref, real=real)
    near = suggest(parts[0], choices)
    dym = message("val_unknown_id_dym", near=near) if near else ""
    return message("val_unknown_id", what=what, value=parts[0], ref=ref, dym=dym)


def _org_kind_checks(
    raws: Mapping[str, RawTable],
    tables: Mapping[str, pd.DataFrame],
    bag: _Collector,
    codes: _Codes | None = None,
    kinds: _Kinds | None = None,
) -> None:
    if "orgs" not in tables:
        return
    kind = pd.Series(tables["orgs"]["kind"].to_numpy(), index=tables["orgs"]["id"].astype(str))
    kind = kind[~kind.index.duplicated()]
    if "people" in tables:
        people = tables["people"]
        raw = raws["people"]
        sup = people["supports"].astype(str)
        sup_kind = _lookup(sup, kind)
        wrong = sup_kind.notna() & sup_kind.ne("competitor")
        bag.rows(
            raw,
            wrong.to_numpy(),
            "supports",
            Reason.WRONG_ORG_KIND,
            lambda v: message("val_supports_kind", value=v, kind=kind.get(v)),
        )
        no_comp = people["support"].notna().to_numpy() & sup.eq("").to_numpy()
        bag.rows(
            raw,
            no_comp,
            "support",
            Reason.INCONSISTENT,
            message("val_support_without_supports"),
        )
    if "opportunities" in tables:
        opp = tables["opportunities"]
        raw = raws["opportunities"]
        acc = opp["account"].astype(str)
        acc_kind = _lookup(acc, kind)
        wrong = acc_kind.notna() & acc_kind.ne("customer")
        bag.rows(
            raw,
            wrong.to_numpy(),
            "account",
            Reason.WRONG_ORG_KIND,
            lambda v: message("val_account_kind", value=v, kind=kind.get(v)),
        )
        comps = opp["competitors"].astype(str).str.split(";").explode()
        comps = comps[comps.ne("") & comps.isin(kind.index)]
        comp_kind = comps.map(kind)
        bad = comps[(comp_kind.notna() & comp_kind.ne("competitor")).to_numpy()]  # unknown: told
        mask = np.zeros(len(opp), dtype=bool)
        mask[bad.index.to_numpy()] = True
        bag.rows(
            raw,
            mask,
            "competitors",
            Reason.WRONG_ORG_KIND,
            message("val_competitors_kind"),
        )
    if "ties" in tables and "people" in tables:
        ties = tables["ties"]
        raw = raws["ties"]
        kind_codes = (codes or {}).get(("ties", "kind"))
        if kind_codes is not None:  # the codes of the words, found once (no text compared)
            covers = kind_codes == _COVERS
        else:
            covers = ties["kind"].eq("covers").to_numpy()
        not_ours = np.zeros(len(ties), dtype=bool)
        not_ours[np.flatnonzero(covers)] = _covers_not_ours(
            tables, covers, kind, codes or {}, kinds
        )
        bag.rows(
            raw,
            not_ours,
            "source",
            Reason.WRONG_ORG_KIND,
            message("val_covers_source"),
        )


_COVERS = [str(k) for k in TieKind].index("covers")


def _covers_not_ours(
    tables: Mapping[str, pd.DataFrame],
    covers: np.ndarray,
    kind: pd.Series,
    codes: _Codes,
    kinds: _Kinds | None = None,
) -> np.ndarray:
    """Per ``covers`` tie: its source works at an org of a known kind other than ``us``."""
    src = codes.get(("ties", "source"))
    by_person = None
    if src is not None:
        by_person = kinds if kinds is not None else _kind_by_person(tables, codes)
    if by_person is not None and src is not None:  # positions found once: no ids hashed
        at = src[covers]
        code = np.where(at >= 0, by_person[0][np.maximum(at, 0)], -1)
        return np.asarray((code >= 0) & (code != _KINDS.index("us")), dtype=bool)
    people = tables["people"]
    org_of = pd.Series(people["org"].to_numpy(), index=people["id"].astype(str))
    org_of = org_of[~org_of.index.duplicated()]
    sources = tables["ties"]["source"].astype(str)[covers]
    src_kind = _lookup(_lookup(sources, org_of).astype(str), kind)
    return np.asarray((src_kind.notna() & src_kind.ne("us")).to_numpy(), dtype=bool)


def _interaction_checks(
    raws: Mapping[str, RawTable],
    tables: Mapping[str, pd.DataFrame],
    bag: _Collector,
    lists: _Lists | None = None,
    codes: _Codes | None = None,
) -> None:
    """Interactions join one of our people to outside people (unknown ids are reported apart)."""
    if "interactions" not in tables or "people" not in tables or "orgs" not in tables:
        return
    inter = tables["interactions"]
    raw = raws["interactions"]
    orgs = tables["orgs"]
    kind = pd.Series(orgs["kind"].to_numpy(), index=orgs["id"].astype(str))
    kind = kind[~kind.index.duplicated()]
    people = tables["people"]
    # Per distinct person id (first row wins, the order of the reference check's codes):
    # the kind of their org, whether it is known, and whether it is us.
    pids = pd.Index(people["id"].astype(str))
    first = ~pids.duplicated()
    org_kind = _lookup(people["org"].astype(str), kind).to_numpy()[first]
    party = pd.Series(org_kind, index=pids[first])
    known = np.asarray(pd.notna(org_kind), dtype=bool)
    is_us = np.asarray(org_kind == "us", dtype=bool)
    lists = _Lists() if lists is None else lists
    codes = {} if codes is None else codes

    def kind_of(found: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(org kind known, org is us) for each position (-1: unknown person)."""
        hit, at = found >= 0, np.maximum(found, 0)
        return (hit & known[at], hit & is_us[at]) if len(party) else (hit, hit)

    found = codes.get(("interactions", "our_person"))
    if found is None:
        found = index_positions(inter["our_person"].astype(str), party.index)
    told, us = kind_of(found)
    wrong = told & ~us
    bag.rows(
        raw,
        wrong,
        "our_person",
        Reason.WRONG_ORG_KIND,
        lambda v: message("val_our_person_kind", value=v, kind=party.get(v)),
    )
    theirs = _exploded(lists, "interactions", "their_people", inter["their_people"])
    found = lists.pos.get(("interactions", "their_people"))
    if found is None:
        found = index_positions(theirs, party.index)
    us_rows = theirs[kind_of(found)[1]]
    mask = np.zeros(len(inter), dtype=bool)
    mask[us_rows.index.to_numpy()] = True
    bag.rows(
        raw,
        mask,
        "their_people",
        Reason.WRONG_ORG_KIND,
        message("val_their_people_ours"),
    )
