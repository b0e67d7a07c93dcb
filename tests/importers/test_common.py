"""The steps every importer shares (relgraph.importers._common)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import relgraph as rg
from relgraph.errors import ValidationError
from relgraph.importers._common import (
    decode_export,
    extend_network,
    frame_export,
    read_export,
    without_deleted,
)
from relgraph.importers.result import ReportRows


def test_a_utf8_file_with_a_gbk_row_is_reported_by_line(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes("id,name\np1,方华\n".encode() + "p2,王伟\n".encode("gbk"))
    with pytest.raises(ValidationError) as err:
        decode_export(path, "linkedin", again="LinkedIn")
    frame = err.value.frame()
    assert frame[["row", "reason"]].values.tolist() == [[3, "encoding"]]
    assert frame["source"].tolist() == [str(path)]


@pytest.mark.parametrize(
    ("content", "reason", "words"),
    [
        (None, "unreadable", "does not exist"),
        (b"  \n", "empty_table", "the file is empty"),
        (b"a,b\n1,\x002\n", "encoding", "NUL"),
    ],
)
def test_unreadable_files_name_the_fix(tmp_path: Path, content, reason, words) -> None:
    path = tmp_path / "x.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ValidationError) as err:
        decode_export(path, "linkedin", again="LinkedIn")
    frame = err.value.frame()
    assert frame["reason"].tolist() == [reason]
    assert words in frame["hint"].iloc[0]
    if reason != "encoding":
        assert "export it again from LinkedIn" in frame["hint"].iloc[0]


def test_deleted_rows_are_left_out_and_reported_with_their_rows(tmp_path: Path) -> None:
    path = tmp_path / "Contact.csv"
    path.write_text("Id,IsDeleted\nC1,false\nC2,TRUE\nC3,\nC4,1\n", encoding="utf-8")
    export, problems = read_export(path, "contact")
    assert export is not None and not problems
    report = ReportRows()
    kept = without_deleted(export, report)
    assert kept.frame["id"].tolist() == ["C1", "C3"] and kept.rows == (2, 4)
    frame = report.frame()
    assert frame[["row", "column", "value", "outcome"]].values.tolist() == [
        [3, "IsDeleted", "TRUE", "skipped"],
        [5, "IsDeleted", "1", "skipped"],
    ]


def test_a_dataframe_counts_rows_from_zero_and_lower_cases_names() -> None:
    export = frame_export(pd.DataFrame({" WhoId ": ["003A", None]}))
    assert export.rows == (0, 1) and export.frame["whoid"].tolist() == ["003A", ""]
    assert export.column("ownerid").tolist() == ["", ""]


def test_extend_network_appends_and_keeps_the_input() -> None:
    net = rg.datasets.tiny()
    before = len(net.ties)
    ties = pd.DataFrame([{"source": "p1", "target": "p3", "kind": "friend"}])
    new = extend_network(net, {"ties": ties})
    assert len(new.ties) == before + 1 and len(net.ties) == before
    assert new.settings == net.settings
