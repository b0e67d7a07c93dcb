"""Formatted Excel workbooks for people: frozen headers, fitted widths, wrapped text, colours.

The helpers write pandas tables with openpyxl so that a workbook opens ready to read: a bold
header row that stays in view, column widths fitted to the content (a Chinese character
counts as two), long text wrapped, an attitude colour scale (−3 red … 0 white … +3 green),
and an optional cover sheet of ``(setting, value)`` lines. Text is always written as a
text cell: a value starting with ``=`` (or ``+ - @``) never becomes a formula — the cell
also gets Excel's "quote prefix", so editing it in Excel keeps it text — and characters
Excel cannot store are kept as Excel's own ``_xHHHH_`` escapes (see
:mod:`relgraph.io.encode`). The workbook is written atomically, never over an input of
the run (see :mod:`relgraph.io.files`).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from copy import copy
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from relgraph.checks import check_choice
from relgraph.errors import OutputError
from relgraph.io.encode import FORMULA_POLICIES, FormulaPolicy, is_formula_like, xlsx_text
from relgraph.io.files import PathLike, atomic_write
from relgraph.text import say

__all__ = [
    "ATTITUDE_SCALE",
    "MAX_CELL_TEXT",
    "MAX_ROWS",
    "MAX_WIDTH",
    "cell_value",
    "display_width",
    "safe_sheet_name",
    "write_cover",
    "write_frame",
    "write_workbook",
]

#: Colour scale of attitude cells: (value, RGB hex) at the low, middle and high end.
ATTITUDE_SCALE: tuple[tuple[int, str], ...] = ((-3, "F8696B"), (0, "FFFFFF"), (3, "63BE7B"))
#: Widest column, in characters; longer text wraps.
MAX_WIDTH = 60
#: Most data rows an Excel sheet holds (1,048,576 rows, less the header).
MAX_ROWS = 1_048_575
#: Most characters an Excel cell holds; Excel refuses (repairs) a workbook with more.
MAX_CELL_TEXT = 32_767
#: What a writer does with text longer than :data:`MAX_CELL_TEXT`.
TooLong = Literal["cut", "refuse"]
_TOO_LONG = ("cut", "refuse")
_MIN_WIDTH = 6
_HEADER_FILL = "DDEBF7"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
#: The first character that may be wide (W or F); every one before it is one column.
_FIRST_WIDE = next(c for c in range(0x110000) if unicodedata.east_asian_width(chr(c)) in "WF")
_MAYBE_WIDE = re.compile(f"[{chr(_FIRST_WIDE)}-\U0010ffff]")


def display_width(text: object) -> int:
    r"""Width of ``text`` in fixed-width columns: wide (CJK) characters count two.

    Multi-line text counts its longest line.

    Examples
    --------
    >>> display_width("Fang Hua"), display_width("方华 (Fang Hua)"), display_width("ab\nabcd")
    (8, 15, 4)
    """
    text = str(text)
    if text.isascii():
        return max(len(line) for line in text.split("\n"))
    # only characters from _FIRST_WIDE on can be wide: look those up, count the rest as one
    return max(
        len(line)
        + sum(unicodedata.east_asian_width(ch) in "WF" for ch in _MAYBE_WIDE.findall(line))
        for line in text.split("\n")
    )


def safe_sheet_name(name: str) -> str:
    r"""Return a valid Excel sheet name: no ``[]:*?/\``, at most 31 characters.

    Examples
    --------
    >>> safe_sheet_name("Targets: 2026/27 [draft]")
    'Targets_ 2026_27 _draft_'
    """
    return _BAD_SHEET_CHARS.sub("_", str(name))[:31] or "Sheet"


def cell_value(value: Any) -> Any:
    r"""Convert a pandas/numpy value into what openpyxl stores (None for blanks).

    Dates become :class:`datetime.date` (or ``datetime`` when they have a time), numpy
    numbers become Python numbers, lists become ``"; "``-joined text, and the control
    characters Excel cannot store are written as Excel's ``_xHHHH_`` escapes
    (:func:`relgraph.io.encode.xlsx_text`), so nothing is lost and openpyxl never refuses
    the value.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> cell_value(np.int64(3)), cell_value(pd.NA), cell_value(pd.Timestamp("2026-05-31"))
    (3, None, datetime.date(2026, 5, 31))
    >>> cell_value(["a", "b"]), cell_value(float("nan")), cell_value("Ann\vLee")
    ('a; b', None, 'Ann_x000B_Lee')
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (list, tuple, set, frozenset)):
        return xlsx_text("; ".join(str(v) for v in value))
    if isinstance(value, pd.Timestamp):
        if value.tz is not None:
            value = value.tz_localize(None)
        if value == value.normalize():
            return value.date()
        return value.to_pydatetime()
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return None
        return cell_value(pd.Timestamp(value))
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return None if math.isnan(f) or math.isinf(f) else f
    if isinstance(value, (int, _dt.date)):
        return value
    return xlsx_text(str(value))


