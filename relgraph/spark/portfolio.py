"""Portfolio analyses on Spark: the single-machine analyses for every account in one job.

The firm-wide tables are cut into one slice per account (:func:`account_slices`), the
slices are grouped by account, and each group runs the existing public function
(:func:`relgraph.coverage`, :func:`relgraph.recommend_targets`, :func:`relgraph.leverage`)
on a :class:`relgraph.RelationshipNetwork` built from its slice, with ``applyInPandas``.
Each result is one Spark DataFrame: the single-machine columns, after ``account`` and
``opportunity``.

**The account's slice.** The account's people (``org`` = the account) and the role holders
of its opportunities; everyone within ``depth`` ties of them (2 by default), never
expanding through our own people; every one of our people (org kind ``us``), since owners
and sponsors come from the whole team; the people named by a touchpoint with any of them;
the orgs these people belong to or back, the account and the competitors its
opportunities name; the ties between two people of the slice; the account's
opportunities, their roles, and the affiliations and touchpoints of the slice's people.
Every row keeps its order in the input, so the network is the one
:func:`relgraph.load` builds from the same rows.

**Type mapping** (pandas → Spark): text → ``string``; ``float64`` → ``double``;
``int64``/``Int64`` → ``bigint`` (null for NA); ``bool`` → ``boolean``;
``datetime64`` → ``timestamp`` (UTC, midnight). None of these four analyses returns a
tuple column (route paths are rendered as text in ``route``).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from relgraph.analysis.coverage import GAP_COLUMNS, PEOPLE_COLUMNS, SUMMARY_COLUMNS
from relgraph.analysis.tiering import TIER_COLUMNS
from relgraph.checks import check_bool, check_date, check_float, check_int
from relgraph.io.schema import SCHEMAS
from relgraph.model import ORG_KIND_SYNONYMS
from relgraph.spark import _convert as C
from relgraph.spark.io import ROW, SparkTables

__all__ = [
    "LEVERAGE_TYPES",
    "TARGET_TYPES",
    "CoverageFrames",
    "account_slices",
    "coverage",
    "leverage",
    "recommend_targets",
    "tier_customers",
]

_S, _D, _L, _B, _TS = "string", "double", "bigint", "boolean", "timestamp"
_A = "array<string>"

#: Spark type of each column of :func:`relgraph.leverage`.
LEVERAGE_TYPES: dict[str, str] = {
    "person": _S,
    "name": _S,
    "party": _S,
    "org": _S,
    "roles": _S,
    "power": _D,
    "attitude": _L,
    "predicted": _D,
    "leverage": _D,
    "contribution": _D,
    "backs": _S,
    "competitor_share": _D,
    "why": _S,
}
#: Spark type of each column of :func:`relgraph.recommend_targets`.
TARGET_TYPES: dict[str, str] = {
    "rank": _L,
    "person": _S,
    "name": _S,
    "objective": _S,
    "competitor": _S,
    "sways": _S,
    "level": _L,
    "attitude": _L,
    "goal": _L,
    "move": _L,
    "leverage": _D,
    "reach": _D,
    "feasibility": _D,
    "gain": _D,
    "expected": _D,
    "owner_a": _S,
    "owner_b": _S,
    "sponsor": _S,
    "route": _S,
    "path": _A,
    "do_not_contact": _B,
    "why": _S,
}
_PEOPLE_TYPES: dict[str, str] = {
    **dict.fromkeys(PEOPLE_COLUMNS, _S),
    "level": _D,
    "power": _D,
    "attitude": _L,
    "backing": _D,
    "leverage": _D,
    "hidden": _B,
    "n_owners": _L,
    "n_channels": _L,
    "route_strength": _D,
    "last_contact": _TS,
    "updated": _TS,
    "stale": _B,
    "do_not_contact": _B,
    "faction": _D,
}
_SUMMARY_TYPES: dict[str, str] = {
    **dict.fromkeys(SUMMARY_COLUMNS, _S),
    "index": _D,
    "supporters": _L,
    "power_share": _D,
    "top_level": _L,
    "many": _D,
    "deep": _D,
    "long_years": _D,
}
_GAP_TYPES: dict[str, str] = dict.fromkeys(GAP_COLUMNS, _S)
_TIER_TYPES: dict[str, str] = {
    **dict.fromkeys(TIER_COLUMNS, _D),
    "rank": _L,
    "account": _S,
    "name": _S,
    "tier": _S,
    "why": _S,
}
_KEYS = {"account": _S, "opportunity": _S}


def _ddl(types: Mapping[str, str]) -> str:
    return ", ".join(f"`{c}` {t}" for c, t in types.items())


def _conform(frame: pd.DataFrame, types: Mapping[str, str]) -> pd.DataFrame:
    """Columns in order with types Arrow maps onto the declared Spark types."""
    out = pd.DataFrame(index=frame.index)
    for col, kind in types.items():
        s = frame[col] if col in frame.columns else pd.Series([None] * len(frame))
        if kind == _S:
            out[col] = s.astype(object).where(s.notna(), None)
        elif kind == _L:
            out[col] = pd.to_numeric(s, errors="coerce").astype("Int64")
        elif kind == _D:
            out[col] = pd.to_numeric(s, errors="coerce").astype(float)
        elif kind == _B:
            out[col] = s.astype("boolean")
        elif kind == _A:
            out[col] = [None if v is None else [str(x) for x in v] for v in s.tolist()]
        else:
            out[col] = pd.to_datetime(s)
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------- slicing
def _ids(frame: DataFrame, column: str, alias: str = "id") -> DataFrame:
    return frame.select(F.col(column).alias(alias))


def account_slices(tables: SparkTables, *, depth: int = 2) -> DataFrame:
    """Which person belongs to which account's slice (see the module's notes).

    Parameters
    ----------
    tables : SparkTables
        Validated firm-wide tables.
    depth : int
        How many ties away from the account's people the slice reaches.

    Returns
    -------
    pyspark.sql.DataFrame
        ``account, id``: one row per (account, person of its slice).
    """
    depth = check_int("depth", depth, minimum=0)
    people, orgs, opps = tables["people"], tables["orgs"], tables["opportunities"]
    kind = orgs.select(
        F.col("id").alias("org"), C.term(F.col("kind"), ORG_KIND_SYNONYMS).alias("party")
    )
    ours = people.join(kind.where(F.col("party") == "us"), "org").select("id")
    accounts = opps.select("account").distinct()
    seeds = people.join(accounts.withColumnRenamed("account", "org"), "org").select(
        F.col("org").alias("account"), "id"
    )
    if "roles" in tables:
        holders = tables["roles"].join(
            opps.select(F.col("id").alias("opportunity"), "account"), "opportunity"
        )
        seeds = seeds.unionByName(holders.select("account", F.col("person").alias("id")))
    seeds = seeds.distinct()
    if "ties" in tables and depth > 0:
        t = tables["ties"]
        both = t.select(F.col("source").alias("a"), F.col("target").alias("b")).unionByName(
            t.select(F.col("target").alias("a"), F.col("source").alias("b"))
        )
        both = both.join(ours.withColumnRenamed("id", "a"), "a", "left_anti")
        front, slice_ = seeds, seeds
        for _ in range(depth):
            nxt = front.join(both.withColumnRenamed("a", "id"), "id").select(
                "account", F.col("b").alias("id")
            )
            front = nxt.join(slice_, ["account", "id"], "left_anti").distinct().localCheckpoint()
            slice_ = slice_.unionByName(front)
        seeds = slice_
    seeds = seeds.unionByName(accounts.crossJoin(ours))
    if "interactions" in tables:
        log = tables["interactions"].select(
            F.col(ROW).alias("_ir"),
            F.split(F.col("their_people"), r"\s*[;,；，|]\s*").alias("who"),
        )
        named = log.select("_ir", F.explode("who").alias("id")).where(F.col("id") != "")
        touched = named.join(seeds, "id").select("account", "_ir").distinct()
        seeds = seeds.unionByName(touched.join(named, "_ir").select("account", "id"))
    return seeds.distinct().localCheckpoint()


def _pack(rows: DataFrame, name: str, cols: list[str]) -> DataFrame:
    """Return a table's rows (joined to their account) as ``account, tbl, _row, cells``."""
    cells = F.array(*[F.col(f"`{c}`") for c in cols]).alias("cells")
    return rows.select("account", F.lit(name).alias("tbl"), F.col(ROW), cells)


