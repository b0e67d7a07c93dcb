import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import relgraph as rg
from relgraph.analysis.interactions import (
    customer_issues,
    last_contact,
    relationship_strength,
    tie_strengths,
)
from relgraph.errors import Reason, ValidationError
from relgraph.vocab import InteractionKind

INTERACTION_KINDS = [k.value for k in InteractionKind]


def frames(interactions: pd.DataFrame | None, ties: pd.DataFrame | None = None) -> dict:
    orgs = pd.DataFrame({"id": ["A", "U"], "name": ["Acme", "Us"], "kind": ["customer", "us"]})
    people = pd.DataFrame(
        {
            "id": ["c1", "c2", "c3", "u1", "u2"],
            "name": ["Ann", "Bo", "Cy", "Eve", "Fay"],
            "org": ["A", "A", "A", "U", "U"],
            "level": [2, 3, 4, 4, 3],
        }
    )
    out = {"orgs": orgs, "people": people, "interactions": interactions}
    if ties is not None:
        out["ties"] = ties
    return out


def net_of(log: dict, ties: pd.DataFrame | None = None, **kw) -> rg.RelationshipNetwork:
    """A network of the log, measured as of its latest touchpoint (``settings.as_of``)."""
    frame = pd.DataFrame(log)
    if "settings" not in kw and len(frame):
        last = pd.to_datetime(frame["date"], format="mixed", utc=True).max()
        kw["settings"] = rg.Settings(as_of=last.date())
    return rg.RelationshipNetwork.from_frames(**frames(frame, ties), **kw)


def strength_of(net, our="u1", their="c1", **kw) -> pd.Series:
    r = relationship_strength(net, **kw)
    return r[(r["our_person"] == our) & (r["their_person"] == their)].iloc[0]


# ----------------------------------------------------------------- hand-computed
def test_single_fresh_meeting_blank_direction() -> None:
    net = net_of(
        {"date": ["2026-03-01"], "our_person": ["u1"], "their_people": ["c1"], "kind": ["meeting"]}
    )
    row = strength_of(net)
    # V = 0.7 (fresh, weight 0.7); blank direction = mutual, so B = 1, R = 1
    assert row["volume"] == pytest.approx(0.7)
    assert row["balance"] == pytest.approx(1.0)
    assert row["reciprocity"] == pytest.approx(1.0)
    assert row["strength"] == pytest.approx(0.9 * (1 - math.exp(-0.7)))  # 0.45307
    assert row["strength"] == pytest.approx(0.453073, abs=1e-6)


def test_two_touchpoints_half_life_and_reciprocity() -> None:
    net = net_of(
        {
            "date": ["2026-01-01", "2026-06-30"],
            "our_person": ["u1", "u1"],
            "their_people": ["c1", "c1"],
            "kind": ["meeting", "call"],
            "direction": ["ours", "theirs"],
        }
    )
    row = strength_of(net)  # as_of = 2026-06-30, 180 days after the meeting
    # meeting: 0.7 * 2^-1 = 0.35 (ours); call: 0.3 (theirs). V = 0.65
    assert row["volume"] == pytest.approx(0.65)
    share = 0.3 / 0.65
    balance = 1 - abs(2 * share - 1)  # 0.923077
    assert row["balance"] == pytest.approx(balance)
    assert row["reciprocity"] == pytest.approx(0.6 + 0.4 * balance)  # 0.969231
    assert row["strength"] == pytest.approx(0.416924, abs=1e-6)
    assert (row["touchpoints"], row["ours"], row["theirs"], row["mutual"]) == (2, 1, 1, 0)
    assert row["first_contact"] == pd.Timestamp("2026-01-01")
    assert row["last_contact"] == pd.Timestamp("2026-06-30")
    assert row["days_since"] == 0


def test_multi_person_row_counts_for_each_person() -> None:
    net = net_of(
        {
            "date": ["2026-03-01"],
            "our_person": ["u1"],
            "their_people": ["c1; c2"],
            "kind": ["visit"],
            "direction": ["mutual"],
        }
    )
    r = relationship_strength(net)
    assert r["their_person"].tolist() == ["c1", "c2"]
    assert r["strength"].tolist() == pytest.approx([0.9 * (1 - math.exp(-0.8))] * 2)


def test_settings_change_the_numbers() -> None:
    log = {"date": ["2026-03-01"], "our_person": ["u1"], "their_people": ["c1"], "kind": ["email"]}
    s = rg.Settings().replace(interaction_weight={"email": 0.5}, interaction_cap=0.5)
    row = strength_of(
        net_of(log).with_settings(interaction_weight=s.interaction_weight, interaction_cap=0.5)
    )
    assert row["strength"] == pytest.approx(0.5 * (1 - math.exp(-0.5)))


