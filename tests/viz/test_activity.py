import numpy as np
import pandas as pd

import relgraph as rg
from relgraph.viz.activity import plot_touchpoints


def test_plot_touchpoints_draws_every_touchpoint_of_the_sample() -> None:
    net = rg.datasets.sample()
    ax = plot_touchpoints(net)
    n_points = sum(len(c.get_offsets()) for c in ax.collections)
    # one dot per (touchpoint, their person): rows with two people count twice
    expected = int(net.interactions["their_people"].str.count(";").sum()) + len(net.interactions)
    assert n_points == expected
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("L1 ")  # the board on top
    levels = [int(lab.split()[0][1:]) for lab in labels]
    assert levels == sorted(levels)
    assert "left out" not in ax.get_title()


def test_sensitive_touchpoints_are_left_out_and_counted() -> None:
    frames = rg.datasets.tiny().to_frames()
    frames["interactions"] = pd.DataFrame(
        {
            "date": ["2026-01-05", "2026-02-05"],
            "our_person": ["u1", "u2"],
            "their_people": ["p2", "p1"],
            "kind": ["meal", "meeting"],
            "sensitive": ["true", ""],
        }
    )
    net = rg.RelationshipNetwork.from_frames(**frames)
    ax = plot_touchpoints(net)
    assert sum(len(c.get_offsets()) for c in ax.collections) == 1
    assert "1 sensitive touchpoint(s) left out" in ax.get_title()
    ax2 = plot_touchpoints(net, include_sensitive=True)
    assert sum(len(c.get_offsets()) for c in ax2.collections) == 2


def test_plot_uses_the_given_axes() -> None:
    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    assert plot_touchpoints(rg.datasets.sample(), ax=ax) is ax
    dates = np.concatenate([c.get_offsets()[:, 0] for c in ax.collections])
    assert dates.min() >= 0  # matplotlib date numbers, i.e. drawn on a date axis
