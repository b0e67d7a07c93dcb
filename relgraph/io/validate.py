"""Check and convert raw tables in vectorised passes, collecting every problem at once.

Each check works on whole columns (or on the distinct values of a column), never row by
row in Python: id columns are hashed once into integer positions (pyarrow's hash lookup
when available) and every later check (duplicates, self-ties, the org chart) works on
those integers, so ten million ties validate in seconds. The rules:

* structure: missing table, missing required column, empty required table;
* values: blanks in required columns, numbers (type, integer, range), booleans, dates
  (format, not in the future), vocabulary words (with a did-you-mean);
* identity: duplicate ids, ids that differ only by invisible or full-width characters and
  values made only of invisible characters (:mod:`relgraph.io.lookalike`), duplicate rows
  (same key twice, comparing canonical words, and personal ties given both ways, A→B and
  B→A, since personal ties are undirected);
* references: every person, org and opportunity id named must exist; ``supports`` and
  ``competitors`` must name competitor orgs, ``account`` a customer org, ``covers`` ties
  must start at one of our people; an interaction's ``our_person`` must be one of ours and
  its ``their_people`` must not be; buying roles are held by neither our people nor a
  competitor's, and reporting lines do not cross from our (or a competitor's) side
  (:mod:`relgraph.io.consistency`);
* structure of the org chart: no self-ties, nobody reports to two managers, no cycles in
  ``reports_to``.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd

from relgraph.errors import Problem, Reason, ValidationError
from relgraph.io.collect import MAX_PROBLEMS_PER_CHECK, _blank, _Collector, _Found
from relgraph.io.consistency import _kind_by_person, check_sides
from relgraph.io.convert import _convert_table
from relgraph.io.read import RawTable
from relgraph.io.references import (
    _check_refs,
    _Codes,
    _interaction_checks,
    _key_duplicates,
    _Lists,
    _org_kind_checks,
    key_codes,
    repeated_keys,
)
from relgraph.io.schema import SCHEMAS
from relgraph.text import message
from relgraph.vocab import TieKind

__all__ = ["MAX_PROBLEMS_PER_CHECK", "validate_tables"]


def _endpoint_codes(ties: pd.DataFrame, codes: _Codes) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of tie sources and targets on one scale (known ids: people positions)."""
    src, tgt = codes.get(("ties", "source")), codes.get(("ties", "target"))
    if src is not None and tgt is not None and (src >= 0).all() and (tgt >= 0).all():
        return src, tgt
    n = len(ties)
    both, _ = pd.factorize(pd.concat([ties["source"], ties["target"]], ignore_index=True))
    return np.asarray(both[:n], dtype=np.int64), np.asarray(both[n:], dtype=np.int64)


def _pair_key(a: np.ndarray, b: np.ndarray, k: np.ndarray) -> pd.Series | pd.DataFrame:
    """One int64 per (a, b, k) when it fits (fast to hash), else the three columns."""
    n = int(max(a.max(initial=0), b.max(initial=0))) + 1
    m = int(k.max(initial=0)) + 1
    if n * n * m < 2**62:
        return pd.Series((a.astype(np.int64) * n + b) * m + k, copy=False)
    return pd.DataFrame({"a": a, "b": b, "k": k})


