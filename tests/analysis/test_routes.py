import math
from itertools import pairwise

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import relgraph as rg
from relgraph.analysis.routes import BULK_COLUMNS, ROUTE_COLUMNS


def make_net(ties, *, ours=("u1",), others=(), dnc=(), affiliations=None, max_hops=4):
    """People named in ties; ``ours`` at org U (us), the rest at customer C."""
    names = sorted({p for s, t, *_ in ties for p in (s, t)} | set(ours) | set(others))
    people = pd.DataFrame(
        {
            "id": names,
            "name": [n.upper() for n in names],
            "org": ["U" if n in ours else "C" for n in names],
            "do_not_contact": [n in dnc for n in names],
        }
    )
    orgs = pd.DataFrame({"id": ["U", "C"], "name": ["Us", "Cust"], "kind": ["us", "customer"]})
    rows = []
    for tie in ties:
        s, t, strength = tie[:3]
        kind = tie[3] if len(tie) > 3 else "friend"
        sens = tie[4] if len(tie) > 4 else None
        rows.append(
            {"source": s, "target": t, "kind": kind, "strength": strength, "sensitive": sens}
        )
    net = rg.RelationshipNetwork.from_frames(
        orgs=orgs, people=people, ties=pd.DataFrame(rows), affiliations=affiliations
    )
    if max_hops != 4:
        net = net.with_settings(max_hops=max_hops)
    return net


THREE = [
    ("u1", "a", 0.9),
    ("a", "t", 0.8),  # 0.72
    ("u1", "b", 0.8),
    ("b", "t", 0.7),  # 0.56
    ("u1", "c", 0.5),
    ("c", "d", 0.9),
    ("d", "t", 0.9),  # 0.405
]


def test_known_first_second_third_routes():
    rep = rg.connection_routes(make_net(THREE), "t", source="u1")
    r = rep.routes
    assert list(r.columns) == list(ROUTE_COLUMNS)
    assert r["path"].tolist() == [("u1", "a", "t"), ("u1", "b", "t"), ("u1", "c", "d", "t")]
    assert r["strength"].tolist() == pytest.approx([0.72, 0.56, 0.405])
    assert r["rank"].tolist() == [1, 2, 3]
    assert r["hops"].tolist() == [2, 2, 3]
    assert r["disjoint"].tolist() == [True, True, True]
    assert r.loc[2, "weakest_strength"] == pytest.approx(0.5)
    assert r.loc[2, "weakest_link"] == ("u1", "c")
    assert r.loc[0, "kinds"] == ("friend", "friend")
    assert r.loc[0, "strengths"] == pytest.approx((0.9, 0.8))
    assert "U1 [us] — friend 0.90 → A [customer] — friend 0.80 → T [customer]" == r.loc[0, "route"]
    assert "0.72 = 0.90 × 0.80" in r.loc[0, "why"]
    assert rep.excluded == 0
    assert rep.single_point_of_failure is None
    assert "3 route(s)" in str(rep)


def test_disjointness_and_appended_alternative():
    ties = [*THREE, ("b", "a", 0.99)]  # u1-b-a-t = 0.8*0.99*0.8 = 0.6336 beats u1-b-t
    rep = rg.connection_routes(make_net(ties), "t", source="u1", k=2)
    r = rep.routes
    assert r["path"].tolist()[:2] == [("u1", "a", "t"), ("u1", "b", "a", "t")]
    assert r["disjoint"].tolist()[:2] == [True, False]
    # neither of the top 2 is independent of the first: the best disjoint one is appended
    assert len(r) == 3
    assert r.loc[2, "path"] == ("u1", "b", "t")
    assert r.loc[2, "disjoint"]
    assert "node-disjoint alternative" in r.loc[2, "why"]


def test_team_routes_start_at_different_people_and_skip_colleagues_in_the_middle():
    ties = [("u1", "a", 0.9), ("a", "t", 0.9), ("u2", "t", 0.5), ("u1", "u2", 0.99)]
    rep = rg.connection_routes(make_net(ties, ours=("u1", "u2")), "t")
    paths = rep.routes["path"].tolist()
    assert paths[0] == ("u1", "a", "t")
    assert ("u2", "t") in paths
    assert all(p[1:-1].count("u2") == 0 and p[1:-1].count("u1") == 0 for p in paths)
    assert rep.routes["disjoint"].tolist()[:2] == [True, True]


def test_single_point_of_failure():
    ties = [
        ("u1", "x", 0.9),
        ("u2", "x", 0.8),
        ("x", "a", 0.9),
        ("x", "b", 0.5),
        ("a", "t", 0.9),
        ("b", "t", 0.9),
    ]
    rep = rg.connection_routes(make_net(ties, ours=("u1", "u2")), "t")
    assert rep.single_point_of_failure == ("x",)
    assert "single point of failure" in str(rep)
    assert not rep.routes["disjoint"].iloc[1:].any()


