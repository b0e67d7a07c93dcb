"""Tests of the influence model: solver, support index, leverage, hidden influencers, paths."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import relgraph as rg
from relgraph.analysis.influence import iterate
from relgraph.analysis.influence.model import _solve

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

# Friedkin & Johnsen (1999), "Social influence networks and opinion change", Advances in
# Group Processes 16:1-29: the empirically identified four-person influence matrix, as
# reprinted in Parsegov, Proskurnikov, Tempo & Friedkin (2017), "Novel multidimensional
# models of opinion dynamics in social networks", IEEE TAC 62(5):2270-2285
# (arXiv:1505.04920v5): W is their equation (2), Λ = I − diag(W), the initial opinions of
# two issues are equation (15) and the published equilibria equation (16).
FJ_W = np.array(
    [
        [0.220, 0.120, 0.360, 0.300],
        [0.147, 0.215, 0.344, 0.294],
        [0.000, 0.000, 1.000, 0.000],
        [0.090, 0.178, 0.446, 0.286],
    ]
)
FJ_LAMBDA = 1 - np.diag(FJ_W)


# --------------------------------------------------------------------------- solver
@pytest.mark.parametrize("method", ["auto", "direct", "iterative"])
@pytest.mark.parametrize("sparse", [False, True])
def test_published_four_person_example(method: str, sparse: bool) -> None:
    W = sp.csr_matrix(FJ_W) if sparse else FJ_W
    a = rg.friedkin_johnsen(W, FJ_LAMBDA, [25, 25, 75, 85], method=method)  # type: ignore[arg-type]
    b = rg.friedkin_johnsen(W, FJ_LAMBDA, [25, 15, -50, 5], method=method)  # type: ignore[arg-type]
    assert np.round(a).tolist() == [60, 60, 75, 75]
    assert np.round(b, 1).tolist() == [-19.3, -21.5, -50.0, -23.2]
    # both issues at once (columns are independent issues)
    both = rg.friedkin_johnsen(W, FJ_LAMBDA, np.column_stack([[25, 25, 75, 85], [25, 15, -50, 5]]))
    np.testing.assert_allclose(both[:, 0], a, atol=1e-9)
    np.testing.assert_allclose(both[:, 1], b, atol=1e-9)


def _iterate(W: np.ndarray, lam: np.ndarray, x0: np.ndarray, steps: int = 5000) -> np.ndarray:
    x = x0.copy()
    for _ in range(steps):
        x = lam * (W @ x) + (1 - lam) * x0
    return x


@given(
    n=st.integers(2, 9),
    seed=st.integers(0, 10_000),
    method=st.sampled_from(["direct", "iterative"]),
)
@settings(max_examples=50, deadline=None)
def test_solver_matches_dense_solve_and_iteration(n: int, seed: int, method: str) -> None:
    rng = np.random.default_rng(seed)
    R = rng.random((n, n)) * (rng.random((n, n)) < 0.5)
    R[R.sum(axis=1) == 0, 0] = 1.0
    W = R / R.sum(axis=1, keepdims=True)
    lam = rng.uniform(0, 0.95, n)
    x0 = rng.uniform(-3, 3, n)
    got = rg.friedkin_johnsen(sp.csr_matrix(W), lam, x0, method=method)  # type: ignore[arg-type]
    dense = np.linalg.solve(np.eye(n) - np.diag(lam) @ W, (1 - lam) * x0)
    np.testing.assert_allclose(got, dense, atol=1e-9)
    np.testing.assert_allclose(got, _iterate(W, lam, x0), atol=1e-7)


def test_solver_degroot_limit_with_stubborn_anchor() -> None:
    # λ = 1 for two people who follow a fully stubborn third: both end at the anchor.
    W = np.array([[0.5, 0.5, 0.0], [0.0, 0.5, 0.5], [0.0, 0.0, 1.0]])
    x = rg.friedkin_johnsen(W, [1.0, 1.0, 0.0], [0.0, 1.0, 3.0])
    np.testing.assert_allclose(x, [3.0, 3.0, 3.0], atol=1e-9)


def test_iterative_falls_back_when_contraction_is_slow() -> None:
    n = 40
    W = np.roll(np.eye(n), 1, axis=1)  # a ring: i listens to i+1
    lam = np.full(n, 0.999)
    x0 = np.linspace(-3, 3, n)
    got = rg.friedkin_johnsen(W, lam, x0, method="iterative", tol=1e-12)
    dense = np.linalg.solve(np.eye(n) - np.diag(lam) @ W, (1 - lam) * x0)
    np.testing.assert_allclose(got, dense, atol=1e-6)


@pytest.mark.parametrize(
    ("W", "lam", "x0", "message"),
    [
        (np.ones((2, 3)) / 3, 0.5, [0, 0], "square"),
        (np.array([[0.5, 0.4], [0.0, 1.0]]), 0.5, [0, 0], "row-stochastic"),
        (np.array([[1.5, -0.5], [0.0, 1.0]]), 0.5, [0, 0], "negative"),
        (np.eye(2), 1.5, [0, 0], "0..1"),
        (np.eye(2), [0.5, 0.5, 0.5], [0, 0], "susceptibility has shape"),
        (np.eye(2), 0.5, [0, 0, 0], "x0 has shape"),
        (np.eye(2), 0.5, [0, np.nan], "NaN"),
        (np.array([[0.0, 1.0], [1.0, 0.0]]), 1.0, [0, 1], "no unique equilibrium"),
    ],
)
def test_solver_rejects_bad_input(W: np.ndarray, lam: object, x0: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rg.friedkin_johnsen(W, lam, x0)  # type: ignore[arg-type]


def test_solver_rejects_unknown_method() -> None:
    with pytest.raises(ValueError, match="one of: auto, direct, iterative"):
        rg.friedkin_johnsen(np.eye(2), 0.5, [0, 0], method="magic")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- small networks
def _net(
    people: list[tuple[str, str, int | None]],
    ties: list[tuple[str, str, str, float | None]],
    roles: list[tuple[str, str]] | None = None,
    *,
    supports: dict[str, tuple[str, int | None]] | None = None,
    susceptibility: dict[str, float] | None = None,
) -> rg.RelationshipNetwork:
    """people: (id, org, attitude); orgs A (customer), U (us), R (competitor)."""
    supports = supports or {}
    susceptibility = susceptibility or {}
    pp = pd.DataFrame(
        {
            "id": [p[0] for p in people],
            "name": [p[0].upper() for p in people],
            "org": [p[1] for p in people],
            "attitude": pd.array([p[2] for p in people], dtype="Int64"),
            "supports": [supports.get(p[0], ("", None))[0] for p in people],
            "support": pd.array([supports.get(p[0], ("", None))[1] for p in people], "Int64"),
            "susceptibility": [susceptibility.get(p[0], np.nan) for p in people],
        }
    )
    orgs = pd.DataFrame(
        {"id": ["A", "U", "R"], "name": ["Acme", "Us", "Rival"],
         "kind": ["customer", "us", "competitor"]}
    )  # fmt: skip
    tt = pd.DataFrame(ties, columns=["source", "target", "kind", "strength"])
    opp = pd.DataFrame({"id": ["O"], "account": ["A"], "competitors": ["R"]})
    rr = pd.DataFrame(
        [("O", p, r) for p, r in (roles or [])], columns=["opportunity", "person", "role"]
    )
    return rg.RelationshipNetwork.from_frames(orgs, pp, tt, opp, rr)


def test_no_influence_ties_keeps_everyone_where_they_are() -> None:
    net = _net(
        [("a", "A", 2), ("b", "A", -1), ("c", "A", None), ("u", "U", None)],
        [("u", "a", "covers", None), ("u", "b", "informs", None)],
        [("a", "decider"), ("b", "user")],
    )
    pred = rg.predicted_attitudes(net).set_index("person")
    np.testing.assert_allclose(pred["predicted"], [2, -1, 0, 0])
    idx = rg.support_index(net).set_index("party")
    assert idx.loc["us", "index"] == pytest.approx((1.0 * 2 + 0.3 * -1) / 1.3)
    lev = rg.leverage(net).set_index("person")
    assert lev.loc["a", "leverage"] == pytest.approx(1.0 / 1.3)
    assert lev.loc["c", "leverage"] == 0.0


def test_stubborn_person_keeps_their_attitude() -> None:
    net = _net(
        [("d", "A", -2), ("s", "A", 3)],
        [("s", "d", "influences", 0.8)],
        [("d", "decider")],
        susceptibility={"d": 0.0},
    )
    pred = rg.predicted_attitudes(net).set_index("person")["predicted"]
    assert pred["d"] == -2.0
    assert rg.leverage(net).set_index("person").loc["s", "leverage"] == 0.0


def test_decider_swayed_only_by_our_supporter_moves_toward_plus_three() -> None:
    # W[d, s] = 1 (her only influence); λ = 0.5: x*_d = 0.5·3 + 0.5·0 = 1.5; s keeps +3.
    net = _net([("d", "A", 0), ("s", "A", 3)], [("s", "d", "influences", 0.8)], [("d", "decider")])
    pred = rg.predicted_attitudes(net).set_index("person")["predicted"]
    assert pred["d"] == pytest.approx(1.5)
    assert pred["s"] == pytest.approx(3.0)
    assert rg.support_index(net).loc[0, "index"] == pytest.approx(1.5)
    lev = rg.leverage(net).set_index("person")["leverage"]
    assert lev["d"] == pytest.approx(0.5)
    assert lev["s"] == pytest.approx(0.5)
    hid = rg.hidden_influencers(net)
    assert hid["person"].tolist() == ["s"]
    assert "through a direct influence tie (0.8)" in hid.loc[0, "why"]


def test_influence_matrix_weights_by_hand() -> None:
    # c reports to b (b sways c at 0.6, c advises b at 0.2), c–f friends (0.4 both ways),
    # e influences c (0.5) and is also c's former colleague (0.3 both ways; parallel ties add);
    # our u covers c and is c's friend (no weight: outside the customer's dynamics);
    # the competitor's r is f's friend (no weight either).
    net = _net(
        [("b", "A", 0), ("c", "A", 0), ("f", "A", 0), ("e", "A", 0), ("u", "U", None),
         ("r", "R", None)],
        [("c", "b", "reports_to", None), ("c", "f", "friend", None),
         ("e", "c", "influences", 0.5), ("e", "c", "former_colleague", None),
         ("u", "c", "covers", None), ("u", "c", "friend", None), ("r", "f", "friend", None)],
    )  # fmt: skip
    W = rg.influence_matrix(net).toarray()
    pos = {p: i for i, p in enumerate(net.person_ids)}
    total = 0.6 + 0.4 + 0.5 + 0.3
    assert W[pos["c"], pos["b"]] == pytest.approx(0.6 / total)
    assert W[pos["c"], pos["f"]] == pytest.approx(0.4 / total)
    assert W[pos["c"], pos["e"]] == pytest.approx(0.8 / total)
    assert W[pos["c"], pos["u"]] == 0.0
    assert W[pos["b"], pos["c"]] == pytest.approx(1.0)  # the report is b's only voice
    assert W[pos["f"], pos["c"]] == pytest.approx(1.0)  # r (competitor) carries no weight
    assert W[pos["e"], pos["c"]] == pytest.approx(1.0)  # former colleague backward 0.3
    assert W[pos["u"], pos["u"]] == 1.0 and W[pos["r"], pos["r"]] == 1.0
    np.testing.assert_allclose(W.sum(axis=1), 1.0)
    # settings override: the boss's sway doubles relative to the friend's
    s = net.settings.replace(influence_weight={"reports_to": (0.2, 0.8)})
    W2 = rg.influence_matrix(net.with_settings(s)).toarray()
    assert W2[pos["c"], pos["b"]] == pytest.approx(0.8 / (total + 0.2))


def test_competitor_index_and_role_holder_counted_once() -> None:
    # a holds two roles (decider 1.0, approver 0.8): counted once with power 1.0.
    net = _net(
        [("a", "A", -1), ("b", "A", 1), ("x", "A", 0)],
        [],
        [("a", "decider"), ("a", "approver"), ("b", "user")],
        supports={"a": ("R", None), "x": ("R", 3)},
    )
    idx = rg.support_index(net).set_index("party")
    assert idx.loc["us", "index"] == pytest.approx((1.0 * -1 + 0.3 * 1) / 1.3)
    assert idx.loc["R", "index"] == pytest.approx(1.0 * 2 / 1.3)  # blank support counts 2
    assert idx.loc["R", "supporters"] == 1
    assert idx.loc["R", "supporter_power_share"] == pytest.approx(1.0 / 1.3)
    assert idx.loc["us", "supporters"] == 1
    lev = rg.leverage(net).set_index("person")
    assert lev.loc["a", "roles"] == "decider, approver"
    assert lev.loc["a", "competitor_share"] == pytest.approx(1.0)
    assert lev.loc["x", "competitor_share"] == 0.0  # x holds no role and sways nobody


def test_blank_attitudes_are_counted() -> None:
    net = _net([("a", "A", None), ("b", "A", 1)], [], [("a", "decider"), ("b", "user")])
    idx = rg.support_index(net)
    assert idx.loc[0, "blank_attitudes"] == 1
    assert rg.leverage(net).attrs["blank_attitudes"] == 1


def test_settings_override_changes_susceptibility() -> None:
    net = _net([("d", "A", 0), ("s", "A", 3)], [("s", "d", "influences", 0.8)], [("d", "decider")])
    s = net.settings.replace(susceptibility=0.2)
    pred = rg.predicted_attitudes(net.with_settings(s)).set_index("person")["predicted"]
    assert pred["d"] == pytest.approx(0.6)
    assert rg.support_index(net.with_settings(s)).loc[0, "index"] == pytest.approx(0.6)


# --------------------------------------------------------------------------- properties
KINDS = ["influences", "friend", "family", "former_colleague", "alumni", "works_with"]


@st.composite
def random_networks(draw: st.DrawFn) -> dict[str, pd.DataFrame]:
    n = draw(st.integers(3, 10))
    ids = [f"p{i}" for i in range(n)]
    orgs_of = draw(st.lists(st.sampled_from(["A", "A", "A", "U", "R"]), min_size=n, max_size=n))
    orgs_of[0] = "A"
    att = draw(st.lists(st.one_of(st.none(), st.integers(-3, 3)), min_size=n, max_size=n))
    att = [a if o == "A" else None for a, o in zip(att, orgs_of, strict=True)]
    sus = draw(st.lists(st.one_of(st.none(), st.floats(0, 0.95)), min_size=n, max_size=n))
    backs = draw(st.lists(st.sampled_from(["", "", "R"]), min_size=n, max_size=n))
    ties = []
    seen: set[tuple[frozenset[int], str]] = set()
    for b in range(1, n):  # a reporting tree: each person may report to someone earlier
        boss = draw(st.one_of(st.none(), st.integers(0, b - 1)))
        if boss is not None and orgs_of[b] == orgs_of[boss]:  # lines stay on one side
            ties.append((ids[b], ids[boss], "reports_to", None))
            seen.add((frozenset((b, boss)), "reports_to"))
    for _ in range(draw(st.integers(0, 2 * n))):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        kind = draw(st.sampled_from(KINDS))
        key = (frozenset((a, b)), kind)
        if a == b or key in seen:
            continue
        seen.add(key)
        ties.append((ids[a], ids[b], kind, draw(st.one_of(st.none(), st.floats(0.05, 1.0)))))
    for a in range(n):  # our people cover some customer people (no sway)
        if orgs_of[a] == "U" and orgs_of[0] == "A":
            ties.append((ids[a], ids[0], "covers", None))
    holders = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True))
    holders = [h for h in holders if orgs_of[h] == "A"] or [0]
    roles = [("O", ids[h], draw(st.sampled_from(["decider", "user", "influencer"])))
             for h in holders]  # fmt: skip
    people = pd.DataFrame(
        {
            "id": ids,
            "name": ids,
            "org": orgs_of,
            "attitude": pd.array(att, dtype="Int64"),
            "supports": [b if o == "A" else "" for b, o in zip(backs, orgs_of, strict=True)],
            "susceptibility": [np.nan if s is None else s for s in sus],
        }
    )
    return {
        "orgs": pd.DataFrame(
            {
                "id": ["A", "U", "R"],
                "name": ["Acme", "Us", "Rival"],
                "kind": ["customer", "us", "competitor"],
            }
        ),  # fmt: skip
        "people": people,
        "ties": pd.DataFrame(ties, columns=["source", "target", "kind", "strength"]),
        "opportunities": pd.DataFrame({"id": ["O"], "account": ["A"], "competitors": ["R"]}),
        "roles": pd.DataFrame(roles, columns=["opportunity", "person", "role"]),
    }


def _build(frames: dict[str, pd.DataFrame]) -> rg.RelationshipNetwork:
    return rg.RelationshipNetwork.from_frames(**frames)


@given(frames=random_networks(), who=st.integers(0, 9))
@settings(max_examples=50, deadline=None)
def test_model_properties_on_random_networks(frames: dict[str, pd.DataFrame], who: int) -> None:
    net = _build(frames)
    # attitudes and indices stay in range
    pred = rg.predicted_attitudes(net)["predicted"]
    assert pred.between(-3 - 1e-9, 3 + 1e-9).all()
    idx = rg.support_index(net).set_index("party")["index"]
    assert -3 - 1e-9 <= idx["us"] <= 3 + 1e-9
    assert 0 - 1e-9 <= idx["R"] <= 3 + 1e-9
    lev = rg.leverage(net).set_index("person")
    assert (lev["leverage"] >= -1e-12).all()
    assert lev["leverage"].sum() == pytest.approx(1.0)
    assert (lev.loc[lev["party"].isin(["us", "competitor"]), "leverage"] == 0).all()
    # raising one person's attitude never lowers our index (monotonicity) …
    i = who % net.n_people
    pid = net.person_ids[i]
    old = float(net.people["attitude"].astype("Float64").fillna(0).iloc[i])
    up = rg.simulate(net, changes={pid: min(3.0, old + 1.0)}).index.set_index("party")
    assert up.loc["us", "after"] >= up.loc["us", "before"] - 1e-12
    # … and leverage equals the finite-difference slope of the index
    step = -1.0 if old > 0 else 1.0
    res = rg.simulate(net, changes={pid: old + step}).index.set_index("party")
    fd = (res.loc["us", "after"] - res.loc["us", "before"]) / step
    assert fd == pytest.approx(lev.loc[pid, "leverage"], abs=1e-9)
    # the competitor's index is also Σ leverage · backing
    shares = lev.loc[lev["backs"] == "R", "competitor_share"]
    if idx["R"] > 1e-12:
        assert shares.sum() == pytest.approx(1.0)


@given(frames=random_networks(), seed=st.integers(0, 1000))
@settings(max_examples=25, deadline=None)
def test_results_do_not_depend_on_row_order(frames: dict[str, pd.DataFrame], seed: int) -> None:
    net = _build(frames)
    shuffled = {
        name: f.sample(frac=1.0, random_state=seed).reset_index(drop=True)
        for name, f in frames.items()
    }
    net2 = _build(shuffled)
    a = rg.leverage(net).set_index("person").sort_index()
    b = rg.leverage(net2).set_index("person").sort_index()
    np.testing.assert_allclose(a["leverage"], b["leverage"], atol=1e-12)
    np.testing.assert_allclose(a["predicted"], b["predicted"], atol=1e-12)
    pd.testing.assert_frame_equal(
        rg.support_index(net).drop(columns="why"),
        rg.support_index(net2).drop(columns="why"),
        atol=1e-12,
    )
    h1 = rg.hidden_influencers(net).set_index("person").sort_index()
    h2 = rg.hidden_influencers(net2).set_index("person").sort_index()
    np.testing.assert_allclose(h1["leverage"], h2["leverage"], atol=1e-12)
    assert set(h1.index) == set(h2.index)


# --------------------------------------------------------------------------- sample account
@pytest.fixture(scope="module")
def sample() -> rg.RelationshipNetwork:
    return rg.datasets.sample()


def test_sample_planted_hidden_influencers_rank_on_top(sample: rg.RelationshipNetwork) -> None:
    hid = rg.hidden_influencers(sample, "OPP-1", include_sensitive=True)
    assert set(hid["person"].head(5)) == {"C002", "E03", "E02", "E04", "C020"}
    assert hid["person"].iloc[0] == "C002"
    assert hid["rank"].tolist() == list(range(1, len(hid) + 1))
    assert hid["leverage"].is_monotonic_decreasing
    assert hid["why"].str.len().gt(20).all()
    top = hid.set_index("person")
    assert top.loc["C002", "sways"] == "C005"
    assert "influences 0.9 → C005" in top.loc["C002", "via"]
    assert "C006" in top.loc["E02", "sways"]
    assert {"C021", "C031"} <= set(top.loc["C020", "sways"].split(", "))
    # no role holders, no staff of ours or the competitors
    holders = set(sample.opportunity_roles("OPP-1")["person"])
    assert not holders & set(hid["person"])
    assert set(hid["party"]) <= {"customer", "partner", "other"}


def test_sample_sensitive_evidence_is_withheld_unless_asked(
    sample: rg.RelationshipNetwork,
) -> None:
    # E03, the CFO's husband, is known only through sensitive ties (family): by default he
    # is counted at his rank, not named (DOMAIN §11), and nothing in the row points to him
    hid = rg.hidden_influencers(sample, "OPP-1", k=5)
    row = hid[hid["person"].eq("")].iloc[0]
    assert row["withheld"] == 1 and "include_sensitive=True" in row["why"]
    assert "E03" not in set(hid["person"])
    text = " ".join(str(v) for v in hid.to_numpy().ravel())
    assert not any(w in text for w in ("E03", "Cai Ming", "蔡明", "C007"))
    hid = hid.set_index("rank")
    full = rg.hidden_influencers(sample, "OPP-1", k=5, include_sensitive=True).set_index("person")
    assert full.loc["E03", "sways"] == "C007"
    assert "family" in full.loc["E03", "via"] and full.loc["E03", "withheld"] == 0
    # the ranking itself does not depend on what is shown
    assert full["leverage"].tolist() == pytest.approx(hid["leverage"].tolist())
    assert hid.loc[int(full.loc["E03", "rank"]), "name"].startswith("(withheld")


def test_sample_indices_tell_the_story(sample: rg.RelationshipNetwork) -> None:
    idx = rg.support_index(sample, "OPP-1").set_index("party")
    assert list(idx.index) == ["us", "ORI", "BOR"]
    assert idx.loc["ORI", "index"] > idx.loc["BOR", "index"] > 0  # Orion holds the CEO
    lev = rg.leverage(sample, "OPP-1", include_sensitive=True)
    assert lev["person"].iloc[0] == "C005"  # the CEO, decider
    assert list(lev.columns[:6]) == ["person", "name", "party", "org", "roles", "power"]
    ori = lev[lev["backs"] == "ORI"]
    assert ori["competitor_share"].sum() == pytest.approx(1.0)
    assert ori.set_index("person")["competitor_share"].idxmax() == "C005"
    # our index = Σ leverage · x0 (linearity of the model)
    x0 = lev["attitude"].astype("Float64").fillna(0).to_numpy(dtype=float)
    assert float(lev["leverage"] @ x0) == pytest.approx(idx.loc["us", "index"])


def test_leverage_does_not_change_the_network(sample: rg.RelationshipNetwork) -> None:
    before = {k: v.copy() for k, v in sample.to_frames().items()}
    rg.leverage(sample, "OPP-1")
    rg.hidden_influencers(sample, "OPP-1")
    for name, frame in sample.to_frames().items():
        pd.testing.assert_frame_equal(frame, before[name])


def test_unknown_opportunity_is_an_error(sample: rg.RelationshipNetwork) -> None:
    with pytest.raises(rg.UnknownOpportunityError):
        rg.leverage(sample, "OPP-9")
    with pytest.raises(rg.UnknownOpportunityError):
        rg.support_index(sample)  # two opportunities: must say which


def test_hidden_influencers_options(sample: rg.RelationshipNetwork) -> None:
    assert len(rg.hidden_influencers(sample, "OPP-1", k=2)) == 2
    assert rg.hidden_influencers(sample, "OPP-1", min_leverage=0.02)["leverage"].min() >= 0.02
    with pytest.raises(ValueError, match="k = -1"):
        rg.hidden_influencers(sample, "OPP-1", k=-1)


# --------------------------------------------------------------------------- paths
def test_influence_paths_by_hand() -> None:
    net = rg.datasets.tiny()
    paths = rg.influence_paths(net, "p3", "p1", k=3).paths
    W = rg.influence_matrix(net)
    i = {p: k for k, p in enumerate(net.person_ids)}
    expected = W[i["p2"], i["p3"]] * W[i["p1"], i["p2"]]  # 0.25 · 0.2
    assert len(paths) == 1
    assert paths.loc[0, "path"] == ["p3", "p2", "p1"]
    assert paths.loc[0, "strength"] == pytest.approx(expected)
    assert paths.loc[0, "strength"] == pytest.approx(0.05)
    assert paths.loc[0, "kinds"] == ["reports_to", "reports_to"]


def test_influence_paths_sample_ranked_and_labelled(sample: rg.RelationshipNetwork) -> None:
    paths = rg.influence_paths(sample, "E02", "C005", k=3).paths
    # only two simple chains exist within 6 hops: via the CTO, and the long way round
    # through the VP of Networks, the IT director and the CIO
    assert len(paths) == 2
    assert paths.loc[0, "path"] == ["E02", "C006", "C005"]
    assert paths.loc[1, "hops"] == 5
    assert paths["strength"].is_monotonic_decreasing
    assert paths.loc[0, "path"][:2] == ["E02", "C006"]
    assert paths.loc[0, "kinds"][0] == "influences+former_colleague"
    assert all(len(k) == h for k, h in zip(paths["kinds"], paths["hops"], strict=True))
    # strength is the product of the W weights along the chain
    W = rg.influence_matrix(sample)
    pos = sample.index_of(paths.loc[1, "path"])
    prod = np.prod([W[b, a] for a, b in zip(pos[:-1], pos[1:], strict=True)])
    assert paths.loc[1, "strength"] == pytest.approx(prod)


def test_influence_paths_sensitive_hops(sample: rg.RelationshipNetwork) -> None:
    hidden = rg.influence_paths(sample, "E03", "C007")
    assert hidden.paths.empty and hidden.withheld >= 1
    assert "left out" in str(hidden)  # the printed result says what was withheld
    shown = rg.influence_paths(sample, "E03", "C007", include_sensitive=True).paths
    assert shown.loc[0, "path"] == ["E03", "C007"]
    assert set(shown.loc[0, "kinds"][0].split("+")) == {"influences", "family"}


def test_influence_paths_errors(sample: rg.RelationshipNetwork) -> None:
    with pytest.raises(rg.UnknownPersonError):
        rg.influence_paths(sample, "nobody", "C005")
    with pytest.raises(ValueError, match="same person"):
        rg.influence_paths(sample, "C005", "C005")
    with pytest.raises(ValueError, match="k = 0"):
        rg.influence_paths(sample, "C002", "C005", k=0)
    assert rg.influence_paths(sample, "N01", "C005").paths.empty  # our staff carry no sway


def test_iterative_solver_path_used_for_networks(sample: rg.RelationshipNetwork) -> None:
    from relgraph.analysis.influence.model import model

    m = model(sample)
    b = (1 - m.lam) * m.x0
    np.testing.assert_allclose(
        _solve(m.W, m.lam, b, method="direct"),
        _solve(m.W, m.lam, b, method="iterative"),
        atol=1e-9,
    )
    np.testing.assert_allclose(
        _solve(m.W, m.lam, b, transpose=True, method="direct"),
        _solve(m.W, m.lam, b, transpose=True, method="iterative"),
        atol=1e-9,
    )


# --------------------------------------------------------------------------- public data
def test_krackhardt_advice_network_runs_through_leverage() -> None:
    folder = SHARED / "datasets" / "public"
    if not (folder / "krackhardt_advice.csv").exists():
        pytest.skip(f"public data sets not found at {folder}")
    advice = pd.read_csv(folder / "krackhardt_advice.csv")
    reports = pd.read_csv(folder / "krackhardt_reports_to.csv")
    attrs = pd.read_csv(folder / "krackhardt_attributes.csv")
    ids = [f"k{i}" for i in attrs["id"]]
    people = pd.DataFrame(
        {"id": ids, "name": ids, "org": "K", "level": attrs["level"] + 1, "attitude": 0}
    )
    # "source asks target for advice": the adviser (target) sways the asker (source)
    ties = pd.concat(
        [
            pd.DataFrame({"source": "k" + advice["target"].astype(str),
                          "target": "k" + advice["source"].astype(str), "kind": "influences"}),
            pd.DataFrame({"source": "k" + reports["source"].astype(str),
                          "target": "k" + reports["target"].astype(str), "kind": "reports_to"}),
        ]
    )  # fmt: skip
    vps = ["k" + str(i) for i in attrs.loc[attrs["level"] == 2, "id"]]
    roles = pd.DataFrame(
        {"opportunity": "O", "person": ["k7", *vps], "role": ["decider"] + ["approver"] * len(vps)}
    )
    net = rg.RelationshipNetwork.from_frames(
        orgs=pd.DataFrame({"id": ["K"], "name": ["Krackhardt"], "kind": ["customer"]}),
        people=people,
        ties=ties,
        opportunities=pd.DataFrame({"id": ["O"], "account": ["K"]}),
        roles=roles,
    )
    assert len(net.ties) == 190 + 20
    lev = rg.leverage(net)
    assert len(lev) == 21 and np.isfinite(lev["leverage"]).all()
    assert lev["leverage"].sum() == pytest.approx(1.0)
    assert lev["person"].iloc[0] in {"k7", *vps}
    # the most sought-after adviser (manager 2, advice in-degree 18) is the top non-role holder
    hid = rg.hidden_influencers(net)
    assert hid["person"].iloc[0] == "k2" or "k2" in vps


# --------------------------------------------------------------------------- memo and scale
def test_one_solve_is_shared_and_callers_cannot_corrupt_it() -> None:
    net = rg.datasets.sample()
    from relgraph.analysis.influence import model as inf

    calls = []
    real = inf._solve

    def counting(*args: object, **kwargs: object) -> np.ndarray:
        calls.append(kwargs.get("transpose", False))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    inf._solve = counting  # type: ignore[assignment]
    try:
        first = rg.leverage(net, "OPP-1")
        rg.support_index(net, "OPP-1")
        rg.hidden_influencers(net, "OPP-1")
        rg.decision_chain(net, "OPP-1")
        again = rg.leverage(net, "OPP-1")
        rg.predicted_attitudes(net)
    finally:
        inf._solve = real  # type: ignore[assignment]
    assert sorted(calls) == [False, True]  # one forward (x*), one transposed (leverage)
    pd.testing.assert_frame_equal(first, again)
    assert first.attrs == again.attrs
    # a caller changing their copy does not change the next answer
    first.loc[0, "leverage"] = 99.0
    first.attrs["blank_attitudes"] = -1
    third = rg.leverage(net, "OPP-1")
    pd.testing.assert_frame_equal(third, again)
    assert third.attrs == again.attrs
    W = rg.influence_matrix(net)
    W.data[:] = 0.0
    assert rg.influence_matrix(net).sum() == pytest.approx(net.n_people)  # rows sum to 1


def test_other_settings_get_their_own_results() -> None:
    net = rg.datasets.sample()
    base = rg.leverage(net, "OPP-1").set_index("person")["leverage"]
    s = net.settings.replace(susceptibility=0.2)
    other = net.with_settings(s)
    assert other is not net and other.settings.susceptibility == 0.2
    assert net.settings.susceptibility == 0.5  # with_settings never changes the original
    via_net = rg.leverage(other, "OPP-1").set_index("person")["leverage"]
    via_arg = rg.leverage(net.with_settings(s), "OPP-1").set_index("person")["leverage"]
    pd.testing.assert_series_equal(via_net, via_arg)
    assert not np.allclose(via_net.loc[base.index], base)
    # and the base network's memo still answers with its own settings
    pd.testing.assert_series_equal(rg.leverage(net, "OPP-1").set_index("person")["leverage"], base)
    i_base = rg.support_index(net, "OPP-1").loc[0, "index"]
    i_other = rg.support_index(other, "OPP-1").loc[0, "index"]
    assert i_base != pytest.approx(i_other)


def _random_weighted_net(n: int, seed: int, extra: int) -> rg.RelationshipNetwork:
    rng = np.random.default_rng(seed)
    ids = [f"p{i:04d}" for i in range(n)]
    people = pd.DataFrame(
        {"id": ids, "name": ids, "org": "A",
         "attitude": pd.array(rng.integers(-3, 4, n), dtype="Int64")}
    )  # fmt: skip
    src = rng.integers(0, n, extra)
    dst = rng.integers(0, n, extra)
    ok = src != dst
    pair = pd.DataFrame({"a": np.minimum(src, dst), "b": np.maximum(src, dst)})[ok]
    pair = pair.drop_duplicates()
    kinds = np.array(["friend", "influences", "works_with"])[rng.integers(0, 3, len(pair))]
    ties = pd.DataFrame(
        {
            "source": [ids[a] for a in pair["a"]],
            "target": [ids[b] for b in pair["b"]],
            "kind": kinds,
            "strength": np.where(kinds == "influences", rng.uniform(0.2, 1, len(pair)), np.nan),
        }
    )
    roles = pd.DataFrame(
        {"opportunity": "O", "person": [ids[0], ids[1], ids[2]],
         "role": ["decider", "influencer", "user"]}
    )  # fmt: skip
    return rg.RelationshipNetwork.from_frames(
        pd.DataFrame({"id": ["A"], "name": ["Acme"], "kind": ["customer"]}),
        people,
        ties,
        pd.DataFrame({"id": ["O"], "account": ["A"]}),
        roles,
    )


def test_large_networks_iterate_to_the_direct_answer() -> None:
    from relgraph.analysis.influence.model import _DIRECT_SMALL, model
    from relgraph.analysis.influence.support import power

    net = _random_weighted_net(_DIRECT_SMALL + 300, seed=3, extra=3000)
    lev = rg.leverage(net, "O").set_index("person").loc[net.person_ids]
    m = model(net)
    assert "lu" not in m.memo  # auto chose the iteration
    _, p, _ = power(net, "O")
    z = _solve(m.W, m.lam, p / p.sum(), transpose=True, method="direct")
    # the network-level solves stop at an error bound of 1e-9 (1-norm for leverage) …
    assert np.abs(lev["leverage"].to_numpy() - (1 - m.lam) * z).sum() <= 1e-9
    x = _solve(m.W, m.lam, (1 - m.lam) * m.x0, method="direct")
    # … and 1e-9 · max(1, max |x*|) ≤ 3e-9 for the predicted attitudes
    np.testing.assert_allclose(lev["predicted"], x, rtol=0, atol=3e-9)


@given(n=st.integers(3, 7), seed=st.integers(0, 10_000), k=st.integers(1, 4))
@settings(max_examples=30, deadline=None)
def test_influence_paths_are_the_k_strongest_chains(n: int, seed: int, k: int) -> None:
    import networkx as nx

    net = _random_weighted_net(n, seed, extra=3 * n)
    W = rg.influence_matrix(net).toarray()
    g = nx.DiGraph()
    g.add_edges_from((a, b) for b, a in zip(*np.nonzero(W), strict=True) if a != b)
    src, dst = 1, 0
    if src not in g or dst not in g:
        assert rg.influence_paths(net, net.person_ids[src], net.person_ids[dst]).paths.empty
        return
    every = sorted(
        (float(np.prod([W[b, a] for a, b in zip(path[:-1], path[1:], strict=True)])), path)
        for path in nx.all_simple_paths(g, src, dst)
    )[::-1]
    got = rg.influence_paths(net, net.person_ids[src], net.person_ids[dst], k=k).paths
    assert len(got) == min(k, len(every))
    np.testing.assert_allclose(
        got["strength"].to_numpy(dtype=float), [s for s, _ in every[:k]], rtol=1e-9
    )
    assert got["strength"].is_monotonic_decreasing
    for path, kinds in zip(got["path"], got["kinds"], strict=True):
        assert len(kinds) == len(path) - 1
        for a, b, label in zip(path[:-1], path[1:], kinds, strict=True):
            real = net.ties[
                ((net.ties["source"] == a) & (net.ties["target"] == b))
                | ((net.ties["source"] == b) & (net.ties["target"] == a))
            ]["kind"].astype(str)
            assert set(label.split("+")) <= set(real)


@given(
    n=st.integers(2, 40),
    seed=st.integers(0, 10_000),
    k=st.integers(1, 3),
    slow=st.booleans(),
    eager=st.booleans(),
)
@settings(max_examples=60, deadline=None)
def test_accelerated_iteration_meets_its_error_bound(
    n: int, seed: int, k: int, slow: bool, eager: bool
) -> None:
    # The Anderson-mixed iteration stops on the plain iteration's bound: max-norm error of
    # x* forward, 1-norm error per column transposed, both ≤ tol relative to max(1, |x|);
    # mixed from the first step (eager: large networks) or once the plain steps slow down.
    rng = np.random.default_rng(seed)
    R = rng.random((n, n)) * (rng.random((n, n)) < 0.4)
    R[R.sum(axis=1) == 0, rng.integers(0, n)] = 1.0
    W = sp.csr_matrix(R / R.sum(axis=1, keepdims=True))
    lam = rng.uniform(0.8, 0.97, n) if slow else rng.uniform(0, 0.7, n)
    lam[rng.random(n) < 0.2] = 0.0
    b = rng.uniform(-3, 3, (n, k))
    A = np.eye(n) - np.diag(lam) @ W.toarray()
    for transpose in (False, True):
        with mock.patch.object(iterate, "MIX_FROM", 0 if eager else 10**9):
            got = _solve(W, lam, b, transpose=transpose, method="iterative", tol=1e-9)
        exact = np.linalg.solve(A.T if transpose else A, b)
        err = np.abs(got - exact)
        scale = max(1.0, float(np.abs(got).max()))
        assert float((err.sum(axis=0) if transpose else err).max()) <= 1e-9 * scale


def test_reports_to_reads_from_the_person_who_sways() -> None:
    # By hand: the decider reports to the boss (no role), and the aide (no role) reports
    # to the decider. The boss sways the decider as their boss: read from the boss the tie
    # is "manages"; the aide sways the decider as a report: "reports_to".
    orgs = pd.DataFrame({"id": ["A", "U"], "name": ["Acme", "Us"], "kind": ["customer", "us"]})
    people = pd.DataFrame(
        {"id": ["boss", "dec", "aide"], "name": ["Boss", "Dec", "Aide"], "org": ["A", "A", "A"]}
    )
    ties = pd.DataFrame(
        {"source": ["dec", "aide"], "target": ["boss", "dec"], "kind": ["reports_to", "reports_to"]}
    )
    opps = pd.DataFrame({"id": ["O"], "name": ["Deal"], "account": ["A"]})
    roles = pd.DataFrame({"opportunity": ["O"], "person": ["dec"], "role": ["decider"]})
    net = rg.RelationshipNetwork.from_frames(orgs, people, ties, opps, roles)
    hid = rg.hidden_influencers(net).set_index("person")
    assert hid.loc["boss", "via"].startswith("manages ") and hid.loc["boss", "via"].endswith(
        "→ dec"
    )
    assert hid.loc["aide", "via"].startswith("reports_to ")
    assert "as their boss" in hid.loc["boss", "why"]
    paths = rg.influence_paths(net, "boss", "dec").paths
    assert paths.loc[0, "kinds"] == ["manages"]
    assert "manages" in paths.loc[0, "route"]
    up = rg.influence_paths(net, "aide", "dec").paths
    assert up.loc[0, "kinds"] == ["reports_to"]


def test_small_systems_mix_only_once_the_plain_steps_slow_down() -> None:
    # By hand: with every λ = 0.2 the plain steps shrink five-fold each, so a small system
    # never mixes (each step is the plain x ← ΛWx + b, exactly); with λ = 0.95 a step
    # shrinks by under half and the mixing starts, needing fewer steps than the plain
    # iteration would.
    n = 30
    rng = np.random.default_rng(3)
    R = rng.random((n, n)) * (rng.random((n, n)) < 0.3) + np.eye(n, k=1)
    R[-1, 0] = 1.0
    W = sp.csr_matrix(R / R.sum(axis=1, keepdims=True))
    b = rng.uniform(-3, 3, n)
    for lam_value, mixes in ((0.2, False), (0.95, True)):
        lam = np.full(n, lam_value)
        seen: list[np.ndarray] = []

        def product(x: np.ndarray, seen: list[np.ndarray] = seen) -> np.ndarray:
            seen.append(x.copy())
            return np.asarray(W @ x)

        got = _solve(None, lam, b, method="iterative", tol=1e-9, product=product)
        plain = [seen[0]]
        for _ in seen[1:]:
            plain.append(lam * (W @ plain[-1]) + b)
        followed = all(np.array_equal(s, p) for s, p in zip(seen, plain, strict=True))
        assert followed is not mixes, lam_value
        exact = np.linalg.solve(np.eye(n) - np.diag(lam) @ W.toarray(), b)
        assert np.abs(got - exact).max() <= 1e-9 * max(1.0, np.abs(got).max()) * 1.0001