def test_reciprocity_lowers_one_way_contact() -> None:
    base = {
        "date": ["2026-01-10", "2026-02-10", "2026-03-10"],
        "our_person": ["u1"] * 3,
        "their_people": ["c1"] * 3,
        "kind": ["meeting"] * 3,
    }
    one_way = strength_of(net_of({**base, "direction": ["ours"] * 3}))
    two_way = strength_of(net_of({**base, "direction": ["ours", "theirs", "mutual"]}))
    assert one_way["volume"] == pytest.approx(two_way["volume"])
    assert one_way["balance"] == 0.0
    assert one_way["reciprocity"] == pytest.approx(0.6)
    assert one_way["strength"] < two_way["strength"]
    their_way = strength_of(net_of({**base, "direction": ["theirs"] * 3}))
    assert their_way["strength"] == pytest.approx(one_way["strength"])


def test_year_old_email_is_weaker_than_last_weeks_meeting() -> None:
    net = net_of(
        {
            "date": ["2025-03-01", "2026-02-22"],
            "our_person": ["u1", "u1"],
            "their_people": ["c1", "c2"],
            "kind": ["email", "meeting"],
        }
    )
    r = relationship_strength(net, as_of="2026-03-01")
    email = r.loc[r["their_person"] == "c1", "strength"].iloc[0]
    meeting = r.loc[r["their_person"] == "c2", "strength"].iloc[0]
    assert email < meeting
    assert email < 0.05 and meeting > 0.4


def test_touchpoints_after_as_of_are_ignored() -> None:
    net = net_of(
        {
            "date": ["2026-01-01", "2026-05-01"],
            "our_person": ["u1", "u1"],
            "their_people": ["c1", "c2"],
            "kind": ["meeting", "meeting"],
        }
    )
    r = relationship_strength(net, as_of=dt.date(2026, 2, 1))
    assert r["their_person"].tolist() == ["c1"]
    assert r["days_since"].tolist() == [31]


def test_bad_as_of_is_a_clear_error() -> None:
    net = net_of(
        {"date": ["2026-01-01"], "our_person": ["u1"], "their_people": ["c1"], "kind": ["meeting"]}
    )
    with pytest.raises(ValueError, match="as_of = 'yesterday-ish' is not valid"):
        relationship_strength(net, as_of="yesterday-ish")


def test_network_without_log_gives_empty_frames() -> None:
    net = rg.datasets.tiny()
    assert len(net.interactions) == 0
    assert len(relationship_strength(net)) == 0
    assert len(customer_issues(net)) == 0
    assert (tie_strengths(net)["basis"] != "interactions").all()
    lc = last_contact(net, as_of="2026-01-01")
    assert set(lc["person"]) == {"p1", "p2", "p3", "p4"} and lc["stale"].all()


# ----------------------------------------------------------------- properties
kinds = st.sampled_from(INTERACTION_KINDS)
log_rows = st.lists(
    st.tuples(
        st.integers(0, 400),
        st.sampled_from(["u1", "u2"]),
        st.sampled_from(["c1", "c2", "c3", "c1;c2", "c2;c3"]),
        kinds,
        st.sampled_from(["ours", "theirs", "mutual", ""]),
    ),
    min_size=1,
    max_size=25,
)


def log_frame(rows) -> pd.DataFrame:
    base = np.datetime64("2025-01-01")
    return pd.DataFrame(
        {
            "date": [str(base + np.timedelta64(d, "D")) for d, *_ in rows],
            "our_person": [r[1] for r in rows],
            "their_people": [r[2] for r in rows],
            "kind": [r[3] for r in rows],
            "direction": [r[4] for r in rows],
        }
    )


_BASE = rg.RelationshipNetwork.from_frames(**frames(None))


def typed_net(rows) -> rg.RelationshipNetwork:
    """A network with this log, built without re-validating (the log is valid by design)."""
    log = log_frame(rows)
    n = len(log)
    tables = _BASE.to_frames()
    tables["interactions"] = pd.DataFrame(
        {
            "date": pd.to_datetime(log["date"]).astype("datetime64[ns]"),
            "our_person": log["our_person"].astype(object),
            "their_people": log["their_people"].astype(object),
            "kind": log["kind"].astype(object),
            "direction": log["direction"].replace("", None).astype(object),
            "issue": [""] * n,
            "subject": [""] * n,
            "note": [""] * n,
            "sensitive": pd.array([pd.NA] * n, dtype="boolean"),
        }
    )
    return rg.RelationshipNetwork(tables)


