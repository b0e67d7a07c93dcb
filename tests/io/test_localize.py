"""Validation hints in the reader's language for values a drop-down list would refuse."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import relgraph as rg
from relgraph.errors import Problem, Reason
from relgraph.io.localize import LOCALIZED_REASONS, localize_problem, problem_frame
from relgraph.text import message


def problems_of(folder: Path) -> list[Problem]:
    with pytest.raises(rg.ValidationError) as info:
        rg.load(folder)
    return info.value.problems


@pytest.fixture
def broken(tmp_path: Path) -> list[Problem]:
    folder = tmp_path / "data"
    rg.datasets.tiny().to_csv(folder)
    people = pd.read_csv(folder / "people.csv", dtype=str, keep_default_na=False)
    people.loc[0, "attitude"] = "9"
    people.loc[1, "level"] = "高层"
    people.loc[2, "do_not_contact"] = "也许"
    people.to_csv(folder / "people.csv", index=False)
    ties = pd.read_csv(folder / "ties.csv", dtype=str, keep_default_na=False)
    ties.loc[0, "kind"] = "朋有"
    ties.to_csv(folder / "ties.csv", index=False)
    return problems_of(folder)


def test_values_outside_a_list_get_chinese_hints(broken: list[Problem]) -> None:
    by_column = {p.column: localize_problem(p, lang="zh") for p in broken}
    assert {p.reason for p in broken} <= LOCALIZED_REASONS
    kind = by_column["kind"].hint
    assert kind.startswith("kind 列的值 '朋有' 无法识别;您是不是要填 '朋友'?可选值:汇报给、")
    assert by_column["attitude"].hint == "attitude 列应为-3 到 3 之间的整数"
    assert by_column["level"].hint == "应填1 到 5 之间的整数"
    assert by_column["do_not_contact"].hint == "应填是或否;留空则取默认值"
    for before, after in zip(broken, (localize_problem(p, lang="zh") for p in broken), strict=True):
        assert (before.table, before.row, before.column, before.value, before.reason) == (
            after.table,
            after.row,
            after.column,
            after.value,
            after.reason,
        )


def test_english_and_other_problems_are_left_as_the_validator_wrote_them(
    broken: list[Problem],
) -> None:
    assert [localize_problem(p, lang="en") for p in broken] == broken
    other = Problem("people", 3, "org", "X", Reason.UNKNOWN_REFERENCE, "unknown org 'X'")
    assert localize_problem(other, lang="zh") is other
    unknown = Problem("notes", 2, "kind", "x", Reason.UNKNOWN_TERM, "hint")
    assert localize_problem(unknown, lang="zh") is unknown


def test_every_other_hint_is_its_catalogue_sentence_in_the_language() -> None:
    hint = message("val_self_tie")
    p = Problem.of("ties", 4, "target", "p1", Reason.SELF_TIE, hint, "ties.csv")
    assert p.hint == "a tie must join two different people"
    zh = localize_problem(p, lang="zh")
    assert zh.hint == "一条关系必须连接两个不同的人" and zh.row == 4 and zh.value == "p1"
    assert localize_problem(p, lang="en") is p


def test_problem_frame_speaks_the_language(broken: list[Problem]) -> None:
    zh = problem_frame(broken, lang="zh")
    assert list(zh.columns) == ["来源", "表", "行", "列", "值", "原因", "说明"]
    assert set(zh["原因"]) <= {"超出范围", "不是数字", "不是“是/否”", "无法识别的取值"}
    en = problem_frame(broken, lang="en")
    expected = rg.ValidationError(broken).frame()
    pd.testing.assert_frame_equal(en, expected)
