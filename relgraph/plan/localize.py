"""The planning set in a language: sheet names, column headers and vocabulary words.

The tables of :class:`relgraph.plan.Plan` keep stable English column names and canonical
codes (``objective`` is ``"neutralise"``, ``stale`` a bool), so code can read them. What a
person reads — the workbook, the HTML page, the Markdown — shows the sheet names, headers and
words of the plan's language (:func:`shown`); English shows the identifiers themselves.
:func:`read_back` turns a sheet written in any shipped language into the table again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from relgraph.locale import LANGUAGES
from relgraph.text import TERMS, plan_header, say, term, terms

__all__ = ["VOCABULARY_COLUMNS", "read_back", "sheet_name", "shown"]

#: Per sheet: the columns holding canonical codes, with their vocabulary of
#: :data:`relgraph.text.TERMS` and how several codes are joined in one cell (None: one code).
VOCABULARY_COLUMNS: Mapping[str, Mapping[str, tuple[str, str | None]]] = {
    "Status": {"roles": ("role", ", "), "gaps": ("gap_rule", "; ")},
    "Targets": {"objective": ("objective", None)},
    "Actions": {"kind": ("action_kind", None)},
    "Cards": {"roles": ("role", ", ")},
}


def sheet_name(sheet: str, lang: str) -> str:
    """Return the name of a workbook sheet (``Cover``, ``Status`` … ``About``) in ``lang``.

    Examples
    --------
    >>> sheet_name("Targets", "en"), sheet_name("Targets", "zh")
    ('Targets', '目标任务书')
    """
    return term("plan_sheet", sheet, lang=lang)


def _separator(sep: str, lang: str) -> str:
    return say("list_sep", lang=lang) if sep == ", " else sep


def _words(value: Any, vocabulary: str, sep: str | None, lang: str) -> Any:
    """Return the display words of a cell's code(s); other values stay as given."""
    if not isinstance(value, str) or not value:
        return value
    known = TERMS[vocabulary]
    codes = [value] if sep is None else [c.strip() for c in value.split(sep.strip())]
    shown_ = [term(vocabulary, c, lang=lang) if c in known else c for c in codes if c]
    return shown_[0] if sep is None else _separator(sep, lang).join(shown_)


def shown(frame: pd.DataFrame, sheet: str, schema: Mapping[str, str], lang: str) -> pd.DataFrame:
    """Return a plan table as people read it in ``lang``: headers, vocabulary and yes/no words.

    Parameters
    ----------
    frame : pandas.DataFrame
        One of the plan's tables (canonical codes, English column names).
    sheet : str
        Its sheet (``Status``, ``Targets``, ``Actions``, ``Cards``).
    schema : mapping of str to str
        Its columns and types (:data:`relgraph.plan.SHEETS`): ``bool`` columns show the
        language's yes/no words.
    lang : {"en", "zh"}

    Returns
    -------
    pandas.DataFrame
        ``frame`` itself in English; else a copy with translated headers
        (:func:`relgraph.text.plan_header`) and words.

    Examples
    --------
    >>> t = pd.DataFrame({"objective": ["convert"], "stale": [True]})
    >>> shown(t, "Status", {"objective": "str", "stale": "bool"}, "zh").to_dict("records")
    [{'公关目标': 'convert', '评估过期': '是'}]
    >>> shown(t, "Targets", {"objective": "str"}, "zh").iloc[0, 0]
    '争取'
    """
    if lang == "en":
        return frame
    out = frame.copy()
    for col, (vocabulary, sep) in VOCABULARY_COLUMNS.get(sheet, {}).items():
        if col in out:
            out[col] = [_words(v, vocabulary, sep, lang) for v in frame[col].tolist()]
    yes_no = terms("boolean", lang=lang)
    for col, kind in schema.items():
        if kind == "bool" and col in out:
            out[col] = [
                v if v is None or v is pd.NA else yes_no["true" if bool(v) else "false"]
                for v in frame[col].tolist()
            ]
    out.columns = [plan_header(sheet, str(c), lang=lang) for c in frame.columns]
    return out


def _language_of(frame: pd.DataFrame, sheet: str, schema: Mapping[str, str]) -> str | None:
    cols = {str(c) for c in frame.columns}
    for lang in LANGUAGES:
        if {plan_header(sheet, c, lang=lang) for c in schema} <= cols:
            return lang
    return None


def read_back(frame: pd.DataFrame, sheet: str, schema: Mapping[str, str]) -> pd.DataFrame:
    """Return a sheet read from a plan workbook with the table's column names and codes.

    The language is recognised from the headers; a sheet whose headers match no shipped
    language is returned unchanged (its missing columns read as blank).

    Examples
    --------
    >>> s = pd.DataFrame({"公关目标": ["争取"], "评估过期": ["是"]})
    >>> read_back(s, "Targets", {"objective": "str", "stale": "bool"}).to_dict("records")
    [{'objective': 'convert', 'stale': True}]
    """
    lang = _language_of(frame, sheet, schema)
    if lang is None or lang == "en":
        return frame
    out = frame.rename(columns={plan_header(sheet, c, lang=lang): c for c in schema})
    for col, (vocabulary, sep) in VOCABULARY_COLUMNS.get(sheet, {}).items():
        back = {w: c for c, w in terms(vocabulary, lang=lang).items()}
        joiner = None if sep is None else _separator(sep, lang)
        out[col] = [
            _codes(v, back, joiner, sep) if isinstance(v, str) else v for v in out[col].tolist()
        ]
    yes_no = {w: c == "true" for c, w in terms("boolean", lang=lang).items()}
    for col, kind in schema.items():
        if kind == "bool":
            out[col] = [yes_no.get(v, v) if isinstance(v, str) else v for v in out[col].tolist()]
    return out


def _codes(value: str, back: Mapping[str, str], joiner: str | None, sep: str | None) -> str:
    if joiner is None or sep is None:
        return back.get(value, value)
    return sep.join(back.get(w.strip(), w.strip()) for w in value.split(joiner.strip()))
