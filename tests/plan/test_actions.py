"""The action plan of a target (relgraph.plan.actions; DOMAIN.md §7–§9).

Expectations worked out by hand on the port authority account
(tests/data/accounts/port_authority/README.md) and the family group.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import relgraph as rg
from relgraph.analysis.sponsors import is_senior
from relgraph.plan.actions import reviewer_of
from relgraph.text import say

ACCOUNTS = Path(__file__).parent.parent / "data" / "accounts"
DAY = dt.date(2026, 11, 2)


def load(name: str, drop: tuple[str, str] | None = None) -> rg.RelationshipNetwork:
    net = rg.load(ACCOUNTS / name, settings=rg.Settings(as_of=DAY))
    if drop is None:
        return net
    frames = net.to_frames()
    t = frames["ties"]
    frames["ties"] = t[~(t["source"].eq(drop[0]) & t["target"].eq(drop[1]))]
    return rg.RelationshipNetwork.from_frames(**frames, settings=net.settings)


@pytest.fixture(scope="module")
def port_plan() -> rg.Plan:
    return rg.plan(load("port_authority"), k=20)


def test_reviewer_is_senior_to_owner_a() -> None:
    """By hand: W3 reports to W2 (reviewer W2); W1, our CEO, has no manager and no senior
    sponsor: nobody is named, and the reason says so. Without W2's reporting line, W2's
    sponsor W6 (who reports to W2) is a subordinate, never the reviewer, while W1 (level 2
    above level 3) may review as sponsor. Nobody reviews himself."""
    net = load("port_authority")
    assert reviewer_of(net, "W3", "W1")[0] == "W2"
    who, why = reviewer_of(net, "W1", "")
    assert who == "" and "nobody of ours is known to be senior to owner A" in why
    assert reviewer_of(net, "W1", "W1")[0] == ""
    flat = load("port_authority", drop=("W2", "W1"))
    assert reviewer_of(flat, "W2", "W6")[0] == ""
    assert reviewer_of(flat, "W2", "W1") == (
        "W1",
        say("plan_why_review_sponsor"),
    )


def test_plan_reviews_name_someone_senior_or_say_nobody(port_plan) -> None:
    net = load("port_authority")
    reviews = port_plan.actions[port_plan.actions["kind"].eq("review")]
    targets = port_plan.targets.set_index("person")
    for _, r in reviews.iterrows():
        owner_a = targets.at[r["target"], "owner_a"].split(" ")[0]
        if r["who"] == "—":
            assert r["why"].startswith("nobody of ours is known to be senior"), r["target"]
        else:
            assert is_senior(net, r["who"].split(" ")[0], owner_a)
    # our CEO owns the director general: nobody above him reviews, the plan says so
    p1 = reviews[reviews["target"].eq("P1")]
    assert (p1["who"] == "—").all()


def test_the_colleague_who_opens_the_door_takes_owner_a_along(port_plan) -> None:
    """By hand: P4's only tie to us is our CEO W1's (0.9); owner A is W3. W1 takes W3 to
    meet P4 and W3 follows up — nobody else "follows up" and no colleague hands over."""
    a = port_plan.actions[port_plan.actions["target"].eq("P4")]
    route = a[a["kind"].eq("route")]
    assert len(route) == 1 and route.iloc[0]["who"].startswith("W1 ")
    text = route.iloc[0]["action"]
    assert "introduces owner A W3 " in text and "keeps the contact" in text
    meeting = a[a["kind"].eq("meeting")]
    assert len(meeting) == 1 and meeting.iloc[0]["who"].startswith("W3 ")
    follow = port_plan.actions[port_plan.actions["action"].str.contains("follows up")]
    targets = port_plan.targets.set_index("person")
    for _, r in follow.iterrows():
        assert r["who"] == targets.at[r["target"], "owner_a"], r["target"]


def test_a_route_that_starts_with_owner_a_has_no_hand_off(port_plan) -> None:
    """P3: owner A W3 has his own tie, so he meets P3 himself; the CEO does not appear."""
    a = port_plan.actions[port_plan.actions["target"].eq("P3")]
    route = a[a["kind"].eq("route")]
    assert route["who"].str.startswith("W3 ").all()
    assert not route["action"].str.contains("owner A").any()
    assert not a["kind"].eq("meeting").any()


def test_a_multi_hop_route_introduces_owner_a() -> None:
    """P11 (the security chief) is reached through the director general: W1 → P1 → P11.
    Owner A is not W1 (his cap of 2 top targets, and P11 is level 3), so W1 asks P1 to
    introduce owner A, and P1 introduces owner A — not W1 — to P11."""
    p = rg.plan(load("port_authority"), k=20)
    t = p.targets.set_index("person")
    owner = t.at["P11", "owner_a"]
    assert not owner.startswith("W1 ")
    steps = p.actions[p.actions["target"].eq("P11") & p.actions["kind"].eq("route")]
    assert steps["who"].str.split(" ").str[0].tolist() == ["W1", "P1"]
    assert f"introduce owner A {owner}" in steps.iloc[0]["action"]
    assert f"introduces {owner} to P11" in steps.iloc[1]["action"]


def test_meet_at_says_the_place_once() -> None:
    """The founder F1 reached only through the club: "meets … at the club Jiangnan
    Entrepreneurs Club (an opening, not yet a tie)" — the place and the caveat once each."""
    p = rg.plan(load("family_group", drop=("U3", "C6")), k=10)
    step = p.actions[p.actions["target"].eq("F1") & p.actions["kind"].eq("route")].iloc[0]
    text = step["action"]
    assert text.count("Jiangnan Entrepreneurs Club") == 1
    assert text.count("not yet a tie") == 1
    assert " at the club Jiangnan Entrepreneurs Club " in text