def test_hop_limit():
    chain = [("u1", "a", 0.9), ("a", "b", 0.9), ("b", "c", 0.9), ("c", "d", 0.9), ("d", "t", 0.9)]
    rep = rg.connection_routes(make_net(chain), "t")
    assert rep.routes["strength"].tolist() == [0.0]
    assert "at most 4 hops" in rep.routes.loc[0, "why"]
    rep5 = rg.connection_routes(make_net(chain, max_hops=5), "t")
    assert rep5.routes.loc[0, "strength"] == pytest.approx(0.9**5)
    bulk = rg.routes_to_many(make_net(chain), ["t", "d"])
    assert bulk["best_strength"].tolist() == pytest.approx([0.0, 0.9**4])


def _club(members, name="Golf", kind="club"):
    return pd.DataFrame({"person": members, "affiliation": name, "kind": kind})


def test_affiliation_openings_rank_among_the_routes():
    # t has no tie with us at all: the shared club is the only way (club default 0.25)
    net = make_net([("a", "t", 0.9)], others=("t",), affiliations=_club(["u1", "t"]))
    r = rg.connection_routes(net, "t").routes
    assert r.loc[0, "path"] == ("u1", "t")
    assert r.loc[0, "affiliation"]
    assert r.loc[0, "kinds"] == ("affiliation:club",)
    assert r.loc[0, "strength"] == pytest.approx(0.25)
    assert "not yet a tie" in r.loc[0, "route"]
    # a real route of 0.6 × 0.5 = 0.3 ranks above the club (0.25); both are offered (k=3)
    net2 = make_net([("u1", "a", 0.6), ("a", "t", 0.5)], affiliations=_club(["u1", "t"]))
    r2 = rg.connection_routes(net2, "t").routes
    assert r2["path"].tolist() == [("u1", "a", "t"), ("u1", "t")]
    assert r2["affiliation"].tolist() == [False, True]
    # with k=1 only the real route makes the list: 0.3 is not weak (weak_route 0.25) …
    assert rg.connection_routes(net2, "t", k=1).routes["path"].tolist() == [("u1", "a", "t")]
    # … but when it is weak, the best opening is offered beside it
    weak = rg.connection_routes(net2.with_settings(weak_route=0.35), "t", k=1).routes
    assert weak["path"].tolist() == [("u1", "a", "t"), ("u1", "t")]
    # a real route of 0.1 does not: the affiliation route comes first, the real one second
    net3 = make_net([("u1", "a", 0.2), ("a", "t", 0.5)], affiliations=_club(["u1", "t"]))
    r3 = rg.connection_routes(net3, "t").routes
    assert r3["affiliation"].tolist() == [True, False]
    assert r3["strength"].tolist() == pytest.approx([0.25, 0.1])
    assert not rg.connection_routes(net3, "t", affiliations=False).routes["affiliation"].any()


def test_sensitive_affiliation_needs_the_flag():
    aff = _club(["u1", "t"], name="Temple", kind="faith")
    net = make_net([("a", "t", 0.9)], affiliations=aff)
    assert rg.connection_routes(net, "t").routes.loc[0, "strength"] == 0
    r = rg.connection_routes(net, "t", include_sensitive=True).routes
    assert r.loc[0, "kinds"] == ("affiliation:faith",) and r.loc[0, "sensitive"]


def test_sensitive_tie_only_with_the_flag():
    ties = [("u1", "s", 0.9, "family"), ("s", "t", 0.9), ("u1", "w", 0.3), ("w", "t", 0.3)]
    net = make_net(ties)
    rep = rg.connection_routes(net, "t")
    assert rep.routes["path"].tolist() == [("u1", "w", "t")]
    assert rep.excluded == 1
    assert not rep.routes["sensitive"].any()
    rep2 = rg.connection_routes(net, "t", include_sensitive=True)
    assert rep2.routes["path"].tolist() == [("u1", "s", "t"), ("u1", "w", "t")]
    assert rep2.routes["sensitive"].tolist() == [True, False]
    assert rep2.excluded == 0
    assert "do not share" in rep2.routes.loc[0, "why"]
    # a friend tie marked sensitive counts too
    net3 = make_net([("u1", "s", 0.9, "friend", True), ("s", "t", 0.9)])
    assert rg.connection_routes(net3, "t").routes.loc[0, "strength"] == 0


def test_do_not_contact_people_are_not_hops_or_targets():
    ties = [("u1", "x", 0.9), ("x", "t", 0.9), ("u1", "y", 0.2), ("y", "t", 0.2)]
    net = make_net(ties, dnc=("x", "z"), others=("z",))
    rep = rg.connection_routes(net, "t")
    assert rep.routes["path"].tolist() == [("u1", "y", "t")]
    assert rep.excluded == 1
    opt = rg.connection_routes(net, "t", include_do_not_contact=True)
    assert opt.routes.loc[0, "path"] == ("u1", "x", "t")
    assert opt.routes.loc[0, "sensitive"]
    assert "do-not-contact" in rg.connection_routes(net, "x").routes.loc[0, "why"]
    bulk = rg.routes_to_many(net, ["t", "x"])
    assert bulk["best_path"].tolist() == [("u1", "y", "t"), ()]


