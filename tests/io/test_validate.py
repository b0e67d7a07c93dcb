"""One deliberately broken table per validation rule, plus one folder with many problems."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import relgraph as rg
from relgraph.errors import Problem, Reason, ValidationError
from relgraph.io.validate import MAX_PROBLEMS_PER_CHECK

TODAY = dt.date(2026, 1, 1)


def valid_tables() -> dict[str, pd.DataFrame]:
    """A small, valid dataset (every table), all text as a user's CSV would be."""
    return {
        "orgs": pd.DataFrame(
            {
                "id": ["A", "U", "R", "P"],
                "name": ["Acme", "Us", "Rival", "Partner"],
                "kind": ["customer", "us", "competitor", "partner"],
            }
        ),
        "people": pd.DataFrame(
            {
                "id": ["p1", "p2", "p3", "u1", "r1"],
                "name": ["Ann", "Bo", "Cy", "Eve", "Rex"],
                "org": ["A", "A", "A", "U", "R"],
                "level": ["2", "3", "4", "4", "3"],
                "attitude": ["1", "-1", "", "", ""],
                "supports": ["", "R", "", "", ""],
                "support": ["", "2", "", "", ""],
                "do_not_contact": ["", "false", "", "", ""],
                "updated": ["2025-06-01", "", "", "", ""],
            }
        ),
        "ties": pd.DataFrame(
            {
                "source": ["p2", "p3", "u1", "p1"],
                "target": ["p1", "p2", "p1", "p3"],
                "kind": ["reports_to", "reports_to", "covers", "friend"],
                "strength": ["", "", "0.8", ""],
                "since": ["", "", "2024-01-01", ""],
            }
        ),
        "opportunities": pd.DataFrame({"id": ["O1"], "account": ["A"], "competitors": ["R"]}),
        "roles": pd.DataFrame({"opportunity": ["O1"], "person": ["p1"], "role": ["decider"]}),
        "affiliations": pd.DataFrame(
            {"person": ["p1"], "affiliation": ["Tech University"], "kind": ["school"]}
        ),
    }


