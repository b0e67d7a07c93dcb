"""Tests for relgraph.analysis.coverage: the gap rules, on built scenarios and the sample."""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd
import pytest

import relgraph as rg
from relgraph.analysis.coverage import GAP_COLUMNS, PEOPLE_COLUMNS, SUMMARY_COLUMNS, coverage

AS_OF = dt.date(2026, 11, 15)


def acme(
    *,
    vp_att: int = 3,
    extra_people: list[dict[str, object]] | None = None,
    extra_ties: list[tuple[str, str, str, float | None]] | None = None,
    cov_ceo: tuple[str, ...] = ("u2",),
    updated: str = "2026-11-01",
) -> rg.RelationshipNetwork:
    """CEO backs Rival; our best supporter is a VP under the CTO, who reports to the CEO."""
    orgs = pd.DataFrame(
        {
            "id": ["A", "U", "R"],
            "name": ["Acme", "Us", "Rival"],
            "kind": ["customer", "us", "competitor"],
        }
    )
    rows: list[dict[str, object]] = [
        {"id": "b1", "name": "Chair", "org": "A", "title": "Chairman", "level": 1, "attitude": 0},
        {"id": "b2", "name": "Board", "org": "A", "title": "Director", "level": 1, "attitude": 0},
        {
            "id": "ceo",
            "name": "Ceo",
            "org": "A",
            "title": "CEO",
            "level": 2,
            "attitude": -1,
            "supports": "R",
            "support": 3,
        },
        {"id": "cto", "name": "Cto", "org": "A", "title": "CTO", "level": 2, "attitude": 0},
        {"id": "vp", "name": "Vp", "org": "A", "title": "VP", "level": 3, "attitude": vp_att},
        {"id": "eng", "name": "Eng", "org": "A", "title": "Engineer", "level": 4, "attitude": 0},
        {"id": "u1", "name": "Am", "org": "U", "title": "Account manager", "level": 4},
        {"id": "u2", "name": "Exec", "org": "U", "title": "Regional president", "level": 2},
        {"id": "u3", "name": "Boss", "org": "U", "title": "Chief executive", "level": 1},
    ]
    rows += extra_people or []
    people = pd.DataFrame(rows)
    people["updated"] = updated
    ties = [
        ("ceo", "b1", "reports_to", None),
        ("cto", "ceo", "reports_to", None),
        ("vp", "cto", "reports_to", None),
        ("eng", "vp", "reports_to", None),
        ("b2", "ceo", "influences", 0.9),
        ("u1", "vp", "covers", None),
        ("u1", "cto", "covers", None),
        ("u1", "eng", "covers", None),
        ("u3", "b2", "friend", 0.7),
        ("u3", "b1", "covers", None),
        *[(o, "ceo", "covers", None) for o in cov_ceo],
        *(extra_ties or []),
    ]
    tdf = pd.DataFrame(ties, columns=["source", "target", "kind", "strength"])
    opps = pd.DataFrame({"id": ["O1"], "account": ["A"], "competitors": ["R"]})
    roles = pd.DataFrame(
        {
            "opportunity": ["O1"] * 5,
            "person": ["ceo", "cto", "vp", "eng", "b1"],
            "role": ["decider", "decider", "influencer", "user", "approver"],
        }
    )
    return rg.RelationshipNetwork.from_frames(orgs, people, tdf, opps, roles)


@functools.cache
def base() -> rg.RelationshipNetwork:
    """The default scenario, built once (networks are immutable, so sharing is safe)."""
    return acme()


def gaps_of(rep: rg.CoverageReport, rule: str) -> pd.DataFrame:
    return rep.gaps[rep.gaps["rule"].eq(rule)]


# --------------------------------------------------------------------------- scenarios
def test_level_parity_names_board_members_who_sway_the_ceo() -> None:
    rep = coverage(base(), as_of=AS_OF)
    lp = gaps_of(rep, "level_parity")
    assert len(lp) == 1
    row = lp.iloc[0]
    assert (row["person"], row["competitor"], row["severity"]) == ("ceo", "R", "high")
    # b2 sways the CEO directly (0.9) and comes before the chairman (the CEO's boss, 0.6).
    assert row["candidates"].split("; ") == ["b2", "b1"]
    assert "reports to Ceo through Cto" in row["why"]
    assert "board level" in row["why"]


