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
import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from relgraph.errors import Problem, Reason, ValidationError
from relgraph.io.consistency import check_sides
from relgraph.io.lookalike import (
    canonical_index,
    check_invisible_blanks,
    check_lookalike_ids,
    lookalike_target,
)
from relgraph.io.read import RawTable
from relgraph.io.schema import SCHEMAS, Column, TableSchema
from relgraph.model import normalize_term, suggest
from relgraph.text import say

__all__ = ["MAX_PROBLEMS_PER_CHECK", "validate_tables"]

#: At most this many rows are listed for one (table, column, reason); a final row counts
#: the rest, so nothing is hidden without saying so.
MAX_PROBLEMS_PER_CHECK = 1000

_TRUE = {"true", "t", "yes", "y", "1", "1.0", "x", "是", "对", "真"}
_FALSE = {"false", "f", "no", "n", "0", "0.0", "否", "不", "假"}
_LIST_SEPARATORS = (";", ",", "；", "，", "|")
_LIST_SPLIT = re.compile(r"\s*[;,；，|]\s*")
_DATE_COLUMNS_NOT_IN_FUTURE = {"updated", "since", "date"}


class _Collector:
    """Accumulates problems, capping each (table, column, reason) at a fixed count."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def rows(
        self,
        raw: RawTable,
        mask: np.ndarray | pd.Series,
        column: str | None,
        reason: Reason,
        hint: str | Callable[[str], str],
        values: pd.Series | None = None,
    ) -> None:
        """Add one problem per selected row (capped), with the row's value and a hint."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        positions = np.flatnonzero(mask)
        if values is None:
            values = raw.frame[column] if column in raw.frame else None
        shown = positions[:MAX_PROBLEMS_PER_CHECK]
        vals = values.iloc[shown].tolist() if values is not None else [""] * len(shown)
        for pos, val in zip(shown, vals, strict=True):
            text = str(val)
            h = hint(text) if callable(hint) else hint
            if len(text) > 200:
                text = text[:200] + "…"
            self.problems.append(
                Problem(raw.name, int(pos) + raw.first_row, column, text, reason, h, raw.source)
            )
        extra = len(positions) - len(shown)
        if extra > 0:
            self.problems.append(
                Problem(
                    raw.name,
                    None,
                    column,
                    "",
                    reason,
                    f"… and {extra} more rows with the same problem",
                    raw.source,
                )
            )


def _positions(s: pd.Series, keys: pd.Index) -> np.ndarray:
    """Position of each value of ``s`` in the unique ``keys`` (-1 when absent), vectorised.

    Uses pyarrow's hash lookup when both are pyarrow-backed text (fast on ten million
    rows), pandas' hash table otherwise.
    """
    if len(s) == 0:
        return np.zeros(0, dtype=np.int64)
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = pa.chunked_array(pa.array(s.array)).cast(pa.large_string())
        value_set = pa.array(keys.astype(str).array).cast(pa.large_string())
        found = pc.index_in(arr, value_set=value_set).fill_null(-1)
        return np.asarray(found.to_numpy(), dtype=np.int64)
    except (ImportError, TypeError, ValueError, NotImplementedError, ArithmeticError):
        pass
    except Exception:  # pyarrow.ArrowException and kin: fall back to pandas
        pass
    return np.asarray(keys.get_indexer(pd.Index(s.astype(object))), dtype=np.int64)


def _isin(s: pd.Series, keys: pd.Index) -> np.ndarray:
    """Boolean mask: the value of ``s`` is one of the unique ``keys``."""
    return _positions(s, keys) >= 0


def _lookup(s: pd.Series, mapping: pd.Series) -> pd.Series:
    """``s.map(mapping)`` for a mapping with a unique text index, vectorised (NaN if absent)."""
    pos = _positions(s, mapping.index)
    values = mapping.to_numpy(dtype=object)
    out = np.where(pos >= 0, values[np.maximum(pos, 0)] if len(values) else None, None)
    return pd.Series(out, index=s.index, dtype=object)


def _blank(s: pd.Series) -> np.ndarray:
    return np.asarray(s.eq(""), dtype=bool)


