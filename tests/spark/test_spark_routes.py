"""Firm-wide routes on Spark give the single machine's routes and strengths."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest

import relgraph as rg
from conftest import portfolio


def compare(got: pd.DataFrame, ref: pd.DataFrame) -> None:
    got = got.set_index("target").loc[ref["target"]].reset_index()
    for c in ("best_strength", "alt_strength"):
        np.testing.assert_allclose(got[c], ref[c], rtol=0, atol=1e-9)
    for c in ("best_path", "alt_path"):
        assert [tuple(p) for p in got[c]] == [tuple(p) for p in ref[c]], c
    for c in (
        "name",
        "best_hops",
        "best_source",
        "best_route",
        "alt_source",
        "alt_route",
        "excluded",
        "why",
    ):
        assert got[c].tolist() == ref[c].tolist(), c


def test_sample_routes_equal_single_machine(spark: Any) -> None:
    from relgraph.spark import read_tables, routes_to_many

    net = rg.datasets.sample()
    targets = [str(p) for p in net.person_ids]
    day = dt.date.fromisoformat(rg.datasets.SAMPLE_DATE)  # as rg.datasets.sample() is
    got = routes_to_many(
        read_tables(spark, rg.datasets.sample_path()).with_settings(as_of=day), targets
    )
    assert list(got.columns) == list(rg.analysis.routes.BULK_COLUMNS)
    compare(got.toPandas(), rg.routes_to_many(net, targets, affiliations=False))
    # default targets: everyone outside our team but E03, known only through sensitive ties
    tables = read_tables(spark, rg.datasets.sample_path()).with_settings(as_of=day)
    default = set(routes_to_many(tables).select("target").toPandas()["target"])
    single = set(rg.routes_to_many(net, progress=False, affiliations=False)["target"])
    assert "E03" not in default and default == single
    everyone = routes_to_many(tables, include_sensitive=True).select("target").toPandas()
    assert "E03" in set(everyone["target"])


def test_portfolio_routes_equal_single_machine(spark: Any) -> None:
    from relgraph.spark import read_tables, routes_to_many

    frames, _ = portfolio(n_accounts=2, seed=3)
    net = rg.RelationshipNetwork.from_frames(**frames)
    tables = read_tables(spark, {k: spark.createDataFrame(v) for k, v in frames.items()})
    got = routes_to_many(tables).toPandas()
    ref = rg.routes_to_many(net, affiliations=False)
    assert (ref["best_strength"] > 0).sum() > 20
    compare(got, ref)


def test_opponents_are_not_intermediaries_unless_opted_in(spark: Any) -> None:
    """Worked by hand: U→O→T is 0.9 × 0.9 = 0.81 but O opposes us; U→N→T is 0.5 × 0.5."""
    from relgraph.spark import read_tables, routes_to_many

    frames = {
        "orgs": pd.DataFrame(
            {
                "id": ["US", "C", "R"],
                "name": ["Us", "Cust", "Rival"],
                "kind": ["us", "customer", "competitor"],
            }
        ),
        "people": pd.DataFrame(
            {
                "id": ["U", "O", "N", "S", "T"],
                "name": list("UONST"),
                "org": ["US", "C", "C", "C", "C"],
                "attitude": ["", "-2", "", "0", "-3"],
                "supports": ["", "", "", "R", "R"],
            }
        ),
        "ties": pd.DataFrame(
            {
                "source": ["U", "O", "U", "N", "U", "S"],
                "target": ["O", "T", "N", "T", "S", "T"],
                "kind": ["covers", "friend", "covers", "friend", "covers", "friend"],
                "strength": ["0.9", "0.9", "0.5", "0.5", "0.8", "0.8"],
            }
        ),
    }
    tables = read_tables(spark, {k: spark.createDataFrame(v) for k, v in frames.items()})
    off = routes_to_many(tables, ["T", "O"]).toPandas().set_index("target")
    assert tuple(off.loc["T", "best_path"]) == ("U", "N", "T")  # O and S (backs R) skipped
    assert off.loc["T", "best_strength"] == pytest.approx(0.25)
    assert off.loc["T", "alt_strength"] == 0.0  # the only source is U, on the best route
    assert off.loc["T", "excluded"] == 1  # the 0.81 route through O was left out
    assert tuple(off.loc["O", "best_path"]) == ("U", "O")  # an opponent may be the target
    on = routes_to_many(tables, ["T"], include_opponents=True).toPandas().set_index("target")
    assert tuple(on.loc["T", "best_path"]) == ("U", "O", "T")
    assert on.loc["T", "best_strength"] == pytest.approx(0.81)


def test_swayed_people_are_not_asked_and_the_rule_is_named(spark: Any) -> None:
    """Worked by hand: X (no role) influences Y. U→Y→X is 0.9 × 0.9 = 0.81 but asks Y to
    introduce us to his own influencer; U→Z→X is 0.5 × 0.5 = 0.25 and has no alternative."""
    from relgraph.spark import read_tables, routes_to_many

    frames = {
        "orgs": pd.DataFrame(
            {"id": ["US", "C"], "name": ["Us", "Cust"], "kind": ["us", "customer"]}
        ),
        "people": pd.DataFrame(
            {"id": ["U", "X", "Y", "Z"], "name": list("UXYZ"), "org": ["US", "C", "C", "C"]}
        ),
        "ties": pd.DataFrame(
            {
                "source": ["X", "U", "Y", "U", "Z"],
                "target": ["Y", "Y", "X", "Z", "X"],
                "kind": ["influences", "covers", "friend", "covers", "friend"],
                "strength": ["0.8", "0.9", "0.9", "0.5", "0.5"],
            }
        ),
    }
    tables = read_tables(spark, {k: spark.createDataFrame(v) for k, v in frames.items()})
    got = routes_to_many(tables, ["X"]).toPandas()
    ref = rg.routes_to_many(rg.RelationshipNetwork.from_frames(**frames), ["X"])
    assert list(got.loc[0, "best_path"]) == ["U", "Z", "X"]
    assert got.loc[0, "best_strength"] == pytest.approx(0.25)
    assert "ask someone the target sways" in got.loc[0, "why"]
    compare(got, ref)
