"""The documentation site: strict build, generated pages current, every public name documented."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import relgraph as rg

ROOT = Path(__file__).resolve().parents[1]
API = ROOT / "docs" / "api"
_TARGET = re.compile(r"^:::\s+([\w.]+)\s*\n((?:[ \t]+\S.*\n?)*)", re.MULTILINE)


def _public_api() -> dict[str, Any]:
    """Every function and class in ``relgraph.__all__``."""
    return {
        n: getattr(rg, n)
        for n in rg.__all__
        if inspect.isfunction(getattr(rg, n)) or inspect.isclass(getattr(rg, n))
    }


def _resolve(path: str) -> Any:
    """Resolve a dotted path like mkdocstrings does: modules from sys.modules, then attributes.

    Never imports by guessing: ``import_module("relgraph.datasets.sample")`` would import
    the CSV folder as a namespace package and shadow the ``sample()`` function.
    """
    parts = path.split(".")
    obj: Any = importlib.import_module(parts[0])
    for i in range(1, len(parts)):
        name = ".".join(parts[: i + 1])
        if name not in sys.modules:
            package = isinstance(obj, ModuleType) and hasattr(obj, "__path__")
            spec = importlib.util.find_spec(name) if package else None
            if spec is not None and str(spec.origin or "").endswith(".py"):
                importlib.import_module(name)  # a real submodule not imported yet
        if name in sys.modules and isinstance(sys.modules[name], ModuleType):
            obj = sys.modules[name]  # ``relgraph.plan`` the module, not the function
        else:
            obj = getattr(obj, parts[i])
    return obj


def _members(block: str) -> list[str] | None:
    """The ``members`` option of a ``:::`` target's indented options (None: the default)."""
    import textwrap

    import yaml

    options = (yaml.safe_load(textwrap.dedent(block)) or {}).get("options") or {}
    members = options.get("members")
    if members is None or members is True:
        return None
    return list(members) if members else []


def _targets() -> Iterator[tuple[str, str, list[str] | None]]:
    """(page, dotted path, members option) of every mkdocstrings ``:::`` target in docs/api/."""
    for page in sorted(API.glob("*.md")):
        for m in _TARGET.finditer(page.read_text(encoding="utf-8")):
            yield page.name, m.group(1), _members(m.group(2))


def _documented() -> dict[int, str]:
    """``id(object)`` → the anchor mkdocstrings gives it, for every documented object.

    A module target documents the names of its ``__all__`` (or of its ``members`` option,
    none with ``members: false``).
    """
    out: dict[int, str] = {}
    for _, path, members in _targets():
        obj = _resolve(path)
        out.setdefault(id(obj), path)
        if isinstance(obj, ModuleType):
            for name in getattr(obj, "__all__", ()) if members is None else members:
                out.setdefault(id(getattr(obj, name)), f"{path}.{name}")
    return out


def test_targets_read_the_members_option() -> None:
    assert _members("") is None
    assert _members("    options:\n      members: false\n") == []
    assert _members("    options:\n      members:\n        - a\n        - b\n") == ["a", "b"]
    assert _members("    options:\n      show_source: true\n") is None


def test_every_api_target_resolves() -> None:
    targets = list(_targets())
    assert len(targets) >= 10
    for page, path, _ in targets:
        try:
            _resolve(path)
        except (ImportError, AttributeError) as err:  # pragma: no cover - the failure
            pytest.fail(f"docs/api/{page}: `::: {path}` does not resolve ({err})")


def test_every_public_name_is_in_the_api_reference() -> None:
    documented = _documented()
    missing = [n for n, obj in _public_api().items() if id(obj) not in documented]
    assert not missing, (
        f"relgraph.__all__ names missing from docs/api/*.md: {missing}; add a "
        "`::: module.name` line (or the module, when the name is in its __all__)"
    )


def _examples(obj: Any) -> str:
    doc = inspect.getdoc(obj) or ""
    m = re.search(r"^Examples\n-{8,}\n(.*?)(?=^\S[^\n]*\n-{3,}\n|\Z)", doc, re.S | re.M)
    return m.group(1) if m else ""


def test_every_public_name_has_a_runnable_example() -> None:
    lacking = [n for n, obj in _public_api().items() if ">>> " not in _examples(obj)]
    assert not lacking, (
        f"public names without a numpydoc 'Examples' section with a `>>>` line: {lacking}"
    )


