"""The decision chain as a matplotlib plot: role holders in rows by level, hidden sway dashed."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from relgraph.checks import check_int
from relgraph.palette import HIDDEN_COLOUR, TIE_COLOURS
from relgraph.text import say, term
from relgraph.viz import plot_common as pc
from relgraph.viz.map_layout import level_text
from relgraph.vocab import Stage

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from relgraph.network import RelationshipNetwork

__all__ = ["plot_decision_chain"]

_STAGES = [str(s) for s in Stage]
_FORMAL = {"reports_to", "influences", "covers", "informs"}
_MAX_ARROWS = 400


def plot_decision_chain(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    ax: Axes | None = None,
    hidden: int = 5,
    include_sensitive: bool = False,
    max_people: int = pc.PLOT_MAX_PEOPLE,
) -> Axes:
    """Draw an opportunity's decision chain in rows by level, with its hidden influencers.

    Each role holder is a marker (shape = buying role, colour = attitude toward us, a
    coloured ring = backing for a competitor, a red crossed circle = do not contact) in the
    row of their level, ordered by the buying stage of their role. The top ``hidden``
    hidden influencers are added. Arrows point the way influence flows: from a manager to
    the report, from whoever sways to whom they sway; hidden influence is dashed.

    Parameters
    ----------
    net : RelationshipNetwork
    opportunity : str, optional
        May be left out when the network has one opportunity.
    ax : matplotlib Axes, optional
        Draw here; a new figure is made when omitted.
    hidden : int
        How many hidden influencers (:func:`relgraph.hidden_influencers`) to add.
    include_sensitive : bool
        Draw sensitive ties, and hidden influencers known only through them (a spouse),
        too. Left out by default; a note under the plot says what was left out
        (:func:`relgraph.privacy.share_policy`).
    max_people : int
        Draw at most this many role holders (the most powerful first) and say so.

    Returns
    -------
    matplotlib.axes.Axes
        An empty plot with a message when the opportunity has no role holders yet.

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.
    InvalidParameterError
        For a negative ``hidden`` or a ``max_people`` below 1.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import relgraph as rg
    >>> ax = rg.plot_decision_chain(rg.datasets.tiny())
    >>> ax.get_title()
    'Decision chain of O1: 3 role holders, 1 hidden influencer(s)'
    """
    lang = net.settings.language
    hidden = check_int("hidden", hidden, minimum=0)
    max_people = check_int("max_people", max_people, minimum=1)
    opp, include_sensitive, pol = pc.entry(net, opportunity, include_sensitive)
    roles = pc.roles_of(net, opp)
    if not roles:
        ax = pc.new_axes(ax, (8.0, 4.0))
        with pc.fonts() as fam:
            title = say("plot_chain_title", opp=opp, roles=0, hidden=0, lang=lang)
            return pc.empty(ax, title, say("plot_no_roles", opp=opp, lang=lang), fam)
    holders, cut = _cap(net, opp, roles, max_people)
    hidden_ids = _hidden(net, opp, roles, hidden, include_sensitive)
    people = [*holders, *hidden_ids]
    xy, levels, width = _layout(net, people, roles)
    ax = pc.new_axes(ax, (max(8.0, min(1.25 * width + 2, 60.0)), 1.5 * len(levels) + 2))
    with pc.fonts() as fam:
        _ties(ax, net, xy, roles, set(hidden_ids), include_sensitive)
        _people(ax, net, opp, people, xy, roles, fam)
        ax.set_yticks([-lv for lv in levels], labels=[_level(lv, lang) for lv in levels])
        ax.set_xticks([])
        ax.set_xlim(-0.8, width - 0.2)
        ax.set_ylim(-max(levels) - 0.8, -min(levels) + 0.5)
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
        ax.set_title(
            say("plot_chain_title", opp=opp, roles=len(roles), hidden=len(hidden_ids), lang=lang)
        )
        pc.fix_text(ax, fam)
        pc.privacy_note(ax, pol, 8.0, fam)
        if cut:
            pc.note_below(ax, cut, 8.0, fam, pc.CAP_NOTE_GID, row=1)
    return ax


def _cap(
    net: RelationshipNetwork, opp: str, roles: dict[str, list[tuple[str, str]]], max_people: int
) -> tuple[list[str], str]:
    """Role holders to draw (all, or the most powerful ``max_people``) and a note."""
    lang = net.settings.language
    holders = list(roles)
    if len(holders) <= max_people:
        return holders, ""
    r = net.opportunity_roles(opp)
    power = r.groupby(r["person"].astype(str))["power"].max()
    order = sorted(holders, key=lambda p: (-float(power.get(p, 0.0)), p))
    note = say(
        "plot_cap",
        shown=f"{max_people:,}",
        total=f"{len(holders):,}",
        left=f"{len(holders) - max_people:,}",
        lang=lang,
    )
    return order[:max_people], note


def _hidden(
    net: RelationshipNetwork,
    opp: str,
    roles: dict[str, list[tuple[str, str]]],
    hidden: int,
    include_sensitive: bool,
) -> list[str]:
    from relgraph.analysis.influence import hidden_influencers

    pol = pc.policy(net, include_sensitive)
    ok = pc.shareable_ids(net, pol)
    hi = hidden_influencers(
        net, opp, k=hidden + pol.hidden_people, include_sensitive=include_sensitive
    )
    return [p for p in hi["person"].astype(str) if p not in roles and p in ok][:hidden]


def _layout(
    net: RelationshipNetwork, people: list[str], roles: dict[str, list[tuple[str, str]]]
) -> tuple[dict[str, tuple[float, float]], list[int], int]:
    """Rows by level (6 = not given), each row ordered by stage and centred."""
    level = pd.Series(
        pd.to_numeric(net.people["level"], errors="coerce").to_numpy(), index=net.person_ids
    )
    rank = {s: k for k, s in enumerate(_STAGES)}
    rows: dict[int, list[str]] = {}
    for pid in people:
        lv = level[pid]
        rows.setdefault(6 if pd.isna(lv) else int(lv), []).append(pid)
    width = max(len(v) for v in rows.values())
    xy: dict[str, tuple[float, float]] = {}
    for lv, members in rows.items():
        members.sort(key=lambda p: (p not in roles, _first_stage(p, roles, rank), p))
        start = (width - len(members)) / 2.0
        for k, pid in enumerate(members):
            xy[pid] = (start + k, -lv + (0.18 if k % 2 else 0.0))
    return xy, sorted(rows), width


def _first_stage(pid: str, roles: dict[str, list[tuple[str, str]]], rank: dict[str, int]) -> int:
    return min([rank.get(s, 9) for _, s in roles.get(pid, [])] or [9])


def _level(lv: int, lang: str) -> str:
    return level_text(math.nan if lv == 6 else float(lv), lang)


def _ties(
    ax: Axes,
    net: RelationshipNetwork,
    xy: dict[str, tuple[float, float]],
    roles: dict[str, list[tuple[str, str]]],
    hidden_set: set[str],
    include_sensitive: bool,
) -> None:
    """Draw reporting lines (manager → report), influence (dashed when hidden), hidden ties."""
    ties = pc.visible_ties(net, include_sensitive)
    shown = ties[ties["a"].isin(list(xy)) & ties["b"].isin(list(xy))]
    arrows: list[tuple[str, str, dict[str, Any]]] = []
    lines: list[tuple[str, str]] = []
    for a, b, kind in zip(shown["a"], shown["b"], shown["kind"], strict=True):
        if kind == "reports_to":
            arrows.append((b, a, {"color": TIE_COLOURS["reports_to"], "lw": 1.0}))
        elif kind == "influences":
            ls = "--" if a not in roles else "-"
            arrows.append((a, b, {"color": HIDDEN_COLOUR, "lw": 1.4, "linestyle": ls}))
        elif kind not in _FORMAL and (a in hidden_set or b in hidden_set):
            lines.append((a, b))
    for k, (a, b, style) in enumerate(arrows):
        if k < _MAX_ARROWS:
            ax.annotate(
                "",
                xy=xy[b],
                xytext=xy[a],
                zorder=1,
                arrowprops={"arrowstyle": "-|>", "shrinkA": 9, "shrinkB": 9, **style},
            )
    if lines:
        from matplotlib.collections import LineCollection

        segs = [[xy[a], xy[b]] for a, b in lines]
        ax.add_collection(
            LineCollection(
                segs, colors=TIE_COLOURS["personal"], linewidths=1.2, linestyles="--", zorder=1
            )
        )


def _people(
    ax: Axes,
    net: RelationshipNetwork,
    opp: str,
    people: list[str],
    xy: dict[str, tuple[float, float]],
    roles: dict[str, list[tuple[str, str]]],
    fam: list[str] | None,
) -> None:
    lang = net.settings.language
    comp = pc.comp_colours(net, opp)
    look = pc.styles(net, people, comp)
    main = pc.main_roles(roles, people)
    pts = np.array([xy[p] for p in people], dtype=float).reshape(-1, 2)
    size = np.where(main == "decider", 300.0, 200.0)
    pc.scatter_people(ax, pts[:, 0], pts[:, 1], main, look, size)
    name = pc.names(net, fam, short=True)
    for pid, (x, y) in zip(people, pts.tolist(), strict=True):
        words = sorted({term("role", r, lang=lang) for r, _ in roles.get(pid, [])})
        what = ", ".join(words) or say("plot_hidden_influencer", lang=lang)
        ax.annotate(
            f"{name[pid]}\n{what}",
            (x, y),
            xytext=(0, -16),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=7,
            zorder=4,
        )
    pc.people_legend(
        ax,
        set(main.tolist()),
        comp,
        net,
        dnc=bool(look["dnc"].any()),
        backed=pc.backed_by(net, people),
        no_role="plot_no_role",
    )
