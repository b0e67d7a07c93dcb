"""The contact graph in Spark: people as integer nodes, ties with resolved strengths.

Private to :mod:`relgraph.spark.routes`. A person's node number is their ``_row`` (row
order of the ``people`` table), so ties between equally good routes are broken in the same
order as the single-machine network's person positions. A tie's strength is resolved as
``RelationshipNetwork.edges`` does it: the given strength, else (for ``covers`` and
personal ties) the strength derived from the interactions log, else the kind's default.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from relgraph.io.schema import SCHEMAS
from relgraph.model import (
    DIRECTION_SYNONYMS,
    INTERACTION_KIND_SYNONYMS,
    ORG_KIND_SYNONYMS,
    TIE_KIND_SYNONYMS,
    Settings,
)
from relgraph.spark import _convert as C
from relgraph.spark.io import ROW, SparkTables

__all__ = ["DIRECTED_KINDS", "edges", "nodes", "pair_details", "ties"]

DIRECTED_KINDS = ("reports_to", "influences", "covers", "informs")
_LIST_SPLIT = r"\s*[;,；，|]\s*"


def _col(frame: DataFrame, name: str) -> Column:
    """Return a text column of a table, blank when the table lacks it."""
    return F.col(f"`{name}`") if name in frame.columns else F.lit("")


def nodes(tables: SparkTables) -> DataFrame:
    """One row per person: ``idx, id, party, ours, dnc, opponent, label, text``."""
    people, orgs = tables["people"], tables["orgs"]
    kind = orgs.select(
        F.col("id").alias("_org"), C.term(F.col("kind"), ORG_KIND_SYNONYMS).alias("party")
    ).dropDuplicates(["_org"])
    name, en, title = _col(people, "name"), _col(people, "name_en"), _col(people, "title")
    attitude = C.number(_col(people, "attitude"))
    both = (en != "") & (en != name)
    p = people.select(
        F.col(ROW).alias("idx"),
        F.col("id"),
        F.col("org").alias("_org"),
        F.coalesce(C.boolean(_col(people, "do_not_contact")), F.lit(False)).alias("dnc"),
        (F.coalesce(attitude <= -1, F.lit(False)) | (_col(people, "supports") != "")).alias(
            "opponent"
        ),
        F.when(both, F.concat(name, F.lit(" ("), en, F.lit(")"))).otherwise(name).alias("label"),
        title.alias("_title"),
    )
    p = p.join(F.broadcast(kind), "_org", "left")
    party = F.coalesce(F.col("party"), F.lit("None"))
    # as relgraph.analysis.paths.render.person_text: ``label [party, title]``
    text = F.when(
        F.col("_title") != "",
        F.concat(F.col("label"), F.lit(" ["), party, F.lit(", "), F.col("_title"), F.lit("]")),
    ).otherwise(F.concat(F.col("label"), F.lit(" ["), party, F.lit("]")))
    return p.select(
        "idx",
        "id",
        "party",
        F.coalesce(F.col("party") == "us", F.lit(False)).alias("ours"),
        "dnc",
        "opponent",
        "label",
        text.alias("text"),
    )


def _derived(tables: SparkTables, ids: DataFrame, settings: Settings) -> DataFrame | None:
    """Strength derived from the interactions log per (our person, their person) pair."""
    if "interactions" not in tables:
        return None
    log = tables["interactions"]
    weights = {str(k): float(v) for k, v in settings.interaction_weight.items()}
    kind = C.term(_col(log, "kind"), INTERACTION_KIND_SYNONYMS)
    direction = C.term(_col(log, "direction"), DIRECTION_SYNONYMS)
    rows = log.select(
        F.datediff(C.date(_col(log, "date")), F.lit("1970-01-01")).alias("day"),
        F.col("our_person").alias("_u"),
        F.explode(F.split(_col(log, "their_people"), _LIST_SPLIT)).alias("_v"),
        kind.alias("k"),
        F.when(direction.isin("ours", "theirs"), direction).otherwise("mutual").alias("r"),
    ).where((F.col("_v") != "") & F.col("day").isNotNull() & F.col("k").isNotNull())
    rows = rows.join(ids.withColumnRenamed("id", "_u").withColumnRenamed("idx", "u"), "_u")
    rows = rows.join(ids.withColumnRenamed("id", "_v").withColumnRenamed("idx", "v"), "_v")
    # measured as of the network's date (settings.as_of, else today), as net.as_of
    as_of = settings.as_of or _dt.date.today()
    last = rows.sparkSession.createDataFrame([((as_of - _dt.date(1970, 1, 1)).days,)], "T int")
    points = rows.groupBy("u", "v", "day", "k", "r").agg(F.count(F.lit(1)).alias("n"))
    wmap = F.create_map(*[x for k, w in sorted(weights.items()) for x in (F.lit(k), F.lit(w))])
    half = float(settings.interaction_half_life_days)
    points = points.crossJoin(F.broadcast(last)).where(F.col("day") <= F.col("T"))
    contrib = (
        F.col("n")
        * F.element_at(wmap, F.col("k"))
        * F.pow(F.lit(2.0), -(F.col("T") - F.col("day")) / F.lit(half))
    )
    points = points.withColumn("w", contrib)
    pairs = points.groupBy("u", "v").agg(
        F.sum("w").alias("vol"),
        F.sum(F.when(F.col("r") == "theirs", F.col("w")).otherwise(0.0)).alias("wt"),
        F.sum(F.when(F.col("r") == "mutual", F.col("w")).otherwise(0.0)).alias("wm"),
    )
    share = F.when(F.col("vol") > 0, (F.col("wt") + F.col("wm") / 2) / F.col("vol")).otherwise(0.5)
    one_way = float(settings.interaction_one_way)
    recip = F.lit(one_way) + F.lit(1.0 - one_way) * (1.0 - F.abs(2.0 * share - 1.0))
    strength = (
        F.lit(float(settings.interaction_cap))
        * (-F.expm1(-F.col("vol") / F.lit(float(settings.interaction_saturation))))
        * recip
    )
    return pairs.select("u", "v", strength.alias("derived"))


def ties(tables: SparkTables, people: DataFrame, settings: Settings) -> DataFrame:
    """Every tie with integer ends: ``row, u, v, kind, strength, sensitive`` (resolved)."""
    schema_kinds = SCHEMAS["ties"].column("kind").vocab or TIE_KIND_SYNONYMS
    t = tables["ties"]
    ids = people.select("id", "idx")
    kind = C.term(F.col("kind"), schema_kinds)
    out = t.select(
        F.col(ROW).alias("row"),
        F.col("source").alias("_s"),
        F.col("target").alias("_t"),
        kind.alias("kind"),
        C.number(_col(t, "strength")).alias("given"),
        C.boolean(_col(t, "sensitive")).alias("_sens"),
    ).where(F.col("kind").isNotNull())
    out = out.join(ids.withColumnRenamed("id", "_s").withColumnRenamed("idx", "u"), "_s")
    out = out.join(ids.withColumnRenamed("id", "_t").withColumnRenamed("idx", "v"), "_t")
    sens_kinds = [str(k) for k in settings.sensitive_tie_kinds]
    out = out.withColumn("sensitive", F.coalesce(F.col("_sens"), F.col("kind").isin(*sens_kinds)))
    defaults = F.create_map(
        *[x for k, s in sorted(settings.tie_strength.items()) for x in (F.lit(str(k)), F.lit(s))]
    )
    derived = _derived(tables, ids, settings)
    eligible = F.col("kind").isin(*[str(k) for k in settings.interaction_tie_kinds])
    if derived is not None:
        fwd = derived.withColumnRenamed("derived", "_fwd")
        bwd = derived.select(
            F.col("u").alias("v"), F.col("v").alias("u"), F.col("derived").alias("_bwd")
        )
        out = out.join(fwd, ["u", "v"], "left").join(bwd, ["u", "v"], "left")
        personal = ~F.col("kind").isin(*DIRECTED_KINDS)
        hit = F.coalesce(F.col("_fwd"), F.when(personal, F.col("_bwd")))
        der = F.when(eligible, hit)
    else:
        der = F.lit(None).cast("double")
    strength = F.coalesce(F.col("given"), der, F.element_at(defaults, F.col("kind")))
    return out.select("row", "u", "v", "kind", strength.alias("strength"), "sensitive")


def edges(resolved: DataFrame, include_sensitive: bool) -> DataFrame:
    """Return the contact graph: both directions, strongest parallel tie, u, v, cost."""
    use = resolved if include_sensitive else resolved.where(~F.col("sensitive"))
    use = use.where((F.col("strength") > 0) & (F.col("u") != F.col("v")))
    both = use.select("u", "v", "strength").unionByName(
        use.select(F.col("v").alias("u"), F.col("u").alias("v"), "strength")
    )
    best = both.groupBy("u", "v").agg(F.max("strength").alias("strength"))
    return best.withColumn("cost", -F.log(F.col("strength")))


def pair_details(resolved: DataFrame, include_sensitive: bool) -> DataFrame:
    """Per unordered pair: the strongest usable tie's kind, strength, source and sensitivity.

    Columns ``lo, hi, kind, strength, su`` (the tie's source) and ``sensitive``.

    The same choice as the single machine (:meth:`relgraph.views.PairIndex.strongest`):
    the highest strength, then the tie that comes first in the table.
    """
    use = resolved if include_sensitive else resolved.where(~F.col("sensitive"))
    keyed = use.select(
        F.least("u", "v").alias("lo"),
        F.greatest("u", "v").alias("hi"),
        F.struct(
            F.col("strength"),
            (-F.col("row")).alias("nrow"),
            F.col("kind"),
            F.col("u").alias("su"),
            F.col("sensitive"),
        ).alias("rec"),
    )
    best = keyed.groupBy("lo", "hi").agg(F.max("rec").alias("rec"))
    return best.select(
        "lo",
        "hi",
        F.col("rec.kind").alias("kind"),
        F.col("rec.strength").alias("strength"),
        F.col("rec.su").alias("su"),
        F.col("rec.sensitive").alias("sensitive"),
    )


def any_rows(frame: DataFrame) -> bool:
    """Whether a DataFrame has at least one row (reads one row, not the whole table)."""
    return len(frame.limit(1).collect()) > 0


def settings_of(tables: SparkTables) -> Settings:
    """Return the settings attached to the tables (defaults when none)."""
    found: Any = getattr(tables, "settings", None)
    return found if isinstance(found, Settings) else Settings()
