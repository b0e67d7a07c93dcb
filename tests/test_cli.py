"""The ``relgraph`` command: validate (exit 1 listing every problem, or 0 with a summary), demo."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import relgraph as rg
from relgraph.cli import app
from relgraph.text import term

runner = CliRunner()


def broken_folder(folder: Path) -> Path:
    folder.mkdir()
    pd.DataFrame(
        {"id": ["A", "U", "A"], "name": ["Acme", "Us", "Dup"], "kind": ["customer", "us", "rival"]}
    ).to_csv(folder / "orgs.csv", index=False)
    pd.DataFrame(
        {
            "id": ["p1", "p2", "u1"],
            "name": ["Ann", "", "Eve"],
            "org": ["A", "A", "X"],
            "attitude": ["5", "1", ""],
            "updated": ["2024-13-01", "", ""],
        }
    ).to_csv(folder / "people.csv", index=False)
    pd.DataFrame(
        {
            "source": ["p1", "p2", "p2", "u1"],
            "target": ["p1", "ghost", "p1", "p2"],
            "kind": ["friend", "reports_to", "freind", "朋有"],
            "note": ["", "", "", "line one\nline two"],
        }
    ).to_csv(folder / "ties.csv", index=False)
    return folder


def run_cli(*args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    """Run the real entry point in a fresh interpreter whose stdio uses ``encoding``."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "NO_COLOR": "1"}
    code = "import sys; from relgraph.cli import main; sys.argv[0] = 'relgraph'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, env=env, timeout=300
    )


EXPECTED = [
    "duplicate_id",
    "unknown_term",
    "blank",
    "unknown_reference",
    "out_of_range",
    "bad_date",
    "self_tie",
]


def test_validate_broken_folder_lists_every_problem(tmp_path: Path) -> None:
    folder = broken_folder(tmp_path / "bad")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    out = result.output
    try:
        rg.load(folder)
    except rg.ValidationError as err:
        n = len(err.problems)
    assert n >= len(EXPECTED)
    assert f"{n} problem(s) in {folder}" in out
    for reason in EXPECTED:
        assert reason in out, reason
    assert "did you mean 'friend'?" in out
    assert "ghost" in out
    # one header line, then exactly one line per problem (line breaks in values escaped)
    lines = out.splitlines()
    start = lines.index(f"{n} problem(s) in {folder}:")
    table = lines[start + 1 :]
    assert table[0].split() == ["source", "table", "row", "column", "value", "reason", "hint"]
    assert len(table) == n + 1
    assert all(str(folder) in line for line in table[1:])
    assert "unknown kind '朋有'; did you mean '朋友'?" in out


def test_validate_prints_chinese_whatever_the_terminal_encoding(tmp_path: Path) -> None:
    folder = broken_folder(tmp_path / "bad")
    result = run_cli("validate", str(folder), encoding="latin-1")
    assert result.returncode == 1, result.stderr
    assert "unknown kind '朋有'; did you mean '朋友'?" in result.stderr.decode("utf-8")
    sample = run_cli("validate", str(rg.datasets.sample_path()), encoding="ascii")
    assert sample.returncode == 0 and b"is valid" in sample.stdout


def test_validate_notes_files_it_does_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    rg.datasets.tiny().to_csv(folder)
    (folder / "notes.csv").write_text("a\n1\n")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert "note: not read, as they are not relgraph tables: notes.csv" in result.output


def test_validate_refuses_a_misnamed_table_file(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    rg.datasets.tiny().to_csv(folder)
    (folder / "ties.csv").rename(folder / "relationships.csv")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "unknown_table" in result.output and "did you mean ties.csv?" in result.output
    # a problem about a whole file has no row or column: blank cells, not "nan"
    line = next(ln for ln in result.output.splitlines() if "unknown_table" in ln)
    assert "nan" not in line.split()


def test_validate_the_sample_prints_a_summary(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(rg.datasets.sample_path())])
    assert result.exit_code == 0, result.output
    assert "OK:" in result.output and "is valid" in result.output
    assert "people" in result.output and "ties" in result.output


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"error: {tmp_path / 'nowhere'} does not exist"


