"""Validation at scale: the pandas validator's rules as Spark DataFrame expressions.

The same rules and reason codes as :func:`relgraph.io.validate.validate_tables` (see that
module for the rules), each a filter on a Spark DataFrame; every problem row carries the
table, the row number as :func:`relgraph.load` reports it, the column, the value and a
reason code. Nothing is collected: the problems are one Spark DataFrame, capped per
(table, column, reason) with a final row counting the rest.

Not computed at scale: the "did you mean" suggestions of the pandas hints (the hints name
the rule and the valid words instead), and reporting cycles longer than ``cycle_depth``
people (default 8; the pandas validator finds cycles of any length). Hints are in the
tables' language (``tables.settings.language``). The look-alike and side rules
live in :mod:`relgraph.spark._identity` and :mod:`relgraph.spark._sides`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql.window import Window

from relgraph.checks import check_date, check_int
from relgraph.errors import Problem, Reason, ValidationError
from relgraph.io.schema import SCHEMAS
from relgraph.io.schema import Column as SchemaColumn
from relgraph.io.validate import MAX_PROBLEMS_PER_CHECK
from relgraph.model import ORG_KIND_SYNONYMS
from relgraph.spark import _convert as C
from relgraph.spark._bag import DDL, Bag
from relgraph.spark._identity import identity_checks
from relgraph.spark._sides import side_checks
from relgraph.spark.io import ROW, SparkTables
from relgraph.text import say

__all__ = ["PROBLEM_COLUMNS", "SparkProblems", "validate"]

#: Columns of :attr:`SparkProblems.frame` (those of :meth:`ValidationError.frame`).
PROBLEM_COLUMNS = ("source", "table", "row", "column", "value", "reason", "hint")
_FUTURE = {"updated", "since", "date"}
_DIRECTED = ("reports_to", "influences", "covers", "informs")
_SPLIT = r"\s*[;,；，|]\s*"


@dataclass(frozen=True)
class SparkProblems:
    """What :func:`validate` found, as Spark DataFrames (nothing collected).

    Attributes
    ----------
    frame : pyspark.sql.DataFrame
        Columns :data:`PROBLEM_COLUMNS`: at most ``limit`` rows per (table, column,
        reason), then one row (``row`` null) counting the rest.
    counts : pyspark.sql.DataFrame
        ``table, column, reason, n``: every problem counted.
    """

    frame: DataFrame
    counts: DataFrame

    def total(self) -> int:
        """How many problems there are in all (one small aggregate)."""
        row = self.counts.agg(F.sum("n").alias("n")).collect()[0]
        return int(row["n"] or 0)

    def raise_if_any(self) -> None:
        """Raise :class:`ValidationError` with the listed problems, if there are any."""
        rows = self.frame.orderBy("table", "row").collect()
        if rows:
            raise ValidationError(
                [
                    Problem(
                        r["table"],
                        r["row"],
                        r["column"],
                        r["value"],
                        Reason(r["reason"]),
                        r["hint"],
                        r["source"],
                    )
                    for r in rows
                ]
            )


def _range_text(col: SchemaColumn, lang: str) -> str:
    lo = None if col.lo is None else f"{col.lo:g}"
    hi = None if col.hi is None else f"{col.hi:g}"
    if lo is not None and hi is not None:
        return say("spark_range_both", lang=lang, lo=lo, hi=hi)
    if lo is not None:
        return say("spark_range_lo", lang=lang, lo=lo)
    return say("spark_range_hi", lang=lang, hi=hi) if hi is not None else ""


def _number_checks(bag: Bag, name: str, col: SchemaColumn, c: Column, filled: Column) -> None:
    """Report values that are not numbers, not whole (``int``) or out of the range."""
    rng = _range_text(col, bag.lang)
    num = C.number(c)
    bag.rows(
        name,
        filled & num.isNull(),
        col.name,
        Reason.NOT_A_NUMBER,
        bag.say("spark_hint_number", range=rng),
    )
    ok = filled & num.isNotNull()
    if col.type == "int":
        frac = ok & (num != F.floor(num))
        bag.rows(name, frac, col.name, Reason.NOT_AN_INTEGER, bag.say("spark_hint_int", range=rng))
        ok = ok & ~frac
    out = F.lit(False)
    if col.lo is not None:
        out = out | (num < F.lit(col.lo))
    if col.hi is not None:
        out = out | (num > F.lit(col.hi))
    bag.rows(
        name,
        ok & out,
        col.name,
        Reason.OUT_OF_RANGE,
        bag.say("spark_hint_range", column=col.name, range=rng),
    )


def _value_checks(bag: Bag, name: str, col: SchemaColumn, empty_row: Column, today: Any) -> None:
    c = F.col(f"`{col.name}`")
    filled = ~C.blank(c)
    if col.nonblank:
        bag.rows(
            name,
            C.blank(c) & ~empty_row,
            col.name,
            Reason.BLANK,
            bag.say("val_blank_required", column=col.name),
        )
    if col.type == "term":
        choices = ", ".join(sorted(set((col.vocab or {}).values())))
        bag.rows(
            name,
            filled & C.term(c, col.vocab or {}).isNull(),
            col.name,
            Reason.UNKNOWN_TERM,
            bag.say("spark_hint_term", column=col.name, choices=choices),
        )
    elif col.type in ("int", "float"):
        _number_checks(bag, name, col, c, filled)
    elif col.type == "bool":
        bag.rows(
            name,
            filled & C.boolean(c).isNull(),
            col.name,
            Reason.NOT_A_BOOLEAN,
            bag.say("val_boolean"),
        )
    elif col.type == "date":
        d = C.date(c)
        bag.rows(name, filled & d.isNull(), col.name, Reason.BAD_DATE, bag.say("val_bad_date"))
        if col.name in _FUTURE:
            bag.rows(
                name,
                filled & (d > F.lit(today)),
                col.name,
                Reason.FUTURE_DATE,
                bag.say("val_future_date", today=today.isoformat()),
            )
    if col.unique:
        w = Window.partitionBy(f"`{col.name}`").orderBy(ROW)
        ranked = bag.tables[name].withColumn("_k", F.row_number().over(w))
        ranked = ranked.withColumn("_first", F.first(ROW).over(w))
        bag.rows(
            name,
            filled & (F.col("_k") > 1),
            col.name,
            Reason.DUPLICATE_ID,
            bag.say("val_duplicate_id", column=col.name, value=c, row=F.col("_first")),
            frame=ranked,
        )
        identity_checks(bag, name, col)
    elif col.nonblank and col.type == "str":
        identity_checks(bag, name, col)


def _table_checks(bag: Bag, name: str, today: Any) -> bool:
    """Structure and value checks of one table; False when cross-table checks must skip it."""
    schema, frame, src = SCHEMAS[name], bag.tables[name], bag.tables.sources.get(name, "")
    missing = [c for c in schema.required_columns if c not in frame.columns]
    header = 1 if src != "<DataFrame>" else None
    for absent in missing:
        hint = say(
            "spark_hint_missing_column",
            lang=bag.lang,
            column=absent,
            header=",".join(schema.required_columns),
        )
        bag.one(name, header, absent, Reason.MISSING_COLUMN, hint)
    empty = len(frame.limit(1).collect()) == 0
    if empty:
        if schema.required:
            hint = say("val_no_rows", lang=bag.lang, table=name)
            bag.one(name, None, None, Reason.EMPTY_TABLE, hint)
        return not missing and not schema.required
    empty_row = F.lit(True)
    for text in [c for c in frame.columns if c != ROW]:
        empty_row = empty_row & C.blank(F.col(f"`{text}`"))
    bag.rows(name, empty_row, None, Reason.BLANK, bag.say("val_blank_row"), F.lit(""))
    for col in schema.columns:
        if col.name in frame.columns:
            _value_checks(bag, name, col, empty_row, today)
    return not missing


def _kinds(tables: SparkTables) -> DataFrame:
    """``oid, okind``: each org id's canonical kind (first row wins, null when unknown)."""
    orgs = tables["orgs"]
    w = Window.partitionBy("id").orderBy(ROW)
    first = orgs.withColumn("_k", F.row_number().over(w)).where(F.col("_k") == 1)
    return first.select(
        F.col("id").alias("oid"), C.term(F.col("kind"), ORG_KIND_SYNONYMS).alias("okind")
    )


