"""The ``relgraph`` command: validate (exit 1 listing every problem, or 0 with a summary), demo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

import relgraph as rg
from relgraph.cli import app

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


def test_validate_a_missing_path(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_demo_writes_its_outputs(tmp_path: Path) -> None:
    # the real entry point, on a terminal that cannot print Chinese: output becomes UTF-8
    out = tmp_path / "demo"
    result = run_cli("demo", "--out", str(out), encoding="latin-1")
    text = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "Load and validate" in text
    assert "方华" in text or any("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert (out / "sample_account.xlsx").is_file()
    again = rg.load(out / "sample_account.xlsx")
    # a shareable copy: everyone but the CFO's husband (known only through sensitive ties)
    assert set(rg.datasets.sample().person_ids) - set(again.person_ids) == {"E03"}
    assert "1 person known only through them" in text
