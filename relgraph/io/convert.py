"""Convert one table's raw text into typed columns (words, numbers, booleans, dates, lists).

Every value that does not convert is collected as a problem; nothing is dropped silently.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re

import numpy as np
import pandas as pd

from relgraph.errors import Problem, Reason
from relgraph.io.collect import (
    _blank,
    _by_uniques,
    _Collector,
    _duplicate_hint,
    _Found,
    repeated_text,
    value_codes,
)
from relgraph.io.lookalike import (
    check_invisible_blanks,
    check_lookalike_ids,
)
from relgraph.io.read import RawTable
from relgraph.io.schema import Column, TableSchema
from relgraph.text import Message, message
from relgraph.vocab import normalize_term, suggest

_TRUE = {"true", "t", "yes", "y", "1", "1.0", "x", "是", "对", "真"}

_FALSE = {"false", "f", "no", "n", "0", "0.0", "否", "不", "假"}

_LIST_SEPARATORS = (";", ",", "；", "，", "|")

_LIST_SPLIT = re.compile(r"\s*[;,；，|]\s*")

_DATE_COLUMNS_NOT_IN_FUTURE = {"updated", "since", "date"}


def _convert_term(
    raw: RawTable, col: Column, bag: _Collector, found: _Found | None = None
) -> pd.Series:
    s = raw.frame[col.name]
    vocab = col.vocab or {}
    codes, uniques = value_codes(s)  # few distinct words: map those only
    # the canonical word of each distinct value, then None for a missing value (code -1):
    # taking from this object array shares the words, no string is built per row
    words = np.array([vocab.get(normalize_term(v)) for v in uniques] + [None], dtype=object)
    mapped = pd.Series(words[codes], index=s.index, dtype=object, copy=False)
    if found is not None:  # the canonical words' codes, for later checks to reuse
        word_codes, names = pd.factorize(words[:-1], sort=False)
        found.terms[(raw.name, col.name)] = (
            np.append(np.asarray(word_codes, dtype=np.int64), -1)[codes],
            pd.Index(np.asarray(names, dtype=object).astype(str)),
        )
    # per distinct word first (a missing value, code -1, counts as unknown): most columns
    # have no unknown word at all, and then no row is looked at
    unknown = np.append(pd.isna(words[:-1]) & (np.asarray(uniques, dtype=object) != ""), True)
    if unknown[:-1].any() or (codes < 0).any():
        bad = unknown[codes]
        choices = sorted(set(vocab.values()))

        def hint(value: str) -> Message:
            near = suggest(value, vocab)
            dym = message("val_did_you_mean", near=near) if near else ""
            return message(
                "val_unknown_term", column=col.name, value=value, dym=dym, valid=", ".join(choices)
            )

        bag.rows(raw, bad, col.name, Reason.UNKNOWN_TERM, hint)
    return mapped


def _convert_number(raw: RawTable, col: Column, bag: _Collector) -> pd.Series:
    s = raw.frame[col.name]
    # every check depends on the value only: decide it once per distinct value, then
    # spread the answers back to the rows (ten million ratings hold a few hundred values)
    codes, uniques = value_codes(s)
    u = pd.Series(uniques, dtype=object)
    num = pd.to_numeric(u.where(u != ""), errors="coerce").astype(float).to_numpy()
    blank = np.append(np.asarray(u.eq(""), dtype=bool), False)  # code -1: missing
    num = np.append(num, np.nan)
    nan = ~np.isfinite(num) & ~blank
    nan[-1] = False
    rng = _range_text(col)
    number = message("val_number_in", rule=rng) if rng else message("val_number")
    _rows_of(bag, raw, nan, codes, col.name, Reason.NOT_A_NUMBER, number)
    ok = ~blank & ~nan
    ok[-1] = False
    num = np.where(ok, num, np.nan)
    if col.type == "int":
        with np.errstate(invalid="ignore"):
            frac = ok & (np.mod(num, 1) != 0)
        whole = message("val_whole_number_in", rule=rng) if rng else message("val_whole_number")
        _rows_of(bag, raw, frac, codes, col.name, Reason.NOT_AN_INTEGER, whole)
        ok &= ~frac
    vals = np.nan_to_num(num)
    out_of = np.zeros(len(num), dtype=bool)
    if col.lo is not None:
        out_of |= ok & (vals < col.lo)
    if col.hi is not None:
        out_of |= ok & (vals > col.hi)
    if rng:
        rule = message("val_range", column=col.name, rule=rng)
        _rows_of(bag, raw, out_of, codes, col.name, Reason.OUT_OF_RANGE, rule)
    num = np.where(ok & ~out_of, num, np.nan)
    out = pd.Series(num[codes], index=s.index, dtype=float, copy=False)
    if col.type == "int":
        return out.round().astype("Int64")
    return out


def _rows_of(
    bag: _Collector,
    raw: RawTable,
    per_value: np.ndarray,
    codes: np.ndarray,
    column: str,
    reason: Reason,
    hint: Message,
) -> None:
    """Report the rows whose value (by its code) is marked in ``per_value``."""
    if per_value.any():
        bag.rows(raw, per_value[codes], column, reason, hint)


def _range_text(col: Column) -> Message | None:
    """Return the column's range as a phrase ("from 0 to 1", "at least 0"); None if none."""
    lo = None if col.lo is None else f"{col.lo:g}"
    hi = None if col.hi is None else f"{col.hi:g}"
    if lo is not None and hi is not None:
        return message("val_from_to", lo=lo, hi=hi)
    if lo is not None:
        return message("val_at_least", lo=lo)
    if hi is not None:
        return message("val_at_most", hi=hi)
    return None


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
        message("val_boolean"),
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
    bag.rows(raw, bad, col.name, Reason.BAD_DATE, message("val_bad_date"))
    if col.name in _DATE_COLUMNS_NOT_IN_FUTURE:
        future = (dates > pd.Timestamp(today)).to_numpy() & ~bad & ~_blank(s)
        bag.rows(
            raw,
            future,
            col.name,
            Reason.FUTURE_DATE,
            message("val_future_date", today=today.isoformat()),
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
    raw: RawTable,
    schema: TableSchema,
    bag: _Collector,
    today: _dt.date,
    found: _Found | None = None,
) -> pd.DataFrame | None:
    frame = raw.frame
    missing = [c for c in schema.required_columns if c not in frame.columns]
    for name in missing:
        near = suggest(name, [str(c) for c in frame.columns if not str(c).startswith("unnamed_")])
        dym = message("val_meant_column", near=near, name=name) if near else ""
        hint = message(
            "val_missing_column", name=name, dym=dym, header=",".join(schema.required_columns)
        )
        row = 1 if raw.first_row == 2 else None
        bag.add(Problem.of(raw.name, row, name, "", Reason.MISSING_COLUMN, hint, raw.source))
    if len(frame) == 0:
        if schema.required:
            hint = message("val_no_rows", table=raw.name)
            bag.add(Problem.of(raw.name, None, None, "", Reason.EMPTY_TABLE, hint, raw.source))
            return None
    # a row with nothing in it is one problem, not one per required column
    empty_row = np.ones(len(frame), dtype=bool)
    blanks: dict[str, np.ndarray] = {}  # kept for the blank check of required columns
    for name in frame.columns:
        if not empty_row.any():
            break  # no row left to be empty: the other columns need not be looked at
        blanks[name] = _blank(frame[name])
        empty_row &= blanks[name]
    if empty_row.any():
        bag.rows(
            raw,
            empty_row,
            None,
            Reason.BLANK,
            message("val_blank_row"),
            values=pd.Series([""] * len(frame), dtype=object),
        )
    out: dict[str, pd.Series] = {}
    for col in schema.columns:
        if col.name not in frame.columns:
            out[col.name] = empty_column(col, len(frame))
            continue
        s = frame[col.name]
        if col.nonblank:
            bag.rows(
                raw,
                (blanks[col.name] if col.name in blanks else _blank(s)) & ~empty_row,
                col.name,
                Reason.BLANK,
                message("val_blank_required", column=col.name),
            )
            if col.type == "str":
                check_invisible_blanks(raw, col.name, s, bag)
        if col.type == "term":
            out[col.name] = _convert_term(raw, col, bag, found)
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
            _check_unique(raw, col.name, s, bag, found)
    if missing:
        return None  # every present column was checked; cross-table checks skip this table
    known = {c.name for c in schema.columns}
    for name in frame.columns:
        if name not in known:
            out[name] = frame[name]
    # the columns as they are (no copy into one block per dtype: ten million floats, dates
    # and flags copied for nothing); copy-on-write keeps them apart from the raw table
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)), copy=False)


