import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

openpyxl = pytest.importorskip("openpyxl")

from relgraph.io.excel_format import (  # noqa: E402
    ATTITUDE_SCALE,
    cell_value,
    display_width,
    safe_sheet_name,
    write_workbook,
)


def test_display_width_counts_cjk_double():
    assert display_width("abc") == 3
    assert display_width("方华") == 4
    assert display_width("方华 (Fang Hua)") == 15
    assert display_width("ab\n方华方华") == 8


def test_cell_value_conversions():
    assert cell_value(np.int64(3)) == 3 and isinstance(cell_value(np.int64(3)), int)
    assert cell_value(pd.NA) is None and cell_value(np.nan) is None and cell_value(pd.NaT) is None
    assert cell_value(pd.Timestamp("2026-05-31")) == dt.date(2026, 5, 31)
    assert cell_value(pd.Timestamp("2026-05-31 10:30")) == dt.datetime(2026, 5, 31, 10, 30)
    assert cell_value(("a", "b")) == "a; b"
    assert cell_value("bad\x01text") == "bad_x0001_text"  # kept, as Excel escapes it


def test_sheet_names_are_valid():
    assert safe_sheet_name("a/b:c") == "a_b_c"
    assert len(safe_sheet_name("x" * 40)) == 31


def test_workbook_layout(tmp_path):
    frame = pd.DataFrame(
        {
            "name": ["方华 (Fang Hua)", '=HYPERLINK("http://x")'],
            "attitude": pd.array([-3, 2], dtype="Int64"),
            "updated": pd.to_datetime(["2026-05-31", None]),
            "note": ["short", "a long text " * 20],
        }
    )
    path = write_workbook(
        tmp_path / "out" / "x.xlsx",
        {"People": frame},
        cover=("Title 标题", [("setting", "value")]),
        attitude_columns=["attitude"],
    )
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Cover", "People"]
    ws = wb["People"]
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == ["name", "attitude", "updated", "note"]
    assert ws["A1"].font.bold
    # CJK counts double: 15 wide + 2 padding; the formula-looking text stays text
    assert ws.column_dimensions["A"].width == max(15, len('=HYPERLINK("http://x")')) + 2
    assert ws["A3"].value == '=HYPERLINK("http://x")' and ws["A3"].data_type == "s"
    assert ws.column_dimensions["D"].width == 60  # capped; wraps
    assert ws["D3"].alignment.wrap_text
    assert ws["C2"].value.date() == dt.date(2026, 5, 31) and ws["C3"].value is None
    rules = ws.conditional_formatting
    ranges = [str(cf.sqref) for cf in rules]
    assert ranges == ["B2:B3"]
    rule = next(iter(rules)).rules[0]
    colours = [c.rgb[-6:] for c in rule.colorScale.color]
    assert colours == [c for _, c in ATTITUDE_SCALE]
    assert [float(v.val) for v in rule.colorScale.cfvo] == [-3, 0, 3]
    assert wb["Cover"]["A1"].value == "Title 标题" and wb["Cover"]["B3"].value == "value"


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_display_width_bounds(text):
    longest = max(len(line) for line in text.split("\n"))
    assert longest <= display_width(text) <= 2 * longest
