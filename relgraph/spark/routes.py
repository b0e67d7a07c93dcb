r"""Firm-wide routes on Spark: best route and a node-disjoint alternative to many targets.

The single-machine :func:`relgraph.routes_to_many`, as frontier joins on the ties table:

* **best route**: a hop-bounded Bellman–Ford from all of our people at once. Each hop is one
  join of the frontier with the contact graph and one group-by-minimum on :math:`-\log s`
  per person; a person enters a level only when strictly cheaper than before, so routes
  never revisit anyone, and equally good candidates are ordered by the predecessor's
  position in the ``people`` table (the order of the single machine's own levelled search).
* **alternative**: for every target at once, a search from the target, ``max_hops − 1``
  hops deep, that never enters a person of that target's best route, joined with each
  reached person's strongest direct tie from one of our people other than the best
  route's source — exactly the single machine's ``_backward_best``.

No GraphFrames: plain DataFrame operations, each level checkpointed locally.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T
from pyspark.sql.window import Window

from relgraph.analysis.paths.render import tie_words
from relgraph.analysis.routes import BULK_COLUMNS
from relgraph.analysis.routes.explain import EXCLUSION_RULES, left_out_text
from relgraph.checks import check_bool
from relgraph.errors import UnknownPersonError
from relgraph.spark import _graph as G
from relgraph.spark.io import SparkTables
from relgraph.text import TERMS, clauses, say, term

__all__ = ["SPARK_BULK_COLUMNS", "routes_to_many"]

#: Columns of the result: :data:`relgraph.analysis.routes.BULK_COLUMNS` (paths as arrays).
SPARK_BULK_COLUMNS: tuple[str, ...] = BULK_COLUMNS

_PATH = T.ArrayType(T.LongType())


def _keep(frame: DataFrame) -> DataFrame:
    """Checkpoint an intermediate result lazily: its plan is cut, it is computed once."""
    return frame.localCheckpoint()


class _Rules:
    """Nodes and usable edges for one choice of opt-ins."""

    def __init__(
        self, people: DataFrame, resolved: DataFrame, sens: bool, dnc: bool, opp: bool
    ) -> None:
        blocked = F.lit(False) if dnc else F.col("dnc")
        passable = F.lit(True) if opp else ~F.col("opponent")
        flags = people.select("idx", "ours", blocked.alias("blocked"), passable.alias("passable"))
        self.sources = flags.where(F.col("ours") & ~F.col("blocked")).select("idx")
        enter = flags.where(~F.col("ours") & ~F.col("blocked")).select(
            F.col("idx").alias("v"), "passable"
        )
        e = G.edges(resolved, sens)
        self.edges = _keep(e.join(enter, "v"))
        self.inner = _keep(self.edges.where(F.col("passable")).drop("passable"))
        self.from_sources = e.join(self.sources.withColumnRenamed("idx", "u"), "u")


def _level(front: DataFrame, edges: DataFrame, key: list[str], best: DataFrame) -> DataFrame:
    """One hop: join, keep the cheapest per key (then lowest predecessor), strictly better."""
    extra = ["passable"] if "passable" in edges.columns else []
    f, e = front.drop("passable").alias("f"), edges.alias("e")
    cand = f.join(e, F.col("f.x") == F.col("e.u")).select(
        *[F.col(f"f.{k}") for k in key if k != "x"],
        F.col("e.v").alias("x"),
        (F.col("f.cost") + F.col("e.cost")).alias("cost"),
        F.concat(F.col("f.path"), F.array(F.col("e.v"))).alias("path"),
        F.col("f.x").alias("pred"),
        *[F.col(f"e.{c}") for c in extra],
    )
    rec = F.min(F.struct("cost", "pred", "path", *extra)).alias("m")
    agg = cand.groupBy(*key).agg(rec)
    agg = agg.select(*key, *[F.col(f"m.{c}").alias(c) for c in ("cost", "path", *extra)])
    old = best.withColumnRenamed("cost", "_old").alias("o")
    new = agg.alias("a").join(old, key, "left")
    new = new.where(F.col("_old").isNull() | (F.col("cost") < F.col("_old")))
    return _keep(new.drop("_old"))


def _union(frames: list[DataFrame], key: list[str]) -> DataFrame:
    """Return the cheapest cost per key over earlier levels (a lazy union of checkpoints)."""
    out = frames[0].select(*key, "cost")
    for f in frames[1:]:
        out = out.unionByName(f.select(*key, "cost"))
    return out.groupBy(*key).agg(F.min("cost").alias("cost"))


def _forward(rules: _Rules, targets: DataFrame, max_hops: int) -> DataFrame:
    """Best route to every target: ``t, cost, path`` (ids as node numbers)."""
    front = rules.sources.select(
        F.col("idx").alias("x"), F.lit(0.0).alias("cost"), F.array(F.col("idx")).alias("path")
    )
    seen = [front.select("x", "cost")]
    found: list[DataFrame] = []
    wanted = targets.select(F.col("idx").alias("x"))
    for h in range(1, max_hops + 1):
        edges = (
            rules.edges
            if h < max_hops
            else rules.edges.join(wanted.withColumnRenamed("x", "v"), "v")
        )
        new = _level(front, edges, ["x"], _union(seen, ["x"]))
        found.append(new.join(wanted, "x").select("x", "cost", "path"))
        seen.append(new)
        front = new.where(F.col("passable")).drop("passable")
    if not found:
        return targets.select(F.col("idx").alias("t")).limit(0)
    allf = found[0]
    for f in found[1:]:
        allf = allf.unionByName(f)
    pick = allf.groupBy("x").agg(F.min(F.struct("cost", "path")).alias("m"))
    return pick.select(F.col("x").alias("t"), "m.cost", "m.path")


def _alternative(
    rules: _Rules, best: DataFrame, max_hops: int, sway: DataFrame | None
) -> DataFrame:
    """Return the best route to each target avoiding every person of its best route.

    The best route's source included and, unless ``sway`` is None, the people the target
    sways.
    """
    avoid = best.select("t", F.explode(F.slice("path", 1, F.size("path") - 1)).alias("x"))
    if sway is not None:
        avoid = avoid.unionByName(sway.join(best.select("t"), "t"))
    src = best.select("t", F.col("path")[0].alias("s0"))
    return _backward(rules, best.select("t"), avoid, src, max_hops)


def _backward(
    rules: _Rules, targets: DataFrame, avoid: DataFrame, src: DataFrame | None, max_hops: int
) -> DataFrame:
    """Return the best route to each target ``t`` that never enters ``avoid`` (``t, x``).

    When ``src`` (``t, s0``) is given, the route does not start at ``s0``. A search from
    the target, joined with each reached person's strongest direct tie from one of ours.
    """
    front = targets.select(
        "t", F.col("t").alias("x"), F.lit(0.0).alias("cost"), F.array("t").alias("path")
    )
    entries = [front.withColumn("level", F.lit(0))]
    seen = [front, avoid.withColumn("cost", F.lit(-1.0))]
    for lvl in range(1, max_hops):
        new = _level(front, rules.inner, ["t", "x"], _union(seen, ["t", "x"]))
        entries.append(new.withColumn("level", F.lit(lvl)))
        seen.append(new)
        front = new
    reached = entries[0]
    for e in entries[1:]:
        reached = reached.unionByName(e)
    w = Window.partitionBy("v").orderBy("cost", "u")
    firsts = (
        rules.from_sources.select("u", "v", "cost")
        .withColumn("rank", F.row_number().over(w))
        .where(F.col("rank") <= 2)
        .groupBy("v")
        .agg(
            F.min(F.when(F.col("rank") == 1, F.struct("cost", "u"))).alias("f1"),
            F.min(F.when(F.col("rank") == 2, F.struct("cost", "u"))).alias("f2"),
        )
    )
    j = reached.join(firsts, reached["x"] == firsts["v"])
    if src is not None:
        j = j.join(src, "t")
        fin = F.when(F.col("f1.u") == F.col("s0"), F.col("f2")).otherwise(F.col("f1"))
    else:
        fin = F.col("f1")
    j = j.withColumn("fin", fin).where(F.col("fin").isNotNull())
    rec = F.struct(
        (F.col("cost") + F.col("fin.cost")).alias("total"),
        "level",
        "x",
        F.col("fin.u").alias("s"),
        "path",
    )
    pick = j.groupBy("t").agg(F.min(rec).alias("m"))
    path = F.concat(F.array(F.col("m.s")), F.reverse(F.col("m.path")))
    return pick.select("t", path.alias("path"))


def _targets(spark: Any, people: DataFrame, targets: Iterable[str] | DataFrame | None) -> DataFrame:
    """Targets as ``idx, id, label, ours, dnc, _order``; unknown ids raise."""
    cols = ["idx", "id", "label", "ours", "dnc"]
    if targets is None:
        return people.where(~F.col("ours")).select(*cols, F.col("idx").alias("_order"))
    if isinstance(targets, DataFrame):
        first = targets.columns[0]
        given = targets.select(F.col(f"`{first}`").cast("string").alias("id"))
        given = given.withColumn("_order", F.monotonically_increasing_id())
    else:
        ids = [str(t) for t in targets]
        frame = pd.DataFrame({"id": ids, "_order": range(len(ids))})
        given = spark.createDataFrame(frame, "id string, _order long")
    missing = given.join(people.select("id"), "id", "left_anti").limit(1).collect()
    if missing:
        raise UnknownPersonError(missing[0]["id"])
    return given.join(people.select(*cols), "id").select(*cols, "_order")


def _only_sensitive(tables: SparkTables, people: DataFrame, resolved: DataFrame) -> DataFrame:
    """Return the ``idx`` of the people known only through sensitive ties.

    As :func:`relgraph.privacy.share_policy`: an outsider (org kind ``other``) with no role
    whose every tie is sensitive.
    """
    ends = resolved.select(F.col("u").alias("idx"), "sensitive").unionByName(
        resolved.select(F.col("v").alias("idx"), "sensitive")
    )
    only = ends.groupBy("idx").agg(F.min(F.col("sensitive").cast("int")).alias("_all"))
    only = only.where(F.col("_all") == 1).select("idx")
    holders = tables["roles"].select(F.col("person").cast("string").alias("id")).distinct()
    outsiders = people.where(F.col("party") == "other").join(holders, "id", "left_anti")
    return outsiders.select("idx").join(only, "idx")


def _search(
    people: DataFrame,
    resolved: DataFrame,
    targets: DataFrame,
    opts: tuple[bool, bool, bool, bool],
    hops: int,
    sway: DataFrame,
) -> tuple[DataFrame, DataFrame]:
    """Best and alternative paths (node numbers) per target for one choice of opt-ins."""
    rules = _Rules(people, resolved, *opts[:3])
    blocked = F.lit(False) if opts[1] else F.col("dnc")
    eligible = targets.where(~F.col("ours") & ~blocked)
    best = _keep(_forward(rules, eligible, hops).select("t", "path"))
    if not opts[3]:
        best = _keep(_reroute_swayed(rules, best, sway, hops))
    alt = _keep(_alternative(rules, best, hops, None if opts[3] else sway))
    return best, alt


def _swayed(tables: SparkTables, people: DataFrame, resolved: DataFrame) -> DataFrame:
    """Return ``t, x``: whom a person without a role sways directly.

    An ``influences`` tie t → x, or x reports to t: never a middle step of a route to t
    (the single machine's ``relgraph.analysis.paths.graph.swayed_by``).
    """
    kind = F.col("kind")
    inf = resolved.where(kind == "influences").select(F.col("u").alias("t"), F.col("v").alias("x"))
    rep = resolved.where(kind == "reports_to").select(F.col("v").alias("t"), F.col("u").alias("x"))
    pairs = inf.unionByName(rep).where(F.col("t") != F.col("x")).distinct()
    if "roles" in tables:
        held = tables["roles"].select(F.col("person").alias("id")).join(people, "id")
        pairs = pairs.join(held.select(F.col("idx").alias("t")).distinct(), "t", "left_anti")
    return _keep(pairs)


def _reroute_swayed(rules: _Rules, best: DataFrame, sway: DataFrame, hops: int) -> DataFrame:
    """Targets whose best route asks someone they sway get a search avoiding those people."""
    middle = best.select("t", F.explode(F.slice("path", 2, F.size("path") - 2)).alias("x"))
    bad = _keep(middle.join(sway, ["t", "x"]).select("t").distinct())
    if not G.any_rows(bad):  # the usual case: no search of its own to run
        return best
    again = _backward(rules, bad, sway.join(bad, "t"), None, hops)
    return best.join(bad, "t", "left_anti").unionByName(again)


def _hop_words(lang: str) -> Any:
    """Return the words of a hop as the single-machine renderer writes them (``tie_words``)."""
    kinds = sorted(TERMS["tie_kind"])
    fwd = F.create_map(*[F.lit(x) for k in kinds for x in (k, tie_words(k, lang=lang))])
    back = F.create_map(
        *[F.lit(x) for k in kinds for x in (k, tie_words(k, reverse=True, lang=lang))]
    )
    words = F.when(F.col("su") == F.col("a"), fwd[F.col("kind")]).otherwise(back[F.col("kind")])
    return F.coalesce(words, F.col("kind"))


def _describe(
    paths: DataFrame, people: DataFrame, details: DataFrame, lang: str = "en"
) -> DataFrame:
    """Per (t, which): ids, person texts, hop strengths and hop words, in path order."""
    hops = paths.select("t", "which", "path", F.posexplode("path").alias("i", "c"))
    hops = hops.where(F.col("i") > 0).withColumn("a", F.col("path")[F.col("i") - 1])
    hops = hops.join(
        details,
        (F.least("a", "c") == details["lo"]) & (F.greatest("a", "c") == details["hi"]),
    )
    words = _hop_words(lang)
    per_hop = hops.groupBy("t", "which").agg(
        F.array_sort(F.collect_list(F.struct("i", "strength", words.alias("w")))).alias("h")
    )
    ppl = paths.select("t", "which", F.posexplode("path").alias("i", "idx")).join(
        people.select("idx", "id", "text"), "idx"
    )
    per_node = ppl.groupBy("t", "which").agg(
        F.array_sort(F.collect_list(F.struct("i", "id", "text"))).alias("n")
    )
    return per_node.join(per_hop, ["t", "which"], "left").select(
        "t",
        "which",
        F.col("n.id").alias("ids"),
        F.col("n.text").alias("texts"),
        F.col("h.strength").alias("strengths"),
        F.col("h.w").alias("words"),
    )


def _rules_bite(
    resolved: DataFrame, people: DataFrame, opts: tuple[bool, bool, bool, bool], sway: DataFrame
) -> bool:
    sens, dnc, opp, swayed = opts
    return (
        (not sens and G.any_rows(resolved.where(F.col("sensitive"))))
        or (not dnc and G.any_rows(people.where(F.col("dnc"))))
        or (not opp and G.any_rows(people.where(F.col("opponent") & ~F.col("ours"))))
        or (not swayed and G.any_rows(sway))
    )


#: Per-rule counts of the routes left out (columns of :func:`_left_out`), in
#: :data:`relgraph.analysis.routes.explain.EXCLUSION_RULES` order.
_RULE_COLS = tuple(f"n_{rule}" for rule in EXCLUSION_RULES)


def _left_out(
    cnt: DataFrame,
    people: DataFrame,
    resolved: DataFrame,
    sway: DataFrame,
    opts: tuple[bool, bool, bool, bool],
) -> DataFrame:
    """Per target: how many left-out routes, how many break each rule, and several at once.

    The single machine's :func:`relgraph.analysis.routes.explain.rule_counts`: a middle
    step on the other side (``opponents``) or swayed by the target (``swayed``), a
    do-not-contact step or target, a hop whose strongest tie is sensitive.
    """
    sens, dnc, opp, swayed = opts
    p = cnt.select("t", "path").withColumn("pid", F.monotonically_increasing_id())
    nodes = p.select("t", "pid", "path", F.posexplode("path").alias("i", "idx"))
    flags = people.select(
        "idx", (F.col("opponent") | (F.col("party") == "competitor")).alias("side"), "dnc"
    )
    nodes = nodes.join(flags, "idx").join(
        sway.select("t", F.col("x").alias("idx"), F.lit(True).alias("sw")), ["t", "idx"], "left"
    )
    middle = (F.col("i") > 0) & (F.col("i") < F.size("path") - 1)
    hops = nodes.where(F.col("i") > 0).withColumn("a", F.col("path")[F.col("i") - 1])
    details = G.pair_details(resolved, True).select("lo", "hi", F.col("sensitive").alias("hs"))
    hops = hops.join(
        details, (F.least("a", "idx") == details["lo"]) & (F.greatest("a", "idx") == details["hi"])
    )
    per_path = nodes.groupBy("t", "pid").agg(
        F.max(F.lit(not opp) & middle & F.col("side")).alias("opponents"),
        F.max(F.lit(not swayed) & middle & F.coalesce(F.col("sw"), F.lit(False))).alias("swayed"),
        F.max(F.lit(not dnc) & (F.col("i") > 0) & F.col("dnc")).alias("do_not_contact"),
    )
    hop_flags = hops.groupBy("t", "pid").agg(
        F.max(F.lit(not sens) & F.col("hs")).alias("sensitive")
    )
    per_path = per_path.join(hop_flags, ["t", "pid"], "left").fillna(False, ["sensitive"])
    broken = sum((F.col(r).cast("int") for r in EXCLUSION_RULES), F.lit(0))
    return per_path.groupBy("t").agg(
        F.count(F.lit(1)).alias("excluded"),
        *[F.sum(F.col(r).cast("int")).alias(f"n_{r}") for r in EXCLUSION_RULES],
        F.sum((broken > 1).cast("int")).alias("several"),
    )


_OUT = T.StructType(
    [
        T.StructField("_order", T.LongType()),
        T.StructField("target", T.StringType()),
        T.StructField("name", T.StringType()),
        *[
            f
            for p in ("best", "alt")
            for f in (
                T.StructField(f"{p}_strength", T.DoubleType()),
                T.StructField(f"{p}_hops", T.LongType()),
                T.StructField(f"{p}_source", T.StringType()),
                T.StructField(f"{p}_path", T.ArrayType(T.StringType())),
                T.StructField(f"{p}_route", T.StringType()),
                T.StructField(f"{p}_affiliation", T.BooleanType()),
            )
        ],
        T.StructField("excluded", T.LongType()),
        T.StructField("why", T.StringType()),
    ]
)


def _route_fields(prefix: str, r: Any) -> dict[str, Any]:
    ids = r[f"{prefix}_ids"]
    if ids is None or len(ids) == 0:
        return {
            f"{prefix}_strength": 0.0,
            f"{prefix}_hops": 0,
            f"{prefix}_source": "",
            f"{prefix}_path": [],
            f"{prefix}_route": "",
            f"{prefix}_affiliation": False,
        }
    import numpy as np

    strengths = [float(s) for s in r[f"{prefix}_strengths"]]
    texts, words = list(r[f"{prefix}_texts"]), list(r[f"{prefix}_words"])
    parts = [texts[0]]
    for node, w, s in zip(texts[1:], words, strengths, strict=True):
        parts.append(f" — {w} {s:.2f} → {node}")
    return {
        f"{prefix}_strength": float(np.prod(strengths)),
        f"{prefix}_hops": len(strengths),
        f"{prefix}_source": str(ids[0]),
        f"{prefix}_path": [str(i) for i in ids],
        f"{prefix}_route": "".join(parts),
        f"{prefix}_affiliation": False,
    }


def _rows(
    batches: Iterator[pd.DataFrame], max_hops: int, include_dnc: bool, lang: str = "en"
) -> Iterator[pd.DataFrame]:
    for frame in batches:
        out = []
        for r in frame.to_dict("records"):
            row: dict[str, Any] = {"_order": r["_order"], "target": r["id"], "name": r["label"]}
            row.update(_route_fields("best", r))
            row.update(_route_fields("alt", r))
            n_excl = int(r["excluded"] or 0)
            counts = {rule: int(r[f"n_{rule}"] or 0) for rule in EXCLUSION_RULES}
            label = r["label"]
            if r["ours"]:
                why = say("routes_none_ours", who=label, lang=lang)
            elif r["dnc"] and not include_dnc:
                why = say("routes_none_dnc", who=label, lang=lang)
            elif row["best_hops"] == 0:
                why = say(
                    "routes_none",
                    who=label,
                    start=term("party", "us", lang=lang),
                    max_hops=max_hops,
                    lang=lang,
                )
            elif row["alt_hops"] == 0:
                why = say("routes_bulk_no_alt", max_hops=max_hops, lang=lang)
            else:
                why = say(
                    "routes_bulk_two",
                    best=row["best_strength"],
                    alt=row["alt_strength"],
                    lang=lang,
                )
            reason = left_out_text(lang, counts, int(r["several"] or 0)) if n_excl else ""
            why = clauses([why, reason], lang=lang)  # which rule left routes out, as bulk.py
            row["excluded"] = n_excl
            row["why"] = why
            out.append(row)
        yield pd.DataFrame(out, columns=[f.name for f in _OUT.fields])


def routes_to_many(
    tables: SparkTables,
    targets: Iterable[str] | DataFrame | None = None,
    *,
    include_sensitive: bool = False,
    include_do_not_contact: bool = False,
    include_opponents: bool = False,
) -> DataFrame:
    r"""Best route and one node-disjoint alternative from our whole team to many people.

    Parameters
    ----------
    tables : SparkTables
        Validated tables (:func:`relgraph.spark.read_tables`); ``tables.settings`` gives
        the hop limit (``max_hops``, 4 by default), default strengths and sensitive kinds.
    targets : iterable of str or pyspark.sql.DataFrame, optional
        Person ids to reach (a DataFrame: its first column); every person outside our
        team when omitted (without the people known only through sensitive ties, unless
        ``include_sensitive``). Names are not resolved: give ids.
    include_sensitive : bool
        Use sensitive ties (family, neighbour, faith, anything marked sensitive).
    include_do_not_contact : bool
        Let routes pass through (or end at) do-not-contact people.
    include_opponents : bool
        Let a route pass through a person who opposes us (attitude ≤ −1) or backs a
        competitor (``supports`` filled in). Off by default: asking such a person for an
        introduction warns the other side (DOMAIN §7). The source and the target are
        never excluded by this rule, and a blank attitude does not count as opposition.

    Returns
    -------
    pyspark.sql.DataFrame
        One row per target, columns :data:`SPARK_BULK_COLUMNS` (those of
        :func:`relgraph.routes_to_many`): ``best_path``/``alt_path`` are arrays of ids
        (tuples on the single machine), an absent route has strength 0 and an empty
        path; ``excluded`` counts the best and alternative routes found with every
        opt-in switched on that the rules removed.

    Raises
    ------
    UnknownPersonError
        For a target id not in the ``people`` table.

    Notes
    -----
    Same contact graph as the single machine: every tie of any kind, undirected, with its
    resolved strength (given, else derived from the interactions log for ``covers`` and
    personal ties, else the kind's default); parallel ties keep the strongest; routes
    start only at our people (org kind ``us``) and never pass through another of them;
    do-not-contact people are never entered. A route's strength is the product of its
    hops' strengths; the search minimises :math:`\sum -\log s` within ``max_hops`` hops.
    Affiliation routes (a shared school or club, not yet a tie) are not offered here:
    ``best_affiliation`` and ``alt_affiliation`` are always false.

    Among routes of exactly equal strength the best one is the one found at the fewest
    hops, then through the predecessor that comes first in the ``people`` table, level by
    level; the single machine's Dijkstra may pick another of the equally strong routes.

    Examples
    --------
    >>> from relgraph.spark import read_tables, routes_to_many       # doctest: +SKIP
    >>> df = routes_to_many(read_tables(spark, "lake/"), ["C005"])    # doctest: +SKIP
    >>> df.select("target", "best_strength", "alt_strength").show()  # doctest: +SKIP
    """
    opts = (
        check_bool("include_sensitive", include_sensitive),
        check_bool("include_do_not_contact", include_do_not_contact),
        check_bool("include_opponents", include_opponents),
        False,  # whom the target sways: never a step (no opt-in)
    )
    settings = tables.settings
    hops = int(settings.max_hops)
    people = _keep(G.nodes(tables))
    spark = people.sparkSession
    resolved = _keep(G.ties(tables, people, settings))
    tgt = _targets(spark, people, targets)
    if targets is None and not opts[0]:  # as the single machine: not listed by default
        tgt = tgt.join(_only_sensitive(tables, people, resolved), "idx", "left_anti")
    tgt = _keep(tgt)
    sway = _swayed(tables, people, resolved)
    best, alt = _search(people, resolved, tgt, opts, hops, sway)
    paths = best.select("t", F.lit("best").alias("which"), "path").unionByName(
        alt.select("t", F.lit("alt").alias("which"), "path")
    )
    zero = [F.lit(0).alias(c) for c in ("excluded", *_RULE_COLS, "several")]
    excluded = tgt.select(F.col("idx").alias("t"), *zero)
    if _rules_bite(resolved, people, opts, sway):
        fbest, falt = _search(people, resolved, tgt, (True, True, True, True), hops, sway)
        free = fbest.select("t", "path").unionByName(falt.select("t", "path"))
        mine = paths.select("t", "path").withColumn("_kept", F.lit(True))
        cnt = free.join(mine, ["t", "path"], "left").where(F.col("_kept").isNull())
        excluded = _left_out(cnt, people, resolved, sway, opts)
    desc = _describe(paths, people, G.pair_details(resolved, opts[0]), settings.language)
    row = tgt.select(F.col("idx").alias("t"), "id", "label", "ours", "dnc", "_order")
    for which in ("best", "alt"):
        part = desc.where(F.col("which") == which).select(
            "t", *[F.col(c).alias(f"{which}_{c}") for c in ("ids", "texts", "strengths", "words")]
        )
        row = row.join(part, "t", "left")
    row = row.join(excluded, "t", "left")
    include_dnc = opts[1]
    lang = settings.language
    out = row.mapInPandas(lambda it: _rows(it, hops, include_dnc, lang), _OUT)
    return out.orderBy("_order").drop("_order").localCheckpoint()
