"""RelationshipNetwork: id ↔ index map, derived views and caching, lookups, no mutation."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import relgraph as rg
from relgraph.errors import UnknownOpportunityError, UnknownPersonError
from relgraph.vocab import TieKind


@pytest.fixture
def tiny() -> rg.RelationshipNetwork:
    return rg.datasets.tiny()


def frames() -> dict[str, pd.DataFrame]:
    return {
        "orgs": pd.DataFrame(
            {
                "id": ["A", "U", "R"],
                "name": ["Acme", "Us", "Rival"],
                "kind": ["customer", "us", "competitor"],
            }
        ),
        "people": pd.DataFrame(
            {
                "id": ["p1", "p2", "p3", "u1"],
                "name": ["方华", "Li", "Li", "Eve"],
                "name_en": ["Fang Hua", "", "", ""],
                "org": ["A", "A", "A", "U"],
                "do_not_contact": [None, True, None, None],
            }
        ),
        "ties": pd.DataFrame(
            {
                "source": ["p2", "p2", "u1", "p1", "p3"],
                "target": ["p1", "p1", "p1", "p3", "p1"],
                "kind": ["reports_to", "friend", "covers", "family", "influences"],
                "strength": [None, 0.3, None, None, 0.9],
                "sensitive": [None, True, None, None, None],
            }
        ),
        "opportunities": pd.DataFrame(
            {"id": ["O1", "O2"], "account": ["A", "A"], "competitors": ["R", ""]}
        ),
        "roles": pd.DataFrame(
            {
                "opportunity": ["O1", "O1", "O2"],
                "person": ["p1", "p2", "p3"],
                "role": ["decider", "影响者", "user"],
                "power": [None, 0.9, None],
            }
        ),
    }


@pytest.fixture
def net() -> rg.RelationshipNetwork:
    return rg.RelationshipNetwork.from_frames(**frames())


def test_index_map(net: rg.RelationshipNetwork) -> None:
    assert net.person_ids.tolist() == ["p1", "p2", "p3", "u1"]
    assert net.n_people == 4
    assert net.index_of("p3").tolist() == [2]
    assert net.index_of(["u1", "p1"]).tolist() == [3, 0]
    with pytest.raises(UnknownPersonError, match="did you mean 'p1'"):
        net.index_of(["p1", "P11"])


def test_party_labels_and_groups(net: rg.RelationshipNetwork) -> None:
    assert net.party.tolist() == ["customer", "customer", "customer", "us"]
    assert net.labels["p1"] == "方华 (Fang Hua)"
    assert net.label("p2") == "Li"
    assert net.our_people().tolist() == ["u1"]
    assert net.people_at("A").tolist() == ["p1", "p2", "p3"]
    assert net.do_not_contact().tolist() == [False, True, False, False]


def test_labels_follow_the_language(net: rg.RelationshipNetwork) -> None:
    """Chinese: the Chinese name alone; a name without Chinese characters keeps its order."""
    zh = net.with_settings(language="zh")
    assert zh.labels["p1"] == "方华" and zh.label("p2") == "Li"
    assert zh.labels.drop("p1").tolist() == net.labels.drop("p1").tolist()
    assert net.labels["p1"] == "方华 (Fang Hua)"  # English unchanged
    sample = rg.datasets.sample()
    assert sample.with_settings(language="zh").org_labels["ORI"] == "猎户通信"
    assert sample.org_labels["ORI"] == "猎户通信 (Orion Telecom)"


def test_resolve_person(net: rg.RelationshipNetwork) -> None:
    assert net.resolve_person("p2") == "p2"
    assert net.resolve_person("方华") == "p1"
    assert net.resolve_person("fang hua") == "p1"
    assert net.resolve_person(" EVE ") == "u1"
    with pytest.raises(UnknownPersonError, match=r"ambiguous.*p2, p3"):
        net.resolve_person("Li")
    with pytest.raises(UnknownPersonError, match="did you mean 'Fang Hua'"):
        net.resolve_person("Fang Hau")
    with pytest.raises(LookupError):
        net.resolve_person("nobody at all")


def test_resolve_opportunity(net: rg.RelationshipNetwork, tiny: rg.RelationshipNetwork) -> None:
    assert tiny.resolve_opportunity() == "O1"
    assert net.resolve_opportunity("O2") == "O2"
    with pytest.raises(UnknownOpportunityError, match=r"2 opportunities \(O1, O2\); name one"):
        net.resolve_opportunity()
    with pytest.raises(UnknownOpportunityError, match="unknown opportunity 'O3'; known: O1, O2"):
        net.resolve_opportunity("O3")
    empty = rg.RelationshipNetwork.from_frames(frames()["orgs"], frames()["people"])
    with pytest.raises(UnknownOpportunityError, match="no opportunities"):
        empty.resolve_opportunity()


def test_opportunity_roles_fill_power_from_settings(net: rg.RelationshipNetwork) -> None:
    roles = net.opportunity_roles("O1")
    assert list(roles.columns) == ["person", "role", "power", "stage"]
    assert roles["role"].tolist() == ["decider", "influencer"]
    assert roles["power"].tolist() == [1.0, 0.9]  # default for decider, given for p2
    other = net.with_settings(role_power={"decider": 0.7})
    assert other.opportunity_roles("O1")["power"].tolist() == [0.7, 0.9]


def test_competitors_and_account(net: rg.RelationshipNetwork, tiny: rg.RelationshipNetwork) -> None:
    assert net.competitors_of("O1") == ["R"]
    assert net.competitors_of("O2") == []  # nobody backs a competitor
    assert tiny.competitors_of() == ["R"]
    assert net.account_of("O2") == "A"


def test_edges_resolve_defaults(net: rg.RelationshipNetwork) -> None:
    e = net.edges
    assert {"u", "v", "kind", "strength", "explicit", "sensitive"} <= set(e.columns)
    assert e["u"].tolist() == [1, 1, 3, 0, 2]
    assert e["v"].tolist() == [0, 0, 0, 2, 0]
    assert e["strength"].tolist() == [0.7, 0.3, 0.7, 0.9, 0.9]
    assert e["explicit"].tolist() == [False, True, False, False, True]
    assert e["sensitive"].tolist() == [False, True, False, True, False]


def test_adjacency_views(net: rg.RelationshipNetwork) -> None:
    a = net.adjacency()
    assert a.shape == (4, 4)
    assert a[1, 0] == 0.7  # reports_to 0.7 and friend 0.3 in parallel: the largest is kept
    assert net.adjacency(["friend"])[1, 0] == 0.3
    assert net.adjacency(["朋友"]) is net.adjacency([TieKind.FRIEND])  # same cached object
    assert net.adjacency() is a
    sym = net.adjacency(["reports_to"], symmetric=True)
    assert sym[0, 1] == sym[1, 0] == 0.7 and sym.nnz == 2
    public = net.adjacency(include_sensitive=False)
    assert public[0, 2] == 0 and public[1, 0] == 0.7  # family and the marked friend are out
    ones = net.adjacency(weight=None)
    assert set(ones.data.tolist()) == {1.0}
    with pytest.raises(ValueError, match="did you mean"):
        net.adjacency(["freind"])


def test_graph_view(net: rg.RelationshipNetwork) -> None:
    g = net.graph
    assert isinstance(g, nx.MultiDiGraph)
    assert g is net.graph  # cached
    assert set(g.nodes) == {"p1", "p2", "p3", "u1"}
    assert g.nodes["p1"]["label"] == "方华 (Fang Hua)"
    assert g.nodes["u1"]["party"] == "us"
    # 5 ties; the two undirected personal ties (friend, family) stand in both directions
    assert g.number_of_edges() == 7
    assert g is net.to_networkx()
    assert sorted(g["p2"]["p1"]) == ["friend", "reports_to"]
    assert sorted(g["p1"]["p2"]) == ["friend"] and g["p3"]["p1"]["family"]["sensitive"] is True
    friend = g["p2"]["p1"]["friend"]
    assert friend["strength"] == 0.3 and friend["sensitive"] is True
    assert friend["directed"] is False
    assert g["p2"]["p1"]["reports_to"]["directed"] is True
    assert g["p1"]["p3"]["family"]["sensitive"] is True


def test_with_settings_shares_tables_and_starts_fresh(net: rg.RelationshipNetwork) -> None:
    a = net.adjacency()
    other = net.with_settings(tie_strength={"reports_to": 0.5})
    assert other.people is net.people
    assert other.settings.tie_strength[TieKind.REPORTS_TO] == 0.5
    assert net.settings.tie_strength[TieKind.REPORTS_TO] == 0.7
    assert other.adjacency(["reports_to"])[1, 0] == 0.5
    assert net.adjacency() is a and a[1, 0] == 0.7
    same = net.with_settings(rg.Settings())
    assert same.settings == rg.Settings()


def test_from_frames_does_not_change_its_inputs() -> None:
    given = frames()
    copies = {k: v.copy(deep=True) for k, v in given.items()}
    rg.RelationshipNetwork.from_frames(**given)
    for name, frame in given.items():
        pd.testing.assert_frame_equal(frame, copies[name])


def test_to_frames_returns_copies(net: rg.RelationshipNetwork) -> None:
    out = net.to_frames()
    out["people"].loc[0, "name"] = "changed"
    assert net.people.loc[0, "name"] == "方华"


def test_summary_and_repr(tiny: rg.RelationshipNetwork) -> None:
    assert repr(tiny) == "RelationshipNetwork(6 people, 3 orgs, 7 ties, 1 opportunities)"
    s = tiny.summary()
    assert s["people"] == 6 and s["ties"] == 7
    assert s["people (customer)"] == 4 and s["people (us)"] == 2


def test_absent_tables_are_empty_with_every_column() -> None:
    net = rg.RelationshipNetwork.from_frames(frames()["orgs"], frames()["people"])
    assert len(net.ties) == 0
    assert {"source", "target", "kind", "strength"} <= set(net.ties.columns)
    assert net.adjacency().nnz == 0
    assert net.graph.number_of_edges() == 0
    assert np.array_equal(net.edges["u"].to_numpy(), np.zeros(0, dtype=np.int64))


def test_validation_endpoints_match_a_fresh_match(net: rg.RelationshipNetwork) -> None:
    # from_frames reuses validation's id match; a network built from the bare tables
    # matches the ids itself: both must give the same integer views.
    fresh = rg.RelationshipNetwork(net.to_frames())
    assert "endpoints" in net._shared and "endpoints" not in fresh._shared
    for a, b in zip(net.endpoints(), fresh.endpoints(), strict=True):
        assert np.array_equal(a, b)
    pd.testing.assert_frame_equal(net.edges, fresh.edges)
    ids = net.person_ids
    u, v = net.endpoints()
    assert list(ids[u]) == net.ties["source"].astype(str).tolist()
    assert list(ids[v]) == net.ties["target"].astype(str).tolist()
    with pytest.raises(ValueError, match="read-only"):
        u[0] = 1


def test_edges_resolve_defaults_by_kind_without_row_loops(tiny: rg.RelationshipNetwork) -> None:
    e = tiny.edges
    s = tiny.settings
    for kind, strength, explicit, sens in zip(
        e["kind"], e["strength"], e["explicit"], e["sensitive"], strict=True
    ):
        if not explicit:
            assert strength == s.tie_strength[TieKind(kind)]
        assert sens == (TieKind(kind) in s.sensitive_tie_kinds)
    assert set(e["basis"].astype(str)) <= {"explicit", "interactions", "default"}
    assert (e["basis"].astype(str).eq("explicit") == e["explicit"]).all()
    # other settings: another network object, same shared id match, other strengths
    other = tiny.with_settings(tie_strength={"reports_to": 0.1})
    assert other is not tiny and other._shared is tiny._shared
    rep = other.edges["kind"].astype(str).eq("reports_to") & ~other.edges["explicit"]
    assert rep.any() and (other.edges.loc[rep, "strength"] == 0.1).all()
    assert (tiny.edges.loc[rep, "strength"] == s.tie_strength[TieKind.REPORTS_TO]).all()


def test_changing_the_callers_frames_later_does_not_reach_the_network() -> None:
    given = frames()
    net = rg.RelationshipNetwork.from_frames(**given)
    tables = net.to_frames()
    direct = rg.RelationshipNetwork(tables)
    before = direct.edges.copy()
    tables["ties"].loc[0, "strength"] = 0.01
    tables["people"].loc[0, "name"] = "changed"
    assert direct.people.loc[0, "name"] != "changed"
    pd.testing.assert_frame_equal(direct.edges, before)
    assert direct.ties["strength"].iloc[0] != 0.01 or pd.isna(direct.ties["strength"].iloc[0])


def test_find_ids_gives_each_id_its_position_and_minus_one_for_others() -> None:
    # By hand on the tiny network (p1..p4 at 0..3): repeats keep their position, a name or
    # an unknown id is -1 (find_ids never raises; index_of is the checked lookup).
    net = rg.datasets.tiny()
    got = net.find_ids(["p3", "Ann", "p3", "p1", "zz"])
    assert got.tolist() == [2, -1, 2, 0, -1]
    assert got.tolist()[:1] == net.index_of(["p3"]).tolist()
    assert len(net.find_ids([])) == 0