def test_unreachable_gives_a_no_route_row():
    net = make_net([("u1", "a", 0.9)], others=("t",))
    rep = rg.connection_routes(net, "t")
    r = rep.routes
    assert len(r) == 1 and r.loc[0, "strength"] == 0 and r.loc[0, "path"] == ()
    assert r.loc[0, "route"] == "no route"
    assert "no chain of ties" in r.loc[0, "why"]
    assert rep.best is None and rep.single_point_of_failure is None
    assert "on our team" in rg.connection_routes(net, "u1").routes.loc[0, "why"]


def test_bad_arguments():
    net = make_net(THREE)
    with pytest.raises(ValueError, match="k = 0 is not valid"):
        rg.connection_routes(net, "t", k=0)
    with pytest.raises(rg.UnknownPersonError):
        rg.connection_routes(net, "nobody")
    with pytest.raises(rg.UnknownPersonError):
        rg.connection_routes(net, "t", source="nobody")
    with pytest.raises(rg.UnknownPersonError):
        rg.routes_to_many(net, ["nobody"])


def test_names_accepted_and_network_unchanged():
    net = make_net(THREE)
    before = {k: v.copy() for k, v in net.to_frames().items()}
    rep = rg.connection_routes(net, "T", source="U1")
    assert rep.target == "t" and rep.source == "u1"
    rg.routes_to_many(net)
    for k, v in net.to_frames().items():
        pd.testing.assert_frame_equal(v, before[k])


def test_bulk_targets_by_id_name_repeated_or_unknown(sample):
    from relgraph.analysis.routes.bulk import _positions

    ids = [str(x) for x in sample.person_ids]
    given = ["E02", "Deng Kai", "deng kai", "E02", ids[5], ids[-1]]
    want = [sample.index_of(sample.resolve_person(g))[0] for g in given]
    assert _positions(sample, given).tolist() == want
    assert _positions(sample, ids[::-1]).tolist() == list(range(len(ids)))[::-1]
    assert len(_positions(sample, [])) == 0
    with pytest.raises(rg.UnknownPersonError):
        _positions(sample, ["E02", "nobody"])
    df = rg.routes_to_many(sample, given, progress=False)
    assert df["target"].tolist() == [ids[i] for i in want]


def test_html_is_escaped():
    net = make_net(THREE)
    frames = net.to_frames()
    frames["people"].loc[frames["people"]["id"] == "a", "name"] = "<script>x</script>"
    net2 = rg.RelationshipNetwork.from_frames(**frames)
    out = rg.connection_routes(net2, "t")._repr_html_()
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_bulk_columns_and_values():
    ties = [*THREE, ("b", "a", 0.99)]
    df = rg.routes_to_many(make_net(ties, ours=("u1", "u2")), ["t", "u2"])
    assert list(df.columns) == list(BULK_COLUMNS)
    assert df.loc[0, "best_path"] == ("u1", "a", "t")
    assert df.loc[0, "best_strength"] == pytest.approx(0.72)
    assert df.loc[0, "alt_strength"] == 0.0  # only u1 can start a route
    assert df.loc[1, "best_strength"] == 0.0 and "on our team" in df.loc[1, "why"]


def test_named_source_direct_tie_still_gets_an_alternative():
    ties = [("u1", "t", 0.9), ("u1", "a", 0.8), ("a", "t", 0.8), ("u1", "b", 0.5), ("b", "t", 0.5)]
    rep = rg.connection_routes(make_net(ties), "t", source="u1", k=1)
    r = rep.routes
    assert r["path"].tolist() == [("u1", "t"), ("u1", "a", "t")]
    assert r["strength"].tolist() == pytest.approx([0.9, 0.64])
    assert r["disjoint"].tolist() == [True, True]
    assert "node-disjoint alternative" in r.loc[1, "why"]
    assert rep.single_point_of_failure is None
    # with no other route, the direct tie stands alone and is no one's single point
    alone = rg.connection_routes(make_net([("u1", "t", 0.9)]), "t", source="u1", k=1)
    assert alone.routes["path"].tolist() == [("u1", "t")]
    assert alone.single_point_of_failure is None


