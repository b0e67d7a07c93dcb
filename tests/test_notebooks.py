"""The tutorial notebooks: committed without outputs, and each runs top to bottom."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import nbclient
import nbformat
import pytest
from ipykernel.kernelspec import write_kernel_spec
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"
GENERATOR = ROOT / "scripts" / "make_notebooks.py"

# Text that must appear in a notebook's outputs: the finding each notebook is about.
EXPECTED: dict[str, list[str]] = {
    "00_quickstart.ipynb": [
        "RelationshipNetwork(78 people",
        "need: C015 → specification:",
        "王志远 (Wang Zhiyuan)",  # the CEO heads the leverage table
        "<iframe",  # the map displayed inline
        "4 sensitive tie(s) hidden",
    ],
    "01_hidden_influencers_and_what_if.ipynb": [
        "1. 林淑仪 (Lin Shuyi): sways 王志远 (Wang Zhiyuan)",
        "林淑仪 (Lin Shuyi) [customer, Independent Director] — influences 0.25 → 王志远",
        "attitude set to +2",
    ],
    "02_coverage_and_targets.ipynb": [
        "[level_parity] against ORI: 猎户通信 (Orion Telecom) is backed by 王志远 (Wang Zhiyuan)",
        "[level_parity] against BOR:",
        "the gains add up: True",
        "顾建明 (Gu Jianming)",  # best sponsor for the independent director
    ],
    "03_routes.ipynb": [
        "[0.64] 周锐 (Zhou Rui) [us, Key Account Manager] — former colleague 0.80 → 邓凯",
        "single point of failure: ('C040',)",
        "C004: 1 route(s) left out",
        "C052: 1 route(s) left out",
        "new person",
        "after:  0.30 via 1 hop(s) from N03",
    ],
    "04_planning_and_monitoring.ipynb": [
        "Plan('OPP-1', year from 2026-11-15",
        "OPP-1-plan.xlsx sheets: ['Cover', 'Status', 'Targets', 'Actions', 'Cards', 'About']",
        "马国良 (Ma Guoliang), Chief Technology Officer (level 2), left",
        "image/png",  # the trend plot
        "INC-2026-031",
        "43 of 61 customer people are stale or never contacted",
    ],
    "05_spark.ipynb": [
        "problems: 0",
        "C005",
        "level_parity",
    ],
}


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_notebooks", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_notebook_is_generated_and_checked():
    on_disk = sorted(p.name for p in FOLDER.glob("*.ipynb"))
    assert on_disk == sorted(_generator().NOTEBOOKS) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_committed_notebook_is_stripped_and_up_to_date(name):
    text = (FOLDER / name).read_text(encoding="utf-8")
    nb = json.loads(text)
    assert set(nb["metadata"]) == {"kernelspec", "language_info"}
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    for cell in code:
        assert cell["outputs"] == []
        assert cell["execution_count"] is None
        assert cell["metadata"] == {}
    assert text == _generator().render(name), "run python scripts/make_notebooks.py"


@pytest.fixture(scope="module")
def kernel_dirs(tmp_path_factory):
    """A kernel spec that starts this interpreter, found before any user-wide spec.

    A fresh machine may have no Jupyter kernel spec installed, or a user-wide ``python3``
    pointing at another Python; the notebooks must run with the package under test.
    """
    folder = tmp_path_factory.mktemp("kernels")
    write_kernel_spec(path=str(folder / "relgraph-test"), overrides={"display_name": "relgraph"})
    spec = json.loads((folder / "relgraph-test" / "kernel.json").read_text())
    assert spec["argv"][0] == sys.executable
    return [str(folder)]


def _outputs_text(nb: Any) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out["output_type"] == "stream":
                parts.append(out["text"])
            elif out["output_type"] in ("execute_result", "display_data"):
                parts.extend(out["data"].keys())
                for value in out["data"].values():
                    if isinstance(value, str):
                        parts.append(value)
    return "\n".join(parts)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_runs(name, kernel_dirs, tmp_path):
    if "spark" in name and not (importlib.util.find_spec("pyspark") and shutil.which("java")):
        pytest.skip("the Spark notebook needs pyspark (the spark extra) and a Java runtime")
    nb = nbformat.read(FOLDER / name, as_version=4)
    before = sorted(p.name for p in FOLDER.iterdir())
    km = AsyncKernelManager(
        kernel_name="relgraph-test", kernel_spec_manager=KernelSpecManager(kernel_dirs=kernel_dirs)
    )
    client = nbclient.NotebookClient(
        nb,
        km=km,
        timeout=120,
        # No timing metadata: nbclient's fallback timestamp uses datetime.utcnow(), which
        # Python 3.12+ deprecates (and pytest turns warnings into errors).
        record_timing=False,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    # cleanup_kc: shut the kernel down and close its sockets even though we made the manager.
    # Raises CellExecutionError with the cell and its traceback on any error.
    client.execute(cleanup_kc=True)

    errors = [
        out
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if out["output_type"] == "error"
        or (out["output_type"] == "stream" and out["name"] == "stderr" and "Warning" in out["text"])
    ]
    assert errors == []
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code")
    text = _outputs_text(nb)
    for expected in EXPECTED[name]:
        assert expected in text, f"{name}: {expected!r} not in the outputs"
    # Nothing written next to the notebooks (they write only into temporary folders).
    assert sorted(p.name for p in FOLDER.iterdir()) == before
