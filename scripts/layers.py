"""The package's layers, read from its imports: the table in docs/architecture.md and its check.

relgraph's modules form layers that point one way (``base → io → network → analysis →
plan → output → top``): a module imports only from its own layer or the layers below it.
:data:`LAYERS` declares which modules belong to which layer; :func:`imports` reads every
``import`` of a module with :mod:`ast` — at the top, inside functions (lazy imports) and
under ``if TYPE_CHECKING:`` alike, plus ``importlib.import_module("relgraph…")`` calls and the
names a module uses from the package root (``import relgraph as rg`` then ``rg.coverage``
is an import of the module that defines ``coverage``); :func:`violations` lists every import
that points up. ``tests/test_layers.py`` runs the check and compares the table of
docs/architecture.md with :func:`render_table`.

Usage: ``python scripts/layers.py [PAGE]`` rewrites the generated table in PAGE (default
``docs/architecture.md``) between its ``<!-- layers:begin -->`` and ``<!-- layers:end -->``
markers; ``make docs`` runs it.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "relgraph"
PAGE = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- layers:begin -->", "<!-- layers:end -->"

#: Layer name → the modules in it (a package name covers its submodules), bottom first.
LAYERS: dict[str, tuple[str, ...]] = {
    "base": (
        "relgraph._version",
        "relgraph.errors",
        "relgraph.vocab",
        "relgraph.model",
        "relgraph.checks",
        "relgraph.locale",
        "relgraph.messages",
        "relgraph.text",
        "relgraph.textvec",
        "relgraph.palette",
        "relgraph._touchpoints",
    ),
    "io": ("relgraph.io",),
    "network": (
        "relgraph.network",
        "relgraph._netviews",
        "relgraph._netsummary",
        "relgraph._tie_arrays",
        "relgraph.views",
        "relgraph.privacy",
        "relgraph.loading",
        "relgraph.importers",
        "relgraph.datasets",
    ),
    "analysis": ("relgraph.analysis",),
    "plan": ("relgraph.plan",),
    "spark": ("relgraph.spark",),
    "output": ("relgraph.viz", "relgraph.export"),
    "top": ("relgraph.cli", "relgraph.demo", "relgraph.__main__", "relgraph"),
}

#: What each layer is for (the table's last column).
ROLES = {
    "base": "errors, vocabularies and Settings, parameter checks, templates and catalogues",
    "io": "read, validate, write and encode tables; knows nothing of networks",
    "network": "RelationshipNetwork and the views it owns; loading, importers, privacy",
    "analysis": "every analysis; `analysis/paths` is the one route engine",
    "plan": "the yearly planning set",
    "spark": "the same analyses per account on Apache Spark (optional extra)",
    "output": "maps, plots and graph exports",
    "top": "the command line, the demo and the public namespace",
}


@dataclass(frozen=True)
class Import:
    """One import of a relgraph module by another."""

    module: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.module} (line {self.line}) imports {self.imported}"


def layer_of(module: str) -> str:
    """Return the layer of a relgraph module: the longest declared prefix that covers it.

    Raises
    ------
    KeyError
        For a module no entry of :data:`LAYERS` covers.

    Examples
    --------
    >>> layer_of("relgraph.analysis.paths.search"), layer_of("relgraph"), layer_of("relgraph.io")
    ('analysis', 'top', 'io')
    """
    best: tuple[int, str] | None = None
    for layer, prefixes in LAYERS.items():
        for prefix in prefixes:
            covers = module == prefix or (prefix != "relgraph" and module.startswith(prefix + "."))
            if covers and (best is None or len(prefix) > best[0]):
                best = (len(prefix), layer)
    if best is None:
        raise KeyError(
            f"{module} is in no layer: add it to LAYERS in scripts/layers.py "
            "(and to the table of docs/architecture.md, `python scripts/layers.py`)"
        )
    return best[1]


def rank(module: str) -> int:
    """Return the position of a module's layer, bottom (``base``) first."""
    return list(LAYERS).index(layer_of(module))


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Return every module of the package: dotted name → file."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _lazy_names(known: dict[str, Path]) -> dict[str, str]:
    """Return public name → defining module, from the package root's ``_LAZY`` table."""
    root = known.get("relgraph")
    if root is None:
        return {}
    for node in ast.walk(ast.parse(root.read_text(encoding="utf-8"))):
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "_LAZY":
            value = ast.literal_eval(node.value) if node.value is not None else {}
            return {str(k): str(v) for k, v in value.items()}
    return {}


