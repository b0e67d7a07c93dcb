"""Put positions on the map's node records, and describe the groups for the page."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from relgraph.viz.map_layout import Bands, force_places, group_places, story_grid

if TYPE_CHECKING:
    from relgraph.viz.map_facts import MapFacts
    from relgraph.viz.map_select import Group

__all__ = ["choose_layout", "place"]

_NAMES_IN_TIP = 12


def choose_layout(facts: MapFacts, keep: np.ndarray, layout: str) -> str:
    """``auto`` → layered when at least half of the people outside our team have a level."""
    if layout != "auto":
        return layout
    outside = keep[facts.party[keep] != "us"]
    if not len(outside):
        return "layered"
    known = float(np.mean(~np.isnan(facts.level[outside])))
    return "layered" if known >= 0.5 else "force"


def place(
    facts: MapFacts,
    keep: np.ndarray,
    story: np.ndarray,
    groups: dict[str, list[Group]],
    labels: list[str],
    size: dict[int, float],
    nodes: list[dict[str, Any]],
    opts: dict[str, Any],
) -> tuple[str, dict[str, Any] | None, dict[str, list[dict[str, Any]]]]:
    """Set ``x``, ``y`` (story), ``g`` (group per grouping) and ``h`` (places when opened).

    Returns the layout used, the grid's headers (layered only) and the groups per grouping.
    """
    mode = choose_layout(facts, keep, opts["layout"])
    ids = keep.tolist()
    story_ids = [i for i, s in zip(ids, story.tolist(), strict=True) if s]
    how_list = list(groups)
    anchors: dict[str, list[tuple[float, float]]] = {}
    homes: dict[str, dict[int, tuple[float, float]]] = {}
    xy: dict[int, tuple[float, float]] = {}
    bands: Bands | None = None
    if mode == "layered":
        xy, bands = story_grid(facts, story_ids, labels, size)
        for how in how_list:
            anchors[how], homes[how] = group_places(facts, groups[how], labels, bands)
    elif mode == "force":
        xy, anchors = force_places(facts, story_ids, groups, labels, opts["seed"])
    elif mode == "spring":
        xy, _ = force_places(facts, ids, {}, labels, opts["seed"])
    index = {i: k for k, i in enumerate(ids)}
    member_of = {how: np.full(len(ids), -1) for how in how_list}
    for how in how_list:
        for k, g in enumerate(groups[how]):
            member_of[how][[index[int(i)] for i in g.members]] = k
    for k, (i, rec) in enumerate(zip(ids, nodes, strict=True)):
        p = xy.get(i) if story[k] else None
        rec["x"], rec["y"] = (_r(p[0]), _r(p[1])) if p else (None, None)
        rec["g"] = [int(member_of[how][k]) for how in how_list]
        if not story[k]:
            rec["h"] = [_pair(homes.get(how, {}).get(i)) for how in how_list]
    labels_full = facts.net.labels.to_numpy()
    group_data = {
        how: [
            {
                "label": g.label,
                "short": _short(g.label),
                "n": len(g.members),
                "names": [str(x) for x in labels_full[g.members[:_NAMES_IN_TIP]]],
                "x": _r(anchors[how][k][0]) if how in anchors else None,
                "y": _r(anchors[how][k][1]) if how in anchors else None,
            }
            for k, g in enumerate(groups[how])
        ]
        for how in how_list
    }
    band_data = None
    if bands is not None:
        first = next((a[0] for a in anchors.values() if a), None)
        band_data = {
            "cols": bands.cols,
            "rows": bands.rows,
            "right": _r(bands.right),
            "top": _r(bands.top),
            "bottom": _r(bands.bottom),
            "groupsX": None if first is None else _r(first[0] - 20),
        }
    return mode, band_data, group_data


def _short(label: str, width: int = 34) -> str:
    """Shorten a group's label for the canvas: ``name (English)`` on two lines, long lines cut."""
    lines = [label]
    if label.endswith(")") and " (" in label:
        head, _, tail = label[:-1].partition(" (")
        lines = [head, tail]
    return "\n".join(t if len(t) <= width else t[: width - 1] + "…" for t in lines)


def _r(value: Any) -> float:
    return round(float(value), 1)


def _pair(p: tuple[float, float] | None) -> list[float] | None:
    if p is None or not (math.isfinite(p[0]) and math.isfinite(p[1])):
        return None
    return [round(p[0], 1), round(p[1], 1)]
