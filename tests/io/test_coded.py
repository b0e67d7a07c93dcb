"""Typed columns read as dictionary codes load exactly as when read as text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import relgraph as rg
from relgraph.errors import ValidationError
from relgraph.io import read as read_mod
from relgraph.io.coded import coded_columns, recode

ORGS = "id,name,kind\nA,星河移动,客户\nU,云岭网络, us \nR,Rival,competitor\n"
PEOPLE = (
    "id,name,org,level,attitude,supports,support,do_not_contact,updated\n"
    "C1,方华,A, 2 ,+1,,,是,2025-01-02\n"
    "C2,李明,A,3,,R,2,no,\n"
    "C3,Ann,A,2,-1,,,,2025/03/04\n"
    "U1,王芳,U,4,,,,,2025-01-02 \n"
)
TIES = (
    "source,target,kind,strength,since,sensitive,note\n"
    'C2,C1,汇报,0.5,2024-01-01,,"line one\nline two"\n'
    "U1,C1, covers ,,,,\n"
    "C3,C2,Friend,1,,yes,\n"
    "C1,C3,朋友,0.50,2024-01-01,,'=note\n"
)
BAD_PEOPLE = (
    "id,name,org,level,attitude,updated\n"
    "C1,方华,A,9,x,2025-13-01\n"
    "C2,李明,A,'=1,,\n"
    "U1,王芳,U, 2.5,+4,2099-01-01\n"
)
BAD_TIES = (
    "source,target,kind,strength\nC1,C2,foe,2\nC2,C1,reports to,\nC1,C2,foe,\nC1,C2,kollege,0.3\n"
)


def _write(folder: Path, tables: dict[str, str], parquet: bool) -> Path:
    folder.mkdir()
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
        if parquet:
            frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
            frame = frame.mask(frame.eq("-"))  # a missing Parquet value: null
            frame.to_parquet(folder / f"{name}.parquet")
            (folder / f"{name}.csv").unlink()
    return folder


def _as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read every column as text (the path before dictionary columns)."""
    monkeypatch.setattr(read_mod, "coded_columns", lambda table: frozenset())


def _load_both(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[rg.RelationshipNetwork, rg.RelationshipNetwork]:
    coded = rg.load(folder)
    with monkeypatch.context() as m:
        _as_text(m)
        text = rg.load(folder)
    return coded, text


Found = list[tuple[object, ...]]


def _problems_both(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Found, Found]:
    found: list[Found] = []
    for as_text in (False, True):
        with monkeypatch.context() as m:
            if as_text:
                _as_text(m)
            with pytest.raises(ValidationError) as info:
                rg.load(folder)
        problems = info.value.problems
        found.append([(p.table, p.row, p.column, p.value, p.reason, p.hint) for p in problems])
    return found[0], found[1]


def test_coded_columns_are_the_converted_ones() -> None:
    assert sorted(coded_columns("ties")) == ["kind", "sensitive", "since", "strength"]
    assert "id" not in coded_columns("people") and "level" in coded_columns("people")
    assert "competitors" not in coded_columns("opportunities")  # a list stays text
    assert coded_columns("contact") == frozenset()


def test_recode_merges_equal_categories_and_fills_missing() -> None:
    s = pd.Series(pd.Categorical([" a", "a ", None, "b"]), index=[5, 6, 7, 8])
    out = recode(s, lambda t: t.str.strip())
    assert out.tolist() == ["a", "a", "", "b"]
    assert list(out.index) == [5, 6, 7, 8]
    assert out.cat.categories.is_unique
    unchanged = pd.Series(pd.Categorical(["a", "b"]))
    assert recode(unchanged, lambda t: t) is unchanged


@pytest.mark.parametrize("parquet", [False, True])
def test_dictionary_columns_load_the_same_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parquet: bool
) -> None:
    pytest.importorskip("pyarrow")
    if parquet:  # a missing value (null) in a dictionary column
        people = PEOPLE.replace("C3,Ann,A,2,-1,,,,", "C3,Ann,A,2,-1,,,-,")
    else:
        people = PEOPLE
    folder = _write(tmp_path / "d", {"orgs": ORGS, "people": people, "ties": TIES}, parquet)
    coded, text = _load_both(folder, monkeypatch)
    for name in ("orgs", "people", "ties"):
        pd.testing.assert_frame_equal(getattr(coded, name), getattr(text, name))
    assert coded.ties["kind"].tolist() == ["reports_to", "covers", "friend", "friend"]
    assert coded.people["level"].tolist() == [2, 3, 2, 4]
    assert coded.people["do_not_contact"].tolist()[:2] == [True, False]
    assert coded.ties["note"].tolist()[3] == ("'=note" if parquet else "=note")


@pytest.mark.parametrize("parquet", [False, True])
def test_dictionary_columns_give_the_same_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parquet: bool
) -> None:
    pytest.importorskip("pyarrow")
    tables = {"orgs": ORGS, "people": BAD_PEOPLE, "ties": BAD_TIES}
    folder = _write(tmp_path / "d", tables, parquet)
    coded, text = _problems_both(folder, monkeypatch)
    assert coded == text
    reasons = {(t, c, str(r)) for t, _, c, _, r, _ in coded}
    assert ("people", "level", "out_of_range") in reasons
    assert ("people", "attitude", "not_a_number") in reasons
    assert ("people", "updated", "future_date") in reasons
    assert ("ties", "kind", "unknown_term") in reasons
    assert ("ties", None, "duplicate_row") in reasons
    shown = {v for t, _, c, v, _, _ in coded if c == "level"}
    assert ("=1" if not parquet else "'=1") in shown and "2.5" in shown
