"""Portfolio analyses on Spark equal the single-machine analyses, account by account."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

import relgraph as rg
from conftest import portfolio

AS_OF = "2026-11-20"


def same(got: pd.DataFrame, ref: pd.DataFrame) -> None:
    got = got.drop(columns=["account", "opportunity"])
    if "rank" in got.columns:  # Spark does not keep row order across a shuffle
        got = got.sort_values("rank", kind="stable")
    got = got.reset_index(drop=True)
    ref = ref.reset_index(drop=True)
    assert list(got.columns) == list(ref.columns)
    for c in got.columns:
        if pd.api.types.is_datetime64_any_dtype(got[c]) or pd.api.types.is_datetime64_any_dtype(
            ref[c]
        ):
            got[c] = pd.to_datetime(got[c]).astype("datetime64[ns]")
            ref[c] = pd.to_datetime(ref[c]).astype("datetime64[ns]")
    num = [c for c in ref.columns if pd.api.types.is_float_dtype(ref[c])]
    for c in num:  # gains, leverage, strengths to 1e-9
        np.testing.assert_allclose(got[c].astype(float), ref[c].astype(float), rtol=0, atol=1e-9)
    rest = [c for c in ref.columns if c not in num]
    for c in rest:  # paths: tuples on one machine, arrays from Spark
        if ref[c].map(lambda v: isinstance(v, (tuple, list, np.ndarray))).any():
            got[c] = got[c].map(lambda v: tuple(str(x) for x in v) if v is not None else ())
            ref[c] = ref[c].map(lambda v: tuple(str(x) for x in v) if v is not None else ())
    pd.testing.assert_frame_equal(got[rest], ref[rest], check_dtype=False)


def test_sample_account_equals_single_machine(spark: Any) -> None:
    from relgraph.spark import coverage, leverage, read_tables, recommend_targets

    # measured as of the sample's date, as rg.datasets.sample() is
    day = dt.date.fromisoformat(rg.datasets.SAMPLE_DATE)
    tables = read_tables(spark, rg.datasets.sample_path()).with_settings(as_of=day)
    net = rg.datasets.sample()
    lev = leverage(tables).toPandas()
    assert "E03" not in set(lev["person"])  # known only through sensitive ties: left out
    lev_all = leverage(tables, include_sensitive=True).toPandas()
    tg = recommend_targets(tables, as_of=AS_OF).toPandas()
    gaps = coverage(tables, as_of=AS_OF).gaps.toPandas()
    assert set(lev["opportunity"]) == {"OPP-1", "OPP-2"}
    for opp in ("OPP-1", "OPP-2"):
        same(lev[lev["opportunity"] == opp], rg.leverage(net, opp))
        same(lev_all[lev_all["opportunity"] == opp], rg.leverage(net, opp, include_sensitive=True))
        same(tg[tg["opportunity"] == opp], rg.recommend_targets(net, opp, as_of=AS_OF))
        same(gaps[gaps["opportunity"] == opp], rg.coverage(net, opp, as_of=AS_OF).gaps)


def test_generated_portfolio_equals_each_accounts_own_network(spark: Any) -> None:
    from relgraph.spark import coverage, read_tables, recommend_targets

    frames, per = portfolio()
    tables = read_tables(spark, {k: spark.createDataFrame(v) for k, v in frames.items()})
    tg = recommend_targets(tables, as_of=AS_OF).toPandas()
    cov = coverage(tables, as_of=AS_OF)
    people = cov.people.toPandas()
    summary = cov.summary.toPandas()
    assert set(tg["account"]) == set(per)
    for own in per.values():
        net = rg.RelationshipNetwork.from_frames(**own)
        for opp in own["opportunities"]["id"]:
            pick = tg["opportunity"] == opp
            same(tg[pick], rg.recommend_targets(net, opp, as_of=AS_OF))
            rep = rg.coverage(net, opp, as_of=AS_OF)
            same(people[people["opportunity"] == opp], rep.people)
            same(summary[summary["opportunity"] == opp], rep.summary)


def test_tiering_equals_single_machine(spark: Any) -> None:
    from relgraph.spark import tier_customers

    accounts = pd.DataFrame(
        {
            "account": ["XM", "YT", "ZB", "QQ"],
            "name": ["X", "Y", "Z", "Q"],
            "current_value": [480.0, 120, 20, 0],
            "future_potential": [300.0, 600, 30, 10],
            "strategic_fit": [5.0, 3, 1, 0],
        }
    )
    got = tier_customers(spark.createDataFrame(accounts)).toPandas()
    pd.testing.assert_frame_equal(got, rg.tier_customers(accounts), check_dtype=False)