def test_same_level_supporter_outside_the_line_restores_parity() -> None:
    extra = [{"id": "cfo", "name": "Cfo", "org": "A", "level": 2, "attitude": 1}]
    rep = coverage(
        acme(extra_people=extra, extra_ties=[("cfo", "b1", "reports_to", None)]), as_of=AS_OF
    )
    assert gaps_of(rep, "level_parity").empty


def test_same_level_supporter_inside_the_line_is_weaker() -> None:
    # A level-2 supporter who reports to the CEO is weaker even at the same level number.
    extra = [{"id": "cfo", "name": "Cfo", "org": "A", "level": 2, "attitude": 2}]
    rep = coverage(
        acme(extra_people=extra, extra_ties=[("cfo", "ceo", "reports_to", None)]), as_of=AS_OF
    )
    lp = gaps_of(rep, "level_parity")
    assert len(lp) == 1 and "Cfo" in lp.iloc[0]["why"] and "reports to Ceo" in lp.iloc[0]["why"]


def test_board_supporter_restores_parity() -> None:
    net = base()
    frames = net.to_frames()
    frames["people"].loc[frames["people"]["id"].eq("b2"), "attitude"] = 2
    rep = coverage(rg.RelationshipNetwork.from_frames(**frames), as_of=AS_OF)
    assert gaps_of(rep, "level_parity").empty


def test_single_threaded_decider_and_second_owner_closes_it() -> None:
    rep = coverage(base(), as_of=AS_OF)
    st = gaps_of(rep, "single_threaded")
    assert st.iloc[0]["person"] == "ceo"
    assert st.iloc[0]["severity"] == "high"
    rep2 = coverage(acme(cov_ceo=("u2", "u3")), as_of=AS_OF)
    assert "ceo" not in set(gaps_of(rep2, "single_threaded")["person"])
    assert rep2.people.set_index("person").at["ceo", "n_owners"] == 2


def test_uncovered_role_holder() -> None:
    rep = coverage(acme(cov_ceo=()), as_of=AS_OF)
    assert set(gaps_of(rep, "uncovered_role")["person"]) == {"ceo"}
    assert "ceo" not in set(gaps_of(rep, "single_threaded")["person"])


def test_independent_channels() -> None:
    # eng reports to vp: the two channels are one line, so one independent channel.
    ties = [("vp", "ceo", "informs", None), ("eng", "ceo", "informs", None)]
    rep = coverage(acme(extra_ties=ties), as_of=AS_OF)
    ceo = rep.people.set_index("person").loc["ceo"]
    assert ceo["n_channels"] == 1 and ceo["channels"] == "vp"
    assert "ceo" in set(gaps_of(rep, "few_channels")["person"])
    # Add an independent source (the chairman's office is not in the VP's line).
    ties2 = [*ties, ("b2", "ceo", "informs", None)]
    rep2 = coverage(acme(extra_ties=ties2), as_of=AS_OF)
    assert rep2.people.set_index("person").at["ceo", "n_channels"] == 2
    assert "ceo" not in set(gaps_of(rep2, "few_channels")["person"])


def test_no_decider_support_then_key_players_against() -> None:
    rep = coverage(base(), as_of=AS_OF)
    assert len(gaps_of(rep, "no_decider_support")) == 1
    net = base()
    frames = net.to_frames()
    frames["people"].loc[frames["people"]["id"].eq("cto"), "attitude"] = 2
    frames["people"].loc[frames["people"]["id"].eq("vp"), "attitude"] = 0
    rep2 = coverage(rg.RelationshipNetwork.from_frames(**frames), as_of=AS_OF)
    assert gaps_of(rep2, "no_decider_support").empty
    kp = gaps_of(rep2, "key_players_against")
    assert list(kp["person"]) == ["cto"]