def _set(cell: Any, value: Any, formulas: str = "escape", too_long: str = "cut") -> None:
    value = cell_value(value)
    if isinstance(value, str) and len(value) > MAX_CELL_TEXT:
        value = _long_text(cell, value, too_long)
    cell.value = value
    if isinstance(value, str) and formulas == "escape":
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if is_formula_like(value):
            cell.quotePrefix = True  # and editing it in Excel keeps it text
    elif isinstance(value, _dt.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, _dt.date):
        cell.number_format = "yyyy-mm-dd"


def _long_text(cell: Any, value: str, too_long: str) -> str:
    """Cut text Excel cannot hold, saying so in the cell, or refuse it."""
    if too_long == "refuse":
        raise OutputError(
            say(
                "out_cell_too_long",
                sheet=cell.parent.title,
                cell=cell.coordinate,
                n=len(value),
                limit=MAX_CELL_TEXT,
            )
        )
    marker = say("out_cell_cut", n=len(value))
    return value[: MAX_CELL_TEXT - len(marker)] + marker


def _fit_widths(ws: Any, widths: Sequence[int], *, max_width: int) -> None:
    from openpyxl.utils import get_column_letter

    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(w + 2, _MIN_WIDTH), max_width)


def write_frame(
    ws: Any,
    frame: pd.DataFrame,
    *,
    attitude_columns: Iterable[str] = (),
    max_width: int = MAX_WIDTH,
    formulas: FormulaPolicy = "escape",
    too_long: TooLong = "cut",
) -> None:
    """Write ``frame`` into an empty worksheet, formatted for reading.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The sheet (empty).
    frame : pandas.DataFrame
        The table; its column names become the header row; the index is not written.
    attitude_columns : iterable of str
        Columns holding attitudes on −3..+3; they get the colour scale
        :data:`ATTITUDE_SCALE`. Names not in ``frame`` are ignored.
    max_width : int
        Widest column in characters; longer cells wrap.
    formulas : {"escape", "keep"}
        ``"escape"`` (the default) writes every text as a text cell, so ``=…`` is never a
        live formula; ``"keep"`` lets openpyxl turn text starting with ``=`` into a
        formula, for a caller who wants that.
    too_long : {"cut", "refuse"}
        Text longer than an Excel cell holds (:data:`MAX_CELL_TEXT`) is cut, ending in a
        note saying how long it was (``"cut"``), or raises :class:`OutputError`
        (``"refuse"``, for data that must read back the same).

    Raises
    ------
    OutputError
        With ``too_long="refuse"``, for a text longer than :data:`MAX_CELL_TEXT`.
    InvalidParameterError
        For another ``formulas`` or ``too_long`` value.

    Notes
    -----
    The header is bold on a light fill and frozen (``A2``), with an auto-filter; each
    column's width is the largest :func:`display_width` of its header and cells, plus two,
    between 6 and ``max_width``; every cell wraps and aligns to the top.

    Examples
    --------
    >>> import pandas as pd
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> write_frame(ws, pd.DataFrame({"name": ["方华"], "attitude": [2]}),
    ...             attitude_columns=["attitude"])
    >>> ws.freeze_panes, ws["A2"].value, ws.column_dimensions["A"].width
    ('A2', '方华', 6.0)
    """
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    policy = check_choice("formulas", formulas, FORMULA_POLICIES)
    cut = check_choice("too_long", too_long, _TOO_LONG)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    columns = [str(c) for c in frame.columns]
    widths = [display_width(c) for c in columns]
    for j, name in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j)
        _set(cell, name)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = wrap
    if len(frame) and len(columns):
        _write_body(ws, frame, wrap, widths, policy, cut)
    _fit_widths(ws, widths, max_width=max_width)
    ws.freeze_panes = "A2"
    if columns:
        last = get_column_letter(len(columns))
        ws.auto_filter.ref = f"A1:{last}{max(len(frame) + 1, 1)}"
    (lo, lo_c), (mid, mid_c), (hi, hi_c) = ATTITUDE_SCALE
    for name in attitude_columns:
        if name not in columns or not len(frame):
            continue
        letter = get_column_letter(columns.index(name) + 1)
        ws.conditional_formatting.add(
            f"{letter}2:{letter}{len(frame) + 1}",
            ColorScaleRule(
                start_type="num",
                start_value=lo,
                start_color=lo_c,
                mid_type="num",
                mid_value=mid,
                mid_color=mid_c,
                end_type="num",
                end_value=hi,
                end_color=hi_c,
            ),
        )


