import matplotlib
import pandas as pd
import pytest

import relgraph as rg
from relgraph.analysis.monitor import (
    CHANGE_COLUMNS,
    TREND_COLUMNS,
    diff,
    load_history,
)
from relgraph.errors import RelgraphError, UnknownOpportunityError
from relgraph.viz.trend import plot_trend

matplotlib.use("Agg")

PERSON_KINDS = {
    "joined",
    "left",
    "position",
    "role",
    "attitude",
    "new_supporter",
    "lost_supporter",
    "support_strength",
}


@pytest.fixture(scope="module")
def sample():
    return rg.datasets.sample()


def _rebuild(net, people=None, ties=None, roles=None, rename=None):
    f = net.to_frames()
    f.update(
        {k: v for k, v in (("people", people), ("ties", ties), ("roles", roles)) if v is not None}
    )
    if rename:
        for name in ("affiliations",):
            f[name] = f[name].replace({"person": rename})
        if "interactions" in f:
            inter = f["interactions"]
            f["interactions"] = inter.assign(
                their_people=inter["their_people"].astype(str).replace(rename, regex=True)
            )
    return rg.RelationshipNetwork.from_frames(**f)


def _person_changes(d):
    c = d.changes[d.changes["kind"].isin(PERSON_KINDS)]
    return sorted(zip(c["kind"], c["person"], c["before"], c["after"], strict=True))


def test_identical_snapshots_report_nothing(sample):
    d = diff(sample, sample, old_date="2026-11-15", new_date="2026-11-15")
    assert len(d) == 0 and list(d.changes.columns) == CHANGE_COLUMNS
    assert (d.index["change"].abs() < 1e-12).all()
    assert d.narrative.startswith("No changes between 2026-11-15 and 2026-11-15")


def test_no_support_column_is_no_backing_change(sample):
    # a snapshot without the support column compared with itself: blank strength both times
    frames = sample.to_frames()
    frames["people"] = frames["people"].drop(columns=["support"])
    net = rg.RelationshipNetwork.from_frames(**frames)
    assert net.people["supports"].ne("").any()
    d = diff(net, net)
    assert len(d) == 0, d.changes[["kind", "why"]]


def test_known_changes_constructed(sample):
    """A CTO replaced, a supporter turned opponent, a new competitor supporter."""
    f = sample.to_frames()
    people, ties, roles = f["people"].copy(), f["ties"].copy(), f["roles"].copy()
    cto = people["id"].eq("C006")
    new_cto = people[cto].assign(
        id="C099", name="新CTO", name_en="New Cto", updated=pd.Timestamp("2026-11-01")
    )
    people = pd.concat([people[~cto], new_cto], ignore_index=True)
    ties = ties.replace({"source": {"C006": "C099"}, "target": {"C006": "C099"}})
    roles = roles.replace({"person": {"C006": "C099"}})
    c015 = people["id"].eq("C015")  # +3 supporter turns opponent
    people.loc[c015, "attitude"] = -1
    people.loc[c015, "updated"] = pd.Timestamp("2026-11-12")
    c018 = people["id"].eq("C018")  # neutral starts backing Orion
    people.loc[c018, ["supports", "support"]] = ["ORI", 2]
    people.loc[c018, "updated"] = pd.Timestamp("2026-11-10")
    later = _rebuild(sample, people, ties, roles, rename={"C006": "C099"})
    d = diff(sample, later, old_date="2026-11-15", new_date="2026-11-15", gaps=False)
    assert _person_changes(d) == sorted(
        [
            ("left", "C006", "Chief Technology Officer (level 2)", ""),
            ("joined", "C099", "", "Chief Technology Officer (level 2)"),
            ("attitude", "C015", "+3", "-1"),
            ("new_supporter", "C018", "", "ORI (2)"),
        ]
    )
    c = d.changes
    # personnel changes in key positions come first
    assert c["kind"].iloc[:2].tolist() == ["joined", "left"]
    assert c["key_position"].iloc[:2].all()
    att = c[c["kind"].eq("attitude")].iloc[0]
    assert att["date"] == pd.Timestamp("2026-11-12")
    assert "supporter → opponent" in att["why"]
    assert c[c["kind"].eq("new_supporter")]["date"].iloc[0] == pd.Timestamp("2026-11-10")
    # the index fell for us: our strongest supporter turned against us
    us = d.index[(d.index["opportunity"] == "OPP-1") & (d.index["party"] == "us")].iloc[0]
    assert us["after"] < us["before"]
    assert set(c.loc[c["kind"].eq("index"), "opportunity"]) <= {"OPP-1", "OPP-2"}
    assert "Key positions:" in d.narrative and "Attitude shifts:" in d.narrative


def test_lost_and_switched_backing(sample):
    f = sample.to_frames()
    people = f["people"].copy()
    people.loc[people["id"].eq("C043"), ["supports", "support"]] = ["", pd.NA]
    people.loc[people["id"].eq("C039"), ["supports", "support"]] = ["ORI", 1]
    people.loc[people["id"].eq("C005"), "support"] = 2
    d = diff(sample, _rebuild(sample, people), gaps=False)
    assert _person_changes(d) == sorted(
        [
            ("lost_supporter", "C043", "ORI (1)", ""),
            ("lost_supporter", "C039", "BOR (1)", "ORI (1)"),
            ("new_supporter", "C039", "BOR (1)", "ORI (1)"),
            ("support_strength", "C005", "ORI (3)", "ORI (2)"),
        ]
    )