def test_no_competitor_supporter() -> None:
    frames = base().to_frames()
    frames["people"]["supports"] = ""
    frames["people"]["support"] = pd.NA
    rep = coverage(rg.RelationshipNetwork.from_frames(**frames), as_of=AS_OF)
    ncs = gaps_of(rep, "no_competitor_supporter")
    assert list(ncs["competitor"]) == ["R"]
    assert gaps_of(rep, "level_parity").empty


def test_stale_uses_as_of_and_settings() -> None:
    net = acme(updated="2026-01-01")
    assert gaps_of(coverage(net, as_of="2026-03-01"), "stale_attitude").empty
    stale = gaps_of(coverage(net, as_of="2026-08-01"), "stale_attitude")
    assert "ceo" in set(stale["person"]) and "212 days" in stale.iloc[0]["why"]
    longer = net.settings.replace(stale_days=400)
    assert gaps_of(coverage(net.with_settings(longer), as_of="2026-08-01"), "stale_attitude").empty


def test_unmanaged_opponent_has_high_leverage_and_no_owner() -> None:
    rep = coverage(acme(cov_ceo=()), as_of=AS_OF)
    um = gaps_of(rep, "unmanaged_opponent")
    assert list(um["person"]) == ["ceo"]
    assert gaps_of(coverage(base(), as_of=AS_OF), "unmanaged_opponent").empty


def test_frames_have_documented_columns_and_reasons() -> None:
    net = base()
    before = {k: v.copy() for k, v in net.to_frames().items()}
    rep = coverage(net, as_of=AS_OF)
    assert list(rep.people.columns) == PEOPLE_COLUMNS
    assert list(rep.gaps.columns) == GAP_COLUMNS
    assert list(rep.summary.columns) == SUMMARY_COLUMNS
    assert rep.gaps["why"].str.len().gt(10).all()
    assert rep.people["why"].str.len().gt(10).all()
    assert set(rep.people["person"]) <= set(net.person_ids)
    for k, v in net.to_frames().items():
        pd.testing.assert_frame_equal(v, before[k])
    assert "<table" in rep._repr_html_()
    sev = rep.gaps["severity"].map({"high": 0, "medium": 1, "low": 2})
    assert sev.is_monotonic_increasing


def test_summary_many_deep_long_and_matrix() -> None:
    rep = coverage(base(), as_of=AS_OF)
    us = rep.summary.set_index("party").loc["us"]
    # Our ties reach vp, cto, eng, ceo, b1, b2: 6 of 6 account people.
    assert us["many"] == pytest.approx(1.0)
    assert us["top_supporter"] == "vp" and us["top_level"] == 3
    # covers 0.7 ×5 + friend 0.7 → mean 0.7
    assert us["deep"] == pytest.approx(0.7)
    m = rep.matrix
    assert m.loc["1", "1"] == 2  # u3 covers b1 and is a friend of b2
    assert m.loc["2", "2"] == 1 and m.loc["4", "3"] == 1


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="as_of"):
        coverage(base(), as_of="yesterday")
    with pytest.raises(ValueError, match="key_power"):
        coverage(base(), as_of=AS_OF, key_power=2)
    with pytest.raises(rg.UnknownOpportunityError):
        coverage(base(), "nope", as_of=AS_OF)


# --------------------------------------------------------------------------- sample
@pytest.fixture(scope="module")
def sample_rep() -> rg.CoverageReport:
    return coverage(rg.datasets.sample(), "OPP-1", as_of=AS_OF)


def test_sample_level_parity(sample_rep: rg.CoverageReport) -> None:
    lp = gaps_of(sample_rep, "level_parity").set_index("competitor")
    assert lp.at["ORI", "person"] == "C005"
    cands = lp.at["ORI", "candidates"].split("; ")
    assert cands[:2] == ["C002", "C001"]
    assert set(cands) == {"C001", "C002", "C003", "C004"}
    why = lp.at["ORI", "why"]
    assert "Zhang Weidong" in why and "reports to" in why and "board level" in why
    assert lp.at["BOR", "person"] == "C008"


