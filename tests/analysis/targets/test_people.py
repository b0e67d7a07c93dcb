"""Who of ours works on each target (relgraph.analysis.targets.people; DOMAIN.md §5.3, §8).

The expectations are worked out by hand from the rules in docs/methodology.md ("Owners and
sponsor") on the port authority account (tests/data/accounts/port_authority/README.md
tells its story) before the code runs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

import relgraph as rg
from relgraph.analysis.sponsors import is_senior

PORT = Path(__file__).parent.parent.parent / "data" / "accounts" / "port_authority"
DAY = dt.date(2026, 11, 2)


def port(**frames_changes: pd.DataFrame) -> rg.RelationshipNetwork:
    net = rg.load(PORT, settings=rg.Settings(as_of=DAY))
    if not frames_changes:
        return net
    frames = net.to_frames()
    for name, extra in frames_changes.items():
        frames[name] = pd.concat([frames[name], extra], ignore_index=True)
    return rg.RelationshipNetwork.from_frames(**frames, settings=net.settings)


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    return rg.recommend_targets(port(), k=20).set_index("person")


def test_sponsor_is_senior_to_both_owners_and_reports_to_neither(targets):
    """By hand, the deputy P2: owners W2 (0.8) and W6 (0.5), so A = W2 and B = W6. Our
    executives are W1 (level 2), W2 and W6 (level 3). W6 reports to W2, so he is senior to
    neither; only W1 is above W2 and W6 in the reporting line: sponsor W1."""
    assert tuple(targets.loc["P2", ["owner_a", "owner_b", "sponsor"]]) == ("W2", "W6", "W1")
    net = port()
    for pid, t in targets.iterrows():
        if not t["sponsor"]:
            continue
        for owner in (t["owner_a"], t["owner_b"]):
            if owner:
                assert is_senior(net, t["sponsor"], owner), (pid, t["sponsor"], owner)
                assert owner not in net.chain_of_command(t["sponsor"]), pid


def test_our_ceo_owns_only_the_customers_top_people(targets):
    """By hand: our CEO W1 (level 2, our most senior level) covers the director general P1
    (level 1) and the engineers P3–P5 (level 4). He owns P1 — nobody of ours is above him,
    so P1 has no sponsor — and no engineer: P3 goes to its other owner W3; P4 and P5 have
    no other owner and their route starts at W1, so the best match takes them: W3 (level
    4, parity 1, the lightest load among the level-4 people)."""
    assert targets.at["P1", "owner_a"] == "W1" and targets.at["P1", "sponsor"] == ""
    assert "nobody of ours is senior" in targets.at["P1", "why"]
    for pid in ("P3", "P4", "P5"):
        assert targets.at[pid, "owner_a"] == "W3", pid
        assert "W1" not in (targets.at[pid, "owner_a"], targets.at[pid, "owner_b"]), pid


def test_our_ceo_is_owner_a_of_at_most_half_the_capacity():
    """By hand: give W1 the strongest tie (0.95) to the deputy P2 and to a new board member
    P12 (level 1, approver) too. He is then the strongest existing owner of three top
    people (P1, P2, P12), but a top executive is owner A of at most ⌈3 / 2⌉ = 2 targets."""
    extra_people = pd.DataFrame(
        {
            "id": ["P12"],
            "name": ["白云"],
            "org": ["PA"],
            "title": ["Board Member"],
            "level": [1],
            "attitude": [0],
        }
    )
    extra_ties = pd.DataFrame(
        {
            "source": ["W1", "W1", "P12"],
            "target": ["P2", "P12", "P1"],
            "kind": ["covers", "covers", "influences"],
            "strength": [0.95, 0.95, 0.5],
        }
    )
    extra_roles = pd.DataFrame({"opportunity": ["PA-1"], "person": ["P12"], "role": ["approver"]})
    net = port(people=extra_people, ties=extra_ties, roles=extra_roles)
    t = rg.recommend_targets(net, k=20).set_index("person")
    assert {"P1", "P2", "P12"} <= set(t.index)
    assert (t.loc[["P1", "P2", "P12"], "owner_a"] == "W1").sum() == 2
    assert (t["owner_a"] == "W1").sum() == 2


def test_the_strongest_existing_owner_is_owner_a(targets):
    """By hand: P6–P8 are covered by W4 (0.3, first by id) and W5 (0.8): A is W5, B W4."""
    for pid in ("P6", "P7", "P8"):
        assert tuple(targets.loc[pid, ["owner_a", "owner_b"]]) == ("W5", "W4"), pid


def test_nobody_is_owner_a_of_more_than_the_capacity(targets):
    """By hand: W5 is the strongest owner of P6–P9 (equal gains, picked in id order), but
    with the default ``max_owner_a`` = 3 he is full after P8: P9 goes to its other owner
    W4. With ``max_owner_a`` = 2 nobody owns more than 2 and our CEO at most 1."""
    assert targets.at["P9", "owner_a"] == "W4"
    assert targets["owner_a"].value_counts().max() == 3
    t2 = rg.recommend_targets(port(), k=20, max_owner_a=2)
    counts = t2["owner_a"].value_counts()
    assert counts.max() == 2 and counts.get("W1", 0) <= 1
    assert (t2.set_index("person").loc[["P6", "P7"], "owner_a"] == "W5").all()
    for bad in (0, -1, 1.5, True):
        with pytest.raises(rg.InvalidParameterError, match="max_owner_a"):
            rg.recommend_targets(port(), max_owner_a=bad)
    with pytest.raises(rg.InvalidParameterError, match="max_owner_a"):
        rg.plan(port(), max_owner_a=0)


def test_owner_a_with_a_tie_of_their_own_uses_it(targets):
    """By hand: the best route to P3 is the CEO's tie (0.9), but owner A W3 has his own
    (0.4): the route is W3's, so reach 0.4 and gain = leverage × 1 × 0.4 × 1. P4 has no
    tie to its owner A W3: the route stays the CEO's, who takes W3 along (the plan)."""
    lev = rg.leverage(port()).set_index("person")["leverage"]
    assert targets.at["P3", "path"] == ("W3", "P3")
    assert targets.at["P3", "reach"] == pytest.approx(0.4)
    assert targets.at["P3", "gain"] == pytest.approx(lev["P3"] * 0.4)
    assert targets.at["P4", "path"] == ("W1", "P4")
    # the ranking stays in order of gain
    ranked = targets[targets["reach"] > 0]
    assert ranked["gain"].is_monotonic_decreasing


def test_a_role_holder_no_route_reaches_needs_a_new_way_in():
    """By hand: the budget analyst P10 (influencer, power 0.9) is tied only to her boss P11,
    who backs Rival at 2 (the other side, never a middle step): reach 0. She sways P11, so
    her objective is work_through (move 2, feasibility 0.7), and her leverage exceeds an
    engineer's (power 0.9 against the default), so with a route she would beat the fifth
    pick (an engineer, reach ≤ 0.9): she follows the five picks, marked."""
    t = rg.recommend_targets(port(), k=5)
    assert len(t) == 6
    last = t.iloc[-1]
    assert last["person"] == "P10" and last["path"] == () and last["reach"] == 0
    assert last["gain"] == 0 and last["why"].startswith("needs a new way in")
    assert last["owner_a"]  # someone is to create access
    assert "ranked above" not in t.iloc[-2]["why"] or "P10" not in t.iloc[-2]["why"]
    # the sample account's budget manager C040 (evaluation committee) likewise
    s = rg.recommend_targets(rg.datasets.sample(), "OPP-1", k=10)
    assert s["person"].iloc[-1] == "C040" and len(s) == 11
    assert s["why"].iloc[-1].startswith("needs a new way in")
