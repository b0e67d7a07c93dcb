"""Plot of an account's touchpoints over time: who on our side met whom, by customer level."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from relgraph import _touchpoints as tp
from relgraph.network import RelationshipNetwork
from relgraph.text import say, term

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_touchpoints"]

_MARKERS = {
    "meeting": "o",
    "call": "^",
    "visit": "s",
    "meal": "*",
    "event": "P",
    "email": ".",
    "training": "D",
    "complaint": "X",
    "issue_closed": "v",
    "other": "x",
}
_PALETTE = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#f0e442",
    "#000000",
    "#8c564b",
    "#999999",
)


def plot_touchpoints(
    net: RelationshipNetwork,
    *,
    ax: Axes | None = None,
    include_sensitive: bool = False,
) -> Axes:
    """Draw every logged touchpoint as a dot: date across, customer person (by level) down.

    Parameters
    ----------
    net : RelationshipNetwork
        A network with an ``interactions`` table.
    ax : matplotlib Axes, optional
        Where to draw; a new figure (not attached to pyplot) when omitted.
    include_sensitive : bool
        Draw touchpoints marked sensitive; by default they are left out and the title says
        how many.

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    Rows are the customer people who appear in the log, grouped by level (board at the top)
    with a rule between levels; colour is our person, marker shape the kind. Names render in
    Chinese when :func:`relgraph.viz.style.cjk_font_family` finds a CJK font, otherwise the
    English name (or the id) is shown.

    Examples
    --------
    >>> import relgraph as rg
    >>> ax = plot_touchpoints(rg.datasets.sample())
    >>> len(ax.get_yticklabels()) > 10
    True
    """
    from matplotlib.figure import Figure

    from relgraph.viz.style import cjk_font_family

    lang = net.settings.language
    fonts = cjk_font_family(warn=False)
    if ax is None:
        fig = Figure(figsize=(11, 7), layout="constrained")
        ax = fig.add_subplot()
    pairs = tp.touchpoint_pairs(net.interactions, net.person_ids)
    sens = net.interactions["sensitive"].fillna(False).to_numpy(dtype=bool)
    left_out = int(sens.sum()) if not include_sensitive else 0
    if not include_sensitive:
        pairs = pairs[~sens[pairs["row"].to_numpy()]]
    level = pd.to_numeric(net.people["level"], errors="coerce").fillna(6).to_numpy()
    theirs = np.unique(pairs["v"].to_numpy())
    order = theirs[np.lexsort((theirs, level[theirs]))]
    ypos = {int(p): i for i, p in enumerate(order)}
    labels = _labels(net, order, cjk=fonts is not None)
    ours = sorted(np.unique(pairs["u"].to_numpy()).tolist())
    colour = {u: _PALETTE[i % len(_PALETTE)] for i, u in enumerate(ours)}
    dates = pairs["day"].to_numpy().astype("datetime64[D]")
    y = np.array([ypos[int(v)] for v in pairs["v"].to_numpy()])
    kinds = np.asarray(tp.KIND_CODES)[pairs["kind"].to_numpy()]
    us = pairs["u"].to_numpy()
    for u in ours:
        for k in np.unique(kinds):
            m = (us == u) & (kinds == k)
            if m.any():
                ax.scatter(dates[m], y[m], c=colour[u], marker=_MARKERS.get(str(k), "o"), s=36)
    for i in range(1, len(order)):
        if level[order[i]] != level[order[i - 1]]:
            ax.axhline(i - 0.5, color="#bbbbbb", linewidth=0.6)
    ax.set_yticks(range(len(order)), labels)
    ax.invert_yaxis()
    ax.grid(axis="x", color="#eeeeee")
    handles: list[Any] = []
    from matplotlib.lines import Line2D

    for u in ours:
        handles.append(
            Line2D([], [], color=colour[u], marker="o", ls="", label=_one(net, u, fonts))
        )
    for k in sorted(set(kinds.tolist())):
        word = term("interaction_kind", k, lang=lang)
        handles.append(Line2D([], [], color="#555", marker=_MARKERS[k], ls="", label=word))
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    title = say("int_plot_title", lang=lang)
    if left_out:
        title += " (" + say("int_plot_left_out", n=left_out, lang=lang) + ")"
    ax.set_title(title)
    if fonts is not None:
        legend = ax.get_legend()
        texts = [
            ax.title,
            *ax.get_yticklabels(),
            *(legend.get_texts() if legend is not None else []),
        ]
        for text in texts:
            text.set_fontfamily(fonts)
    return ax


def _one(net: RelationshipNetwork, pos: int, fonts: list[str] | None) -> str:
    return _labels(net, np.array([pos]), cjk=fonts is not None)[0]


def _labels(net: RelationshipNetwork, positions: np.ndarray, *, cjk: bool) -> list[str]:
    ids = net.person_ids.to_numpy()
    lev = pd.to_numeric(net.people["level"], errors="coerce").to_numpy()
    out = []
    for p in positions.tolist():
        if cjk:
            name = str(net.labels.iloc[p])
        else:
            raw = net.people["name_en"].iloc[p]
            en = "" if pd.isna(raw) else str(raw)
            name = en if en and en.isascii() else ids[p]
        tag = f"L{int(lev[p])} " if not np.isnan(lev[p]) else ""
        out.append(f"{tag}{name}")
    return out