def _column_values(s: pd.Series) -> list[Any]:
    """Return a column as the values openpyxl stores (:func:`cell_value`), numbers at once."""
    if pd.api.types.is_bool_dtype(s.dtype) and not s.hasnans:
        return [bool(v) for v in s.to_numpy()]
    if s.dtype.kind in "iu":
        return s.to_numpy().tolist()  # Python ints
    if s.dtype.kind == "f":
        arr = s.to_numpy(dtype=float)
        out = arr.astype(object)
        out[~np.isfinite(arr)] = None
        return out.tolist()
    return [cell_value(v) for v in s.to_numpy(dtype=object)]


def _width_of(values: list[Any]) -> int:
    """Largest :func:`display_width` of a column's stored values (each distinct one once)."""
    seen: set[tuple[type, Any]] = set()
    widest = 0
    for v in values:
        key = (type(v), v)  # True and 1 are equal, their texts are not
        if v is None or key in seen:
            continue
        seen.add(key)
        widest = max(widest, display_width(v.isoformat() if isinstance(v, _dt.date) else v))
    return widest


def _write_body(
    ws: Any, frame: pd.DataFrame, wrap: Any, widths: list[int], policy: str, cut: str
) -> None:
    """Write the data rows: values converted per column, one wrapped style shared by all.

    The cells' alignment is the workbook's one wrapped alignment, found once (setting
    ``cell.alignment`` per cell would look it up again for each of them).
    """
    from openpyxl.cell.cell import Cell

    columns = [_column_values(frame.iloc[:, j]) for j in range(frame.shape[1])]
    for j, values in enumerate(columns):
        widths[j] = max(widths[j], _width_of(values))
    first = ws.cell(row=2, column=1)
    first.alignment = wrap
    wrapped = first._style  # a StyleArray: the style ids of a plain wrapped cell
    escape = policy == "escape"
    for i, row in enumerate(zip(*columns, strict=True), start=2):
        for j, value in enumerate(row, start=1):
            cell = Cell(ws, row=i, column=j, style_array=copy(wrapped))
            ws._add_cell(cell)
            if isinstance(value, str):
                if len(value) > MAX_CELL_TEXT:
                    value = _long_text(cell, value, cut)
                if escape:
                    # cell_value escaped what a cell cannot hold (xlsx_text), so the text is
                    # stored as it is: a text cell, never a formula, whatever it starts with
                    cell._value = value
                    cell.data_type = "s"
                    if is_formula_like(value):
                        cell.quotePrefix = True  # and editing it in Excel keeps it text
                else:
                    cell.value = value
            elif isinstance(value, _dt.datetime):
                cell.value = value
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, _dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            elif value is not None:
                cell.value = value


