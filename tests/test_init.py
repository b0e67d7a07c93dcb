"""The package's lazy top level: every public name resolves, nothing heavy loads on import."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

import relgraph

INIT = Path(relgraph.__file__)
HEAVY = ("pandas", "numpy", "scipy", "networkx", "matplotlib", "pyvis", "openpyxl", "typer")


def _fresh(code: str) -> str:
    """Run ``code`` in a fresh interpreter (nothing imported yet) and return its stdout."""
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return proc.stdout


def _type_checking_imports() -> dict[str, str]:
    """Name → module of every import in the ``if TYPE_CHECKING:`` block of __init__.py."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
    )
    out: dict[str, str] = {}
    for stmt in block.body:
        assert isinstance(stmt, ast.ImportFrom) and stmt.module is not None
        for alias in stmt.names:
            out[alias.asname or alias.name] = stmt.module
    return out


def test_table_type_checking_block_and_all_agree() -> None:
    lazy = relgraph._LAZY
    assert set(lazy) | set(relgraph._SUBMODULES) | {"__version__"} == set(relgraph.__all__)
    seen = _type_checking_imports()
    submodules = {n for n, mod in seen.items() if mod == "relgraph"}
    assert submodules == set(relgraph._SUBMODULES)
    assert {n: mod for n, mod in seen.items() if mod != "relgraph"} == lazy
    assert len(relgraph.__all__) == len(set(relgraph.__all__))


@pytest.mark.parametrize("name", relgraph.__all__)
def test_every_public_name_resolves_to_its_module_object(name: str) -> None:
    value = getattr(relgraph, name)
    if name in relgraph._SUBMODULES:
        assert value is importlib.import_module(f"relgraph.{name}")
    elif name != "__version__":
        assert value is getattr(importlib.import_module(relgraph._LAZY[name]), name)
    assert name in dir(relgraph)


def test_unknown_name_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        relgraph.no_such_thing  # noqa: B018
    assert not hasattr(relgraph, "_no_such_private")


def test_import_loads_no_heavy_dependency() -> None:
    out = _fresh(
        "import sys, json, relgraph\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))"
    )
    assert json.loads(out) == []


def test_first_use_imports_the_defining_module_only_then() -> None:
    out = _fresh(
        "import sys, relgraph\n"
        "before = 'relgraph.analysis.tiering' in sys.modules\n"
        "f = relgraph.tier_customers\n"
        "print(before, 'relgraph.analysis.tiering' in sys.modules, f.__module__)"
    )
    assert out.split() == ["False", "True", "relgraph.analysis.tiering"]


def test_a_submodule_import_never_hides_the_public_name() -> None:
    # relgraph/plan.py defines the function relgraph.plan: importing the module first must
    # not turn ``relgraph.plan`` into the module.
    out = _fresh(
        "import relgraph.plan, relgraph\n"
        "print(type(relgraph.plan).__name__, relgraph.Plan.__name__)"
    )
    assert out.split() == ["function", "Plan"]
    assert isinstance(relgraph.plan, types.FunctionType)
    assert isinstance(relgraph.datasets, types.ModuleType)