def _check_unique(
    raw: RawTable, name: str, s: pd.Series, bag: _Collector, found: _Found | None = None
) -> None:
    """Report repeated ids (each row names the first one) and ids that only look alike."""
    repeated = repeated_text(s)
    if found is not None:  # the distinct ids, for the reference checks
        found.repeated[(raw.name, name)] = repeated
    dup = repeated & ~_blank(s)
    if dup.any():
        first = s[~repeated]
        first_row = pd.Series(first.index.to_numpy() + raw.first_row, index=first.to_numpy())
        hint = functools.partial(_duplicate_hint, name, first_row)
        bag.rows(raw, dup, name, Reason.DUPLICATE_ID, hint)
    check_lookalike_ids(raw, name, s, raw.first_row, bag)


def empty_column(col: Column, n: int) -> pd.Series:
    """Return an all-missing column of ``col``'s type, ``n`` rows long."""
    if col.type == "int":
        return pd.Series(pd.arrays.IntegerArray(np.zeros(n, np.int64), np.ones(n, bool)))
    if col.type == "float":
        return pd.Series(np.full(n, np.nan), copy=False)
    if col.type == "bool":
        return pd.Series(pd.arrays.BooleanArray(np.zeros(n, bool), np.ones(n, bool)))
    if col.type == "date":
        return pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    if col.type == "term":
        return pd.Series(np.full(n, None, dtype=object), copy=False)
    try:  # a blank text column without building n Python strings
        import pyarrow as pa

        blank = pd.Series(pa.repeat("", n).to_pandas(), index=pd.RangeIndex(n))
        if blank.dtype == pd.Series([""]).astype(str).dtype:
            return blank
    except (ImportError, AttributeError, TypeError):
        pass
    return pd.Series(np.full(n, "", dtype=object)).astype(str)
