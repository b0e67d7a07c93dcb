"""The problem frames of one Spark validation run, and hints in the tables' language.

Private to :mod:`relgraph.spark.validate` and its rule modules. Every hint is a catalogue
sentence rendered in ``tables.settings.language`` (as :meth:`relgraph.errors.Problem.text`
renders the pandas validator's); :func:`hint` also fills placeholders from columns, so a
hint can name each row's own values without collecting anything.
"""

from __future__ import annotations

from typing import Any

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from relgraph.errors import Reason
from relgraph.spark.io import ROW, SparkTables
from relgraph.text import say

#: The Spark schema of a problem frame.
DDL = (
    "source string, table string, row bigint, column string, value string, reason string, "
    "hint string"
)
_MARK = "@@relgraph{}@@"


def hint(key: str, lang: str, **values: Any) -> Column:
    """Return the catalogue sentence ``key`` in ``lang`` as a column (values vary by row).

    Plain values are filled as :func:`relgraph.text.say` fills them. A Column value is put
    in per row; a ``{name!r}`` placeholder gets it between single quotes, as ``repr`` of a
    plain id would show it.
    """
    marks: dict[str, Column] = {}
    plain: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, Column):
            mark = _MARK.format(len(marks))
            marks[mark] = value
            plain[name] = _Marked(mark)
        else:
            plain[name] = value
    text = say(key, lang=lang, **plain)
    if not marks:
        return F.lit(text)
    parts: list[Column] = []
    rest = text
    while rest:
        at = min(((rest.find(m), m) for m in marks if m in rest), default=(-1, ""))
        if at[0] < 0:
            parts.append(F.lit(rest))
            break
        parts += [F.lit(rest[: at[0]]), F.coalesce(marks[at[1]].cast("string"), F.lit(""))]
        rest = rest[at[0] + len(at[1]) :]
    return F.concat(*parts)


class _Marked(str):
    """A placeholder marker whose ``repr`` is the marker between single quotes."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"'{self}'"


class Bag:
    """Problem frames of one run, each ``source, table, row, column, value, reason, hint``."""

    def __init__(self, tables: SparkTables) -> None:
        self.tables = tables
        self.lang = tables.settings.language
        self.parts: list[DataFrame] = []

    def say(self, key: str, **values: Any) -> Column:
        """:func:`hint` in this run's language."""
        return hint(key, self.lang, **values)

    def rows(
        self,
        table: str,
        where: Column,
        column: str | None,
        reason: Reason,
        text: Column,
        value: Column | None = None,
        frame: DataFrame | None = None,
    ) -> None:
        """One problem per row of ``frame`` (default: the table) where ``where`` holds."""
        f = self.tables[table] if frame is None else frame
        val = value if value is not None else (F.col(f"`{column}`") if column else F.lit(""))
        self.parts.append(
            f.where(where).select(
                F.lit(self.tables.sources.get(table, "")).alias("source"),
                F.lit(table).alias("table"),
                F.col(ROW).cast("bigint").alias("row"),
                F.lit(column).cast("string").alias("column"),
                F.substring(val.cast("string"), 1, 200).alias("value"),
                F.lit(str(reason)).alias("reason"),
                text.alias("hint"),
            )
        )

    def marked(
        self, table: str, rows: DataFrame, column: str | None, reason: Reason, text: Column
    ) -> None:
        """One problem per row of ``table`` whose ``_row`` is among ``rows``."""
        flags = rows.select(ROW).distinct().withColumn("_bad", F.lit(True))
        frame = self.tables[table].join(flags, ROW, "left")
        self.rows(table, F.col("_bad").isNotNull(), column, reason, text, frame=frame)

    def one(
        self, table: str, row: int | None, column: str | None, reason: Reason, text: str
    ) -> None:
        """Add one whole-table problem (a missing column, an empty table)."""
        spark = self.tables[table].sparkSession
        src = self.tables.sources.get(table, "")
        self.parts.append(
            spark.createDataFrame([(src, table, row, column, "", str(reason), text)], DDL)
        )
