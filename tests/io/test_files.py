"""Writers never overwrite an input, write atomically and create missing folders."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from relgraph.errors import OutputError
from relgraph.io.files import (
    atomic_path,
    atomic_write,
    atomic_write_many,
    atomic_write_text,
    check_outputs,
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def account(tmp_path: Path) -> Path:
    folder = tmp_path / "acct"
    folder.mkdir()
    (folder / "orgs.csv").write_text("id,name,kind\nA,Acme,customer\n")
    (folder / "people.csv").write_text("id,name,org\np1,Ann,A\n")
    (folder / "notes.md").write_text("not data")
    return folder


def test_an_input_file_is_refused_by_every_spelling(account: Path, tmp_path: Path) -> None:
    people = account / "people.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(people)
    hard = tmp_path / "hard.csv"
    os.link(people, hard)
    spellings = [people, account / ".." / "acct" / "people.csv", link, hard]
    for out in spellings:
        with pytest.raises(OutputError) as info:
            check_outputs([out], inputs=[account])
        msg = str(info.value)
        assert str(out) in msg and "an input of this run" in msg and "another file" in msg
    # the input given as a file, and as a symbolic link to it, too
    for given in (people, link):
        with pytest.raises(OutputError):
            check_outputs([people], inputs=[given])


def test_a_table_file_in_an_input_folder_is_refused_even_when_absent(account: Path) -> None:
    with pytest.raises(OutputError, match="would read it as a table"):
        check_outputs([account / "ties.csv"], inputs=[account])
    # other files there are fine (a map next to the data is not read as data)
    assert check_outputs([account / "map.html", account / "notes.md"], inputs=[account])


def test_a_folder_output_is_checked_file_by_file(account: Path) -> None:
    with pytest.raises(OutputError, match="an input of this run"):
        check_outputs([], inputs=[account], folders=[account])
    with pytest.raises(OutputError, match="people.csv"):
        check_outputs([account / "people.csv"], inputs=[account / "people.csv"])


def test_other_mistakes_are_clear(account: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder; give a file name"):
        check_outputs([account], inputs=[])
    with pytest.raises(OutputError, match="is a file, not a folder"):
        check_outputs([account / "notes.md" / "out.xlsx"])
    with pytest.raises(OutputError, match="is a file; give a folder"):
        check_outputs([], folders=[account / "notes.md"])
    with pytest.raises(OutputError, match="also given for another output"):
        check_outputs([tmp_path / "a.md", tmp_path / "x" / ".." / "a.md"])


def test_a_failed_write_leaves_the_old_file_and_no_debris(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"old workbook")
    before = digest(out)

    def half_then_fail(p: Path) -> None:
        p.write_bytes(b"half a new workbook")
        raise ValueError("a value the format refuses")

    with pytest.raises(ValueError):
        atomic_write(out, half_then_fail)
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]


def test_several_files_are_all_replaced_or_none(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("old a")
    (tmp_path / "b.csv").write_text("old b")

    def fail(p: Path) -> None:
        raise RuntimeError("second writer fails")

    with pytest.raises(RuntimeError):
        atomic_write_many(
            {tmp_path / "a.csv": lambda p: p.write_text("new a"), tmp_path / "b.csv": fail}
        )
    assert (tmp_path / "a.csv").read_text() == "old a"
    assert (tmp_path / "b.csv").read_text() == "old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]
    atomic_write_many(
        {tmp_path / "a.csv": lambda p: p.write_text("new a"), tmp_path / "b.csv": lambda p: None}
    )
    assert (tmp_path / "a.csv").read_text() == "new a" and (tmp_path / "b.csv").read_text() == ""


def test_missing_folders_are_created_and_links_written_through(tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper" / "page.html"
    assert atomic_write_text(out, "<p>x</p>") == out
    assert out.read_text() == "<p>x</p>"
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_permissions_of_a_replaced_file_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "shared.csv"
    out.write_text("old")
    out.chmod(0o640)
    atomic_write_text(out, "new")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_atomic_path_keeps_the_suffix_and_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    with atomic_path(out) as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".svg" and tmp != out
        tmp.write_text("<svg/>")
    assert out.read_text() == "<svg/>"
    with pytest.raises(KeyError), atomic_path(out) as tmp:
        tmp.write_text("broken")
        raise KeyError("drawing failed")
    assert out.read_text() == "<svg/>" and [p.name for p in tmp_path.iterdir()] == ["chart.svg"]


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root")
def test_an_unwritable_folder_is_an_output_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write"):
            atomic_write_text(locked / "x.txt", "x")
    finally:
        locked.chmod(0o700)


def test_a_write_into_a_file_path_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        atomic_write_text(blocker / "sub" / "x.txt", "x")