def test_typed_net_matches_validated_net() -> None:
    rows = [(3, "u1", "c1;c2", "meeting", ""), (40, "u2", "c2", "email", "theirs")]
    pd.testing.assert_frame_equal(
        relationship_strength(typed_net(rows)),
        relationship_strength(rg.RelationshipNetwork.from_frames(**frames(log_frame(rows)))),
    )


@settings(max_examples=30, deadline=None)
@given(rows=log_rows, seed=st.integers(0, 2**32 - 1))
def test_shuffling_the_log_changes_nothing(rows, seed) -> None:
    a = typed_net(rows)
    tables = a.to_frames()
    perm = np.random.default_rng(seed).permutation(len(tables["interactions"]))
    tables["interactions"] = tables["interactions"].iloc[perm].reset_index(drop=True)
    b = rg.RelationshipNetwork(tables)
    pd.testing.assert_frame_equal(relationship_strength(a), relationship_strength(b))
    pd.testing.assert_frame_equal(last_contact(a), last_contact(b))
    ia = customer_issues(a).drop(columns="row")
    ib = customer_issues(b).drop(columns="row")
    pd.testing.assert_frame_equal(ia, ib)


@settings(max_examples=50, deadline=None)
@given(rows=log_rows, later=st.integers(1, 2000))
def test_strength_never_increases_without_new_touchpoints(rows, later) -> None:
    net = typed_net(rows)
    first = pd.Timestamp(net.interactions["date"].max())
    a = relationship_strength(net, as_of=first)
    b = relationship_strength(net, as_of=first + pd.Timedelta(days=later))
    assert a[["our_person", "their_person"]].equals(b[["our_person", "their_person"]])
    assert (b["strength"].to_numpy() <= a["strength"].to_numpy()).all()
    assert (b["strength"] >= 0).all() and (a["strength"] <= 0.9).all()
    np.testing.assert_allclose(a["balance"], b["balance"], atol=1e-12)


# ----------------------------------------------------------------- tie strengths
def test_explicit_strength_wins_and_derived_is_shown_beside_it() -> None:
    ties = pd.DataFrame(
        {
            "source": ["u1", "u2", "u1", "c2"],
            "target": ["c1", "c1", "c3", "u1"],
            "kind": ["covers", "covers", "covers", "friend"],
            "strength": [None, 0.8, None, None],
        }
    )
    log = {
        "date": ["2026-03-01", "2026-03-01", "2026-03-01"],
        "our_person": ["u1", "u2", "u1"],
        "their_people": ["c1", "c1", "c2"],
        "kind": ["meeting", "meeting", "call"],
    }
    net = net_of(log, ties)
    ts = tie_strengths(net)
    fresh = 0.9 * (1 - math.exp(-0.7))
    assert ts["basis"].tolist() == ["interactions", "explicit", "default", "interactions"]
    assert ts["strength"].tolist() == pytest.approx([fresh, 0.8, 0.7, 0.9 * (1 - math.exp(-0.3))])
    assert ts.loc[1, "derived"] == pytest.approx(fresh)  # shown beside the explicit 0.8
    assert "explicit strength 0.80 wins" in ts.loc[1, "why"]
    assert np.isnan(ts.loc[2, "derived"])
    # net.edges uses the same rule
    e = net.edges
    assert e["strength"].tolist() == pytest.approx(ts["strength"].tolist())
    assert e["basis"].tolist() == ts["basis"].tolist()
    # a network that narrows the eligible kinds keeps the friend default
    narrow = net.with_settings(interaction_tie_kinds=["covers"])
    assert narrow.edges["strength"].tolist()[3] == pytest.approx(0.7)
    assert tie_strengths(narrow)["basis"].tolist()[3] == "default"


def test_relationship_strength_lists_recorded_ties() -> None:
    ties = pd.DataFrame(
        {"source": ["u1", "c1"], "target": ["c1", "u1"], "kind": ["covers", "alumni"]}
    )
    log = {
        "date": ["2026-03-01"] * 2,
        "our_person": ["u1", "u2"],
        "their_people": ["c1", "c1"],
        "kind": ["meeting"] * 2,
    }
    r = relationship_strength(net_of(log, ties))
    assert r["ties"].tolist() == ["alumni;covers", ""]
    assert "no tie recorded" in r["why"].iloc[1]