def _both_ways_candidates(a: np.ndarray, b: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Rows (ascending) of the pairs written both ways (some A→B and some B→A, same kind).

    Only these can repeat a tie the other way round; every row of such a pair is kept, so
    "first" keeps its meaning. Ties written one way only (the usual export, lower id
    first) cost two comparisons, and otherwise the hash is built on the smaller side.
    """
    fwd, bwd = a < b, a > b
    if not fwd.any() or not bwd.any():
        return np.zeros(0, dtype=np.int64)
    key = _pair_key(np.minimum(a, b), np.maximum(a, b), k)
    if not isinstance(key, pd.Series):
        return np.arange(len(a))
    kv = key.to_numpy()
    small, large = (bwd, fwd) if bwd.sum() <= fwd.sum() else (fwd, bwd)
    hit_large = pd.Series(kv[large], copy=False).isin(kv[small]).to_numpy()
    hit_small = pd.Series(kv[small]).isin(kv[large][hit_large]).to_numpy()
    cand = np.zeros(len(a), dtype=bool)
    cand[np.flatnonzero(large)[hit_large]] = True
    cand[np.flatnonzero(small)[hit_small]] = True
    return np.flatnonzero(cand)


def _symmetric_duplicates(
    raw: RawTable,
    ties: pd.DataFrame,
    bag: _Collector,
    ends: tuple[np.ndarray, np.ndarray],
    kcodes: np.ndarray,
    personal: np.ndarray,
    repeated: Callable[[], np.ndarray] | None = None,
) -> None:
    """Report personal (undirected) ties given both ways, A→B and B→A: one tie twice.

    ``repeated`` gives the rows repeating an earlier (source, target, kind), from the key
    check on the same codes (asked only when some tie is written both ways): it saves
    hashing the same keys again.
    """
    if personal.sum() < 2:
        return
    s, t = ends
    if not ((s < t) & personal).any() or not ((s > t) & personal).any():
        return  # every personal tie written one way (lower or higher code first)
    a, b, k = s[personal], t[personal], kcodes[personal]
    rows = _both_ways_candidates(a, b, k)
    if not len(rows):
        return
    if repeated is not None:
        same_way = repeated()[personal][rows]  # a key repeats only within its own kind
    else:  # every row of a candidate pair is a candidate: its repeats are among them
        same_way = _pair_key(a[rows], b[rows], k[rows]).duplicated(keep="first").to_numpy()
    lo, hi = np.minimum(a[rows], b[rows]), np.maximum(a[rows], b[rows])
    mirrored = _pair_key(lo, hi, k[rows]).duplicated(keep="first").to_numpy() & ~same_way
    if not mirrored.any():
        return
    rows = rows[mirrored]
    mask = np.zeros(len(ties), dtype=bool)
    mask[np.flatnonzero(personal)[rows]] = True
    shown = np.flatnonzero(mask)[:MAX_PROBLEMS_PER_CHECK]  # the text of these rows only
    pair = ties[["source", "target", "kind"]].iloc[shown].astype(str)
    values = pd.Series("", index=pd.RangeIndex(len(ties)), dtype=object)
    values.iloc[shown] = (
        pair["source"] + " ↔ " + pair["target"] + " (" + pair["kind"] + ")"
    ).to_numpy()
    bag.rows(
        raw,
        mask,
        None,
        Reason.DUPLICATE_ROW,
        lambda v: message("val_tie_both_ways", tie=v),
        values=values,
    )


_DIRECTED = ("reports_to", "influences", "covers", "informs")


def _tie_structure_checks(
    raw: RawTable,
    ties: pd.DataFrame,
    bag: _Collector,
    codes: _Codes | None = None,
    found: _Found | None = None,
    repeated: Callable[[], np.ndarray] | None = None,
) -> None:
    """Self-ties, personal ties given both ways, two managers, reporting cycles.

    ``repeated``: the rows repeating an earlier tie's key, when the key check has them
    (see :func:`_symmetric_duplicates`).
    """
    src = ties["source"].astype(str)
    tgt = ties["target"].astype(str)
    s_code, t_code = _endpoint_codes(ties, codes or {})
    self_tie = (s_code == t_code) & ~_blank(src)
    bag.rows(raw, self_tie, "target", Reason.SELF_TIE, message("val_self_tie"))
    known = found.terms.get(("ties", "kind")) if found is not None else None
    if known is not None and len(known[0]) == len(ties):
        kcodes, kinds = known  # the codes the conversion found: no second hash of the words
    else:
        kcodes, uniques = pd.factorize(ties["kind"])  # few distinct words: cheap, then ints
        kinds = pd.Index(uniques.astype(str))
    # per code, then per row through the codes (-1, blank or unknown, picks the last entry)
    personal = np.append(~np.asarray(kinds.isin(_DIRECTED), dtype=bool), False)[kcodes]
    same_codes = bool(codes) and s_code is (codes or {}).get(("ties", "source"))
    _symmetric_duplicates(
        raw, ties, bag, (s_code, t_code), kcodes, personal, repeated if same_codes else None
    )
    rep = np.append(np.asarray(kinds == "reports_to", dtype=bool), False)[kcodes] & ~self_tie
    if not rep.any():
        return
    _reporting_checks(raw, bag, (src, tgt), (s_code, t_code), np.flatnonzero(rep))


def _first_rows(keys: np.ndarray) -> np.ndarray:
    """For each position, the position of the first one with the same (non-negative) key."""
    first = np.zeros(int(keys.max(initial=-1)) + 1, dtype=np.int64)
    # the first position of a repeated key is assigned last, so it is the one kept
    first[keys[::-1]] = np.arange(len(keys) - 1, -1, -1)
    return first[keys]


def _reporting_checks(
    raw: RawTable,
    bag: _Collector,
    ids: tuple[pd.Series, pd.Series],
    ends: tuple[np.ndarray, np.ndarray],
    rows: np.ndarray,
) -> None:
    """Report people with two managers and cycles in ``reports_to`` (``rows``: those ties)."""
    src, tgt = ids
    s, t = ends[0][rows], ends[1][rows]
    first = _first_rows(s)  # each person's first reporting row (among ``rows``)
    two_mgr = np.zeros(int(s.max(initial=-1)) + 1, dtype=bool)
    two_mgr[s[t != t[first]]] = True  # a manager other than the first one named
    two = np.zeros(len(src), dtype=bool)
    two[rows[two_mgr[s]]] = True
    if two.any():
        names = pd.DataFrame({"s": src[two], "t": tgt[two]})
        mgrs = names.groupby("s")["t"].agg(lambda t: ", ".join(sorted(set(t))))
        bag.rows(
            raw,
            two,
            "source",
            Reason.TWO_MANAGERS,
            lambda v: message("val_two_managers", value=v, managers=mgrs.get(v)),
            values=src,
        )
    kept = np.flatnonzero(first == np.arange(len(s)))
    first_s, first_row = s[kept], rows[kept]
    cycles = _reporting_cycles(first_s, t[kept])
    # every member of a cycle has a manager: named as written in its first reporting row
    row_of = pd.Series(first_row, index=first_s) if cycles else None
    for cycle in cycles:
        assert row_of is not None
        ids_of = [str(src.iloc[int(row_of[int(c)])]) for c in cycle]
        members = " → ".join([*ids_of, ids_of[0]])
        mask = np.zeros(len(src), dtype=bool)
        mask[first_row[np.isin(first_s, [int(c) for c in cycle])][:1]] = True
        bag.rows(
            raw,
            mask,
            "target",
            Reason.REPORTING_CYCLE,
            message("val_reporting_cycle", members=members),
        )


def _reporting_cycles(src: np.ndarray, tgt: np.ndarray) -> list[list[Any]]:
    """Cycles of a functional graph (each person at most one manager), by pointer doubling."""
    names, codes = _dense_codes(np.concatenate([src, tgt]))
    n = len(names)
    parent = np.full(n, -1, dtype=np.int64)
    parent[codes[: len(src)]] = codes[len(src) :]
    jump = parent.copy()
    steps = 1
    while steps < n and (jump >= 0).any():  # none left: every chain ended, no cycle
        nxt = np.where(jump >= 0, jump[np.maximum(jump, 0)], -1)
        jump = nxt
        steps *= 2
    on_cycle_entry = np.unique(jump[jump >= 0])
    seen: set[int] = set()
    cycles: list[list[Any]] = []
    for start in on_cycle_entry.tolist():
        if start in seen:
            continue
        cyc = [start]
        node = int(parent[start])
        while node != start and len(cyc) <= n:
            cyc.append(node)
            node = int(parent[node])
        seen.update(cyc)
        cycles.append([names[i] for i in cyc])
    return cycles


def _dense_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)`` for non-negative integer codes, unsorted.

    Codes are people positions (or factorised ids), below a few million: marking which
    occur and counting them up numbers them in one pass, where ``np.unique`` sorts.
    """
    if not len(values):
        return values[:0], np.zeros(0, dtype=np.int64)
    present = np.zeros(int(values.max()) + 1, dtype=bool)
    present[values] = True
    names = np.flatnonzero(present)
    number = np.cumsum(present, dtype=np.int64) - 1
    return names, number[values]


def _tie_kind_codes(word_codes: np.ndarray, words: pd.Index) -> np.ndarray:
    """Each tie's kind as its position in :class:`relgraph.vocab.TieKind` (-1: blank)."""
    order = [str(k) for k in TieKind]
    lookup = np.array([order.index(w) if w in order else -1 for w in words] + [-1], np.int8)
    return lookup[word_codes]  # code -1 (blank or unknown) picks the trailing -1


def validate_tables(
    raws: Mapping[str, RawTable],
    problems: list[Problem] | None = None,
    *,
    today: _dt.date | None = None,
    codes: dict[tuple[str, str], np.ndarray] | None = None,
) -> dict[str, pd.DataFrame]:
    """Check every raw table and return the converted tables, or raise with every problem.

    Parameters
    ----------
    raws : Mapping of str to RawTable
        Tables as read by :mod:`relgraph.io.read`.
    problems : list of Problem, optional
        Problems already found while reading; they are reported together with the rest.
    today : datetime.date, optional
        Dates after this are rejected; defaults to today's date.
    codes : dict, optional
        When given, filled with the integer codes of id columns found while checking
        references, keyed by ``(table, column)`` (position in the referenced table, -1 when
        unknown), so the network reuses them instead of matching ten million ids again;
        and ``("ties", "kind")`` with each tie's kind as its position in
        :class:`relgraph.vocab.TieKind` (int8, -1 when blank).

    Returns
    -------
    dict of str to DataFrame
        Typed tables: ids as text, vocabulary words canonical, numbers as ``Int64`` or
        ``float64``, flags as nullable ``boolean``, dates as ``datetime64[ns]``; every known
        column present (blank where not given), unknown columns kept after them.

    Raises
    ------
    ValidationError
        Listing every problem found, in table order.
    """
    today = today or _dt.date.today()
    bag = _Collector()
    for p in problems or []:
        bag.add(p)
    tables: dict[str, pd.DataFrame] = {}
    found = _Found()
    for name, schema in SCHEMAS.items():
        if name not in raws:
            continue
        converted = _convert_table(raws[name], schema, bag, today, found)
        if converted is not None:
            tables[name] = converted
    codes = {} if codes is None else codes
    lists = _Lists()
    failed = frozenset(p.table for p in problems or [])
    _check_refs(raws, tables, bag, failed, codes, lists, found.repeated)
    keys = key_codes(tables, codes, found)
    # the repeated keys (ten million ties: the costliest check) are hashed on another core
    # while the checks after them run; their problems are reported in the same order
    with ThreadPoolExecutor(max_workers=1) as pool:
        repeated = _start(pool, repeated_keys, keys)
        later = _Collector()
        _later_checks(raws, tables, later, codes, found, lists, lambda: repeated.result())
        _key_duplicates(raws, tables, bag, codes, found, (keys, repeated.result()))
    bag.problems += later.problems
    if bag.problems:
        raise ValidationError(bag.problems)
    return tables


def _start(pool: ThreadPoolExecutor, func: Callable[[Any], Any], arg: Any) -> Future[Any]:
    """Run ``func(arg)`` in ``pool`` when the machine has a second core, else now."""
    if (os.cpu_count() or 1) > 1:
        return pool.submit(func, arg)
    done: Future[Any] = Future()
    done.set_result(func(arg))
    return done


def _later_checks(
    raws: Mapping[str, RawTable],
    tables: Mapping[str, pd.DataFrame],
    bag: _Collector,
    codes: dict[tuple[str, str], np.ndarray],
    found: _Found,
    lists: _Lists,
    repeated: Callable[[], dict[str, np.ndarray]],
) -> None:
    """Run the checks after the references and repeated keys: org kinds, sides, structure."""
    kinds = found.terms.get(("ties", "kind"))
    if "ties" in tables and kinds is not None and len(kinds[0]) == len(tables["ties"]):
        codes[("ties", "kind")] = _tie_kind_codes(*kinds)
    by_person = None  # each person's org kind, for the checks of sides (found once)
    if ("ties", "source") in codes or ("roles", "person") in codes:
        by_person = _kind_by_person(tables, codes, found.repeated.get(("people", "id")))
    _org_kind_checks(raws, tables, bag, codes, by_person)
    check_sides(raws, tables, bag, codes, by_person)
    _interaction_checks(raws, tables, bag, lists, codes)
    if "ties" in tables:
        ties = raws["ties"], tables["ties"]
        _tie_structure_checks(*ties, bag, codes, found, lambda: repeated()["ties"])
