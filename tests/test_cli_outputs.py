"""Commands never overwrite their input, refuse bad outputs before any work, and create
missing folders: exit 2 with one line, every input file unchanged (checksums)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import relgraph as rg
from relgraph.cli import app

runner = CliRunner()


def checksums(*paths: Path) -> dict[str, str]:
    files = [f for p in paths for f in ([p] if p.is_file() else sorted(p.rglob("*")))]
    return {str(f): hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.is_file()}


@pytest.fixture
def acct(tmp_path: Path) -> Path:
    return rg.datasets.tiny().to_csv(tmp_path / "acct")


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return rg.datasets.tiny().to_excel(tmp_path / "acct.xlsx")


def refused(args: list[str], *inputs: Path, says: str = "an input of this run") -> str:
    before = checksums(*inputs)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (args, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], lines
    assert "Traceback" not in result.output
    assert checksums(*inputs) == before
    return lines[0]


def test_plan_over_its_own_workbook_is_refused(book: Path) -> None:
    line = refused(["plan", str(book), "--xlsx", str(book)], book)
    assert str(book) in line and "write the output to another file" in line


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "{acct}", "--xlsx", "{tmp}/ok.xlsx", "--html", "{acct}/people.csv"],
        ["plan", "{acct}", "--xlsx", "{tmp}/ok.xlsx", "--md", "{acct}/ties.csv"],
        ["map", "{acct}", "--out", "{acct}/people.csv"],
        ["export", "{acct}", "--out", "{acct}/ties.csv"],
        ["export", "{acct}", "--format", "json", "--out", "{acct}/../acct/orgs.csv"],
        ["routes", "{acct}", "--to", "p1", "--csv", "{acct}/people.csv"],
        ["routes", "{acct}", "--opportunity", "O1", "--csv", "{acct}/roles.csv"],
        ["activity", "{acct}", "--plot", "{acct}/ties.csv"],
    ],
)
def test_outputs_aimed_at_an_input_file_are_refused(
    acct: Path, tmp_path: Path, args: list[str]
) -> None:
    args = [a.format(acct=acct, tmp=tmp_path) for a in args]
    refused(args, acct)
    assert not (tmp_path / "ok.xlsx").exists()  # nothing was written before the refusal


def test_a_new_table_file_in_the_input_folder_is_refused(acct: Path) -> None:
    (acct / "affiliations.csv").unlink()
    refused(
        ["map", str(acct), "--out", str(acct / "affiliations.csv")], acct, says="read it as a table"
    )


def test_a_symbolic_link_to_an_input_is_refused(acct: Path, tmp_path: Path) -> None:
    link = tmp_path / "innocent.gexf"
    link.symlink_to(acct / "people.csv")
    refused(["export", str(acct), "--out", str(link)], acct)


def test_imports_never_write_over_their_input(acct: Path, tmp_path: Path) -> None:
    conn = tmp_path / "Connections.csv"
    conn.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Gus,Lee,,,Globex,CTO,15 Mar 2023\n"
    )
    base = ["import", "linkedin", str(acct), "--connections", str(conn), "--owner", "u2"]
    refused([*base, "--out", str(acct)], acct, conn)
    refused([*base, "--out", str(conn)], acct, conn, says="is a file")
    sf = tmp_path / "sf"
    sf.mkdir()
    (sf / "Contact.csv").write_text("Id,AccountId,LastName\nC1,A1,Lee\n")
    refused(["import", "salesforce", str(sf), "--out", str(sf / "Contact.csv")], sf, says="file")
    tasks = tmp_path / "Task.csv"
    tasks.write_text("Id,WhoId,OwnerId,ActivityDate\nT1,p1,u1,2026-01-05\n")
    act = ["import", "salesforce-activity", str(acct), "--tasks", str(tasks)]
    refused([*act, "--out", str(acct)], acct, tasks)


def test_a_folder_given_for_a_file_is_refused_before_any_work(acct: Path, tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    args = [
        "plan",
        str(acct),
        "--xlsx",
        str(tmp_path / "p.xlsx"),
        "--html",
        str(tmp_path / "pages"),
    ]
    refused(args, acct, says="is a folder")
    assert not (tmp_path / "p.xlsx").exists()
    refused(["plan", str(acct), "--xlsx", str(tmp_path / "p.xlsx"), "--md",
             str(tmp_path / "x" / ".." / "p.xlsx")], acct, says="another output")  # fmt: skip


def test_the_demo_does_not_write_into_the_bundled_data(tmp_path: Path) -> None:
    sample = rg.datasets.sample_path()
    refused(["demo", "--out", str(sample)], sample)


def test_missing_folders_are_created_by_every_command(acct: Path, tmp_path: Path) -> None:
    new = tmp_path / "new" / "deeper"
    for args in (
        ["map", str(acct), "--out", str(new / "m.html")],
        ["routes", str(acct), "--to", "p1", "--csv", str(new / "r.csv")],
        ["export", str(acct), "--out", str(new / "g.graphml")],
        ["plan", str(acct), "--xlsx", str(new / "p.xlsx"), "--md", str(new / "p.md")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    assert sorted(p.name for p in new.iterdir()) == [
        "g.graphml",
        "m.html",
        "p.md",
        "p.xlsx",
        "r.csv",
    ]
    assert rg.load(acct).people["id"].tolist() == rg.datasets.tiny().people["id"].tolist()


def test_a_write_into_a_file_as_folder_is_one_line(acct: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    refused(["map", str(acct), "--out", str(blocker / "m.html")], acct, says="is a file")
