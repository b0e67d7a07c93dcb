"""Read raw tables (all text) from a CSV or Parquet folder, an Excel workbook or DataFrames.

Nothing is checked here beyond "can it be read": every value stays text, so that
:mod:`relgraph.io.validate` can report problems with the exact value the user wrote.
CSV files may be UTF-8 (with or without BOM), UTF-16 (with or without BOM), or
GBK/GB18030; Windows line endings are fine. What would read as silently wrong values is a
problem here, with its row: a UTF-8 file with a row in another encoding, a row with more
or fewer fields than the header (:mod:`relgraph.io.csv_checks`), an Excel error cell or a
formula without a saved result (:mod:`relgraph.io.xlsx_cells`). The apostrophe relgraph's
writers put before formula-like text in CSV files, and Excel's ``_xHHHH_`` escapes in
workbooks, are undone (:mod:`relgraph.io.encode`). UTF-8 files are parsed by pyarrow's
multi-threaded CSV reader when pyarrow is installed (the ``parquet`` extra), else by
pandas; both give the same text. Parquet files need pyarrow.
"""

from __future__ import annotations

import csv
import io
import mmap
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from relgraph.errors import MissingDependencyError, Problem, Reason
from relgraph.io.coded import coded_columns, recode, unescape_coded
from relgraph.io.csv_checks import (
    MAX_ROW_PROBLEMS,
    decode_bytes,
    decode_csv,
    field_count_problems,
    file_data,
    is_ascii,
    wrong_length_problem,
)
from relgraph.io.discover import _find_files, _meant_table, _misnamed, _unused_files, ignored_inputs
from relgraph.io.encode import xlsx_unescape
from relgraph.io.schema import SCHEMAS
from relgraph.text import Message, message

__all__ = [
    "TEXT_DTYPE",
    "RawTable",
    "decode_bytes",
    "ignored_inputs",
    "read_csv_folder",
    "read_excel",
    "read_frames",
]

#: The dtype of text columns: pandas' default string dtype (pyarrow-backed ``str`` in
#: pandas 3, ``object`` in pandas 2).
TEXT_DTYPE: Any = pd.Series([""]).astype(str).dtype

_OBJECT_TEXT: bool = pd.api.types.is_object_dtype(TEXT_DTYPE)

_SURROGATE = re.compile("[\ud800-\udfff]")

_DF = "<DataFrame>"

#: A byte that is not ASCII whitespace as :meth:`str.isspace` sees it (``\x1c``-``\x1f`` too).
_NOT_BLANK = re.compile(rb"[^\t\n\x0b\x0c\r\x1c-\x1f ]")


