"""The ``relgraph`` command: validate (exit 1 listing every problem, or 0 with a summary), demo."""

from __future__ import annotations

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
            "source": ["p1", "p2", "p2"],
            "target": ["p1", "ghost", "p1"],
            "kind": ["friend", "reports_to", "freind"],
        }
    ).to_csv(folder / "ties.csv", index=False)
    return folder


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
    out = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Load and validate" in result.output
    assert (out / "sample_account.xlsx").is_file()
    again = rg.load(out / "sample_account.xlsx")
    assert len(again.people) == len(rg.datasets.sample().people)