# ----------------------------------------------------------------- last contact
def test_last_contact_staleness_and_first_contact() -> None:
    log = {
        "date": ["2026-01-01", "2026-05-01", "2026-05-01", "2026-06-01"],
        "our_person": ["u1", "u1", "u2", "u2"],
        "their_people": ["c1", "c1", "c1", "c2"],
        "kind": ["meal", "email", "call", "visit"],
    }
    lc = last_contact(net_of(log), as_of="2026-08-15")
    lc = lc.set_index("person")
    assert list(lc.index) == ["c3", "c1", "c2"]  # never, then longest ago
    assert lc.loc["c1", "last_contact"] == pd.Timestamp("2026-05-01")
    assert lc.loc["c1", "days_since"] == 106
    assert bool(lc.loc["c1", "stale"]) is True  # > 90 days
    assert lc.loc["c1", "by"] == "u1;u2" and lc.loc["c1", "kind"] == "call;email"
    assert lc.loc["c1", "first_contact"] == pd.Timestamp("2026-01-01")
    assert (lc.loc["c1", "touchpoints"], lc.loc["c1", "owners"]) == (3, 2)
    assert lc.loc["c2", "days_since"] == 75 and not lc.loc["c2", "stale"]
    assert bool(lc.loc["c3", "stale"]) and pd.isna(lc.loc["c3", "last_contact"])
    looser = last_contact(net_of(log).with_settings(contact_stale_days=120), as_of="2026-08-15")
    assert not looser.set_index("person").loc["c1", "stale"]


# ----------------------------------------------------------------- issues
def test_customer_issues_matching() -> None:
    log = {
        "date": [
            "2026-01-05",
            "2026-01-06",
            "2026-01-20",
            "2026-02-01",
            "2026-02-03",
            "2026-02-10",
            "2026-02-15",
            "2026-03-01",
        ],
        "our_person": ["u1", "u1", "u2", "u2", "u2", "u1", "u1", "u1"],
        "their_people": ["c1", "c2", "c1", "c2;c3", "c3", "c3", "c1", "c1"],
        "kind": [
            "complaint",
            "complaint",
            "issue_closed",
            "complaint",
            "complaint",
            "issue_closed",
            "issue_closed",
            "meeting",
        ],
        "issue": ["T-1", "T-1", "T-1", "", "", "", "", ""],
    }
    ti = pd.DataFrame({"opportunity": ["O"], "person": ["c3"], "role": ["decider"]})
    fr = frames(pd.DataFrame(log))
    fr["opportunities"] = pd.DataFrame({"id": ["O"], "account": ["A"]})
    fr["roles"] = ti
    net = rg.RelationshipNetwork.from_frames(**fr, settings=rg.Settings(as_of=dt.date(2026, 3, 1)))
    iss = customer_issues(net)
    assert iss["status"].tolist() == ["open", "closed", "closed", "unmatched_closure"]
    # the unreferenced closure on 02-10 (c3) closes the OLDEST open complaint sharing c3:
    # the one of 02-01 (c2;c3), so the 02-03 complaint stays open
    open_ = iss.iloc[0]
    assert (open_["opened"], open_["age_days"], open_["people"]) == (
        pd.Timestamp("2026-02-03"),
        26,
        "c3",
    )
    assert open_["key_people"] == "c3" and not open_["overdue"]
    t1 = iss[iss["issue"] == "T-1"].iloc[0]
    assert (t1["opened"], t1["closed"], t1["age_days"]) == (
        pd.Timestamp("2026-01-05"),
        pd.Timestamp("2026-01-20"),
        15,
    )
    assert t1["people"] == "c1;c2" and t1["owner"] == "u1"
    fifo = iss[(iss["status"] == "closed") & (iss["issue"] == "")].iloc[0]
    assert (fifo["opened"], fifo["closed"]) == (
        pd.Timestamp("2026-02-01"),
        pd.Timestamp("2026-02-10"),
    )
    assert iss.iloc[3]["people"] == "c1"  # the 02-15 closure had nothing left to close
    later = customer_issues(net, as_of="2026-04-01")
    assert later.iloc[0]["overdue"] and later.iloc[0]["age_days"] == 57


