"""A UTF-8 file with a row in another encoding is reported by line, never guessed whole."""

from __future__ import annotations

from pathlib import Path

import pytest

import relgraph as rg
from relgraph.errors import Reason, ValidationError
from relgraph.io.csv_checks import non_utf8_lines

ORGS = "id,name,kind\nA,星河移动,customer\nU,云岭网络,us\n"


def account(tmp_path: Path, people: bytes) -> Path:
    folder = tmp_path / "acct"
    folder.mkdir()
    (folder / "orgs.csv").write_text(ORGS, encoding="utf-8")
    (folder / "people.csv").write_bytes(people)
    return folder


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_one_gbk_row_in_a_utf8_file_is_reported(tmp_path: Path, bom: bytes) -> None:
    people = (
        bom
        + "id,name,org\np1,方华,A\np2,李娜,A\n".encode()
        + "p3,王伟,A\n".encode("gbk")
        + "p4,赵敏,A\n".encode()
    )
    with pytest.raises(ValidationError) as info:
        rg.load(account(tmp_path, people))
    (p,) = info.value.problems
    assert (p.table, p.row, p.reason) == ("people", 4, Reason.ENCODING)
    assert p.value == "p3,王伟,A"  # shown as it reads in GBK, so it can be found
    assert "not UTF-8" in p.hint and "CSV UTF-8" in p.hint
    assert p.source.endswith("people.csv")


def test_a_gbk_file_still_loads(tmp_path: Path) -> None:
    people = "id,name,org\np1,方华,A\np2,王伟,A\n".encode("gbk")
    net = rg.load(account(tmp_path, people))
    assert net.people["name"].tolist() == ["方华", "王伟"]
    assert net.orgs["name"].tolist() == ["星河移动", "云岭网络"]


def test_lines_are_judged_by_the_majority() -> None:
    utf8 = "a,方华\n".encode()
    gbk = "a,王伟\n".encode("gbk")
    assert non_utf8_lines(b"h\n" + utf8 * 3 + gbk) == [5]
    assert non_utf8_lines(b"h\n" + gbk * 3 + utf8) == []  # a GBK file: decoded as GB18030
    assert non_utf8_lines(b"h\n" + gbk, utf8_declared=True) == [2]
