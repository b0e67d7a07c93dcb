"""Short ids packed as integers and matched through digit tables, checked against pyarrow."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from relgraph.io import idcodes
from relgraph.io.collect import index_positions, repeated_text
from relgraph.io.idcodes import short_positions, short_words


def hash_lookup(values: list[str], keys: list[str]) -> np.ndarray:
    found = pc.index_in(pa.array(values, pa.string()), value_set=pa.array(keys, pa.string()))
    return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)


def packed_lookup(values: list[str], keys: list[str]) -> np.ndarray:
    found = short_positions(pa.array(values, pa.string()), pa.array(keys, pa.string()))
    assert found is not None
    return found


RNG = np.random.default_rng(7)

CASES = {
    # a prefix and a counter (dense: one table read per digit), some never issued
    "counter": (
        [f"P{i:07d}" for i in RNG.integers(0, 30_000, 5_000)],
        [f"P{i:07d}" for i in RNG.permutation(20_000)],
    ),
    # scattered numbers: too sparse for a table, matched by hashing the integers
    "scattered": (
        [str(i) for i in RNG.integers(0, 10**7, 3_000)],
        [str(i) for i in RNG.choice(10**7, 2_000, replace=False)],
    ),
    # mixed lengths, non-ASCII, invisible characters, blanks, stray letters
    "mixed": (
        ["p1", "p10", "p1\u200b", "方华", "", "q1", "p01", "P1", "p9x", "p1 "],
        ["p1", "p10", "方华", "p2", "p9"],
    ),
    # one length, 8 bytes: the words are the bytes themselves
    "eight": (["abcdefgh", "abcdefgi", "zzzzzzzz", "abcdefgh"], ["zzzzzzzz", "abcdefgh"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_short_positions_match_a_hash_lookup(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    values, keys = CASES[case]
    hashed: list[int] = []
    real = idcodes._hashed
    monkeypatch.setattr(idcodes, "_hashed", lambda v, k: hashed.append(1) or real(v, k))
    expected = hash_lookup(values, keys)
    assert (packed_lookup(values, keys) == expected).all()
    assert (expected >= 0).any() and (expected < 0).any() or case == "eight"
    assert bool(hashed) == (case == "scattered")  # the others through the digit tables


def test_a_repeated_key_keeps_its_first_position() -> None:
    assert packed_lookup(["a", "b", "c"], ["b", "a", "b", "a"]).tolist() == [1, 0, -1]


def test_no_key_finds_nothing() -> None:
    found = short_positions(pa.array(["p1", "p22"]), pa.array([], pa.string()))
    assert found is not None and found.tolist() == [-1, -1]


def test_equal_texts_pack_equal_across_arrays_and_chunks() -> None:
    chunked = pa.chunked_array([pa.array(["p1", "p22"]), pa.array(["", "p333"])])
    words = short_words(chunked, pa.array(["p333", "p1", "", "p22"], pa.large_string()))
    assert words is not None
    a, b = (w.tolist() for w in words)
    assert a == [b[1], b[3], b[2], b[0]] and len(set(b)) == 4


@pytest.mark.parametrize(
    ("values", "why"),
    [
        (pa.array(["short", "a-much-longer-id"]), "more than 8 bytes"),
        (pa.array(["abcdefgh", "a"]), "8 bytes and other lengths: no room for the length"),
        (pa.array(["p1", None]), "a missing value"),
        (pa.array([1, 2]), "not text"),
    ],
)
def test_what_does_not_pack(values: pa.Array, why: str) -> None:
    assert short_words(values) is None, why


def test_index_positions_agree_whichever_way_they_match() -> None:
    known = pd.Index([f"person-{i:05d}" for i in range(500)] + ["p1"]).astype(str)
    values = pd.Series(["person-00042", "p1", "person-99999", "", "p2"]).astype(str)
    assert index_positions(values, known).tolist() == [42, 500, -1, -1, -1]
    short = pd.Index(["p1", "p2", "p10"]).astype(str)
    assert index_positions(values, short).tolist() == [-1, 0, -1, -1, 1]


@pytest.mark.parametrize(
    "values",
    [
        ["p1", "p2", "p1", "", "p10", "", "方"],  # packed
        ["person-1", "person-2", "person-1"],  # too long to pack: pandas
    ],
)
@pytest.mark.parametrize("dtype", [str, object])
def test_repeated_text_is_duplicated_keep_first(values: list[str], dtype: type) -> None:
    s = pd.Series(values).astype(dtype)
    assert repeated_text(s).tolist() == s.duplicated(keep="first").tolist()


@pytest.mark.parametrize(
    ("values", "keys"),
    [
        # every key shares its first two bytes: compared, not looked up
        (["P0000001", "Q0000001", "P1000001", "P0000002", "p0000001"], ["P0000001", "P0000002"]),
        (["ab", "ac", "ab", "b"], ["ab"]),  # one key: every digit shared
        (["ab", ""], ["ab", "ab"]),  # a repeated key keeps its first position
        (["ab"], []),  # no keys at all
    ],
)
def test_short_positions_with_shared_digits_match_a_hash_lookup(
    values: list[str], keys: list[str]
) -> None:
    assert packed_lookup(values, keys).tolist() == hash_lookup(values, keys).tolist()


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("block", [3, 1 << 16])
def test_short_positions_match_a_hash_lookup_block_by_block(
    case: str, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # values in uneven chunks (as a parser's blocks), looked up `block` rows at a time
    monkeypatch.setattr(idcodes, "_BLOCK", block)
    values, keys = CASES[case]
    cut = [0, 1, len(values) // 2, len(values)]
    chunked = pa.chunked_array(
        [pa.array(values[a:b], pa.large_string()) for a, b in zip(cut, cut[1:], strict=False)]
    )
    found = idcodes.short_positions(chunked, pa.array(keys, pa.large_string()))
    assert found is not None
    assert found.tolist() == hash_lookup(values, keys).tolist()


def test_short_positions_refuse_what_does_not_pack() -> None:
    keys = pa.array(["p1"])
    assert idcodes.short_positions(pa.array(["a-much-longer-id"]), keys) is None
    assert idcodes.short_positions(pa.array(["p1", None]), keys) is None
    assert idcodes.short_positions(pa.array(["p1"]), pa.array(["longer-than-8"])) is None
