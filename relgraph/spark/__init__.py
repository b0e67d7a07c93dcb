"""relgraph on Apache Spark: validation, portfolio analyses and firm-wide routes at scale.

Importing this package needs ``pyspark`` (``pip install 'relgraph[spark]'``) and a Java
runtime; ``import relgraph`` alone never imports pyspark. Tables are Spark DataFrames (or
Parquet/CSV folders) with the same tables and columns as :func:`relgraph.load`:

* :func:`read_tables` reads them (text, as the single-machine reader does);
* :func:`validate` applies the single-machine validator's rules as DataFrame expressions
  and returns the problems as a Spark DataFrame;
* :func:`coverage`, :func:`recommend_targets`, :func:`leverage` run the single-machine
  analyses for every account in one job (``applyInPandas``), and :func:`tier_customers`
  grades the whole portfolio;
* :func:`routes_to_many` finds the best route and a node-disjoint alternative from our
  whole team to many targets with frontier joins on the ties table.

See ``docs/scaling-out.md``.
"""

from __future__ import annotations

from relgraph.errors import MissingDependencyError

try:
    import pyspark  # noqa: F401
except ImportError as err:  # pragma: no cover - exercised in a subprocess test
    raise MissingDependencyError("pyspark", "relgraph.spark", "spark") from err

from relgraph.spark.io import SparkTables, read_tables
from relgraph.spark.portfolio import (
    CoverageFrames,
    account_slices,
    coverage,
    leverage,
    recommend_targets,
    tier_customers,
)
from relgraph.spark.routes import SPARK_BULK_COLUMNS, routes_to_many
from relgraph.spark.session import local_session
from relgraph.spark.validate import SparkProblems, validate

__all__ = [
    "SPARK_BULK_COLUMNS",
    "CoverageFrames",
    "SparkProblems",
    "SparkTables",
    "account_slices",
    "coverage",
    "leverage",
    "local_session",
    "read_tables",
    "recommend_targets",
    "routes_to_many",
    "tier_customers",
    "validate",
]
