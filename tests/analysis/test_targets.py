"""Tests for relgraph.analysis.targets: objectives, gains, greedy selection, additivity."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import relgraph as rg
from relgraph.analysis.simulate import simulate
from relgraph.analysis.targets import TARGET_COLUMNS, recommend_targets

sys.path.insert(0, str(Path(__file__).parent))
from test_coverage import acme, base  # noqa: E402


def with_people(
    net: rg.RelationshipNetwork, **changes: dict[str, object]
) -> rg.RelationshipNetwork:
    frames = net.to_frames()
    ppl = frames["people"]
    for pid, cols in changes.items():
        for col, val in cols.items():
            ppl.loc[ppl["id"].eq(pid), col] = val
    return rg.RelationshipNetwork.from_frames(**frames)


def test_board_member_who_sways_the_ceo_is_a_top3_target() -> None:
    rec = recommend_targets(base(), k=5)
    assert list(rec.columns) == TARGET_COLUMNS
    top3 = list(rec["person"].head(3))
    assert {"b1", "b2"} & set(top3)
    counter = rec[rec["objective"].eq("counter")]
    assert set(counter["competitor"]) == {"R"}
    assert set(counter["person"]) <= {"b1", "b2"}
    row = counter.iloc[0]
    assert f"counter Rival at level {row['level']}" in row["why"]


def test_entrenched_opponent_ranks_below_the_people_who_sway_him() -> None:
    """DOMAIN §6: someone firmly in a competitor's camp is rarely turned head-on; the
    practice works on the people he listens to.

    By hand: the CEO backs Rival at strength 3 (entrenched), so moving him one point is
    worth feasibility 1 − 0.25·3 = 0.25 of a plain move; his boss b1, board member b2
    (influences 0.9) and report cto (0.2) each sway him, are neutral and back nobody:
    they are aimed at +2, an advocate he listens to (move 2, feasibility 0.7^(2−1) = 0.7).
    With leverages ceo > cto > b1 > b2 and every reach 0.7, gain_ceo = ℓ_ceo·1·0.7·0.25 falls below
    gain_j = ℓ_j·2·0.7·0.7 for each of them (ℓ_j > 0.179·ℓ_ceo).
    """
    net = base()
    rec = recommend_targets(net, k=5).set_index("person")
    lev = rg.leverage(net).set_index("person")["leverage"]
    ceo = rec.loc["ceo"]
    assert ceo["feasibility"] == pytest.approx(0.25)
    assert ceo["gain"] == pytest.approx(lev["ceo"] * 1 * 0.7 * 0.25)
    for j in ("b1", "b2", "cto"):
        assert rec.at[j, "rank"] < ceo["rank"]
        assert rec.at[j, "sways"] == "ceo" and rec.at[j, "goal"] == 2
        assert rec.at[j, "feasibility"] == pytest.approx(0.7)
        assert rec.at[j, "gain"] == pytest.approx(lev[j] * 2 * 0.7 * 0.7)
    # b1, b2 counter Rival (parity); the CTO decides himself: converted for his own vote,
    # aimed at +2 because the CEO listens to him
    assert rec.at["cto", "objective"] == "convert" and "decision maker" in rec.at["cto", "why"]
    # every term of the gain is in the why, and why each row ranks above the next
    assert "feasibility 0.25" in ceo["why"] and "backing 0.25 (backs Rival at 3)" in ceo["why"]
    assert "ranked above" in rec.at["cto", "why"]


def test_gain_terms_and_reach_for_uncovered() -> None:
    rec = recommend_targets(base(), k=10).set_index("person")
    b2 = rec.loc["b2"]  # uncovered, reached through u3's friend tie (0.7)
    assert b2["reach"] == pytest.approx(0.7)
    assert b2["gain"] == pytest.approx(
        b2["leverage"] * b2["move"] * b2["reach"] * b2["feasibility"]
    )
    assert b2["expected"] == pytest.approx(0 + 0.7 * 0.7 * 2)
    assert b2["owner_a"] == "u3"  # level 1 and a direct tie
    assert rec.loc["ceo", "reach"] == pytest.approx(0.7) and rec.loc["ceo", "owner_a"] == "u2"
    assert rec.loc["ceo", "owner_b"] != "u2" and rec.loc["ceo", "owner_b"] != ""


def test_do_not_contact_never_recommended_nor_used_as_route() -> None:
    # x is reachable only through the do-not-contact aide; x sways the CEO strongly.
    extra = [
        {
            "id": "aide",
            "name": "Aide",
            "org": "A",
            "level": 3,
            "attitude": 0,
            "do_not_contact": True,
        },
        {"id": "x", "name": "Xavier", "org": "A", "level": 1, "attitude": 0},
    ]
    ties = [
        ("u1", "aide", "friend", 0.9),
        ("aide", "x", "friend", 0.9),
        ("x", "ceo", "influences", 0.9),
        ("aide", "ceo", "influences", 0.9),
    ]
    frames = acme(extra_people=extra, extra_ties=ties).to_frames()
    t = frames["ties"]
    # x's sway on the CEO is private (sensitive): it counts in the model, not as a route.
    t["sensitive"] = t["source"].eq("x") & t["target"].eq("ceo")
    net = rg.RelationshipNetwork.from_frames(**frames)
    assert rg.leverage(net).set_index("person").at["x", "leverage"] > 0.01
    rec = recommend_targets(net, k=20)
    assert "aide" not in set(rec["person"])
    assert "x" not in set(rec["person"])
    cands = rg.target_candidates(net).set_index("person")
    assert "aide" not in cands.index and cands.at["x", "reach"] == 0  # a gain to unlock
    opted = recommend_targets(net, k=20, include_do_not_contact=True).set_index("person")
    assert bool(opted.at["aide", "do_not_contact"])


def test_capacity_as_number_and_as_hours() -> None:
    assert len(recommend_targets(base(), capacity=2)) == 2
    rec = recommend_targets(base(), capacity={"u1": 40, "u2": 20, "u3": 20}, hours=40)
    # Only u1 can be an owner A (40 h); B needs 20 h: one target, then nobody has 40 h.
    staffed = rec[rec["owner_a"].ne("")]
    assert list(staffed["owner_a"]) == ["u1"]
    assert staffed.iloc[0]["owner_b"] in {"u2", "u3"}


def test_people_nobody_has_room_for_are_listed_not_dropped() -> None:
    """Nothing the team should work on disappears because the team is full.

    By hand, with hours: only u1 has the 40 h an owner A needs, so cto (the best gain) is
    the one target staffed. b1, b2, ceo and eng were next in line (gains 0.164, 0.157,
    0.053, 0.040 from :func:`target_candidates`) but nobody had 40 h left: they follow
    in that order, with no owners, and each says nobody has room. Without ``k`` the table
    is filled up to 10 rows, so all four are listed. Their gain counts 0 until someone owns
    them (``gain.sum()`` is what the team's work moves); the ``why`` keeps the potential.
    """
    net = base()
    rec = recommend_targets(net, capacity={"u1": 40, "u2": 20, "u3": 20}, hours=40)
    cands = rg.target_candidates(net).set_index("person")["gain"]
    assert list(rec["person"]) == ["cto", "b1", "b2", "ceo", "eng"]
    assert list(rec["rank"]) == [1, 2, 3, 4, 5]
    full = rec.iloc[1:]
    assert (full[["owner_a", "owner_b", "sponsor"]] == "").all().all()
    assert full["why"].str.startswith("nobody of ours has room to own this person").all()
    # nobody works on them yet: their gain counts 0 (the table's gains still add up to
    # the plan's change) and their expected attitude is today's; the why says the potential
    assert (full["gain"] == 0).all()
    assert full["expected"].tolist() == full["attitude"].astype(float).tolist()
    for person, why in zip(full["person"], full["why"], strict=True):
        assert f"once someone owns them, gain {cands[person]:.4f}" in why, why
    # the next row is not a rival in the ranking (staffed, cto would be "ranked above" b1)
    assert "ranked above" not in rec.iloc[0]["why"]
    assert "ranked above" in recommend_targets(net, k=5).iloc[0]["why"]


def test_with_k_the_table_stops_at_k_rows_unless_someone_outranks_a_pick() -> None:
    """By hand: with ``max_owner_a=1`` each of our three may be owner A once (our top
    executive u3 too: half of 1, rounded up), so cto, b1 and b2 are staffed and then
    nobody has room. With k=4 the fourth place goes to the CEO, listed without owners;
    eng (fifth) is not listed: the table has its k rows and eng was passed over after the
    last pick, so it outranks nobody staffed. With k=3 nobody is passed over."""
    net = base()
    four = recommend_targets(net, k=4, max_owner_a=1)
    assert list(four["person"]) == ["cto", "b1", "b2", "ceo"]
    assert list(four["owner_a"].ne("")) == [True, True, True, False]
    assert four.iloc[3]["why"].startswith("nobody of ours has room")
    three = recommend_targets(net, k=3, max_owner_a=1)
    assert list(three["person"]) == ["cto", "b1", "b2"] and three["owner_a"].ne("").all()


def test_bad_arguments() -> None:
    with pytest.raises(rg.RelgraphError):
        recommend_targets(base(), k=0)
    with pytest.raises(rg.RelgraphError):
        recommend_targets(base(), capacity={"ceo": 10})
    with pytest.raises(rg.RelgraphError):
        recommend_targets(base(), capacity=0)


def test_gains_are_additive_against_simulate() -> None:
    net = base()
    rec = recommend_targets(net, k=10)
    res = simulate(net, changes=dict(zip(rec["person"], rec["expected"], strict=True)))
    delta = res.index.set_index("party").at["us", "delta"]
    assert rec["gain"].sum() == pytest.approx(delta, rel=1e-9, abs=1e-12)


ATTITUDES = [
    (-3, -3, -3, -3, -3, -3),
    (3, 3, 3, 3, 3, 3),
    (0, 0, 0, 0, 0, 0),
    (1, -2, 0, 3, -1, 2),
    (-1, 2, -3, 0, 1, -2),
    (2, 0, 1, -1, -3, 3),
    (0, 3, -1, 2, 0, -3),
]


@functools.cache
def varied(atts: tuple[int, ...]) -> rg.RelationshipNetwork:
    ids = ["b1", "b2", "ceo", "cto", "vp", "eng"]
    return with_people(base(), **{p: {"attitude": a} for p, a in zip(ids, atts, strict=True)})


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(ATTITUDES), st.integers(1, 6))
def test_additivity_property(atts: tuple[int, ...], k: int) -> None:
    net = varied(atts)
    rec = recommend_targets(net, k=k)
    assert len(rec) <= k
    assert (rec["gain"] > 0).all()
    if len(rec):
        changes = dict(zip(rec["person"], rec["expected"], strict=True))
        delta = simulate(net, changes=changes).index.at[0, "delta"]
        assert rec["gain"].sum() == pytest.approx(delta, rel=1e-9, abs=1e-12)


def test_sample_targets() -> None:
    net = rg.datasets.sample()
    rec = recommend_targets(net, "OPP-1", capacity=20)
    ids = list(rec["person"])
    hidden = set(rg.hidden_influencers(net, "OPP-1")["person"])
    assert hidden & set(ids)  # at least one hidden influencer
    assert {"C002", "C030", "C029"} <= set(ids)
    assert not {"C010", "C048", "C049", "C050", "C051", "C052", "C004"} & set(ids)
    ceo = rec.set_index("person").loc["C005"]
    # the existing owner stays A; our CEO sponsors, so B is another of ours
    assert (ceo["owner_a"], ceo["sponsor"]) == ("N02", "N01")
    assert ceo["owner_b"] not in {"", "N01", "N02"}
    assert rec.set_index("person").at["C002", "objective"] == "counter"
    assert (rec["sponsor"] != rec["owner_a"]).all()  # DOMAIN §8: never owner A
    changes = dict(zip(rec["person"], rec["expected"], strict=True))
    delta = simulate(net, "OPP-1", changes=changes).index.at[0, "delta"]
    assert rec["gain"].sum() == pytest.approx(delta, rel=1e-9)


def test_level_parity_gap_keeps_a_place_for_a_counter_target() -> None:
    # one place: the largest gain (the CTO, aimed at +2); two places: the second
    # counters Rival (b1 has the larger gain of the two board members)
    assert list(recommend_targets(base(), k=1)["person"]) == ["cto"]
    rec = recommend_targets(base(), k=2)
    assert rec.iloc[1]["objective"] == "counter" and rec.iloc[1]["person"] in {"b1", "b2"}
    # without the parity gap (a board member supports us) nothing is reserved
    net = with_people(base(), b2={"attitude": 2})
    assert "counter" not in set(recommend_targets(net, k=2)["objective"])


def test_reach_is_the_best_route_for_everyone() -> None:
    net = rg.datasets.sample()
    rec = recommend_targets(net, "OPP-1", k=15).set_index("person")
    bulk = rg.routes_to_many(net, list(rec.index)).set_index("target")
    direct = rec["why"].str.contains("picked earlier")
    # role holders no route reaches follow the picks, marked; everyone else has one route,
    # the one the plan uses
    new_way_in = rec["reach"].eq(0)
    assert rec["why"][new_way_in].str.startswith("needs a new way in").all()
    assert rec.loc[~new_way_in, "path"].map(len).gt(0).all()
    # the best route, unless owner A has their own direct tie (then that tie, no stronger)
    own = rec.apply(lambda r: r["path"] == (r["owner_a"], r.name), axis=1)
    best = bulk.loc[rec.index, "best_strength"].to_numpy()
    same = (~direct & ~new_way_in & ~own).to_numpy()
    assert rec["reach"].to_numpy()[same] == pytest.approx(best[same])
    assert (rec["reach"].to_numpy()[own.to_numpy()] <= best[own.to_numpy()] + 1e-9).all()
    # covered people are not certain: the CEO's only owner barely meets him
    cand = rg.target_candidates(net, "OPP-1").set_index("person")
    assert cand.at["C005", "reach"] < 0.6
    # uncovered role holders are worth working on, not only people we already cover: Zou
    # Yan (C030) backs Orion at 2 (entrenched), so her uncovered boss Tang Min (C029) is
    # worked through instead
    assert "C029" in rec.index and "C030" in rec.at["C029", "sways"]
