"""pyspark stays optional: import relgraph never loads it; relgraph.spark names the extra."""

from __future__ import annotations

import subprocess
import sys


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_import_relgraph_does_not_import_pyspark() -> None:
    res = run("import sys, relgraph; print('pyspark' in sys.modules)")
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "False"


def test_relgraph_spark_without_pyspark_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['pyspark'] = None\n"
        "import relgraph as rg\n"
        "try:\n"
        "    import relgraph.spark\n"
        "except rg.MissingDependencyError as err:\n"
        "    print(err)\n"
    )
    res = run(code)
    assert res.returncode == 0, res.stderr
    assert "pip install 'relgraph[spark]'" in res.stdout
