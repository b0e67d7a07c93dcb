"""pyproject.toml: every runtime dependency (and extra) has a tested range."""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

tomllib = pytest.importorskip("tomllib") if sys.version_info >= (3, 11) else None


def _project() -> dict:
    if tomllib is None:  # pragma: no cover - Python 3.10
        pytest.skip("tomllib needs Python 3.11")
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _runtime_requirements() -> list[str]:
    project = _project()
    extras = project["optional-dependencies"]
    return [
        *project["dependencies"],
        *(r for name, reqs in extras.items() if name != "test" for r in reqs),
    ]


def test_every_runtime_dependency_has_a_lower_and_an_upper_bound() -> None:
    reqs = _runtime_requirements()
    assert len(reqs) >= 10
    for req in reqs:
        assert re.search(r">=\s*[\d.]+", req), f"{req}: no tested lower bound"
        assert re.search(r"<\s*[\d.]+", req), f"{req}: no upper bound"


def test_upper_bound_is_the_next_major_of_the_tested_version() -> None:
    """The upper bound is the next major after the installed (tested) release; for 0.x
    releases the next minor."""
    import importlib.metadata

    checked = 0
    for req in _runtime_requirements():
        name = re.match(r"[A-Za-z0-9._-]+", req).group(0)  # type: ignore[union-attr]
        try:
            tested = [int(x) for x in importlib.metadata.version(name).split(".")[:2]]
        except importlib.metadata.PackageNotFoundError:
            continue  # an extra that is not installed here
        high = [int(x) for x in re.search(r"<\s*([\d.]+)", req).group(1).split(".")]  # type: ignore[union-attr]
        expected = [0, tested[1] + 1] if tested[0] == 0 else [tested[0] + 1]
        assert high == expected, f"{req}: tested with {name} {'.'.join(map(str, tested))}"
        checked += 1
    assert checked >= 9


def test_lowest_deps_pins_every_runtime_requirement() -> None:
    lowest_pins = runpy.run_path(str(ROOT / "scripts" / "lowest_deps.py"))["lowest_pins"]
    project = _project()
    pins = lowest_pins(project["dependencies"], set())
    names = [re.match(r"[A-Za-z0-9._-]+", r).group(0) for r in project["dependencies"]]  # type: ignore[union-attr]
    assert [p.split("==")[0] for p in pins] == names
    for pin, req in zip(pins, project["dependencies"], strict=True):
        assert pin.split("==")[1] == re.search(r">=\s*([\d.]+)", req).group(1)  # type: ignore[union-attr]
    with pytest.raises(SystemExit, match="no lower bound"):
        lowest_pins(["pandas<4"], set())
