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

    return _keys(validate(read_tables(spark, folder), today=TODAY).frame.toPandas())


def variants(tmp: Path) -> dict[str, Path]:
    """Broken folders: the validator tests' many-errors folder and one per rule family."""
    out = {"many": V.many_errors(tmp / "many")}

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
    out.update(more_variants(tmp))
    return out


def _with(tables: dict[str, pd.DataFrame], table: str, rows: list[dict[str, str]]) -> None:
    tables[table] = pd.concat([tables[table], pd.DataFrame(rows)], ignore_index=True).fillna("")


def more_variants(tmp: Path) -> dict[str, Path]:
    """The pandas validator tests' other broken tables, several rules per folder (fast)."""
    out: dict[str, Path] = {}
    # test_validate.py: bad values, words and dates (test_bad_value, test_unknown_term_…,
    # test_bad_date, test_future_date, the offsets), a blank row, repeated rows
    t = V.valid_tables()
    t["people"] = t["people"].assign(
        attitude=["1.5", "-4", "inf", "high", ""],
        level=["2", "3", "6", "4", "3"],
        support=["", "4", "", "", ""],
        do_not_contact=["maybe", "", "", "", ""],
        updated=[
            "2025-01-01T23:30:00-05:00",
            "2025-01-01T01:00:00+08:00",
            "2025-01-01T10:00+25:00",
            "31/02/2024",
            "2025-03-02T00:30:00Z",
        ],
    )
    t["ties"] = t["ties"].assign(
        strength=["1.5", "-0.1", "0.8", "strong"],
        sensitive=["", "", "", "perhaps"],
        since=["2024-02-30", "2026-01-02", "yesterday", "99999-01-01"],
    )
    _with(t, "ties", [{"source": "p1", "target": "p3", "kind": "朋友"}])
    _with(t, "ties", [{"source": "p3", "target": "p1", "kind": "friend"}])
    t["roles"] = pd.DataFrame(
        {
            "opportunity": ["O1", "O1", "O1"],
            "person": ["p1", "p2", "p2"],
            "power": ["1.2", "", ""],
            "role": ["decder", "zzzzzz", "zzzzzz"],
        }
    )
    t["opportunities"] = t["opportunities"].assign(value=["-5"], goal=["breakthru"])
    t["affiliations"] = t["affiliations"].assign(kind=["schol"])
    t["interactions"] = pd.DataFrame(
        {
            "date": ["2024/03/05", "5 Mar 2024", "2024年3月5日", "2024.03.05", "2026-02-01"],
            "our_person": ["u1"] * 5,
            "their_people": ["p1"] * 5,
            "kind": ["meeting"] * 5,
        }
    )
    identity_and_sides(t)
    out["values"] = V.write(tmp / "values", t)
    with (out["values"] / "orgs.csv").open("a", encoding="utf-8") as f:
        f.write(",,\n")
    # references (test_unknown_reference …), interactions' people
    t = V.valid_tables()
    # (and the former "ties" folder: a self tie, covers from a competitor, bad words, numbers)
    t["ties"] = t["ties"].assign(
        source=["p2", "pp3", "u1", "p1"], target=["p1", "p2", "p1", "p33"], strength="2"
    )
    loose = [("p3", "p3", "friend", "abc"), ("r1", "p1", "covers", ""), ("p1", "p2", "freind", "")]
    _with(
        t,
        "ties",
        [dict(zip(["source", "target", "kind", "strength"], r, strict=True)) for r in loose],
    )
    t["roles"] = pd.DataFrame(
        {"opportunity": ["O2", "O1"], "person": ["p1", "p9"], "role": ["decider", "user"]}
    )
    t["affiliations"] = t["affiliations"].assign(person=["u9"])
    t["people"] = t["people"].assign(org=["A", "A", "A", "UU", "R"])
    t["opportunities"] = pd.DataFrame(
        {"id": ["O1", "O3"], "account": ["A", "B"], "competitors": ["R;Z", "R ; P"]}
    )
    t["interactions"] = pd.DataFrame(
        {
            "date": ["2025-05-01"] * 4,
            "our_person": ["u1", "u1", "u1", "p1"],
            "their_people": ["p1", "p2 ; p9 ;p3", "p2 ;u1", "p3;;p1;"],
            "kind": ["meeting"] * 4,
        }
    )
    out["references"] = V.write(tmp / "references", t)
    # files that are not tables (test_a_misnamed_table_file_is_refused_not_ignored), a
    # header-only table, a table missing a column and a repeated column
    t = V.valid_tables()
    t["opportunities"] = t["opportunities"].iloc[:0]
    t["people"] = t["people"].rename(columns={"name": "nmae"})
    folder = V.write(tmp / "files", t)
    (folder / "ties.csv").rename(folder / "tie.csv")
    (folder / "affiliations.csv").write_text("person,affiliation,kind,Kind\np1,x,school,y\n")
    out["files"] = folder
    return out


