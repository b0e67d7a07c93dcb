import json
from pathlib import Path

import networkx as nx
import pytest

import relgraph as rg
from relgraph.errors import InvalidParameterError
from relgraph.export import export_graph, to_networkx


@pytest.fixture(scope="module")
def sample() -> rg.RelationshipNetwork:
    return rg.datasets.sample()


def test_gexf_reads_back_with_attributes_and_no_sensitive_data(sample, tmp_path: Path) -> None:
    path = export_graph(sample, tmp_path / "xinghe.gexf", opportunity="OPP-1")
    g = nx.read_gexf(path)
    assert "E03" not in g  # the CFO's husband is known only through sensitive ties
    kinds = {d["kind"] for _, _, d in g.edges(data=True)}
    assert not kinds & {"family", "neighbour", "faith"}
    ceo = g.nodes["C005"]
    assert ceo["roles"] == "decider" and ceo["attitude"] == -1 and ceo["supports"] == "ORI"
    assert ceo["label"] == "王志远 (Wang Zhiyuan)"  # Chinese intact
    assert ceo["leverage"] > 0
    assert "sensitive ties" in path.read_text(encoding="utf-8")  # the note, in <meta>
    # every kept node and edge made it
    policy_graph = to_networkx(sample, opportunity="OPP-1")
    assert g.number_of_nodes() == policy_graph.number_of_nodes()
    assert g.number_of_edges() == policy_graph.number_of_edges()


def test_opting_in_exports_sensitive_ties(sample, tmp_path: Path) -> None:
    g = nx.read_gexf(export_graph(sample, tmp_path / "all.gexf", include_sensitive=True))
    assert "E03" in g
    kinds = [d["kind"] for _, _, d in g.edges(data=True)]
    assert "family" in kinds and "neighbour" in kinds
    assert g.number_of_edges() == len(sample.ties)


def test_graphml_and_json(sample, tmp_path: Path) -> None:
    g = nx.read_graphml(export_graph(sample, tmp_path / "x.graphml", opportunity="OPP-1"))
    assert g.nodes["C006"]["title"] == "Chief Technology Officer"
    assert "hidden" in g.graph["note"]
    data = json.loads((export_graph(sample, tmp_path / "x.json")).read_text(encoding="utf-8"))
    assert {"nodes", "links", "graph"} <= set(data)
    assert "hidden" in data["graph"]["note"]
    assert any(n["name"] == "方华" or n["id"] == "C006" for n in data["nodes"])


def test_without_opportunity_there_is_no_leverage_when_several_exist(sample) -> None:
    g = to_networkx(sample)
    assert "leverage" not in g.nodes["C005"]


def test_unknown_format_is_a_clear_error(sample, tmp_path: Path) -> None:
    with pytest.raises(InvalidParameterError, match="one of: gexf, graphml, json"):
        export_graph(sample, tmp_path / "x.dot")
    with pytest.raises(InvalidParameterError, match="format = 'dot'"):
        export_graph(sample, tmp_path / "x.gexf", format="dot")  # type: ignore[arg-type]
    assert not list(tmp_path.iterdir())
