"""``relgraph import linkedin`` and ``relgraph import salesforce-activity`` on the test fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import relgraph as rg
from relgraph.cli import app

DATA = Path(__file__).parent / "importers" / "data"
CONNECTIONS = DATA / "linkedin" / "Connections.csv"
TASKS = DATA / "salesforce_activity" / "Task.csv"
EVENTS = DATA / "salesforce_activity" / "Event.csv"
SAMPLE = rg.datasets.sample_path()

# a wide terminal, so that typer's error box does not wrap a file name
runner = CliRunner(env={"COLUMNS": "400", "NO_COLOR": "1"})


def invoke(*args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize("out_name", ["account", "account.xlsx"])
def test_linkedin_writes_an_account_that_loads(tmp_path: Path, out_name: str) -> None:
    out = tmp_path / out_name
    res = invoke(
        "import", "linkedin", SAMPLE, "--connections", CONNECTIONS, "--owner", "N04", "--out", out
    )
    assert res.exit_code == 0, res.output
    assert (
        "5 LinkedIn connection(s) of 陶然 (Tao Ran): 2 tie(s) added to existing people, "
        "2 new people, 1 not added" in res.output
    )
    assert "already has a covers tie" in res.output  # Xu Zhiqiang, reported, not tied twice
    base = rg.datasets.sample()
    net = rg.load(out)
    assert len(net.people) == len(base.people) + 2
    assert len(net.ties) == len(base.ties) + 4
    new = net.ties.iloc[len(base.ties) :]
    assert (new["source"] == "N04").all() and (new["kind"] == "other").all()
    assert sorted(new["target"]) == ["C007", "C029", "LI-1", "LI-2"]
    people = net.people.set_index("id")
    assert people.loc["LI-1", ["name", "org"]].tolist() == ["Ana Novak", "XM"]
    assert people.loc["LI-2", "org"] == "LINKEDIN"
    # the connection date became the tie's start
    since = new.set_index("target").loc["C029", "since"]
    assert pd.Timestamp(since) == pd.Timestamp("2024-01-01")


def test_linkedin_json_and_report_only(tmp_path: Path) -> None:
    res = invoke(
        "import",
        "linkedin",
        SAMPLE,
        "--connections",
        CONNECTIONS,
        "--owner",
        "陶然",
        "--out",
        tmp_path / "a",
        "--no-add-unmatched",
        "--json",
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["connections"] == 5
    assert out["actions"] == {"tie added": 2, "reported": 2, "already tied": 1}
    assert [r["person"] for r in out["report"][:2]] == ["C029", "C007"]
    assert len(rg.load(tmp_path / "a").people) == len(rg.datasets.sample().people)


def test_linkedin_errors(tmp_path: Path) -> None:
    missing = tmp_path / "Nowhere.csv"
    res = invoke(
        "import",
        "linkedin",
        SAMPLE,
        "--connections",
        missing,
        "--owner",
        "N04",
        "--out",
        tmp_path / "o",
    )
    assert res.exit_code == 2
    assert "Nowhere.csv" in res.output and "does not exist" in res.output
    res = invoke(
        "import", "linkedin", tmp_path / "no-account", "--connections", CONNECTIONS,
        "--owner", "N04", "--out", tmp_path / "o",
    )  # fmt: skip
    assert res.exit_code == 2 and "no-account" in res.output
    res = invoke(
        "import", "linkedin", SAMPLE, "--connections", CONNECTIONS, "--owner", "Nobody",
        "--out", tmp_path / "o",
    )  # fmt: skip
    assert res.exit_code == 2 and "Nobody" in res.output and "--owner" in res.output
    res = invoke(
        "import", "linkedin", SAMPLE, "--connections", CONNECTIONS, "--owner", "C005",
        "--out", tmp_path / "o",
    )  # fmt: skip
    assert res.exit_code == 2 and "--owner" in res.output
    assert "one of our people" in res.output and "kind customer" in res.output
    bad = tmp_path / "Connections.csv"
    bad.write_text("Name,Company\nAna,Acme\n", encoding="utf-8")
    res = invoke(
        "import",
        "linkedin",
        SAMPLE,
        "--connections",
        bad,
        "--owner",
        "N04",
        "--out",
        tmp_path / "o",
    )
    assert res.exit_code == 1
    assert "problem(s) in" in res.output and "First Name" in res.output
    assert not (tmp_path / "o").exists()


@pytest.fixture
def sf_account(tmp_path: Path) -> Path:
    out = tmp_path / "sf"
    res = invoke("import", "salesforce", DATA / "salesforce", "--out", out)
    assert res.exit_code == 0, res.output
    return out


def test_salesforce_activity_adds_the_log(sf_account: Path, tmp_path: Path) -> None:
    out = tmp_path / "with-activity.xlsx"
    res = invoke(
        "import", "salesforce-activity", sf_account, "--tasks", TASKS, "--events", EVENTS,
        "--out", out, "--today", "2026-11-15",
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    # 8 tasks + 3 events; 4 tasks cannot be imported (no contact, a lead, an unknown
    # contact, no date); "Carrier Pigeon" becomes kind other
    assert (
        "7 touchpoint(s) imported from Task.csv, Event.csv; 4 row(s) not imported, "
        "1 kind(s) set to 'other'; the log now has 7 touchpoint(s)." in res.output
    )
    assert "00Q0000009" in res.output and "003C0000099" in res.output
    net = rg.load(out)
    log = net.interactions
    assert len(log) == 7
    assert set(log["our_person"]) == {"005U0000001", "005U0000002"}
    assert sorted(log["kind"].astype(str)) == sorted(
        ["call", "email", "complaint", "other", "meeting", "meal", "visit"]
    )
    assert rg.customer_issues(net)["status"].tolist() == ["open"]


def test_salesforce_activity_json_and_no_double_import(sf_account: Path, tmp_path: Path) -> None:
    first = tmp_path / "first"
    res = invoke(
        "import", "salesforce-activity", sf_account, "--tasks", TASKS, "--out", first,
        "--today", "2026-11-15", "--json",
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert (out["imported"], out["not_imported"], out["kind_set_to_other"]) == (4, 4, 1)
    assert out["interactions"] == 4
    assert {r["row"] for r in out["report"] if r["action"] == "row not imported"} == {4, 5, 8, 9}
    # importing Task.csv again adds nothing: every row is already in the log
    res = invoke(
        "import", "salesforce-activity", first, "--tasks", TASKS, "--events", EVENTS,
        "--out", tmp_path / "second", "--today", "2026-11-15", "--json",
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    again = json.loads(res.output)
    assert again["imported"] == 3 and again["interactions"] == 7  # only the events are new
    dups = [r for r in again["report"] if "already in the interactions log" in r["why"]]
    assert len(dups) == 4 and all(r["file"].endswith("Task.csv") for r in dups)
    assert len(rg.load(tmp_path / "second").interactions) == 7


def test_salesforce_activity_errors(sf_account: Path, tmp_path: Path) -> None:
    res = invoke(
        "import", "salesforce-activity", sf_account, "--tasks", tmp_path / "Task-missing.csv",
        "--out", tmp_path / "o",
    )  # fmt: skip
    assert res.exit_code == 2
    assert "Task-missing.csv" in res.output and "does not exist" in res.output
    res = invoke(
        "import", "salesforce-activity", sf_account, "--tasks", TASKS, "--out", tmp_path / "o",
        "--today", "15/11/2026",
    )  # fmt: skip
    assert res.exit_code == 2 and "--today" in res.output
    # the activities are from March–May 2026: "today" before them is a validation error
    res = invoke(
        "import", "salesforce-activity", sf_account, "--tasks", TASKS, "--out", tmp_path / "o",
        "--today", "2026-01-01",
    )  # fmt: skip
    assert res.exit_code == 1 and "problem(s)" in res.output
    bad = tmp_path / "Task.csv"
    bad.write_text("Id,Subject\n00T1,x\n", encoding="utf-8")
    res = invoke(
        "import", "salesforce-activity", sf_account, "--tasks", bad, "--out", tmp_path / "o"
    )
    assert res.exit_code == 1 and "ownerid" in res.output
    assert not (tmp_path / "o").exists()


def test_salesforce_import_counts_deleted_rows(tmp_path: Path) -> None:
    sf = tmp_path / "export"
    sf.mkdir()
    for f in (DATA / "salesforce").iterdir():
        frame = pd.read_csv(f, dtype=str, keep_default_na=False)
        if f.name == "Contact.csv":
            frame["IsDeleted"] = ["false"] * (len(frame) - 1) + ["true"]
        frame.to_csv(sf / f.name, index=False)
    res = invoke("import", "salesforce", sf, "--out", tmp_path / "acct.xlsx")
    assert res.exit_code == 0, res.output
    assert "1 row(s) deleted in Salesforce (IsDeleted=true) skipped." in res.output
    assert len(rg.load(tmp_path / "acct.xlsx").people) == 7  # 5 live contacts + 2 owners