def _split(column: str) -> Any:
    return F.explode(F.split(F.col(column), r"\s*[;,；，|]\s*"))


def _org_ids(tables: SparkTables, members: DataFrame) -> DataFrame:
    """``account, id``: the orgs each slice needs (its people's, backed, account, competitors)."""
    people, opps = tables["people"], tables["opportunities"]
    mine = members.join(people, "id")
    out = mine.select("account", F.col("org").alias("id"))
    if "supports" in people.columns:
        out = out.unionByName(mine.select("account", F.col("supports").alias("id")))
    out = out.unionByName(opps.select("account", F.col("account").alias("id")))
    if "competitors" in opps.columns:
        out = out.unionByName(opps.select("account", _split("competitors").alias("id")))
    return out.where(F.col("id") != "").distinct()


def _packed(tables: SparkTables, depth: int) -> tuple[DataFrame, dict[str, list[str]]]:
    """Every slice's rows as ``account, tbl, _row, cells`` (text), and each table's columns.

    Computed once per tables and depth (checkpointed), so several analyses share it.
    """
    key = ("packed", depth)
    if key not in tables.memo:
        tables.memo[key] = _pack_all(tables, depth)
    packed: tuple[DataFrame, dict[str, list[str]]] = tables.memo[key]
    return packed


