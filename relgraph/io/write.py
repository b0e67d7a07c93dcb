"""Write tables out as CSV files, CSV folders or Excel workbooks: safely and round-trip safe.

Every writer here escapes text a spreadsheet would run as a formula (see
:mod:`relgraph.io.encode`; ``formulas="keep"`` turns that off), never overwrites an input
of the run (``inputs=``), writes atomically and creates missing folders (see
:mod:`relgraph.io.files`). relgraph's loaders read what they write back to the same values.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pandas as pd

from relgraph.checks import check_choice
from relgraph.errors import OutputError
from relgraph.io.encode import FORMULA_POLICIES, FormulaPolicy, escape_frame
from relgraph.io.files import PathLike, atomic_write, atomic_write_many, check_outputs
from relgraph.text import say

__all__ = ["table_as_text", "write_csv", "write_csv_folder", "write_excel", "write_tables"]

#: Suffixes that name a file, not a folder, when a folder of CSV files is expected.
_FILE_SUFFIXES = (".csv", ".parquet", ".tsv", ".txt", ".xls", ".xlsm", ".json", ".html", ".md")


def table_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Render a typed table as text the loaders read back to the same values.

    Dates become ``YYYY-MM-DD``, flags ``true``/``false``, blanks empty strings.

    Examples
    --------
    >>> import pandas as pd
    >>> table_as_text(pd.DataFrame({"d": pd.to_datetime(["2026-01-02", None])})).to_dict("list")
    {'d': ['2026-01-02', '']}
    """
    out = {}
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            out[col] = s.dt.strftime("%Y-%m-%d").fillna("")
        elif pd.api.types.is_bool_dtype(s.dtype):
            out[col] = s.map({True: "true", False: "false"}).astype(object).fillna("")
        else:
            out[col] = s.astype(object).where(s.notna(), "").astype(str)
    return pd.DataFrame(out, index=frame.index)


def write_csv(
    frame: pd.DataFrame,
    path: PathLike,
    *,
    inputs: Iterable[PathLike] = (),
    formulas: FormulaPolicy = "escape",
    index: bool = False,
) -> Path:
    """Write one table as a UTF-8 CSV file, safely (formula-like text escaped, atomic).

    Parameters
    ----------
    frame : pandas.DataFrame
        The table (not changed). Numbers stay numbers; only text is escaped.
    path : str or Path
        The file; missing folders are created.
    inputs : iterable of path
        The run's inputs, which ``path`` must not overwrite.
    formulas : {"escape", "keep"}
        ``"escape"`` prefixes text starting with ``= + - @`` (and tab, carriage return)
        with an apostrophe (:func:`relgraph.io.encode.escape_cell`); ``"keep"`` writes it
        as it is.
    index : bool
        Also write the index.

    Returns
    -------
    Path
        The file written (the path as given).

    Raises
    ------
    OutputError
        When ``path`` is an input of the run, a folder, or cannot be written.
    InvalidParameterError
        For another ``formulas`` value.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "routes.csv"
    >>> _ = write_csv(pd.DataFrame({"who": ["=1+1", "Ann"], "x": [-1.5, 2.0]}), out)
    >>> print(out.read_text(), end="")
    who,x
    '=1+1,-1.5
    Ann,2.0
    """
    safe = escape_frame(frame, formulas=formulas)
    return atomic_write(
        path, lambda p: safe.to_csv(p, index=index, encoding="utf-8"), inputs=inputs
    )


