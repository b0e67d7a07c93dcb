"""One introduction route, hop by hop, with arrows in the direction of influence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from relgraph.analysis.paths.render import tie_words
from relgraph.checks import check_bool
from relgraph.text import say
from relgraph.viz import plot_common as pc

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from relgraph.network import RelationshipNetwork

__all__ = ["plot_route"]

_SWAY = ("influences", "covers")


def plot_route(
    net: RelationshipNetwork,
    route: Sequence[str] | Mapping[str, Any] | pd.Series,
    *,
    opportunity: str | None = None,
    ax: Axes | None = None,
    include_sensitive: bool = False,
) -> Axes:
    """Draw one introduction route, hop by hop, with each tie's kind and strength.

    People are drawn left to right in the order of the route (ours first). A tie's arrow
    points the way influence flows, whatever the route's direction: from whoever sways to
    whom they sway (``influences``), from our owner to the customer (``covers``), from a
    manager to the report (``reports_to``); personal ties have no arrow.

    Parameters
    ----------
    net : RelationshipNetwork
    route : sequence of str, or a row of ``connection_routes(...).routes``
        The people in order (ids or names), or a row with ``path`` and optionally
        ``kinds`` and ``strengths``. For a plain path each hop uses the strongest tie
        between the two people.
    opportunity : str, optional
        Draw each person with the shape of their role in this opportunity (and rings for
        its competitors); by default the network's only opportunity, if it has one.
    ax : matplotlib Axes, optional
        Draw here; a new figure is made when omitted.
    include_sensitive : bool
        Let the route use sensitive ties and people known only through them. Without it, a
        plain path uses only shareable ties, and a route row that used sensitive ties
        (its ``sensitive`` column, a sensitive tie kind, or such a person) is refused.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    UnknownPersonError
        For an unknown person in the route.
    UnknownOpportunityError
        For an unknown ``opportunity``.
    ValueError
        For a route of fewer than two people, a hop with no (visible) tie, or a sensitive
        route without ``include_sensitive=True``.

    Notes
    -----
    The route's strength is the product of its ties' strengths (DESIGN.md §2, Routes).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import relgraph as rg
    >>> ax = rg.plot_route(rg.datasets.tiny(), ["u1", "p2", "p1"])
    >>> ax.get_title()
    'Route Eve → Ann: 2 hop(s), strength 0.49 = 0.70 × 0.70'
    """
    lang = net.settings.language
    include_sensitive = check_bool("include_sensitive", include_sensitive)
    path, kinds, strengths, marked = _parse(net, route)
    pol = pc.policy(net, include_sensitive)
    if not include_sensitive:
        _refuse_sensitive(net, path, kinds, marked, pol)
    if kinds is None or strengths is None:
        kinds, strengths = _hops(net, path, include_sensitive)
    opp = _opportunity(net, opportunity)
    roles = pc.roles_of(net, opp) if opp is not None else {}
    total = float(np.prod(np.asarray(strengths, float)))
    ax = pc.new_axes(ax, (max(6.0, 2.6 * len(path)), 3.2))
    with pc.fonts() as fam:
        name = pc.names(net, fam)
        title = pd.Series(
            net.people["title"].fillna("").astype(str).to_numpy(), index=net.person_ids
        )
        comp = pc.comp_colours(net, opp)
        look = pc.styles(net, path, comp)
        main = pc.main_roles(roles, path)
        xs = np.arange(len(path), dtype=float)
        pc.scatter_people(ax, xs, np.zeros(len(path)), main, look, 600.0)
        for k, pid in enumerate(path):
            ax.annotate(
                f"{name[pid]}\n{title[pid]}",
                (k, 0),
                xytext=(0, -24),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=8,
            )
        ties = pc.visible_ties(net, True)
        for k, (kind, s) in enumerate(zip(kinds, strengths, strict=True)):
            _hop(ax, ties, path[k], path[k + 1], k, str(kind), float(s), lang)
        ax.set_xlim(-0.6, len(path) - 0.4)
        ax.set_ylim(-0.9, 0.6)
        ax.axis("off")
        product = " × ".join(f"{float(s):.2f}" for s in strengths)
        ax.set_title(
            say(
                "plot_route_title",
                a=name[path[0]],
                b=name[path[-1]],
                hops=len(path) - 1,
                strength=f"{total:.2f}",
                product=product,
                lang=lang,
            )
        )
        if roles or look["dnc"].any() or (look["width"] > 1.0).any():
            pc.people_legend(
                ax,
                set(main.tolist()) if roles else set(),
                comp,
                net,
                hidden_line=False,
                dnc=bool(look["dnc"].any()),
                backed=pc.backed_by(net, path),
            )
        pc.fix_text(ax, fam)
        pc.privacy_note(ax, pol, 8.0, fam)
    return ax


def _parse(
    net: RelationshipNetwork, route: Sequence[str] | Mapping[str, Any] | pd.Series
) -> tuple[list[str], list[Any] | None, list[Any] | None, bool]:
    lang = net.settings.language
    marked = False
    if isinstance(route, (Mapping, pd.Series)):
        path = [str(p) for p in route["path"]]
        kinds = list(route["kinds"]) if "kinds" in route else None
        strengths = list(route["strengths"]) if "strengths" in route else None
        flag = route["sensitive"] if "sensitive" in route else False
        marked = bool(flag) if not pd.isna(flag) else False
    else:
        path, kinds, strengths = [str(p) for p in route], None, None
    path = [net.resolve_person(p) for p in path]
    if len(path) < 2:
        raise ValueError(say("plot_route_short", path=path, lang=lang))
    return path, kinds, strengths, marked


def _refuse_sensitive(
    net: RelationshipNetwork, path: list[str], kinds: list[Any] | None, marked: bool, pol: Any
) -> None:
    lang = net.settings.language
    ok = pc.shareable_ids(net, pol)
    settings = net.settings
    sens_kinds = {str(k) for k in settings.sensitive_tie_kinds} | {
        f"affiliation:{k}" for k in settings.sensitive_affiliation_kinds
    }
    hidden_people = [p for p in path if p not in ok]
    if marked or hidden_people or any(str(k) in sens_kinds for k in kinds or ()):
        who = (
            say("plot_route_through", who=", ".join(hidden_people), lang=lang)
            if hidden_people
            else ""
        )
        raise ValueError(say("plot_route_sensitive", who=who, lang=lang))


def _hops(
    net: RelationshipNetwork, path: list[str], include_sensitive: bool
) -> tuple[list[str], list[float]]:
    """Find the strongest visible tie of each hop of a plain path."""
    lang = net.settings.language
    ties = pc.visible_ties(net, include_sensitive)
    kinds, strengths = [], []
    for a, b in zip(path[:-1], path[1:], strict=True):
        hop = ties[((ties["a"] == a) & (ties["b"] == b)) | ((ties["a"] == b) & (ties["b"] == a))]
        if hop.empty:
            raise ValueError(
                say("plot_route_no_tie", a=a, b=b, excluded=not include_sensitive, lang=lang)
            )
        best = hop.sort_values(["strength", "kind"], ascending=[False, True]).iloc[0]
        kinds.append(str(best["kind"]))
        strengths.append(float(best["strength"]))
    return kinds, strengths


def _opportunity(net: RelationshipNetwork, opportunity: str | None) -> str | None:
    if opportunity is not None:
        return net.resolve_opportunity(opportunity)
    return str(net.opportunities["id"].iloc[0]) if len(net.opportunities) == 1 else None


def _hop(
    ax: Axes, ties: pd.DataFrame, a: str, b: str, k: int, kind: str, s: float, lang: str
) -> None:
    """One hop: an arrow in the direction of influence (or a plain line) and its words."""
    fwd = bool(((ties["a"] == a) & (ties["b"] == b) & (ties["kind"] == kind)).any())
    back = bool(((ties["a"] == b) & (ties["b"] == a) & (ties["kind"] == kind)).any())
    if kind in _SWAY or kind == "reports_to":
        # influences/covers: source → target; reports_to: the manager (target) → the report
        to_right = fwd if kind in _SWAY else back
        to_left = back if kind in _SWAY else fwd
    else:
        to_right = to_left = False
    style = "<|-|>" if to_right and to_left else "-|>" if to_right else "<|-" if to_left else "-"
    ax.annotate(
        "",
        xy=(k + 1, 0),
        xytext=(k, 0),
        zorder=1,
        arrowprops={
            "arrowstyle": style,
            "shrinkA": 15,
            "shrinkB": 15,
            "color": pc.tie_colour(kind),
            "lw": 1.0 + 3.0 * s,
        },
    )
    ax.text(
        k + 0.5,
        0.12,
        f"{tie_words(kind, lang=lang)}\n{s:.2f}",
        ha="center",
        va="bottom",
        fontsize=8,
    )