def test_sample_coverage_rules(sample_rep: rg.CoverageReport) -> None:
    assert set(gaps_of(sample_rep, "uncovered_role")["person"]) == {"C029", "C030", "C040"}
    st = gaps_of(sample_rep, "single_threaded")
    assert st.iloc[0]["person"] == "C005"
    assert "C006" not in set(st["person"])
    people = sample_rep.people.set_index("person")
    assert people.at["C005", "owners"] == "N02" and people.at["C005", "channels"] == "C013"
    assert people.at["C006", "n_owners"] == 2 and people.at["C006", "n_channels"] == 2
    stale = set(gaps_of(sample_rep, "stale_attitude")["person"])
    assert stale == {"C001", "C004", "E04", "C008", "C043", "C030"}
    assert {"C002", "E02", "E04", "C020"} <= set(people.index[people["hidden"]])
    assert "E03" not in people.index  # known only through sensitive ties: withheld
    notes = sample_rep.notes
    assert any("1 hidden influencer(s) known only through sensitive ties" in n for n in notes)
    assert "E04" in set(gaps_of(sample_rep, "unmanaged_opponent")["person"])


# --------------------------------------------------------------------------- open issues
def with_log(rows: list[tuple[str, str, str, str, str]]) -> rg.RelationshipNetwork:
    frames = base().to_frames()
    frames["interactions"] = pd.DataFrame(
        rows, columns=["date", "our_person", "their_people", "kind", "issue"]
    )
    return rg.RelationshipNetwork.from_frames(**frames)


def test_open_issue_older_than_the_limit_is_a_gap() -> None:
    net = with_log(
        [
            ("2026-09-01", "u2", "ceo", "complaint", "T-1"),
            ("2026-11-01", "u1", "eng", "complaint", "T-2"),  # 14 days: not yet overdue
            ("2026-08-01", "u1", "vp", "complaint", "T-3"),
            ("2026-08-20", "u1", "vp", "issue_closed", "T-3"),  # closed
        ]
    )
    oi = gaps_of(coverage(net, as_of=AS_OF), "open_issue")
    assert list(oi["person"]) == ["ceo"]
    assert oi.iloc[0]["severity"] == "high"  # the CEO is a decider
    assert "T-1" in oi.iloc[0]["why"] and "75 days" in oi.iloc[0]["why"]
    longer = net.settings.replace(open_issue_days=100)
    assert gaps_of(coverage(net.with_settings(longer), as_of=AS_OF), "open_issue").empty
    # before the issue was 30 days old there is no gap either
    assert gaps_of(coverage(net, as_of="2026-09-20"), "open_issue").empty


def test_no_log_no_issue_gap_and_a_note() -> None:
    rep = coverage(base(), as_of=AS_OF)
    assert gaps_of(rep, "open_issue").empty
    assert any("interactions" in n for n in rep.notes)


def test_covered_role_holder_without_recent_contact_is_a_gap() -> None:
    net = with_log(
        [
            ("2026-10-01", "u2", "ceo", "meeting", ""),  # 45 days before AS_OF: warm
            ("2026-06-01", "u1", "vp", "meal", ""),  # 167 days: cold
        ]
    )
    sc = gaps_of(coverage(net, as_of=AS_OF), "stale_contact").set_index("person")
    # cto, eng and b1 have owners but nothing logged; the CEO was met recently
    assert set(sc.index) == {"vp", "cto", "eng", "b1"}
    assert "167 days" in sc.at["vp", "why"] and "Am" in sc.at["vp", "why"]
    assert "no contact with them is logged" in sc.at["cto", "why"]
    assert sc.at["cto", "severity"] == "medium" and sc.at["eng", "severity"] == "low"
    longer = net.settings.replace(contact_stale_days=200)
    relaxed = gaps_of(coverage(net.with_settings(longer), as_of=AS_OF), "stale_contact")
    assert set(relaxed["person"]) == {"cto", "eng", "b1"}
    # without a log there is nothing to judge by
    assert gaps_of(coverage(base(), as_of=AS_OF), "stale_contact").empty


