"""Loading, validating and writing relgraph's tables (CSV folders, Excel, DataFrames).

The bottom layer: it turns files into validated tables (values) and tables into files, and
knows nothing of networks or analyses. :func:`relgraph.load` (in :mod:`relgraph.loading`)
builds a :class:`~relgraph.network.RelationshipNetwork` from what :func:`read_path` reads.
"""

from __future__ import annotations

from pathlib import Path

from relgraph.errors import Problem, Reason, ValidationError
from relgraph.io.read import RawTable, read_csv_folder, read_excel
from relgraph.text import message

__all__ = ["read_path"]

_EXCEL = {".xlsx", ".xlsm"}


def read_path(path: str | Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read the raw tables of a CSV (or Parquet) folder or an Excel workbook.

    Parameters
    ----------
    path : str or Path
        A folder of ``<table>.csv`` (or ``.parquet``) files, or an ``.xlsx`` workbook.

    Returns
    -------
    tuple
        The raw tables by name and the problems found while reading; pass both to
        :func:`relgraph.io.validate.validate_tables`.

    Raises
    ------
    ValidationError
        When ``path`` is neither a folder nor a workbook (the message says what to give).
    """
    p = Path(path)
    if p.is_dir():
        return read_csv_folder(p)
    if p.suffix.lower() in _EXCEL and p.is_file():
        return read_excel(p)
    if p.is_file() and p.suffix.lower() in (".csv", ".parquet"):
        hint = message("val_path_one_table", path=str(p), folder=str(p.parent))
    elif p.exists():
        hint = message("val_path_not_input", path=str(p))
    else:
        hint = message("val_path_missing", path=str(p))
    raise ValidationError([Problem.of("", None, None, str(p), Reason.UNREADABLE, hint, str(p))])
