"""Coverage and targets share their per-network work without changing any answer."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import relgraph as rg
from relgraph.analysis.coverage import coverage
from relgraph.analysis.influence import model as inf
from relgraph.analysis.sponsors import _history
from relgraph.analysis.targets import recommend_targets

AS_OF = dt.date(2026, 11, 15)


@pytest.mark.parametrize("sensitive", [False, True])
def test_coverage_routes_are_the_bulk_routes_everywhere(sensitive: bool) -> None:
    """One route engine: coverage's route for a person is routes_to_many's best route."""
    net = rg.datasets.sample()
    rep = coverage(net, "OPP-1", as_of=AS_OF, include_sensitive=sensitive)
    # with the openings coverage uses too: Zhong Guodong (E02) is met at the research
    # institute, not asked for through the CTO he sways
    bulk = rg.routes_to_many(net, rep.people["person"], include_sensitive=sensitive).set_index(
        "target"
    )
    people = rep.people.set_index("person")
    assert (people["route_strength"] > 0).sum() > 20  # many people have a route
    np.testing.assert_allclose(people["route_strength"], bulk["best_strength"], rtol=1e-12)
    assert people["route"].tolist() == bulk["best_route"].tolist()


@pytest.mark.parametrize("sensitive", [False, True])
def test_pair_index_picks_the_same_tie_as_history(sensitive: bool) -> None:
    net = rg.datasets.sample()
    rng = np.random.default_rng(0)
    e = net.edges
    # every tied pair in both directions, plus random (mostly untied) pairs
    src = np.concatenate([e["u"], e["v"], rng.integers(0, net.n_people, 300)])
    dst = np.concatenate([e["v"], e["u"], rng.integers(0, net.n_people, 300)])
    usable = np.ones(len(e), bool) if sensitive else ~e["sensitive"].to_numpy(bool)
    rows = net.pair_index().strongest(src, dst, e["strength"].to_numpy(float), usable)
    kinds = e["kind"].astype(str).to_numpy()
    got = ["" if r < 0 else str(kinds[r]) for r in rows.tolist()]
    want = [
        _history(net, int(a), sensitive).get(int(b), (0.0, ""))[1]
        for a, b in zip(src.tolist(), dst.tolist(), strict=True)
    ]
    assert got == want
    assert "" in got and len(set(got)) > 3


def test_coverage_and_targets_solve_once_and_agree_with_fresh_networks() -> None:
    fresh_cov = coverage(rg.datasets.sample(), "OPP-1", as_of=AS_OF)
    fresh_tgt = recommend_targets(rg.datasets.sample(), "OPP-1", k=8)
    net = rg.datasets.sample()
    calls: list[bool] = []
    real = inf._solve

    def counting(*args: object, **kwargs: object) -> np.ndarray:
        calls.append(bool(kwargs.get("transpose", False)))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    inf._solve = counting  # type: ignore[assignment]
    try:
        rep = coverage(net, "OPP-1", as_of=AS_OF)
        tgt = recommend_targets(net, "OPP-1", k=8)
        rg.hidden_influencers(net, "OPP-1")
        rg.support_index(net, "OPP-1")
        again = coverage(net, "OPP-1", as_of=AS_OF)
        tgt_again = recommend_targets(net, "OPP-1", k=8)
    finally:
        inf._solve = real  # type: ignore[assignment]
    # one transposed solve (leverage) serves all of them; none of them needs x*, so the
    # forward solve never runs (the leverage table, which shows x*, is not built)
    assert calls == [True]
    inf._solve = counting  # type: ignore[assignment]
    try:
        rg.leverage(net, "OPP-1")  # the table shows x*: now the forward solve, once
        rg.leverage(net, "OPP-1")
    finally:
        inf._solve = real  # type: ignore[assignment]
    assert calls == [True, False]
    for a, b in ((fresh_cov, rep), (rep, again)):
        for name in ("people", "gaps", "summary", "matrix"):
            pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    for t in (tgt, tgt_again):
        pd.testing.assert_frame_equal(fresh_tgt, t)
        assert fresh_tgt.attrs == t.attrs


def test_shared_parity_results_are_copies() -> None:
    net = rg.datasets.sample()
    rep = coverage(net, "OPP-1", as_of=AS_OF)
    parity = rep.gaps[rep.gaps["rule"].eq("level_parity")]
    assert len(parity)
    rep.gaps.loc[parity.index[0], "why"] = "changed"
    tgt = recommend_targets(net, "OPP-1", k=8)
    rep2 = coverage(net, "OPP-1", as_of=dt.date(2027, 1, 1))  # another date: same parity
    assert rep2.as_of == dt.date(2027, 1, 1)
    assert rep2.gaps.loc[rep2.gaps["rule"].eq("level_parity"), "why"].iloc[0] != "changed"
    pd.testing.assert_frame_equal(tgt, recommend_targets(rg.datasets.sample(), "OPP-1", k=8))
    # the stale rule still follows the date of each call
    stale1 = set(rep.gaps.loc[rep.gaps["rule"].eq("stale_attitude"), "person"])
    stale2 = set(rep2.gaps.loc[rep2.gaps["rule"].eq("stale_attitude"), "person"])
    assert stale1 < stale2


def test_coverage_routes_its_key_people_once_per_network(monkeypatch: pytest.MonkeyPatch) -> None:
    from relgraph.analysis.coverage import check

    calls: list[int] = []
    real = check.best_routes_to

    def counted(net, rules, targets, **kw):  # type: ignore[no-untyped-def]
        calls.append(len(targets))
        return real(net, rules, targets, **kw)

    monkeypatch.setattr(check, "best_routes_to", counted)
    everyone = coverage(rg.datasets.sample(), "OPP-1", as_of=AS_OF)  # small: routes everyone
    assert calls == []
    monkeypatch.setattr(check, "ROUTE_EVERYONE_UP_TO", 10)  # as on a network of 20,001+
    net = rg.datasets.sample()
    first = coverage(net, "OPP-1", as_of=AS_OF)
    again = coverage(net, "OPP-1", as_of=AS_OF)
    assert calls == [len(first.people)]  # only the key people, once
    pd.testing.assert_frame_equal(first.people, again.people)
    pd.testing.assert_frame_equal(first.people, everyone.people)  # the same routes either way
    check.coverage_gaps(net.with_settings(language="zh"), "OPP-1", as_of=AS_OF)
    assert len(calls) == 1  # the gaps alone need no route search