def _pack_all(tables: SparkTables, depth: int) -> tuple[DataFrame, dict[str, list[str]]]:
    members = account_slices(tables, depth=depth)
    cols = {n: [c for c in f.columns if c != ROW] for n, f in tables.frames.items()}
    opps = tables["opportunities"]
    accounts = opps.select(F.col("id").alias("opportunity"), "account")
    parts = [
        _pack(members.join(tables["people"], "id"), "people", cols["people"]),
        _pack(_org_ids(tables, members).join(tables["orgs"], "id"), "orgs", cols["orgs"]),
        _pack(opps, "opportunities", cols["opportunities"]),
    ]
    if "ties" in tables:
        a = members.withColumnRenamed("id", "source")
        b = members.withColumnRenamed("id", "target")
        rows = tables["ties"].join(a, "source").join(b, ["account", "target"])
        parts.append(_pack(rows, "ties", cols["ties"]))
    if "roles" in tables:
        parts.append(_pack(tables["roles"].join(accounts, "opportunity"), "roles", cols["roles"]))
    if "affiliations" in tables:
        rows = tables["affiliations"].join(members.withColumnRenamed("id", "person"), "person")
        parts.append(_pack(rows, "affiliations", cols["affiliations"]))
    if "interactions" in tables:
        log = tables["interactions"]
        rows = log.join(members.withColumnRenamed("id", "our_person"), "our_person")
        parts.append(_pack(rows, "interactions", cols["interactions"]))
    out = parts[0]
    for p in parts[1:]:
        out = out.unionByName(p)
    return out.localCheckpoint(), cols


def _network(
    group: pd.DataFrame, cols: Mapping[str, list[str]], settings: Any, today: _dt.date
) -> Any:
    from relgraph.network import RelationshipNetwork

    frames: dict[str, pd.DataFrame | None] = {}
    for name in SCHEMAS:
        if name not in cols:
            frames[name] = None
            continue
        sub = group[group["tbl"] == name].sort_values(ROW, kind="stable")
        rows = [list(c) for c in sub["cells"]]
        frames[name] = pd.DataFrame(rows, columns=cols[name], dtype=object).astype(str)
    return RelationshipNetwork.from_frames(**frames, settings=settings, today=today)  # type: ignore[arg-type]


