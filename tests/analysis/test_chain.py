"""Tests of the decision chain graph."""

from __future__ import annotations

import networkx as nx
import pytest

import relgraph as rg


@pytest.fixture(scope="module")
def sample() -> rg.RelationshipNetwork:
    return rg.datasets.sample()


def test_tiny_chain_by_hand() -> None:
    net = rg.datasets.tiny()
    g = rg.decision_chain(net)
    assert isinstance(g, nx.DiGraph)
    assert sorted(g.nodes) == ["p1", "p2", "p3", "p4"]  # role holders + Di who sways Ann
    ann = g.nodes["p1"]
    assert (ann["role"], ann["power"], ann["level"], ann["attitude"]) == ("decider", 1.0, 2, -1)
    assert ann["supports"] == "R" and ann["hidden"] is False
    assert g.nodes["p4"]["hidden"] is True and g.nodes["p4"]["power"] == 0.0
    edges = {(u, v): d for u, v, d in g.edges(data=True)}
    assert edges[("p2", "p1")]["kind"] == "formal"
    assert edges[("p3", "p2")]["kind"] == "formal"
    hidden = edges[("p4", "p1")]
    assert hidden["kind"] == "hidden" and hidden["ties"] == ["influences"]
    assert hidden["weight"] == pytest.approx(0.8)  # 0.8 / (0.8 + 0.2 from Bo)
    assert "u1" not in g and "u2" not in g  # our staff are not in the chain
    assert g.graph["opportunity"] == "O1"
    assert g.graph["stages"]["unstaged"] == ["p1", "p2", "p3"]


def test_sample_chain_roles_and_stage_flow(sample: rg.RelationshipNetwork) -> None:
    g = rg.decision_chain(sample, "OPP-1")
    holders = set(sample.opportunity_roles("OPP-1")["person"])
    assert {n for n, d in g.nodes(data=True) if not d["hidden"]} == holders
    stages = g.graph["stages"]
    assert list(stages)[:6] == [
        "need", "specification", "evaluation", "decision", "approval", "purchase"
    ]  # fmt: skip
    assert stages["need"] == ["C015"]
    assert set(stages["decision"]) == {"C005", "C006", "C013"}
    assert set(stages["approval"]) == {"C001", "C007"}
    assert set(stages["purchase"]) == {"C043", "C009"}
    assert stages["unstaged"] == []
    assert g.graph["flow"].startswith("need: C015 → specification:")
    assert g.nodes["C006"]["power"] == 0.8 and g.nodes["C006"]["stage"] == "decision"
    assert g.nodes["C028"]["power"] == 0.6


def test_sample_chain_formal_and_hidden_edges(sample: rg.RelationshipNetwork) -> None:
    g = rg.decision_chain(sample, "OPP-1")
    formal = {(u, v) for u, v, d in g.edges(data=True) if d["kind"] == "formal"}
    # the CTO reports to the CEO, the CEO to the chairman, the VP of Networks to the CTO
    assert {("C006", "C005"), ("C005", "C001"), ("C015", "C006")} <= formal
    for u, v in formal:
        assert not g.nodes[u]["hidden"] and not g.nodes[v]["hidden"]
    hidden = {(u, v): d for u, v, d in g.edges(data=True) if d["kind"] == "hidden"}
    assert hidden[("C002", "C005")]["ties"] == ["influences"]
    assert set(hidden[("E02", "C006")]["ties"]) == {"influences", "former_colleague"}
    assert ("C020", "C021") in hidden and ("C020", "C031") in hidden
    for u, _ in hidden:
        assert g.nodes[u]["hidden"] and g.nodes[u]["party"] not in ("us", "competitor")


def test_sensitive_hidden_edges_withheld_unless_asked(sample: rg.RelationshipNetwork) -> None:
    g = rg.decision_chain(sample, "OPP-1")
    assert "E03" not in g and g.graph["withheld"] == 1
    full = rg.decision_chain(sample, "OPP-1", include_sensitive=True)
    assert set(full.edges["E03", "C007"]["ties"]) == {"influences", "family"}
    assert full.graph["withheld"] == 0


def test_chain_errors_and_second_opportunity(sample: rg.RelationshipNetwork) -> None:
    with pytest.raises(rg.UnknownOpportunityError):
        rg.decision_chain(sample)
    g = rg.decision_chain(sample, "OPP-2")
    assert {n for n, d in g.nodes(data=True) if not d["hidden"]} == {
        "C008", "C033", "C034", "C007", "C044"
    }  # fmt: skip
