"""The scripts and styles a map page inlines: vis-network (shipped by pyvis) and relgraph's own.

Importing this module checks that the installed pyvis ships the vis-network build relgraph
was tested with (:data:`VIS_NETWORK_SHA256`, from pyvis 0.3.2): the page's script relies on
that exact build, and a pyvis release that moves or replaces it should fail here, with a
message saying what to install, rather than draw a broken map.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from relgraph.errors import MissingDependencyError, RelgraphError
from relgraph.text import say

__all__ = ["PYVIS_RANGE", "VIS_NETWORK_SHA256", "app_css", "app_js", "vis_js"]

#: The pyvis versions tested (as pinned in pyproject.toml).
PYVIS_RANGE = ">=0.3.2,<0.4"
#: Where pyvis keeps vis-network, relative to the pyvis package.
VIS_NETWORK_PATH = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
#: SHA-256 of the tested vis-network 9.1.2 build (pyvis 0.3.2).
VIS_NETWORK_SHA256 = "1f20f0736f32cb9bedf8f6383b25cfea2f839e1abe80d6e8040b4d5bea378c69"
_SOURCE_MAP = re.compile(r"//# sourceMappingURL=\S*")


def _vis_file() -> Path:
    """Locate vis-network inside the installed pyvis (without importing pyvis)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependencyError("pyvis", "The HTML map")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*VIS_NETWORK_PATH)
    if not path.is_file():
        raise RelgraphError(say("viz_vis_moved", path=str(path), range=PYVIS_RANGE))
    return path


def _check(path: Path) -> str:
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != VIS_NETWORK_SHA256:
        raise RelgraphError(
            say("viz_vis_changed", path=str(path), digest=digest, range=PYVIS_RANGE)
        )
    return raw.decode("utf-8")


_VIS_TEXT = _check(_vis_file())


@lru_cache(maxsize=1)
def vis_js() -> str:
    """vis-network's script, safe to inline (no source-map reference, no ``</script``).

    Line ends are LF: an HTML parser turns CR LF into LF before the browser hashes an inline
    script, so the Content-Security-Policy hash must be of the LF text.
    """
    text = _VIS_TEXT.replace("\r\n", "\n").replace("\r", "\n")
    return _SOURCE_MAP.sub("", text).replace("</script", "<\\/script")


def _asset(name: str) -> str:
    text = resources.files("relgraph.viz").joinpath("assets").joinpath(name).read_text("utf-8")
    return text.replace("\r\n", "\n")


@lru_cache(maxsize=1)
def app_js() -> str:
    """Return relgraph's page script (groups, focus, positions, exports)."""
    return _asset("map_export.js") + "\n" + _asset("map.js")


@lru_cache(maxsize=1)
def app_css() -> str:
    """Return relgraph's page style, including the print style sheet."""
    return _asset("map.css")