def write_csv_folder(
    tables: Mapping[str, pd.DataFrame],
    folder: PathLike,
    *,
    inputs: Iterable[PathLike] = (),
    formulas: FormulaPolicy = "escape",
) -> Path:
    """Write each table to ``folder/<name>.csv`` in UTF-8, as text the loaders read back.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        Table name → table (typed, as a network holds them).
    folder : str or Path
        The folder; created when missing.
    inputs : iterable of path
        The run's inputs: no file the folder write produces may overwrite one.
    formulas : {"escape", "keep"}
        See :func:`write_csv`. relgraph's CSV reader undoes the escape.

    Returns
    -------
    Path
        The folder.

    Raises
    ------
    OutputError
        When a file it would write is an input of the run, the folder is a file, or the
        files cannot be written (then no earlier file in the folder has been replaced).

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_csv_folder({"orgs": pd.DataFrame({"id": ["A"], "name": ["=evil()"]})}, d)
    >>> print((d / "orgs.csv").read_text(), end="")
    id,name
    A,'=evil()
    """
    check_choice("formulas", formulas, FORMULA_POLICIES)
    folder = Path(folder)
    check_outputs((), inputs=inputs, folders=[folder])
    writers: dict[PathLike, Callable[[Path], object]] = {}
    for name, frame in tables.items():
        safe = escape_frame(table_as_text(frame), formulas=formulas)
        writers[folder / f"{name}.csv"] = _csv_writer(safe)
    atomic_write_many(writers, inputs=inputs)
    return folder


def _csv_writer(frame: pd.DataFrame) -> Callable[[Path], None]:
    def write(p: Path) -> None:
        frame.to_csv(p, index=False, encoding="utf-8")

    return write


def write_excel(
    tables: Mapping[str, pd.DataFrame],
    path: PathLike,
    *,
    inputs: Iterable[PathLike] = (),
    formulas: FormulaPolicy = "escape",
) -> Path:
    """Write each table as one sheet (named after the table) of an ``.xlsx`` workbook.

    Every value is written as text the loaders read back (:func:`table_as_text`), as a
    text cell: ``=…`` is never a live formula (``formulas="keep"`` allows them), and
    control characters Excel cannot hold are kept as Excel's ``_xHHHH_`` escapes.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        Table name → table.
    path : str or Path
        The workbook; missing folders are created; written atomically.
    inputs : iterable of path
        The run's inputs, which ``path`` must not overwrite.
    formulas : {"escape", "keep"}
        See :func:`relgraph.io.excel_format.write_workbook`.

    Returns
    -------
    Path
        The workbook written (the path as given).

    Raises
    ------
    OutputError
        When ``path`` is an input of the run, a folder, cannot be written, a table has
        more rows than an Excel sheet holds or a value more characters than a cell holds
        (it would not read back the same; write a CSV folder instead). Any earlier
        workbook is then unchanged.
    """
    from relgraph.io.excel_format import write_workbook

    sheets = {name: table_as_text(frame) for name, frame in tables.items()}
    return write_workbook(path, sheets, inputs=inputs, formulas=formulas, too_long="refuse")


def write_tables(
    tables: Mapping[str, pd.DataFrame],
    path: PathLike,
    *,
    inputs: Iterable[PathLike] = (),
    formulas: FormulaPolicy = "escape",
) -> Path:
    """Write the tables as an ``.xlsx`` workbook or, for any other path, a CSV folder.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        Table name → table.
    path : str or Path
        ``….xlsx`` for a workbook (:func:`write_excel`); otherwise a folder
        (:func:`write_csv_folder`). A name ending in another file suffix (``.csv``,
        ``.xls`` …) is refused rather than made into a folder of that name.
    inputs : iterable of path
        The run's inputs, which nothing written may overwrite.
    formulas : {"escape", "keep"}
        See :func:`write_csv`.

    Returns
    -------
    Path
        The workbook or the folder.

    Raises
    ------
    OutputError
        See :func:`write_excel` and :func:`write_csv_folder`; also for a file suffix other
        than ``.xlsx``.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".xlsx":
        return write_excel(tables, p, inputs=inputs, formulas=formulas)
    if suffix in _FILE_SUFFIXES and not p.is_dir():
        shown = os.fspath(path)
        raise OutputError(say("out_tables_suffix", output=shown, suffix=suffix), path=shown)
    return write_csv_folder(tables, p, inputs=inputs, formulas=formulas)