def _ref_checks(bag: Bag, ok: set[str], failed: set[str]) -> None:
    """Unknown references, also inside ``;``-lists (one problem per row)."""
    tables = bag.tables
    for name in sorted(ok, key=list(SCHEMAS).index):
        for col in SCHEMAS[name].columns:
            if col.ref is None or (col.ref not in ok and (col.ref in tables or col.ref in failed)):
                continue
            frame = tables[name]
            if col.ref in ok:
                known = tables[col.ref].select(F.col("id").alias("_id")).distinct()
            else:
                known = frame.sparkSession.createDataFrame([], "_id string")
            c = F.col(f"`{col.name}`")
            if col.type == "list":
                pieces = frame.select(ROW, F.explode(F.split(c, _SPLIT)).alias("_id"))
                pieces = pieces.where(F.col("_id") != "")
                bad = pieces.join(known, "_id", "left_anti").select(ROW).distinct()
            else:
                bad = frame.where(~C.blank(c)).select(ROW, c.alias("_id"))
                bad = bad.join(known, "_id", "left_anti").select(ROW)
            hint = bag.say("spark_hint_reference", column=col.name, table=col.ref)
            bag.marked(name, bad, col.name, Reason.UNKNOWN_REFERENCE, hint)


def _canonical(name: str, column: str) -> Column:
    col = SCHEMAS[name].column(column)
    c = F.col(f"`{column}`")
    return C.term(c, col.vocab or {}) if col.type == "term" else c