def _by_uniques(s: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply a converter to the distinct values only, then spread back (fast on repeats)."""
    codes, uniques = pd.factorize(s, sort=False)
    converted = func(pd.Series(uniques, dtype=object))
    out = converted.take(codes) if len(codes) else converted.iloc[:0]
    out.index = s.index
    return out


def _convert_term(raw: RawTable, col: Column, bag: _Collector) -> pd.Series:
    s = raw.frame[col.name]
    vocab = col.vocab or {}
    mapped = _by_uniques(s, lambda u: u.map(lambda v: vocab.get(normalize_term(v))))
    bad = mapped.isna().to_numpy() & ~_blank(s)
    if bad.any():
        choices = sorted(set(vocab.values()))

        def hint(value: str) -> str:
            near = suggest(value, vocab)
            dym = f"did you mean {near!r}? " if near else ""
            return f"unknown {col.name} {value!r}; {dym}valid: {', '.join(choices)}"

        bag.rows(raw, bad, col.name, Reason.UNKNOWN_TERM, hint)
    return mapped.where(mapped.notna(), None).astype(object)


def _convert_number(raw: RawTable, col: Column, bag: _Collector) -> pd.Series:
    s = raw.frame[col.name]
    blank = _blank(s)
    num = _by_uniques(s, lambda u: pd.to_numeric(u.where(u != ""), errors="coerce"))
    num = num.astype(float)
    nan = ~np.isfinite(num.to_numpy()) & ~blank
    rng = _range_text(col)
    bag.rows(raw, nan, col.name, Reason.NOT_A_NUMBER, f"expected a number{rng}")
    ok = ~blank & ~nan
    num = num.where(ok)
    if col.type == "int":
        with np.errstate(invalid="ignore"):
            frac = ok & (np.mod(num.to_numpy(), 1) != 0)
        bag.rows(raw, frac, col.name, Reason.NOT_AN_INTEGER, f"expected a whole number{rng}")
        ok &= ~frac
    vals = np.nan_to_num(num.to_numpy())
    out_of = np.zeros(len(s), dtype=bool)
    if col.lo is not None:
        out_of |= ok & (vals < col.lo)
    if col.hi is not None:
        out_of |= ok & (vals > col.hi)
    rule = rng.replace(" of ", " ", 1).strip()  # "from 0 to 1", "at least 0"
    bag.rows(raw, out_of, col.name, Reason.OUT_OF_RANGE, f"{col.name} must be {rule}")
    num = num.where(ok & ~out_of)
    if col.type == "int":
        return num.round().astype("Int64")
    return num.astype(float)


def _range_text(col: Column) -> str:
    lo = None if col.lo is None else f"{col.lo:g}"
    hi = None if col.hi is None else f"{col.hi:g}"
    if lo is not None and hi is not None:
        return f" from {lo} to {hi}"
    if lo is not None:
        return f" of at least {lo}"
    if hi is not None:
        return f" of at most {hi}"
    return ""


def _convert_bool(raw: RawTable, col: Column, bag: _Collector) -> pd.Series:
    s = raw.frame[col.name]

    def conv(u: pd.Series) -> pd.Series:
        low = u.str.strip().str.lower()
        return low.map(lambda v: True if v in _TRUE else (False if v in _FALSE else None))

    mapped = _by_uniques(s, conv)
    bad = mapped.isna().to_numpy() & ~_blank(s)
    bag.rows(
        raw,
        bad,
        col.name,
        Reason.NOT_A_BOOLEAN,
        "expected true/false (or yes/no, 1/0); leave blank for the default",
    )
    return mapped.astype("boolean")


_DATE_FORMATS = ("%Y/%m/%d", "%d %b %Y", "%d %B %Y", "%Y年%m月%d日", "%Y.%m.%d")


#: A date-time with a UTC offset: group 1 is the local date-time as written.
_OFFSET = r"^(.*\d[T ]\d{2}(?::?\d{2}){0,2}(?:[.,]\d+)?)\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$"


def _parse_dates(u: pd.Series) -> pd.Series:
    """Parse distinct date strings: ISO 8601 first, then a few common formats; NaT if none.

    A date-time with a UTC offset keeps the calendar date as written
    (``2026-01-01T23:30:00-05:00`` is 1 January, not 2 January in UTC); the offset must
    still be valid.
    """
    vals = u.where(u != "")
    local = vals.astype(object).str.replace(_OFFSET, r"\1", regex=True)
    offset = (local != vals).to_numpy(dtype=bool) & vals.notna().to_numpy(dtype=bool)
    out = pd.Series(pd.NaT, index=u.index, dtype="datetime64[ns]")
    todo = vals.notna().to_numpy().copy()
    for fmt in ("ISO8601", *_DATE_FORMATS):
        if not todo.any():
            break
        parsed = _to_datetime(local[todo], fmt)
        hit = parsed.notna().to_numpy()
        idx = np.flatnonzero(todo)[hit]
        out.iloc[idx] = parsed.to_numpy()[hit]
        todo[idx] = False
    if offset.any():  # the offset itself must parse (not +25:00)
        whole = _to_datetime(vals[offset], "ISO8601")
        out.iloc[np.flatnonzero(offset)[whole.isna().to_numpy()]] = pd.NaT
    return out


def _to_datetime(vals: pd.Series, fmt: str) -> pd.Series:
    """Vectorised parse with one format; out-of-range or mixed time zones give NaT."""
    try:
        parsed = pd.to_datetime(vals, format=fmt, errors="coerce", utc=True)
    except (ValueError, OverflowError, TypeError):
        parsed = pd.Series(pd.NaT, index=vals.index, dtype="datetime64[ns, UTC]")
    parsed = parsed.dt.tz_convert(None).dt.normalize()
    ok = parsed.notna() & parsed.between(pd.Timestamp.min, pd.Timestamp.max)
    return parsed.where(ok).astype("datetime64[ns]")


def _convert_date(raw: RawTable, col: Column, bag: _Collector, today: _dt.date) -> pd.Series:
    s = raw.frame[col.name]
    dates = _by_uniques(s, _parse_dates)
    dates = pd.to_datetime(dates)
    bad = dates.isna().to_numpy() & ~_blank(s)
    bag.rows(
        raw, bad, col.name, Reason.BAD_DATE, "not a date; write it as YYYY-MM-DD (e.g. 2026-03-31)"
    )
    if col.name in _DATE_COLUMNS_NOT_IN_FUTURE:
        future = (dates > pd.Timestamp(today)).to_numpy() & ~bad & ~_blank(s)
        bag.rows(
            raw,
            future,
            col.name,
            Reason.FUTURE_DATE,
            f"date is after today ({today.isoformat()}); check the year and the day/month order",
        )
        dates = dates.where(~future)
    return dates


def _convert_list(raw: RawTable, col: Column) -> pd.Series:
    s = raw.frame[col.name]
    text = s.astype(str)
    # only values holding a separator need rewriting: find them in one vectorised pass
    has = _contains_any(text, _LIST_SEPARATORS)
    missing = s.isna().to_numpy()
    out = text.where(~missing, "") if missing.any() else text
    if has.any():
        out = out.copy()
        out.iloc[np.flatnonzero(has)] = _by_uniques(s[has], _canonical_lists).to_numpy()
    return out.astype(str)


def _contains_any(text: pd.Series, needles: tuple[str, ...]) -> np.ndarray:
    """Boolean mask: the value holds any of the plain substrings (pyarrow when available)."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = pa.chunked_array(pa.array(text.array)).cast(pa.large_string())
        hit = np.zeros(len(text), dtype=bool)
        for needle in needles:
            hit |= np.asarray(pc.fill_null(pc.match_substring(arr, needle), False), dtype=bool)
        return hit
    except ImportError:
        pass
    hit = np.zeros(len(text), dtype=bool)
    for needle in needles:
        hit |= text.str.contains(needle, regex=False, na=False).to_numpy(dtype=bool)
    return hit


def _canonical_lists(u: pd.Series) -> pd.Series:
    """Rewrite ``a ; b,c`` as ``a;b;c``, splitting (in Python) only values with a separator."""
    out = u.copy()
    has = u.astype(str).str.contains(_LIST_SPLIT.pattern, regex=True, na=False).to_numpy()
    out[has] = u[has].map(lambda v: ";".join(x for x in _LIST_SPLIT.split(v) if x))
    return out.where(u.notna() & u.astype(bool), "")


def _convert_table(
    raw: RawTable, schema: TableSchema, bag: _Collector, today: _dt.date
) -> pd.DataFrame | None:
    frame = raw.frame
    missing = [c for c in schema.required_columns if c not in frame.columns]
    for name in missing:
        near = suggest(name, [str(c) for c in frame.columns if not str(c).startswith("unnamed_")])
        dym = f" (is {near!r} meant to be {name!r}?)" if near else ""
        bag.add(
            Problem(
                raw.name,
                1 if raw.first_row == 2 else None,
                name,
                "",
                Reason.MISSING_COLUMN,
                f"required column {name!r} is missing{dym}; the header needs "
                + ",".join(schema.required_columns),
                raw.source,
            )
        )
    if len(frame) == 0:
        if schema.required:
            bag.add(
                Problem(
                    raw.name,
                    None,
                    None,
                    "",
                    Reason.EMPTY_TABLE,
                    f"the {raw.name} table has a header but no rows; add at least one row",
                    raw.source,
                )
            )
            return None
    # a row with nothing in it is one problem, not one per required column
    empty_row = np.ones(len(frame), dtype=bool)
    for name in frame.columns:
        empty_row &= _blank(frame[name])
    bag.rows(
        raw,
        empty_row,
        None,
        Reason.BLANK,
        "the row is entirely blank; delete it or fill it in",
        values=pd.Series([""] * len(frame), dtype=object),
    )
    out: dict[str, pd.Series] = {}
    for col in schema.columns:
        if col.name not in frame.columns:
            out[col.name] = _empty_column(col, len(frame))
            continue
        s = frame[col.name]
        if col.nonblank:
            bag.rows(
                raw,
                _blank(s) & ~empty_row,
                col.name,
                Reason.BLANK,
                f"{col.name} is required and cannot be blank",
            )
            if col.type == "str":
                check_invisible_blanks(raw, col.name, s, bag)
        if col.type == "term":
            out[col.name] = _convert_term(raw, col, bag)
        elif col.type in ("int", "float"):
            out[col.name] = _convert_number(raw, col, bag)
        elif col.type == "bool":
            out[col.name] = _convert_bool(raw, col, bag)
        elif col.type == "date":
            out[col.name] = _convert_date(raw, col, bag, today)
        elif col.type == "list":
            out[col.name] = _convert_list(raw, col)
        else:
            out[col.name] = s
        if col.unique:
            dup = s.duplicated(keep="first").to_numpy() & ~_blank(s)
            if dup.any():
                first = s[~s.duplicated(keep="first")]
                first_row = pd.Series(
                    first.index.to_numpy() + raw.first_row, index=first.to_numpy()
                )
                bag.rows(
                    raw,
                    dup,
                    col.name,
                    Reason.DUPLICATE_ID,
                    functools.partial(_duplicate_hint, col.name, first_row),
                )
            check_lookalike_ids(raw, col.name, s, raw.first_row, bag)
    if missing:
        return None  # every present column was checked; cross-table checks skip this table
    known = {c.name for c in schema.columns}
    for name in frame.columns:
        if name not in known:
            out[name] = frame[name]
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))


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


