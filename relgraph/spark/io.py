"""Read relgraph's tables into Spark: Parquet or CSV folders, paths, or Spark DataFrames.

Every value becomes text, exactly as :mod:`relgraph.io.read` makes it for the pandas
validator (blanks ``""``, surrounding white space stripped, whole floats without ``.0``,
booleans ``true``/``false``, dates ``YYYY-MM-DD``), so both validators see the same values.
Each table gets a ``_row`` column: the row number as :func:`relgraph.load` reports it (2 for
the first data row of a file, the header being row 1; 0-based positions for DataFrames).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relgraph.errors import Problem, Reason
from relgraph.io.discover import _DATA_SUFFIXES, _meant_table, _misnamed
from relgraph.io.schema import SCHEMAS
from relgraph.model import Settings
from relgraph.text import message

__all__ = ["ROW", "SparkTables", "read_tables", "row_numbers", "text_column"]

#: Name of the row-number column added to every table.
ROW = "_row"
_DF = "<DataFrame>"


@dataclass
class SparkTables:
    """relgraph's tables as Spark DataFrames of text, with row numbers.

    Attributes
    ----------
    frames : dict of str to pyspark.sql.DataFrame
        One DataFrame per table present, every column text plus ``_row``.
    sources : dict of str to str
        Where each table came from (a path or ``<DataFrame>``).
    problems : list of Problem
        Problems found while reading (a required table missing, repeated columns).
    settings : Settings
        The defaults the analyses use (as ``net.settings`` for a network); change them
        with :meth:`with_settings`.
    """

    frames: dict[str, Any]
    sources: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def with_settings(self, settings: Settings | None = None, **changes: Any) -> SparkTables:
        """Return the same tables with other settings (as ``net.with_settings``)."""
        base = self.settings if settings is None else settings
        new = base.replace(**changes) if changes else base
        return SparkTables(dict(self.frames), dict(self.sources), list(self.problems), new, {})

    def __getitem__(self, name: str) -> Any:
        return self.frames[name]

    def __contains__(self, name: object) -> bool:
        return name in self.frames

    def cache(self) -> SparkTables:
        """Cache every table in Spark (worth it before several jobs on the same input)."""
        for frame in self.frames.values():
            frame.cache()
        return self


def text_column(name: str, dtype: Any) -> Any:
    """Return a Spark column expression giving the text relgraph's reader would give.

    Parameters
    ----------
    name : str
        The column.
    dtype : pyspark.sql.types.DataType
        Its Spark type.

    Returns
    -------
    pyspark.sql.Column
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    c = F.col(f"`{name}`")
    if isinstance(dtype, T.StringType):
        text = c
    elif isinstance(dtype, T.BooleanType):
        text = F.when(c, F.lit("true")).otherwise(F.lit("false"))
    elif isinstance(dtype, (T.FloatType, T.DoubleType)):
        d = c.cast("double")
        whole = (~F.isnan(d)) & (F.abs(d) < 2.0**53) & (d == F.floor(d))
        text = F.when(whole, d.cast("bigint").cast("string")).otherwise(d.cast("string"))
    elif isinstance(dtype, (T.DateType, T.TimestampType, T.TimestampNTZType)):
        text = F.date_format(c, "yyyy-MM-dd")
    else:
        text = c.cast("string")
    # Python's str.strip(): every Unicode white space at either end
    return F.regexp_replace(F.coalesce(text, F.lit("")), r"(?U)^\s+|\s+$", "")


def row_numbers(frame: Any, first_row: int) -> Any:
    """Add ``_row``: position in the DataFrame's order plus ``first_row``, without a collect.

    Positions come from ``monotonically_increasing_id`` and the row count of every
    partition (one small aggregate), so the numbers are contiguous, in read order.
    """
    from pyspark.sql import functions as F

    tagged = frame.withColumn("_mid", F.monotonically_increasing_id()).withColumn(
        "_pid", F.spark_partition_id()
    )
    counts = tagged.groupBy("_pid").agg(F.count(F.lit(1)).alias("_n"), F.min("_mid").alias("_lo"))
    from pyspark.sql.window import Window

    w = Window.orderBy("_pid").rowsBetween(Window.unboundedPreceding, -1)
    offsets = counts.withColumn("_off", F.coalesce(F.sum("_n").over(w), F.lit(0)))
    out = tagged.join(F.broadcast(offsets.select("_pid", "_off", "_lo")), "_pid")
    out = out.withColumn(ROW, F.col("_off") + F.col("_mid") - F.col("_lo") + F.lit(first_row))
    return out.drop("_mid", "_pid", "_off", "_lo")


def _clean(name: str) -> str:
    return str(name).replace("\ufeff", "").strip().lower()


def _as_text(frame: Any, table: str, source: str, first_row: int) -> tuple[Any, list[Problem]]:
    names = [_clean(c) for c in frame.columns]
    names = [n or f"unnamed_{i + 1}" for i, n in enumerate(names)]
    dups = sorted({n for n in names if names.count(n) > 1})
    if dups:
        shown = ", ".join(repr(d) for d in dups)
        hint = message("val_duplicate_column", columns=shown)
        row = 1 if first_row == 2 else None
        return None, [
            Problem.of(table, row, dups[0], ", ".join(dups), Reason.DUPLICATE_COLUMN, hint, source)
        ]
    cols = [
        text_column(c, f.dataType).alias(n)
        for c, n, f in zip(frame.columns, names, frame.schema.fields, strict=True)
    ]
    return row_numbers(frame.select(*cols), first_row), []


