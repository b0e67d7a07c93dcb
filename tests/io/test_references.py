"""Cross-table checks at a size where the fast paths run: repeated keys and unknown ids."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import relgraph as rg
from relgraph.errors import Reason, ValidationError
from relgraph.io.collect import _blank, empty_text
from relgraph.io.references import repeats

N_PEOPLE, N_TIES = 3_000, 70_000  # past the size where repeats splits the keys by hash


def test_repeats_is_duplicated_keep_first() -> None:
    rng = np.random.default_rng(3)
    key = rng.integers(-(2**62), 2**62, 300_000)
    key[rng.integers(0, len(key), 2_000)] = key[rng.integers(0, len(key), 2_000)]
    key[::50] = 12345  # one key many times
    expected = pd.Series(key).duplicated(keep="first").to_numpy()
    got = repeats(key)
    assert expected.sum() > 6_000 and (got == expected).all()


def test_blank_read_from_offsets_is_a_comparison_with_empty() -> None:
    s = pd.Series(["p1", "", "方", " ", ""] * 3).astype(str)
    sliced = s.iloc[3:11].reset_index(drop=True)  # an offset into pyarrow's buffers
    for col in (s, sliced):
        assert _blank(col).tolist() == col.eq("").tolist()
    assert empty_text(pd.Series(["a", None], dtype=object)) is None  # not pyarrow text


def firm(folder: Path, ties: pd.DataFrame) -> Path:
    folder.mkdir()
    ids = [f"P{i:06d}" for i in range(N_PEOPLE)]
    pd.DataFrame({"id": ["C", "U"], "name": ["Cust", "Us"], "kind": ["customer", "us"]}).to_csv(
        folder / "orgs.csv", index=False
    )
    people = pd.DataFrame({"id": ids, "name": ids, "org": ["C"] * N_PEOPLE})
    people.to_csv(folder / "people.csv", index=False)
    ties.to_csv(folder / "ties.csv", index=False)
    return folder


def many_ties() -> pd.DataFrame:
    """Distinct (source, target) pairs of customer people, all ``influences``."""
    rng = np.random.default_rng(5)
    pairs = rng.choice(N_PEOPLE * N_PEOPLE, N_TIES, replace=False)
    s, t = pairs // N_PEOPLE, pairs % N_PEOPLE
    t = np.where(s == t, (t + 1) % N_PEOPLE, t)
    pairs = np.unique(s * N_PEOPLE + t)[:N_TIES]
    rng.shuffle(pairs)
    return pd.DataFrame(
        {
            "source": [f"P{i:06d}" for i in pairs // N_PEOPLE],
            "target": [f"P{i:06d}" for i in pairs % N_PEOPLE],
            "kind": "influences",
            "strength": np.round(rng.random(len(pairs)), 2).astype(str),
        }
    )


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_big_file_problems_name_their_rows(tmp_path: Path, fmt: str) -> None:
    ties = many_ties()
    assert len(ties) > 65_536
    ties.loc[40_000] = ties.loc[123]  # a repeated tie, far from the first
    ties.loc[50_000, "target"] = "P0x0001"  # a stray letter inside a known id's shape
    ties.loc[50_001, "source"] = "P999999"  # the right shape, never issued
    ties.loc[50_002, "source"] = ""  # a blank required cell
    ties.loc[50_003, "strength"] = "1.5"  # out of range, among few distinct values
    folder = firm(tmp_path / "firm", ties)
    if fmt == "parquet":
        pytest.importorskip("pyarrow.parquet")
        for path in folder.glob("*.csv"):
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            frame.to_parquet(path.with_suffix(".parquet"), index=False)
            path.unlink()
    with pytest.raises(ValidationError) as info:
        rg.load(folder, today=dt.date(2026, 1, 1))
    found = {(p.reason, p.row, p.column, p.value) for p in info.value.problems}
    assert found == {
        (
            Reason.DUPLICATE_ROW,
            40_002,
            None,
            f"{ties.source[123]} / {ties.target[123]} / influences",
        ),
        (Reason.UNKNOWN_REFERENCE, 50_002, "target", "P0x0001"),
        (Reason.UNKNOWN_REFERENCE, 50_003, "source", "P999999"),
        (Reason.BLANK, 50_004, "source", ""),
        (Reason.OUT_OF_RANGE, 50_005, "strength", "1.5"),
    }, info.value.problems
    assert all(p.source.endswith(f"ties.{fmt}") for p in info.value.problems)