def test_bulk_affiliation_routes_only_when_nothing_real_beats_them():
    net = make_net([("a", "t", 0.9)], others=("t",), affiliations=_club(["u1", "t"]))
    row = rg.routes_to_many(net, ["t"]).iloc[0]
    assert row["best_path"] == ("u1", "t") and row["best_affiliation"]
    assert row["best_strength"] == pytest.approx(0.25)
    assert "not yet a tie" in row["best_route"] and "not yet a tie" in row["why"]
    assert rg.routes_to_many(net, ["t"], affiliations=False).loc[0, "best_strength"] == 0
    # a real route of 0.3 beats the club's 0.25
    net2 = make_net([("u1", "a", 0.6), ("a", "t", 0.5)], affiliations=_club(["u1", "t"]))
    row2 = rg.routes_to_many(net2, ["t"]).iloc[0]
    assert row2["best_path"] == ("u1", "a", "t") and not row2["best_affiliation"]
    # a weaker real route (0.1) loses to it; the affiliation route is then the best
    net3 = make_net(
        [("u1", "a", 0.2), ("a", "t", 0.5), ("u2", "b", 0.9), ("b", "t", 0.1)],
        ours=("u1", "u2"),
        affiliations=_club(["u1", "t"]),
    )
    row3 = rg.routes_to_many(net3, ["t"]).iloc[0]
    assert row3["best_path"] == ("u1", "t") and row3["best_affiliation"]
    assert row3["alt_path"] == ("u2", "b", "t") and not row3["alt_affiliation"]
    assert row3["alt_strength"] == pytest.approx(0.09)


def test_bulk_counts_routes_excluded_by_the_rules():
    ties = [("u1", "s", 0.9, "family"), ("s", "t", 0.9), ("u1", "w", 0.3), ("w", "t", 0.3)]
    net = make_net(ties, ours=("u1", "u2"))
    df = rg.routes_to_many(net, ["t"])
    assert df.loc[0, "best_path"] == ("u1", "w", "t")
    assert df.loc[0, "excluded"] == 1  # u1-s-t, the unrestricted best
    assert "1 route(s) left out" in df.loc[0, "why"]
    opt = rg.routes_to_many(net, ["t"], include_sensitive=True)
    assert opt.loc[0, "best_path"] == ("u1", "s", "t") and opt.loc[0, "excluded"] == 0
    dnc = make_net([("u1", "x", 0.9), ("x", "t", 0.9), ("u1", "y", 0.2)], dnc=("x",))
    d = rg.routes_to_many(dnc, ["t", "x", "y"]).set_index("target")
    assert d["excluded"].to_dict() == {"t": 1, "x": 1, "y": 0}
    assert d.loc["t", "best_strength"] == 0 and d.loc["x", "best_strength"] == 0
    # nothing sensitive, nobody do-not-contact: nothing excluded
    assert rg.routes_to_many(make_net(THREE), ["t"])["excluded"].tolist() == [0]


def test_bulk_progress_bar_only_when_asked_or_slow(capsys):
    net = make_net(THREE)
    rg.routes_to_many(net, ["t", "a"])  # default: quick, so no bar
    assert "routes" not in capsys.readouterr().err
    rg.routes_to_many(net, ["t", "a"], progress=True)
    assert "target" in capsys.readouterr().err
    rg.routes_to_many(net, ["t", "a"], progress=False)
    assert capsys.readouterr().err == ""


# ------------------------------------------------------------------ the sample account
@pytest.fixture(scope="module")
def sample():
    return rg.datasets.sample()


def test_sample_deng_kai_bridge_to_the_cto(sample):
    rep = rg.connection_routes(sample, "C006", source="N03")
    r = rep.routes
    assert r.loc[0, "path"] == ("N03", "E01", "C006")
    assert r.loc[0, "strength"] == pytest.approx(0.64)
    assert r.loc[0, "kinds"] == ("former_colleague", "alumni")
    assert r.loc[1, "path"] == ("N03", "C015", "C006")
    assert r.loc[1, "strength"] == pytest.approx(0.56)
    assert r.loc[1, "disjoint"]
    assert r.loc[0, "route"].startswith(
        "周锐 (Zhou Rui) [us, Key Account Manager] — former colleague"
    )
    team = rg.connection_routes(sample, "Li Mingzhe")
    assert ("N03", "E01", "C006") in team.routes["path"].tolist()


def test_sample_sensitive_and_do_not_contact(sample):
    c004 = rg.connection_routes(sample, "C004")
    assert c004.routes.loc[0, "strength"] == 0 and c004.excluded >= 1
    opt = rg.connection_routes(sample, "C004", include_sensitive=True)
    assert opt.routes.loc[0, "path"] == ("N07", "C004")
    assert opt.routes.loc[0, "kinds"] == ("neighbour",)
    assert opt.single_point_of_failure == ("N07",)
    bulk = rg.routes_to_many(sample, ["C004", "C052"]).set_index("target")
    assert (bulk["best_strength"] == 0).all() and (bulk["excluded"] >= 1).all()
    c052 = rg.connection_routes(sample, "C052")
    assert c052.routes.loc[0, "strength"] == 0 and c052.excluded >= 1
    dnc = rg.connection_routes(sample, "C052", include_do_not_contact=True)
    assert "C048" in dnc.routes.loc[0, "path"]
    assert rg.connection_routes(sample, "E03").routes.loc[0, "strength"] == 0


