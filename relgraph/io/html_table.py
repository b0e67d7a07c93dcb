"""Compact HTML views of results for Jupyter: a short summary first, then small tables.

Every result (and the network) renders through :func:`html_result` in its
``_repr_html_``, so they look alike in a notebook: a bold title, a few facts, tables cut to
their first rows with numbers formatted for people, and notes. Every value — names, titles,
``why`` texts, column names — goes through :func:`relgraph.io.encode.html_text`, so user
text shows as text and never as markup.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from relgraph.io.encode import html_text
from relgraph.text import say, term

__all__ = ["MAX_ROWS", "format_value", "html_result", "html_table"]

#: Rows a result table shows in a notebook before "… and N more rows".
MAX_ROWS = 10


def format_value(value: object, *, lang: str = "en") -> str:
    """Return a table cell's value as short text for people (not yet HTML-escaped).

    Blank (None, NaN, NA) is empty; numbers get three significant digits (thousands
    separated from 100 up); dates show as ``YYYY-MM-DD``; lists and tuples are joined with
    commas; booleans read as words in ``lang``.

    Examples
    --------
    >>> [format_value(v) for v in (0.006788, 0.5, 12.345, 1234567.8, 3, None, float("nan"))]
    ['0.00679', '0.5', '12.3', '1,234,568', '3', '', '']
    >>> format_value(("p1", "p2")), format_value(True, lang="zh")
    ('p1, p2', '是')
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool | np.bool_):
        return term("boolean", bool(value), lang=lang)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        v = float(value)
        if math.isnan(v):
            return ""
        if math.isinf(v) or v == 0:
            return str(v) if v else "0"
        if abs(v) >= 100:
            return f"{v:,.0f}"
        return f"{v:.3g}" if abs(v) >= 1e-3 else f"{v:.1e}"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset | np.ndarray):
        return ", ".join(format_value(v, lang=lang) for v in value)
    return str(value)


def _numeric(s: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)


def html_table(
    frame: pd.DataFrame,
    *,
    columns: Sequence[str] | None = None,
    max_rows: int = MAX_ROWS,
    index: bool = False,
    lang: str = "en",
) -> str:
    """Render the first rows of a frame as an HTML table, every value escaped.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    columns : sequence of str, optional
        The columns to show (default all); names not in the frame are skipped.
    max_rows : int
        Show at most this many rows, then a line saying how many more there are.
    index : bool
        Show the index as a first column (for cross-tables such as a level matrix).
    lang : {"en", "zh"}
        Language of the "more rows" line and of boolean cells.

    Returns
    -------
    str
        A ``<table class="dataframe">`` (styled as Jupyter styles pandas' tables; empty
        tables keep their header), followed by a ``<p>`` when rows were cut.

    Examples
    --------
    >>> import pandas as pd
    >>> t = html_table(pd.DataFrame({"name": ["<b>Ann</b>", "Bo"], "x": [0.12345, 2.0]}),
    ...                max_rows=1)
    >>> "&lt;b&gt;Ann&lt;/b&gt;" in t, "0.123" in t, "1 more row(s)" in t, "<b>" in t
    (True, True, True, False)
    """
    cols = [c for c in (columns or frame.columns) if c in frame.columns]
    shown = frame[cols].head(max(int(max_rows), 0))
    right = [_numeric(frame[c]) for c in cols]

    def cell(tag: str, text: str, align_right: bool) -> str:
        style = ' style="text-align:right"' if align_right else ""
        return f"<{tag}{style}>{html_text(text)}</{tag}>"

    head = [cell("th", format_value(shown.index.name or ""), False)] if index else []
    head += [cell("th", str(c), r) for c, r in zip(cols, right, strict=True)]
    rows = []
    for label, values in zip(shown.index, shown.itertuples(index=False, name=None), strict=True):
        tds = [cell("th", format_value(label, lang=lang), False)] if index else []
        tds += [
            cell("td", format_value(v, lang=lang), r) for v, r in zip(values, right, strict=True)
        ]
        rows.append("<tr>" + "".join(tds) + "</tr>")
    out = (
        f'<table class="dataframe"><thead><tr>{"".join(head)}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    more = len(frame) - len(shown)
    if more > 0:
        out += f"<p><small>{html_text(say('repr_more_rows', n=more, lang=lang))}</small></p>"
    return out


def html_result(
    title: str,
    *,
    facts: Iterable[str] = (),
    tables: Iterable[tuple[str, str]] = (),
    notes: Iterable[str] = (),
) -> str:
    """Assemble a result's notebook view: a bold title, facts, captioned tables, then notes.

    Parameters
    ----------
    title : str
        The one-line summary (plain text; escaped here).
    facts : iterable of str
        Short lines under the title (plain text; escaped here).
    tables : iterable of (caption, html)
        Captions (plain text, escaped here) and tables already rendered by
        :func:`html_table`.
    notes : iterable of str
        What was left out or could not be done (plain text; escaped here).

    Returns
    -------
    str

    Examples
    --------
    >>> html_result("Title <1>", facts=["a & b"], notes=["left out"])
    '<div><p><b>Title &lt;1&gt;</b></p><ul><li>a &amp; b</li></ul><p><small>left out</small></p></div>'
    """  # noqa: E501
    parts = [f"<div><p><b>{html_text(title)}</b></p>"]
    items = "".join(f"<li>{html_text(f)}</li>" for f in facts if f)
    if items:
        parts.append(f"<ul>{items}</ul>")
    for caption, table in tables:
        parts.append(f"<p><i>{html_text(caption)}</i></p>{table}" if caption else table)
    parts += [f"<p><small>{html_text(n)}</small></p>" for n in notes if n]
    parts.append("</div>")
    return "".join(parts)