@dataclass
class RawTable:
    """A table as read: text values, where it came from, and row numbers for messages.

    Attributes
    ----------
    name : str
        Table name.
    frame : pandas.DataFrame
        Every value as text (:data:`TEXT_DTYPE`); blanks are ``""``. Column names
        lower-cased and stripped. A column relgraph converts (numbers, words, flags,
        dates: :func:`coded_columns`) read from a file is a categorical of that text
        instead, so each distinct value is decoded, trimmed and converted once.
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


def _clean_name(name: object) -> str:
    return str(name).replace("\ufeff", "").strip().lower()


def _duplicates(names: list[str]) -> list[str]:
    seen: set[str] = set()
    dups: list[str] = []
    for n in names:
        if n in seen and n not in dups:
            dups.append(n)
        seen.add(n)
    return dups


def _duplicate_column_problem(name: str, dups: list[str], src: str, row: int | None) -> Problem:
    hint = message("val_duplicate_column", columns=", ".join(repr(d) for d in dups))
    return Problem.of(name, row, dups[0], ", ".join(dups), Reason.DUPLICATE_COLUMN, hint, src)


def _cell_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _to_text(s: pd.Series) -> tuple[pd.Series, bool]:
    """One column as stripped text (blanks ``""``); also whether it held lone surrogates."""
    if not _OBJECT_TEXT and s.dtype == TEXT_DTYPE:
        if not s.hasnans and _trimmed_already(s):
            return s, False  # nothing to strip: no copy of ten million strings
        return s.fillna("").str.strip(), False
    mask = s.isna().to_numpy()
    values: Any
    if pd.api.types.is_bool_dtype(s.dtype):
        values = np.where(s.fillna(False).to_numpy(dtype=bool), "true", "false")
    elif pd.api.types.is_integer_dtype(s.dtype):
        values = s.astype(object).astype(str).to_numpy(dtype=object)
    elif pd.api.types.is_float_dtype(s.dtype):
        num = s.to_numpy(dtype=float, na_value=np.nan)
        values = s.astype(str).to_numpy(dtype=object)
        whole = np.isfinite(num) & (np.abs(num) < 2**53)
        whole[whole] = np.mod(num[whole], 1) == 0
        values[whole] = num[whole].astype(np.int64).astype(str)
    elif pd.api.types.is_datetime64_any_dtype(s.dtype):
        values = s.dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    else:
        values = np.array([_cell_text(v) for v in s.astype(object)], dtype=object)
    values = np.asarray(values, dtype=object)
    values[mask] = ""
    obj = pd.Series(values, dtype=object)
    bad = False
    try:
        text = obj.astype(str)
    except UnicodeEncodeError:
        bad = True
    if not bad and _OBJECT_TEXT and len(obj):
        bad = bool(obj.str.contains(_SURROGATE, regex=True).any())
    if bad:
        text = pd.Series([_SURROGATE.sub("\ufffd", v) for v in values], dtype=object).astype(str)
    return (text.str.strip() if len(text) else text), bad


def _trimmed_already(s: pd.Series) -> bool:
    """Tell whether no value of a pyarrow-backed text column can start or end with blanks.

    Looks at the first and last byte of each value in pyarrow's buffers: an ASCII
    letter, digit or sign there cannot be whitespace, anything else (a control or
    non-ASCII byte) sends the column through the real strip. False when unsure.
    """
    try:
        import pyarrow as pa
    except ImportError:
        return False
    try:
        chunks = pa.chunked_array(pa.array(s.array)).chunks
    except (TypeError, ValueError, pa.ArrowException):
        return False
    for chunk in chunks:
        text = pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)
        if chunk.null_count or not text:
            return False
        _, offsets_buf, data_buf = chunk.buffers()
        if data_buf is None:
            continue  # every value empty
        kind = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(offsets_buf, dtype=kind)[
            chunk.offset : chunk.offset + len(chunk) + 1
        ]
        data = np.frombuffer(data_buf, dtype=np.uint8)
        body = data[offsets[0] : offsets[-1]]
        if not len(body) or (body.min() > 0x20 and body.max() < 0x7F):
            continue  # no blank or non-ASCII byte anywhere: two reductions, no gathers
        starts, ends = offsets[:-1], offsets[1:]
        filled = ends > starts
        for ends_at in (data[starts[filled]], data[ends[filled] - 1]):
            if ((ends_at <= 0x20) | (ends_at >= 0x7F)).any():
                return False
    return True


def _coded_text(s: pd.Series) -> tuple[pd.Series, bool]:
    """:func:`_to_text` of a categorical column read from a file, per category."""
    bad: list[bool] = []

    def text(categories: pd.Series) -> pd.Series:
        out, surrogates = _to_text(categories)
        bad.append(surrogates)
        return categories if out is categories else out

    return recode(s, text), any(bad)


def _wrap(
    name: str,
    frame: pd.DataFrame,
    src: str,
    first_row: int,
    coded: frozenset[str] = frozenset(),
) -> tuple[RawTable | None, list[Problem]]:
    """Clean column names, refuse duplicate columns, and turn every value into text.

    The ``coded`` columns, when categorical (dictionary columns the reader asked for),
    stay categorical: their categories become text.
    """
    names = _column_names(list(frame.columns))
    dups = _duplicates(names)
    if dups:
        return None, [_duplicate_column_problem(name, dups, src, 1 if first_row == 2 else None)]
    out: dict[str, pd.Series] = {}
    problems: list[Problem] = []
    for i, col in enumerate(names):
        s = frame.iloc[:, i]
        if col in coded and isinstance(s.dtype, pd.CategoricalDtype):
            text, bad = _coded_text(s)
        else:
            text, bad = _to_text(s)
        if bad:
            hint = message("val_surrogates")
            problems.append(Problem.of(name, None, col, "", Reason.ENCODING, hint, src))
        out[col] = text.reset_index(drop=True)
    result = pd.DataFrame(out, index=pd.RangeIndex(len(frame)), copy=False)
    if not names:
        result = pd.DataFrame(index=pd.RangeIndex(len(frame)))
    return RawTable(name, result, src, first_row), problems


def _problem(name: str, src: str, reason: Reason, hint: Message, row: int | None = None) -> Problem:
    return Problem.of(name, row, None, "", reason, hint, src)


def _header(text: str) -> list[str]:
    try:
        first = next(csv.reader(io.StringIO(text[:1_000_000], newline=None)), [])
    except csv.Error:
        first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0].split(",")
    return _column_names(first)


def _column_names(raw: Sequence[object]) -> list[str]:
    """Clean names; blank ones become ``unnamed_<position>`` (Excel's trailing columns)."""
    names = [_clean_name(c) for c in raw]
    return [
        n if n and not n.startswith("unnamed:") else f"unnamed_{i + 1}" for i, n in enumerate(names)
    ]


#: A row pyarrow found with the wrong number of fields: (row number, text, fields, expected).
_BadRow = tuple[int | None, str, int, int]


def _parse_with_pyarrow(
    data: bytes | mmap.mmap,
    names: list[str],
    *,
    coded: frozenset[str] = frozenset(),
    threads: bool = True,
) -> tuple[pd.DataFrame | None, list[_BadRow]]:
    """Parse UTF-8 CSV bytes with pyarrow (every column text); None when not possible.

    The ``coded`` columns are read as dictionary columns (categoricals of the text).
    Rows with more or fewer fields than the header are collected (not padded, not
    shifted); when there are any, no frame is returned.
    """
    if _OBJECT_TEXT:
        return None, []
    try:
        import pyarrow as pa
    except ImportError:
        return None, []
    # a quoted value may hold a line break: the parser reads it right, but the faster way
    # of cutting the file into blocks (at line breaks) may cut inside it, which pyarrow
    # notices ("out of sync"): then the file is cut the slower, quote-aware way
    table, bad = _arrow_csv(data, names, coded, threads=threads, newlines=False)
    if (table is None or bad) and data.find(b'"') >= 0:
        table, bad = _arrow_csv(data, names, coded, threads=threads, newlines=True)
    if bad:
        if threads and any(number is None for number, *_ in bad):
            return _parse_with_pyarrow(data, names, coded=coded, threads=False)  # to number rows
        return None, bad
    if table is None:
        return None, []  # let pandas find the line and say what is wrong
    mapping = {pa.large_string(): TEXT_DTYPE, pa.string(): TEXT_DTYPE}
    # the columns stay in the parser's blocks (one chunk per 16 MB): joining them would copy
    # every value into fresh memory, which costs more than the later passes save
    frame: pd.DataFrame = table.to_pandas(types_mapper=mapping.get, self_destruct=True)
    return frame, []


#: Bytes per block pyarrow parses (blocks are parsed on all cores).
_BLOCK = 1 << 24


def _arrow_csv(
    data: bytes | mmap.mmap,
    names: list[str],
    coded: frozenset[str],
    *,
    threads: bool,
    newlines: bool,
) -> tuple[Any, list[_BadRow]]:
    """Parse with pyarrow: the table (None when it fails) and the rows of the wrong length."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    bad: list[_BadRow] = []

    def wrong_length(row: Any) -> str:
        bad.append((row.number, row.text, row.actual_columns, row.expected_columns))
        return "skip"

    coded_text = pa.dictionary(pa.int32(), pa.large_string())
    types = {n: coded_text if n in coded else pa.large_string() for n in names}
    try:
        table = pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(
                column_names=names, skip_rows=1, block_size=_BLOCK, use_threads=threads
            ),
            parse_options=pacsv.ParseOptions(
                newlines_in_values=newlines, invalid_row_handler=wrong_length
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=types,
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, ValueError):
        return None, []
    return table, bad


def _parse_with_pandas(text: str) -> pd.DataFrame:
    # header=None: every row must have as many fields as the first, else a ParserError that
    # names the line (with a header row, pandas silently turns extra fields into an index)
    body = pd.read_csv(
        io.StringIO(text),
        header=None,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=True,
    )
    frame = body.iloc[1:].reset_index(drop=True)
    frame.columns = [str(c) for c in body.iloc[0]] if len(body) else []
    return frame


def _read_one_csv(path: Path, name: str) -> tuple[RawTable | None, list[Problem]]:
    src = str(path)
    try:
        data = file_data(path)
    except OSError as err:
        return None, [_problem(name, src, Reason.UNREADABLE, message("val_unreadable", error=err))]
    text: str | None = None
    if is_ascii(data) and data.find(b"\x00") < 0:
        # plain ASCII reads the same in every encoding relgraph accepts: pyarrow parses the
        # bytes, and the text (hundreds of megabytes) is made only if pandas must parse it
        encoding = "utf-8"
        if _NOT_BLANK.search(data) is None:  # as `text.isspace()`: stops at the first field
            return None, [_problem(name, src, Reason.EMPTY_TABLE, message("val_empty_file"))]
        names = _header(data[:1_000_000].decode("ascii"))
    else:
        data = bytes(data)
        text, encoding, problems = decode_csv(data, name, src)
        if text is None:
            return None, problems
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            hint = message("val_nul", line=line)
            return None, [_problem(name, src, Reason.ENCODING, hint, row=line)]
        if not text or text.isspace():  # as `not text.strip()`, without copying the text
            return None, [_problem(name, src, Reason.EMPTY_TABLE, message("val_empty_file"))]
        names = _header(text)
    dups = _duplicates(names)
    if dups:
        return None, [_duplicate_column_problem(name, dups, src, 1)]
    frame = None
    if len(set(names)) == len(names):
        utf8 = data if encoding == "utf-8" else data[3:] if encoding == "utf-8-sig" else None
        utf8 = utf8 if utf8 is not None else str(text).encode()
        frame, bad = _parse_with_pyarrow(utf8, names, coded=coded_columns(name) & set(names))
        if bad:
            return None, [
                wrong_length_problem(name, src, number, row, fields, expected)
                for number, row, fields, expected in bad[:MAX_ROW_PROBLEMS]
            ]
        if frame is not None and (frame.columns.tolist() != names):
            frame = None
    if frame is None:
        text = bytes(data).decode("ascii") if text is None else text
        try:
            frame = _parse_with_pandas(text)
        except (pd.errors.ParserError, ValueError) as err:
            long_rows = field_count_problems(text, name, src, names, longer_only=True)
            if long_rows:
                return None, long_rows
            msg = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
            hint = message("val_bad_csv", error=msg)
            return None, [_problem(name, src, Reason.UNREADABLE, hint)]
        wrong = field_count_problems(text, name, src, names)  # pandas pads short rows
        if wrong:
            return None, wrong
    del text
    table, problems = _wrap(name, frame, src, 2, coded_columns(name))
    if table is not None and data.find(b"'") >= 0:
        table.frame = unescape_coded(table.frame)
    return table, problems


def _read_one_parquet(path: Path, name: str) -> tuple[RawTable | None, list[Problem]]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise MissingDependencyError("pyarrow", "reading Parquet files", "parquet") from err
    src = str(path)
    coded = coded_columns(name)
    try:
        fields = pq.read_schema(path)
        text = (pa.string(), pa.large_string())
        as_codes = [f.name for f in fields if f.type in text and _clean_name(f.name) in coded]
        table = pq.read_table(path, read_dictionary=as_codes)
    except (pa.ArrowException, OSError) as err:
        hint = message("val_bad_parquet", error=f"{type(err).__name__}: {err}")
        return None, [_problem(name, src, Reason.UNREADABLE, hint)]
    mapping = {pa.large_string(): TEXT_DTYPE, pa.string(): TEXT_DTYPE}
    frame = table.to_pandas(types_mapper=None if _OBJECT_TEXT else mapping.get)
    return _wrap(name, frame, src, 2, frozenset(_clean_name(n) for n in as_codes))


def read_csv_folder(folder: str | Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read ``orgs.csv``, ``people.csv`` … (or ``<table>.parquet``) from a folder.

    Parameters
    ----------
    folder : str or Path
        A folder with one file per table, named after the table (case-insensitive):
        ``<table>.csv`` or ``<table>.parquet`` (Parquet needs pyarrow).

    Returns
    -------
    tables, problems : dict of RawTable, list of Problem
        Missing required tables and unreadable files are problems, not exceptions.

    Raises
    ------
    MissingDependencyError
        When a Parquet file is present and pyarrow is not installed.
    """
    folder = Path(folder)
    files, problems = _find_files(folder)
    for p in _unused_files(folder, files):
        meant = _meant_table(p.stem)
        if meant is not None and meant not in files and not any(q.table == meant for q in problems):
            problems.append(_misnamed(p.name, p.stem, str(p), "file"))
    tables: dict[str, RawTable] = {}
    for name, schema in SCHEMAS.items():
        path = files.get(name)
        if path is None:
            if schema.required and not any(p.table == name for p in problems):
                cols = ",".join(schema.required_columns)
                hint = message("val_missing_file", table=name, header=cols)
                where = str(folder / f"{name}.csv")
                problems.append(Problem.of(name, None, None, "", Reason.MISSING_TABLE, hint, where))
            continue
        if path.suffix.lower() == ".parquet":
            table, probs = _read_one_parquet(path, name)
        else:
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
        hint = message("val_bad_workbook", error=f"{type(err).__name__}: {err}")
        return {}, [Problem.of("workbook", None, None, "", Reason.UNREADABLE, hint, str(path))]
    by_name = {str(k).strip().lower(): (str(k), v) for k, v in sheets.items()}
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for key, (sheet, _) in by_name.items():
        meant = _meant_table(key) if key not in SCHEMAS else None
        if meant is not None and meant not in by_name:
            problems.append(_misnamed(sheet, sheet, f"{path}[{sheet}]", "sheet"))
    for name, schema in SCHEMAS.items():
        if name not in by_name:
            if schema.required and not any(p.table == name for p in problems):
                cols = ",".join(schema.required_columns)
                hint = message("val_missing_sheet", table=name, header=cols)
                problems.append(
                    Problem.of(name, None, None, "", Reason.MISSING_TABLE, hint, str(path))
                )
            continue
        sheet, frame = by_name[name]
        table, probs = _wrap(name, frame, f"{path}[{sheet}]", 2)
        problems += probs
        if table is not None:
            table.frame = table.frame.apply(xlsx_unescape)
            tables[name] = table
    from relgraph.io.xlsx_cells import cell_problems

    problems += cell_problems(
        path,
        {name: (by_name[name][0], [str(c) for c in t.frame.columns]) for name, t in tables.items()},
    )
    return tables, problems


def read_frames(
    frames: Mapping[str, pd.DataFrame | None],
) -> tuple[dict[str, RawTable], list[Problem]]:
    """Wrap DataFrames passed directly (``orgs=…, people=…``) as raw tables.

    Parameters
    ----------
    frames : Mapping of str to DataFrame or None
        Table name to DataFrame; None means absent. The frames are not changed.

    Returns
    -------
    tables, problems : dict of RawTable, list of Problem
    """
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for name in sorted(set(frames) - set(SCHEMAS)):
        meant = _meant_table(name)
        dym = message("val_did_you_mean", near=meant) if meant else ""
        hint = message("val_unknown_table", table=name, dym=dym, tables=", ".join(SCHEMAS))
        problems.append(_problem(name, _DF, Reason.UNKNOWN_TABLE, hint))
    for name, schema in SCHEMAS.items():
        frame = frames.get(name)
        if frame is None:
            if schema.required:
                cols = ",".join(schema.required_columns)
                hint = message("val_missing_frame", table=name, header=cols)
                problems.append(_problem(name, _DF, Reason.MISSING_TABLE, hint))
            continue
        if not isinstance(frame, pd.DataFrame):
            got = type(frame).__name__
            hint = message("val_not_a_frame", table=name, got=got)
            problems.append(Problem.of(name, None, None, got, Reason.UNREADABLE, hint, _DF))
            continue
        table, probs = _wrap(name, frame, _DF, 0)
        problems += probs
        if table is not None:
            tables[name] = table
    return tables, problems
