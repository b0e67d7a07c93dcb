"""One SparkSession for every Spark test (local[2], few shuffle partitions, no UI)."""

from __future__ import annotations

import importlib.util
import shutil
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

HAVE_PYSPARK = importlib.util.find_spec("pyspark") is not None
HAVE_JAVA = shutil.which("java") is not None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = None
    if not HAVE_PYSPARK:
        reason = "pyspark is not installed (pip install 'relgraph[spark]')"
    elif not HAVE_JAVA:
        reason = "no Java runtime (apt-get install openjdk-17-jre-headless)"
    for item in items:
        if "tests/spark/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.spark)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    from relgraph.spark import local_session

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        session = local_session("local[2]", shuffle_partitions=2, driver_memory="1g")
    yield session
    session.stop()
