"""MkDocs hooks of the documentation site: MathJax bundled, the tutorial notebooks added.

``on_files`` adds the parts of MathJax 3 the site uses to the build, taken from the pinned
``django-static-mathjax`` package (a copy of MathJax 3.2.2 on PyPI; its Django glue is
not used), so the Methodology page's formulas render with no network: the combined
``tex-mml-chtml.js`` component, its CommonHTML fonts, the TeX extensions it loads on
demand and the accessibility components its menu offers (English speech rules).

It also adds the tutorial notebooks (``notebooks/*.ipynb`` at the top of the repository,
committed without outputs) to the build as ``notebooks/NAME.ipynb``; the mkdocs-jupyter
plugin executes them and renders them with their outputs. nbconvert's template would
load MathJax 2 into each notebook page from a CDN (or, with no URL set, from ``src=""``)
and configure it with MathJax 2's API; ``on_post_page`` removes that block, the site's own
MathJax 3 being on every page.

Configured in mkdocs.yml::

    hooks:
      - scripts/mkdocs_hooks.py
"""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

MATHJAX_DIST = "django-static-mathjax"
MATHJAX_ROOT = PurePosixPath("mathjax/static/mathjax/es5")
#: Where the copy lands in the site (mkdocs.yml's extra_javascript names the loader there).
MATHJAX_DEST = PurePosixPath("javascripts/mathjax")
#: The parts of MathJax's es5 folder the site needs (prefixes, relative to es5/).
MATHJAX_PARTS = (
    "tex-mml-chtml.js",
    "output/chtml/fonts/",
    "input/tex/extensions/",
    "a11y/",
    "sre/mathmaps/en.json",
)


def mathjax_files() -> list[tuple[PurePosixPath, str]]:
    """Return (path in the site, absolute path on disk) of every MathJax file to ship.

    Returns
    -------
    list of (PurePosixPath, str)
        One pair per file, in the distribution's order.

    Raises
    ------
    PluginError
        When the MathJax package is not installed.
    """
    try:
        dist = importlib.metadata.distribution(MATHJAX_DIST)
    except importlib.metadata.PackageNotFoundError as err:
        raise PluginError(
            f"the docs need MathJax from the {MATHJAX_DIST!r} package: "
            "pip install -e '.[test]' (or make setup)"
        ) from err
    out = []
    for entry in dist.files or ():
        path = PurePosixPath(str(entry))
        if MATHJAX_ROOT not in path.parents:
            continue
        rel = path.relative_to(MATHJAX_ROOT)
        if any(str(rel).startswith(part) for part in MATHJAX_PARTS):
            out.append((MATHJAX_DEST / rel, str(dist.locate_file(entry))))
    if not any(dest.name == "tex-mml-chtml.js" for dest, _ in out):
        raise PluginError(f"{MATHJAX_DIST} has no es5/tex-mml-chtml.js; reinstall it")
    return out


#: The MathJax 2 loader and configuration nbconvert writes into every notebook page.
_NBCONVERT_MATHJAX = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S
)


def notebook_files(config_file: str) -> tuple[str, list[str]]:
    """Return the repository root and the paths (from it) of the tutorial notebooks."""
    root = Path(config_file).resolve().parent
    return str(root), [f"notebooks/{nb.name}" for nb in sorted(root.glob("notebooks/*.ipynb"))]


@event_priority(100)  # before mkdocs-jupyter's on_files, which claims the notebooks
def on_files(files: Files, config: Any) -> Files:
    """Add the MathJax files and the notebooks to the site (MkDocs event)."""
    for dest, source in mathjax_files():
        files.append(File.generated(config, str(dest), abs_src_path=source))
    # A plain File read from the repository root: mkdocs-jupyter's wrapper needs src_dir.
    root, notebooks = notebook_files(config.config_file_path)
    for path in notebooks:
        files.append(File(path, root, config.site_dir, config.use_directory_urls))
    return files


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Drop nbconvert's MathJax 2 block from notebook pages (MkDocs event)."""
    if page.file.src_uri.endswith(".ipynb"):
        output, n = _NBCONVERT_MATHJAX.subn("", output)
        if n != 1:
            raise PluginError(f"{page.file.src_uri}: nbconvert's MathJax block not found once")
    return output
