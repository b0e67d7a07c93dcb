"""CSV folder ↔ Excel workbook ↔ Parquet ↔ DataFrames all give the same network."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import relgraph as rg
from relgraph.io.write import table_as_text

TABLES = ("orgs", "people", "ties", "opportunities", "roles", "affiliations", "interactions")


def assert_same_network(a: rg.RelationshipNetwork, b: rg.RelationshipNetwork) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def via_csv(net: rg.RelationshipNetwork, tmp: Path) -> rg.RelationshipNetwork:
    return rg.load(net.to_csv(tmp / "csv"))


def via_excel(net: rg.RelationshipNetwork, tmp: Path) -> rg.RelationshipNetwork:
    return rg.load(net.to_excel(tmp / "book.xlsx"))


def via_frames(net: rg.RelationshipNetwork, tmp: Path) -> rg.RelationshipNetwork:
    return rg.RelationshipNetwork.from_frames(**net.to_frames())


def via_text_frames(net: rg.RelationshipNetwork, tmp: Path) -> rg.RelationshipNetwork:
    frames = {name: table_as_text(t) for name, t in net.to_frames().items()}
    return rg.RelationshipNetwork.from_frames(**frames)


def via_parquet(net: rg.RelationshipNetwork, tmp: Path) -> rg.RelationshipNetwork:
    pytest.importorskip("pyarrow")
    folder = tmp / "pq"
    folder.mkdir()
    for name, frame in net.to_frames().items():
        table_as_text(frame).to_parquet(folder / f"{name}.parquet", index=False)
    return rg.load(folder)


ROUTES: dict[str, Callable[[rg.RelationshipNetwork, Path], rg.RelationshipNetwork]] = {
    "csv": via_csv,
    "excel": via_excel,
    "frames": via_frames,
    "text frames": via_text_frames,
    "parquet": via_parquet,
}


@pytest.fixture(scope="module")
def sample() -> rg.RelationshipNetwork:
    return rg.datasets.sample()


@pytest.mark.parametrize("route", ROUTES)
def test_sample_round_trips(sample: rg.RelationshipNetwork, route: str, tmp_path: Path) -> None:
    again = ROUTES[route](sample, tmp_path)
    assert_same_network(sample, again)
    assert again.summary().equals(sample.summary())


@pytest.mark.parametrize("route", ROUTES)
def test_tiny_round_trips(route: str, tmp_path: Path) -> None:
    net = rg.datasets.tiny()
    assert_same_network(net, ROUTES[route](net, tmp_path))


def test_csv_then_excel_then_frames_chain(sample: rg.RelationshipNetwork, tmp_path: Path) -> None:
    a = via_csv(sample, tmp_path)
    b = via_excel(a, tmp_path)
    c = via_frames(b, tmp_path)
    assert_same_network(sample, c)


def test_the_bundled_csvs_equal_the_loaded_sample(sample: rg.RelationshipNetwork) -> None:
    folder = rg.datasets.sample_path()
    for name in TABLES:
        raw = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        assert len(raw) == len(getattr(sample, name)), name  # no row is dropped
        assert set(raw.columns) <= set(getattr(sample, name).columns), name


def test_typed_columns(sample: rg.RelationshipNetwork) -> None:
    people = sample.people
    assert str(people["level"].dtype) == "Int64"
    assert str(people["attitude"].dtype) == "Int64"
    assert str(people["do_not_contact"].dtype) == "boolean"
    assert str(people["updated"].dtype) == "datetime64[ns]"
    assert str(sample.ties["strength"].dtype) == "float64"
    assert sample.ties["kind"].map(type).eq(str).all()