def _run(
    tables: SparkTables,
    analysis: Callable[[Any, str], pd.DataFrame],
    types: Mapping[str, str],
    depth: int,
    today: _dt.date,
) -> DataFrame:
    packed, cols = _packed(tables, depth)
    settings = tables.settings
    schema = {**_KEYS, **types}

    def per_account(group: pd.DataFrame) -> pd.DataFrame:
        account = str(group["account"].iloc[0])
        net = _network(group, cols, settings, today)
        opps = net.opportunities
        out = []
        for opp in opps.loc[opps["account"].astype(str) == account, "id"].astype(str):
            res = analysis(net, opp)
            res.insert(0, "opportunity", opp)
            res.insert(0, "account", account)
            out.append(_conform(res, schema))
        if not out:
            return _conform(pd.DataFrame(columns=list(schema)), schema)
        return pd.concat(out, ignore_index=True)

    return packed.groupBy("account").applyInPandas(per_account, _ddl(schema))


def _today() -> _dt.date:
    return _dt.date.today()


def leverage(tables: SparkTables, *, depth: int = 2, include_sensitive: bool = False) -> DataFrame:
    """:func:`relgraph.leverage` for every opportunity of every account, in one job.

    Parameters
    ----------
    tables : SparkTables
        Validated firm-wide tables; ``tables.settings`` are used.
    depth : int
        Reach of each account's slice in ties (see the module's notes).
    include_sensitive : bool
        Also list people known only through sensitive ties (left out by default, as
        :func:`relgraph.leverage` does; the others' numbers are the same either way).

    Returns
    -------
    pyspark.sql.DataFrame
        ``account, opportunity`` and the columns of :func:`relgraph.leverage`
        (:data:`LEVERAGE_TYPES`), one row per person of the account's slice.

    Examples
    --------
    >>> from relgraph.spark import leverage, read_tables           # doctest: +SKIP
    >>> leverage(read_tables(spark, "lake/")).where("leverage > 0.1").show()  # doctest: +SKIP
    """
    from relgraph.analysis.influence import leverage as single

    depth = check_int("depth", depth, minimum=0)
    sens = check_bool("include_sensitive", include_sensitive)

    def one(net: Any, opp: str) -> pd.DataFrame:
        return single(net, opp, include_sensitive=sens)

    return _run(tables, one, LEVERAGE_TYPES, depth, _today())


def recommend_targets(
    tables: SparkTables,
    *,
    k: int | None = None,
    capacity: int | None = None,
    hours: float = 40.0,
    max_load: int = 8,
    include_sensitive: bool = False,
    as_of: _dt.date | str | None = None,
    depth: int = 2,
) -> DataFrame:
    """:func:`relgraph.recommend_targets` for every opportunity of every account, in one job.

    Parameters
    ----------
    tables : SparkTables
        Validated firm-wide tables; ``tables.settings`` are used.
    k, capacity, hours, max_load, include_sensitive, as_of
        As for :func:`relgraph.recommend_targets`, the same for every opportunity
        (``capacity`` as a number of targets; ``as_of`` defaults to today).
    depth : int
        Reach of each account's slice in ties (see the module's notes).

    Returns
    -------
    pyspark.sql.DataFrame
        ``account, opportunity`` and the columns of :func:`relgraph.recommend_targets`
        (:data:`TARGET_TYPES`).

    Examples
    --------
    >>> from relgraph.spark import recommend_targets              # doctest: +SKIP
    >>> recommend_targets(tables, k=5, as_of="2026-11-20").show()  # doctest: +SKIP
    """
    from relgraph.analysis.targets import recommend_targets as single

    opts: dict[str, Any] = {
        "k": None if k is None else check_int("k", k, minimum=1),
        "capacity": None if capacity is None else check_int("capacity", capacity, minimum=0),
        "hours": check_float("hours", hours, minimum=0, open_minimum=True),
        "max_load": check_int("max_load", max_load, minimum=1),
        "include_sensitive": check_bool("include_sensitive", include_sensitive),
        "as_of": check_date("as_of", as_of),
    }
    depth = check_int("depth", depth, minimum=0)

    def run(net: Any, opp: str) -> pd.DataFrame:
        return single(net, opp, **opts)

    return _run(tables, run, TARGET_TYPES, depth, _today())


