"""Collection rules for the doctests: relgraph.spark needs pyspark (the ``spark`` extra)."""

import importlib.util

collect_ignore_glob = [] if importlib.util.find_spec("pyspark") else ["relgraph/spark/*"]
