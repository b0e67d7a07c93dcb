"""Excel error cells and formulas without a saved result are reported, not loaded as blank."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

import relgraph as rg
from relgraph.errors import Reason, ValidationError
from relgraph.io.xlsx_cells import cell_problems

ERRORS = ["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NULL!", "#NUM!"]


def workbook(path: Path, attitudes: list[object]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "orgs"
    for row in (["id", "name", "kind"], ["A", "Acme", "customer"], ["U", "Us", "us"]):
        ws.append(row)
    ws = wb.create_sheet("people")
    ws.append(["id", "name", "org", "attitude"])
    for i, att in enumerate(attitudes):
        ws.append([f"p{i}", f"Person {i}", "A", att])
    wb.save(path)
    return path


def test_error_cells_are_reported_with_row_and_column(tmp_path: Path) -> None:
    path = workbook(tmp_path / "book.xlsx", [1, *ERRORS])
    with pytest.raises(ValidationError) as info:
        rg.load(path)
    found = [p for p in info.value.problems if p.reason == Reason.EXCEL_ERROR]
    assert [(p.table, p.row, p.column, p.value) for p in found] == [
        ("people", 3 + i, "attitude", e) for i, e in enumerate(ERRORS)
    ]
    assert all("would load as blank" in p.hint and p.source.endswith("[people]") for p in found)


def test_a_formula_without_a_saved_result_is_reported(tmp_path: Path) -> None:
    path = workbook(tmp_path / "book.xlsx", [1, "=1+1", 2])
    with pytest.raises(ValidationError) as info:
        rg.load(path)
    (p,) = info.value.problems
    assert (p.reason, p.table, p.row, p.column, p.value) == (
        Reason.UNCACHED_FORMULA,
        "people",
        3,
        "attitude",
        "=1+1",
    )
    assert "open and save the workbook" in p.hint


def test_a_formula_with_a_saved_result_loads_its_value(tmp_path: Path) -> None:
    path = workbook(tmp_path / "book.xlsx", [1, "=1+1"])
    # give the formula a cached result, as Excel or LibreOffice would on saving
    with zipfile.ZipFile(path) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    name = next(n for n, d in parts.items() if n.startswith("xl/worksheets/") and b"<f>" in d)
    # openpyxl writes the empty value as <v /> (its own writer) or <v></v> (through lxml)
    empty = rb"<f>1\+1</f>(?:<v ?/>|<v></v>)"
    parts[name], count = re.subn(empty, b"<f>1+1</f><v>2</v>", parts[name])
    assert count == 1
    fixed = tmp_path / "fixed.xlsx"
    with zipfile.ZipFile(fixed, "w") as dst:
        for n, d in parts.items():
            dst.writestr(n, d)
    assert cell_problems(fixed, {"people": ("people", ["id", "name", "org", "attitude"])}) == []
    assert rg.load(fixed).people["attitude"].tolist() == [1, 2]


def test_a_plain_workbook_costs_no_scan(tmp_path: Path) -> None:
    path = workbook(tmp_path / "book.xlsx", [1, 2, -3])
    assert cell_problems(path, {"people": ("people", ["id"])}) == []
    assert cell_problems(tmp_path / "missing.xlsx", {}) == []
