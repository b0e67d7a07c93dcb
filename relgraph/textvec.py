"""Templates rendered for many rows at once: the vectorised form of :func:`relgraph.text.say`.

The same templates (:data:`relgraph.text.TEMPLATES`), the same text as calling ``say`` per
row (tested), built without a Python-level loop over rows — so the ``why`` column of ten
million touchpoint pairs costs seconds. Analyses with large tables (the interactions log)
use :func:`say_many`; everything else uses ``say``.
"""

from __future__ import annotations

import re
import string
from typing import Any

import numpy as np
import pandas as pd

from relgraph.locale import check_language, translate
from relgraph.text import TEMPLATES, say

__all__ = [
    "Coded",
    "coded",
    "counts_text",
    "day_text",
    "join",
    "piece",
    "say_many",
    "take_text",
    "text_backend",
    "text_column",
]

#: How the ``why`` texts of many rows are built (same text every way, tested):
#: ``"arrow"`` (pyarrow compute: one C++ join per text), ``"numpy"`` (numpy >= 2.3
#: StringDType, one ``np.strings.add`` per piece) or ``"python"`` (``say`` per row).
_VECTOR_TEXT = hasattr(np, "strings") and hasattr(np.strings, "slice")


class Coded:
    """A text column given as integer codes into a short list of distinct texts."""

    __slots__ = ("codes", "texts")

    def __init__(self, codes: np.ndarray, texts: list[str]) -> None:
        self.codes = np.asarray(codes, dtype=np.int64)
        self.texts = texts

    def __len__(self) -> int:
        return len(self.codes)


def text_backend() -> str:
    """Return ``"arrow"`` when pyarrow is importable, else ``"numpy"`` or ``"python"``."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return "numpy" if _VECTOR_TEXT else "python"
    return "arrow"


def coded(values: Any, spec: str) -> Coded:
    """Format every value of an array like ``format(value, spec)``, each distinct value once.

    Fixed-point floats (``.2f``) are first rounded to their shown digits, so a million rows
    cost a hash and a gather, not a million ``format`` calls.
    """
    if isinstance(values, Coded):
        return values
    arr = np.asarray(values)
    fixed = re.fullmatch(r"\.(\d)f", spec)
    if arr.dtype.kind == "f" and fixed and np.isfinite(arr).all() and (arr >= 0).all():
        digits = int(fixed.group(1))
        x = arr * 10**digits
        scaled = np.floor(x + 0.5)
        near = np.abs(x - np.floor(x) - 0.5) < 1e-6  # near a tie: let Python decide
        if near.any():
            scaled[near] = [round(float(format(v, spec)) * 10**digits) for v in arr[near]]
        codes, uniq = pd.factorize(scaled.astype(np.int64))
        text = [format(u / 10**digits, spec) for u in np.asarray(uniq).tolist()]
    else:
        codes, uniq = pd.factorize(arr)
        text = [format(u, spec) for u in np.asarray(uniq).tolist()]
    return Coded(codes, text)


def day_text(days: np.ndarray) -> Coded:
    """ISO dates (YYYY-MM-DD) of day numbers, each distinct day formatted once."""
    codes, uniq = pd.factorize(np.asarray(days, dtype=np.int64))
    text = np.datetime_as_string(np.asarray(uniq).astype("datetime64[D]")).tolist()
    return Coded(codes, text)


def piece(value: Any, spec: str, backend: str) -> Any:
    """One column of a template: an array of ``n`` texts in the backend's form."""
    if backend == "arrow":
        import pyarrow as pa

        if isinstance(value, pa.Array | pa.ChunkedArray):
            return value.cast(pa.large_string())
        if not isinstance(value, Coded) and np.asarray(value).dtype.kind in "OUT" and not spec:
            return pa.array(np.asarray(value, dtype=object), type=pa.large_string())
        c = coded(value, spec)
        return pa.array(c.texts, type=pa.large_string()).take(pa.array(c.codes))
    from numpy.dtypes import StringDType

    if isinstance(value, np.ndarray) and value.dtype.kind in "OUT" and not spec:
        return value.astype(StringDType())
    c = coded(value, spec)
    return np.array(c.texts, dtype=StringDType())[c.codes]


def join(pieces: list[Any], n: int, backend: str) -> Any:
    """Concatenate texts element-wise (scalars repeat); an array of ``n`` texts."""
    if backend == "arrow":
        import pyarrow as pa
        import pyarrow.compute as pc

        if not any(isinstance(p, pa.Array | pa.ChunkedArray) for p in pieces):
            return pa.array(["".join(str(p) for p in pieces)] * n, type=pa.large_string())
        args = [p if not isinstance(p, str) else pa.scalar(p, pa.large_string()) for p in pieces]
        return pc.binary_join_element_wise(*args, pa.scalar("", pa.large_string()))
    from numpy.dtypes import StringDType

    out = np.full(n, "", dtype=StringDType())
    for p in pieces:
        out = np.strings.add(out, p)
    return out


