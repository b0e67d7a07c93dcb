"""Look-alike ids and invisible-only values, as Spark expressions (:mod:`relgraph.io.lookalike`).

Values are compared as a person reads them: NFKC-normalised, zero-width characters, word
joiners, byte-order marks and soft hyphens removed (:func:`relgraph.io.lookalike.canonical`).
Spark has no NFKC function, so the canonical form is a vectorised pandas UDF run on the
executors, and only on values holding a non-ASCII character (an ASCII value is its own
canonical form, up to surrounding blanks the reader has already stripped).
"""

from __future__ import annotations

import pandas as pd
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql.window import Window

from relgraph.errors import Reason
from relgraph.io.lookalike import INVISIBLE, canonical
from relgraph.io.schema import Column as SchemaColumn
from relgraph.spark._bag import Bag
from relgraph.spark.io import ROW

_NON_ASCII = r"[^\x00-\x7F]"


def _canonical_udf(c: Column) -> Column:
    @F.pandas_udf("string")  # type: ignore[attr-defined,untyped-decorator,unused-ignore]
    def canon(s: pd.Series) -> pd.Series:
        return s.map(lambda v: None if v is None else canonical(v))

    return canon(c)  # type: ignore[no-any-return]


def canonical_of(frame: DataFrame, column: str) -> DataFrame:
    """Add ``_key``: :func:`relgraph.io.lookalike.canonical` of ``column``.

    Only the rows holding a non-ASCII character go through the UDF (a filter, then a union
    with the others keyed by their own value), so ASCII tables never start Python workers.
    """
    c = F.col(f"`{column}`")
    odd = c.rlike(_NON_ASCII)
    plain = frame.where(~odd).withColumn("_key", c)
    return plain.unionByName(frame.where(odd).withColumn("_key", _canonical_udf(c)))


def shown(c: Column) -> Column:
    r"""Return the value with its invisible characters made visible (``p1\u200b``)."""
    out = c
    for ch in INVISIBLE:
        out = F.regexp_replace(out, ch, "\\\\" + f"u{ord(ch):04x}")
    return out


def identity_checks(bag: Bag, name: str, col: SchemaColumn) -> None:
    """Invisible-only required text, and ids that look like an earlier row's id."""
    c = F.col(f"`{col.name}`")
    if col.nonblank and col.type == "str":
        odd = bag.tables[name].where(c.rlike(_NON_ASCII))
        keyed = odd.withColumn("_key", _canonical_udf(c))
        bag.rows(
            name,
            F.col("_key") == "",
            col.name,
            Reason.BLANK,
            bag.say("val_invisible_blank", column=col.name),
            shown(c),
            frame=keyed,
        )
    if not col.unique:
        return
    frame = canonical_of(bag.tables[name], col.name)
    by_key = Window.partitionBy("_key").orderBy(ROW)
    by_value = Window.partitionBy(f"`{col.name}`").orderBy(ROW)
    first = Window.partitionBy("_key").orderBy(ROW).rowsBetween(Window.unboundedPreceding, 0)
    ranked = (
        frame.withColumn("_kr", F.row_number().over(by_key))
        .withColumn("_vr", F.row_number().over(by_value))
        .withColumn("_other", F.first(c).over(first))
        .withColumn("_orow", F.first(ROW).over(first))
    )
    look = (F.col("_kr") > 1) & (F.col("_vr") == 1) & ~(F.col("_key") == "")
    text = bag.say(
        "val_lookalike_id",
        column=col.name,
        value=shown(c),
        other=shown(F.col("_other")),
        row=F.col("_orow"),
    )
    bag.rows(name, look, col.name, Reason.LOOKALIKE_ID, text, shown(c), frame=ranked)