def _column_codes(codes: _Codes, table: str, column: str, values: pd.Series) -> np.ndarray:
    found = codes.get((table, column))
    if found is not None:
        return found
    return np.asarray(pd.factorize(values)[0], dtype=np.int64)


def _combined_key(codes: list[np.ndarray]) -> pd.Series | pd.DataFrame:
    """One int64 per row for several integer code columns when it fits (fast to hash)."""
    out = np.zeros(len(codes[0]), dtype=np.int64)
    span = 1
    for c in codes:
        m = int(c.max(initial=-1)) + 2  # codes are >= -1
        if span * m >= 2**62:
            return pd.DataFrame(dict(enumerate(codes)))
        out = out * m + (c.astype(np.int64) + 1)
        span *= m
    return pd.Series(out)


def _key_duplicates(
    raws: Mapping[str, RawTable], tables: Mapping[str, pd.DataFrame], bag: _Collector, codes: _Codes
) -> None:
    """Rows repeating a table's key (converted values, so "friend" and "朋友" are the same)."""
    for name, table in tables.items():
        schema = SCHEMAS[name]
        if not schema.key or len(table) < 2:
            continue
        keys = {k: _column_codes(codes, name, k, table[k]) for k in schema.key}
        unknown = np.zeros(len(table), dtype=bool)
        for k in schema.key:
            if (name, k) in codes:
                unknown |= keys[k] < 0  # already reported as unknown references
        dup = _combined_key(list(keys.values())).duplicated(keep="first").to_numpy() & ~unknown
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
                f"the same ({label}) appears twice; remove or merge the repeated row",
                values=joined,
            )


