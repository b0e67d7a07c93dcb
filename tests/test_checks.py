"""Parameter checks: one error shape, its message a catalogue sentence in every language."""

from __future__ import annotations

import pandas as pd
import pytest

import relgraph as rg
from relgraph.checks import check_choice, check_date, check_float, check_int, invalid
from relgraph.errors import InvalidParameterError
from relgraph.text import message


@pytest.mark.parametrize(
    ("call", "english", "chinese"),
    [
        (lambda: check_int("k", 0, minimum=1), "a whole number >= 1", "不小于 1 的整数"),
        (lambda: check_int("k", 9, minimum=1, maximum=5), "from 1 to 5", "1 到 5 之间的整数"),
        (lambda: check_int("k", 9, maximum=5), "a whole number <= 5", "不大于 5 的整数"),
        (lambda: check_float("h", 0, minimum=0, open_minimum=True), "a number > 0", "大于 0"),
        (lambda: check_float("w", 2, minimum=0, maximum=1), "a number from 0 to 1", "0 到 1"),
        (lambda: check_choice("period", "yaer", ("year", "half-year")), "did you mean", "您是不是"),
        (lambda: check_date("as_of", "2026-02-30"), "YYYY-MM-DD", "真实存在的日期"),
    ],
)
def test_a_bad_option_reads_in_both_languages(call, english: str, chinese: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidParameterError) as info:
        call()
    err = info.value
    assert english in str(err) and str(err) == err.text("en")
    zh = err.text("zh")
    assert chinese in zh and "expected" not in zh, zh
    assert err.parameter in zh and repr(err.value) in zh


def test_an_error_raised_with_plain_text_keeps_it() -> None:
    err = InvalidParameterError("x", 1, "something else")
    assert err.sentence is None
    assert err.text("zh") == str(err) == "x = 1 is not valid; expected something else"


def test_invalid_builds_the_whole_message_from_the_catalogue() -> None:
    err = invalid("title", 3, message("exp_text_or_none"))
    assert str(err) == "title = 3 is not valid; expected a text or None"
    assert err.text("zh") == "title = 3 无效;应为文本或 None"
    assert err.expected == "a text or None"


def test_library_errors_outside_checks_translate_too() -> None:
    accounts = pd.DataFrame(
        {
            "account": ["a", "a"],
            "current_value": [1, 2],
            "future_potential": [1, 1],
            "strategic_fit": [1, 1],
        }
    )
    with pytest.raises(InvalidParameterError) as info:
        rg.tier_customers(accounts)
    assert info.value.text("zh") == "客户 ID 重复:a"
    with pytest.raises(InvalidParameterError) as info:
        rg.Settings(language="fr")
    assert "以下之一:en, zh" in info.value.text("zh")
