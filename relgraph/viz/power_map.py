"""The power map: leverage against attitude, in the zones of the practice's objectives."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from relgraph.checks import check_int
from relgraph.text import say
from relgraph.viz import plot_common as pc

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from relgraph.network import RelationshipNetwork

__all__ = ["plot_power_map"]


def plot_power_map(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    ax: Axes | None = None,
    label: int = 12,
    include_sensitive: bool = False,
    max_people: int = pc.PLOT_MAX_PEOPLE,
) -> Axes:
    """Plot leverage against attitude, in the zones of the objective for each person.

    Parameters
    ----------
    net : RelationshipNetwork
    opportunity : str, optional
        May be left out when the network has one opportunity.
    ax : matplotlib Axes, optional
        Draw here; a new figure is made when omitted.
    label : int
        Name the ``label`` people with the most leverage.
    include_sensitive : bool
        Also plot people known only through sensitive ties (a spouse, a neighbour). Left
        out by default; a note under the plot says what was left out
        (:func:`relgraph.privacy.share_policy`).
    max_people : int
        Draw at most this many people (those with the most leverage; default 1,500, like
        the HTML map) and say how many were left out.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.
    InvalidParameterError
        For a negative ``label`` or a ``max_people`` below 1.

    Notes
    -----
    Everyone outside our and the competitors' staff with leverage above zero is a point
    (x = attitude toward us, spread a little where several share a value; not assessed =
    hollow at 0; y = leverage from :func:`relgraph.leverage`), drawn with one ``scatter``
    call per role. The horizontal line is ``1 / (number of role holders)``, the leverage
    each role holder would have if the decision were split evenly. Above it, the zones are
    the practice's objectives for a person by stance (DOMAIN.md §4, §6): *mobilise* a
    supporter (let them act for us), *convert* a neutral, *neutralise* an opponent — and a
    competitor's entrenched backer (a thick ring) is rarely turned head-on: work through
    the people they listen to. Below the line the same objectives have a lower priority.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import relgraph as rg
    >>> ax = rg.plot_power_map(rg.datasets.tiny())
    >>> ax.get_xlabel()
    'attitude toward us (−3 … +3)'
    """
    pc.check_ax(ax)
    from relgraph.analysis.influence import leverage

    lang = net.settings.language
    label = check_int("label", label, minimum=0)
    max_people = check_int("max_people", max_people, minimum=1)
    opp, include_sensitive, pol = pc.entry(net, opportunity, include_sensitive)
    lev = leverage(net, opp, include_sensitive=True)  # `ok` applies the policy below
    ok = np.asarray(pol.people)[net.index_of(lev["person"].astype(str).tolist())]
    lev = lev[
        ~lev["party"].isin(["us", "competitor"]).to_numpy() & (lev["leverage"] > 0).to_numpy() & ok
    ]
    lev = lev.sort_values(["leverage", "person"], ascending=[False, True]).reset_index(drop=True)
    total, cut = len(lev), ""
    if total > max_people:
        lev = lev.head(max_people)
        cut = say(
            "plot_cap_power",
            shown=f"{max_people:,}",
            total=f"{total:,}",
            left=f"{total - max_people:,}",
            lang=lang,
        )
    roles = pc.roles_of(net, opp)
    comp = pc.comp_colours(net, opp)
    pids = lev["person"].astype(str).tolist()
    att = pd.to_numeric(lev["attitude"], errors="coerce")
    xs = att.fillna(0).to_numpy(float)
    xs = xs + ((att.fillna(0).groupby(att.fillna(0)).cumcount().to_numpy() % 7) - 3) * 0.07
    ys = lev["leverage"].to_numpy(float)
    threshold = 1.0 / max(len(roles), 1)
    ax = pc.new_axes(ax, (9.5, 6.5))
    with pc.fonts() as fam:
        look = pc.styles(net, pids, comp)
        main = pc.main_roles(roles, pids)
        pc.scatter_people(ax, xs, ys, main, look, 80.0, hollow=~look["assessed"])
        name = pc.names(net, fam)
        ymax = max(float(ys.max()) if len(ys) else 0.0, threshold) * 1.25
        for k, dy in enumerate(_label_offsets(xs[:label], ys[:label], ymax)):
            ax.annotate(
                str(name[pids[k]]),
                (xs[k], ys[k]),
                xytext=(5, 3 + dy),
                textcoords="offset points",
                fontsize=7,
                zorder=5,
                arrowprops={"arrowstyle": "-", "lw": 0.5, "color": "#888888"} if dy else None,
            )
        _zones(ax, threshold, ymax, lang)
        ax.set_xlabel(say("plot_power_x", lang=lang))
        ax.set_ylabel(say("plot_power_y", lang=lang))
        ax.set_title(
            say("plot_power_title", opp=opp, n=f"{len(lev):,}", roles=len(roles), lang=lang)
        )
        pc.people_legend(
            ax,
            set(main.tolist()),
            comp,
            net,
            hidden_line=False,
            dnc=bool(look["dnc"].any()),
            backed=pc.backed_by(net, pids),
        )
        pc.fix_text(ax, fam)
        pc.privacy_note(ax, pol, 40.0, fam)
        if cut:
            pc.note_below(ax, cut, 40.0, fam, pc.CAP_NOTE_GID, row=1)
    return ax


def _label_offsets(xs: np.ndarray, ys: np.ndarray, ymax: float) -> list[float]:
    """Vertical offsets (points) that keep the names of nearby people from overprinting."""
    placed: list[tuple[float, float]] = []
    out = []
    for x, y in zip(xs.tolist(), ys.tolist(), strict=True):
        dy = 0.0
        # a name is about 1.1 attitude units wide and 2.5% of the height tall (9 × 6.5 in);
        # at most three lines up, past that names may touch
        while dy < 27 and any(
            abs(x - px) < 1.1 and abs(y + dy * ymax / 400 - py) < 0.025 * ymax for px, py in placed
        ):
            dy += 9.0
        placed.append((x, y + dy * ymax / 400))
        out.append(dy)
    return out


def _zones(ax: Axes, threshold: float, ymax: float, lang: str) -> None:
    """Draw the objective zones: neutralise | convert | mobilise above the line, then the rest."""
    ax.set_xlim(-3.6, 3.6)
    ax.set_ylim(0, ymax)
    ax.axhline(threshold, color="#999999", lw=0.8, ls=":")
    for x in (-0.5, 0.5):
        ax.axvline(x, color="#999999", lw=0.8, ls=":")
    ax.axvspan(-3.6, -0.5, color="#b2182b", alpha=0.04, lw=0)
    ax.axvspan(0.5, 3.6, color="#01665e", alpha=0.04, lw=0)
    top = ymax * 0.985
    for x, ha, key in (
        (-3.5, "left", "neutralise"),
        (0.0, "center", "convert"),
        (3.5, "right", "mobilise"),
    ):
        ax.text(
            x,
            top,
            say(f"plot_zone_{key}", lang=lang),
            ha=ha,
            va="top",
            fontsize=8.5,
            color="#444444",
            linespacing=1.3,
        )
    ax.text(
        -3.5,
        threshold * 0.97,
        say("plot_zone_low", lang=lang),
        ha="left",
        va="top",
        fontsize=8,
        color="#666666",
        style="italic",
    )