def test_customer_issues_order_is_canonical() -> None:
    import itertools

    log = {
        "date": ["2025-03-01", "2025-03-01", "2025-03-05", "2025-03-01"],
        "our_person": ["u1", "u1", "u1", "u2"],
        "their_people": ["c2;c1", "c1;c2", "c1", "c3"],
        "kind": ["complaint", "complaint", "issue_closed", "complaint"],
        "subject": ["late delivery", "invoice error", "", "outage"],
    }
    tables = rg.RelationshipNetwork.from_frames(**frames(pd.DataFrame(log))).to_frames()
    outs = []
    for perm in itertools.permutations(range(4)):
        shuffled = dict(tables)
        shuffled["interactions"] = tables["interactions"].iloc[list(perm)].reset_index(drop=True)
        outs.append(customer_issues(rg.RelationshipNetwork(shuffled)).drop(columns="row"))
    for other in outs[1:]:
        pd.testing.assert_frame_equal(outs[0], other)
    iss = outs[0]
    # same day, owner and people: the closure closes the first by subject
    assert iss["status"].tolist() == ["open", "open", "closed"]
    assert iss["people"].tolist() == ["c1;c2", "c3", "c1;c2"]
    assert iss["subject"].tolist() == ["late delivery", "outage", "invoice error"]


def test_empty_log_and_log_after_as_of() -> None:
    # a log table with no rows: last contact works (dated today) and warns about nothing
    empty = pd.DataFrame(
        {c: pd.Series(dtype=object) for c in ["date", "our_person", "their_people", "kind"]}
    )
    net = rg.RelationshipNetwork.from_frames(**frames(empty))
    assert len(net.interactions) == 0
    lc = last_contact(net)
    assert lc["person"].tolist() == ["c1", "c2", "c3"]
    assert lc["stale"].all() and lc["last_contact"].isna().all()
    assert lc["days_since"].isna().all() and (lc["touchpoints"] == 0).all()
    assert dt.date.today().isoformat() in lc.loc[0, "why"]
    assert len(customer_issues(net)) == 0 and len(relationship_strength(net)) == 0
    # every touchpoint after as_of: as if there were none
    ties = pd.DataFrame({"source": ["u1"], "target": ["c1"], "kind": ["covers"]})
    log = {"date": ["2026-01-05"], "our_person": ["u1"], "their_people": ["c1"], "kind": ["call"]}
    late = net_of(log, ties)
    assert len(relationship_strength(late, as_of="2025-12-31")) == 0
    ts = tie_strengths(late, as_of="2025-12-31")
    assert ts["basis"].tolist() == ["default"] and ts["derived"].isna().all()
    assert ts["first_contact"].isna().all()
    assert tie_strengths(late)["basis"].tolist() == ["interactions"]
    lc2 = last_contact(late, as_of="2025-12-31").set_index("person")
    assert pd.isna(lc2.loc["c1", "last_contact"]) and lc2["stale"].all()
    assert len(customer_issues(late, as_of="2025-12-31")) == 0


# ----------------------------------------------------------------- validation
def test_bad_interaction_rows_are_all_reported() -> None:
    log = pd.DataFrame(
        {
            "date": [
                "2026-01-01",
                "2099-01-01",
                "2026-13-01",
                "2026-01-02",
                "2026-01-03",
                "2026-01-04",
            ],
            "our_person": ["u1", "u1", "u1", "zz", "c1", "u1"],
            "their_people": ["c1;c9", "c1", "c1", "c1", "c2", "c2;u2"],
            "kind": ["meetnig", "call", "call", "call", "call", "拜访"],
            "direction": ["", "sideways", "", "", "", "我方"],
        }
    )
    with pytest.raises(ValidationError) as exc:
        rg.RelationshipNetwork.from_frames(**frames(log), today=dt.date(2026, 11, 15))
    f = exc.value.frame()
    got = {(int(r.row), r.column, r.reason) for r in f.itertuples()}
    assert got == {
        (0, "kind", str(Reason.UNKNOWN_TERM)),
        (0, "their_people", str(Reason.UNKNOWN_REFERENCE)),
        (1, "date", str(Reason.FUTURE_DATE)),
        (1, "direction", str(Reason.UNKNOWN_TERM)),
        (2, "date", str(Reason.BAD_DATE)),
        (3, "our_person", str(Reason.UNKNOWN_REFERENCE)),
        (4, "our_person", str(Reason.WRONG_ORG_KIND)),
        (5, "their_people", str(Reason.WRONG_ORG_KIND)),
    }
    hints = dict(zip(zip(f["row"], f["column"], strict=True), f["hint"], strict=True))
    assert "did you mean 'meeting'" in hints[(0, "kind")]
    assert "'c9'" in hints[(0, "their_people")]


def test_missing_required_interaction_column() -> None:
    log = pd.DataFrame({"date": ["2026-01-01"], "our_person": ["u1"], "kind": ["call"]})
    with pytest.raises(ValidationError) as exc:
        rg.RelationshipNetwork.from_frames(**frames(log))
    assert exc.value.frame()["reason"].tolist() == [str(Reason.MISSING_COLUMN)]


