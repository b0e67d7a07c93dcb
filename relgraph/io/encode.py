"""Make user text safe for where it goes: spreadsheet and CSV cells, Markdown, terminals.

Everything a user wrote is untrusted in every output. This module is the one place that
knows how each destination can be abused and how to neutralise it:

* **spreadsheet and CSV cells** (:func:`escape_cell`, :func:`escape_frame`): text that a
  spreadsheet would read as a formula — it starts with ``=``, ``+``, ``-`` or ``@`` after
  any whitespace, control or invisible characters, or it starts with a tab or carriage
  return — gets a leading apostrophe in CSV files (the OWASP advice against CSV
  injection); in ``.xlsx`` workbooks the cell is stored as text with Excel's "quote
  prefix" instead (:func:`relgraph.io.excel_format.cell_value`), so the text itself is
  unchanged. A plain number such as ``-3`` or ``+1.5`` is never escaped: numbers stay
  numbers. The escape is reversible (:func:`unescape_cell`), and relgraph's CSV reader
  undoes it, so a CSV folder written by relgraph loads back to the same values.
  ``formulas="keep"`` turns the escape off for a caller who really wants live formulas.
* **Excel's XML** (:func:`xlsx_text`): control characters Excel cannot store in a cell
  (a vertical tab pasted from Word …) are written as Excel's own ``_xHHHH_`` escapes
  rather than dropped or refused; :func:`xlsx_unescape` reads them back.
* **Markdown** (:func:`md_text`): HTML, links, images, emphasis, code, table pipes, line
  breaks and line-start markers are escaped, so a renderer shows the text and nothing
  else.
* **terminals** (:func:`term_text`, :func:`json_text`): escape sequences (ANSI colours, OSC
  window titles and hyperlinks, device controls), other control characters and bidi
  overrides are removed from text, and escaped in JSON (where they stay recoverable).

XML and HTML are escaped by their own writers (networkx, the map and plan pages); the
characters XML cannot hold at all are replaced first (:func:`xml_text`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Literal

import numpy as np
import pandas as pd

from relgraph.checks import check_choice

__all__ = [
    "FORMULA_POLICIES",
    "FormulaPolicy",
    "escape_cell",
    "escape_frame",
    "is_formula_like",
    "json_text",
    "md_text",
    "term_text",
    "unescape_cell",
    "unescape_frame",
    "unescape_series",
    "xlsx_text",
    "xlsx_unescape",
    "xml_text",
]

#: What writers do with text a spreadsheet would run as a formula.
FormulaPolicy = Literal["escape", "keep"]
FORMULA_POLICIES: tuple[str, ...] = ("escape", "keep")

# Characters a spreadsheet skips (or a user cannot see) before a formula's first sign:
# whitespace, C0/C1 control characters, no-break space, zero-width characters, BOM.
_SKIPPED = "\\s\x00-\x1f\x7f-\x9f\u00a0\u200b-\u200d\u2060\ufeff"
_TRIGGER = re.compile(f"'*(?:[\t\r]|[{_SKIPPED}]*[=+\\-@])")
_NUMBER = re.compile(r"'*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# Every character a formula-like text can start with (a quick vectorised filter).
_FIRST = frozenset("'=+-@\u200b\u200c\u200d\u2060\ufeff") | frozenset(
    ch for ch in map(chr, range(0x3001)) if ch.isspace() or ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0
)


def is_formula_like(text: str) -> bool:
    r"""Whether a spreadsheet could read ``text`` as a formula (or it looks like an escaped one).

    True when, after any leading apostrophes, the text starts with a tab or a carriage
    return, or with ``=``, ``+``, ``-`` or ``@`` after whitespace, control or invisible
    characters — unless the whole text is a plain number (``-3``, ``+1.5e3``).

    Examples
    --------
    >>> [is_formula_like(t) for t in ("=1+1", " @SUM(A1)", "\t=2+2", "-3", "-3+2", "Ann")]
    [True, True, True, False, True, False]
    """
    return bool(_TRIGGER.match(text)) and not _NUMBER.fullmatch(text)


def escape_cell(text: str, *, formulas: FormulaPolicy = "escape") -> str:
    r"""Return ``text`` as a CSV cell that no spreadsheet runs as a formula.

    Parameters
    ----------
    text : str
        The cell's text.
    formulas : {"escape", "keep"}
        ``"escape"`` (the default) prefixes formula-like text (:func:`is_formula_like`)
        with an apostrophe; ``"keep"`` returns the text unchanged.

    Returns
    -------
    str

    Raises
    ------
    InvalidParameterError
        For another ``formulas`` value.

    Notes
    -----
    The escape is one apostrophe in front of text that is formula-like *after its leading
    apostrophes*, so it can always be undone exactly (:func:`unescape_cell`): ``'=x``
    written by a user becomes ``''=x`` and reads back as ``'=x``.

    Examples
    --------
    >>> print(escape_cell('=HYPERLINK("http://evil.example","click")'))
    '=HYPERLINK("http://evil.example","click")
    >>> escape_cell("-3"), escape_cell("+86 10 5555"), escape_cell("=1", formulas="keep")
    ('-3', "'+86 10 5555", '=1')
    """
    policy = check_choice("formulas", formulas, FORMULA_POLICIES)
    if policy == "keep" or not text or text[0] not in _FIRST:
        return text
    return "'" + text if is_formula_like(text) else text


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell`: drop the apostrophe in front of formula-like text.

    Examples
    --------
    >>> unescape_cell("'=1+1"), unescape_cell("''=1+1"), unescape_cell("'quoted'")
    ('=1+1', "'=1+1", "'quoted'")
    """
    if text.startswith("'") and is_formula_like(text):
        return text[1:]
    return text


