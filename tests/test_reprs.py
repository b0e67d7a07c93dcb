"""Every public result and the network render in Jupyter: a summary first, escaped, short.

A notebook shows ``_repr_html_`` and, in a terminal, ``repr``. Each public class that has
one is rendered here from a network whose names, titles and org and deal names are hostile
strings: the page is non-empty, shows them as text (never markup), and prints numbers for
people, not as ``0.006788123``.
"""

from __future__ import annotations

import html
import inspect
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

import relgraph as rg

PAYLOAD = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
HOSTILE = f"{PAYLOAD} {BREAKOUT} \x1b]0;x\x07"


@pytest.fixture(scope="module")
def hostile() -> rg.RelationshipNetwork:
    f = rg.datasets.tiny().to_frames()
    people = f["people"].assign(name=f["people"]["name"] + " " + HOSTILE, title=HOSTILE)
    orgs = f["orgs"].assign(name=f["orgs"]["name"] + " " + HOSTILE)
    opps = f["opportunities"].assign(name=HOSTILE)
    return rg.RelationshipNetwork.from_frames(
        **f | {"people": people, "orgs": orgs, "opportunities": opps}
    )


def _changed(net: rg.RelationshipNetwork) -> rg.RelationshipNetwork:
    f = net.to_frames()
    f["people"].loc[f["people"]["id"] == "p2", "attitude"] = -2
    return rg.RelationshipNetwork.from_frames(**f)


#: Public class → how to make one from the hostile network.
RESULTS: dict[str, Callable[[rg.RelationshipNetwork], Any]] = {
    "RelationshipNetwork": lambda net: net,
    "DecisionChain": lambda net: rg.decision_chain(net),
    "CoverageReport": lambda net: rg.coverage(net, as_of="2026-01-05"),
    "RouteReport": lambda net: rg.connection_routes(net, "p4", k=2),
    "InfluencePaths": lambda net: rg.influence_paths(net, "p3", "p1"),
    "SimulationResult": lambda net: rg.simulate(net, changes={"p4": 3}),
    "SnapshotDiff": lambda net: rg.diff(net, _changed(net)),
    "Plan": lambda net: rg.plan(net, as_of="2026-01-05", k=2),
    "NetworkMap": lambda net: rg.to_html(net, opportunity="O1"),
    "ImportResult": lambda net: rg.import_salesforce_activities(
        pd.DataFrame(
            {
                "WhoId": ["003A"],
                "OwnerId": ["005U"],
                "ActivityDate": ["2026-03-02"],
                "Subject": [HOSTILE],
                "Type": ["Meeting"],
            }
        )
    ),
}
#: The ones that show people's names (the others show ids, counts or only their own text).
SHOW_NAMES = {"DecisionChain", "CoverageReport", "RouteReport", "InfluencePaths"} | {
    "SimulationResult",
    "SnapshotDiff",
    "Plan",
    "ImportResult",
}


def test_every_public_class_with_a_notebook_view_is_rendered_here() -> None:
    shown = {
        name
        for name in rg.__all__
        if inspect.isclass(getattr(rg, name)) and hasattr(getattr(rg, name), "_repr_html_")
    }
    assert shown == set(RESULTS)


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_view_is_escaped_and_short_numbers(name: str, hostile: rg.RelationshipNetwork) -> None:
    obj = RESULTS[name](hostile)
    assert type(obj).__name__ == name
    page = obj._repr_html_()
    assert isinstance(page, str) and len(page) > 100
    for raw in (PAYLOAD, "<img src=x", "onerror=alert(1)>", "\x1b"):
        assert raw not in page, raw
    if name in SHOW_NAMES:
        assert html.escape(PAYLOAD) in page
    if name != "NetworkMap":  # the map's page carries its own data, not a table for people
        assert page.startswith("<div><p><b>")
        assert not re.search(r"\d\.\d{6,}", page), "numbers are formatted for people"


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_repr_is_one_short_line(name: str, hostile: rg.RelationshipNetwork) -> None:
    text = repr(RESULTS[name](hostile))
    assert text.startswith(f"{name}(") and "\n" not in text and len(text) < 200
    # no table dumped into the line ("<DataFrame>" names an in-memory source)
    assert "DataFrame" not in text.replace("<DataFrame>", "") and "  " not in text


def test_network_view_says_source_settings_language_and_privacy() -> None:
    net = rg.datasets.sample().with_settings(max_hops=2, tie_strength={"friend": 0.8})
    page = net._repr_html_()
    assert "78 people, 8 orgs, 131 ties, 2 opportunities" in page
    assert "Source: " in page and "2026-11-15" in page and "Language: en" in page
    assert "max_hops=2" in page and "tie_strength[friend]=0.8" in page
    assert "4 sensitive tie(s)" in page  # the sample's family/neighbour ties, counted only
    assert "OPP-1" in page  # the deals table
    assert repr(net).endswith("; tie_strength[friend]=0.8; max_hops=2)")
    plain = rg.datasets.tiny()._repr_html_()
    assert "relgraph&#x27;s defaults" in plain and "no sensitive personal data" in plain


def test_network_view_names_the_file_not_the_folders_above_it() -> None:
    """A notebook is shared with its outputs: the view does not show where the file sits."""
    path = rg.datasets.sample_path()
    page = rg.load(path)._repr_html_()
    assert f"Source: {path.name}<" in page or f"Source: {path.name} " in page, page[:2000]
    assert str(path.parent) not in page


def test_network_view_in_chinese() -> None:
    net = rg.datasets.sample().with_settings(language="zh")
    page = net._repr_html_()
    assert "关系网络:78 人" in page and "隐私:" in page and "商机" in page
    assert repr(net).endswith("; language='zh')")
