"""Route texts printed in bulk read the same as one at a time."""

from __future__ import annotations

import relgraph as rg
from relgraph.analysis.paths.graph import RouteRules, route_graph
from relgraph.analysis.paths.render import describe, person_text, person_texts, route_text
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
