"""Typed columns read as dictionary codes: each distinct value decoded and trimmed once.

A file reader asks pyarrow for the columns relgraph converts (numbers, words, flags,
dates) as dictionary columns, which pandas holds as categoricals: ten million tie kinds
are then a few words and ten million small integers, never ten million strings. What is
done to the text (trimming, undoing the CSV escape) is done to the categories.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from relgraph.io.encode import unescape_frame
from relgraph.io.schema import SCHEMAS

__all__ = ["coded_columns", "recode", "unescape_coded"]

#: The dtype of text (as :data:`relgraph.io.read.TEXT_DTYPE`).
_TEXT = pd.Series([""]).astype(str).dtype


def coded_columns(table: str) -> frozenset[str]:
    """Return the columns of a table a file reader reads as dictionary codes (categoricals).

    Those relgraph converts (numbers, words, flags, dates): their text is needed once per
    distinct value. Ids, names and lists stay text. Empty for a table relgraph does not
    know (an importer's export).

    Examples
    --------
    >>> sorted(coded_columns("ties"))
    ['kind', 'sensitive', 'since', 'strength']
    >>> coded_columns("contact")
    frozenset()
    """
    schema = SCHEMAS.get(table)
    if schema is None:
        return frozenset()
    return frozenset(c.name for c in schema.columns if c.type not in ("str", "list"))


def recode(s: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply ``func`` to the categories of a categorical column; missing values become ``""``.

    Values that become equal are merged, so the categories stay distinct.

    Examples
    --------
    >>> s = pd.Series(pd.Categorical(["a ", "a", None]))
    >>> recode(s, lambda t: t.str.strip()).tolist()
    ['a', 'a', '']
    """
    categories = pd.Series(s.cat.categories)
    new = func(categories)
    if new is categories and not s.hasnans:
        return s
    values = np.append(new.to_numpy(dtype=object), "")  # code -1 (missing) picks ""
    merged, uniques = pd.factorize(values, sort=False)
    codes = merged[np.asarray(s.cat.codes, dtype=np.intp)]
    text = pd.Index(np.asarray(uniques, dtype=object)).astype(_TEXT)
    return pd.Series(pd.Categorical.from_codes(codes, text), index=s.index)


def unescape_coded(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo the CSV escape (:func:`~relgraph.io.encode.unescape_frame`); categoricals per category.

    Examples
    --------
    >>> frame = pd.DataFrame({"a": ["'=1", "x"], "b": pd.Categorical(["'=2", "'=2"])})
    >>> unescape_coded(frame).to_dict("list")
    {'a': ['=1', 'x'], 'b': ['=2', '=2']}
    """
    coded = [c for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)]
    if not coded:
        return unescape_frame(frame)
    out = unescape_frame(frame.drop(columns=coded))
    for c in coded:
        out[c] = recode(frame[c], lambda t: unescape_frame(t.to_frame()).iloc[:, 0])
    return out[frame.columns]