def _key_duplicates(bag: Bag, ok: set[str]) -> None:
    """Rows repeating a table's key, comparing canonical words; unknown references skipped."""
    tables = bag.tables
    for name in sorted(ok, key=list(SCHEMAS).index):
        schema = SCHEMAS[name]
        if not schema.key:
            continue
        frame = tables[name]
        keys = [_canonical(name, k).alias(f"_k{i}") for i, k in enumerate(schema.key)]
        keyed = frame.select("*", *keys)
        known_all = F.lit(True)
        for i, k in enumerate(schema.key):
            ref = schema.column(k).ref
            if ref is not None and ref in ok:
                ids = tables[ref].select(F.col("id").alias(f"_k{i}")).distinct()
                keyed = keyed.join(ids.withColumn(f"_in{i}", F.lit(True)), f"_k{i}", "left")
                known_all = known_all & F.col(f"_in{i}").isNotNull()
        w = Window.partitionBy(*[f"_k{i}" for i in range(len(schema.key))]).orderBy(ROW)
        ranked = keyed.withColumn("_rank", F.row_number().over(w))
        text = F.concat_ws(" / ", *[F.col(f"`{k}`") for k in schema.key])
        hint = bag.say("val_duplicate_row", columns=", ".join(schema.key))
        bag.rows(
            name,
            (F.col("_rank") > 1) & known_all,
            None,
            Reason.DUPLICATE_ROW,
            hint,
            text,
            frame=ranked,
        )


def _kind_rule(
    bag: Bag, kinds: DataFrame, table: str, column: str, expected: str, hint: str
) -> None:
    """Report ids naming an org of another kind than ``expected`` (unknown kinds apart)."""
    f = bag.tables[table].join(kinds, F.col(column) == F.col("oid"), "left")
    wrong = F.col("okind").isNotNull() & (F.col("okind") != expected)
    text = bag.say(hint, value=F.col(column), kind=F.col("okind"))
    bag.rows(table, wrong, column, Reason.WRONG_ORG_KIND, text, frame=f)


def _org_kind_checks(bag: Bag, ok: set[str]) -> None:
    tables = bag.tables
    if "orgs" not in ok:
        return
    kinds = _kinds(tables)
    if "people" in ok:
        _kind_rule(bag, kinds, "people", "supports", "competitor", "val_supports_kind")
        sup = C.number(F.col("support"))
        valid = sup.isNotNull() & (sup == F.floor(sup)) & (sup >= 1) & (sup <= 3)
        bag.rows(
            "people",
            valid & C.blank(F.col("supports")),
            "support",
            Reason.INCONSISTENT,
            bag.say("val_support_without_supports"),
        )
    if "opportunities" in ok:
        _kind_rule(bag, kinds, "opportunities", "account", "customer", "val_account_kind")
        opp = tables["opportunities"]
        if "competitors" in opp.columns:
            pieces = opp.select(ROW, F.explode(F.split(F.col("competitors"), _SPLIT)).alias("oid"))
            bad = pieces.join(kinds, "oid").where(
                F.col("okind").isNotNull() & (F.col("okind") != "competitor")
            )
            hint = bag.say("val_competitors_kind")
            bag.marked("opportunities", bad, "competitors", Reason.WRONG_ORG_KIND, hint)
    if "people" in ok:
        _party_checks(bag, ok, kinds)