def _empty_column(col: Column, n: int) -> pd.Series:
    if col.type == "int":
        return pd.Series(pd.arrays.IntegerArray(np.zeros(n, np.int64), np.ones(n, bool)))
    if col.type == "float":
        return pd.Series(np.full(n, np.nan))
    if col.type == "bool":
        return pd.Series(pd.arrays.BooleanArray(np.zeros(n, bool), np.ones(n, bool)))
    if col.type == "date":
        return pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    if col.type == "term":
        return pd.Series(np.full(n, None, dtype=object))
    try:  # a blank text column without building n Python strings
        import pyarrow as pa

        blank = pd.Series(pa.repeat("", n).to_pandas(), index=pd.RangeIndex(n))
        if blank.dtype == pd.Series([""]).astype(str).dtype:
            return blank
    except (ImportError, AttributeError, TypeError):
        pass
    return pd.Series(np.full(n, "", dtype=object)).astype(str)


def _check_refs(
    raws: Mapping[str, RawTable],
    tables: Mapping[str, pd.DataFrame],
    bag: _Collector,
    failed: frozenset[str] = frozenset(),
    codes: _Codes | None = None,
    lists: _Lists | None = None,
) -> None:
    lists = _Lists() if lists is None else lists
    ids = {
        name: pd.Index(tables[name]["id"].astype(str)).drop_duplicates()
        for name in ("orgs", "people", "opportunities")
        if name in tables
    }
    for name, table in tables.items():
        schema = SCHEMAS[name]
        raw = raws[name]
        for col in schema.columns:
            if col.ref is None or (col.ref not in ids and (col.ref in raws or col.ref in failed)):
                continue  # no reference, or the referenced table failed its own checks
            s = table[col.name].astype(str)
            known = ids.get(col.ref, pd.Index([]))
            if col.type == "list":
                exploded = _exploded(lists, name, col.name, table[col.name])
                found = _positions(exploded, known)
                if col.ref in ids:
                    lists.pos[(name, col.name)] = found
                unknown_rows = exploded[found < 0]
                mask = np.zeros(len(s), dtype=bool)
                mask[unknown_rows.index.to_numpy()] = True
            else:
                pos = _positions(s, known)
                if codes is not None and col.ref in ids:
                    codes[(name, col.name)] = pos
                mask = s.ne("").to_numpy() & (pos < 0)
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


