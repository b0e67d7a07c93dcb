"""Tests for relgraph.analysis.paths.reach: the team-wide search, whole or near the targets."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

import relgraph as rg
import relgraph.analysis.routes.bulk as bulk
from relgraph.analysis.paths.graph import RouteRules
from relgraph.analysis.paths.reach import best_routes_to, routes_near


def random_net(seed: int, n: int = 260, ties: int = 900) -> rg.RelationshipNetwork:
    """Ours, customers and a competitor; every rule bites and many routes tie in strength."""
    rng = np.random.default_rng(seed)
    ids = [f"p{i:03d}" for i in range(n)]
    org = np.where(np.arange(n) < 8, "U", np.where(np.arange(n) < 14, "R", "C"))
    people = pd.DataFrame(
        {
            "id": ids,
            "name": [i.upper() for i in ids],
            "org": org,
            "attitude": np.where(rng.random(n) < 0.08, "-2", ""),
            "do_not_contact": rng.random(n) < 0.05,
        }
    )
    orgs = pd.DataFrame(
        {
            "id": ["U", "R", "C"],
            "name": ["Us", "Rival", "Cust"],
            "kind": ["us", "competitor", "customer"],
        }
    )
    u, v = rng.integers(0, n, ties), rng.integers(0, n, ties)
    v = np.where(rng.random(ties) < 0.3, u % 8, v)  # our people know many
    kinds = rng.choice(["friend", "former_colleague", "family", "influences", "reports_to"], ties)
    frame = pd.DataFrame(
        {
            "source": np.array(ids)[u],
            "target": np.array(ids)[v],
            "kind": kinds,
            "strength": rng.choice([0.3, 0.5, 0.6, 0.9], ties),  # equal strengths: many ties
        }
    )
    pair = np.minimum(u, v) * n + np.maximum(u, v)
    frame = frame.assign(pair=pair)[u != v].drop_duplicates(["pair", "kind"]).drop(columns="pair")
    boss = frame["kind"].eq("reports_to")  # one manager each, no one their own boss's boss
    same = frame["target"].str[1:].astype(int) >= 14  # a boss at the customer
    frame = frame[
        ~boss | ~frame["source"].duplicated() & (frame["source"] > frame["target"]) & same
    ]
    members = rng.choice(n, 40, replace=False)
    affiliations = pd.DataFrame(
        {
            "person": np.array(ids)[np.concatenate([[0, 1, 2], members])],
            "affiliation": rng.choice(["Golf", "Alumni", "Chapel"], 43),
            "kind": "club",
        }
    ).drop_duplicates(["person", "affiliation"])
    roles = pd.DataFrame({"opportunity": "O1", "person": ids[20:23], "role": "decider"})
    opps = pd.DataFrame({"id": ["O1"], "account": ["C"]})
    tables = {"orgs": orgs, "people": people, "ties": frame, "affiliations": affiliations}
    return rg.RelationshipNetwork.from_frames(**tables, roles=roles, opportunities=opps)


@pytest.mark.parametrize(("seed", "max_hops"), [(0, 4), (1, 3), (2, 2), (3, 5)])
def test_search_near_the_targets_finds_the_same_routes(seed: int, max_hops: int) -> None:
    net = random_net(seed).with_settings(max_hops=max_hops)
    rng = np.random.default_rng(seed)
    targets = np.sort(rng.choice(np.arange(8, net.n_people), 12, replace=False))
    reached = 0
    for flags in itertools.product((False, True), repeat=4):
        rules = RouteRules(*flags)
        for aff in (False, True):
            near = routes_near(net, rules, targets, affiliations=aff)
            full = best_routes_to(net, rules, targets, affiliations=aff)
            for t in targets.tolist():
                assert near.path(t) == full.path(t)
                assert near.strength[t] == full.strength[t]
                reached += near.strength[t] > 0
    assert reached > 100  # most targets have a route: the comparison says something


@pytest.mark.parametrize("seed", [4, 5])
def test_bulk_routes_the_same_whether_searching_near_or_everyone(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    net = random_net(seed)
    rng = np.random.default_rng(seed)
    targets = [str(net.person_ids[i]) for i in rng.choice(np.arange(8, net.n_people), 15, False)]
    excluded = 0
    for s, d, o, a in itertools.product((False, True), repeat=4):
        kw = {"include_sensitive": s, "include_do_not_contact": d, "include_opponents": o}
        frames = []
        for few in (0, 10**9):  # everyone searched, then only people near the targets
            monkeypatch.setattr(bulk, "_FEW", few)
            frames.append(rg.routes_to_many(net, targets, affiliations=a, progress=False, **kw))
        pd.testing.assert_frame_equal(frames[0], frames[1], check_exact=True)
        excluded += int(frames[0]["excluded"].sum())
    assert excluded > 0