def test_examples_check_itself() -> None:
    def documented() -> None:
        """Do a thing.

        Examples
        --------
        >>> 1 + 1
        2
        """

    def bare() -> None:
        """Do a thing.

        Notes
        -----
        >>> 1 + 1 appears outside Examples and does not count
        """

    assert ">>> 1 + 1" in _examples(documented)
    assert _examples(bare) == ""


def _script(name: str) -> ModuleType:
    """Import one of the scripts/ modules by path."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _cli_docs_module() -> ModuleType:
    return _script("make_cli_docs")


def test_cli_reference_is_current() -> None:
    mod = _cli_docs_module()
    fresh = mod.render()
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == fresh, (
        "docs/cli.md is out of date with relgraph/cli.py: run "
        "`.venv/bin/python scripts/make_cli_docs.py` (or `make docs`) and commit the result"
    )
    # every command of the app has a section
    for command in ("validate", "influence", "routes", "coverage", "targets", "export"):
        assert f"### `relgraph {command}`" in fresh


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once for this module with ``mkdocs build --strict`` (about 30 s).

    The build runs the notebooks (mkdocs-jupyter) and fails on any warning, which includes
    every numpydoc cross-reference that resolves to no documented object.
    """
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent))
    if mkdocs is None:
        pytest.skip("mkdocs is not installed (pip install -e '.[test]')")
    # The notice is Material for MkDocs' end-of-life date (see README, Dependencies).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    out = tmp_path_factory.mktemp("docs") / "site"
    proc = subprocess.run(
        [mkdocs, "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def test_mkdocs_build_strict(site: Path) -> None:
    assert (site / "index.html").exists()
    api = (site / "api" / "network" / "index.html").read_text(encoding="utf-8")
    assert "RelationshipNetwork" in api
    # every public function and class is rendered with its own anchor
    pages = "".join(p.read_text(encoding="utf-8") for p in (site / "api").rglob("index.html"))
    documented = _documented()
    unrendered = [
        n for n, obj in _public_api().items() if f'id="{documented.get(id(obj), "?")}"' not in pages
    ]
    assert not unrendered, f"public names with no rendered API entry: {unrendered}"
    # the methodology page renders its formulas (arithmatex) and names the settings
    method = (site / "methodology" / "index.html").read_text(encoding="utf-8")
    assert "arithmatex" in method
    for field in ("susceptibility", "influence_weight", "interaction_half_life_days"):
        assert field in method


def test_site_loads_nothing_external(site: Path) -> None:
    found = _script("check_site_offline").external_resources(site)
    assert found == [], "external scripts, styles or fonts in the site:\n" + "\n".join(
        " ".join(f) for f in found[:20]
    )


def test_offline_check_finds_every_kind_of_external_resource(tmp_path: Path) -> None:
    check = _script("check_site_offline")
    (tmp_path / "page.html").write_text(
        '<html><head><script src="https://cdn.example/mathjax.js"></script>'
        '<link rel="stylesheet" href="//fonts.example/css">'
        "<style>@import url('https://x.example/a.css');</style></head><body>"
        '<img srcset="a.png 1x, https://img.example/b.png 2x">'
        '<iframe srcdoc="&lt;script src=&quot;https://in.example/x.js&quot;&gt;&lt;/script&gt;">'
        "</iframe>"
        '<a href="https://allowed.example/">a link is fine</a><script src="local.js"></script>'
        '<img src="data:image/png;base64,AAAA"></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "theme.css").write_text(
        "@font-face{font-family:x;src:url(https://fonts.example/x.woff2)}"
        "b{background:url(img/ok.png)}",
        encoding="utf-8",
    )
    urls = sorted(url for _, _, url in check.external_resources(tmp_path))
    assert urls == [
        "//fonts.example/css",
        "https://cdn.example/mathjax.js",
        "https://fonts.example/x.woff2",
        "https://img.example/b.png",
        "https://in.example/x.js",
        "https://x.example/a.css",
    ]


def test_math_is_bundled_in_the_site(site: Path) -> None:
    method = (site / "methodology" / "index.html").read_text(encoding="utf-8")
    assert "javascripts/mathjax/tex-mml-chtml.js" in method
    mathjax = site / "javascripts" / "mathjax"
    assert (mathjax / "tex-mml-chtml.js").stat().st_size > 500_000
    assert list((mathjax / "output" / "chtml" / "fonts" / "woff-v2").glob("MathJax_Main-*.woff"))
    assert (mathjax / "input" / "tex" / "extensions" / "boldsymbol.js").exists()


def test_api_pages_render_numpydoc_roles_as_links(site: Path) -> None:
    pages = {p: p.read_text(encoding="utf-8") for p in (site / "api").rglob("index.html")}
    raw = re.compile(r":(?:py:)?(?:func|meth|class|data|attr|mod|exc|obj):(?:`|<code>)")
    shown = [str(p.relative_to(site)) for p, text in pages.items() if raw.search(text)]
    assert not shown, f"raw Sphinx roles on {shown}"
    # ``:func:`parse_term``` in Role's docstring links to the function's own entry
    vocabularies = (site / "api" / "vocabularies" / "index.html").read_text(encoding="utf-8")
    assert 'id="relgraph.vocab.parse_term"' in vocabularies
    assert 'href="#relgraph.vocab.parse_term"' in vocabularies


def test_scripts_examples_run() -> None:
    import doctest

    for name in ("griffe_sphinx_roles", "check_site_offline", "lowest_deps"):
        result = doctest.testmod(_script(name), optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0 and result.failed == 0, name


def test_notebooks_are_on_the_site_with_their_outputs(site: Path) -> None:
    names = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert len(names) >= 5
    for name in names:
        page = (site / "notebooks" / name / "index.html").read_text(encoding="utf-8")
        assert "jp-OutputArea" in page, name  # executed at build: outputs are there
        assert "MathJax.Hub" not in page and 'src=""' not in page, name
    quick = (site / "notebooks" / "00_quickstart" / "index.html").read_text(encoding="utf-8")
    assert "RelationshipNetwork(78 people" in quick
    assert "<iframe" in quick  # the map, inline
    planning = site / "notebooks" / "04_planning_and_monitoring" / "index.html"
    assert "data:image/png;base64," in planning.read_text(encoding="utf-8")  # the trend plot


def test_images_in_docs_are_copied_to_the_site(site: Path) -> None:
    docs = ROOT / "docs"
    images = [
        p
        for p in docs.rglob("*")
        if p.suffix.lower() in {".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp"}
    ]
    missing = [
        str(p.relative_to(docs)) for p in images if not (site / p.relative_to(docs)).exists()
    ]
    assert not missing, f"images under docs/ not in the site: {missing}"


HOWTO = ROOT / "docs" / "howto"


@pytest.mark.parametrize("page", sorted(p.name for p in HOWTO.glob("*.md")))
def test_howto_python_runs(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ```python block of a how-to page runs, in order, in a fresh folder."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    blocks = re.findall(r"```python\n(.*?)```", (HOWTO / page).read_text(encoding="utf-8"), re.S)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "__howto__"}
    try:
        for n, block in enumerate(blocks, start=1):
            try:
                exec(compile(block, f"docs/howto/{page} block {n}", "exec"), namespace)
            except Exception as err:  # pragma: no cover - the failure
                pytest.fail(f"docs/howto/{page}, python block {n} fails: {err!r}\n{block}")
    finally:
        plt.close("all")


def _cli_lines() -> Iterator[tuple[str, list[str]]]:
    import shlex

    for page in sorted(HOWTO.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for block in re.findall(r"```bash\n(.*?)```", text, re.S):
            for line in block.splitlines():
                if line.startswith("relgraph "):
                    yield page.name, shlex.split(line, comments=True)


def test_howto_cli_lines_use_real_commands_and_options() -> None:
    """Every `relgraph …` line on a how-to page names a real command and real options."""
    import typer.main

    from relgraph.cli import app

    root: Any = typer.main.get_command(app)
    assert hasattr(root, "commands")  # a group (typer's own click-like classes)
    lines = list(_cli_lines())
    assert len(lines) >= 10
    for page, argv in lines:
        cmd: Any = root
        words = argv[1:]
        while hasattr(cmd, "commands") and words and words[0] in cmd.commands:
            cmd = cmd.commands[words.pop(0)]
        assert not hasattr(cmd, "commands"), f"{page}: no such command: {' '.join(argv)}"
        known = {o for p in cmd.params for o in (*p.opts, *p.secondary_opts)}
        for w in words:
            if w.startswith("-"):
                assert w.split("=")[0] in known, f"{page}: `{' '.join(argv)}`: unknown option {w}"
