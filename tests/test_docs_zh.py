"""The Chinese getting-started page (docs/zh/getting-started.md): every command on it runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from relgraph.cli import app

PAGE = Path(__file__).resolve().parents[1] / "docs" / "zh" / "getting-started.md"


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)


def test_the_page_is_in_the_site_navigation() -> None:
    nav = (PAGE.parents[2] / "mkdocs.yml").read_text(encoding="utf-8")
    assert "zh/getting-started.md" in nav


def test_every_command_and_python_block_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)
    commands = [
        line.split("#")[0].strip()
        for block in blocks("bash")
        for line in block.splitlines()
        if line.startswith("relgraph ")
    ]
    assert len(commands) >= 8
    runner = CliRunner()
    for command in commands:
        result = runner.invoke(app, shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.output)
    assert Path("示例.xlsx").exists() and Path("关系图.html").exists()
    namespace: dict[str, Any] = {"__name__": "__zh_docs__"}
    for code in blocks("python"):
        exec(compile(code, str(PAGE), "exec"), namespace)  # noqa: S102
    assert repr(namespace["net"]).startswith("RelationshipNetwork(78 people")
    assert (namespace["folder"] / "规划.xlsx").exists()
