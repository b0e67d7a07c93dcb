import numpy as np

import relgraph as rg
from relgraph.viz.map_facts import gather
from relgraph.viz.map_layout import display_labels, level_text, story_grid, text_width
from relgraph.viz.map_select import groupings, select, story_mask


def test_labels_put_the_english_name_under_the_name():
    got = display_labels(
        np.array(["王志远 (Wang Zhiyuan)", "Ann", "李 (x) (y)"]),
        np.array(["王志远", "Ann", "李 (x)"]),
        np.array(["Wang Zhiyuan", "", "z"]),
    )
    assert got == ["王志远\nWang Zhiyuan", "Ann", "李 (x) (y)"]  # other labels kept as they are
    assert text_width("王志远\nWang Zhiyuan") > text_width("Wang") > 0
    assert text_width("王志远") == 3 * 12


def test_level_names():
    assert level_text(1.0) == "L1 board" and level_text(7.0) == "level 7"
    assert level_text(float("nan")) == "no level given"


def test_grid_fits_the_screen_and_keeps_people_apart():
    net = rg.datasets.sample()
    facts = gather(net, "OPP-1", include_sensitive=False)
    keep = np.flatnonzero(facts.policy.people)
    story = story_mask(facts, keep, None)
    ids = keep[story].tolist()
    labels = display_labels(
        net.labels.to_numpy(), net.people["name"].to_numpy(), net.people["name_en"].to_numpy()
    )
    xy, bands = story_grid(facts, ids, labels, dict.fromkeys(ids, 12.0))
    assert set(xy) == set(ids)
    pts = np.array(list(xy.values()))
    gaps = np.sqrt(((pts[:, None, :] - pts[None, :, :]) ** 2).sum(-1)) + np.eye(len(pts)) * 1e9
    assert gaps.min() > 40  # nobody on top of anybody
    assert bands.right < 1100 and bands.bottom < 900  # fits 1600 × 1000 at 12 px labels


def test_groups_cover_everyone_outside_the_story():
    net = rg.datasets.sample()
    facts = gather(net, "OPP-1", include_sensitive=False)
    keep, notes = select(facts, np.flatnonzero(facts.policy.people), None, 1500)
    assert notes == []
    story = story_mask(facts, keep, None)
    groups = groupings(facts, keep, story)
    for how, gs in groups.items():
        members = np.concatenate([g.members for g in gs])
        assert sorted(members.tolist()) == sorted(keep[~story].tolist()), how
    assert "Faction 2" in {g.label for g in groups["faction"]}
    assert "Faction 4, leans to 猎户通信 (Orion Telecom)" in {g.label for g in groups["faction"]}
