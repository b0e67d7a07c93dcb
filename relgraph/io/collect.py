"""The problem collector and the column helpers every validation pass shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from relgraph.errors import Problem, Reason
from relgraph.io.idcodes import short_positions, short_words
from relgraph.io.read import RawTable
from relgraph.text import Message, message

#: At most this many rows are listed for one (table, column, reason); a final row counts
#: the rest, so nothing is hidden without saying so.
MAX_PROBLEMS_PER_CHECK = 1000


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
        hint: Message | Callable[[str], Message],
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
            h = hint if isinstance(hint, Message) else hint(text)
            if len(text) > 200:
                text = text[:200] + "…"
            self.problems.append(
                Problem.of(raw.name, int(pos) + raw.first_row, column, text, reason, h, raw.source)
            )
        extra = len(positions) - len(shown)
        if extra > 0:
            self.problems.append(
                Problem.of(
                    raw.name,
                    None,
                    column,
                    "",
                    reason,
                    message("val_more_rows", n=extra),
                    raw.source,
                )
            )


class _Found:
    """Integer codes one pass found, for later passes to reuse instead of hashing again.

    ``terms``: for a vocabulary column, keyed by (table, column), the code of each row's
    canonical word (-1 when blank or unknown, the codes of ``pandas.factorize`` on the
    converted column) and the words; ``repeated``: for a ``unique`` column, keyed by
    (table, column), the rows repeating an earlier row's value.
    """

    def __init__(self) -> None:
        self.terms: dict[tuple[str, str], tuple[np.ndarray, pd.Index]] = {}
        self.repeated: dict[tuple[str, str], np.ndarray] = {}


def index_positions(s: pd.Series, keys: pd.Index) -> np.ndarray:
    """Position of each value of ``s`` in the unique ``keys`` (-1 when absent), vectorised.

    Uses pyarrow's hash lookup when both are pyarrow-backed text (fast on ten million
    rows), pandas' hash table otherwise; short ids are matched as integers
    (:mod:`relgraph.io.idcodes`).
    """
    if len(s) == 0:
        return np.zeros(0, dtype=np.int64)
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = pa.chunked_array(pa.array(s.array)).cast(pa.large_string())
        value_set = pa.chunked_array(pa.array(keys.astype(str).array)).cast(pa.large_string())
        found_short = short_positions(arr, value_set)
        if found_short is not None:  # short ids as one integer each
            return found_short
        found = pc.index_in(arr, value_set=value_set).fill_null(-1)
        return np.asarray(found.to_numpy(zero_copy_only=False), dtype=np.int64)
    except (ImportError, TypeError, ValueError, NotImplementedError, ArithmeticError):
        pass
    except Exception:  # pyarrow.ArrowException and kin: fall back to pandas
        pass
    return np.asarray(keys.get_indexer(pd.Index(s.astype(object))), dtype=np.int64)


def repeated_text(s: pd.Series) -> np.ndarray:
    """``s.duplicated(keep="first")`` as a boolean array; short ids compared as integers.

    Examples
    --------
    >>> import pandas as pd
    >>> repeated_text(pd.Series(["p1", "p2", "p1", ""]).astype(str)).tolist()
    [False, False, True, False]
    """
    if hasattr(s.array, "__arrow_array__"):
        try:
            import pyarrow as pa

            words = short_words(pa.chunked_array(pa.array(s.array)))
        except (ImportError, TypeError, ValueError):
            words = None
        if words is not None:
            return np.asarray(pd.Series(words[0], copy=False).duplicated(keep="first"), dtype=bool)
    return np.asarray(s.duplicated(keep="first"), dtype=bool)


def _lookup(s: pd.Series, mapping: pd.Series) -> pd.Series:
    """``s.map(mapping)`` for a mapping with a unique text index, vectorised (NaN if absent)."""
    pos = index_positions(s, mapping.index)
    values = mapping.to_numpy(dtype=object)
    out = np.where(pos >= 0, values[np.maximum(pos, 0)] if len(values) else None, None)
    return pd.Series(out, index=s.index, dtype=object, copy=False)


def _blank(s: pd.Series) -> np.ndarray:
    empty = empty_text(s)
    return empty if empty is not None else np.asarray(s.eq(""), dtype=bool)


def empty_text(s: pd.Series) -> np.ndarray | None:
    """Boolean mask of the empty values of a pyarrow-backed text column, from its offsets.

    None when the column is not pyarrow-backed text or holds a missing value. A value is
    empty when its end offset equals its start: one comparison per row, where comparing
    every value with ``""`` builds a bitmap in pyarrow and converts it.

    Examples
    --------
    >>> import pandas as pd
    >>> empty = empty_text(pd.Series(["p1", "", "方"]).astype(str))
    >>> empty is None or empty.tolist() == [False, True, False]
    True
    """
    if not hasattr(s.array, "__arrow_array__"):
        return None
    try:
        import pyarrow as pa

        chunks = pa.chunked_array(pa.array(s.array)).chunks
    except (ImportError, TypeError, ValueError):
        return None
    out = np.empty(len(s), dtype=bool)
    at = 0
    for chunk in chunks:
        text = pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)
        if not text or chunk.null_count:
            return None
        if not len(chunk):
            continue
        kind = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(chunk.buffers()[1], dtype=kind)
        offsets = offsets[chunk.offset : chunk.offset + len(chunk) + 1]
        np.equal(offsets[1:], offsets[:-1], out=out[at : at + len(chunk)])
        at += len(chunk)
    return out if at == len(s) else None


def value_codes(s: pd.Series) -> tuple[np.ndarray, Any]:
    """``pandas.factorize(s)``: each row's code and the distinct values (-1: missing).

    A categorical column (a typed column as read from a file, see
    :mod:`relgraph.io.coded`) has its codes already: no value is hashed. Its distinct
    values may then include some no row uses.

    Examples
    --------
    >>> import pandas as pd
    >>> codes, uniques = value_codes(pd.Series(pd.Categorical(["b", "a", "b"])))
    >>> [str(uniques[c]) for c in codes]
    ['b', 'a', 'b']
    """
    if isinstance(s.dtype, pd.CategoricalDtype):
        return np.asarray(s.cat.codes, dtype=np.intp), s.cat.categories.to_numpy(dtype=object)
    return pd.factorize(s, sort=False)


def _by_uniques(s: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply a converter to the distinct values only, then spread back (fast on repeats)."""
    codes, uniques = value_codes(s)
    converted = func(pd.Series(uniques, dtype=object))
    out = converted.take(codes) if len(codes) else converted.iloc[:0]
    out.index = s.index
    return out


def _duplicate_hint(column: str, first_row: pd.Series, value: str) -> Message:
    return message("val_duplicate_id", column=column, value=value, row=first_row.get(value))