def test_synonyms_are_accepted() -> None:
    words = ["会议", "电话", "拜访", "宴请", "论坛", "邮件", "培训", "投诉", "Site Visit", "Email"]
    log = {
        "date": ["2026-01-01"] * len(words),
        "our_person": ["u1"] * len(words),
        "their_people": ["c1"] * len(words),
        "kind": words,
    }
    net = net_of(log)
    assert net.interactions["kind"].tolist() == [
        "meeting",
        "call",
        "visit",
        "meal",
        "event",
        "email",
        "training",
        "complaint",
        "visit",
        "email",
    ]


def test_log_round_trips_through_csv(tmp_path) -> None:
    net = rg.datasets.sample()
    net.to_csv(tmp_path / "acc")
    again = rg.load(tmp_path / "acc", settings=net.settings)
    pd.testing.assert_frame_equal(relationship_strength(net), relationship_strength(again))


# ----------------------------------------------------------------- the sample story
def test_sample_story() -> None:
    net = rg.datasets.sample()
    r = relationship_strength(net)
    assert r["last_contact"].max() == pd.Timestamp("2026-11-15")
    ceo = r[r["their_person"] == "C005"]
    assert ceo["our_person"].tolist() == ["N02"]  # the sole owner met him rarely
    assert ceo["strength"].iloc[0] < 0.3 and ceo["touchpoints"].iloc[0] <= 3
    lc = last_contact(net).set_index("person")
    assert lc.loc["C005", "stale"] and lc.loc["C005", "days_since"] > 180
    assert not lc.loc["C015", "stale"]
    for uncovered in ["C029", "C030", "C040"]:
        assert pd.isna(lc.loc[uncovered, "last_contact"])
    iss = customer_issues(net)
    open_ = iss[iss["status"] == "open"]
    assert len(open_) == 1 and open_["overdue"].all() and open_["age_days"].iloc[0] > 90
    assert "C018" in open_["key_people"].iloc[0]
    assert (iss["status"] == "closed").sum() == 3
    e = net.edges
    ceo_tie = e[(e["u"] == net.index_of("N02")[0]) & (e["v"] == net.index_of("C005")[0])]
    assert ceo_tie["basis"].tolist() == ["interactions"]
    assert ceo_tie["strength"].iloc[0] == pytest.approx(ceo["strength"].iloc[0])
    n03_c015 = e[(e["u"] == net.index_of("N03")[0]) & (e["v"] == net.index_of("C015")[0])]
    assert set(n03_c015["basis"]) == {"explicit"}


BACKENDS = ["python", "arrow", "numpy"]


def _available(backend: str) -> None:
    from relgraph import textvec as mod

    if backend == "arrow":
        pytest.importorskip("pyarrow")
    if backend == "numpy" and not mod._VECTOR_TEXT:
        pytest.skip("numpy < 2.3 has no vectorised strings")


@pytest.mark.parametrize("backend", BACKENDS)
def test_vectorised_texts_equal_say_per_row(backend) -> None:
    from relgraph._touchpoints import KIND_CODES
    from relgraph.text import say
    from relgraph.textvec import _to_list, counts_text, day_text, say_many

    def _kind_text(counts, backend):  # type: ignore[no-untyped-def]
        return counts_text(counts, list(KIND_CODES), backend=backend)

    _available(backend)
    vals = {
        "n": np.array([1, 12, 3]),
        "first": np.array(["2026-01-01", "2025-02-03", "x"]),
        "last": np.array(["2026-01-02", "2026-02-03", "y"]),
        "kinds": np.array(["1 meeting", "2 call, 10 email", ""], dtype=object),
        "volume": np.array([0.005, 12.345678, 1.0]),
        "half_life": 180.0,
        "initiative": np.array(["a", "b", "c"], dtype=object),
        "reciprocity": np.array([0.6, 0.98765, 1.0]),
        "strength": np.array([0.125, 0.0, 0.899999]),
    }
    got = _to_list(say_many("int_strength_why", 3, backend=backend, **vals))
    want = [
        say("int_strength_why", **{k: (v if np.ndim(v) == 0 else v[i]) for k, v in vals.items()})
        for i in range(3)
    ]
    assert got == want  # ties (0.005, 0.125) round as Python's format does
    zh = _to_list(say_many("int_strength_why", 3, backend=backend, lang="zh", **vals))
    assert zh == [
        say(
            "int_strength_why",
            lang="zh",
            **{k: (v if np.ndim(v) == 0 else v[i]) for k, v in vals.items()},
        )
        for i in range(3)
    ]
    assert zh != want and "半衰期" in zh[0]
    assert got[0].endswith(
        "decayed volume 0.01 (half-life 180 days); a, reciprocity 0.60: strength 0.12"
    )
    days = np.array([20454, 0, 20454])  # 2026-01-01, 1970-01-01
    vals["first"] = day_text(days)
    got = _to_list(say_many("int_strength_why", 3, backend=backend, **vals))
    assert [g.split(" from ")[1][:10] for g in got] == ["2026-01-01", "1970-01-01", "2026-01-01"]
    counts = np.zeros((3, 10), dtype=np.int64)
    counts[0, 0] = 2
    counts[0, 5] = 1
    counts[2, 9] = 70
    kinds = _to_list(_kind_text(counts, backend=backend))
    assert kinds == ["2 meeting, 1 email", "", "70 other"]
    assert _to_list(_kind_text(np.zeros((2, 10), dtype=np.int64), backend=backend)) == ["", ""]