def test_sample_open_issue(sample_rep: rg.CoverageReport) -> None:
    oi = gaps_of(sample_rep, "open_issue").set_index("person")
    assert set(oi.index) == {"C018", "C019"}  # INC-2026-031: the user and a backer
    assert "INC-2026-031" in oi.at["C018", "why"] and "123 days" in oi.at["C018", "why"]


# --------------------------------------------------------------------------- routes
@pytest.mark.parametrize("sensitive", [False, True])
def test_route_strength_matches_routes_to_many(sensitive: bool) -> None:
    net = rg.datasets.sample()
    rep = coverage(net, "OPP-1", as_of=AS_OF, include_sensitive=sensitive)
    ppl = rep.people.set_index("person")
    bulk = rg.routes_to_many(net, list(ppl.index), include_sensitive=sensitive)
    bulk = bulk.set_index("target")["best_strength"]
    assert ppl["route_strength"].to_numpy() == pytest.approx(bulk[ppl.index].to_numpy())
    # E03 is reachable only through his sensitive family tie with the CFO, who is cool
    # toward us (−1): we never ask her for the introduction, sensitive ties or not (and
    # without the opt-in he is not even named)
    assert ("E03" in ppl.index) == sensitive
    if sensitive:
        assert ppl.at["E03", "route_strength"] == 0
    opened = rg.routes_to_many(net, ["E03"], include_sensitive=True, include_opponents=True)
    # nor even with both opt-ins: E03 (no role) sways the CFO, and we never ask her to
    # introduce us to her own influencer
    assert opened.loc[0, "best_path"] == ()
    assert "ask someone the target sways" in opened.loc[0, "why"]
    c006 = ppl.at["C006", "route"]
    # the CTO's best route is N09's covers tie (0.73 from the interactions log), which
    # beats the Deng Kai bridge (0.8 × 0.8)
    assert c006 == (
        "常远 (Chang Yuan) [us, Sales Vice President] — covers 0.73 → "
        "李明哲 (Li Mingzhe) [customer, Chief Technology Officer]"
    )


def test_parity_candidates_are_capped() -> None:
    # 14 extra neutral board members: every one could restore parity, only 10 are named.
    extra: list[dict[str, object]] = [
        {"id": f"d{i:02d}", "name": f"Dir{i:02d}", "org": "A", "level": 1, "attitude": 0}
        for i in range(14)
    ]
    rep = coverage(acme(extra_people=extra), as_of=AS_OF)
    row = gaps_of(rep, "level_parity").iloc[0]
    cands = row["candidates"].split("; ")
    assert len(cands) == 10 and cands[:2] == ["b2", "b1"]
    assert "and 6 more at a higher level" in row["why"]


# --------------------------------------------------------------------------- settings
def _three_hops_away() -> rg.RelationshipNetwork:
    """Our one person reaches the decider only through two of the account's people."""
    orgs = pd.DataFrame({"id": ["A", "U"], "name": ["Acme", "Us"], "kind": ["customer", "us"]})
    people = pd.DataFrame(
        {
            "id": ["d", "x1", "x2", "u1"],
            "name": ["Dee", "Xan", "Xiu", "Uma"],
            "org": ["A", "A", "A", "U"],
            "level": [2, 3, 4, 3],
            "attitude": [0, 1, 1, None],
            "updated": ["2026-07-01"] * 4,  # 137 days before AS_OF
        }
    )
    ties = pd.DataFrame(
        {
            "source": ["u1", "x1", "x2"],
            "target": ["x1", "x2", "d"],
            "kind": ["friend", "friend", "friend"],
            "strength": [0.8, 0.5, 0.5],
        }
    )
    opps = pd.DataFrame({"id": ["O1"], "account": ["A"]})
    roles = pd.DataFrame({"opportunity": ["O1"], "person": ["d"], "role": ["decider"]})
    return rg.RelationshipNetwork.from_frames(orgs, people, ties, opps, roles)