def _party_checks(bag: Bag, ok: set[str], kinds: DataFrame) -> None:
    """Covers ties start at our people; interactions join ours to outside people."""
    tables = bag.tables
    w = Window.partitionBy("id").orderBy(ROW)
    people = tables["people"].withColumn("_k", F.row_number().over(w)).where(F.col("_k") == 1)
    party = people.join(kinds, F.col("org") == F.col("oid"), "left").select(
        F.col("id").alias("_pid"), F.col("okind").alias("_party"), F.col("org").alias("_porg")
    )
    side_checks(bag, ok, party)
    if "ties" in ok:
        t = tables["ties"]
        covers = _canonical("ties", "kind") == "covers"
        tp = t.join(party, F.col("source") == F.col("_pid"), "left")
        bag.rows(
            "ties",
            covers & F.col("_party").isNotNull() & (F.col("_party") != "us"),
            "source",
            Reason.WRONG_ORG_KIND,
            bag.say("val_covers_source"),
            frame=tp,
        )
    if "interactions" in ok:
        log = tables["interactions"]
        lp = log.join(party, F.col("our_person") == F.col("_pid"), "left")
        bag.rows(
            "interactions",
            F.col("_party").isNotNull() & (F.col("_party") != "us"),
            "our_person",
            Reason.WRONG_ORG_KIND,
            bag.say("val_our_person_kind", value=F.col("our_person"), kind=F.col("_party")),
            frame=lp,
        )
        pieces = log.select(ROW, F.explode(F.split("their_people", _SPLIT)).alias("_pid"))
        ours = pieces.join(party.where(F.col("_party") == "us"), "_pid")
        hint = bag.say("val_their_people_ours")
        bag.marked("interactions", ours, "their_people", Reason.WRONG_ORG_KIND, hint)


def _tie_checks(bag: Bag, cycle_depth: int) -> None:
    """Self ties, personal ties given both ways, two managers, reporting cycles."""
    t = bag.tables["ties"].withColumn("_kind", _canonical("ties", "kind"))
    s, g = F.col("source"), F.col("target")
    self_tie = (s == g) & ~C.blank(s)
    bag.rows("ties", self_tie, "target", Reason.SELF_TIE, bag.say("val_self_tie"), frame=t)
    personal = F.col("_kind").isNotNull() & ~F.col("_kind").isin(*_DIRECTED)
    same = Window.partitionBy("source", "target", "_kind").orderBy(ROW)
    both = Window.partitionBy(F.least(s, g), F.greatest(s, g), "_kind").orderBy(ROW)
    p = t.where(personal).withColumn("_same", F.row_number().over(same))
    p = p.withColumn("_both", F.row_number().over(both))
    pair = F.concat(s, F.lit(" ↔ "), g, F.lit(" ("), F.col("kind"), F.lit(")"))
    bag.rows(
        "ties",
        (F.col("_both") > 1) & (F.col("_same") == 1),
        None,
        Reason.DUPLICATE_ROW,
        bag.say("spark_hint_both_ways"),
        pair,
        frame=p,
    )
    rep = t.where((F.col("_kind") == "reports_to") & ~self_tie)
    per = Window.partitionBy("source")
    rep = rep.withColumn("_n", F.size(F.collect_set("target").over(per)))
    bag.rows(
        "ties",
        F.col("_n") > 1,
        "source",
        Reason.TWO_MANAGERS,
        bag.say("spark_hint_two_managers"),
        frame=rep,
    )
    first = rep.withColumn("_k", F.row_number().over(per.orderBy(ROW))).where(F.col("_k") == 1)
    _cycles(bag, first.select(F.col(ROW), "source", "target"), cycle_depth)


def _cycles(bag: Bag, first: DataFrame, depth: int) -> None:
    """Cycles of the reporting graph (each person's first manager) of up to ``depth`` people."""
    parent = first.select(F.col("source").alias("_at"), F.col("target").alias("_next"))
    walk = first.select(
        F.col("source").alias("start"),
        F.col("target").alias("_at"),
        F.array("source").alias("seen"),
    )
    found: list[DataFrame] = []
    parent = parent.cache()
    for _ in range(depth):
        back = walk.where(F.col("_at") == F.col("start"))
        found.append(back.select("start", "seen"))
        walk = walk.where(~F.array_contains("seen", F.col("_at")))
        walk = walk.join(parent, "_at").select(
            "start", F.col("_next").alias("_at"), F.concat("seen", F.array("_at")).alias("seen")
        )
    cyc = found[0]
    for f in found[1:]:
        cyc = cyc.unionByName(f)
    members = cyc.select(F.array_min("seen").alias("cycle"), F.explode("seen").alias("source"))
    rows = members.join(first, "source").groupBy("cycle").agg(F.min(ROW).alias(ROW))
    bag.marked("ties", rows, "target", Reason.REPORTING_CYCLE, bag.say("spark_hint_cycle"))


def _filled(tables: SparkTables) -> SparkTables:
    """Return the tables with every known column present (blank where not given)."""
    frames = {}
    for name, frame in tables.frames.items():
        absent = [c.name for c in SCHEMAS[name].columns if c.name not in frame.columns]
        frames[name] = frame.select("*", *[F.lit("").alias(c) for c in absent])
    return SparkTables(frames, tables.sources, tables.problems, tables.settings)