def say_many(
    key: str, n: int, /, *, backend: str | None = None, lang: str = "en", **values: Any
) -> Any:
    """:func:`relgraph.text.say` for ``n`` rows at once: arrays are filled element-wise.

    Values are scalars, arrays of ``n`` values, or :class:`Coded` texts. Returns ``n``
    texts in the language ``lang``, the same text as calling ``say`` per row (tested),
    built without a Python-level loop over rows: a pyarrow string array
    (``backend="arrow"``, the default when pyarrow is installed), a numpy ``StringDType``
    array (``"numpy"``) or an object array (``"python"``, row by row).
    """
    backend = backend or text_backend()
    template = TEMPLATES[key]
    if lang != "en":
        template = translate(key, template, lang=check_language(lang))
    if backend == "python":
        cols = {
            k: (
                [v.texts[c] for c in v.codes.tolist()]
                if isinstance(v, Coded)
                else ([v] * n if _is_scalar(v) else _to_list(v))
            )
            for k, v in values.items()
        }
        return np.array(
            [say(key, lang=lang, **{k: c[i] for k, c in cols.items()}) for i in range(n)],
            dtype=object,
        )
    pieces: list[Any] = []
    for literal, field, spec, conv in string.Formatter().parse(template):
        if literal:
            pieces.append(literal)
        if field is None:
            continue
        if conv:
            raise ValueError(f"template {key!r}: conversions are not supported")
        value = values[field]
        if _is_scalar(value):
            pieces.append(format(value, spec or ""))
        else:
            pieces.append(piece(value, spec or "", backend))
    return join(pieces, n, backend)


def _is_scalar(value: Any) -> bool:
    """Return True for one value (a text or a number), False for an array of them."""
    return isinstance(value, str) or not hasattr(value, "__len__")


def _to_list(values: Any) -> list[Any]:
    """Python values of an array-like (numpy, pandas or pyarrow)."""
    if hasattr(values, "to_pylist"):
        out: list[Any] = values.to_pylist()
        return out
    return list(np.asarray(values).tolist())


def text_column(values: Any) -> Any:
    """Return a text column for a result frame in pandas' default string dtype.

    pyarrow arrays become pandas' pyarrow-backed ``str`` dtype without copying the text
    (pandas >= 3); elsewhere (pandas 2, no pyarrow) they become object arrays of ``str``.
    """
    default = pd.Series(["x"]).dtype
    if hasattr(values, "to_pylist"):  # pyarrow
        if getattr(default, "storage", None) == "pyarrow":
            return pd.array(values, dtype=default)
        return np.asarray(values.to_pylist(), dtype=object)
    if isinstance(values, np.ndarray) and values.dtype.kind == "T":
        return values.astype(object)
    return values


def take_text(values: pd.Index | pd.Series, positions: np.ndarray) -> Any:
    """``values[positions]`` as a text column (a pyarrow ``take`` when pyarrow is there)."""
    if text_backend() == "arrow":
        import pyarrow as pa

        arr = values.array
        base = pa.array(arr) if getattr(arr.dtype, "storage", None) == "pyarrow" else None
        if base is None:
            base = pa.array(np.asarray(values, dtype=object), type=pa.large_string())
        return text_column(base.take(pa.array(positions)))
    return np.asarray(values.to_numpy(dtype=object))[positions]


def counts_text(kind_counts: np.ndarray, names: list[str], *, backend: str | None = None) -> Any:
    """Return '2 meeting, 1 email' per row: counts per kind (columns), in ``names`` order.

    Per kind, the distinct counts are formatted once ("", "1 meeting, ", "2 meeting, " …),
    spread back by index and the pieces joined row-wise (no loop over rows); the trailing
    ", " is cut off at the end.
    """
    backend = backend or text_backend()
    n = len(kind_counts)
    if backend == "python":
        return np.array(
            [
                ", ".join(f"{c} {k}" for c, k in zip(row, names, strict=True) if c)
                for row in kind_counts.tolist()
            ],
            dtype=object,
        )
    pieces: list[Any] = []
    for j, name in enumerate(names):
        c = np.ascontiguousarray(kind_counts[:, j])
        if n == 0 or not c.any():
            continue
        codes, uniq = pd.factorize(c)
        texts = ["" if x == 0 else f"{x} {name}, " for x in np.asarray(uniq).tolist()]
        pieces.append(piece(Coded(codes, texts), "", backend))
    if not pieces:
        pieces = [""]
    text = join(pieces, n, backend)
    if backend == "arrow":
        import pyarrow.compute as pc

        return pc.utf8_slice_codeunits(text, 0, -2)
    return np.strings.slice(text, 0, -2)