def write_cover(
    ws: Any,
    title: str,
    lines: Sequence[tuple[str, Any]],
    *,
    max_width: int = MAX_WIDTH + 30,
) -> None:
    """Write a cover sheet: a bold title, then one ``(item, value)`` pair per row.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The sheet (empty).
    title : str
        First line, in bold.
    lines : sequence of (str, object)
        The settings used, what was left out, how to read the workbook.
    max_width : int
        Widest column in characters.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> write_cover(ws, "Plan", [("opportunity", "OPP-1")])
    >>> ws["A1"].value, ws["A3"].value, ws["B3"].value
    ('Plan', 'opportunity', 'OPP-1')
    """
    from openpyxl.styles import Alignment, Font

    wrap = Alignment(wrap_text=True, vertical="top")
    _set(ws.cell(row=1, column=1), title)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    widths = [0, 0]
    for i, (item, value) in enumerate(lines, start=3):
        a, b = ws.cell(row=i, column=1), ws.cell(row=i, column=2)
        _set(a, item)
        _set(b, value)
        a.font = Font(bold=True)
        a.alignment = b.alignment = wrap
        widths[0] = max(widths[0], display_width(item))
        if b.value is not None:
            widths[1] = max(widths[1], display_width(b.value))
    _fit_widths(ws, widths, max_width=max_width)


def write_workbook(
    path: PathLike,
    sheets: Mapping[str, pd.DataFrame],
    *,
    cover: tuple[str, Sequence[tuple[str, Any]]] | None = None,
    attitude_columns: Iterable[str] = (),
    inputs: Iterable[PathLike] = (),
    formulas: FormulaPolicy = "escape",
    too_long: TooLong = "cut",
    cover_sheet: str = "Cover",
) -> Path:
    """Write several tables as one formatted ``.xlsx`` workbook, atomically.

    Parameters
    ----------
    path : str or Path
        Where to write (missing folders are created). The workbook is saved to a
        temporary file first and renamed into place, so a failure leaves any earlier file
        there unchanged.
    sheets : mapping of str to DataFrame
        Sheet name → table, in order (names made valid with :func:`safe_sheet_name`).
    cover : (str, sequence of (str, object)), optional
        Title and lines of a first sheet called ``cover_sheet`` (see :func:`write_cover`).
    attitude_columns : iterable of str
        Column names, in any sheet, that get the attitude colour scale.
    inputs : iterable of path
        The run's inputs, which ``path`` must not overwrite (see
        :func:`relgraph.io.files.check_outputs`).
    formulas : {"escape", "keep"}
        See :func:`write_frame`; the cover sheet is always escaped.
    too_long : {"cut", "refuse"}
        See :func:`write_frame`.
    cover_sheet : str
        The cover sheet's name (``"Cover"``; the plan names it in its language).

    Returns
    -------
    Path
        The path written (the path as given).

    Raises
    ------
    OutputError
        When ``path`` is an input of the run, a folder, or cannot be written, or a table has
        more than :data:`MAX_ROWS` rows.
    InvalidParameterError
        For another ``formulas`` value.
    MissingDependencyError
        When openpyxl is not installed.

    Examples
    --------
    >>> import tempfile, pandas as pd, openpyxl
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_workbook(f"{d}/x.xlsx", {"People": pd.DataFrame({"a": [1]})},
    ...                        cover=("Title", [("k", "v")]))
    ...     openpyxl.load_workbook(p).sheetnames
    ['Cover', 'People']
    """
    try:
        from openpyxl import Workbook
    except ImportError as err:  # pragma: no cover - openpyxl is a dependency
        from relgraph.errors import MissingDependencyError

        raise MissingDependencyError("openpyxl", "Excel export") from err
    check_choice("formulas", formulas, FORMULA_POLICIES)
    for name, frame in sheets.items():
        if len(frame) > MAX_ROWS:
            raise OutputError(
                say("out_too_many_rows", sheet=name, rows=len(frame), limit=MAX_ROWS),
                path=str(path),
            )
    att = list(attitude_columns)
    wb = Workbook()
    first = wb.active
    if cover is not None:
        first.title = safe_sheet_name(cover_sheet)
        write_cover(first, cover[0], cover[1])
    else:
        wb.remove(first)
    for name, frame in sheets.items():
        ws = wb.create_sheet(safe_sheet_name(name))
        write_frame(ws, frame, attitude_columns=att, formulas=formulas, too_long=too_long)
    if not wb.sheetnames:
        wb.create_sheet("Sheet")
    return atomic_write(path, wb.save, inputs=inputs)
