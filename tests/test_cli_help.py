"""Conventions: --version, -h everywhere, help that fits 80 columns in both languages,
one spelling per option, wrapped output, ``python -m relgraph``."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
import typer.main
from typer.testing import CliRunner

import relgraph as rg
from relgraph.cli import app
from relgraph.cli.output import render_table, wrap
from relgraph.io.excel_format import display_width

runner = CliRunner()
SAMPLE = str(rg.datasets.sample_path())


def commands() -> Iterator[tuple[list[str], Any]]:
    """Every command (and group) of the app, as its path of names and its click object."""

    def walk(path: list[str], cmd: Any) -> Iterator[tuple[list[str], Any]]:
        yield path, cmd
        for name, sub in getattr(cmd, "commands", {}).items():
            yield from walk([*path, name], sub)

    yield from walk([], typer.main.get_command(app))


COMMANDS = [path for path, cmd in commands()]
LEAVES = [(path, cmd) for path, cmd in commands() if not hasattr(cmd, "commands")]


def test_version_and_python_m() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output == f"relgraph {rg.__version__}\n"
    run = subprocess.run(
        [sys.executable, "-m", "relgraph", "--version"], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0 and run.stdout == f"relgraph {rg.__version__}\n", run.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "relgraph")
def test_every_help_fits_80_columns(path: list[str], lang: str) -> None:
    args = [*path, "-h"] if lang == "en" else ["--lang", "zh", *path, "-h"]
    result = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: ")
    too_wide = [line for line in result.output.splitlines() if display_width(line) > 80]
    assert not too_wide, too_wide
    long = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "80"}).output
    if lang == "en":
        assert long == result.output  # -h and --help are the same
        assert "..." not in long.split("\n", 1)[1]  # nothing cut off (the usage line has ...)
    else:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in result.output)


def test_help_in_chinese_translates_every_help_text() -> None:
    out = runner.invoke(app, ["influence", "-h", "--lang", "zh"]).output
    assert "各方的支持指数" in out and "显示多少行" in out and "显示本帮助后退出" in out
    assert "Support index" not in out and "How many rows" not in out


def test_option_names_are_the_same_everywhere() -> None:
    spellings: dict[str, set[tuple[str, ...]]] = {}
    for path, cmd in LEAVES:
        opts = {p.name: tuple(sorted(p.opts)) for p in cmd.params if not p.hidden}
        names = {o for p in cmd.params for o in p.opts}
        assert "--lang" in names and "--debug" in names, path
        for name, opt in opts.items():
            spellings.setdefault(name, set()).add(opt)
        for p in cmd.params:
            assert not any(o.startswith("--no-include") for o in p.secondary_opts), path
        takes_data = cmd.params[0].name in ("path", "old")
        if takes_data and path[0] not in ("validate", "import", "diff", "template"):
            assert "--as-of" in names, path
            assert "--include-sensitive" in names, path
    assert spellings["opportunity"] == {("--opportunity", "-o")}
    assert spellings["top"] == {("--top", "-k")}
    assert spellings["as_of"] >= {("--as-of",)}
    assert spellings["lang"] == {("--lang",)}
    assert spellings["include_sensitive"] == {("--include-sensitive",)}
    assert spellings["as_json"] == {("--json",)}


def test_the_deprecated_k_still_works() -> None:
    old = runner.invoke(app, ["routes", SAMPLE, "--to", "C006", "--k", "1", "--json"])
    new = runner.invoke(app, ["routes", SAMPLE, "--to", "C006", "-k", "1", "--json"])
    assert old.exit_code == new.exit_code == 0
    assert old.stdout == new.stdout
    assert "--k is the old spelling of --top/-k" in old.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["influence", SAMPLE, "-o", "OPP-1", "--as-of", "2026-11-15"],
        ["targets", SAMPLE, "-o", "OPP-1", "--as-of", "2026-11-15"],
        ["routes", SAMPLE, "--to", "C006", "--as-of", "2026-11-15"],
        ["influence", SAMPLE, "-o", "OPP-1", "--lang", "zh"],
    ],
)
def test_long_output_is_wrapped_to_the_terminal(args: list[str]) -> None:
    for width in (80, 120):
        result = runner.invoke(app, args, env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert max(display_width(line) for line in lines) <= width
        assert max(display_width(line) for line in lines) > width - 20  # the room is used


def test_tables_align_chinese_names_by_display_width() -> None:
    frame = pd.DataFrame({"person": ["C1", "C2"], "name": ["王志远 (Wang)", "Ann"], "n": [1, 22]})
    lines = render_table(frame, width=80).splitlines()
    assert lines == [
        "person  name            n",
        "C1      王志远 (Wang)   1",
        "C2      Ann            22",
    ]
    zh = render_table(frame.assign(party=["us", "customer"]), lang="zh").splitlines()
    assert zh[0].split() == ["人员编号", "姓名", "n", "所属方"] and "我方团队" in zh[1]


def test_wrapping_keeps_names_whole_and_never_starts_a_line_with_a_comma() -> None:
    text = "owner A 易晓峰 (Yi Xiaofeng),owner B 常远 (Chang Yuan);已覆盖:王志远、李明哲、陈建国"
    for width in range(12, 40):
        lines = wrap(text, width, hang="  ")
        assert all(display_width(line) <= width for line in lines), (width, lines)
        assert "".join(line.strip() for line in lines).replace(" ", "") == text.replace(" ", "")
        assert not any(line.strip()[:1] in "、,;:" for line in lines[1:]), lines
        assert not any(line.endswith(("易", "常", "王")) for line in lines), lines
