"""The problem collector and the column helpers every validation pass shares."""

from __future__ import annotations

from collections.abc import Callable

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
        value_set = pa.array(keys.astype(str).array).cast(pa.large_string())
        found = pc.index_in(arr, value_set=value_set).fill_null(-1)
        return np.asarray(found.to_numpy(), dtype=np.int64)
    except (ImportError, TypeError, ValueError, NotImplementedError, ArithmeticError):
        pass
    except Exception:  # pyarrow.ArrowException and kin: fall back to pandas
        pass
    return np.asarray(keys.get_indexer(pd.Index(s.astype(object))), dtype=np.int64)


def _lookup(s: pd.Series, mapping: pd.Series) -> pd.Series:
    """``s.map(mapping)`` for a mapping with a unique text index, vectorised (NaN if absent)."""
    pos = index_positions(s, mapping.index)
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


def _duplicate_hint(column: str, first_row: pd.Series, value: str) -> Message:
    return message("val_duplicate_id", column=column, value=value, row=first_row.get(value))
