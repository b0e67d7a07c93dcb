"""Read raw tables (all text) from a CSV folder, an Excel workbook or DataFrames.

Nothing is checked here beyond "can it be read": every value stays text, so that
:mod:`relgraph.io.validate` can report problems with the exact value the user wrote.
CSV files may be UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030; Windows
line endings are fine.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from relgraph.errors import Problem, Reason
from relgraph.io.schema import SCHEMAS

__all__ = ["RawTable", "decode_bytes", "read_csv_folder", "read_excel", "read_frames"]


@dataclass
class RawTable:
    """A table as read: text values, where it came from, and row numbers for messages.

    Attributes
    ----------
    name : str
        Table name.
    frame : pandas.DataFrame
        Every value as ``str``; blanks are ``""``. Column names lower-cased and stripped.
    source : str
        File, ``workbook.xlsx[sheet]`` or ``<DataFrame>``.
    first_row : int
        Row number of the first data row in messages: 2 for files (the header is row 1),
        0 for DataFrames (positions).
    """

    name: str
    frame: pd.DataFrame
    source: str
    first_row: int

    def row_numbers(self, mask: np.ndarray | pd.Series) -> np.ndarray:
        """Row numbers (as shown to the user) of the rows selected by a boolean mask."""
        return np.flatnonzero(np.asarray(mask)) + self.first_row


def decode_bytes(data: bytes) -> tuple[str, str]:
    r"""Decode a text file's bytes, detecting UTF-8 (BOM or not), UTF-16 (BOM) and GB18030.

    Parameters
    ----------
    data : bytes
        The file's content.

    Returns
    -------
    text, encoding : str, str

    Raises
    ------
    UnicodeDecodeError
        When no supported encoding fits.

    Examples
    --------
    >>> decode_bytes("名字".encode("gbk"))
    ('名字', 'gb18030')
    >>> decode_bytes(b"\xef\xbb\xbfid")
    ('id', 'utf-8-sig')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return data.decode("gb18030"), "gb18030"


def _clean_columns(frame: pd.DataFrame) -> pd.DataFrame:
    frame.columns = [str(c).strip().lower().replace("\ufeff", "") for c in frame.columns]
    return frame


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Turn every column into text, blanks (NaN, None, NaT, NA) into ``""``."""
    out = {}
    for col in frame.columns:
        s = frame[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            mask = s.isna()
            text = s.astype(str) if not mask.any() else s.where(~mask, "").astype(str)
        elif pd.api.types.is_datetime64_any_dtype(s.dtype):
            text = s.dt.strftime("%Y-%m-%d").fillna("")
        else:
            mask = s.isna()
            text = s.astype(object).where(~mask, "").astype(str)
        out[col] = text.str.strip() if len(text) else text
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))


def _read_one_csv(path: Path, name: str) -> tuple[RawTable | None, list[Problem]]:
    src = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, [Problem(name, None, None, "", Reason.UNREADABLE, f"cannot read: {err}", src)]
    try:
        text, _ = decode_bytes(data)
    except UnicodeDecodeError:
        return None, [
            Problem(
                name,
                None,
                None,
                "",
                Reason.ENCODING,
                "the file is neither UTF-8 nor GBK/GB18030; save it as 'CSV UTF-8' "
                "(Excel: File > Save As > CSV UTF-8)",
                src,
            )
        ]
    if not text.strip():
        return None, [Problem(name, None, None, "", Reason.EMPTY_TABLE, "the file is empty", src)]
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skipinitialspace=False,
        )
    except (pd.errors.ParserError, ValueError) as err:
        msg = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
        return None, [
            Problem(
                name,
                None,
                None,
                "",
                Reason.UNREADABLE,
                f"not a readable CSV ({msg}); check quotes and the number of commas per row",
                src,
            )
        ]
    return RawTable(name, _as_text(_clean_columns(frame)), src, 2), []


def read_csv_folder(folder: str | Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read ``orgs.csv``, ``people.csv`` … from a folder.

    Parameters
    ----------
    folder : str or Path
        A folder with one CSV per table, named after the table (case-insensitive).

    Returns
    -------
    tables, problems : dict of RawTable, list of Problem
        Missing required tables and unreadable files are problems, not exceptions.
    """
    folder = Path(folder)
    files = {p.stem.strip().lower(): p for p in folder.iterdir() if p.suffix.lower() == ".csv"}
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for name, schema in SCHEMAS.items():
        path = files.get(name)
        if path is None:
            if schema.required:
                cols = ",".join(schema.required_columns)
                problems.append(
                    Problem(
                        name,
                        None,
                        None,
                        "",
                        Reason.MISSING_TABLE,
                        f"required file {name}.csv is missing; create it with the header {cols}",
                        str(folder / f"{name}.csv"),
                    )
                )
            continue
        table, probs = _read_one_csv(path, name)
        problems += probs
        if table is not None:
            tables[name] = table
    return tables, problems


