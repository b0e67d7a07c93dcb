"""Who is on which side, as Spark joins (the rules of :mod:`relgraph.io.consistency`).

* A buying role is held by neither one of our people nor a competitor's staff.
* A ``reports_to`` tie does not join our side (or a competitor's) to another kind of org.

Each person's org kind is taken from their first row (as the pandas validator does);
people or orgs that are unknown are reported by the reference check, not here.
"""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from relgraph.errors import Reason
from relgraph.io.schema import SCHEMAS
from relgraph.spark import _convert as C
from relgraph.spark._bag import Bag

#: Org kinds that are one side of the sale (see :mod:`relgraph.io.consistency`).
_SIDES = ("us", "competitor")


def side_checks(bag: Bag, ok: set[str], party: DataFrame) -> None:
    """Run both rules; ``party`` is ``_pid, _party, _porg`` (person, org kind, org)."""
    if "roles" in ok:
        _role_holders(bag, party)
    if "ties" in ok:
        _reporting_lines(bag, party)


def _role_holders(bag: Bag, party: DataFrame) -> None:
    roles = bag.tables["roles"].join(party, F.col("person") == F.col("_pid"), "left")
    side = F.when(F.col("_party") == "us", bag.say("val_side_us")).otherwise(
        bag.say("val_side_competitor")
    )
    text = bag.say("val_role_holder_side", person=F.col("person"), side=side, org=F.col("_porg"))
    wrong = F.col("_party").isin(*_SIDES)
    bag.rows("roles", wrong, "person", Reason.WRONG_ORG_KIND, text, frame=roles)


def _reporting_lines(bag: Bag, party: DataFrame) -> None:
    vocab = SCHEMAS["ties"].column("kind").vocab or {}
    ties = bag.tables["ties"].where(C.term(F.col("kind"), vocab) == "reports_to")
    src = party.select(F.col("_pid").alias("_s"), F.col("_party").alias("_sk"))
    tgt = party.select(F.col("_pid").alias("_t"), F.col("_party").alias("_tk"))
    both = ties.join(src, F.col("source") == F.col("_s")).join(tgt, F.col("target") == F.col("_t"))
    sk, tk = F.col("_sk"), F.col("_tk")
    wrong = (sk.isin(*_SIDES) | tk.isin(*_SIDES)) & (sk != tk)
    text = bag.say(
        "val_reports_across",
        source=F.col("source"),
        target=F.col("target"),
        source_kind=sk,
        target_kind=tk,
    )
    value = F.concat(F.col("source"), F.lit(" → "), F.col("target"))
    bag.rows("ties", wrong, None, Reason.WRONG_ORG_KIND, text, value, frame=both)
