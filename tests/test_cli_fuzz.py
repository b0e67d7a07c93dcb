"""Property test: any command line, over the sample account, ends in exit code 0, 1 or 2.

Hypothesis builds argv for every command from the command's own parameters: valid values,
boundary values (0, -1, huge numbers, impossible dates), hostile text (escape sequences,
Chinese, empty strings, option-like words), output paths aimed at the inputs, missing files.
Whatever comes, relgraph answers with a message on stderr and exit 1 (bad data) or 2 (bad
usage), or does the work (exit 0, and ``--json`` prints JSON) — never a traceback, and never
exit 3 (an internal error).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import relgraph as rg
import relgraph.loading
from relgraph.cli import app

runner = CliRunner()
IMPORTS = Path(__file__).parent / "importers" / "data"
JUNK = [
    "", " ", "0", "-1", "1", "3", "999999999", "1.5", "x", "none", "OPP-9", "opp-1", "C999",
    "2026-13-01", "2026-02-30", "15/11/2026", "--json", "-k", "\x1b]0;pwned\x07", "\u202eabc",
    "王志远", "决定者", "=1+1", "a" * 300,
]  # fmt: skip
GOOD = {
    "opportunity": ["OPP-1", "OPP-2"],
    "top": ["1", "3"],
    "k_old": ["2"],
    "capacity": ["1", "5"],
    "radius": ["0", "1"],
    "as_of": ["2026-11-15", "2026-06-30"],
    "old_date": ["2026-05-31"],
    "new_date": ["2026-11-15"],
    "lang": ["en", "zh"],
    "to": ["C006", "Lin Shuyi", "C005"],
    "from_": ["N03"],
    "focus": ["C002", "Lin Shuyi"],
    "owner": ["N04", "C005"],
    "role": ["decider", "决定者", "gatekeeper"],
    "period": ["year", "half-year"],
    "format": ["gexf", "graphml", "json", "GEXF"],
    "kind": ["friend", "朋友", "other"],
    "us_name": ["Nimbus"],
}
OUTPUTS = {"out": "html", "xlsx": "xlsx", "html": "html", "html_out": "html", "md": "md"}
OUTPUTS |= {"csv": "csv", "plot": "png"}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Inputs the commands can be pointed at: a copy of the sample, a broken one, CRM files."""
    root = tmp_path_factory.mktemp("fuzz")
    sample = Path(shutil.copytree(rg.datasets.sample_path(), root / "sample"))
    broken = Path(shutil.copytree(sample, root / "broken"))
    people = broken / "people.csv"
    people.write_text(people.read_text(encoding="utf-8").replace(",XM,", ",NOPE,", 1), "utf-8")
    accounts = root / "accounts.csv"
    accounts.write_text("account,current_value,future_potential,strategic_fit\nA,10,8,5\n")
    return {
        "sample": sample,
        "broken": broken,
        "accounts": accounts,
        "salesforce": IMPORTS / "salesforce",
        "connections": IMPORTS / "linkedin" / "Connections.csv",
        "tasks": IMPORTS / "salesforce_activity" / "Task.csv",
        "events": IMPORTS / "salesforce_activity" / "Event.csv",
        "out": root / "out",
    }


def leaves() -> Iterator[tuple[list[str], Any]]:
    def walk(path: list[str], cmd: Any) -> Iterator[tuple[list[str], Any]]:
        for name, sub in getattr(cmd, "commands", {}).items():
            if hasattr(sub, "commands"):
                yield from walk([*path, name], sub)
            else:
                yield [*path, name], sub

    yield from walk([], typer.main.get_command(app))


COMMANDS = list(leaves())


