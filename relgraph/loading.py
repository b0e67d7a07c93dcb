"""Build networks from files: one dataset (:func:`load`) or a dated series (:func:`load_snapshots`).

This module sits just above :mod:`relgraph.network`: :mod:`relgraph.io` reads and validates
the tables (values), and this turns them into :class:`RelationshipNetwork` objects.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from relgraph.checks import check_date, invalid
from relgraph.io import read_path
from relgraph.io.validate import validate_tables
from relgraph.model import Settings
from relgraph.network import RelationshipNetwork, endpoints_from_codes
from relgraph.text import message

__all__ = ["Snapshot", "load", "load_snapshots"]

#: A snapshot: a loaded network, or a folder / workbook path for :func:`load`.
Snapshot = RelationshipNetwork | str | Path

_DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def load(
    path: str | Path, *, settings: Settings | None = None, today: _dt.date | None = None
) -> RelationshipNetwork:
    """Load and validate a network from a CSV (or Parquet) folder or an Excel workbook.

    Parameters
    ----------
    path : str or Path
        A folder with ``orgs.csv``, ``people.csv`` and optional ``ties.csv``,
        ``opportunities.csv``, ``roles.csv``, ``affiliations.csv``, ``interactions.csv``
        (any of them may be a ``<table>.parquet`` file instead, with the ``parquet`` extra
        installed); or an ``.xlsx`` workbook with one sheet per table. CSV files may be
        UTF-8 (with or without BOM), UTF-16 or GBK/GB18030, with any line endings.
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
    raws, problems = read_path(path)
    codes: dict[tuple[str, str], Any] = {}
    tables = validate_tables(raws, problems, today=today, codes=codes)
    return RelationshipNetwork(
        tables,
        settings=settings,
        source=str(path),
        endpoints=endpoints_from_codes(codes),
        tie_kinds=codes.get(("ties", "kind")),
    )


def load_snapshots(
    source: str | Path | Mapping[Any, Snapshot],
) -> list[tuple[_dt.date, RelationshipNetwork]]:
    """Load a dated series of snapshots of one account, oldest first.

    Parameters
    ----------
    source : str, Path or mapping
        A folder whose subfolders named ``YYYY-MM-DD`` are snapshots (other entries are
        ignored), or a mapping of date (``YYYY-MM-DD`` or a date) → network or path.

    Returns
    -------
    list of (datetime.date, RelationshipNetwork)

    Raises
    ------
    InvalidParameterError
        When the folder holds no dated snapshot, or for a mapping key that is not a date.

    Examples
    --------
    >>> import relgraph as rg
    >>> [d.isoformat() for d, _ in load_snapshots(rg.datasets.snapshots())]
    ['2026-05-31', '2026-11-15']
    """
    pairs: list[tuple[_dt.date, Snapshot]]
    if isinstance(source, Mapping):
        pairs = [(check_date("snapshot date", k, default=_NO_DATE), v) for k, v in source.items()]
        if any(d is _NO_DATE for d, _ in pairs):
            raise invalid("snapshot date", "", message("exp_date"))
    else:
        folder = Path(source)
        if not folder.is_dir():
            raise invalid("source", str(folder), message("exp_snapshot_folder"))
        pairs = [
            (check_date("snapshot folder", sub.name), sub)
            for sub in sorted(folder.iterdir())
            if sub.is_dir() and _DATE_DIR.match(sub.name)
        ]
        if not pairs:
            names = sorted(p.name for p in folder.iterdir())
            found = ", ".join(names[:10]) + (" …" if len(names) > 10 else "") or "-"
            raise invalid("source", str(folder), message("exp_snapshot_subfolders", found=found))
    return [(day, _as_network(snap)) for day, snap in sorted(pairs, key=lambda p: p[0])]


def _as_network(snapshot: Snapshot) -> RelationshipNetwork:
    return snapshot if isinstance(snapshot, RelationshipNetwork) else load(snapshot)


_NO_DATE = _dt.date.min
