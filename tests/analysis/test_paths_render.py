"""Route texts printed in bulk read the same as one at a time."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import relgraph as rg
from relgraph.analysis.paths.graph import RouteRules, route_graph
from relgraph.analysis.paths.render import (
    _people_columns,
    describe,
    describe_many,
    person_text,
    person_texts,
    route_text,
)
from relgraph.analysis.paths.search import yen


def test_person_texts_equal_person_text_for_everyone() -> None:
    net = rg.datasets.sample()
    everyone = range(net.n_people)
    texts = person_texts(net, reversed(everyone))
    assert texts == {i: person_text(net, i) for i in everyone}
    assert any("," in t for t in texts.values())  # titles shown where given


def test_route_text_with_bulk_texts_reads_the_same() -> None:
    net = rg.datasets.sample()
    g = route_graph(net, RouteRules())
    target = int(net.index_of("C001")[0])
    found = yen(g.real, g.starts().tolist(), target, 3, 4, g.team_blocked(), True)
    routes = describe(net, RouteRules(), found)
    assert routes
    texts = person_texts(net, [i for r in routes for i in r.path])
    for r in routes:
        assert route_text(net, r.path, r.hops, texts) == route_text(net, r.path, r.hops)


def test_describing_under_several_rules_at_once_reads_the_same_as_one_by_one() -> None:
    people = pd.DataFrame({"id": ["u", "a", "t"], "name": ["U", "A", "T"], "org": ["U", "C", "C"]})
    orgs = pd.DataFrame({"id": ["U", "C"], "name": ["Us", "Cust"], "kind": ["us", "customer"]})
    ties = pd.DataFrame(  # u-a: a sensitive tie stronger than the public one
        {
            "source": ["u", "u", "a"],
            "target": ["a", "a", "t"],
            "kind": ["family", "friend", "friend"],
        }
    ).assign(strength=[0.9, 0.5, 0.7])
    net = rg.RelationshipNetwork.from_frames(orgs=orgs, people=people, ties=ties)
    found = [(0.0, tuple(net.index_of(["u", "a", "t"]).tolist()))]
    free = RouteRules().everything
    mine, theirs = describe_many(net, [(RouteRules(), found, None), (free, found, None)])
    assert mine == describe(net, RouteRules(), found)
    assert theirs == describe(net, free, found)
    assert [h.kind for h in mine[0].hops] == ["friend", "friend"]
    assert [h.kind for h in theirs[0].hops] == ["family", "friend"]


@pytest.mark.parametrize("blank_titles", [False, True])
def test_people_read_by_position_equal_the_whole_columns(blank_titles: bool) -> None:
    net = rg.datasets.sample()
    if blank_titles:  # some titles missing: read as "" either way
        people = net.people.copy()
        people.loc[people.index[::3], "title"] = None
        net = rg.RelationshipNetwork.from_frames(net.orgs, people, net.ties)
        assert net.people["title"].fillna("").eq("").sum() > 10
    idx = np.array([3, 0, 41, 77, 6], dtype=np.int64)
    whole = _people_columns(net, None)
    some = _people_columns(net, idx)
    assert net.people["do_not_contact"].astype("boolean").fillna(False).any()
    for w, s in zip(whole, some, strict=True):
        assert w[idx].tolist() == s.tolist()
    assert ("" in some[1].tolist()) == blank_titles
