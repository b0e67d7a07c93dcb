"""The problem collector and the column helpers every validation pass shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from relgraph.errors import Problem, Reason
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
    converted column) and the words; ``dups``: per table, the rows repeating an earlier
    row's key (unknown references compared as one value).
    """

    def __init__(self) -> None:
        self.terms: dict[tuple[str, str], tuple[np.ndarray, pd.Index]] = {}
        self.dups: dict[str, np.ndarray] = {}


def index_positions(s: pd.Series, keys: pd.Index) -> np.ndarray:
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
        value_set = pa.chunked_array(pa.array(keys.astype(str).array)).cast(pa.large_string())
        words = short_words(arr, value_set)
        if words is not None:  # short ids as one integer each: twice as fast as text
            found = pc.index_in(pa.array(words[0]), value_set=pa.array(words[1]))
        else:
            found = pc.index_in(arr, value_set=value_set)
        return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
    except (ImportError, TypeError, ValueError, NotImplementedError, ArithmeticError):
        pass
    except Exception:  # pyarrow.ArrowException and kin: fall back to pandas
        pass
    return np.asarray(keys.get_indexer(pd.Index(s.astype(object))), dtype=np.int64)


def short_words(*arrays: Any) -> list[np.ndarray] | None:
    """Each value of some pyarrow text arrays as one int64 of its UTF-8 bytes, or None.

    Possible when every value has at most 8 bytes and none is null. Equal texts give equal
    integers and different texts different ones, across all the arrays: when every value
    has the same length the integer is the bytes (zero-padded), else (values of up to 7
    bytes) the bytes zero-padded with the length in the last byte. Ids such as
    ``P0001234`` or ``c17`` qualify: matching them as integers is twice as fast as hashing
    their text.

    Examples
    --------
    >>> import pyarrow as pa
    >>> a, b = short_words(pa.array(["p1", "p10", ""]), pa.array(["p10", "p1"]))
    >>> [int(x) for x in a[:2]] == [int(x) for x in b[::-1]], len(set(a.tolist()))
    (True, 3)
    >>> short_words(pa.array(["a-rather-long-id"])) is None
    True
    """
    import pyarrow as pa

    parts: list[list[tuple[np.ndarray, np.ndarray]]] = []
    lo, hi = 8, 0
    for arr in arrays:
        chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
        parts.append([])
        for chunk in chunks:
            text = pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)
            if not text or chunk.null_count:
                return None
            _, offsets_buf, data_buf = chunk.buffers()
            kind = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
            offsets = np.frombuffer(offsets_buf, dtype=kind)[
                chunk.offset : chunk.offset + len(chunk) + 1
            ]
            if len(chunk):
                lengths = np.diff(offsets)
                lo, hi = min(lo, int(lengths.min())), max(hi, int(lengths.max()))
            if hi > 8:
                return None
            data = np.zeros(0, np.uint8) if data_buf is None else np.frombuffer(data_buf, np.uint8)
            parts[-1].append((offsets, data))
    width = lo if lo == hi else -1
    if width < 0 and hi > 7:
        return None
    return [
        np.concatenate([_pack(o, d, width) for o, d in chunks] or [np.zeros(0, np.int64)])
        for chunks in parts
    ]


def _pack(offsets: np.ndarray, data: np.ndarray, width: int) -> np.ndarray:
    """Pack the values between ``offsets`` as int64 words (see :func:`short_words`)."""
    n = len(offsets) - 1
    out = np.zeros((n, 8), dtype=np.uint8)
    if width >= 0:  # one length: the bytes are a (rows, width) block already
        out[:, :width] = data[offsets[0] : offsets[-1]].reshape(n, width)
    else:
        starts, lengths = offsets[:-1], np.diff(offsets)
        for j in range(int(lengths.max(initial=0))):
            rows = np.flatnonzero(lengths > j)
            out[rows, j] = data[starts[rows] + j]
        out[:, 7] = lengths
    return out.view(np.int64).reshape(n)


def _lookup(s: pd.Series, mapping: pd.Series) -> pd.Series:
    """``s.map(mapping)`` for a mapping with a unique text index, vectorised (NaN if absent)."""
    pos = index_positions(s, mapping.index)
    values = mapping.to_numpy(dtype=object)
    out = np.where(pos >= 0, values[np.maximum(pos, 0)] if len(values) else None, None)
    return pd.Series(out, index=s.index, dtype=object)


def _blank(s: pd.Series) -> np.ndarray:
    lengths = text_lengths(s)
    if lengths is not None:
        return lengths == 0
    return np.asarray(s.eq(""), dtype=bool)


def text_lengths(s: pd.Series) -> np.ndarray | None:
    """Byte length of each value of a pyarrow-backed text column, read from its offsets.

    None when the column is not pyarrow-backed text or holds a missing value. Ten million
    lengths cost one subtraction, where comparing every value with ``""`` builds a
    boolean array in pyarrow and converts it.

    Examples
    --------
    >>> import pandas as pd
    >>> lengths = text_lengths(pd.Series(["p1", "", "方"]).astype(str))
    >>> lengths is None or lengths.tolist() == [2, 0, 3]
    True
    """
    if not hasattr(s.array, "__arrow_array__"):
        return None
    try:
        import pyarrow as pa

        chunks = pa.chunked_array(pa.array(s.array)).chunks
    except (ImportError, TypeError, ValueError):
        return None
    out = []
    for chunk in chunks:
        text = pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)
        if not text or chunk.null_count:
            return None
        if not len(chunk):
            continue
        kind = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(chunk.buffers()[1], dtype=kind)
        out.append(np.diff(offsets[chunk.offset : chunk.offset + len(chunk) + 1]))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def _by_uniques(s: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply a converter to the distinct values only, then spread back (fast on repeats)."""
    codes, uniques = pd.factorize(s, sort=False)
    converted = func(pd.Series(uniques, dtype=object))
    out = converted.take(codes) if len(codes) else converted.iloc[:0]
    out.index = s.index
    return out


def _duplicate_hint(column: str, first_row: pd.Series, value: str) -> Message:
    return message("val_duplicate_id", column=column, value=value, row=first_row.get(value))
