"""Table writers: round-trip safe, formula-safe (with an opt-out), atomic."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import relgraph as rg
import relgraph.io.excel_format as excel_format
from relgraph.errors import OutputError
from relgraph.io.write import write_csv, write_csv_folder, write_excel, write_tables

TRICKY = ["=1+1", "'=1+1", "''@x", "-3", "'-3", "Ann\vLee", "a_x000B_b", "+86 10 5555", "'quoted'"]


def tricky_network() -> rg.RelationshipNetwork:
    frames = rg.datasets.tiny().to_frames()
    people = frames["people"].copy()
    people["title"] = TRICKY[: len(people)]
    people["department"] = TRICKY[-len(people) :]
    return rg.RelationshipNetwork.from_frames(**frames | {"people": people})


@pytest.mark.parametrize("suffix", ["", ".xlsx"])
def test_what_is_written_reads_back_the_same(tmp_path: Path, suffix: str) -> None:
    net = tricky_network()
    out = write_tables(net.to_frames(), tmp_path / f"acct{suffix}")
    back = rg.load(out)
    for name in ("orgs", "people", "ties", "roles"):
        pd.testing.assert_frame_equal(getattr(net, name), getattr(back, name), obj=name)


def test_a_control_character_does_not_break_the_workbook(tmp_path: Path) -> None:
    out = tmp_path / "acct.xlsx"
    out.write_bytes(b"previous")
    frames = rg.datasets.tiny().to_frames()
    frames["people"].loc[0, "name"] = "Ann\x0bLee\x01"
    net = rg.RelationshipNetwork.from_frames(**frames)
    net.to_excel(out)
    cell = openpyxl.load_workbook(out)["people"]["B2"]
    assert cell.value == "Ann_x000B_Lee_x0001_"  # Excel's own escape, shown by Excel as is
    assert rg.load(out).people["name"].iloc[0] == "Ann\x0bLee\x01"


def test_the_old_workbook_survives_a_failed_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = rg.datasets.tiny().to_excel(tmp_path / "acct.xlsx")
    before = hashlib.sha256(out.read_bytes()).hexdigest()

    def half_then_fail(self: object, filename: str) -> None:
        Path(filename).write_bytes(b"PK half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", half_then_fail)
    with pytest.raises(OutputError, match="No space left on device"):
        tricky_network().to_excel(out)
    assert hashlib.sha256(out.read_bytes()).hexdigest() == before
    assert [p.name for p in tmp_path.iterdir()] == ["acct.xlsx"]


def test_formulas_can_be_kept_on_request(tmp_path: Path) -> None:
    frame = pd.DataFrame({"total": ["=1+1", "plain"]})
    kept = write_excel({"t": frame}, tmp_path / "kept.xlsx", formulas="keep")
    assert openpyxl.load_workbook(kept)["t"]["A2"].data_type == "f"
    safe = write_excel({"t": frame}, tmp_path / "safe.xlsx")
    assert openpyxl.load_workbook(safe)["t"]["A2"].data_type == "s"
    assert (
        write_csv(frame, tmp_path / "k.csv", formulas="keep").read_text().splitlines()[1] == "=1+1"
    )
    assert write_csv(frame, tmp_path / "s.csv").read_text().splitlines()[1] == "'=1+1"


def test_numbers_stay_numbers_in_csv(tmp_path: Path) -> None:
    frame = pd.DataFrame({"gain": [-0.25, 1.5], "rank": [-1, 2], "who": ["-", "Ann"]})
    text = write_csv(frame, tmp_path / "r.csv").read_text()
    assert text.splitlines() == ["gain,rank,who", "-0.25,-1,'-", "1.5,2,Ann"]


def test_wrong_outputs_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tables = rg.datasets.tiny().to_frames()
    with pytest.raises(OutputError, match="give a folder .* or a name ending in .xlsx"):
        write_tables(tables, tmp_path / "acct.csv")
    monkeypatch.setattr(excel_format, "MAX_ROWS", 3)
    with pytest.raises(OutputError, match="more than an Excel sheet holds"):
        write_excel(tables, tmp_path / "big.xlsx")
    assert not list(tmp_path.iterdir())
    people = tmp_path / "acct"
    write_csv_folder(tables, people)
    assert write_csv_folder(tables, tmp_path / "copy", inputs=[people]).is_dir()
    with pytest.raises(OutputError, match="an input of this run"):
        write_csv_folder(tables, people, inputs=[people])
