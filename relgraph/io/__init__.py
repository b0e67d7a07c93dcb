"""Loading, validating and writing relgraph's tables (CSV folders, Excel, DataFrames)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from relgraph.errors import Problem, Reason, ValidationError
from relgraph.io.read import read_csv_folder, read_excel
from relgraph.io.validate import validate_tables
from relgraph.model import Settings
from relgraph.network import RelationshipNetwork, endpoints_from_codes

__all__ = ["load"]

_EXCEL = {".xlsx", ".xlsm"}


def load(
    path: str | Path, *, settings: Settings | None = None, today: _dt.date | None = None
) -> RelationshipNetwork:
    """Load and validate a network from a CSV (or Parquet) folder or an Excel workbook.

    Parameters
    ----------
    path : str or Path
        A folder with ``orgs.csv``, ``people.csv`` and optional ``ties.csv``,
        ``opportunities.csv``, ``roles.csv``, ``affiliations.csv`` (any of them may be a
        ``<table>.parquet`` file instead, with the ``parquet`` extra installed); or an
        ``.xlsx`` workbook with one sheet per table. CSV files may be UTF-8 (with or
        without BOM), UTF-16 or GBK/GB18030, with any line endings.
    settings : Settings, optional
        Defaults for the network.
    today : datetime.date, optional
        Reference date for the "not in the future" checks (default: today).

    Returns
    -------
    RelationshipNetwork

    Raises
    ------
    ValidationError
        Listing every problem in every table (file, row, column, value, reason, hint).
    MissingDependencyError
        When the folder holds Parquet files and pyarrow is not installed.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.load(rg.datasets.sample_path())
    >>> len(net.people) >= 60
    True
    """
    p = Path(path)
    if p.is_dir():
        raws, problems = read_csv_folder(p)
    elif p.suffix.lower() in _EXCEL and p.is_file():
        raws, problems = read_excel(p)
    else:
        what = "does not exist" if not p.exists() else "is neither a folder nor an .xlsx file"
        if p.is_file() and p.suffix.lower() in (".csv", ".parquet"):
            what = f"is one table; give the folder that holds all the tables ({p.parent})"
        raise ValidationError(
            [
                Problem(
                    "",
                    None,
                    None,
                    str(p),
                    Reason.UNREADABLE,
                    f"{p} {what}; give a folder of CSV files or an Excel workbook",
                    str(p),
                )
            ]
        )
    codes: dict[tuple[str, str], Any] = {}
    tables = validate_tables(raws, problems, today=today, codes=codes)
    ends = endpoints_from_codes(codes)
    return RelationshipNetwork(tables, settings=settings, source=str(p), endpoints=ends)