def test_bundled_snapshots(sample):
    snaps = rg.datasets.snapshots()
    dates = list(snaps)
    assert dates == sorted(dates) and dates[-1] == rg.datasets.SAMPLE_DATE
    d = diff(snaps[dates[0]], snaps[dates[-1]], new_date=dates[-1])
    assert d.old_date == pd.Timestamp(dates[0])  # read from the folder name
    assert _person_changes(d) == sorted(
        [
            ("left", "C062", "Chief Technology Officer (level 2)", ""),
            (
                "position",
                "C006",
                "Deputy Chief Technology Officer (level 3)",
                "Chief Technology Officer (level 2)",
            ),
            ("role", "C006", "influencer", "decider"),
            ("attitude", "C007", "+1", "-1"),
            ("new_supporter", "C019", "", "BOR (1)"),
        ]
    )
    c = d.changes
    assert c["kind"].iloc[:3].tolist() == ["left", "position", "role"]
    opened = c[c["kind"].eq("gap_opened")]
    closed = c[c["kind"].eq("gap_closed")]
    # the documented stale attitudes became stale between May and November
    stale = set(
        opened.loc[
            opened["before"].eq("")
            & opened["after"].str.startswith("stale_attitude")
            & opened["opportunity"].eq("OPP-1"),
            "person",
        ]
    )
    assert stale == {"C001", "C004", "E04", "C008", "C043", "C030"}
    # the old CTO (a supporter and decider) took his gaps with him
    assert "C062" in set(closed["person"])
    assert d.new_date == pd.Timestamp("2026-11-15")


def test_unknown_opportunity(sample):
    with pytest.raises(UnknownOpportunityError):
        diff(sample, sample, opportunity="OPP-9", gaps=False)


def test_history_from_folder_and_mapping(tmp_path, sample):
    snaps = rg.datasets.snapshots()
    h = load_history(snaps, opportunity="OPP-1")
    assert list(h.columns) == TREND_COLUMNS
    assert h["date"].drop_duplicates().dt.strftime("%Y-%m-%d").tolist() == list(snaps)
    assert h.groupby("date")["party"].apply(list).tolist() == [["us", "ORI", "BOR"]] * 2
    # folder of dated subfolders: the same numbers; other entries ignored
    for date in ("2026-01-31", "2026-02-28"):
        sample.to_csv(tmp_path / date)
    (tmp_path / "notes").mkdir()
    hf = load_history(tmp_path, opportunity="OPP-1")
    assert len(hf) == 6
    a = hf[hf["date"] == "2026-01-31"]["index"].to_numpy()
    b = h[h["date"] == "2026-11-15"]["index"].to_numpy()
    assert a == pytest.approx(b)
    with pytest.raises(RelgraphError, match="YYYY-MM-DD"):
        load_history(tmp_path / "notes")


def test_plot_trend(sample):
    h = load_history({"2026-05-31": sample, "2026-11-15": sample})
    with pytest.raises(UnknownOpportunityError):
        plot_trend(h)
    ax = plot_trend(h, opportunity="OPP-1")
    assert len(ax.get_lines()) == 3 + 1  # three parties and the zero line
    assert [t.get_text() for t in ax.get_legend().get_texts()][0] == "us"
    import matplotlib.pyplot as plt

    plt.close(ax.figure)


@pytest.mark.parametrize("layout", [None, "constrained"])
def test_plot_trend_slants_its_dates_with_or_without_a_layout_engine(sample, layout):
    # with a layout engine (the demo's figure), matplotlib 3.7 warns on autofmt_xdate:
    # the labels are slanted directly there, as autofmt_xdate slants them
    import io
    import warnings

    from matplotlib.figure import Figure

    h = load_history({"2026-05-31": sample, "2026-11-15": sample})
    fig = Figure(figsize=(7, 4), layout=layout)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot_trend(h, opportunity="OPP-1", ax=fig.add_subplot())
        fig.savefig(io.BytesIO(), format="png")
    labels = ax.get_xticklabels()
    assert labels
    assert {(t.get_rotation(), t.get_horizontalalignment()) for t in labels} == {(30.0, "right")}


def test_sensitive_people_left_out_of_every_change_row(sample):
    """E03 (the CFO's husband, known only through family) has a stale-attitude gap as of
    mid-2027 (assessed 2026-07-15); its closing must not show unless opted in."""
    d = diff(sample, sample, old_date="2027-06-01", new_date="2026-11-15")
    assert "E03" not in set(d.changes["person"])
    assert not d.changes["why"].str.contains("Cai Ming|蔡明").any()
    assert "1 person(s) known only through sensitive ties left out" in d.note
    opted = diff(
        sample, sample, old_date="2027-06-01", new_date="2026-11-15", include_sensitive=True
    )
    e03 = opted.changes[opted.changes["person"].eq("E03")]
    assert e03["kind"].tolist() == ["gap_closed", "gap_closed"]
    assert set(e03["opportunity"]) == {"OPP-1", "OPP-2"}
    assert e03["before"].str.startswith("stale_attitude").all()


def test_index_from_coverage_equals_support_index(sample):
    later = rg.load(rg.datasets.snapshots()["2026-05-31"])
    with_gaps = diff(later, sample).index
    without = diff(later, sample, gaps=False).index
    pd.testing.assert_frame_equal(with_gaps, without, check_exact=False, rtol=1e-12)