def _is_text(s: pd.Series) -> np.ndarray:
    """Mask of the values of ``s`` that are Python strings (text dtypes: every non-blank)."""
    if pd.api.types.is_string_dtype(s.dtype) and not pd.api.types.is_object_dtype(s.dtype):
        return np.asarray(s.notna(), dtype=bool)
    if not pd.api.types.is_object_dtype(s.dtype):
        return np.zeros(len(s), dtype=bool)
    return np.fromiter((isinstance(v, str) for v in s), dtype=bool, count=len(s))


def _map_candidates(s: pd.Series, first: frozenset[str], func: Callable[[str], str]) -> pd.Series:
    """Apply ``func`` to the distinct text values whose first character is in ``first``.

    The first characters are taken in one vectorised pass; the function runs once per
    distinct candidate, so a column of ten million mostly plain values costs one slice.
    """
    text = _is_text(s)
    if not text.any():
        return s
    heads = s[text].astype(str).str[:1]
    cand = np.zeros(len(s), dtype=bool)
    cand[np.flatnonzero(text)] = heads.isin(list(first)).to_numpy(dtype=bool)
    if not cand.any():
        return s
    values = s[cand].astype(str)
    uniques = pd.unique(values.to_numpy(dtype=object))
    mapped = {u: func(u) for u in uniques}
    changed = {u: m for u, m in mapped.items() if m != u}
    if not changed:
        return s
    out = s.copy()
    if not pd.api.types.is_object_dtype(out.dtype) and not pd.api.types.is_string_dtype(out.dtype):
        out = out.astype(object)
    out.iloc[np.flatnonzero(cand)] = values.map(lambda v: changed.get(v, v)).to_numpy(dtype=object)
    return out