def _duplicate_hint(column: str, first_row: pd.Series, value: str) -> str:
    return f"{column} {value!r} is already used in row {first_row.get(value)}; ids must be unique"


def _unknown_ref_hint(
    value: str,
    ref: str | None,
    choices: list[str],
    known: pd.Index | None = None,
    all_known: pd.Index | None = None,
    canon: dict[str, str] | None = None,
) -> str:
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
            return say("val_lookalike_ref", what=what, value=parts[0], ref=ref, real=real)
    near = suggest(parts[0], choices)
    dym = f"; did you mean {near!r}?" if near else ""
    return f"no {what} with id {parts[0]!r} in the {ref} table{dym}"


def _org_kind_checks(
    raws: Mapping[str, RawTable], tables: Mapping[str, pd.DataFrame], bag: _Collector
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
            lambda v: (
                f"{v!r} is not a competitor org (its kind is {kind.get(v)!r}); "
                "supports must name an org of kind competitor"
            ),
        )
        no_comp = people["support"].notna().to_numpy() & sup.eq("").to_numpy()
        bag.rows(
            raw,
            no_comp,
            "support",
            Reason.INCONSISTENT,
            "support is given but supports (which competitor) is blank; fill in supports "
            "or clear support",
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
            lambda v: f"account {v!r} is not a customer org (its kind is {kind.get(v)!r})",
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
            "competitors must name orgs of kind competitor",
        )
    if "ties" in tables and "people" in tables:
        ties = tables["ties"]
        raw = raws["ties"]
        people = tables["people"]
        org_of = pd.Series(people["org"].to_numpy(), index=people["id"].astype(str))
        org_of = org_of[~org_of.index.duplicated()]
        covers = ties["kind"].eq("covers").to_numpy()
        src_kind = _lookup(_lookup(ties["source"].astype(str)[covers], org_of).astype(str), kind)
        not_ours = np.zeros(len(ties), dtype=bool)
        not_ours[np.flatnonzero(covers)] = (src_kind.notna() & src_kind.ne("us")).to_numpy()
        bag.rows(
            raw,
            not_ours,
            "source",
            Reason.WRONG_ORG_KIND,
            "a covers tie must start at one of our people (an org of kind us); "
            "use another kind for a competitor's or partner's contact",
        )


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
        found = _positions(inter["our_person"].astype(str), party.index)
    told, us = kind_of(found)
    wrong = told & ~us
    bag.rows(
        raw,
        wrong,
        "our_person",
        Reason.WRONG_ORG_KIND,
        lambda v: (
            f"{v!r} is not one of our people (their org's kind is {party.get(v)!r}); "
            "our_person must be at an org of kind us"
        ),
    )
    theirs = _exploded(lists, "interactions", "their_people", inter["their_people"])
    found = lists.pos.get(("interactions", "their_people"))
    if found is None:
        found = _positions(theirs, party.index)
    us_rows = theirs[kind_of(found)[1]]
    mask = np.zeros(len(inter), dtype=bool)
    mask[us_rows.index.to_numpy()] = True
    bag.rows(
        raw,
        mask,
        "their_people",
        Reason.WRONG_ORG_KIND,
        "their_people must be customer (or other outside) people, not our own; "
        "internal meetings do not belong in the interactions log",
    )


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
        return pd.Series((a.astype(np.int64) * n + b) * m + k)
    return pd.DataFrame({"a": a, "b": b, "k": k})


