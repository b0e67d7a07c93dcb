"""The package's layers point one way, only the network writes its caches, one route engine.

The import graph is read from the source with ``ast`` (scripts/layers.py): imports at the top
of a module, inside functions and under ``TYPE_CHECKING`` all count.
"""

from __future__ import annotations

import ast
import doctest
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def layers() -> ModuleType:
    spec = importlib.util.spec_from_file_location("layers", ROOT / "scripts" / "layers.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclass looks its module up there
    spec.loader.exec_module(mod)
    return mod


def _trees(layers: ModuleType, package: Path | None = None) -> dict[str, ast.Module]:
    known = layers.modules(package or layers.PACKAGE)
    return {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in known.items()}


def test_every_module_has_a_layer(layers: ModuleType) -> None:
    for name in layers.modules():
        layers.layer_of(name)  # a KeyError names the module and where to declare it


def test_no_module_imports_from_a_layer_above_it(layers: ModuleType) -> None:
    found = layers.all_imports()
    assert len(found) > 300  # the reader sees the package's imports
    upward = layers.violations(found)
    assert not upward, "imports that point up the layers:\n" + "\n".join(map(str, upward))


def test_the_route_engine_uses_no_other_analysis(layers: ModuleType) -> None:
    engine = [i for i in layers.all_imports() if i.module.startswith("relgraph.analysis.paths")]
    assert engine
    others = [
        str(i)
        for i in engine
        if i.imported.startswith("relgraph.analysis")
        and not i.imported.startswith("relgraph.analysis.paths")
    ]
    assert not others, others


_OWN_CACHES = {"lru_cache", "cache", "cached_property"}


def _names(node: ast.AST) -> set[str]:
    """The names a node mentions: ``x``, ``a.x`` or ``from m import x``."""
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, ast.Attribute):
        return {node.attr}
    if isinstance(node, ast.ImportFrom):
        return {alias.name for alias in node.names}
    return set()


def _cache_writers(trees: dict[str, ast.Module]) -> list[str]:
    """Modules other than relgraph.network touching the network's caches, or keeping their own.

    The network's caches are its ``_cache`` and ``_shared``, written only by ``net.memo`` and
    ``net._table_view`` in relgraph/network.py; an analysis or the plan keeps no cache of
    its own (functools caches), so a result never outlives the network it came from.
    """
    out = []
    for name, tree in trees.items():
        analysis = name.startswith(("relgraph.analysis", "relgraph.plan"))
        for node in ast.walk(tree):
            names = _names(node)
            private = isinstance(node, ast.Attribute) and bool(names & {"_cache", "_shared"})
            if (private and name != "relgraph.network") or (analysis and names & _OWN_CACHES):
                out.append(f"{name} line {getattr(node, 'lineno', 0)}")
    return out


def test_only_the_network_writes_its_caches(layers: ModuleType) -> None:
    assert _cache_writers(_trees(layers)) == []


def _fake_package(root: Path, files: dict[str, str]) -> Path:
    """A package ``relgraph`` under ``root`` whose root re-exports ``plan`` lazily."""
    files = {"__init__.py": "_LAZY: dict[str, str] = {'plan': 'relgraph.plan'}\n", **files}
    for rel, text in files.items():
        path = root / "relgraph" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "relgraph"


def test_the_checks_find_what_they_look_for(layers: ModuleType, tmp_path: Path) -> None:
    """Upward imports in every form, and cache writes, are found; allowed imports are not."""
    package = _fake_package(
        tmp_path,
        {
            "io/__init__.py": "",
            "io/read.py": (
                "from relgraph.model import Settings\n"  # down: allowed
                "def f():\n    from relgraph.network import RelationshipNetwork\n"  # lazy
            ),
            "io/write.py": "import importlib\nimportlib.import_module('relgraph.analysis')\n",
            "model.py": "",
            "network.py": "class N:\n    def memo(self):\n        self._cache = {}\n",
            "analysis/__init__.py": "",
            "analysis/x.py": (
                "import relgraph as rg\nfrom relgraph import __version__\n"
                "def f(net):\n    net._cache.clear()\n    return rg.plan\n"
            ),
            "analysis/y.py": "from functools import lru_cache\n",
            "plan.py": "from . import network\n",  # relative, down: allowed
        },
    )
    found = layers.all_imports(package)
    upward = sorted(f"{i.module} -> {i.imported}" for i in layers.violations(found))
    assert upward == [
        "relgraph.analysis.x -> relgraph",
        "relgraph.analysis.x -> relgraph.plan",
        "relgraph.io.read -> relgraph.network",
        "relgraph.io.write -> relgraph.analysis",
    ]
    writers = _cache_writers(_trees(layers, package))
    assert writers == ["relgraph.analysis.x line 4", "relgraph.analysis.y line 1"]


def test_the_architecture_page_shows_the_current_layers(layers: ModuleType) -> None:
    page = layers.PAGE.read_text(encoding="utf-8")
    assert layers.with_table(page, layers.render_table()) == page, (
        "the layer table of docs/architecture.md is out of date: run "
        "`.venv/bin/python scripts/layers.py` (or `make docs`) and commit the result"
    )


def test_layers_script_examples_run(layers: ModuleType) -> None:
    result = doctest.testmod(layers)
    assert result.attempted > 0 and result.failed == 0
