"""Spark validation reports the same problems (table, row, column, reason) as relgraph.load."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd
import pytest

import relgraph as rg
from relgraph.errors import ValidationError

HERE = Path(__file__).resolve().parent


def _load_validate_tests() -> ModuleType:
    """The pandas validator's tests: their valid dataset and their broken folders."""
    spec = importlib.util.spec_from_file_location(
        "_io_validate", HERE.parent / "io" / "test_validate.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


V = _load_validate_tests()
TODAY = V.TODAY


def single(folder: Path) -> set[tuple[Any, ...]]:
    with pytest.raises(ValidationError) as info:
        rg.load(folder, today=TODAY)
    return {(p.table, p.row, p.column, str(p.reason)) for p in info.value.problems}


def spark_found(spark: Any, folder: Path) -> set[tuple[Any, ...]]:
    from relgraph.spark import read_tables, validate

    found = validate(read_tables(spark, folder), today=TODAY).frame.toPandas()
    rows = found["row"].astype("Int64")
    return {
        (t, None if pd.isna(r) else int(r), None if c is None or pd.isna(c) else c, reason)
        for t, r, c, reason in zip(
            found["table"], rows, found["column"], found["reason"], strict=True
        )
    }


def variants(tmp: Path) -> dict[str, Path]:
    """Broken folders: the validator tests' many-errors folder and one per rule family."""
    out = {"many": V.many_errors(tmp / "many")}

    def broken(key: str, table: str, **cols: object) -> None:
        tables = V.valid_tables()
        frame = tables[table].copy()
        for col, values in cols.items():
            frame[col] = values
        tables[table] = frame
        out[key] = V.write(tmp / key, tables)

    broken(
        "ties",
        "ties",
        source=["p2", "p3", "r1", "p1"],
        target=["p1", "p3", "p1", "p9"],
        kind=["reports_to", "friend", "covers", "freind"],
        strength=["2", "", "", "abc"],
    )
    tables = V.valid_tables()
    tables["people"] = tables["people"].assign(
        id=["p1", "p2", "p3", "u1", "p2"],
        name=["Ann", "", "Cy", "Eve", "Rex"],
        level=["2", "x", "4.5", "9", ""],
        attitude=["1", "-4", "", "", ""],
        supports=["", "U", "", "", "ZZ"],
        support=["3", "2", "", "", ""],
        do_not_contact=["maybe", "是", "", "", ""],
        updated=["2025-13-01", "2027-01-01", "31 Mar 2025", "", ""],
    )
    tables["ties"] = pd.DataFrame(
        {
            "source": ["p1", "p2", "p3", "p1", "p3", "p2", "p1", "u1"],
            "target": ["p2", "p3", "p1", "p3", "p1", "p1", "p3", "p1"],
            "kind": [
                "reports_to",
                "reports_to",
                "reports_to",
                "friend",
                "朋友",
                "reports_to",
                "friend",
                "covers",
            ],
        }
    )
    tables["opportunities"] = pd.DataFrame(
        {"id": ["O1", "O2"], "account": ["A", "R"], "competitors": ["R;P", "A"]}
    )
    tables["interactions"] = pd.DataFrame(
        {
            "date": ["2025-05-01", "2025-06-01"],
            "our_person": ["u1", "p1"],
            "their_people": ["p1;u1", "p2"],
            "kind": ["meeting", "call"],
        }
    )
    out["structure"] = V.write(tmp / "structure", tables)
    return out


def test_spark_reports_the_same_problems_as_relgraph_validate(spark: Any, tmp_path: Path) -> None:
    for name, folder in variants(tmp_path).items():
        expected = single(folder)
        assert expected, name
        got = spark_found(spark, folder)
        assert got == expected, (
            name,
            sorted(expected - got, key=str),
            sorted(got - expected, key=str),
        )


def test_every_problem_is_counted_and_the_first_are_listed(spark: Any) -> None:
    from relgraph.spark import read_tables, validate

    n = 12
    people = pd.DataFrame(
        {"id": [f"p{i}" for i in range(n)], "name": "x", "org": "A", "level": "9"}
    )
    orgs = pd.DataFrame({"id": ["A"], "name": ["Acme"], "kind": ["customer"]})
    tables = read_tables(
        spark, {"orgs": spark.createDataFrame(orgs), "people": spark.createDataFrame(people)}
    )
    found = validate(tables, today=TODAY, limit=5)
    assert found.total() == n
    frame = found.frame.toPandas()
    assert len(frame) == 6 and frame["row"].isna().sum() == 1
    assert "7 more rows" in frame.loc[frame["row"].isna(), "hint"].iloc[0]
    assert sorted(frame["row"].dropna().astype(int)) == [0, 1, 2, 3, 4]  # DataFrame positions
    with pytest.raises(ValidationError):
        found.raise_if_any()


def _debug(spark: Any, folder: Path) -> None:
    e, g = single(folder), spark_found(spark, folder)
    print("missing", sorted(e - g, key=str), "extra", sorted(g - e, key=str))