def _symmetric_duplicates(
    raw: RawTable,
    ties: pd.DataFrame,
    bag: _Collector,
    ends: tuple[np.ndarray, np.ndarray],
    kcodes: np.ndarray,
    personal: np.ndarray,
) -> None:
    """Report personal (undirected) ties given both ways, A→B and B→A: one tie twice."""
    if personal.sum() < 2:
        return
    kind = ties["kind"]
    a, b, k = ends[0][personal], ends[1][personal], kcodes[personal]
    same_way = _pair_key(a, b, k).duplicated(keep="first").to_numpy()
    both = _pair_key(np.minimum(a, b), np.maximum(a, b), k)
    mirrored = both.duplicated(keep="first").to_numpy() & ~same_way
    if not mirrored.any():
        return
    mask = np.zeros(len(ties), dtype=bool)
    mask[np.flatnonzero(personal)[mirrored]] = True
    pair = ties["source"].astype(str) + " ↔ " + ties["target"].astype(str)
    bag.rows(
        raw,
        mask,
        None,
        Reason.DUPLICATE_ROW,
        lambda v: (
            f"the personal tie {v} is given in both directions with the same kind; personal "
            "ties are undirected, so keep one of the two rows"
        ),
        values=pair + " (" + kind.astype(str) + ")",
    )


_DIRECTED = ("reports_to", "influences", "covers", "informs")


