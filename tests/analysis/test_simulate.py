"""Tests of the what-if simulation."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

import relgraph as rg


@pytest.fixture(scope="module")
def sample() -> rg.RelationshipNetwork:
    return rg.datasets.sample()


def _frames(net: rg.RelationshipNetwork) -> dict[str, pd.DataFrame]:
    return {k: v.copy() for k, v in net.to_frames().items()}


def test_no_change_means_before_equals_after(sample: rg.RelationshipNetwork) -> None:
    res = rg.simulate(sample, "OPP-1")
    np.testing.assert_allclose(res.index["before"], res.index["after"], atol=1e-12)
    np.testing.assert_allclose(res.people["delta"], 0.0, atol=1e-12)
    assert list(res.index.columns) == ["party", "name", "kind", "before", "after", "delta"]
    assert list(res.people.columns) == [
        "person", "name", "party", "roles", "before", "after", "delta", "change"
    ]  # fmt: skip
    idx = rg.support_index(sample, "OPP-1")
    np.testing.assert_allclose(res.index["before"], idx["index"])


def test_attitude_change_moves_index_by_leverage(sample: rg.RelationshipNetwork) -> None:
    before = _frames(sample)
    res = rg.simulate(sample, "OPP-1", changes={"C002": 2})
    lev = rg.leverage(sample, "OPP-1").set_index("person")["leverage"]
    us = res.index.set_index("party").loc["us"]
    assert us["delta"] == pytest.approx(2 * lev["C002"])  # C002 starts at 0
    comp = res.index.set_index("party").loc[["ORI", "BOR"], "delta"]
    np.testing.assert_allclose(comp, 0.0, atol=1e-12)  # our attitude change moves no backing
    row = res.people.set_index("person").loc["C002"]
    assert row["change"] == "attitude set to +2"
    assert res.people.set_index("person").loc["C005", "delta"] > 0  # she sways the CEO
    for name, frame in sample.to_frames().items():  # input untouched
        pd.testing.assert_frame_equal(frame, before[name])
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.index = res.people  # type: ignore[misc]


def test_the_ceo_leaving_takes_orion_down(sample: rg.RelationshipNetwork) -> None:
    res = rg.simulate(sample, "OPP-1", leaves=["C005"])
    idx = res.index.set_index("party")
    assert idx.loc["ORI", "after"] < idx.loc["ORI", "before"]
    assert idx.loc["us", "after"] > idx.loc["us", "before"]
    people = res.people.set_index("person")
    assert np.isnan(people.loc["C005", "after"]) and people.loc["C005", "change"] == (
        "leaves the company"
    )
    assert people.loc["C013", "delta"] > 0  # his office director no longer hears him (−1)


def test_new_tie_from_our_supporter_lifts_the_decider() -> None:
    net = rg.datasets.tiny()
    res = rg.simulate(net, new_ties=[("p3", "p1", "influences", 0.8)])
    people = res.people.set_index("person")
    assert people.loc["p1", "delta"] > 0  # Cy (+2) now also sways Ann
    assert res.index.loc[0, "delta"] > 0
    assert "new influences tie with Ann" in people.loc["p3", "change"]
    # a DataFrame works the same way, with the default strength when blank
    frame = pd.DataFrame({"source": ["p3"], "target": ["p1"], "kind": ["影响"]})
    res2 = rg.simulate(net, new_ties=frame)
    s = net.settings.tie_strength[rg.TieKind.INFLUENCES]
    res3 = rg.simulate(net, new_ties=[("p3", "p1", "influences", s)])
    np.testing.assert_allclose(res2.index["after"], res3.index["after"])


def test_hand_computed_new_tie() -> None:
    # d (0) hears only s (+3) once the tie forms: x*_d = 0.5·3 = 1.5 from 0.
    net = rg.RelationshipNetwork.from_frames(
        orgs=pd.DataFrame({"id": ["A"], "name": ["Acme"], "kind": ["customer"]}),
        people=pd.DataFrame(
            {"id": ["d", "s"], "name": ["D", "S"], "org": "A", "attitude": [0, 3]}
        ),  # fmt: skip
        opportunities=pd.DataFrame({"id": ["O"], "account": ["A"]}),
        roles=pd.DataFrame({"opportunity": ["O"], "person": ["d"], "role": ["decider"]}),
    )
    res = rg.simulate(net, new_ties=[("s", "d", "influences", 0.5)])
    assert res.index.loc[0, "before"] == 0.0
    assert res.index.loc[0, "after"] == pytest.approx(1.5)


def test_simulate_errors(sample: rg.RelationshipNetwork) -> None:
    with pytest.raises(ValueError, match="from -3 to 3"):
        rg.simulate(sample, "OPP-1", changes={"C002": 5})
    with pytest.raises(rg.UnknownPersonError):
        rg.simulate(sample, "OPP-1", changes={"nobody": 1})
    with pytest.raises(rg.UnknownPersonError):
        rg.simulate(sample, "OPP-1", leaves=["nobody"])
    with pytest.raises(ValueError, match="did you mean 'friend'"):
        rg.simulate(sample, "OPP-1", new_ties=[("C002", "C006", "freind")])
    with pytest.raises(ValueError, match="source, target, kind"):
        rg.simulate(sample, "OPP-1", new_ties=[("C002", "C006")])
    with pytest.raises(rg.UnknownOpportunityError):
        rg.simulate(sample, changes={"C002": 1})
