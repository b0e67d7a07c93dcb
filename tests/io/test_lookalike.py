"""Ids that differ only by invisible or full-width characters, and invisible-only names."""

from __future__ import annotations

import pandas as pd
import pytest

import relgraph as rg
from relgraph.errors import Problem, Reason, ValidationError
from relgraph.io.lookalike import canonical


def frames(**people_cols: list[str]) -> dict[str, pd.DataFrame]:
    people = {"id": ["p1", "p2", "u1"], "name": ["Ann", "Bo", "Eve"], "org": ["A", "A", "U"]}
    people.update(people_cols)
    return {
        "orgs": pd.DataFrame(
            {"id": ["A", "U"], "name": ["Acme", "Us"], "kind": ["customer", "us"]}
        ),
        "people": pd.DataFrame(people),
        "ties": pd.DataFrame({"source": ["p2"], "target": ["p1"], "kind": ["reports_to"]}),
    }


def problems(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        rg.RelationshipNetwork.from_frames(**tables)
    return info.value.problems


@pytest.mark.parametrize("lookalike", ["p1\u200b", "\ufeffp1", "ｐ１", "p\u00ad1", "p1\u2060"])
def test_lookalike_ids_are_reported_as_duplicates(lookalike: str) -> None:
    (p,) = problems(frames(id=["p1", "p2", lookalike]))
    assert (p.table, p.column, p.row, p.reason) == ("people", "id", 2, Reason.LOOKALIKE_ID)
    assert "looks the same as 'p1' in row 0" in p.hint and "invisible or full-width" in p.hint
    assert "\u200b" not in p.value and "\ufeff" not in p.value  # made visible: p1\u200b


def test_an_exact_duplicate_is_reported_once() -> None:
    reasons = [p.reason for p in problems(frames(id=["p1", "p2", "p1"]))]
    assert reasons == [Reason.DUPLICATE_ID]


def test_a_name_of_invisible_characters_is_blank() -> None:
    (p,) = problems(frames(name=["Ann", "\u200b\u200d", "Eve"]))
    assert (p.column, p.row, p.reason) == ("name", 1, Reason.BLANK)
    assert "only invisible characters" in p.hint and p.value == "\\u200b\\u200d"


def test_a_reference_that_differs_by_invisible_characters_names_the_real_id() -> None:
    tables = frames()
    tables["ties"] = pd.DataFrame({"source": ["p2\u200b"], "target": ["ｐ１"], "kind": ["friend"]})
    found = {p.column: p for p in problems(tables)}
    assert {p.reason for p in found.values()} == {Reason.UNKNOWN_REFERENCE}
    assert "'p2' is there" in found["source"].hint and "write 'p2'" in found["source"].hint
    assert "'p1' is there" in found["target"].hint


def test_what_the_user_wrote_is_kept() -> None:
    tables = frames(id=["方华", "p2", "u1"], name=["Fang\u200bHua", "ｂｏ", "Eve"])
    tables["ties"] = pd.DataFrame({"source": ["p2"], "target": ["方华"], "kind": ["reports_to"]})
    net = rg.RelationshipNetwork.from_frames(**tables)
    assert net.people["id"].tolist() == ["方华", "p2", "u1"]
    assert net.people["name"].tolist() == ["Fang\u200bHua", "ｂｏ", "Eve"]


def test_canonical_form() -> None:
    assert canonical("Ｐ１\u200b") == "P1"
    assert canonical("方华") == "方华"


def test_non_ascii_matches_per_value_check_on_chunked_and_sliced_text() -> None:
    pa = pytest.importorskip("pyarrow")
    from relgraph.io.lookalike import non_ascii

    values = ["p1", "方华", "", "p2\u200b", "x", "é", "plain"]
    chunked = pa.chunked_array([values[:3], values[3:]], type=pa.large_string())
    ascii_only = pa.chunked_array([["a", ""], ["b"]], type=pa.large_string())
    for arr in (chunked, chunked.slice(1, 4), chunked.slice(4, 1), ascii_only):
        s = pd.Series(arr.to_pylist()).astype(str)
        backed = pd.Series(pd.arrays.ArrowStringArray(arr.cast(pa.large_string())))
        expected = [not v.isascii() for v in arr.to_pylist()]
        assert non_ascii(s).tolist() == expected
        assert non_ascii(backed).tolist() == expected
