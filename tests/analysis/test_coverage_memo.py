"""Coverage and targets share their per-network work without changing any answer."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import relgraph as rg
from relgraph.analysis import influence as inf
from relgraph.analysis.coverage import _reach, coverage
from relgraph.analysis.sponsors import _history, _tie_kinds
from relgraph.analysis.targets import recommend_targets
from relgraph.text import say

AS_OF = dt.date(2026, 11, 15)


def old_text(net: rg.RelationshipNetwork, i: int, include_sensitive: bool) -> str:
    """The route text as written hop by hop from :func:`_history` (the previous way)."""
    r = _reach(net, include_sensitive)
    nodes, hops = r.path(i)
    if not nodes:
        return ""
    lab = net.labels.to_numpy()
    parts = [str(lab[nodes[0]])]
    for a_, node, h in zip(nodes[:-1], nodes[1:], hops, strict=True):
        kind = _history(net, a_, include_sensitive).get(node, (0.0, ""))[1].replace("_", " ")
        parts.append(say("cov_route_hop", kind=kind, strength=h, who=str(lab[node])))
    return "".join(parts)


@pytest.mark.parametrize("sensitive", [False, True])
def test_batched_route_texts_equal_the_hop_by_hop_texts(sensitive: bool) -> None:
    net = rg.datasets.sample()
    r = _reach(net, sensitive)
    everyone = list(range(net.n_people))
    texts = r.texts(everyone, net.labels.to_numpy())
    assert sum(bool(t) for t in texts) > 20  # many people have a route
    assert texts == [old_text(net, i, sensitive) for i in everyone]
    assert r.text(everyone[-1], net.labels.to_numpy()) == texts[-1]


@pytest.mark.parametrize("sensitive", [False, True])
def test_tie_kinds_pick_the_same_tie_as_history(sensitive: bool) -> None:
    net = rg.datasets.sample()
    rng = np.random.default_rng(0)
    e = net.edges
    # every tied pair in both directions, plus random (mostly untied) pairs
    src = np.concatenate([e["u"], e["v"], rng.integers(0, net.n_people, 300)])
    dst = np.concatenate([e["v"], e["u"], rng.integers(0, net.n_people, 300)])
    got = _tie_kinds(net, src, dst, sensitive)
    want = [
        _history(net, int(a), sensitive).get(int(b), (0.0, ""))[1]
        for a, b in zip(src.tolist(), dst.tolist(), strict=True)
    ]
    assert got == want
    assert "" in got and len(set(got)) > 3
    assert _tie_kinds(net, np.zeros(0), np.zeros(0), sensitive) == []


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
    assert sorted(calls) == [False, True]  # one forward (x*), one transposed (leverage)
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