@dataclass(frozen=True)
class CoverageFrames:
    """:func:`relgraph.coverage` for a whole portfolio: one Spark DataFrame per part.

    Attributes
    ----------
    gaps, people, summary : pyspark.sql.DataFrame
        ``account, opportunity`` and the columns of :attr:`CoverageReport.gaps`,
        ``.people`` and ``.summary``. Each is its own job when read (call ``.cache()`` on
        one before reading it twice).
    """

    gaps: DataFrame
    people: DataFrame
    summary: DataFrame


def coverage(
    tables: SparkTables,
    *,
    as_of: _dt.date | str | None = None,
    key_power: float = 0.5,
    include_sensitive: bool = False,
    seed: int = 0,
    with_factions: bool | None = None,
    depth: int = 2,
) -> CoverageFrames:
    """:func:`relgraph.coverage` for every opportunity of every account.

    Parameters
    ----------
    tables : SparkTables
        Validated firm-wide tables; ``tables.settings`` are used.
    as_of, key_power, include_sensitive, seed, with_factions
        As for :func:`relgraph.coverage` (``as_of`` defaults to today).
    depth : int
        Reach of each account's slice in ties (see the module's notes).

    Returns
    -------
    CoverageFrames
        ``.gaps``, ``.people``, ``.summary``: the report's tables for every opportunity,
        after ``account`` and ``opportunity``. The level matrix, the factions table and the
        notes are not carried over.

    Examples
    --------
    >>> from relgraph.spark import coverage                            # doctest: +SKIP
    >>> coverage(tables, as_of="2026-11-20").gaps.show()  # doctest: +SKIP
    """
    from relgraph.analysis.coverage import coverage as single

    opts: dict[str, Any] = {
        "as_of": check_date("as_of", as_of),
        "key_power": check_float("key_power", key_power, minimum=0.0, maximum=1.0),
        "include_sensitive": check_bool("include_sensitive", include_sensitive),
        "seed": check_int("seed", seed),
        "with_factions": None
        if with_factions is None
        else check_bool("with_factions", with_factions),
    }
    depth = check_int("depth", depth, minimum=0)
    today = _today()

    def part(name: str) -> Callable[[Any, str], pd.DataFrame]:
        def run(net: Any, opp: str) -> pd.DataFrame:
            frame: pd.DataFrame = getattr(single(net, opp, **opts), name)
            return frame

        return run

    return CoverageFrames(
        gaps=_run(tables, part("gaps"), _GAP_TYPES, depth, today),
        people=_run(tables, part("people"), _PEOPLE_TYPES, depth, today),
        summary=_run(tables, part("summary"), _SUMMARY_TYPES, depth, today),
    )


def tier_customers(
    accounts: DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    thresholds: Mapping[str, float] | None = None,
) -> DataFrame:
    """:func:`relgraph.tier_customers` on a Spark DataFrame of accounts.

    Tiers are relative (value and potential are divided by the largest account's), so the
    whole accounts table is graded as one group: it has one row per account, small even
    for a large firm (100,000 accounts are a few MB).

    Parameters
    ----------
    accounts : pyspark.sql.DataFrame
        ``account, current_value, future_potential, strategic_fit`` and optionally
        ``name``, as for :func:`relgraph.tier_customers`.
    weights, thresholds : mapping, optional
        As for :func:`relgraph.tier_customers`.

    Returns
    -------
    pyspark.sql.DataFrame
        The columns of :func:`relgraph.tier_customers`, best first.

    Examples
    --------
    >>> from relgraph.spark import tier_customers            # doctest: +SKIP
    >>> tier_customers(spark.read.parquet("lake/accounts.parquet")).show()  # doctest: +SKIP
    """
    from relgraph.analysis.tiering import tier_customers as single

    w = None if weights is None else dict(weights)
    t = None if thresholds is None else dict(thresholds)

    def grade(group: pd.DataFrame) -> pd.DataFrame:
        return _conform(single(group.drop(columns=["_one"]), weights=w, thresholds=t), _TIER_TYPES)

    one = accounts.withColumn("_one", F.lit(1))
    graded = one.groupBy("_one").applyInPandas(grade, _ddl(_TIER_TYPES))
    return graded.orderBy("rank")
