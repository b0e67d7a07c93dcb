"""The notebook tables every result renders with: formatted numbers, escaped text, short."""

from __future__ import annotations

import datetime as dt
import html
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from relgraph.io.encode import html_text
from relgraph.io.html_table import MAX_ROWS, format_value, html_result, html_table


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.006788, "0.00679"),
        (0.5, "0.5"),
        (-0.169636, "-0.17"),
        (12.345, "12.3"),
        (1234567.8, "1,234,568"),
        (0.0, "0"),
        (0.00001234, "1.2e-05"),
        (np.float64(0.25), "0.25"),
        (np.int64(7), "7"),
        (None, ""),
        (float("nan"), ""),
        (pd.NA, ""),
        (pd.NaT, ""),
        (pd.Timestamp("2026-01-05"), "2026-01-05"),
        (dt.date(2026, 1, 5), "2026-01-05"),
        (("p1", "p2"), "p1, p2"),
        ([0.123456, 2], "0.123, 2"),
        (True, "true"),
        (np.bool_(False), "false"),
        ("Ann", "Ann"),
    ],
)
def test_values_read_as_people_expect(value: object, text: str) -> None:
    assert format_value(value) == text


def test_booleans_in_the_chosen_language() -> None:
    assert format_value(True, lang="zh") == "是"


def test_long_tables_are_cut_with_a_count_of_what_is_left() -> None:
    frame = pd.DataFrame({"n": range(25)})
    page = html_table(frame)
    assert page.count("<tr>") == MAX_ROWS + 1  # the header row and ten rows
    assert "15 more row(s)" in page
    assert "more row" not in html_table(frame, max_rows=30)
    assert "另有 15 行" in html_table(frame, lang="zh")


def test_empty_tables_keep_their_header_and_columns_can_be_chosen() -> None:
    frame = pd.DataFrame({"a": pd.Series([], dtype=float), "b": pd.Series([], dtype=str)})
    page = html_table(frame, columns=["b", "zz"])
    assert "<th>b</th>" in page and "<th>a</th>" not in page and "zz" not in page
    assert "<tbody></tbody>" in page


def test_numbers_align_right_and_the_index_shows_when_asked() -> None:
    frame = pd.DataFrame({"x": [1.5], "name": ["Ann"]}, index=pd.Index(["row1"], name="lvl"))
    page = html_table(frame, index=True)
    assert '<td style="text-align:right">1.5</td>' in page and "<td>Ann</td>" in page
    assert "<th>lvl</th>" in page and "<th>row1</th>" in page


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "a\x1b]0;title\x07b",
    "\u202eevil",
    "line\nbreak",
    "{{7*7}}",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_user_string_is_text_not_markup(text: str) -> None:
    frame = pd.DataFrame({text: [text, (text, "x")]})
    page = html_result(text, facts=[text], tables=[(text, html_table(frame))], notes=[text])
    assert "<script" not in page and "<img" not in page and "\x1b" not in page
    assert "\u202e" not in page and "\n" not in page
    tags = set(re.findall(r"</?([a-z0-9]+)", page))
    assert tags <= set("div p b ul li i small table thead tbody tr th td".split())


@given(st.text(max_size=40))
def test_html_text_round_trips_the_visible_text(text: str) -> None:
    shown = html_text(text)
    assert "<" not in shown and ">" not in shown and '"' not in shown
    # what a browser shows is the text without controls and with line breaks as spaces
    assert "\x1b" not in html.unescape(shown)