def identity_and_sides(t: dict[str, pd.DataFrame]) -> None:
    """Add test_lookalike.py's and test_consistency.py's cases to the tables ``t``.

    Look-alike ids, an invisible-only name, look-alike references; role holders of our
    side or a competitor's, reporting lines across sides (and allowed ones).
    """
    looks = ["p1\u200b", "\ufeffp1", "ｐ１", "p\u00ad1", "p1\u2060", "p2"]
    names = ["\u200b\u200d", "Fang\u200bHua", "ｂｏ", "X", "Y", "Z"]
    _with(
        t, "people", [{"id": i, "name": n, "org": "A"} for i, n in zip(looks, names, strict=True)]
    )
    _with(
        t, "people", [{"id": "a1", "name": "Al", "org": "P"}, {"id": "u2", "name": "F", "org": "U"}]
    )
    _with(t, "orgs", [{"id": "Ａ", "name": "Acme again", "kind": "customer"}])
    lines = [("u1", "p3"), ("r1", "p2"), ("a1", "p1"), ("u2", "u1")]
    _with(t, "ties", [{"source": s, "target": g, "kind": "reports_to"} for s, g in lines])
    _with(t, "ties", [{"source": "p2\u200b", "target": "ｐ１", "kind": "friend"}])
    holders = {"u1": "decider", "r1": "approver", "a1": "gatekeeper"}
    _with(t, "roles", [{"opportunity": "O1", "person": p, "role": r} for p, r in holders.items()])


#: Reasons whose Spark hint is the pandas validator's sentence, word for word.
SAME_SENTENCE = {"wrong_org_kind", "blank", "bad_date", "future_date", "duplicate_id"}


def test_spark_reports_the_same_problems_as_relgraph_validate(spark: Any, tmp_path: Path) -> None:
    from relgraph.spark import read_tables, validate

    for name, folder in variants(tmp_path).items():
        with pytest.raises(ValidationError) as info:
            rg.load(folder, today=TODAY)
        problems = info.value.problems
        expected = {(p.table, p.row, p.column, str(p.reason)) for p in problems}
        lang = "zh" if name == "values" else "en"  # hints follow tables.settings.language
        tables = read_tables(spark, folder).with_settings(language=lang)
        frame = validate(tables, today=TODAY).frame.toPandas()
        got = _keys(frame)
        assert got == expected, (
            name,
            sorted(expected - got, key=str),
            sorted(got - expected, key=str),
        )
        if lang == "zh":
            _same_chinese_hints(frame, problems)


def _keys(found: pd.DataFrame) -> set[tuple[Any, ...]]:
    return set(_keys_in_order(found))


def _same_chinese_hints(frame: pd.DataFrame, problems: list[Any]) -> None:
    import re

    want = {(p.table, p.row, p.column, str(p.reason)): p.text("zh") for p in problems}
    checked = set()
    for key, hint in zip(_keys_in_order(frame), frame["hint"], strict=True):
        assert re.search(r"[\u4e00-\u9fff]", hint), (key, hint)
        if key[3] in SAME_SENTENCE:
            assert hint == want[key], (key, hint, want[key])
            checked.add(key[3])
    assert checked == SAME_SENTENCE


def _keys_in_order(found: pd.DataFrame) -> list[tuple[Any, ...]]:
    return [
        (t, None if pd.isna(r) else int(r), None if c is None or pd.isna(c) else c, reason)
        for t, r, c, reason in zip(
            found["table"],
            found["row"].astype("Int64"),
            found["column"],
            found["reason"],
            strict=True,
        )
    ]


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