def test_sample_bulk_agrees_with_single_searches(sample):
    holders = list(dict.fromkeys(sample.opportunity_roles("OPP-1")["person"]))
    bulk = rg.routes_to_many(sample, holders)
    assert len(bulk) == len(holders)
    for row in bulk.itertuples():
        rep = rg.connection_routes(sample, row.target, k=1, affiliations=False)
        assert row.best_strength == pytest.approx(rep.routes.loc[0, "strength"])
    cto = bulk.set_index("target").loc["C006"]
    assert cto["alt_path"] == ("N03", "E01", "C006")


# ------------------------------------------------------------------ properties
def _brute(net, starts, target, max_hops, ours_blocked):
    """All simple routes (strength, path) by enumeration with networkx."""
    g = nx.Graph()
    g.add_nodes_from(net.person_ids)
    e = net.edges[~net.edges["sensitive"]]
    ids = net.person_ids
    for u, v, s in zip(e["u"], e["v"], e["strength"], strict=False):
        a, b = ids[u], ids[v]
        if a == b or s <= 0:
            continue
        if not g.has_edge(a, b) or g[a][b]["s"] < s:
            g.add_edge(a, b, s=s)
    ours = set(net.our_people())
    out = []
    for s in starts:
        if s == target:
            continue
        for p in nx.all_simple_paths(g, s, target, cutoff=max_hops):
            if ours_blocked and any(x in ours for x in p[1:-1]):
                continue
            out.append((math.prod(g[a][b]["s"] for a, b in pairwise(p)), tuple(p)))
    return sorted(out, key=lambda x: -x[0])


@st.composite
def random_net(draw):
    n = draw(st.integers(4, 9))
    names = [f"p{i}" for i in range(n)]
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=2, max_size=18, unique=True))
    strengths = draw(
        st.lists(
            st.sampled_from([0.1, 0.3, 0.5, 0.7, 0.9]), min_size=len(chosen), max_size=len(chosen)
        )
    )
    n_ours = draw(st.integers(1, 2))
    ties = [(a, b, s) for (a, b), s in zip(chosen, strengths, strict=False)]
    return make_net(ties, ours=tuple(names[:n_ours]), others=tuple(names)), names, n_ours


@settings(max_examples=50, deadline=None)
@given(random_net(), st.integers(1, 4), st.booleans())
def test_property_routes(data, k, named):
    net, names, n_ours = data
    target = names[-1]
    source = names[0] if named else None
    rep = rg.connection_routes(net, target, source=source, k=k, affiliations=False)
    r = rep.routes
    real = r[r["strength"] > 0]
    starts = [source] if named else names[:n_ours]
    brute = _brute(net, starts, target, 4, ours_blocked=not named)
    if not brute:
        assert real.empty
        return
    top = real.iloc[:k]  # a further row may be the appended disjoint alternative
    e = net.edges
    strongest: dict = {}
    for u, v, st_ in zip(e["u"], e["v"], e["strength"], strict=False):
        key = frozenset((net.person_ids[u], net.person_ids[v]))
        strongest[key] = max(strongest.get(key, 0.0), st_)
    got = top["strength"].to_numpy()
    # k routes in non-increasing strength, equal to the true k best by enumeration
    assert np.all(np.diff(got) <= 1e-12)
    want = [s for s, _ in brute[: len(got)]]
    assert got == pytest.approx(want)
    assert len(got) == min(k, len(brute))
    for row in real.itertuples():
        assert len(set(row.path)) == len(row.path)  # no revisits
        assert row.hops == len(row.path) - 1 <= 4
        assert row.strength == pytest.approx(math.prod(row.strengths))
        for (a, b), s in zip(pairwise(row.path), row.strengths, strict=False):
            assert s == pytest.approx(strongest[frozenset((a, b))])
    if not named:
        bulk = rg.routes_to_many(net, [target]).iloc[0]
        assert bulk["best_strength"] == pytest.approx(brute[0][0])
        best = set(bulk["best_path"][:-1])
        disjoint = [s for s, p in brute if not (set(p[:-1]) & best)]
        assert bulk["alt_strength"] == pytest.approx(disjoint[0] if disjoint else 0.0)
        if bulk["alt_strength"] > 0:
            assert not (set(bulk["alt_path"][:-1]) & best)


