"""No default output, text or JSON, names a person known only through sensitive ties; every
output says what it left out; ``--include-sensitive`` opts in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import relgraph as rg
from relgraph.cli import app
from relgraph.privacy import share_policy

runner = CliRunner()
SAMPLE = str(rg.datasets.sample_path())
AS_OF = ["--as-of", rg.datasets.SAMPLE_DATE]


@pytest.fixture(scope="module")
def withheld() -> list[str]:
    """The ids and names of the sample's people known only through sensitive ties."""
    net = rg.datasets.sample()
    policy = share_policy(net)
    ids = [str(i) for i in net.person_ids[~policy.people]]
    assert ids == ["E03"]  # the CFO's husband
    people = net.people.set_index("id")
    return [*ids, *(str(people.at[i, c]) for i in ids for c in ("name", "name_en"))]


COMMANDS = [
    ["influence", SAMPLE, "-o", "OPP-1", "--top", "100", *AS_OF],
    ["coverage", SAMPLE, "-o", "OPP-1", *AS_OF],
    ["targets", SAMPLE, "-o", "OPP-1", "--capacity", "30", *AS_OF],
    ["activity", SAMPLE, *AS_OF],
    ["routes", SAMPLE, "-o", "OPP-1", *AS_OF],
    ["routes", SAMPLE, "--to", "C007", "-k", "10", *AS_OF],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:4]))
def test_default_output_withholds_people_known_only_through_sensitive_ties(
    args: list[str], withheld: list[str]
) -> None:
    text = runner.invoke(app, args)
    assert text.exit_code == 0, text.output
    for word in withheld:
        assert word not in text.output, word
    flat = " ".join(text.output.split())
    assert "left out of this output: 4 sensitive tie(s), 1 person(s) known only" in flat
    assert "--include-sensitive to include them" in flat
    data = runner.invoke(app, [*args, "--json"])
    assert data.exit_code == 0, data.output
    for word in withheld:
        assert word not in data.stdout, word
    out = json.loads(data.stdout)
    assert out["sensitive"]["include_sensitive"] is False
    assert out["sensitive"]["people_withheld"] == 1
    assert out["sensitive"]["sensitive_ties_withheld"] == 4
    assert "--include-sensitive" in out["sensitive"]["note"]


def test_include_sensitive_opts_in_and_says_so(withheld: list[str]) -> None:
    args = ["influence", SAMPLE, "-o", "OPP-1", "--top", "100", *AS_OF, "--include-sensitive"]
    data = runner.invoke(app, [*args, "--json"])
    out = json.loads(data.stdout)
    assert "E03" in [r["person"] for r in out["leverage"]]
    assert "E03" in [r["person"] for r in out["hidden_influencers"]]
    assert out["sensitive"]["include_sensitive"] is True
    assert "do not share" in out["sensitive"]["note"]
    text = runner.invoke(app, args).output
    assert withheld[1] in text and "do not share this output" in " ".join(text.split())


def test_the_leverage_table_counts_the_withheld_person_instead_of_naming_them() -> None:
    args = ["influence", SAMPLE, "-o", "OPP-1", "--top", "100", *AS_OF, "--json"]
    plain = json.loads(runner.invoke(app, args).stdout)
    opted = json.loads(runner.invoke(app, [*args, "--include-sensitive"]).stdout)
    assert len(opted["leverage"]) == len(plain["leverage"]) + 1
    hidden = [r for r in plain["hidden_influencers"] if not r["person"]]
    assert len(hidden) == 1 and "withheld" in hidden[0]["name"]


def test_files_and_their_summary_lines_leave_them_out(tmp_path: Path, withheld: list[str]) -> None:
    for args in (
        ["export", SAMPLE, "--format", "json", "--out", str(tmp_path / "g.json")],
        ["map", SAMPLE, "-o", "OPP-1", "--out", str(tmp_path / "m.html")],
        ["plan", SAMPLE, "-o", "OPP-1", "--xlsx", str(tmp_path / "p.xlsx"),
         "--md", str(tmp_path / "p.md")],
    ):  # fmt: skip
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        flat = " ".join(result.output.split())
        assert "--include-sensitive" in flat and "known only through" in flat
        assert "include_sensitive=True" not in flat  # the CLI says its own option
    for name in ("g.json", "m.html", "p.md"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert not any(word in text for word in withheld[1:]), name