def test_cover_states_the_capacity_used(port_plan) -> None:
    cover = dict(port_plan.settings)
    assert (
        cover["capacity"]
        == "up to 20 targets; owner A of at most 3 each (2 for our top executives)"
    )
    assert "—" not in cover["capacity"]
    default = dict(rg.plan(load("port_authority")).settings)
    assert default["capacity"].startswith("up to 10 targets")
    hours = dict(rg.plan(load("port_authority"), capacity={"W3": 80, "W5": 40}).settings)
    assert "陈晨 (Chen Chen): 80 h" in hours["capacity"] and "no limit" in hours["capacity"]
    # the role holder no route reaches is counted apart
    assert "need a new way in" in cover["targets chosen"]
    assert port_plan.targets["person"].iloc[-1] == "P10"
    find = port_plan.actions[port_plan.actions["target"].eq("P10")]
    assert find[find["kind"].eq("route")]["action"].str.startswith("find someone").all()


def test_no_sponsor_is_said_not_left_blank(port_plan) -> None:
    t = port_plan.targets.set_index("person")
    assert t.at["P1", "sponsor"] == say("tgt_no_sponsor")
    assert not port_plan.actions[port_plan.actions["target"].eq("P1")]["kind"].eq("sponsor").any()


def test_a_target_nobody_has_room_for_gets_one_action_find_an_owner() -> None:
    """By hand: only 陈晨 (W3, 80 h) and 罗岚 (W5, 40 h) have hours. A target costs owner A
    40 h and owner B 20 h, so W3 is owner A of the two best targets with W5 as B on both,
    and then nobody has 40 h left. The plan still lists the next best people (up to 10
    targets in all) so the team sees whom it cannot staff: each has no owners and exactly
    one step, the account team's staffing action, before the half-year review; the cover
    counts them."""
    p = rg.plan(load("port_authority"), capacity={"W3": 80, "W5": 40})
    t = p.targets
    staffed = t[t["owner_a"].ne("")]
    assert len(t) == 10 and len(staffed) == 2
    assert staffed["owner_a"].str.startswith("W3 ").all()
    assert staffed["owner_b"].str.startswith("W5 ").all()
    assert list(t["owner_a"].ne("")) == [True, True] + [False] * 8  # staffed first
    free = t[t["owner_a"].eq("")]
    assert free["owner_b"].eq("").all()
    assert free["sponsor"].eq(say("plan_sponsor_no_owner")).all()
    for pid in free["person"]:
        acts = p.actions[p.actions["target"].eq(pid)]
        assert list(acts["kind"]) == ["staffing", "review"]
        assert acts.iloc[0]["who"] == "—"  # the team's meeting: none of ours had room
        assert acts.iloc[0]["action"].startswith("the account team finds an owner A for")
    assert dict(p.settings)["targets chosen"].startswith("10; 8 without owner A")