def _value(draw: Any, name: str, files: dict[str, Path]) -> str:
    """One value for the parameter ``name``: usually a fitting one, often a bad one."""
    if name in OUTPUTS:
        out = files["out"] / f"{draw(st.integers(0, 3))}"
        choices = [str(out / f"r.{OUTPUTS[name]}"), str(out), str(files["sample"] / "people.csv")]
        choices += [str(files["sample"]), str(files["accounts"] / "x.html")]
        return str(draw(st.sampled_from(choices)))
    if name in ("path", "old", "new"):
        keys = ["sample"] * 6 + ["broken", "accounts", "out"]
        return str(files[draw(st.sampled_from(keys))])
    if name in ("connections", "tasks", "events", "accounts", "folder"):
        fitting = files["salesforce" if name == "folder" else name]
        return str(draw(st.sampled_from([fitting, fitting, files["sample"], files["out"] / "no"])))
    good = st.sampled_from(GOOD.get(name, ["x"]))
    return str(draw(st.one_of(good, good, good, good, good, st.sampled_from(JUNK), st.text())))


@st.composite
def argvs(draw: Any, files: dict[str, Path]) -> tuple[list[str], bool, list[str]]:
    """A command line (a command, its arguments, some options in any order), whether it
    asks for JSON, and the files it reads."""
    path, cmd = draw(st.sampled_from(COMMANDS))
    argv = list(path)
    options: list[list[str]] = []
    inputs: list[str] = []
    for param in cmd.params:
        if param.param_type_name == "argument":
            if draw(st.integers(0, 15)) != 7:  # now and then an argument is missing
                argv.append(_value(draw, param.name, files))
                inputs.append(argv[-1])
            continue
        # required options (and the opportunity the sample needs) are mostly given,
        # others a third of the time
        if param.required or param.name == "opportunity":
            skip = draw(st.integers(0, 15)) == 7
        else:
            skip = draw(st.integers(0, 2)) != 1
        if param.name == "debug" or skip:
            continue
        flag = draw(st.sampled_from(param.opts))
        if param.is_flag:
            options.append([flag])
        else:
            options.append([flag, _value(draw, param.name, files)])
            if param.name in ("connections", "tasks", "events"):
                inputs.append(options[-1][1])
    if draw(st.integers(0, 9)) == 3:  # now and then an option that is not there
        options.append([draw(st.sampled_from(["--nope", "-x", "--json", "extra"]))])
    order = draw(st.permutations(options))
    argv += [word for option in order for word in option]
    return argv, ["--json"] in options, inputs


def _checksums(paths: list[str]) -> dict[str, bytes]:
    files = [f for p in map(Path, paths) for f in ([p] if p.is_file() else sorted(p.rglob("*")))]
    return {str(f): f.read_bytes() for f in files if f.is_file()}


def _cached_load(real: Any) -> Any:
    cache: dict[str, Any] = {}

    def load(path: Any, **kwargs: Any) -> Any:
        key = str(Path(path).resolve())
        if kwargs or key not in cache:
            net = real(path, **kwargs)
            if kwargs:
                return net
            cache[key] = net
        return cache[key]

    return load


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_any_command_line_ends_in_exit_0_1_or_2(files: dict[str, Path]) -> None:
    from relgraph import demo

    def quick_demo(out: Any, *, echo: Any = print, lang: str = "en") -> list[Path]:
        echo(f"demo ({lang}) into {out}")  # the demo itself is tested in test_cli.py
        return []

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(case=argvs(files))
    def check(case: tuple[list[str], bool, list[str]]) -> None:
        argv, as_json, inputs = case
        before = _checksums(inputs)
        result = runner.invoke(app, argv)
        assert _checksums(inputs) == before, argv  # no command writes over its input
        assert result.exit_code in (0, 1, 2), (argv, result.output, result.exception)
        assert "Traceback" not in result.output, argv
        if result.exit_code:
            assert result.stderr.strip(), argv  # the message
        elif as_json:
            json.loads(result.stdout)

    with pytest.MonkeyPatch.context() as mp:
        files["out"].mkdir(exist_ok=True)
        mp.chdir(files["out"])  # default outputs (map.html, network.gexf) land there
        mp.setattr(relgraph.loading, "load", _cached_load(relgraph.loading.load))
        mp.setattr(demo, "run_demo", quick_demo)
        check()