def test_cli_routes_json():
    import json

    from typer.testing import CliRunner

    from relgraph.cli import app

    res = CliRunner().invoke(
        app, ["routes", str(rg.datasets.sample_path()), "--to", "C006", "--from", "N03", "--json"]
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["routes"][0]["path"] == ["N03", "E01", "C006"]
    res2 = CliRunner().invoke(app, ["routes", str(rg.datasets.sample_path()), "--to", "C006"])
    assert res2.exit_code == 0 and "Li Mingzhe" in res2.output


# ---------------------------------------------------------------------------- CLI bulk mode
def _routes_cli(*args: str):  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from relgraph.cli import app

    date = ["--as-of", rg.datasets.SAMPLE_DATE]  # the day rg.datasets.sample() is measured on
    return CliRunner().invoke(app, ["routes", str(rg.datasets.sample_path()), *date, *args])


def test_cli_routes_opportunity_covers_every_role_holder_once():
    import json

    net = rg.datasets.sample()
    holders = net.opportunity_roles("OPP-1")["person"].astype(str)
    res = _routes_cli("--opportunity", "OPP-1", "--json")
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    got = [r["target"] for r in out["routes"]]
    assert sorted(got) == sorted(set(holders)) and len(got) == len(set(got)) == 21
    ceo = next(r for r in out["routes"] if r["target"] == "C005")
    best = rg.connection_routes(net, "C005", k=1).routes.iloc[0]
    assert ceo["best_strength"] == pytest.approx(best["strength"])
    assert ceo["best_path"] == list(best["path"])
    assert out["opportunity"] == "OPP-1"
    # the routes left out all pass through someone on the other side (the CEO backs Orion,
    # the CIO Borealis …): allowing them brings every one back, and nothing else is left out
    assert out["excluded"] > 0
    relaxed = json.loads(
        _routes_cli("--opportunity", "OPP-1", "--json", "--include-opponents").output
    )
    assert relaxed["excluded"] == 0
    # the table names every holder, with the readable route of the CEO
    text = _routes_cli("--opportunity", "OPP-1").output
    assert all(pid in text for pid in holders)
    assert "常远 (Chang Yuan) [us, Sales Vice President] — covers 0.73" in text


def test_cli_routes_role_filter_accepts_synonyms_and_matches_routes_to_many():
    import json

    net = rg.datasets.sample()
    want = rg.routes_to_many(net, ["C005", "C006"]).set_index("target")
    for word in ("decider", "决策者", "Economic Decision Maker"):
        res = _routes_cli("--opportunity", "OPP-1", "--role", word, "--json")
        assert res.exit_code == 0, (word, res.output)
        out = json.loads(res.output)
        assert out["role"] == "decider"
        got = {r["target"]: r for r in out["routes"]}
        assert set(got) == {"C005", "C006"}
        for t, r in got.items():
            assert r["best_strength"] == pytest.approx(want.loc[t, "best_strength"])
            assert r["alt_strength"] == pytest.approx(want.loc[t, "alt_strength"])
            assert r["alt_source"] == want.loc[t, "alt_source"]


def test_cli_routes_several_to_table_and_csv(tmp_path):
    net = rg.datasets.sample()
    csv = tmp_path / "routes.csv"
    # repeated --to, one by name; the same person twice is one row
    res = _routes_cli("--to", "C006", "--to", "Wang Zhiyuan", "--to", "C005", "--csv", str(csv))
    assert res.exit_code == 0, res.output
    for col in ("best_strength", "best_source", "alt_strength", "alt_source", "excluded"):
        assert col in res.output
    assert "no routes were left out" in res.output
    frame = pd.read_csv(csv)
    assert list(frame.columns) == list(BULK_COLUMNS)
    assert frame["target"].tolist() == ["C006", "C005"]
    want = rg.routes_to_many(net, ["C006", "C005"])
    assert np.allclose(frame["best_strength"], want["best_strength"])
    assert frame["best_path"].tolist() == [";".join(p) for p in want["best_path"]]
    # a single --to keeps the one-target report (k routes, --from allowed)
    one = _routes_cli("--to", "C006", "--from", "N03", "-k", "2")
    assert one.exit_code == 0 and "Li Mingzhe" in one.output and "best_source" not in one.output


def test_cli_routes_bulk_reports_sensitive_exclusions():
    import json

    # C004 and C039 are reached only (or best) through sensitive ties in the sample
    plain = _routes_cli("--to", "C004", "--to", "C039")
    assert plain.exit_code == 0, plain.output
    flat = " ".join(plain.output.split())  # the CLI wraps long lines to the terminal
    assert "3 route(s) left out" in flat and "--include-sensitive" in flat  # 1 for C004, 2 for C039
    # each row names the rule that left each route out: C039's best route runs through the
    # CFO (−1 toward us), its alternative over a sensitive tie
    c039 = rg.routes_to_many(rg.datasets.sample(), ["C039"]).loc[0, "why"]
    assert "1 route(s) left out because they pass through someone who opposes us" in c039
    assert "1 route(s) left out because they use a sensitive tie" in c039
    res = _routes_cli("--to", "C004", "--to", "C039", "--include-sensitive", "--json")
    out = json.loads(res.output)
    assert out["excluded"] == 1  # the route through the CFO, who is cool toward us (−1)
    assert json.loads(
        _routes_cli("--to", "C004", "--to", "C039", "--include-sensitive", "--json",
                    "--include-opponents").output
    )["excluded"] == 0  # fmt: skip
    opened = rg.routes_to_many(rg.datasets.sample(), ["C004", "C039"], include_sensitive=True)
    assert [r["best_strength"] for r in out["routes"]] == pytest.approx(
        opened["best_strength"].tolist()
    )
    assert out["routes"][0]["best_strength"] > 0  # C004 reachable only with the opt-in


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--to", "C006", "--opportunity", "OPP-1"], ["not both", "--opportunity"]),
        (["--opportunity", "OPP-9"], ["OPP-9", "OPP-1, OPP-2"]),
        (["--opportunity", "OPP-1", "--role", "decidr"], ["decidr", "did you mean 'decider'"]),
        (["--opportunity", "OPP-2", "--role", "gatekeeper"], ["gatekeeper", "roles there"]),
        (["--to", "C006", "--to", "Li Mingzhee"], ["Li Mingzhee", "did you mean"]),
        (["--role", "decider"], ["--opportunity"]),
        ([], ["--to PERSON", "--opportunity OPP"]),
        (["--to", "C006", "--to", "C005", "--from", "N03"], ["--from", "our whole team"]),
        (["--opportunity", "OPP-1", "-k", "2"], ["-k", "one --to person"]),
    ],
)
def test_cli_routes_bulk_errors_exit_2_and_explain(args, words):
    res = _routes_cli(*args)
    assert res.exit_code == 2, res.output
    flat = " ".join(res.output.replace("│", " ").split())
    for w in words:
        assert w in flat, (w, flat)