def read_excel(path: str | Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read one sheet per table from an Excel workbook (sheet names case-insensitive).

    Parameters
    ----------
    path : str or Path
        An ``.xlsx`` workbook.

    Returns
    -------
    tables, problems : dict of RawTable, list of Problem
    """
    path = Path(path)
    try:
        sheets = pd.read_excel(
            path, sheet_name=None, dtype=object, keep_default_na=False, na_filter=False
        )
    except Exception as err:  # openpyxl raises many types for a corrupt file
        return {}, [
            Problem(
                "workbook",
                None,
                None,
                "",
                Reason.UNREADABLE,
                f"cannot read the workbook ({type(err).__name__}: {err}); save it again as .xlsx",
                str(path),
            )
        ]
    by_name = {str(k).strip().lower(): (str(k), v) for k, v in sheets.items()}
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for name, schema in SCHEMAS.items():
        if name not in by_name:
            if schema.required:
                cols = ",".join(schema.required_columns)
                problems.append(
                    Problem(
                        name,
                        None,
                        None,
                        "",
                        Reason.MISSING_TABLE,
                        f"required sheet {name!r} is missing; add it with the columns {cols}",
                        str(path),
                    )
                )
            continue
        sheet, frame = by_name[name]
        src = f"{path}[{sheet}]"
        tables[name] = RawTable(name, _as_text(_clean_columns(frame)), src, 2)
    return tables, problems


def read_frames(
    frames: Mapping[str, pd.DataFrame | None],
) -> tuple[dict[str, RawTable], list[Problem]]:
    """Wrap DataFrames passed directly (``orgs=…, people=…``) as raw tables.

    Parameters
    ----------
    frames : Mapping of str to DataFrame or None
        Table name to DataFrame; None means absent.

    Returns
    -------
    tables, problems : dict of RawTable, list of Problem
    """
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    unknown = sorted(set(frames) - set(SCHEMAS))
    for name in unknown:
        problems.append(
            Problem(
                name,
                None,
                None,
                "",
                Reason.MISSING_TABLE,
                f"unknown table {name!r}; tables are {', '.join(SCHEMAS)}",
                "<DataFrame>",
            )
        )
    for name, schema in SCHEMAS.items():
        frame = frames.get(name)
        if frame is None:
            if schema.required:
                problems.append(
                    Problem(
                        name,
                        None,
                        None,
                        "",
                        Reason.MISSING_TABLE,
                        f"the {name!r} table is required; pass a DataFrame with the columns "
                        + ",".join(schema.required_columns),
                        "<DataFrame>",
                    )
                )
            continue
        if not isinstance(frame, pd.DataFrame):
            problems.append(
                Problem(
                    name,
                    None,
                    None,
                    type(frame).__name__,
                    Reason.UNREADABLE,
                    f"expected a pandas DataFrame for {name!r}",
                    "<DataFrame>",
                )
            )
            continue
        tables[name] = RawTable(name, _as_text(_clean_columns(frame.copy())), "<DataFrame>", 0)
    return tables, problems