def imports(
    name: str, source: str, known: dict[str, Path], lazy: dict[str, str]
) -> Iterator[Import]:
    r"""Yield every relgraph module that ``source`` (the text of module ``name``) imports.

    ``from relgraph.x import y`` imports ``relgraph.x.y`` when that is a module, else
    ``relgraph.x``. The package root only re-exports: a name taken from it
    (``from relgraph import coverage``, or ``rg.coverage`` after ``import relgraph as rg``)
    is an import of the module that defines the name (the root's ``_LAZY`` table); a name
    the root defines itself is an import of the root (the top layer). ``known`` names every
    module of the package, ``lazy`` maps the root's public names to their modules.

    Examples
    --------
    >>> known = {"relgraph": Path(), "relgraph.io": Path(), "relgraph.io.read": Path()}
    >>> src = "from relgraph.io import read\ndef f():\n    import relgraph as rg\n"
    >>> src += "    return rg.io, rg.load, rg.__version__\n"
    >>> for found in imports("relgraph.x", src, known, {"load": "relgraph.loading"}):
    ...     print(found)
    relgraph.x (line 1) imports relgraph.io.read
    relgraph.x (line 4) imports relgraph.io
    relgraph.x (line 4) imports relgraph.loading
    relgraph.x (line 4) imports relgraph
    """
    tree = ast.parse(source)
    package = name if known.get(name, Path()).name == "__init__.py" else name.rpartition(".")[0]
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "relgraph":
                    roots.add(alias.asname or "relgraph")  # resolved where its names are used
                elif alias.name.startswith("relgraph."):
                    yield Import(name, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            if base.split(".")[0] == "relgraph":
                for alias in node.names:
                    yield Import(name, _resolve(base, alias.name, known, lazy), node.lineno)
        elif isinstance(node, ast.Call) and _is_import_module(node):
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and str(arg.value).startswith("relgraph"):
                yield Import(name, str(arg.value), node.lineno)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in roots:
                yield Import(name, _resolve("relgraph", node.attr, known, lazy), node.lineno)


def _resolve(base: str, attr: str, known: dict[str, Path], lazy: dict[str, str]) -> str:
    """Return the module that ``from base import attr`` (or ``base.attr``) loads."""
    if f"{base}.{attr}" in known:
        return f"{base}.{attr}"
    if base == "relgraph" and attr in lazy:
        return lazy[attr]
    return base


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - node.level + 1])
    return f"{base}.{node.module}" if node.module else base


def _is_import_module(node: ast.Call) -> bool:
    func = node.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return called == "import_module" and bool(node.args)


def all_imports(package: Path = PACKAGE) -> list[Import]:
    """Return every import of a relgraph module by a relgraph module, in file order."""
    known = modules(package)
    lazy = _lazy_names(known)
    return [
        imp
        for name, path in known.items()
        for imp in imports(name, path.read_text(encoding="utf-8"), known, lazy)
    ]


def violations(found: list[Import]) -> list[Import]:
    """Return the imports that point up: from a module to a module of a higher layer.

    The package root (``relgraph``, the public namespace) is the top layer: a name it
    defines itself (``__version__`` lives in ``relgraph._version``) taken from below is an
    upward import.

    Examples
    --------
    >>> violations([Import("relgraph.io.read", "relgraph.network", 3),
    ...             Import("relgraph.plan.build", "relgraph.analysis.coverage", 9)])
    [Import(module='relgraph.io.read', imported='relgraph.network', line=3)]
    """
    return [i for i in found if rank(i.imported) > rank(i.module)]


def render_table(found: list[Import] | None = None, package: Path = PACKAGE) -> str:
    """Return the Markdown table of the layers: their modules and what they import from."""
    found = all_imports(package) if found is None else found
    members: dict[str, list[str]] = {layer: [] for layer in LAYERS}
    for name in modules(package):
        members[layer_of(name)].append(name)
    uses: dict[str, set[str]] = {layer: set() for layer in LAYERS}
    for imp in found:
        a, b = layer_of(imp.module), layer_of(imp.imported)
        if a != b:
            uses[a].add(b)
    lines = [
        "| layer | modules | imports from | what it holds |",
        "| --- | --- | --- | --- |",
    ]
    for layer, prefixes in LAYERS.items():
        shown = []
        for prefix in prefixes:
            inside = [m for m in members[layer] if layer_of(m) == layer and _under(m, prefix)]
            if inside:
                package = any(m != prefix for m in inside)
                shown.append(f"`{prefix}`" + (" (package)" if package else ""))
        below = [f"{other}" for other in LAYERS if other in uses[layer]]
        lines.append(
            f"| {layer} | {', '.join(shown)} | {', '.join(below) or '—'} | {ROLES[layer]} |"
        )
    return "\n".join(lines) + "\n"


def _under(module: str, prefix: str) -> bool:
    if prefix == "relgraph":
        return module == "relgraph"
    return module == prefix or module.startswith(prefix + ".")


def with_table(page: str, table: str) -> str:
    """Return ``page`` with the text between its layer markers replaced by ``table``."""
    head, sep, rest = page.partition(BEGIN)
    _, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        raise ValueError(f"the page has no {BEGIN} … {END} markers")
    return f"{head}{BEGIN}\n{table}{END}{tail}"


def main(argv: list[str]) -> int:
    """Rewrite the layer table of the page named in ``argv`` (default docs/architecture.md)."""
    page = Path(argv[0]) if argv else PAGE
    page.write_text(with_table(page.read_text(encoding="utf-8"), render_table()), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