# -- openings: used only by one of ours, at most once (DOMAIN.md §7) -----------------------
def test_an_opening_between_two_customer_people_is_not_a_route():
    # By hand: u1 knows a (0.9); a and t share a club, but neither is ours: an opening is
    # "meet at" for the person of ours who shares it, so a cannot use it for us. No route.
    net = make_net([("u1", "a", 0.9)], others=("t",), affiliations=_club(["a", "t"]))
    assert rg.connection_routes(net, "t").routes.loc[0, "strength"] == 0
    assert rg.routes_to_many(net, ["t"]).loc[0, "best_strength"] == 0
    # once u1 is a member too, u1 meets t there: the one-hop opening (club 0.25)
    net2 = make_net([("u1", "a", 0.9)], others=("t",), affiliations=_club(["a", "t", "u1"]))
    r = rg.connection_routes(net2, "t").routes
    assert r["path"].tolist() == [("u1", "t")] and r.loc[0, "strength"] == pytest.approx(0.25)
    assert rg.routes_to_many(net2, ["t"]).loc[0, "best_path"] == ("u1", "t")


def test_openings_are_never_chained():
    # By hand, from the named source u1: u1 meets c at the club (0.25), c is a friend of our
    # u2 (0.9), u2 meets t at the school (0.2): 0.045, but two openings in one route. The
    # only other way is u1 → u2 (0.5) and u2's school opening: 0.5 × 0.2 = 0.1.
    aff = pd.concat([_club(["u1", "c"]), _club(["u2", "t"], name="Uni", kind="school")])
    net = make_net(
        [("c", "u2", 0.9), ("u1", "u2", 0.5)], ours=("u1", "u2"), others=("t",), affiliations=aff
    )
    r = rg.connection_routes(net, "t", source="u1").routes
    assert r["path"].tolist() == [("u1", "u2", "t")]
    assert r.loc[0, "strength"] == pytest.approx(0.1)
    assert all(sum(k.startswith("affiliation:") for k in ks) <= 1 for ks in r["kinds"])


# -- never ask the person the target is wanted for ----------------------------------------
SWAY = [
    ("x", "y", 0.8, "influences"),  # x (no role) sways y
    ("u1", "y", 0.9),
    ("y", "x", 0.9),  # u1 → y → x = 0.81, but asks y to introduce us to his influencer
    ("u1", "z", 0.5),
    ("z", "x", 0.5),  # u1 → z → x = 0.25
]


def test_route_to_an_influencer_does_not_ask_whom_he_sways():
    net = make_net(SWAY)
    rep = rg.connection_routes(net, "x")
    assert rep.routes["path"].tolist() == [("u1", "z", "x")]
    assert rep.routes.loc[0, "strength"] == pytest.approx(0.25)
    assert rep.excluded_by == {"swayed": 1}
    assert "Y, whom X sways" in rep.routes.loc[0, "why"]
    bulk = rg.routes_to_many(net, ["x"])
    assert bulk.loc[0, "best_path"] == ("u1", "z", "x")
    assert bulk.loc[0, "alt_path"] == ()  # the only other way asks y
    assert "ask someone the target sways" in bulk.loc[0, "why"]
    # the team reach shared with coverage and targets agrees
    from relgraph.analysis.paths.graph import RouteRules
    from relgraph.analysis.paths.reach import best_routes

    reach = best_routes(net, RouteRules())
    assert reach.strength[net.index_of("x")[0]] == pytest.approx(0.25)
    # a boss without a role is not reached through his report either
    boss = make_net([("y", "x", 0.9, "reports_to"), ("u1", "y", 0.9), *SWAY[3:]])
    assert rg.connection_routes(boss, "x").routes["path"].tolist() == [("u1", "z", "x")]