@pytest.mark.parametrize(("max_hops", "reached"), [(2, False), (3, True), (4, True)])
def test_coverage_reach_uses_the_networks_max_hops(max_hops: int, reached: bool) -> None:
    net = _three_hops_away().with_settings(max_hops=max_hops)
    row = coverage(net, as_of=AS_OF).people.set_index("person").loc["d"]
    if reached:
        assert row["route_strength"] == pytest.approx(0.8 * 0.5 * 0.5)
        assert row["route"].startswith("Uma") and "Dee" in row["route"]
    else:  # the decider is three hops away: out of reach with two
        assert not row["route_strength"] > 0 and not row["route"]
    # the same reach as the bulk routes under the same settings
    bulk = rg.routes_to_many(net, ["d"], progress=False).set_index("target").loc["d"]
    assert (bulk["best_strength"] > 0) == reached


@pytest.mark.parametrize(("stale_days", "stale"), [(180, False), (90, True)])
def test_coverage_stale_attitudes_use_the_networks_stale_days(stale_days: int, stale: bool) -> None:
    net = _three_hops_away().with_settings(stale_days=stale_days)
    rep = coverage(net, as_of=AS_OF)
    flagged = set(rep.gaps.loc[rep.gaps["rule"].eq("stale_attitude"), "person"])
    assert ("d" in flagged) == stale
    assert bool(rep.people.set_index("person").loc["d", "stale"]) == stale


def test_parity_candidates_say_boss_only_of_the_direct_boss() -> None:
    # By hand: the CIO backs R and reports to the CEO, who reports to the chair. Our best
    # supporter is at level 4, so parity fails; the CEO is the CIO's boss, the chair is
    # higher in the line (above the CEO), not "their boss".
    orgs = pd.DataFrame(
        {
            "id": ["A", "U", "R"],
            "name": ["Acme", "Us", "Rival"],
            "kind": ["customer", "us", "competitor"],
        }
    )
    people = pd.DataFrame(
        {
            "id": ["chair", "ceo", "cio", "eng", "me"],
            "name": ["Chair", "Ceo", "Cio", "Eng", "Me"],
            "org": ["A", "A", "A", "A", "U"],
            "level": [1, 2, 3, 4, 3],
            "attitude": [0, 0, 0, 2, None],
            "supports": ["", "", "R", "", ""],
        }
    )
    ties = pd.DataFrame(
        {
            "source": ["ceo", "cio", "me"],
            "target": ["chair", "ceo", "eng"],
            "kind": ["reports_to", "reports_to", "covers"],
        }
    )
    opps = pd.DataFrame({"id": ["O"], "name": ["Deal"], "account": ["A"], "competitors": ["R"]})
    roles = pd.DataFrame(
        {"opportunity": ["O", "O"], "person": ["cio", "eng"], "role": ["decider", "user"]}
    )
    net = rg.RelationshipNetwork.from_frames(orgs, people, ties, opps, roles)
    why = gaps_of(coverage(net), "level_parity")["why"].iloc[0]
    assert "Ceo (their boss)" in why
    assert "Chair (higher in their reporting line, above Ceo)" in why
    assert "Chair (their boss)" not in why


def test_coverage_gaps_matches_coverage_without_routes() -> None:
    from relgraph.analysis.coverage.check import coverage_gaps

    net = rg.datasets.sample()
    full = coverage(net, "OPP-1", as_of="2026-01-01")
    lean = coverage_gaps(net, "OPP-1", as_of="2026-01-01")
    pd.testing.assert_frame_equal(lean.gaps, full.gaps)
    pd.testing.assert_frame_equal(lean.summary, full.summary)
    assert lean.notes == full.notes
    assert lean.people["person"].tolist() == full.people["person"].tolist()
    assert full.people["route"].ne("").any() and lean.people["route"].eq("").all()
    assert lean.people["route_strength"].isna().all() and lean.people["why"].eq("").all()
    assert lean.matrix.empty and not full.matrix.empty
    same = [c for c in PEOPLE_COLUMNS if c not in ("route", "route_strength", "why")]
    pd.testing.assert_frame_equal(lean.people[same], full.people[same])