def test_demo_writes_its_outputs(tmp_path: Path) -> None:
    # the real entry point, on a terminal that cannot print Chinese: output becomes UTF-8
    out = tmp_path / "demo"
    result = run_cli("demo", "--out", str(out), encoding="latin-1")
    text = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "Load and validate" in text
    assert "方华" in text or any("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert "[]" not in text  # a withheld hidden influencer has no id to show
    assert "include_sensitive=True" not in text and "--include-sensitive" in text
    assert (out / "sample_account.xlsx").is_file()
    again = rg.load(out / "sample_account.xlsx")
    # a shareable copy: everyone but the CFO's husband (known only through sensitive ties)
    assert set(rg.datasets.sample().person_ids) - set(again.person_ids) == {"E03"}
    assert "1 person known only through them" in text


def test_validate_json_lists_every_problem(tmp_path: Path) -> None:
    folder = broken_folder(tmp_path / "bad")
    result = runner.invoke(app, ["validate", str(folder), "--json"])
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    try:
        rg.load(folder)
    except rg.ValidationError as err:
        problems = err.problems
    assert out["valid"] is False and out["path"] == str(folder)
    assert len(out["problems"]) == len(problems)
    first = out["problems"][0]
    assert list(first) == ["file", "table", "row", "column", "value", "reason", "hint"]
    assert {p["reason"] for p in out["problems"]} >= set(EXPECTED)
    typo = next(p for p in out["problems"] if p["value"] == "freind")
    assert typo["file"].endswith("ties.csv") and typo["column"] == "kind" and typo["row"] == 4
    assert "did you mean 'friend'?" in typo["hint"]
    zh = json.loads(runner.invoke(app, ["validate", str(folder), "--json", "--lang", "zh"]).stdout)
    assert any("朋友" in p["hint"] for p in zh["problems"])
    assert [p["reason"] for p in zh["problems"]] == [p["reason"] for p in out["problems"]]


def test_validate_json_of_a_valid_dataset() -> None:
    result = runner.invoke(app, ["validate", str(rg.datasets.sample_path()), "--json"])
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["valid"] is True and out["problems"] == [] and out["not_read"] == []
    assert out["summary"]["people"] == len(rg.datasets.sample().people)


def test_the_output_language_follows_lang() -> None:
    sample = str(rg.datasets.sample_path())
    args = ["influence", sample, "-o", "OPP-1", "--as-of", rg.datasets.SAMPLE_DATE, "--top", "3"]
    zh = runner.invoke(app, [*args, "--lang", "zh"])
    assert zh.exit_code == 0, zh.output
    head = zh.output.splitlines()
    assert head[0] == "OPP-1的决策支持指数(我方 −3..+3,竞争对手 0..3):"
    assert head[1].split() == ["所属方", "姓名", "指数", "支持者"]
    assert "王志远" in zh.output and "决定者" in zh.output  # names in Chinese, role words
    for english in ("Decision support index", "Top hidden", "Leverage (top", "Why:", "note:"):
        assert english not in zh.output, english  # the command's own words (not the analyses')
    tables = [line.split() for line in head if line.startswith(("人员编号", "序号"))]
    assert tables == [
        ["序号", "人员编号", "姓名", "杠杆值"],
        ["人员编号", "姓名", "所属方", "角色", "态度", "预测态度", "杠杆值"],
    ]
    # relgraph --lang zh COMMAND is the same as COMMAND --lang zh
    assert runner.invoke(app, ["--lang", "zh", *args]).output == zh.output
    en = runner.invoke(app, args).output
    assert en.splitlines()[0].startswith("Decision support index for OPP-1")


def test_python_m_relgraph_runs_the_command_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "relgraph", "validate", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_json_says_on_stderr_that_there_are_problems(tmp_path: Path) -> None:
    folder = broken_folder(tmp_path / "bad")
    result = runner.invoke(app, ["validate", str(folder), "--json"])
    assert result.exit_code == 1
    n = len(json.loads(result.stdout)["problems"])
    assert result.stderr == f"{n} problem(s) in {folder}:\n"


def _table(output: str) -> str:
    """The lines of a command's first table (before its "Why:" / "说明:" details)."""
    return output.split("\n\n")[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tables_show_words_and_names_not_identifiers(lang: str) -> None:
    sample = str(rg.datasets.sample_path())
    net = rg.datasets.sample().with_settings(language=lang)
    base = ["-o", "OPP-1", "--as-of", rg.datasets.SAMPLE_DATE, "--lang", lang]
    targets = runner.invoke(app, ["targets", sample, *base], env={"COLUMNS": "200"})
    assert targets.exit_code == 0, targets.output
    table = _table(targets.output)
    rec = rg.recommend_targets(net, "OPP-1")
    for owner in rec["owner_a"].dropna().astype(str):
        assert str(net.labels[owner]) in table  # owners by name ...
    assert not re.search(r"\bN0\d\b", table)  # ... not by id
    assert "work_through" not in table
    assert term("objective", "work_through", lang=lang) in table
    coverage = runner.invoke(app, ["coverage", sample, *base], env={"COLUMNS": "200"})
    assert "level_parity" not in coverage.output and "single_threaded" not in coverage.output
    assert term("gap_rule", "single_threaded", lang=lang) in coverage.output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_diff_lists_kinds_of_change_in_words(lang: str) -> None:
    old = rg.datasets.sample_path().parent / "snapshots" / "2026-05-31"
    args = ["diff", str(old), str(rg.datasets.sample_path()), "--lang", lang]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for raw in ("gap_opened", "new_supporter", "level_parity", "no_decider_support"):
        assert raw not in result.output, raw
    assert term("change_kind", "gap_opened", lang=lang) in result.output


def test_tier_prints_grades_in_words_and_fits_the_terminal(tmp_path: Path) -> None:
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(
        "account,current_value,future_potential,strategic_fit\nXM,90,80,5\nZB,5,10,1\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["tier", str(accounts)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    header, first = result.output.splitlines()[:2]
    assert "name" not in header.split()  # the file gives no names: no blank column
    assert first.split()[-1] == term("tier", "S", lang="en")
    table = result.output.split("\n\n")[0]
    assert max(len(line) for line in table.splitlines()) <= 80


def test_tier_names_the_file_and_row_of_a_bad_value(tmp_path: Path) -> None:
    """Bad content of the accounts file is bad data (exit 1), placed as a spreadsheet shows it."""
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(
        "account,current_value,future_potential,strategic_fit\nXM,90,80,5\nZB,lots,10,1\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["tier", str(accounts)])
    assert result.exit_code == 1, result.output
    line = " ".join(result.stderr.split())
    assert str(accounts) in line and "'current_value'" in line and "rows 3" in line
    zh = runner.invoke(app, ["tier", str(accounts), "--lang", "zh"])
    assert zh.exit_code == 1 and "以下行的值有误:3" in zh.stderr and "请修改该文件" in zh.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["routes", "-o", "OPP-1"],
        ["influence", "-o", "OPP-1"],
        ["coverage", "-o", "OPP-1"],
    ],
)
def test_json_names_the_command_line_options(args: list[str]) -> None:
    sample = str(rg.datasets.sample_path())
    result = runner.invoke(app, [args[0], sample, *args[1:], "--json"])
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)
    assert "include_sensitive=True" not in result.stdout
    assert "=True" not in result.stdout
    assert "--include-sensitive" in result.stdout  # the sample withholds sensitive ties
