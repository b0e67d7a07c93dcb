"""Tests of the decision chain: its tables, stages, graph form and notebook view."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

import relgraph as rg
from relgraph.analysis.chain_result import EDGE_COLUMNS, PEOPLE_COLUMNS, DecisionChain


@pytest.fixture(scope="module")
def sample() -> rg.RelationshipNetwork:
    return rg.datasets.sample()


def test_tiny_chain_by_hand() -> None:
    net = rg.datasets.tiny()
    chain = rg.decision_chain(net)
    assert isinstance(chain, DecisionChain)
    people = chain.people.set_index("person")
    assert list(chain.people.columns) == PEOPLE_COLUMNS
    assert list(people.index) == ["p1", "p2", "p3", "p4"]  # role holders + Di who sways Ann
    ann = people.loc["p1"]
    assert (ann["role"], ann["power"], ann["level"], ann["attitude"]) == ("decider", 1.0, 2, -1)
    assert ann["supports"] == "R" and not ann["hidden"] and ann["name"] == "Ann"
    assert people.loc["p4", "hidden"] and people.loc["p4", "power"] == 0.0
    assert people.loc["p4", "role"] == "" and people.loc["p4", "roles"] == ()
    edges = chain.edges.set_index(["source", "target"])
    assert list(chain.edges.columns) == EDGE_COLUMNS
    assert edges.loc[("p2", "p1"), "kind"] == "formal"
    assert edges.loc[("p3", "p2"), "kind"] == "formal"
    hidden = edges.loc[("p4", "p1")]
    assert hidden["kind"] == "hidden" and hidden["ties"] == ("influences",)
    assert hidden["weight"] == pytest.approx(0.8)  # 0.8 / (0.8 + 0.2 from Bo)
    assert edges.loc[("p2", "p1"), "weight"] == pytest.approx(0.2)  # Bo's advice: W[Ann, Bo]
    assert "u1" not in chain and "u2" not in chain  # our staff are not in the chain
    assert "p4" in chain and len(chain) == 4
    assert chain.opportunity == "O1"
    assert chain.stages["unstaged"] == ["p1", "p2", "p3"]


def test_why_says_role_power_attitude_and_sway_in_words() -> None:
    chain = rg.decision_chain(rg.datasets.tiny())
    why = dict(zip(chain.people["person"], chain.people["why"], strict=True))
    assert why["p1"].startswith("decider, power 1.00") and "backs Rival" in why["p1"]
    assert "attitude -1 (cool)" in why["p1"]
    assert why["p4"].startswith("no role; sways Ann") and "80%" in why["p4"]
    edge_why = chain.edges.set_index(["source", "target"])["why"]
    assert edge_why[("p2", "p1")] == "Bo reports to Ann"


def test_sample_chain_roles_and_stage_flow(sample: rg.RelationshipNetwork) -> None:
    chain = rg.decision_chain(sample, "OPP-1")
    holders = set(sample.opportunity_roles("OPP-1")["person"])
    assert set(chain.people.loc[~chain.people["hidden"], "person"]) == holders
    stages = chain.stages
    assert list(stages)[:6] == [
        "need", "specification", "evaluation", "decision", "approval", "purchase"
    ]  # fmt: skip
    assert stages["need"] == ["C015"]
    assert set(stages["decision"]) == {"C005", "C006", "C013"}
    assert set(stages["approval"]) == {"C001", "C007"}
    assert set(stages["purchase"]) == {"C043", "C009"}
    assert stages["unstaged"] == []
    assert chain.flow.startswith("need: C015 → specification:")
    assert chain.graph["flow"] == chain.flow  # the networkx-style attributes still work
    people = chain.people.set_index("person")
    assert people.loc["C006", "power"] == 0.8 and people.loc["C006", "stage"] == "decision"
    assert people.loc["C028", "power"] == 0.6
    assert people["power"].is_monotonic_decreasing  # most powerful first, hidden (0) last


def test_sample_chain_formal_and_hidden_edges(sample: rg.RelationshipNetwork) -> None:
    chain = rg.decision_chain(sample, "OPP-1")
    e = chain.edges
    f = e[e["kind"] == "formal"]
    formal = set(zip(f["source"], f["target"], strict=True))
    # the CTO reports to the CEO, the CEO to the chairman, the VP of Networks to the CTO
    assert {("C006", "C005"), ("C005", "C001"), ("C015", "C006")} <= formal
    hidden_people = set(chain.people.loc[chain.people["hidden"], "person"])
    for u, v in formal:
        assert u not in hidden_people and v not in hidden_people
    hidden = e[e["kind"] == "hidden"].set_index(["source", "target"])
    assert hidden.loc[("C002", "C005"), "ties"] == ("influences",)
    assert set(hidden.loc[("E02", "C006"), "ties"]) == {"influences", "former_colleague"}
    assert ("C020", "C021") in hidden.index and ("C020", "C031") in hidden.index
    party = chain.people.set_index("person")["party"]
    for u, _ in hidden.index:
        assert u in hidden_people and party[u] not in ("us", "competitor")
    assert ((e["weight"] > 0) & (e["weight"] <= 1)).all()


def test_sensitive_hidden_edges_withheld_unless_asked(sample: rg.RelationshipNetwork) -> None:
    chain = rg.decision_chain(sample, "OPP-1")
    assert "E03" not in chain and chain.withheld == 1
    full = rg.decision_chain(sample, "OPP-1", include_sensitive=True)
    edge = full.edges.set_index(["source", "target"]).loc[("E03", "C007")]
    assert set(edge["ties"]) == {"influences", "family"}
    assert full.withheld == 0
    assert "left out" in chain._repr_html_() and "left out" not in full._repr_html_()


def test_chain_errors_and_second_opportunity(sample: rg.RelationshipNetwork) -> None:
    with pytest.raises(rg.UnknownOpportunityError):
        rg.decision_chain(sample)
    with pytest.raises(rg.InvalidParameterError, match="include_sensitive"):
        rg.decision_chain(sample, "OPP-1", include_sensitive="yes")  # type: ignore[arg-type]
    chain = rg.decision_chain(sample, "OPP-2")
    assert set(chain.people.loc[~chain.people["hidden"], "person"]) == {
        "C008", "C033", "C034", "C007", "C044"
    }  # fmt: skip


def test_to_networkx_keeps_the_graph_form(sample: rg.RelationshipNetwork) -> None:
    chain = rg.decision_chain(sample, "OPP-1")
    g = chain.to_networkx()
    assert isinstance(g, nx.DiGraph)
    assert set(g.nodes) == set(chain.people["person"])
    assert g.number_of_edges() == len(chain.edges)
    assert g.graph["opportunity"] == "OPP-1" and g.graph["withheld"] == chain.withheld
    node = g.nodes["C006"]
    assert node["role"] == "decider" and node["roles"] == ["decider"] and node["power"] == 0.8
    assert (
        node["supports"] is None
        and node["label"] == chain.people.set_index("person").loc["C006", "name"]
    )
    assert g.nodes["C002"]["role"] is None and g.nodes["C002"]["hidden"] is True
    assert set(g.edges["E02", "C006"]["ties"]) == {"influences", "former_colleague"}
    # networkx algorithms work on it: everyone in the chain reaches a decider or approver
    top = {p for p, d in g.nodes(data=True) if d["role"] in ("decider", "approver")}
    assert all(p in top or nx.descendants(g, p) & top for p in ("C015", "C020", "C044"))


def test_opportunity_without_roles_gives_empty_tables_with_columns() -> None:
    f = rg.datasets.tiny().to_frames()
    net = rg.RelationshipNetwork.from_frames(**f | {"roles": f["roles"].iloc[0:0]})
    chain = rg.decision_chain(net)
    assert chain.people.empty and list(chain.people.columns) == PEOPLE_COLUMNS
    assert chain.edges.empty and list(chain.edges.columns) == EDGE_COLUMNS
    assert chain.stages["unstaged"] == [] and chain.to_networkx().number_of_nodes() == 0
    assert "0 role holder" in chain._repr_html_()


def test_zero_power_roles_still_hold_their_place_in_the_chain() -> None:
    f = rg.datasets.tiny().to_frames()
    roles = f["roles"].assign(power=0.0)
    chain = rg.decision_chain(rg.RelationshipNetwork.from_frames(**f | {"roles": roles}))
    assert set(chain.people.loc[~chain.people["hidden"], "person"]) == {"p1", "p2", "p3"}
    assert {"formal", "hidden"} == set(chain.edges["kind"])


def test_repr_and_html_view() -> None:
    chain = rg.decision_chain(rg.datasets.tiny())
    assert repr(chain) == "DecisionChain('O1': 3 role holders, 1 hidden influencer, 3 edges)"
    page = chain._repr_html_()
    assert page.startswith("<div><p><b>Decision chain of O1: 3 role holder(s)")
    assert "<table" in page and "Ann" in page and "80%" in page


def test_language_follows_the_settings() -> None:
    net = rg.datasets.tiny().with_settings(language="zh")
    chain = rg.decision_chain(net)
    assert chain.language == "zh"
    assert chain.people.loc[0, "why"].startswith("决定者")
    assert "决策链" in chain._repr_html_()


def test_people_frame_types_are_stable(sample: rg.RelationshipNetwork) -> None:
    for chain in (rg.decision_chain(sample, "OPP-1"), rg.decision_chain(sample, "OPP-2")):
        p = chain.people
        assert p["level"].dtype == "Int64" and p["attitude"].dtype == "Int64"
        assert p["power"].dtype == float and p["hidden"].dtype == bool
        assert p["why"].map(lambda s: isinstance(s, str) and s != "").all()
        assert not p["why"].str.contains("nan").any()
        assert pd.api.types.is_float_dtype(chain.edges["weight"])