def validate(
    tables: SparkTables,
    *,
    today: _dt.date | str | None = None,
    limit: int = MAX_PROBLEMS_PER_CHECK,
    cycle_depth: int = 8,
) -> SparkProblems:
    """Check firm-size tables in Spark with the rules of :func:`relgraph.load`.

    Parameters
    ----------
    tables : SparkTables
        As read by :func:`relgraph.spark.read_tables`.
    today : datetime.date or str, optional
        Dates after this are rejected (default: today).
    limit : int
        At most this many rows are listed per (table, column, reason); one more row
        counts the rest (the pandas validator's cap).
    cycle_depth : int
        Longest reporting cycle looked for (people in the cycle).

    Returns
    -------
    SparkProblems
        ``.frame`` (the problems: source, table, row, column, value, reason, hint),
        ``.counts`` (every problem counted), ``.total()`` and ``.raise_if_any()``.

    Notes
    -----
    Same reason codes and the same (table, row, column) as the pandas validator for its
    rules: missing tables and columns, empty tables, blank rows and values, numbers (type,
    whole, range), flags, dates (readable, not in the future), vocabulary words (English,
    Chinese and CRM synonyms), duplicate ids, repeated keys (in canonical words), personal
    ties given both ways, unknown references (also inside ``;``-lists), org kinds
    (``supports``, ``account``, ``competitors``, ``covers`` sources, interaction parties),
    ``support`` without ``supports``, buying roles held by our people or a competitor's,
    reporting lines across sides, self ties, two managers and reporting cycles; look-alike
    ids (NFKC, invisible characters removed) and values made only of invisible characters.
    Hints are in ``tables.settings.language`` and name no "did you mean" suggestion. Rules
    on a file's bytes or a workbook's XML (``encoding``, ``field_count``, ``excel_error``,
    ``uncached_formula``) do not apply to Spark's input (``docs/scaling-out.md``).

    Examples
    --------
    >>> from relgraph.spark import read_tables, validate                 # doctest: +SKIP
    >>> found = validate(read_tables(spark, "lake/"), today="2026-11-30")  # doctest: +SKIP
    >>> found.total(), found.frame.show()                                 # doctest: +SKIP
    """
    day = check_date("today", today)
    limit = check_int("limit", limit, minimum=1)
    cycle_depth = check_int("cycle_depth", cycle_depth, minimum=1)
    bag = Bag(tables)
    failed = {p.table for p in tables.problems}
    ok = {name for name in tables.frames if _table_checks(bag, name, day)}
    bag.tables = _filled(tables)
    _ref_checks(bag, ok, failed)
    _key_duplicates(bag, ok)
    _org_kind_checks(bag, ok)
    if "ties" in ok:
        _tie_checks(bag, cycle_depth)
    return _assemble(bag, tables, limit)


def _assemble(bag: Bag, tables: SparkTables, limit: int) -> SparkProblems:
    """Union every rule's problems (with the reader's), list the first and count them all."""
    spark = next(iter(tables.frames.values())).sparkSession if tables.frames else None
    if spark is None:
        raise ValidationError(tables.problems)
    parts = list(bag.parts)
    if tables.problems:
        rows = [
            (p.source, p.table, p.row, p.column, p.value, str(p.reason), p.text(bag.lang))
            for p in tables.problems
        ]
        parts.append(spark.createDataFrame(rows, DDL))
    while len(parts) > 1:  # pairwise: each union re-analyses its inputs, so keep them small
        pairs = [parts[i].union(parts[i + 1]) for i in range(0, len(parts) - 1, 2)]
        parts = pairs + parts[len(pairs) * 2 :]
    allp = parts[0].localCheckpoint()
    key = ["table", "column", "reason"]
    w = Window.partitionBy(*key).orderBy(F.col("row").asc_nulls_first())
    ranked = allp.withColumn("_k", F.row_number().over(w))
    counts = allp.groupBy(*key).agg(F.count(F.lit(1)).alias("n"))
    more = counts.where(F.col("n") > limit).join(
        allp.groupBy(*key).agg(F.first("source").alias("source")), key
    )
    extra = more.select(
        "source",
        "table",
        F.lit(None).cast("bigint").alias("row"),
        "column",
        F.lit("").alias("value"),
        "reason",
        F.format_string(say("spark_more_rows", lang=bag.lang), F.col("n") - F.lit(limit)).alias(
            "hint"
        ),
    )
    shown = ranked.where(F.col("_k") <= limit).drop("_k").unionByName(extra)
    return SparkProblems(shown.select(*PROBLEM_COLUMNS), counts)