def escape_frame(frame: pd.DataFrame, *, formulas: FormulaPolicy = "escape") -> pd.DataFrame:
    """Return a copy of ``frame`` whose text cells (and column names) are CSV-safe.

    Only text is touched (with :func:`escape_cell`); numbers, dates and blanks are left as
    they are, so a negative number stays a number.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any table; it is not changed.
    formulas : {"escape", "keep"}
        See :func:`escape_cell`; ``"keep"`` returns an unchanged copy.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    InvalidParameterError
        For another ``formulas`` value.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"name": ["=cmd|' /C calc'!A0", "Ann"], "attitude": [-3, 2]})
    >>> escape_frame(frame).to_dict("list")
    {'name': ["'=cmd|' /C calc'!A0", 'Ann'], 'attitude': [-3, 2]}
    """
    policy = check_choice("formulas", formulas, FORMULA_POLICIES)
    out = frame.copy()
    if policy == "keep":
        return out
    for i in range(out.shape[1]):
        col = out.iloc[:, i]
        escaped = _map_candidates(col, _FIRST, escape_cell)
        if escaped is not col:
            out.isetitem(i, escaped)
    out.columns = [escape_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out


def unescape_series(s: pd.Series) -> pd.Series:
    """Undo :func:`escape_cell` over a text column (vectorised; only ``'``-led values).

    Examples
    --------
    >>> import pandas as pd
    >>> unescape_series(pd.Series(["'=1+1", "'-3", "Ann"])).tolist()
    ['=1+1', "'-3", 'Ann']
    """
    return _map_candidates(s, frozenset("'"), unescape_cell)


def unescape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo :func:`escape_cell` in every text column of a frame read from CSV (then trim).

    Examples
    --------
    >>> import pandas as pd
    >>> unescape_frame(pd.DataFrame({"a": ["'=1+1", "x"]})).to_dict("list")
    {'a': ['=1+1', 'x']}
    """
    out = frame
    for i in range(frame.shape[1]):
        col = frame.iloc[:, i]
        back = unescape_series(col)
        if back is not col:
            if out is frame:
                out = frame.copy()
            out.isetitem(i, back.astype(str).str.strip().astype(col.dtype).to_numpy())
    return out


# -- Excel's XML ------------------------------------------------------------------
# openpyxl refuses these (XML 1.0 cannot hold them); Excel writes them as _xHHHH_.
_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XLSX_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_XLSX_UNESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def xlsx_text(text: str) -> str:
    r"""Encode the characters an ``.xlsx`` cell cannot hold as Excel's ``_xHHHH_`` escapes.

    A literal ``_xHHHH_`` in the text is protected as ``_x005F_xHHHH_``, as Excel does, so
    :func:`xlsx_unescape` (and Excel) give back exactly the original text.

    Examples
    --------
    >>> xlsx_text("Ann\vLee"), xlsx_text("a_x0041_b")
    ('Ann_x000B_Lee', 'a_x005F_x0041_b')
    """
    if "_x" in text:
        text = _XLSX_ESCAPE.sub(r"_x005F_\1", text)
    return _XLSX_ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _xlsx_decode(text: str) -> str:
    return _XLSX_UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def xlsx_unescape(s: pd.Series) -> pd.Series:
    r"""Decode Excel's ``_xHHHH_`` escapes in a column read from a workbook (vectorised).

    Excel stores a control character of a cell as ``_xHHHH_`` and a literal ``_x…_`` as
    ``_x005F_x…_``; openpyxl hands both over undecoded.

    Examples
    --------
    >>> import pandas as pd
    >>> xlsx_unescape(pd.Series(["Ann_x000B_Lee", "a_x005F_x0041_b", "plain", 3])).tolist()
    ['Ann\x0bLee', 'a_x0041_b', 'plain', 3]
    """
    text = _is_text(s)
    if not text.any():
        return s
    has = np.zeros(len(s), dtype=bool)
    has[np.flatnonzero(text)] = (
        s[text].astype(str).str.contains("_x", regex=False).to_numpy(dtype=bool)
    )
    if not has.any():
        return s
    out = s.copy()
    out.iloc[np.flatnonzero(has)] = [_xlsx_decode(str(v)) for v in s[has]]
    return out


# -- XML (GEXF, GraphML) ------------------------------------------------------------
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    r"""Replace the characters XML 1.0 cannot hold at all with U+FFFD (�).

    XML writers escape ``<``, ``&`` and quotes, but a control character such as a vertical
    tab or an escape (````) has no XML form: written raw, it makes the whole file
    unreadable. Tab, line feed and carriage return are kept.

    Examples
    --------
    >>> xml_text("AnnLee]0;x"), xml_text("a	b")
    ('Ann�Lee�]0;x�', 'a	b')
    """
    if text.isprintable() or not _XML_ILLEGAL.search(text):
        return text
    return _XML_ILLEGAL.sub("\ufffd", text)


# -- Markdown ---------------------------------------------------------------------
_MD_INLINE = re.compile(r"([\\`*_{}\[\]()!|~#])")
_MD_LIST_MARK = re.compile(r"^(\s*)([-+])")
_MD_NUMBERED = re.compile(r"^(\s*\d+)\.")
_LINE_BREAKS = re.compile("\r\n|[\r\n\v\f\x85\u2028\u2029]")


def md_text(value: object) -> str:
    r"""Return ``value`` as Markdown that renders as exactly its text, on one line.

    HTML (``<script>``, ``<img onerror=…>``) and entities are escaped as entities; link,
    image, emphasis, code, table (``|``) and heading/list/quote markers are backslash-
    escaped; line breaks become spaces; control characters and bidi overrides are removed
    (see :func:`term_text`). Safe inside a table cell and at the start of a line.

    Parameters
    ----------
    value : object
        Any value; it is converted with ``str``.

    Returns
    -------
    str

    Examples
    --------
    >>> md_text("[click](javascript:alert(1)) <script>x</script> a|b")
    '\\[click\\]\\(javascript:alert\\(1\\)\\) &lt;script&gt;x&lt;/script&gt; a\\|b'
    >>> md_text("# not a heading\nsecond line")
    '\\# not a heading second line'
    """
    text = _LINE_BREAKS.sub(" ", str(value))
    text = term_text(text, newlines=False)
    text = html.escape(text, quote=False)
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_LIST_MARK.sub(r"\1\\\2", text, count=1)
    return _MD_NUMBERED.sub(r"\1\\.", text, count=1)


# -- terminals --------------------------------------------------------------------
# String sequences (OSC, DCS, SOS, PM, APC) run to BEL or ST (ESC \ or \x9c); an
# unterminated one is removed to the end, as a terminal would swallow it.
_ESCAPES = re.compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[ -/]*[0-~]?"
)
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROLS_KEEP_NL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_CONTROLS = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def term_text(value: object, *, newlines: bool = True) -> str:
    r"""Return ``value`` as text that cannot control a terminal.

    Removes ANSI/VT escape sequences (CSI such as colours and cursor moves, OSC such as
    window titles and hyperlinks, DCS and the other string sequences, 7- and 8-bit),
    every other C0/C1 control character (a carriage return could overwrite the line), and
    the bidi overrides U+202A–U+202E and U+2066–U+2069 that can make text read in another
    order than it is.

    Parameters
    ----------
    value : object
        Any value; it is converted with ``str``.
    newlines : bool
        Keep line feeds and tabs (True, for a whole report), or turn them into spaces.

    Returns
    -------
    str

    Examples
    --------
    >>> term_text("Ann\x1b]0;pwned\x07 \x1b[31mLee\x1b[0m\r\u202eabc")
    'Ann Leeabc'
    >>> term_text("a\tb\nc"), term_text("a\tb\nc", newlines=False)
    ('a\tb\nc', 'a b c')
    """
    text = str(value)
    if text.isascii() and text.isprintable():
        return text
    text = _ESCAPES.sub("", text)
    if not newlines:
        text = text.replace("\t", " ").replace("\n", " ")
    return (_CONTROLS_KEEP_NL if newlines else _CONTROLS).sub("", text)


_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029]")


def json_text(serialised: str) -> str:
    r"""Escape, in JSON text, the characters a terminal would act on (as ``\uXXXX``).

    ``json.dumps`` already escapes C0 control characters; this adds DEL, the C1 controls,
    the bidi overrides and the line/paragraph separators, which can only occur inside JSON
    strings, so the document stays valid and decodes to the same values.

    Examples
    --------
    >>> import json
    >>> doc = json_text(json.dumps({"name": "Ann\x9b31m\u202e"}, ensure_ascii=False))
    >>> doc, json.loads(doc)["name"] == "Ann\x9b31m\u202e"
    ('{"name": "Ann\\u009b31m\\u202e"}', True)
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", serialised)
