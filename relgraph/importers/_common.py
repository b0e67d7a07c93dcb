"""The steps every importer shares.

Read an export with encoding checks, map and check its columns, skip rows deleted in the
CRM (reporting them), and extend a network by new rows.

Problems are catalogue sentences (:func:`relgraph.text.message`) naming the file, the row
and the column, so they read the same in every language.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pandas as pd

from relgraph.errors import Problem, Reason, ValidationError
from relgraph.io.csv_checks import decode_csv
from relgraph.io.read import _read_one_csv
from relgraph.network import RelationshipNetwork
from relgraph.text import message

from .result import ReportRows

__all__ = [
    "DATAFRAME",
    "Export",
    "decode_export",
    "extend_network",
    "fail",
    "frame_export",
    "missing_columns",
    "problem",
    "read_export",
    "without_deleted",
]

#: The ``source`` of a table passed as a DataFrame.
DATAFRAME = "<DataFrame>"

_TRUE = frozenset({"true", "1", "yes", "y", "t"})


@dataclass(frozen=True)
class Export:
    """One CRM export as read: every value text, where it came from, and each row's number.

    Attributes
    ----------
    source : str
        The file, or ``<DataFrame>``.
    frame : pandas.DataFrame
        Text values (blanks ``""``), column names lower-cased and stripped.
    rows : tuple of int
        The row of each record as the user finds it: the spreadsheet row (header = 1) or
        the file line for a file, the 0-based position for a DataFrame.
    """

    source: str
    frame: pd.DataFrame
    rows: tuple[int, ...]

    def column(self, name: str) -> pd.Series:
        """Return the column ``name``, or blanks when the export does not have it."""
        if name in self.frame.columns:
            return self.frame[name]
        return pd.Series([""] * len(self.frame), dtype=object)


def problem(
    table: str,
    source: str,
    reason: Reason,
    key: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: str = "",
    **values: object,
) -> Problem:
    """Return a :class:`~relgraph.errors.Problem` whose hint is the catalogue sentence ``key``."""
    return Problem.of(table, row, column, value, reason, message(key, **values), source)


def fail(table: str, source: str, reason: Reason, key: str, **kwargs: object) -> NoReturn:
    """Raise a :class:`~relgraph.errors.ValidationError` with one :func:`problem`."""
    raise ValidationError([problem(table, source, reason, key, **kwargs)])  # type: ignore[arg-type]


def read_export(path: Path, table: str) -> tuple[Export | None, list[Problem]]:
    """Read one CSV export whose header is its first line (Salesforce's).

    The reader of :mod:`relgraph.io.read` is used, with its checks: a file that is not
    text, a UTF-8 file with a row in another encoding, rows with too many or too few fields
    are problems with their row, never guessed.
    """
    raw, problems = _read_one_csv(path, table)
    if raw is None:
        return None, problems
    rows = tuple(range(raw.first_row, raw.first_row + len(raw.frame)))
    return Export(raw.source, raw.frame, rows), problems


def frame_export(frame: pd.DataFrame) -> Export:
    """Return a DataFrame as an :class:`Export` (text, lower-cased names, positions as rows)."""
    text = frame.astype(object).where(frame.notna(), "").astype(str)
    text.columns = [str(c).strip().lower() for c in frame.columns]
    return Export(DATAFRAME, text.reset_index(drop=True), tuple(range(len(frame))))


def decode_export(path: Path, table: str, *, again: str) -> str:
    """Return a text file's content, decoded with the encoding checks of the table reader.

    ``again`` names where to export the file again (``LinkedIn``); it ends the hints of a
    missing, empty or unreadable file.
    """
    src = str(path)
    if not path.is_file():
        fail(table, src, Reason.UNREADABLE, "imp_not_a_file", path=src, again=again)
    try:
        data = path.read_bytes()
    except OSError as err:
        fail(table, src, Reason.UNREADABLE, "val_unreadable", error=err)
    if not data.strip():
        fail(table, src, Reason.EMPTY_TABLE, "imp_empty_file", again=again)
    text, _, problems = decode_csv(data, table, src)
    if text is None:
        raise ValidationError(problems)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        fail(table, src, Reason.ENCODING, "val_nul", row=line, line=line)
    return text


def missing_columns(
    export: Export, table: str, required: Mapping[str, str], key: str, *, what: str
) -> list[Problem]:
    """One problem per required column (lower-case name → API name) the export lacks.

    The hint ``key`` is filled with ``name`` (the API name) and ``what`` (the export).
    """
    row = None if export.source == DATAFRAME else 1
    return [
        problem(
            table,
            export.source,
            Reason.MISSING_COLUMN,
            key,
            row=row,
            column=api,
            name=api,
            what=what,
        )
        for col, api in required.items()
        if col not in export.frame.columns
    ]


def without_deleted(export: Export, report: ReportRows) -> Export:
    """Return the export without the rows the CRM marks ``IsDeleted`` (its recycle bin).

    Every such row is reported (outcome ``skipped``): a deleted record is never imported
    as live data, and never dropped silently.
    """
    flags = export.column("isdeleted")
    deleted = flags.astype(str).str.strip().str.lower().isin(_TRUE).to_numpy()
    if not deleted.any():
        return export
    for pos in deleted.nonzero()[0]:
        report.add(
            export.source,
            export.rows[pos],
            "IsDeleted",
            str(flags.iloc[pos]),
            "skipped",
            "row not imported",
            "imp_deleted",
        )
    kept = export.frame.loc[~deleted].reset_index(drop=True)
    rows = tuple(r for r, d in zip(export.rows, deleted, strict=True) if not d)
    return Export(export.source, kept, rows)


def extend_network(
    net: RelationshipNetwork,
    added: Mapping[str, pd.DataFrame],
    *,
    today: _dt.date | None = None,
) -> RelationshipNetwork:
    """Return a new, validated network: ``net``'s tables with the ``added`` rows appended."""
    frames = net.to_frames()
    for table, rows in added.items():
        old = frames.get(table)
        if len(rows) and old is not None and len(old):
            frames[table] = pd.concat([old, rows], ignore_index=True)
        elif len(rows) or old is None:
            frames[table] = rows
    return RelationshipNetwork.from_frames(**frames, settings=net.settings, today=today)
