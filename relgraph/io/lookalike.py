"""Ids and names that look the same but are not: invisible and full-width characters.

Text copied from a web page, a PDF or a chat often carries characters nobody sees: a
zero-width space (U+200B), joiners (U+200C, U+200D), a word joiner (U+2060), a byte-order
mark (U+FEFF) or a soft hyphen (U+00AD); a Chinese input method types full-width letters
and digits (``ｐ１`` for ``p1``). Compared as written, ``p1`` and ``p1\u200b`` are two
people. This module compares ids the way a person reads them — NFKC-normalised (full-width
and other compatibility forms folded) and with those invisible characters removed — and
reports what differs only that way. It never changes what the user wrote.

The checks only look at values that hold a non-ASCII character (one vectorised pass finds
them), and normalise each distinct such value once, so plain ASCII ids cost nothing more.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any, Protocol

import numpy as np
import pandas as pd

from relgraph.errors import Reason
from relgraph.text import Message, message

__all__ = [
    "INVISIBLE",
    "ProblemRows",
    "canonical",
    "canonical_index",
    "check_invisible_blanks",
    "check_lookalike_ids",
    "lookalike_target",
    "non_ascii",
]

#: Characters that take no space and are removed before comparing ids.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DROP = dict.fromkeys(map(ord, INVISIBLE))


#: At most this many rows are listed per check (as the validator does).
_MAX = 1000


class ProblemRows(Protocol):
    """Where checks report problem rows (the validator's collector)."""

    def rows(  # noqa: D102
        self,
        raw: Any,
        mask: np.ndarray | pd.Series,
        column: str | None,
        reason: Reason,
        hint: Message | Callable[[str], Message],
        values: pd.Series | None = None,
    ) -> None: ...


def canonical(text: str) -> str:
    r"""Return ``text`` as a person reads it: NFKC, invisible characters removed, trimmed.

    Examples
    --------
    >>> canonical("ｐ１"), canonical("p1\u200b"), canonical("\ufeffP 1 "), canonical("\u200b")
    ('p1', 'p1', 'P 1', '')
    """
    return unicodedata.normalize("NFKC", text.translate(_DROP)).translate(_DROP).strip()


def non_ascii(s: pd.Series) -> np.ndarray:
    r"""Boolean mask: the value holds a character outside ASCII (vectorised).

    Examples
    --------
    >>> import pandas as pd
    >>> non_ascii(pd.Series(["p1", "p1\u200b", "方华"])).tolist()
    [False, True, True]
    """
    if len(s) == 0:
        return np.zeros(0, dtype=bool)
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = pa.chunked_array(pa.array(s.astype(str).array)).cast(pa.large_string())
        if _all_ascii(arr):  # one pass over the bytes, no mask built per value
            return np.zeros(len(s), dtype=bool)
        return ~np.asarray(pc.fill_null(pc.string_is_ascii(arr), True), dtype=bool)
    except (ImportError, TypeError, ValueError):
        pass
    except Exception:  # pyarrow.ArrowException and kin: the pure-Python way
        pass
    return np.fromiter((not str(v).isascii() for v in s), dtype=bool, count=len(s))


def _all_ascii(arr: Any) -> bool:
    """Tell whether no byte of a pyarrow large-string chunked array is outside ASCII."""
    for chunk in arr.chunks:
        _, offsets_buf, data_buf = chunk.buffers()
        if data_buf is None or not len(chunk):
            continue
        offsets = np.frombuffer(offsets_buf, dtype=np.int64)
        start, end = offsets[chunk.offset], offsets[chunk.offset + len(chunk)]
        body = np.frombuffer(data_buf, dtype=np.uint8)[start:end]
        if len(body) and body.max() >= 0x80:
            return False
    return True


def _canonical_of(s: pd.Series, mask: np.ndarray) -> pd.Series:
    """:func:`canonical` of the selected values, computed once per distinct value."""
    picked = s[mask].astype(str)
    uniques = pd.unique(picked.to_numpy(dtype=object))
    table = {u: canonical(u) for u in uniques}
    return picked.map(table)


def _at(s: pd.Series, positions: np.ndarray, texts: list[str]) -> pd.Series:
    """Build a column of ``""`` with ``texts`` at ``positions`` (the problem rows' values)."""
    out = np.full(len(s), "", dtype=object)
    out[positions] = texts
    return pd.Series(out, dtype=object)


def check_invisible_blanks(raw: Any, column: str, s: pd.Series, bag: ProblemRows) -> np.ndarray:
    """Report non-blank values of a required column made only of invisible characters.

    Returns the mask of the rows reported.
    """
    mask = non_ascii(s)
    if not mask.any():
        return mask
    blank = np.zeros(len(s), dtype=bool)
    blank[np.flatnonzero(mask)] = _canonical_of(s, mask).eq("").to_numpy(dtype=bool)
    if blank.any():
        positions = np.flatnonzero(blank)[:_MAX]
        texts = [_shown(s.iloc[int(p)]) for p in positions]
        hint = message("val_invisible_blank", column=column)
        bag.rows(raw, blank, column, Reason.BLANK, hint, values=_at(s, positions, texts))
    return blank


def check_lookalike_ids(
    raw: Any, column: str, s: pd.Series, first_row: int, bag: ProblemRows
) -> None:
    """Report ids that differ from an earlier row's id only by invisible/full-width characters.

    Exact repeats are the duplicate check's business and are not reported again here.
    """
    mask = non_ascii(s)
    if not mask.any():
        return
    key = pd.Series(s.to_numpy(dtype=object), dtype=object)
    key.iloc[np.flatnonzero(mask)] = _canonical_of(s, mask).to_numpy(dtype=object)
    look = key.duplicated(keep="first").to_numpy() & key.ne("").to_numpy()
    look &= ~s.duplicated(keep="first").to_numpy()
    if not look.any():
        return
    first = ~key.duplicated(keep="first").to_numpy()
    holder = dict(zip(key.to_numpy()[first], s.to_numpy()[first], strict=True))
    row_of = dict(zip(key.to_numpy()[first], np.flatnonzero(first) + first_row, strict=True))
    positions = np.flatnonzero(look)[:_MAX]
    texts = [_shown(s.iloc[int(p)]) for p in positions]
    hints = {
        text: message(
            "val_lookalike_id",
            column=column,
            value=text,
            other=_shown(holder[key.iloc[int(p)]]),
            row=int(row_of[key.iloc[int(p)]]),
        )
        for text, p in zip(texts, positions, strict=True)
    }
    bag.rows(
        raw, look, column, Reason.LOOKALIKE_ID, lambda v: hints[v], values=_at(s, positions, texts)
    )


def _shown(value: object) -> str:
    r"""Show the value with its invisible characters made visible (``p1\u200b``)."""
    text = str(value)
    if text.isascii():
        return text
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if ch in INVISIBLE else ch for ch in text
    )


def lookalike_target(value: str, known: pd.Index, canon: dict[str, str]) -> str | None:
    """Find the known id that ``value`` differs from only by invisible or full-width characters.

    Parameters
    ----------
    value : str
        An id that is not among ``known``.
    known : pandas.Index
        The known ids.
    canon : dict
        :func:`canonical` form → id, for the known ids that are not ASCII (see
        :func:`canonical_index`).

    Examples
    --------
    >>> import pandas as pd
    >>> known = pd.Index(["p1", "方华"])
    >>> lookalike_target("ｐ１", known, {}), lookalike_target("q1", known, {})
    ('p1', None)
    """
    key = canonical(value)
    if not key or key == value:
        return None
    if key in known:
        return key
    return canon.get(key)


def canonical_index(known: pd.Index) -> dict[str, str]:
    """Map :func:`canonical` form → id for the ids of ``known`` holding a non-ASCII character."""
    s = pd.Series(known.astype(str))
    mask = non_ascii(s)
    if not mask.any():
        return {}
    return dict(zip(_canonical_of(s, mask), s[mask], strict=True))