def _tie_structure_checks(
    raw: RawTable, ties: pd.DataFrame, bag: _Collector, codes: _Codes | None = None
) -> None:
    src = ties["source"].astype(str)
    tgt = ties["target"].astype(str)
    s_code, t_code = _endpoint_codes(ties, codes or {})
    self_tie = (s_code == t_code) & src.ne("").to_numpy()
    bag.rows(raw, self_tie, "target", Reason.SELF_TIE, "a tie must join two different people")
    kcodes, kinds = pd.factorize(ties["kind"])  # few distinct words: cheap, then ints
    kinds = pd.Index(kinds.astype(str))
    personal = (kcodes >= 0) & ~np.isin(kcodes, np.flatnonzero(kinds.isin(_DIRECTED)))
    _symmetric_duplicates(raw, ties, bag, (s_code, t_code), kcodes, personal)
    rep = np.isin(kcodes, np.flatnonzero(kinds == "reports_to")) & ~self_tie
    if not rep.any():
        return
    rows = np.flatnonzero(rep)
    pairs = pd.DataFrame({"s": s_code[rep], "t": t_code[rep]}, index=rows)
    n_mgr = pairs.groupby("s")["t"].transform("nunique")
    two = np.zeros(len(ties), dtype=bool)
    two[pairs.index[(n_mgr > 1).to_numpy()].to_numpy()] = True
    if two.any():
        names = pd.DataFrame({"s": src[two], "t": tgt[two]})
        mgrs = names.groupby("s")["t"].agg(lambda t: ", ".join(sorted(set(t))))
        bag.rows(
            raw,
            two,
            "source",
            Reason.TWO_MANAGERS,
            lambda v: (
                f"{v!r} reports to more than one manager ({mgrs.get(v)}); keep one "
                "reports_to tie and record the other as 'influences' or 'works_with'"
            ),
            values=src,
        )
    first = pairs.drop_duplicates("s")
    label = pd.Series(src.to_numpy()[first.index.to_numpy()], index=first["s"].to_numpy())
    label = pd.concat(
        [label, pd.Series(tgt.to_numpy()[first.index.to_numpy()], index=first["t"].to_numpy())]
    )
    label = label[~label.index.duplicated()]
    for cycle in _reporting_cycles(first["s"].to_numpy(), first["t"].to_numpy()):
        ids = [str(label[int(c)]) for c in cycle]
        members = " → ".join([*ids, ids[0]])
        mask = np.zeros(len(ties), dtype=bool)
        idx = first.index[first["s"].isin([int(c) for c in cycle]).to_numpy()].to_numpy()
        mask[idx[:1]] = True
        bag.rows(
            raw,
            mask,
            "target",
            Reason.REPORTING_CYCLE,
            f"reports_to forms a cycle: {members}; someone at the top must report to nobody",
        )


def _reporting_cycles(src: np.ndarray, tgt: np.ndarray) -> list[list[Any]]:
    """Cycles of a functional graph (each person at most one manager), by pointer doubling."""
    names, codes = np.unique(np.concatenate([src, tgt]), return_inverse=True)
    n = len(names)
    parent = np.full(n, -1, dtype=np.int64)
    parent[codes[: len(src)]] = codes[len(src) :]
    jump = parent.copy()
    steps = 1
    while steps < n:
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
        unknown), so the network reuses them instead of matching ten million ids again.

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
    for name, schema in SCHEMAS.items():
        if name not in raws:
            continue
        converted = _convert_table(raws[name], schema, bag, today)
        if converted is not None:
            tables[name] = converted
    codes = {} if codes is None else codes
    lists = _Lists()
    _check_refs(raws, tables, bag, frozenset(p.table for p in problems or []), codes, lists)
    _key_duplicates(raws, tables, bag, codes)
    _org_kind_checks(raws, tables, bag)
    check_sides(raws, tables, bag, codes)
    _interaction_checks(raws, tables, bag, lists, codes)
    if "ties" in tables:
        _tie_structure_checks(raws["ties"], tables["ties"], bag, codes)
    if bag.problems:
        raise ValidationError(bag.problems)
    return tables