def write(folder: Path, tables: dict[str, pd.DataFrame | None]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        if frame is not None:
            frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


def problems_of(folder: Path) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        rg.load(folder, today=TODAY)
    for p in info.value.problems:  # every hint is a catalogue sentence, readable in Chinese
        assert p.message is not None, p
        assert p.text("en") == p.hint
        assert p.text("zh") != p.hint and re.search(r"[\u4e00-\u9fff]", p.text("zh")), p
    return info.value.problems


def broken(tmp_path: Path, table: str, **columns: object) -> list[Problem]:
    """Write the valid dataset with some cells of one table replaced, and load it."""
    tables = valid_tables()
    frame = tables[table].copy()
    for col, values in columns.items():
        frame[col] = values
    tables[table] = frame
    return problems_of(write(tmp_path / "data", tables))


def only(problems: list[Problem], reason: Reason) -> Problem:
    hits = [p for p in problems if p.reason == reason]
    assert len(hits) == 1, problems
    return hits[0]


def test_the_valid_dataset_loads_every_row(tmp_path: Path) -> None:
    net = rg.load(write(tmp_path / "ok", valid_tables()), today=TODAY)
    for name, frame in valid_tables().items():
        assert len(getattr(net, name)) == len(frame), name


# -- structure ------------------------------------------------------------------------


def test_missing_required_file(tmp_path: Path) -> None:
    tables: dict[str, pd.DataFrame | None] = {**valid_tables(), "people": None}
    p = only(problems_of(write(tmp_path / "d", tables)), Reason.MISSING_TABLE)
    assert (p.table, p.row, p.column) == ("people", None, None)
    assert p.source.endswith("people.csv")
    assert "create it with the header id,name,org" in p.hint


def test_missing_optional_file_is_fine(tmp_path: Path) -> None:
    tables: dict[str, pd.DataFrame | None] = {**valid_tables(), "affiliations": None}
    net = rg.load(write(tmp_path / "d", tables), today=TODAY)
    assert len(net.affiliations) == 0
    assert "kind" in net.affiliations.columns


def test_missing_sheet_in_workbook(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in valid_tables().items():
            if name != "orgs":
                frame.to_excel(writer, sheet_name=name, index=False)
    p = only(problems_of(path), Reason.MISSING_TABLE)
    assert (p.table, p.row, p.column) == ("orgs", None, None)
    assert "add it with the columns id,name,kind" in p.hint


def test_missing_required_column_suggests_the_misspelt_one(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["people"] = tables["people"].rename(columns={"name": "nmae"})
    p = only(problems_of(write(tmp_path / "d", tables)), Reason.MISSING_COLUMN)
    assert (p.table, p.row, p.column) == ("people", 1, "name")
    assert "'nmae' meant to be 'name'" in p.hint
    assert "the header needs id,name,org" in p.hint


def test_duplicate_column(tmp_path: Path) -> None:
    folder = write(tmp_path / "d", valid_tables())
    (folder / "orgs.csv").write_text("id,name,kind,Name\nA,Acme,customer,x\n", encoding="utf-8")
    p = only(problems_of(folder), Reason.DUPLICATE_COLUMN)
    assert (p.table, p.row, p.column) == ("orgs", 1, "name")
    assert "rename or remove the extra column" in p.hint


def test_empty_table_with_header_only(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["orgs"] = tables["orgs"].iloc[:0]
    probs = problems_of(write(tmp_path / "d", tables))
    p = only(probs, Reason.EMPTY_TABLE)
    assert (p.table, p.row, p.column) == ("orgs", None, None)
    assert "add at least one row" in p.hint


def test_empty_file(tmp_path: Path) -> None:
    folder = write(tmp_path / "d", valid_tables())
    (folder / "people.csv").write_bytes(b"")
    p = only(problems_of(folder), Reason.EMPTY_TABLE)
    assert (p.table, p.row) == ("people", None)
    assert "add a header" in p.hint


@pytest.mark.parametrize(
    "data", [b" \r\n\t\n", b"\x1c\x1f\n", "\u3000\n".encode(), b"\xef\xbb\xbf \n"]
)
def test_a_file_of_blanks_is_empty(tmp_path: Path, data: bytes) -> None:
    """ASCII files are checked on their bytes, others on their text: the same verdict."""
    folder = write(tmp_path / "d", valid_tables())
    (folder / "people.csv").write_bytes(data)
    p = only(problems_of(folder), Reason.EMPTY_TABLE)
    assert (p.table, p.row) == ("people", None)


def test_blank_required_value(tmp_path: Path) -> None:
    p = only(broken(tmp_path, "people", name=["Ann", "", "Cy", "Eve", "Rex"]), Reason.BLANK)
    assert (p.table, p.row, p.column) == ("people", 3, "name")
    assert "cannot be blank" in p.hint


# -- identity -------------------------------------------------------------------------


def test_duplicate_id(tmp_path: Path) -> None:
    probs = broken(tmp_path, "people", id=["p1", "p2", "p3", "u1", "p2"])
    p = only(probs, Reason.DUPLICATE_ID)
    assert (p.table, p.row, p.column, p.value) == ("people", 6, "id", "p2")
    assert "already used in row 3" in p.hint and "unique" in p.hint


def test_duplicate_row_same_tie_twice_even_in_other_words(tmp_path: Path) -> None:
    tables = valid_tables()
    extra = pd.DataFrame({"source": ["p1"], "target": ["p3"], "kind": ["朋友"]})
    tables["ties"] = pd.concat([tables["ties"], extra], ignore_index=True)
    p = only(problems_of(write(tmp_path / "d", tables)), Reason.DUPLICATE_ROW)
    assert (p.table, p.row, p.column) == ("ties", 6, None)
    assert "p1 / p3" in p.value
    assert "remove or merge the repeated row" in p.hint


def test_duplicate_row_personal_tie_both_ways(tmp_path: Path) -> None:
    tables = valid_tables()
    extra = pd.DataFrame({"source": ["p3"], "target": ["p1"], "kind": ["friend"]})
    tables["ties"] = pd.concat([tables["ties"], extra], ignore_index=True)
    p = only(problems_of(write(tmp_path / "d", tables)), Reason.DUPLICATE_ROW)
    assert (p.table, p.row) == ("ties", 6)
    assert "undirected" in p.hint and "keep one of the two rows" in p.hint


def test_personal_tie_both_ways_among_one_way_ties(tmp_path: Path) -> None:
    # a pair written both ways, then repeated the first way: the second row is the
    # mirror, the third repeats the first (a duplicate key); one-way ties are fine
    tables = valid_tables()
    extra = pd.DataFrame(
        {
            "source": ["p2", "u1", "u1", "p2", "p3"],
            "target": ["u1", "p2", "p2", "r1", "r1"],
            "kind": ["alumni", "alumni", "club", "club", "club"],
        }
    )
    tables["ties"] = pd.concat([tables["ties"], extra, extra.iloc[:1]], ignore_index=True)
    found = [
        p for p in problems_of(write(tmp_path / "d", tables)) if p.reason is Reason.DUPLICATE_ROW
    ]
    first = len(valid_tables()["ties"]) + 2  # row number of the first extra row
    assert sorted(p.row for p in found) == [first + 1, first + 5]
    mirror = next(p for p in found if p.row == first + 1)
    assert "undirected" in mirror.hint and "u1 ↔ p2 (alumni)" in mirror.value


def test_both_ways_candidates_match_the_whole_table() -> None:
    from relgraph.io.validate import _both_ways_candidates, _pair_key

    rng = np.random.default_rng(7)
    for trial in range(60):
        n, m = int(rng.integers(2, 120)), int(rng.integers(2, 15))
        a, b, k = rng.integers(0, m, n), rng.integers(0, m, n), rng.integers(0, 3, n)
        if trial % 3 == 0:
            b = np.maximum(a, b)  # written one way only (and some self-ties)
        same = _pair_key(a, b, k).duplicated(keep="first").to_numpy()
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        whole = _pair_key(lo, hi, k).duplicated(keep="first").to_numpy() & ~same
        rows = _both_ways_candidates(a, b, k)
        assert set(np.flatnonzero(whole)) <= set(rows.tolist())
        sub = _pair_key(lo[rows], hi[rows], k[rows]).duplicated(keep="first").to_numpy()
        assert (rows[sub & ~same[rows]] == np.flatnonzero(whole)).all()


def test_directed_ties_both_ways_are_fine(tmp_path: Path) -> None:
    tables = valid_tables()
    extra = pd.DataFrame(
        {"source": ["p1", "p3"], "target": ["p3", "p1"], "kind": ["influences", "influences"]}
    )
    tables["ties"] = pd.concat([tables["ties"], extra], ignore_index=True)
    net = rg.load(write(tmp_path / "d", tables), today=TODAY)
    assert int((net.ties["kind"] == "influences").sum()) == 2


def test_duplicate_role_row(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["roles"] = pd.concat([tables["roles"]] * 2, ignore_index=True)
    p = only(problems_of(write(tmp_path / "d", tables)), Reason.DUPLICATE_ROW)
    assert (p.table, p.row) == ("roles", 3)


# -- references -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "column", "values", "row", "hint"),
    [
        ("ties", "target", ["p1", "p2", "p1", "p33"], 5, "no person with id 'p33'"),
        ("ties", "source", ["p2", "pp3", "u1", "p1"], 3, "did you mean 'p3'?"),
        ("roles", "opportunity", ["O2"], 2, "no opportunity with id 'O2'"),
        ("roles", "person", ["p9"], 2, "no person with id 'p9' in the people table"),
        ("affiliations", "person", ["u9"], 2, "no person with id 'u9'"),
        ("people", "org", ["A", "A", "A", "UU", "R"], 5, "did you mean 'U'?"),
        ("opportunities", "account", ["B"], 2, "no org with id 'B'"),
        ("opportunities", "competitors", ["R;Z"], 2, "no org with id 'Z'"),
    ],
)
def test_unknown_reference(
    tmp_path: Path, table: str, column: str, values: list[str], row: int, hint: str
) -> None:
    p = only(broken(tmp_path, table, **{column: values}), Reason.UNKNOWN_REFERENCE)
    assert (p.table, p.row, p.column) == (table, row, column)
    assert hint in p.hint


def test_supports_must_name_a_competitor(tmp_path: Path) -> None:
    probs = broken(tmp_path, "people", supports=["", "U", "", "", ""])
    p = only(probs, Reason.WRONG_ORG_KIND)
    assert (p.table, p.row, p.column, p.value) == ("people", 3, "supports", "U")
    assert "its kind is 'us'" in p.hint and "must name an org of kind competitor" in p.hint


def test_support_without_supports(tmp_path: Path) -> None:
    probs = broken(tmp_path, "people", support=["3", "2", "", "", ""])
    p = only(probs, Reason.INCONSISTENT)
    assert (p.table, p.row, p.column) == ("people", 2, "support")
    assert "fill in supports or clear support" in p.hint


def test_covers_must_start_at_one_of_us(tmp_path: Path) -> None:
    probs = broken(tmp_path, "ties", source=["p2", "p3", "r1", "p1"])
    p = only(probs, Reason.WRONG_ORG_KIND)
    assert (p.table, p.row, p.column, p.value) == ("ties", 4, "source", "r1")
    assert "one of our people" in p.hint and "use another kind" in p.hint


def test_account_must_be_a_customer(tmp_path: Path) -> None:
    p = only(broken(tmp_path, "opportunities", account=["R"]), Reason.WRONG_ORG_KIND)
    assert (p.table, p.row, p.column) == ("opportunities", 2, "account")
    assert "not a customer org" in p.hint


def test_competitors_must_be_competitors(tmp_path: Path) -> None:
    p = only(broken(tmp_path, "opportunities", competitors=["R;P"]), Reason.WRONG_ORG_KIND)
    assert (p.table, p.row, p.column) == ("opportunities", 2, "competitors")
    assert "orgs of kind competitor" in p.hint


# -- values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "column", "values", "row", "reason", "hint"),
    [
        ("people", "attitude", ["1", "-4", "", "", ""], 3, Reason.OUT_OF_RANGE, "from -3 to 3"),
        ("people", "attitude", ["4", "-1", "", "", ""], 2, Reason.OUT_OF_RANGE, "from -3 to 3"),
        ("people", "attitude", ["1.5", "-1", "", "", ""], 2, Reason.NOT_AN_INTEGER, "whole"),
        ("people", "attitude", ["high", "-1", "", "", ""], 2, Reason.NOT_A_NUMBER, "a number"),
        ("people", "attitude", ["inf", "-1", "", "", ""], 2, Reason.NOT_A_NUMBER, "a number"),
        ("people", "support", ["", "4", "", "", ""], 3, Reason.OUT_OF_RANGE, "from 1 to 3"),
        ("people", "support", ["", "0", "", "", ""], 3, Reason.OUT_OF_RANGE, "from 1 to 3"),
        ("people", "level", ["2", "3", "6", "4", "3"], 4, Reason.OUT_OF_RANGE, "from 1 to 5"),
        ("ties", "strength", ["1.5", "", "0.8", ""], 2, Reason.OUT_OF_RANGE, "from 0 to 1"),
        ("ties", "strength", ["", "-0.1", "0.8", ""], 3, Reason.OUT_OF_RANGE, "from 0 to 1"),
        ("ties", "strength", ["", "strong", "0.8", ""], 3, Reason.NOT_A_NUMBER, "from 0 to 1"),
        ("people", "do_not_contact", ["maybe", "", "", "", ""], 2, Reason.NOT_A_BOOLEAN, "true"),
        ("roles", "power", ["1.2"], 2, Reason.OUT_OF_RANGE, "power must be from 0 to 1"),
        ("opportunities", "value", ["-5"], 2, Reason.OUT_OF_RANGE, "value must be at least 0"),
        ("ties", "sensitive", ["", "", "", "perhaps"], 5, Reason.NOT_A_BOOLEAN, "yes/no"),
    ],
)
def test_bad_value(
    tmp_path: Path,
    table: str,
    column: str,
    values: list[str],
    row: int,
    reason: Reason,
    hint: str,
) -> None:
    p = only(broken(tmp_path, table, **{column: values}), reason)
    assert (p.table, p.row, p.column) == (table, row, column)
    assert p.value == values[row - 2]
    assert p.source.endswith(f"{table}.csv")
    assert hint in p.hint
    if reason == Reason.OUT_OF_RANGE:
        assert f"{column} must be " in p.hint


@pytest.mark.parametrize(
    ("table", "column", "values", "row", "dym"),
    [
        ("ties", "kind", ["reports_to", "reports_to", "covers", "freind"], 5, "'friend'"),
        ("roles", "role", ["decder"], 2, "'decider'"),
        ("orgs", "kind", ["customer", "us", "competiter", "partner"], 4, "'competitor'"),
        ("affiliations", "kind", ["schol"], 2, "'school'"),
        ("opportunities", "goal", ["breakthru"], 2, "'breakthrough'"),
    ],
)
def test_unknown_term_with_did_you_mean(
    tmp_path: Path, table: str, column: str, values: list[str], row: int, dym: str
) -> None:
    p = only(broken(tmp_path, table, **{column: values}), Reason.UNKNOWN_TERM)
    assert (p.table, p.row, p.column) == (table, row, column)
    assert f"did you mean {dym}?" in p.hint
    assert "valid:" in p.hint


def test_unknown_term_without_a_near_word_lists_the_valid_ones(tmp_path: Path) -> None:
    p = only(broken(tmp_path, "roles", role=["zzzzzz"]), Reason.UNKNOWN_TERM)
    assert "did you mean" not in p.hint
    assert "decider" in p.hint and "gatekeeper" in p.hint


@pytest.mark.parametrize("value", ["31/02/2024", "2024-02-30", "yesterday", "99999-01-01"])
def test_bad_date(tmp_path: Path, value: str) -> None:
    probs = broken(tmp_path, "people", updated=["", "", value, "", ""])
    p = only(probs, Reason.BAD_DATE)
    assert (p.table, p.row, p.column, p.value) == ("people", 4, "updated", value)
    assert "YYYY-MM-DD" in p.hint


@pytest.mark.parametrize("value", ["2024/03/05", "5 Mar 2024", "2024年3月5日", "2024.03.05"])
def test_other_date_formats_are_read(tmp_path: Path, value: str) -> None:
    tables = valid_tables()
    tables["people"]["updated"] = ["", "", value, "", ""]
    net = rg.load(write(tmp_path / "d", tables), today=TODAY)
    assert net.people.loc[2, "updated"] == pd.Timestamp("2024-03-05")


def test_future_date(tmp_path: Path) -> None:
    probs = broken(tmp_path, "ties", since=["", "2026-01-02", "", ""])
    p = only(probs, Reason.FUTURE_DATE)
    assert (p.table, p.row, p.column) == ("ties", 3, "since")
    assert "after today (2026-01-01)" in p.hint and "check the year" in p.hint


# -- org chart ------------------------------------------------------------------------


def test_self_tie(tmp_path: Path) -> None:
    p = only(broken(tmp_path, "ties", target=["p1", "p2", "p1", "p1"]), Reason.SELF_TIE)
    assert (p.table, p.row, p.column, p.value) == ("ties", 5, "target", "p1")
    assert "two different people" in p.hint


def test_reporting_cycle(tmp_path: Path) -> None:
    probs = broken(tmp_path, "ties", kind=["reports_to", "reports_to", "covers", "reports_to"])
    p = only(probs, Reason.REPORTING_CYCLE)
    assert (p.table, p.column) == ("ties", "target")
    assert p.row in (2, 3, 5)
    for pid in ("p1", "p2", "p3"):
        assert pid in p.hint
    assert "someone at the top must report to nobody" in p.hint


def test_two_managers(tmp_path: Path) -> None:
    tables = valid_tables()
    extra = pd.DataFrame({"source": ["p3"], "target": ["p1"], "kind": ["reports_to"]})
    tables["ties"] = pd.concat([tables["ties"], extra], ignore_index=True)
    probs = problems_of(write(tmp_path / "d", tables))
    hits = [p for p in probs if p.reason == Reason.TWO_MANAGERS]
    assert sorted(p.row for p in hits) == [3, 6]
    assert {p.column for p in hits} == {"source"}
    assert "(p1, p2)" in hits[0].hint and "keep one reports_to tie" in hits[0].hint


def test_reporting_chain_without_cycle_loads(tmp_path: Path) -> None:
    net = rg.load(write(tmp_path / "d", valid_tables()), today=TODAY)
    assert int((net.ties["kind"] == "reports_to").sum()) == 2


# -- all at once ----------------------------------------------------------------------


def many_errors(folder: Path) -> Path:
    tables = valid_tables()
    tables["orgs"]["kind"] = ["customer", "us", "competiter", "partner"]
    people = tables["people"]
    people["id"] = ["p1", "p2", "p3", "u1", "p1"]
    people["attitude"] = ["9", "1.5", "", "", ""]
    people["support"] = ["", "5", "", "", ""]
    people["updated"] = ["2099-01-01", "31/31/2020", "", "", ""]
    people["org"] = ["A", "A", "A", "U", "Q"]
    tables["ties"] = pd.DataFrame(
        {
            "source": ["p2", "p3", "p3", "p2", "u1", "p1", "p1"],
            "target": ["p1", "p1", "p2", "p2", "ghost", "p3", "p3"],
            "kind": ["reports_to", "reports_to", "reports_to", "friend", "covers", "freind", "x"],
            "strength": ["", "", "", "", "2", "", ""],
        }
    )
    tables["roles"] = pd.DataFrame({"opportunity": ["O9"], "person": ["p1"], "role": ["boss"]})
    tables["affiliations"] = tables["affiliations"].rename(columns={"kind": "type"})
    return write(folder, tables)


def test_many_errors_are_all_listed_in_one_validation_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        rg.load(many_errors(tmp_path / "bad"), today=TODAY)
    err = info.value
    reasons = {p.reason for p in err.problems}
    assert reasons >= {
        Reason.UNKNOWN_TERM,
        Reason.DUPLICATE_ID,
        Reason.OUT_OF_RANGE,
        Reason.NOT_AN_INTEGER,
        Reason.FUTURE_DATE,
        Reason.BAD_DATE,
        Reason.UNKNOWN_REFERENCE,
        Reason.TWO_MANAGERS,
        Reason.SELF_TIE,
        Reason.MISSING_COLUMN,
    }
    assert len(err.problems) >= 16
    # an org whose kind is unknown is reported once, not again as "not a competitor"
    assert not [p for p in err.problems if p.reason == Reason.WRONG_ORG_KIND]
    frame = err.frame()
    assert list(frame.columns) == ["source", "table", "row", "column", "value", "reason", "hint"]
    assert len(frame) == len(err.problems)
    assert set(frame["table"]) >= {"orgs", "people", "ties", "roles", "affiliations"}
    assert str(err).startswith(f"{len(err.problems)} problems in the input:")
    assert all(p.hint for p in err.problems)


def test_problems_per_check_are_capped_with_a_count(tmp_path: Path) -> None:
    n = MAX_PROBLEMS_PER_CHECK + 5
    orgs = pd.DataFrame({"id": ["A"], "name": ["Acme"], "kind": ["customer"]})
    people = pd.DataFrame(
        {"id": [f"p{i}" for i in range(n)], "name": "x", "org": "A", "attitude": "7"}
    )
    with pytest.raises(ValidationError) as info:
        rg.RelationshipNetwork.from_frames(orgs, people)
    probs = info.value.problems
    assert len(probs) == MAX_PROBLEMS_PER_CHECK + 1
    assert probs[-1].row is None and "and 5 more rows" in probs[-1].hint
    assert "more (see .problems or .frame())" in str(info.value)


def test_frame_rows_are_positions(tmp_path: Path) -> None:
    tables = valid_tables()
    people = tables["people"].copy()
    people.index = [10, 11, 12, 13, 14]
    people.loc[12, "attitude"] = "5"
    with pytest.raises(ValidationError) as info:
        rg.RelationshipNetwork.from_frames(tables["orgs"], people, today=TODAY)
    (p,) = info.value.problems
    assert (p.row, p.source) == (2, "<DataFrame>")


def test_every_problem_says_where_what_why_and_how(tmp_path: Path) -> None:
    problems = problems_of(many_errors(tmp_path / "bad"))
    tables = {"orgs", "people", "ties", "opportunities", "roles", "affiliations"}
    for p in problems:
        assert p.table in tables, p
        assert p.source.endswith(f"{p.table}.csv"), p
        assert isinstance(p.reason, Reason) and p.hint, p
        if p.row is not None and p.row >= 2:  # a data row: the cell and what it holds
            assert p.value != "", p
            assert p.column is not None or p.reason == Reason.DUPLICATE_ROW, p
    # the spreadsheet row numbers point at the rows that hold the values
    by_reason = {p.reason: p for p in problems}
    assert (by_reason[Reason.DUPLICATE_ID].row, by_reason[Reason.DUPLICATE_ID].value) == (6, "p1")
    assert by_reason[Reason.BAD_DATE].row == 3


def test_a_missing_column_does_not_hide_the_tables_other_problems(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["people"] = (
        tables["people"]
        .drop(columns="org")
        .assign(attitude=["9", "", "", "", ""], updated=["", "yesterday", "", "", ""])
    )
    probs = problems_of(write(tmp_path / "d", tables))
    assert len(probs) == 3
    assert {(p.reason, p.row) for p in probs} == {
        (Reason.MISSING_COLUMN, 1),
        (Reason.OUT_OF_RANGE, 2),
        (Reason.BAD_DATE, 3),
    }
    # the ties that name these people are not reported as naming unknown people


def test_an_entirely_blank_row_is_one_problem(tmp_path: Path) -> None:
    folder = write(tmp_path / "d", valid_tables())
    (folder / "orgs.csv").write_text(
        "id,name,kind\nA,Acme,customer\n,,\nU,Us,us\nR,Rival,competitor\nP,Pa,partner\n"
    )
    p = only(problems_of(folder), Reason.BLANK)
    assert (p.table, p.row, p.column) == ("orgs", 3, None)
    assert "entirely blank" in p.hint


def test_unknown_columns_are_kept_as_text(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["people"]["wechat"] = ["ann_w", "", "cy88", "", "007"]
    tables["ties"]["来源"] = ["会议", "", "", "名片"]
    net = rg.load(write(tmp_path / "d", tables), today=TODAY)
    assert net.people["wechat"].tolist() == ["ann_w", "", "cy88", "", "007"]
    assert net.ties["来源"].tolist() == ["会议", "", "", "名片"]
    assert list(net.people.columns).index("wechat") > list(net.people.columns).index("org")


# -- files and sheets that are not tables -----------------------------------------------


def test_a_misnamed_table_file_is_refused_not_ignored(tmp_path: Path) -> None:
    folder = write(tmp_path / "d", valid_tables())
    (folder / "ties.csv").rename(folder / "tie.csv")
    (folder / "people.csv").rename(folder / "联系人.csv")
    probs = problems_of(folder)
    assert {p.reason for p in probs} == {Reason.UNKNOWN_TABLE}
    by_table = {p.table: p for p in probs}
    assert by_table["ties"].value == "tie.csv" and by_table["ties"].source.endswith("tie.csv")
    assert "did you mean ties.csv? rename it" in by_table["ties"].hint
    assert "did you mean people.csv?" in by_table["people"].hint


def test_a_table_in_an_unread_format_says_how_to_save_it(tmp_path: Path) -> None:
    tables: dict[str, pd.DataFrame | None] = {**valid_tables(), "ties": None}
    folder = write(tmp_path / "d", tables)
    valid_tables()["ties"].to_csv(folder / "ties.tsv", sep="\t", index=False)
    p = only(problems_of(folder), Reason.UNKNOWN_TABLE)
    assert p.table == "ties" and "save it as ties.csv" in p.hint


def test_other_files_load_and_are_listed_as_ignored(tmp_path: Path) -> None:
    from relgraph.io.read import ignored_inputs

    folder = write(tmp_path / "d", valid_tables())
    (folder / "notes.csv").write_text("a,b\n1,2\n")
    (folder / "ties_old.csv").write_text("source,target,kind\n")  # ties.csv is there
    (folder / "readme.md").write_text("not data")
    net = rg.load(folder, today=TODAY)
    assert len(net.ties) == len(valid_tables()["ties"])
    assert ignored_inputs(folder) == ["notes.csv", "ties_old.csv"]


def test_a_misnamed_sheet_is_refused(tmp_path: Path) -> None:
    from relgraph.io.read import ignored_inputs

    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in valid_tables().items():
            frame.to_excel(
                writer, sheet_name="Roles 2026" if name == "roles" else name, index=False
            )
        pd.DataFrame({"x": [1]}).to_excel(writer, sheet_name="Cover", index=False)
    p = only(problems_of(path), Reason.UNKNOWN_TABLE)
    assert (p.table, p.value) == ("roles", "Roles 2026")
    assert p.source.endswith("book.xlsx[Roles 2026]") and "rename the sheet" in p.hint
    assert ignored_inputs(path) == ["Cover", "Roles 2026"]


def test_an_unknown_table_in_frames_is_refused_with_a_suggestion() -> None:
    from relgraph.io.read import read_frames

    tables = valid_tables()
    _, probs = read_frames(
        {"orgs": tables["orgs"], "people": tables["people"], "Tie": tables["ties"]}
    )
    (p,) = probs
    assert (p.reason, p.table) == (Reason.UNKNOWN_TABLE, "Tie")
    assert "did you mean 'ties'?" in p.hint


def _with_interactions(
    their_people: list[str], our_person: list[str] | None = None
) -> dict[str, pd.DataFrame]:
    tables = valid_tables()
    n = len(their_people)
    tables["interactions"] = pd.DataFrame(
        {
            "date": ["2025-05-01"] * n,
            "our_person": our_person or ["u1"] * n,
            "their_people": their_people,
            "kind": ["meeting"] * n,
        }
    )
    return tables


def test_unknown_person_in_a_multi_person_interaction_row(tmp_path: Path) -> None:
    tables = _with_interactions(["p1", "p2 ; p9 ;p3", "p3"])
    problems = problems_of(write(tmp_path / "data", tables))
    p = only(problems, Reason.UNKNOWN_REFERENCE)
    assert (p.table, p.row, p.column) == ("interactions", 3, "their_people")
    assert p.value == "p2 ; p9 ;p3"  # the row's own text, as the user wrote it
    assert "no person with id 'p9' in the people table" in p.hint


def test_our_own_person_among_their_people_is_reported_on_its_row(tmp_path: Path) -> None:
    tables = _with_interactions(["p1;p2", "p3", "p2 ;u1"])
    p = only(problems_of(write(tmp_path / "data", tables)), Reason.WRONG_ORG_KIND)
    assert (p.table, p.row, p.column, p.value) == ("interactions", 4, "their_people", "p2 ;u1")


def test_their_people_are_trimmed_around_the_separator(tmp_path: Path) -> None:
    tables = _with_interactions(["p1", " p2 ;  p3 ", "p3;;p1;"])
    net = rg.load(write(tmp_path / "data", tables), today=TODAY)
    assert list(net.interactions["their_people"]) == ["p1", "p2;p3", "p3;p1"]


@pytest.mark.parametrize("arrow", [True, False])
def test_split_list_matches_a_plain_split(arrow: bool) -> None:
    from relgraph.io.references import _split_list, _split_list_pandas

    split = _split_list if arrow else _split_list_pandas  # the latter: without pyarrow
    values = ["a", "b; c", "", None, " d ;;e ", "f;", "g"]
    got = split(pd.Series(values, dtype=object))
    want = [
        (i, part.strip())
        for i, v in enumerate(values)
        for part in (v or "").split(";")
        if part.strip()
    ]
    assert sorted(zip(got.index.tolist(), got.tolist(), strict=True)) == want
    assert split(pd.Series([], dtype=object)).empty


# -- output of issue 14: dates with offsets, zero strengths ----------------------------------


def test_a_timestamp_with_an_offset_keeps_the_date_as_written(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["people"] = tables["people"].assign(
        updated=[
            "2025-01-01T23:30:00-05:00",
            "2025-01-01T01:00:00+08:00",
            "",
            "",
            "2025-03-02T00:30:00Z",
        ]
    )
    net = rg.load(write(tmp_path / "d", tables), today=TODAY)
    days = [d.date().isoformat() if pd.notna(d) else "" for d in net.people["updated"]]
    assert days == ["2025-01-01", "2025-01-01", "", "", "2025-03-02"]


def test_an_impossible_offset_is_a_bad_date(tmp_path: Path) -> None:
    p = only(broken(tmp_path, "people", updated=["2025-01-01T10:00+25:00", "", "", "", ""]),
             Reason.BAD_DATE)  # fmt: skip
    assert (p.row, p.column, p.value) == (2, "updated", "2025-01-01T10:00+25:00")


def test_all_zero_strengths_are_valid_input(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["ties"] = tables["ties"].assign(strength="0")
    net = rg.load(write(tmp_path / "d", tables), today=TODAY)
    assert net.ties["strength"].tolist() == [0.0] * 4


def test_unknown_id_hint_joins_the_suggestion_with_a_separator(tmp_path: Path) -> None:
    near = only(
        broken(tmp_path, "people", org=["A", "A", "A", "UU", "R"]), Reason.UNKNOWN_REFERENCE
    )
    assert near.hint == "no org with id 'UU' in the orgs table; did you mean 'U'?"
    far = only(
        broken(tmp_path, "opportunities", account=["Nowhere at all"]), Reason.UNKNOWN_REFERENCE
    )
    assert far.hint == "no org with id 'Nowhere at all' in the orgs table"


def test_problems_keep_their_order_with_or_without_a_second_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the repeated keys are hashed on another core while the later checks run: the
    # problems come out in the same order as when everything runs one after the other
    tables = valid_tables()
    extra = pd.DataFrame(
        {
            "source": ["p2", "u1", "u1", "p1", "p3", "p3", "p1"],
            "target": ["u1", "p2", "p2", "p1", "p1", "u1", "p9"],
            "kind": ["alumni", "alumni", "alumni", "friend", "covers", "friend", "friend"],
        }
    )
    tables["ties"] = pd.concat([tables["ties"], extra, extra.iloc[:1]], ignore_index=True)
    folder = write(tmp_path / "d", tables)
    threaded = problems_of(folder)
    monkeypatch.setattr("relgraph.io.validate.os.cpu_count", lambda: 1)
    serial = problems_of(folder)

    def rows(found: list[Problem]) -> list[tuple[object, ...]]:
        return [(p.table, p.row, p.column, p.value, p.reason, p.hint) for p in found]

    assert rows(threaded) == rows(serial)
    reasons = [p.reason for p in threaded]
    for reason in (Reason.DUPLICATE_ROW, Reason.SELF_TIE, Reason.WRONG_ORG_KIND):
        assert reason in reasons
    # the key check's problems come before the later checks' (covers, self-tie)
    last_key = max(i for i, p in enumerate(threaded) if "remove or merge" in p.hint)
    assert last_key < reasons.index(Reason.WRONG_ORG_KIND) < reasons.index(Reason.SELF_TIE)


def test_first_rows_name_the_first_row_of_each_key() -> None:
    from relgraph.io.validate import _first_rows

    keys = np.random.default_rng(5).integers(0, 50, 2_000)
    first = pd.Series(np.arange(len(keys))).groupby(keys).transform("min").to_numpy()
    assert (_first_rows(keys) == first).all()
    assert _first_rows(np.zeros(0, dtype=np.int64)).tolist() == []


def test_two_managers_and_a_cycle_among_many_reporting_lines(tmp_path: Path) -> None:
    # a long chain (followed to its end in a few doublings), a loop of three and one
    # person under two managers (every row of theirs reported)
    n = 200
    people = pd.DataFrame({"id": [f"c{i}" for i in range(n)], "name": "x", "org": "A"})
    chain = [(f"c{i}", f"c{i - 1}") for i in range(1, 150)]
    loop = [("c150", "c151"), ("c151", "c152"), ("c152", "c150")]
    extra = [("c160", "c161"), ("c160", "c162"), ("c160", "c161")]
    edges = chain + loop + extra
    ties = pd.DataFrame(edges, columns=["source", "target"]).assign(kind="reports_to")
    orgs = pd.DataFrame({"id": ["A"], "name": ["Acme"], "kind": ["customer"]})
    found = problems_of(write(tmp_path / "d", {"orgs": orgs, "people": people, "ties": ties}))
    two = [p for p in found if p.reason is Reason.TWO_MANAGERS]
    assert sorted(p.row for p in two) == [len(chain) + 5, len(chain) + 6, len(chain) + 7]
    assert "c161, c162" in two[0].hint
    (cycle,) = [p for p in found if p.reason is Reason.REPORTING_CYCLE]
    assert cycle.row == len(chain) + 2 and "c150 → c151 → c152 → c150" in cycle.hint
