"""Loading real, published networks (Krackhardt, Lazega, Padgett) through the validator.

The data live in ``../shared/datasets/public/`` next to the repository (see PROVENANCE.md
there); they are not copied into the repository. Tests skip where the folder is absent.

How the published relations map onto relgraph's tables:

* Krackhardt (1987) high-tech managers, 21 people in one firm. Krackhardt's levels are
  1 = CEO, 2 = vice-president, 3 = manager; relgraph's are 1 = board, 2 = C-suite,
  3 = VP/director, 4 = manager, so **relgraph level = Krackhardt level + 1**
  (CEO → 2, VP → 3, manager → 4). ``reports_to`` is used as given (source reports to
  target). Advice ("source asks target for advice") becomes an ``influences`` tie from the
  adviser to the asker (target → source), since the adviser sways the one who asks.
* Lazega law firm, 71 lawyers: advice as ``influences`` (adviser → asker, as above);
  co-work is symmetric in the file (both directions listed), and personal ties are
  undirected in relgraph, so each pair is kept once (lower id first): 378 ``works_with``.
* Padgett's Florentine families: marriages as ``family`` ties between families.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import relgraph as rg
from relgraph.errors import Reason, ValidationError

PUBLIC = Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets" / "public"


@pytest.fixture(scope="module")
def public() -> Path:
    if not (PUBLIC / "krackhardt_advice.csv").is_file():
        pytest.skip(f"public network data not found at {PUBLIC.resolve()} (../shared is absent)")
    return PUBLIC


def read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


def krackhardt(folder: Path) -> rg.RelationshipNetwork:
    attrs = read(folder, "krackhardt_attributes")
    people = pd.DataFrame(
        {
            "id": "K" + attrs["id"],
            "name": "Manager " + attrs["id"],
            "org": "HT",
            "level": (attrs["level"].astype(int) + 1).astype(str),
            "department": attrs["department"],
            "age": attrs["age"],
            "tenure": attrs["tenure"],
        }
    )
    reports = read(folder, "krackhardt_reports_to")
    advice = read(folder, "krackhardt_advice")
    ties = pd.concat(
        [
            pd.DataFrame(
                {"source": "K" + reports["source"], "target": "K" + reports["target"]}
            ).assign(kind="reports_to"),
            pd.DataFrame(
                {"source": "K" + advice["target"], "target": "K" + advice["source"]}
            ).assign(kind="influences"),
        ],
        ignore_index=True,
    )
    orgs = pd.DataFrame(
        {"id": ["HT"], "name": ["Krackhardt's high-tech firm"], "kind": ["customer"]}
    )
    return rg.RelationshipNetwork.from_frames(orgs, people, ties)


def lazega_ties(folder: Path, *, fold_cowork: bool = True) -> pd.DataFrame:
    advice = read(folder, "lazega_advice")
    cowork = read(folder, "lazega_cowork")
    if fold_cowork:
        a, b = cowork["source"].astype(int), cowork["target"].astype(int)
        cowork = cowork[(a < b).to_numpy()]
    return pd.concat(
        [
            pd.DataFrame(
                {"source": "L" + advice["target"], "target": "L" + advice["source"]}
            ).assign(kind="influences"),
            pd.DataFrame(
                {"source": "L" + cowork["source"], "target": "L" + cowork["target"]}
            ).assign(kind="works_with"),
        ],
        ignore_index=True,
    )


def lazega_people(folder: Path) -> pd.DataFrame:
    attrs = read(folder, "lazega_attributes")
    return attrs.assign(id="L" + attrs["id"], name="Lawyer " + attrs["id"], org="LF").rename(
        columns={"status": "title", "practice": "department"}
    )


LAZEGA_ORGS = pd.DataFrame({"id": ["LF"], "name": ["Lazega's law firm"], "kind": ["customer"]})


def test_krackhardt_counts(public: Path) -> None:
    net = krackhardt(public)
    assert len(net.people) == 21
    kinds = net.ties["kind"].value_counts()
    assert kinds["reports_to"] == 20
    assert kinds["influences"] == 190
    assert net.adjacency(["influences"]).nnz == 190
    assert net.adjacency(["reports_to"]).nnz == 20


def test_krackhardt_level_mapping(public: Path) -> None:
    net = krackhardt(public)
    level = net.people.set_index("id")["level"]
    assert level["K7"] == 2  # the CEO (Krackhardt level 1)
    assert sorted(level.value_counts().items()) == [(2, 1), (3, 4), (4, 16)]
    assert net.people["age"].iloc[0] == "33"  # extra columns are kept as attributes


def test_krackhardt_org_chart_is_a_tree_under_the_ceo(public: Path) -> None:
    net = krackhardt(public)
    rep = net.ties[net.ties["kind"] == "reports_to"]
    assert "K7" not in set(rep["source"])  # the CEO reports to nobody
    assert rep["target"].value_counts()["K14"] == 7
    g = nx.DiGraph(list(zip(rep["source"], rep["target"], strict=True)))
    assert nx.is_arborescence(g.reverse())


def test_krackhardt_most_sought_adviser(public: Path) -> None:
    net = krackhardt(public)
    out_influence = net.adjacency(["influences"], weight=None).sum(axis=1).A1
    top = pd.Series(out_influence, index=net.person_ids).sort_values(ascending=False)
    assert top.index[0] == "K2" and top.iloc[0] == 18  # PROVENANCE: in-degree 18 for 2
    assert top["K18"] == top["K21"] == 15


def test_krackhardt_advice_reciprocity_is_preserved(public: Path) -> None:
    net = krackhardt(public)
    a = net.adjacency(["influences"], weight=None)
    mutual = int(a.multiply(a.T).sum()) // 2
    asymmetric = a.nnz - 2 * mutual
    # dyadic reciprocity over non-null dyads, Rawlings et al. (2023) ch. 7
    assert mutual / (mutual + asymmetric) == pytest.approx(0.3103448, abs=1e-7)


def test_lazega_loads_with_cowork_folded(public: Path) -> None:
    net = rg.RelationshipNetwork.from_frames(
        LAZEGA_ORGS, lazega_people(public), lazega_ties(public)
    )
    assert len(net.people) == 71
    kinds = net.ties["kind"].value_counts()
    assert kinds["influences"] == 892
    assert kinds["works_with"] == 378
    partners = {f"L{i}" for i in range(1, 37)}
    cw = net.ties[net.ties["kind"] == "works_with"]
    among_partners = cw["source"].isin(partners) & cw["target"].isin(partners)
    assert int(among_partners.sum()) == 115  # Kolaczyk & Csárdi: "IGRAPH UN-- 36 115"
    assert net.adjacency(["works_with"], symmetric=True).nnz == 2 * 378
    indeg = net.adjacency(["influences"], weight=None).sum(axis=1).A1
    assert net.person_ids[indeg.argmax()] == "L26" and indeg.max() == 37


def test_lazega_cowork_both_ways_is_reported_not_double_counted(public: Path) -> None:
    ties = lazega_ties(public, fold_cowork=False)
    with pytest.raises(ValidationError) as info:
        rg.RelationshipNetwork.from_frames(LAZEGA_ORGS, lazega_people(public), ties)
    problems = info.value.problems
    assert {p.reason for p in problems} == {Reason.DUPLICATE_ROW}
    assert len(problems) == 378
    assert all(p.table == "ties" and "undirected" in p.hint for p in problems)


def test_florentine_marriages_as_family_ties(public: Path) -> None:
    marriage = read(public, "florentine_marriage")
    families = sorted(set(marriage["source"]) | set(marriage["target"]))
    net = rg.RelationshipNetwork.from_frames(
        pd.DataFrame({"id": ["FL"], "name": ["Florence"], "kind": ["other"]}),
        pd.DataFrame({"id": families, "name": families, "org": "FL"}),
        marriage.assign(kind="family"),
    )
    assert len(net.people) == 15 and len(net.ties) == 20
    assert net.edges["sensitive"].all()  # family ties are personal data by default
    assert net.adjacency(include_sensitive=False).nnz == 0
    g = nx.Graph(net.adjacency(["family"], symmetric=True))
    btw = nx.betweenness_centrality(g)
    medici = int(net.index_of("Medici")[0])
    assert btw[medici] == pytest.approx(0.521978, abs=1e-6)  # PROVENANCE.md
