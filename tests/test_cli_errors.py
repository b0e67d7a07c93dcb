"""Exit codes and error messages: 1 for bad data, 2 for usage errors, 3 for internal errors.

A usage error is one line on stderr naming the option and the valid choices (with a
did-you-mean where one is close), then where to find help; nothing is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import relgraph as rg
from relgraph.cli import app

runner = CliRunner()
SAMPLE = str(rg.datasets.sample_path())


def usage_error(args: list[str], *, zh: bool = False) -> list[str]:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (args, result.output, result.exception)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("错误:" if zh else "error: "), lines
    assert lines[-1].startswith("运行 'relgraph" if zh else "Try 'relgraph"), lines
    assert lines[-1].endswith(" -h' 查看帮助。" if zh else " -h' for help."), lines
    assert result.stdout == ""
    return lines


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["influence", SAMPLE, "--top", "0"], ["--top = 0", "whole number >= 1"]),
        (["influence", SAMPLE, "-k", "-3"], ["--top = -3"]),
        (["routes", SAMPLE, "--to", "C006", "-k", "0"], ["--top = 0"]),
        (["routes", SAMPLE, "--to", "C006", "--k", "0"], ["--k = 0"]),
        (["map", SAMPLE, "--radius", "-1"], ["--radius = -1", ">= 0"]),
        (["plan", SAMPLE, "--xlsx", "{tmp}/p.xlsx", "--period", "quarterly"],
         ["--period = 'quarterly'", "year, half-year"]),
        (["export", SAMPLE, "--format", "dot"], ["--format = 'dot'", "gexf, graphml, json"]),
        (["activity", SAMPLE, "--plot", "{tmp}/chart"], ["--plot = ", ".png, .svg or .pdf"]),
        (["influence", SAMPLE, "--as-of", "2026-13-01"], ["--as-of = '2026-13-01'", "YYYY-MM-DD"]),
        (["coverage", SAMPLE, "--as-of", "2026-02-30"], ["2026-02-30", "real calendar day"]),
        (["diff", SAMPLE, SAMPLE, "--old-date", "May"], ["'May'", "YYYY-MM-DD"]),
        (["influence", SAMPLE, "--lang", "fr"], ["--lang = 'fr'", "en, zh"]),
        (["targets", SAMPLE, "--capacity", "0"], ["--capacity = 0"]),
        (["influence", SAMPLE, "--top", "many"], ["--top", "many"]),
        (["influence", SAMPLE, "-o", "opp-1"], ["--opportunity", "did you mean 'OPP-1'?"]),
        (["coverage", SAMPLE], ["2 opportunities", "OPP-1, OPP-2"]),
        (["routes", SAMPLE, "--to", "Lin Shuy"], ["--to", "did you mean 'Lin Shuyi'?"]),
        (["routes", SAMPLE, "--to", "C006", "--from", "Nobody"], ["--from", "Nobody"]),
        (["map", SAMPLE, "--focus", "Lin Shuy"], ["--focus", "did you mean 'Lin Shuyi'?"]),
        (["routes", SAMPLE, "-o", "OPP-1", "--role", "decidr"], ["did you mean 'decider'?"]),
        (["influence", SAMPLE, "--nope"], ["no such option: --nope"]),
        (["influence", SAMPLE, "--to"], ["no such option: --to", "--top"]),
        (["influnce", SAMPLE], ["no such command 'influnce'", "did you mean influence?"]),
        (["import", "linkdin"], ["no such command 'linkdin'", "linkedin"]),
        (["plan", SAMPLE], ["missing option --xlsx"]),
        (["influence"], ["missing argument PATH"]),
        (["validate", "{tmp}/nowhere"], ["nowhere does not exist"]),
        (["import", "linkedin", SAMPLE, "--connections", "{tmp}/none.csv", "--owner", "N04",
          "--out", "{tmp}/o", "--kind", "freind"], ["none.csv does not exist"]),
    ],
)  # fmt: skip
def test_bad_options_are_usage_errors(args: list[str], words: list[str], tmp_path: Path) -> None:
    args = [a.format(tmp=tmp_path) for a in args]
    lines = usage_error(args)
    flat = " ".join(lines)
    for word in words:
        assert word in flat, (word, flat)
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_options_are_checked_before_the_data_is_read(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "orgs.csv").write_text("id,name,kind\nA,Acme,rival\n", encoding="utf-8")
    # the data is invalid (exit 1), but the option is refused first (exit 2)
    lines = usage_error(["influence", str(bad), "--top", "0"])
    assert "--top = 0" in lines[0]
    result = runner.invoke(app, ["influence", str(bad)])
    assert result.exit_code == 1 and "problem(s) in" in result.stderr


def test_a_kind_word_is_checked_with_its_synonyms(tmp_path: Path) -> None:
    conn = tmp_path / "Connections.csv"
    conn.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Gus,Lee,,,Globex,CTO,15 Mar 2023\n",
        encoding="utf-8",
    )
    base = ["import", "linkedin", SAMPLE, "--connections", str(conn), "--owner", "N04"]
    lines = usage_error([*base, "--out", str(tmp_path / "o"), "--kind", "freind"])
    assert "did you mean 'friend'?" in lines[0]
    ok = runner.invoke(app, [*base, "--out", str(tmp_path / "o"), "--kind", "朋友"])
    assert ok.exit_code == 0, ok.output


def test_usage_errors_in_chinese() -> None:
    lines = usage_error(["influence", SAMPLE, "--lang", "zh", "--top", "0"], zh=True)
    assert lines[0].startswith("错误:--top = 0 无效;应为")
    lines = usage_error(["--lang", "zh", "influnce", SAMPLE], zh=True)
    assert "没有命令 'influnce'" in lines[0] and "influence" in lines[0]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["influence", SAMPLE, "--top", "0"], "不小于 1 的整数"),
        (["coverage", SAMPLE, "--as-of", "2026-13-01"], "YYYY-MM-DD 格式的日期"),
        (["activity", SAMPLE, "--plot", "x.gif"], "以 .png、.svg 或 .pdf 结尾"),
    ],
)
def test_what_is_valid_is_said_in_chinese_too(args: list[str], words: str) -> None:
    """The valid choices of a bad option are a catalogue sentence, not an English fragment."""
    lines = usage_error([*args, "--lang", "zh"], zh=True)
    assert words in lines[0], lines
    assert not any(w in lines[0] for w in ("expected", "a whole number", "a date", "ending")), lines


def test_an_analysis_error_on_the_data_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    import relgraph.analysis.influence as influence

    def refuse(*args: object, **kwargs: object) -> None:
        raise rg.RelgraphError("no decision power in OPP-1: every role has power 0")

    monkeypatch.setattr(influence, "support_index", refuse)
    result = runner.invoke(app, ["influence", SAMPLE, "-o", "OPP-1"])
    assert result.exit_code == 1
    assert result.stderr == "error: no decision power in OPP-1: every role has power 0\n"


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import relgraph.analysis.influence as influence

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyError("column 'x'")

    monkeypatch.setattr(influence, "support_index", crash)
    result = runner.invoke(app, ["influence", SAMPLE, "-o", "OPP-1"])
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: internal error (KeyError: ") and "bug" in lines[0]
    assert lines[1:] == ["run with --debug for the traceback"]
    assert "Traceback" not in result.output
    debug = runner.invoke(app, ["influence", SAMPLE, "-o", "OPP-1", "--debug"])
    assert isinstance(debug.exception, KeyError)  # raised: Python prints the traceback


def test_bad_data_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "acct"
    rg.datasets.tiny().to_csv(folder)
    people = folder / "people.csv"
    people.write_text(people.read_text(encoding="utf-8").replace(",Ann,", ",,"), "utf-8")
    for command in (["influence"], ["coverage"], ["map", "--out", str(tmp_path / "m.html")]):
        result = runner.invoke(app, [command[0], str(folder), *command[1:]])
        assert result.exit_code == 1, (command, result.output)
        assert f"problem(s) in {folder}" in result.stderr and "blank" in result.stderr
    assert not (tmp_path / "m.html").exists()


def test_problems_raised_by_an_analysis_are_listed_and_exit_1(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import relgraph.analysis.influence as influence
    from relgraph.errors import Problem, Reason

    def refuse(*args: object, **kwargs: object) -> None:
        problem = Problem("roles", 3, "power", "7", Reason.OUT_OF_RANGE, "power must be 0..1")
        raise rg.ValidationError([problem])

    monkeypatch.setattr(influence, "support_index", refuse)
    result = runner.invoke(app, ["influence", SAMPLE, "-o", "OPP-1", "--lang", "zh"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "输入中有 1 个问题:" and lines[1].split()[:3] == ["来源", "表", "行"]
    assert "out_of_range" not in result.stderr and len(lines) == 3


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["map", SAMPLE, "--out", "m.html"], ["--opportunity", "2 个商机", "OPP-1"]),
        (["influence", SAMPLE, "-o", "OPP-9"], ["--opportunity", "未知的商机 'OPP-9'", "OPP-2"]),
        (["routes", SAMPLE, "--to", "C999"], ["--to", "未知的人员 'C999'"]),
    ],
)
def test_unknown_names_are_usage_errors_in_the_chosen_language(
    args: list[str], words: list[str], tmp_path: Path
) -> None:
    result = runner.invoke(app, [*args, "--lang", "zh"])
    assert result.exit_code == 2, result.output
    for word in words:
        assert word in result.output, word
    assert "unknown" not in result.output and "opportunities" not in result.output
    assert not (tmp_path / "m.html").exists()
