"""Find the cells of a workbook that would load as blank although they are not.

Spreadsheet readers (openpyxl, and pandas through it) hand over an Excel error cell
(``#N/A``, ``#DIV/0!``, ``#REF!``, ``#VALUE!``, ``#NAME?``, ``#NULL!``, ``#NUM!`` …) and a
formula whose result was never saved (a file written by a program that does not
calculate) as an empty value. :func:`cell_problems` reads the sheets' XML directly and
reports each such cell with its row and column, so validation can say so instead of
loading a blank.

The scan only parses sheets whose XML holds an error cell or a formula at all, so a
workbook of plain values costs one substring search per sheet.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.etree import ElementTree as ET

from relgraph.errors import Problem, Reason
from relgraph.text import message

__all__ = ["cell_problems"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MARKERS = re.compile(rb"""<(?:\w+:)?f[\s>/]|\st=["']e["']""")
_REF = re.compile(r"([A-Z]+)(\d+)")
#: At most this many cells are listed per sheet.
_MAX_PER_SHEET = 200


def _sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the zip member holding its XML."""
    wb = ET.fromstring(book.read("xl/workbook.xml"))
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    out: dict[str, str] = {}
    for sheet in wb.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL), "")
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        out[str(sheet.get("name"))] = posixpath.normpath(part)
    return out


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _has_result(cell: ET.Element, value: ET.Element | None) -> bool:
    """Whether a formula cell carries a saved result (an empty text result counts)."""
    if value is None:
        return False
    return bool(value.text) or cell.get("t") in ("str", "inlineStr")


def _scan(data: bytes) -> list[tuple[int, int, str, str]]:
    """(row, column, kind, value) of error cells and formulas without a saved result."""
    found: list[tuple[int, int, str, str]] = []
    for _, elem in ET.iterparse(io.BytesIO(data), events=("end",)):
        if elem.tag != f"{_MAIN}c":
            if elem.tag == f"{_MAIN}row":
                elem.clear()
            continue
        m = _REF.fullmatch(elem.get("r", ""))
        formula = elem.find(f"{_MAIN}f")
        value = elem.find(f"{_MAIN}v")
        if m is not None and elem.get("t") == "e":
            text = value.text if value is not None and value.text else "#ERROR"
            found.append((int(m.group(2)), _column_index(m.group(1)), "error", text))
        elif m is not None and formula is not None and not _has_result(elem, value):
            text = "=" + (formula.text or "")
            found.append((int(m.group(2)), _column_index(m.group(1)), "formula", text))
        if len(found) >= _MAX_PER_SHEET:
            break
    return found


def cell_problems(
    path: str | Path, sheets: Mapping[str, tuple[str, Sequence[str]]]
) -> list[Problem]:
    """Report the error cells and unsaved formulas of the given sheets of a workbook.

    Parameters
    ----------
    path : str or Path
        The ``.xlsx`` workbook.
    sheets : mapping of str to (str, sequence of str)
        Table name → (sheet name as in the workbook, the table's column names in order),
        for naming the column of each cell.

    Returns
    -------
    list of Problem
        ``excel_error`` for an error cell (its value, e.g. ``#N/A``), ``uncached_formula``
        for a formula with no saved result (the formula); the row as Excel numbers it. A
        workbook that cannot be opened as a zip gives no problems here (the reader reports
        it).

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "book.xlsx"
    >>> wb = openpyxl.Workbook(); ws = wb.active; ws.title = "people"
    >>> ws.append(["id", "name", "attitude"]); ws.append(["p1", "Ann", "=1/0"]); wb.save(p)
    >>> [(q.row, q.column, q.value, q.reason.value)
    ...  for q in cell_problems(p, {"people": ("people", ["id", "name", "attitude"])})]
    [(2, 'attitude', '=1/0', 'uncached_formula')]
    """
    try:
        book = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        return []
    problems: list[Problem] = []
    with book:
        try:
            parts = _sheet_parts(book)
        except (KeyError, ET.ParseError):
            return []
        for table, (sheet, columns) in sheets.items():
            part = parts.get(sheet)
            if part is None or part not in book.namelist():
                continue
            data = book.read(part)
            if not _MARKERS.search(data):
                continue
            source = f"{path}[{sheet}]"
            for row, col, kind, value in _scan(data):
                name = columns[col - 1] if 0 < col <= len(columns) else None
                if kind == "error":
                    reason, hint = Reason.EXCEL_ERROR, message("val_excel_error", value=value)
                else:
                    reason, hint = Reason.UNCACHED_FORMULA, message("val_uncached_formula")
                shown = value if len(value) <= 120 else value[:120] + "…"
                problems.append(Problem.of(table, row, name, shown, reason, hint, source))
    return problems