# ----------------------------------------------------------------- fast path = reference
KIND_ORDER = INTERACTION_KINDS
THEIRS = ["c1", "c2", "c3", "c4", "c5"]
OURS = ["u1", "u2", "u3"]


def random_log_net(seed: int, n: int = 240) -> rg.RelationshipNetwork:
    """A random valid log: ';'-lists (spaces, empty parts), exact duplicate rows,
    sensitive rows, blank directions, and ties of several kinds."""
    rng = np.random.default_rng(seed)
    base = np.datetime64("2024-01-01")

    def their() -> str:
        k = rng.choice([1, 1, 1, 2, 3])
        people = rng.choice(THEIRS, size=k, replace=False).tolist()
        sep = rng.choice([";", "; ", " ;"])
        return sep.join(people) + (";" if rng.random() < 0.05 else "")

    rows = {
        "date": [str(base + np.timedelta64(int(d), "D")) for d in rng.integers(0, 900, n)],
        "our_person": rng.choice(OURS, n).tolist(),
        "their_people": [their() for _ in range(n)],
        "kind": rng.choice(KIND_ORDER + ["电话", "拜访"], n).tolist(),
        "direction": rng.choice(["ours", "theirs", "mutual", ""], n).tolist(),
        "sensitive": rng.choice(["", "true", "false"], n).tolist(),
    }
    log = pd.DataFrame(rows)
    log = pd.concat([log, log.iloc[rng.integers(0, n, n // 10)]], ignore_index=True)  # dups
    log = log.iloc[rng.permutation(len(log))].reset_index(drop=True)
    orgs = pd.DataFrame({"id": ["A", "U"], "name": ["Acme", "Us"], "kind": ["customer", "us"]})
    people = pd.DataFrame(
        {
            "id": THEIRS + OURS,
            "name": ["安", "Bo", "Cy", "Di", "Ed", "Eve", "Fay", "Gil"],
            "org": ["A"] * 5 + ["U"] * 3,
        }
    )
    ties = pd.DataFrame(
        {
            "source": ["u1", "c1", "u2", "c3", "u3", "c2"],
            "target": ["c1", "u1", "c3", "u2", "c5", "c4"],
            "kind": ["covers", "alumni", "friend", "former_colleague", "covers", "friend"],
        }
    )
    last = pd.to_datetime(log["date"]).max().date()  # measured as of the latest touchpoint
    return rg.RelationshipNetwork.from_frames(
        orgs=orgs,
        people=people,
        ties=ties,
        interactions=log,
        today=dt.date(2030, 1, 1),
        settings=rg.Settings(as_of=last),
    )


def reference_strength(net: rg.RelationshipNetwork, as_of: str) -> pd.DataFrame:
    """The documented formula, one log row and one person at a time (plain Python)."""
    from relgraph.text import say, term

    s = net.settings
    t_ref = pd.Timestamp(as_of)
    weight = {str(k): float(w) for k, w in s.interaction_weight.items()}
    acc: dict[tuple[str, str], dict] = {}
    for row in net.interactions.itertuples(index=False):
        if row.date > t_ref:
            continue
        age = (t_ref - row.date).days
        w = weight[str(row.kind)] * 2 ** (-age / s.interaction_half_life_days)
        direction = row.direction if isinstance(row.direction, str) and row.direction else "mutual"
        for their in (p.strip() for p in row.their_people.split(";")):
            if not their:
                continue
            a = acc.setdefault(
                (row.our_person, their),
                {
                    "n": 0,
                    "ours": 0,
                    "theirs": 0,
                    "mutual": 0,
                    "first": row.date,
                    "last": row.date,
                    "w": [],
                    "kinds": dict.fromkeys(KIND_ORDER, 0),
                },
            )
            a["n"] += 1
            a[direction] += 1
            a["first"], a["last"] = min(a["first"], row.date), max(a["last"], row.date)
            a["w"].append((w, direction))
            a["kinds"][str(row.kind)] += 1
    tie_kinds: dict[frozenset, set] = {}
    for t in net.ties.itertuples(index=False):
        tie_kinds.setdefault(frozenset((t.source, t.target)), set()).add(str(t.kind))
    pos = {p: i for i, p in enumerate(net.person_ids)}
    out = []
    for (ours, theirs), a in sorted(acc.items(), key=lambda x: (pos[x[0][0]], pos[x[0][1]])):
        volume = math.fsum(w for w, _ in a["w"])
        share = math.fsum(w if d == "theirs" else w / 2 if d == "mutual" else 0 for w, d in a["w"])
        balance = 1 - abs(2 * share / volume - 1)
        reciprocity = s.interaction_one_way + (1 - s.interaction_one_way) * balance
        strength = s.interaction_cap * (1 - math.exp(-volume / s.interaction_saturation))
        strength *= reciprocity
        ties = ";".join(sorted(tie_kinds.get(frozenset((ours, theirs)), ())))
        why = say(
            "int_strength_why",
            n=a["n"],
            first=a["first"].date().isoformat(),
            last=a["last"].date().isoformat(),
            kinds=", ".join(
                f"{c} {term('interaction_kind', k)}" for k, c in a["kinds"].items() if c
            ),
            volume=volume,
            half_life=float(s.interaction_half_life_days),
            initiative=say(
                "int_initiative", ours=a["ours"], theirs=a["theirs"], mutual=a["mutual"]
            ),
            reciprocity=reciprocity,
            strength=strength,
        ) + ("" if ties else say("int_no_tie"))
        out.append(
            {
                "our_person": ours,
                "their_person": theirs,
                "our_name": net.label(ours),
                "their_name": net.label(theirs),
                "touchpoints": a["n"],
                "ours": a["ours"],
                "theirs": a["theirs"],
                "mutual": a["mutual"],
                "first_contact": a["first"],
                "last_contact": a["last"],
                "days_since": (t_ref - a["last"]).days,
                "volume": volume,
                "balance": balance,
                "reciprocity": reciprocity,
                "strength": strength,
                "ties": ties,
                "why": why,
            }
        )
    ref = pd.DataFrame(out)
    for c in ["our_person", "their_person", "our_name", "their_name", "ties", "why"]:
        ref[c] = ref[c].astype(pd.Series(["x"]).dtype)
    return ref


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("seed", "id_dtype"), [(0, "str"), (1, "str"), (2, "object")])
def test_fast_path_equals_reference(seed, id_dtype, backend, monkeypatch) -> None:
    from relgraph import _touchpoints as tp
    from relgraph import textvec
    from relgraph.analysis import interactions as mod

    _available(backend)
    monkeypatch.setattr(mod, "text_backend", lambda: backend)
    monkeypatch.setattr(textvec, "text_backend", lambda: backend)
    monkeypatch.setattr(tp, "_SAMPLE", 16)  # our ids: dictionary path; theirs: direct
    net = random_log_net(seed)
    if id_dtype == "object":  # ids as Python objects: the pandas path of the expansion
        tables = net.to_frames()
        log = tables["interactions"]
        for c in ["our_person", "their_people"]:
            log[c] = pd.Series(log[c].to_numpy(dtype=object), dtype=object)
        net = rg.RelationshipNetwork(tables, settings=net.settings)
        assert net.interactions["their_people"].dtype == object
    log = net.interactions
    assert log["their_people"].str.contains(";").any() and log.duplicated().any()
    assert log["sensitive"].fillna(False).any()
    as_of = "2026-01-15"  # about a quarter of the log lies after it
    assert (log["date"] > pd.Timestamp(as_of)).mean() > 0.1
    got = relationship_strength(net, as_of=as_of)
    want = reference_strength(net, as_of)
    assert (got["ties"] != "").any() and (got["ties"] == "").any()
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12, atol=1e-15)
    # and the same numbers at the default as_of (settings.as_of: the latest touchpoint here)
    got = relationship_strength(net)
    want = reference_strength(net, str(log["date"].max().date()))
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12, atol=1e-15)