def _repeated_csv_header(path: Path, table: str) -> list[Problem]:
    """Report a local CSV file whose header repeats a column (Spark's reader renames it)."""
    if path.suffix.lower() != ".csv" or not path.is_file():
        return []
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        header = next(csv.reader(f), [])
    names = [_clean(c) for c in header]
    dups = sorted({n for n in names if n and names.count(n) > 1})
    if not dups:
        return []
    hint = message("val_duplicate_column", columns=", ".join(repr(d) for d in dups))
    return [
        Problem.of(table, 1, dups[0], ", ".join(dups), Reason.DUPLICATE_COLUMN, hint, str(path))
    ]


def _read_path(spark: Any, path: Path) -> Any:
    if path.suffix.lower() == ".csv":
        return (
            spark.read.option("header", "true")
            .option("multiLine", "true")
            .option("escape", '"')
            .option("inferSchema", "false")
            .option("encoding", "UTF-8")
            .csv(str(path))
        )
    return spark.read.parquet(str(path))


def _find(folder: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for p in sorted(folder.iterdir()):
        stem, suffix = p.stem.strip().lower(), p.suffix.lower()
        if stem in SCHEMAS and suffix in (".parquet", ".csv"):
            if stem not in found or suffix == ".parquet":
                found[stem] = p
    return found


def _unknown_tables(given: Mapping[str, Any], base: Path | None) -> list[Problem]:
    """Tables named but not known (a mapping key), or files surely meant as an absent table."""
    if base is None:
        out = []
        for name in sorted(set(given) - set(SCHEMAS)):
            meant = _meant_table(name)
            dym = message("val_did_you_mean", near=meant) if meant else ""
            hint = message("val_unknown_table", table=name, dym=dym, tables=", ".join(SCHEMAS))
            out.append(Problem.of(name, None, None, "", Reason.UNKNOWN_TABLE, hint, _DF))
        return out
    out = []
    for p in sorted(base.iterdir()):
        stem = p.stem.strip().lower()
        if stem in SCHEMAS and p.suffix.lower() in (".parquet", ".csv"):
            continue
        meant = _meant_table(p.stem) if p.suffix.lower() in _DATA_SUFFIXES else None
        if meant is not None and meant not in given and not any(q.table == meant for q in out):
            out.append(_misnamed(p.name, p.stem, str(p), "file"))
    return out


def read_tables(spark: Any, source: str | Path | Mapping[str, Any]) -> SparkTables:
    """Read relgraph's tables for Spark from a folder, paths or Spark DataFrames.

    Parameters
    ----------
    spark : pyspark.sql.SparkSession
        The session.
    source : str, Path or mapping
        A folder holding ``<table>.parquet`` (a file or a Spark output folder) or
        ``<table>.csv`` per table (Parquet preferred when both exist); or a mapping of
        table name to a Spark DataFrame or to a path of one such file or folder.

    Returns
    -------
    SparkTables
        Every column as text, plus ``_row``, cached in Spark (each table is read once, by
        the first job that needs it). A missing required table is a problem in
        ``.problems`` (reported by :func:`relgraph.spark.validate`), not an exception.

    Notes
    -----
    CSV files are read as UTF-8 with quoted fields spanning lines allowed (each file is
    then read whole, in order); for large tables use Parquet. Row numbers follow Spark's
    read order, which is the file's order for one file per table.

    Examples
    --------
    >>> from relgraph.spark import read_tables                      # doctest: +SKIP
    >>> tables = read_tables(spark, "lake/accounts/")               # doctest: +SKIP
    >>> sorted(tables.frames)                                       # doctest: +SKIP
    ['opportunities', 'orgs', 'people', 'roles', 'ties']
    """
    if isinstance(source, Mapping):
        given = {_clean(k): v for k, v in source.items()}
        base: Path | None = None
    else:
        base = Path(source)
        given = dict(_find(base))
    frames: dict[str, Any] = {}
    sources: dict[str, str] = {}
    problems = _unknown_tables(given, base)
    for name, schema in SCHEMAS.items():
        item = given.get(name)
        if item is None:
            if schema.required and not any(p.table == name for p in problems):
                where = str(base / f"{name}.csv") if base is not None else _DF
                cols = ",".join(schema.required_columns)
                hint = message("val_missing_file", table=name, header=cols)
                problems.append(Problem.of(name, None, None, "", Reason.MISSING_TABLE, hint, where))
            continue
        if isinstance(item, (str, Path)):
            repeated = _repeated_csv_header(Path(item), name)
            if repeated:
                problems += repeated
                continue
            frame, src, first = _read_path(spark, Path(item)), str(item), 2
        else:
            frame, src, first = item, _DF, 0
        text, probs = _as_text(frame, name, src, first)
        problems += probs
        if text is not None:
            frames[name] = text.cache()
            sources[name] = src
    return SparkTables(frames, sources, problems)
