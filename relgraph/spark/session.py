"""A local SparkSession set up for relgraph (tests, notebooks, a laptop)."""

from __future__ import annotations

import os
import sys
from typing import Any

from relgraph.checks import check_bool, check_int

__all__ = ["local_session"]


def local_session(
    master: str = "local[2]",
    *,
    shuffle_partitions: int = 4,
    driver_memory: str = "2g",
    ui: bool = False,
    app_name: str = "relgraph",
) -> Any:
    """Start (or reuse) a SparkSession on this machine, ready for relgraph.

    Parameters
    ----------
    master : str
        Spark master URL: ``local[2]`` (two cores), ``local[*]`` (all cores) …
    shuffle_partitions : int
        ``spark.sql.shuffle.partitions``: a few per core is right for a laptop (Spark's
        default of 200 is meant for a cluster and makes small jobs slow).
    driver_memory : str
        ``spark.driver.memory`` (the JVM heap: in local mode it runs the executors too).
        Takes effect only when no JVM is running yet in this process.
    ui : bool
        Start Spark's web UI (off: no port opened).
    app_name : str
        The application's name.

    Returns
    -------
    pyspark.sql.SparkSession

    Notes
    -----
    The Python workers run this interpreter (``PYSPARK_PYTHON`` is set to
    ``sys.executable`` unless already set), so they see the same installed relgraph. The
    driver binds to the loopback address. On a cluster, build the session with
    ``spark-submit`` instead (see ``docs/scaling-out.md``).

    Examples
    --------
    >>> from relgraph.spark import local_session
    >>> spark = local_session()                       # doctest: +SKIP
    >>> spark.range(3).count()                        # doctest: +SKIP
    3
    """
    from pyspark.sql import SparkSession

    partitions = check_int("shuffle_partitions", shuffle_partitions, minimum=1)
    ui = check_bool("ui", ui)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.driver.memory", driver_memory)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "true" if ui else "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.default.parallelism", str(partitions))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.adaptive.enabled", "true")
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
