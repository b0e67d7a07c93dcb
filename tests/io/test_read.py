"""Reading CSV folders in the encodings and line endings people's files really have."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

import relgraph as rg
from relgraph.errors import MissingDependencyError, Reason, ValidationError
from relgraph.io import csv_checks
from relgraph.io import read as read_mod
from relgraph.io.read import decode_bytes, read_csv_folder

ORGS = "id,name,kind\nA,星河移动,客户\nU,云岭网络,我方\n"
PEOPLE = (
    "id,name,name_en,org,title\n"
    "C1,方华,Fang Hua,A,首席技术官\nC2,李明,Li Ming,A,采购经理\nU1,王芳,,U,客户经理\n"
)
TIES = 'source,target,kind,note\nC2,C1,汇报,"line one\nline two"\nU1,C1,负责,\n'


def folder_with(tmp_path: Path, encoding: str, newline: str = "\n", bom: bool = False) -> Path:
    folder = tmp_path / f"data-{encoding}-{len(newline)}-{bom}"
    folder.mkdir()
    for name, text in (("orgs", ORGS), ("people", PEOPLE), ("ties", TIES)):
        data = text.replace("\n", newline).encode(encoding)
        if bom:
            data = "\ufeff".encode(encoding) + data
        (folder / f"{name}.csv").write_bytes(data)
    return folder


def assert_loaded(net: rg.RelationshipNetwork) -> None:
    assert net.people["name"].tolist() == ["方华", "李明", "王芳"]
    assert net.people["title"].tolist() == ["首席技术官", "采购经理", "客户经理"]
    assert net.orgs["kind"].tolist() == ["customer", "us"]
    assert net.ties["kind"].tolist() == ["reports_to", "covers"]
    assert net.ties["note"].tolist()[0].splitlines() == ["line one", "line two"]
    assert list(net.people.columns[:3]) == ["id", "name", "org"]


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [
        ("utf-8", "\n", False),
        ("utf-8", "\r\n", True),  # Excel's "CSV UTF-8" on Windows
        ("utf-8", "\r\n", False),
        ("gbk", "\r\n", False),  # Excel's "CSV" on a Chinese Windows
        ("gb18030", "\n", False),
        ("utf-16-le", "\r\n", True),  # "Unicode text"
        ("utf-16-be", "\n", True),
        ("utf-16-le", "\n", False),  # no BOM: recognised by its zero bytes
        ("utf-8", "\r", False),  # old Mac line endings
    ],
)
def test_encodings_and_line_endings_load_the_same(
    tmp_path: Path, encoding: str, newline: str, bom: bool
) -> None:
    assert_loaded(rg.load(folder_with(tmp_path, encoding, newline, bom)))


def test_pandas_and_pyarrow_parsers_give_the_same_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = folder_with(tmp_path, "utf-8")
    fast = rg.load(folder)
    monkeypatch.setattr(read_mod, "_parse_with_pyarrow", lambda data, names, **_: (None, []))
    slow = rg.load(folder)
    for name in ("orgs", "people", "ties"):
        pd.testing.assert_frame_equal(getattr(fast, name), getattr(slow, name))


def test_decode_bytes_detects_each_encoding() -> None:
    text = "id,名字\n1,方华\n"
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")
    assert decode_bytes(text.encode("gbk")) == (text, "gb18030")
    assert decode_bytes(text.encode("utf-16")) == (text, "utf-16")
    assert decode_bytes(text.encode("utf-16-be")) == (text, "utf-16-be")


def test_undecodable_file_is_an_encoding_problem(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "utf-8")
    (folder / "people.csv").write_bytes(b"id,name,org\np1,\xff\xfe\xff\xff,A\n\xff")
    with pytest.raises(ValidationError) as info:
        rg.load(folder)
    (p,) = info.value.problems
    assert (p.table, p.reason, p.row) == ("people", Reason.ENCODING, None)
    assert p.source.endswith("people.csv")
    assert "save it as 'CSV UTF-8'" in p.hint


def test_nul_bytes_are_an_encoding_problem_with_the_line(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "utf-8")
    (folder / "people.csv").write_bytes(b"id,name,org\np1,Ann,A\np2,B\x00o,A\n")
    with pytest.raises(ValidationError) as info:
        rg.load(folder)
    (p,) = info.value.problems
    assert (p.reason, p.row) == (Reason.ENCODING, 3)
    assert "NUL" in p.hint and "save it again" in p.hint


@pytest.mark.parametrize("parser", ["pyarrow", "pandas"])
def test_unterminated_quote_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parser: str
) -> None:
    if parser == "pandas":
        monkeypatch.setattr(read_mod, "_parse_with_pyarrow", lambda data, names, **_: (None, []))
    folder = folder_with(tmp_path, "utf-8")
    (folder / "people.csv").write_bytes(b'id,name,org\np1,"Ann,A\np2,Bo,A\n')
    with pytest.raises(ValidationError) as info:
        rg.load(folder)
    (p,) = info.value.problems
    assert p.table == "people"
    assert p.reason in (Reason.UNREADABLE, Reason.FIELD_COUNT)
    assert "quote" in p.hint


@pytest.mark.parametrize("parser", ["pyarrow", "pandas"])
@pytest.mark.parametrize(
    ("content", "row", "value", "says"),
    [
        # a short row is reported, not padded with blanks (issue 14)
        ("id,name,org,title\np1,One,A,\np4,Four,A\n", 3, "p4,Four,A", "has 3 field(s)"),
        ("id,name,org\np1,Ann,A,x,y\np2,Bo,A\n", 2, "p1,Ann,A,x,y", "has 5 fields"),
        # a value with a line break counts as one row
        ('id,name,org\np1,"An\nn",A\np2,Bo\n', 3, "p2,Bo", "has 2 field(s)"),
    ],
)
def test_rows_with_the_wrong_number_of_fields_are_reported(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    parser: str,
    content: str,
    row: int,
    value: str,
    says: str,
) -> None:
    if parser == "pandas":
        monkeypatch.setattr(read_mod, "_parse_with_pyarrow", lambda data, names, **_: (None, []))
    folder = folder_with(tmp_path, "utf-8")
    (folder / "people.csv").write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        rg.load(folder)
    (p,) = info.value.problems
    assert (p.table, p.reason, p.row) == ("people", Reason.FIELD_COUNT, row)
    assert p.value.replace("\n", "") == value.replace("\n", "")
    assert says in p.hint and "header" in p.hint


def test_trailing_unnamed_columns_from_excel_are_kept_apart(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "utf-8")
    (folder / "people.csv").write_text("id,name,org,,\nC1,Fang,A,,\nC2,Li,A,,\nU1,Wang,U,,x\n")
    net = rg.load(folder)
    assert net.people["unnamed_5"].tolist() == ["", "", "x"]
    assert len(net.people) == 3


def test_header_names_are_case_and_space_insensitive(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "utf-8")
    (folder / "orgs.csv").write_text(" ID ,Name,KIND\nA,Acme,customer\nU,Us,us\n")
    assert rg.load(folder).orgs["id"].tolist() == ["A", "U"]


def test_values_are_stripped(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "utf-8")
    (folder / "orgs.csv").write_text("id,name,kind\n A ,Acme, Customer \nU,Us,us\n")
    net = rg.load(folder)
    assert net.orgs["id"].tolist() == ["A", "U"]
    assert net.orgs["kind"].tolist() == ["customer", "us"]


def test_file_names_are_case_insensitive(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "utf-8")
    (folder / "people.csv").rename(folder / "People.CSV")
    assert len(rg.load(folder).people) == 3


def test_a_path_that_is_not_a_dataset(tmp_path: Path) -> None:
    for path in (tmp_path / "nowhere", tmp_path / "x.txt"):
        if path.suffix:
            path.write_text("hello")
        with pytest.raises(ValidationError) as info:
            rg.load(path)
        assert info.value.problems[0].reason == Reason.UNREADABLE


def test_a_single_csv_file_points_at_its_folder(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "utf-8")
    with pytest.raises(ValidationError) as info:
        rg.load(folder / "people.csv")
    (p,) = info.value.problems
    assert p.reason == Reason.UNREADABLE
    assert f"give the folder that holds all the tables ({folder})" in p.hint


def test_corrupt_workbook(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a zip")
    with pytest.raises(ValidationError) as info:
        rg.load(path)
    (p,) = info.value.problems
    assert p.reason == Reason.UNREADABLE and "save it again as .xlsx" in p.hint


# -- Parquet ---------------------------------------------------------------------------


def test_parquet_folder_loads_like_csv(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    csv_net = rg.load(folder_with(tmp_path, "utf-8"))
    pq = tmp_path / "pq"
    pq.mkdir()
    for name in ("orgs", "people", "ties"):
        pd.read_csv(folder_with_path(tmp_path, name), dtype=str, keep_default_na=False).to_parquet(
            pq / f"{name}.parquet", index=False
        )
    pq_net = rg.load(pq)
    for name in ("orgs", "people", "ties"):
        pd.testing.assert_frame_equal(getattr(csv_net, name), getattr(pq_net, name))


def folder_with_path(tmp_path: Path, name: str) -> Path:
    return tmp_path / "data-utf-8-1-False" / f"{name}.csv"


def test_parquet_with_typed_columns(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    pd.DataFrame({"id": ["A"], "name": ["Acme"], "kind": ["customer"]}).to_parquet(
        tmp_path / "orgs.parquet"
    )
    pd.DataFrame(
        {
            "id": ["p1", "p2"],
            "name": ["Ann", "Bo"],
            "org": ["A", "A"],
            "level": [2.0, None],
            "attitude": pd.array([1, None], dtype="Int64"),
            "do_not_contact": [True, False],
            "updated": pd.to_datetime(["2025-01-02", None]),
        }
    ).to_parquet(tmp_path / "people.parquet")
    net = rg.load(tmp_path, today=pd.Timestamp("2026-01-01").date())
    assert net.people["level"].tolist() == [2, pd.NA]
    assert net.people["attitude"].tolist() == [1, pd.NA]
    assert net.people["do_not_contact"].tolist() == [True, False]
    assert net.people["updated"].iloc[0] == pd.Timestamp("2025-01-02")


def test_csv_and_parquet_for_the_same_table_is_a_problem(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    folder = folder_with(tmp_path, "utf-8")
    pd.read_csv(folder / "orgs.csv").to_parquet(folder / "orgs.parquet")
    with pytest.raises(ValidationError) as info:
        rg.load(folder)
    (p,) = info.value.problems
    assert (p.table, p.reason) == ("orgs", Reason.INCONSISTENT)
    assert "keep exactly one" in p.hint


def test_parquet_without_pyarrow_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyarrow")
    folder = folder_with(tmp_path, "utf-8")
    pd.read_csv(folder / "people.csv").to_parquet(folder / "people.parquet")
    (folder / "people.csv").unlink()
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(MissingDependencyError, match=r"relgraph\[parquet\]"):
        read_csv_folder(folder)


def test_unreadable_parquet(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    folder = folder_with(tmp_path, "utf-8")
    (folder / "people.csv").unlink()
    (folder / "people.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(ValidationError) as info:
        rg.load(folder)
    (p,) = info.value.problems
    assert (p.table, p.reason) == ("people", Reason.UNREADABLE)
    assert "Parquet" in p.hint


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [
        ("utf-8", "\n", False),
        ("utf-8", "\r\n", True),
        ("gbk", "\r\n", False),
        ("utf-16-le", "\n", True),
    ],
)
def test_mapped_files_read_as_read_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str, newline: str, bom: bool
) -> None:
    folder = folder_with(tmp_path, encoding, newline, bom)
    (folder / "orgs.csv").write_text('id,name,kind\nA,\'=Acme,customer\nU,"Us, Inc",us\n')
    read = rg.load(folder)
    monkeypatch.setattr(csv_checks, "_MAP_FROM", 0)  # every file mapped into memory
    mapped = rg.load(folder)
    assert_loaded(mapped)
    assert mapped.orgs["name"].tolist() == ["=Acme", "Us, Inc"]
    for name in ("orgs", "people", "ties"):
        pd.testing.assert_frame_equal(getattr(mapped, name), getattr(read, name))
    (folder / "ties.csv").write_bytes(b"")  # an empty file cannot be mapped: read
    with pytest.raises(ValidationError) as info:
        rg.load(folder)
    assert [p.reason for p in info.value.problems] == [Reason.EMPTY_TABLE]


def test_line_breaks_in_quoted_values_across_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the fast parse cuts blocks at line breaks, some inside the quoted note: pyarrow
    # notices and the file is parsed again, cut the quote-aware way
    pytest.importorskip("pyarrow")
    folder = folder_with(tmp_path, "utf-8")
    note = "\n".join(f"line {i}, said 方华" for i in range(300))
    ties = f'source,target,kind,note\nC2,C1,汇报,"{note}"\nU1,C1,负责,\n'
    (folder / "ties.csv").write_text(ties, encoding="utf-8")
    monkeypatch.setattr(read_mod, "_BLOCK", 256)
    calls: list[bool] = []
    real = read_mod._arrow_csv

    def spy(*args: object, newlines: bool, **kw: object) -> object:
        calls.append(newlines)
        return real(*args, newlines=newlines, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(read_mod, "_arrow_csv", spy)
    net = rg.load(folder)
    assert calls.count(True) == 1 and calls[-2:] == [False, True]  # ties.csv, parsed again
    assert net.ties["note"].tolist() == [note, ""]
    assert net.ties["kind"].tolist() == ["reports_to", "covers"]