def test_a_role_holder_may_be_introduced_by_whom_he_sways():
    # x decides himself: we want his own vote, so his report y may introduce us (0.81)
    base = make_net(SWAY)
    tables = base.to_frames()
    net = rg.RelationshipNetwork.from_frames(
        tables["orgs"],
        tables["people"],
        tables["ties"],
        pd.DataFrame({"id": ["O"], "name": ["Deal"], "account": ["C"]}),
        pd.DataFrame({"opportunity": ["O"], "person": ["x"], "role": ["decider"]}),
    )
    assert rg.connection_routes(net, "x").routes.loc[0, "path"] == ("u1", "y", "x")


# -- do-not-contact people, when the caller opts in ---------------------------------------
def test_opted_in_do_not_contact_person_is_marked_in_the_route():
    ties = [("u1", "d", 0.9), ("d", "t", 0.9), ("u1", "w", 0.3), ("w", "t", 0.3)]
    net = make_net(ties, dnc=("d",))
    r = rg.connection_routes(net, "t", include_do_not_contact=True).routes
    assert r.loc[0, "path"] == ("u1", "d", "t")
    assert "D [customer, DO NOT CONTACT]" in r.loc[0, "route"]
    assert "D marked do-not-contact" in r.loc[0, "why"]
    assert "sensitive tie" not in r.loc[0, "why"]  # says which opt-in put it there
    assert "DO NOT CONTACT" not in r.loc[1, "route"]
    # by default the bulk row says which rule left the route through d out
    why = rg.routes_to_many(net, ["t"]).loc[0, "why"]
    assert "1 route(s) left out because they pass through a do-not-contact person" in why


def test_no_dangling_separator_when_no_rule_explains_alone():
    # E03 (the CFO's husband) is reached only over his sensitive tie through the CFO (−1)
    rep = rg.connection_routes(rg.datasets.sample(), "E03")
    why = rep.routes.loc[0, "why"]
    assert not why.rstrip().endswith(";") and "; ;" not in why
    assert "left out because" in why


def _sway_net(seed: int) -> rg.RelationshipNetwork:
    """Random account: a reporting tree, influence and personal ties, five of ours."""
    rng = np.random.default_rng(seed)
    n = 150
    ids = [f"c{i}" for i in range(n)]
    us = [f"u{i}" for i in range(5)]
    people = pd.DataFrame(
        {"id": ids + us, "name": ids + us, "org": ["A"] * n + ["U"] * 5, "level": 3}
    )
    boss = [int(rng.integers(0, i)) for i in range(1, n)]
    a, b = rng.integers(0, n, 300), rng.integers(0, n, 300)
    ties = pd.DataFrame(
        {
            "source": [ids[i] for i in range(1, n)]
            + [ids[x] for x in a]
            + [us[int(x)] for x in rng.integers(0, 5, 25)],
            "target": [ids[x] for x in boss]
            + [ids[x] for x in b]
            + [ids[int(x)] for x in rng.integers(0, n, 25)],
            "kind": ["reports_to"] * (n - 1)
            + list(rng.choice(["friend", "works_with", "influences"], 300))
            + ["covers"] * 25,
            "strength": np.r_[
                np.full(n - 1, 0.6), rng.choice([0.4, 0.6, 0.8], 300), np.full(25, 0.7)
            ],
        }
    )
    ties = ties[ties["source"] != ties["target"]].drop_duplicates(["source", "target", "kind"])
    orgs = pd.DataFrame({"id": ["A", "U"], "name": ["Acct", "Us"], "kind": ["customer", "us"]})
    return rg.RelationshipNetwork.from_frames(orgs, people, ties)


@pytest.mark.parametrize("seed", [0, 1])
def test_left_out_count_skips_searches_only_when_they_would_find_nothing(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relgraph.analysis.routes import single

    net = _sway_net(seed)
    targets = [f"c{i}" for i in range(0, 150, 3)]

    def reports() -> list[tuple]:
        out = []
        for t in targets:
            r = rg.connection_routes(net, t, k=2)
            out.append((r.routes.to_dict("list"), r.excluded, r.excluded_by, r.note))
        return out

    calls: list[bool] = []
    bound = single._swayed_out_of_reach

    def counted(q, routes):  # type: ignore[no-untyped-def]
        calls.append(bound(q, routes))
        return calls[-1]

    monkeypatch.setattr(single, "_swayed_out_of_reach", counted)
    fast = reports()
    monkeypatch.setattr(single, "_swayed_out_of_reach", lambda q, routes: False)
    assert fast == reports()
    assert calls.count(True) >= 3  # the bound did skip searches
    assert any(x[1] for x in fast)  # and some targets do have routes left out
