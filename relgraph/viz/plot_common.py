"""What the matplotlib plots share: fonts, people's look (vectorised), legends and notes.

People are drawn with one ``scatter`` call per role (the marker is the role's outline from
:data:`relgraph.palette.ROLE_MARKERS`), with colours, rings and sizes as arrays, so a plot
of many people costs a handful of calls; a red crossed circle marks do-not-contact people.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from relgraph.checks import invalid
from relgraph.palette import (
    ATTITUDE_COLOURS,
    DNC_COLOUR,
    HIDDEN_COLOUR,
    OUR_COLOUR,
    ROLE_MARKERS,
    ROLE_ORDER,
    ROLE_SCALE,
    TIE_COLOURS,
    UNKNOWN_COLOUR,
    competitor_colours,
    main_role,
)
from relgraph.text import message, say, term
from relgraph.viz.style import cjk_font_family, has_cjk

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from relgraph.network import RelationshipNetwork
    from relgraph.privacy import SharePolicy

__all__ = ["CAP_NOTE_GID", "PLOT_MAX_PEOPLE", "PRIVACY_NOTE_GID", "competitor_order"]

#: ``gid`` of the text under a plot saying what was left out for privacy (or that
#: sensitive data is included); absent when the network holds no sensitive data.
PRIVACY_NOTE_GID = "relgraph-privacy-note"
#: ``gid`` of the text under a plot saying that the size limit left people out.
CAP_NOTE_GID = "relgraph-cap-note"
#: Plots draw at most this many people by default (like the HTML map) and say so.
PLOT_MAX_PEOPLE = 1500
#: A crossed circle (do not contact), as marker vertices and codes.
_DNC_PATH: Any = None


@contextmanager
def fonts() -> Iterator[list[str] | None]:
    """Create text with a concrete CJK-capable family list (kept by each Text at draw time)."""
    import matplotlib as mpl

    fam = cjk_font_family()
    if fam is None:
        yield None
        return
    with mpl.rc_context({"font.family": fam}):
        yield fam


def check_ax(ax: object) -> None:
    """Refuse an ``ax`` that is neither None nor a matplotlib ``Axes`` (checked at entry)."""
    if ax is None:
        return
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise invalid("ax", ax, message("exp_axes"))


def new_axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    """``ax``, or the axes of a new figure of ``size`` inches."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _fig, new = plt.subplots(figsize=size, layout="constrained")
    return new


def names(net: RelationshipNetwork, fam: list[str] | None, *, short: bool = False) -> pd.Series:
    """Display text per person id; the English name only when no CJK font is installed."""
    text = net.people["name"].astype(str) if short else net.labels.reset_index(drop=True)
    out = pd.Series(np.asarray(text, dtype=object), index=net.person_ids)
    if fam is None:
        en = pd.Series(net.people["name_en"].fillna("").astype(str).to_numpy(), index=out.index)
        cjk = out.map(has_cjk)
        fallback = en.where(en.ne(""), pd.Series(out.index, index=out.index))
        out = out.where(~cjk, fallback)
    return out


def fix_text(ax: Axes, fam: list[str] | None) -> None:
    """Give text made before the font context (title, tick labels) the CJK-capable family."""
    if fam is None:
        return
    for lab in [
        *ax.get_xticklabels(),
        *ax.get_yticklabels(),
        ax.title,
        ax.xaxis.label,
        ax.yaxis.label,
    ]:
        lab.set_fontfamily(fam)


def roles_of(net: RelationshipNetwork, opp: str) -> dict[str, list[tuple[str, str]]]:
    """Person id → [(role, stage or "")] in an opportunity."""
    r = net.opportunity_roles(opp)
    out: dict[str, list[tuple[str, str]]] = {}
    for pid, role, stage in zip(r["person"], r["role"], r["stage"], strict=True):
        out.setdefault(str(pid), []).append((str(role), "" if pd.isna(stage) else str(stage or "")))
    return out


def visible_ties(net: RelationshipNetwork, include_sensitive: bool) -> pd.DataFrame:
    """Return the ties a shared plot may draw: ``a``, ``b`` (person ids), ``kind``, ``strength``."""
    e = net.edges
    if not include_sensitive:
        e = e[~e["sensitive"].to_numpy(dtype=bool)]
    ids = net.person_ids
    return pd.DataFrame(
        {
            "a": ids[e["u"].to_numpy()],
            "b": ids[e["v"].to_numpy()],
            "kind": e["kind"].astype(str).to_numpy(),
            "strength": e["strength"].to_numpy(float),
        }
    )


def entry(
    net: RelationshipNetwork, opportunity: str | None, include_sensitive: Any
) -> tuple[str, bool, SharePolicy]:
    """Check a plot's shared arguments: the opportunity id, the flag and its sharing policy."""
    from relgraph.checks import check_bool

    include = check_bool("include_sensitive", include_sensitive)
    opp = net.resolve_opportunity(opportunity)
    return opp, include, policy(net, include)


def policy(net: RelationshipNetwork, include_sensitive: bool) -> SharePolicy:
    """Return the sharing policy of a plot (:func:`relgraph.privacy.share_policy`)."""
    from relgraph.privacy import share_policy

    return share_policy(net, include_sensitive=include_sensitive)


def shareable_ids(net: RelationshipNetwork, pol: SharePolicy) -> set[str]:
    """Ids of the people a shared plot may show."""
    return {str(p) for p in net.person_ids[pol.people]}


def styles(
    net: RelationshipNetwork, pids: list[str], comp_colour: Mapping[str, str]
) -> dict[str, np.ndarray]:
    """Per person (arrays): fill and edge (ring) colours as RGBA, edge width, do-not-contact.

    Vectorised over the few colours of the palette, so a 100,000-person plot costs
    a handful of array operations.
    """
    from matplotlib.colors import to_rgba

    idx = net.index_of(pids) if pids else np.array([], dtype=np.int64)
    people = net.people
    party = net.party.to_numpy()[idx]
    att = pd.to_numeric(people["attitude"], errors="coerce").to_numpy(dtype=float)[idx]
    sup = people["supports"].fillna("").astype(str).to_numpy()[idx]
    support = pd.to_numeric(people["support"], errors="coerce").fillna(2.0).to_numpy()[idx]
    fill = np.tile(to_rgba(UNKNOWN_COLOUR), (len(idx), 1))
    level = np.clip(np.round(np.nan_to_num(att, nan=99.0)), -3, 99)
    for value, colour in ATTITUDE_COLOURS.items():
        fill[level == value] = to_rgba(colour)
    fill[party == "us"] = to_rgba(OUR_COLOUR)
    edge = np.tile(to_rgba("#4d4d4d"), (len(idx), 1))
    ringed = np.zeros(len(idx), bool)
    for org, colour in comp_colour.items():
        hit = sup == org
        edge[hit] = to_rgba(colour)
        ringed |= hit
    width = np.where(ringed, 1.0 + support, 0.8)
    dnc = net.do_not_contact()[idx]
    return {"fill": fill, "edge": edge, "width": width, "dnc": dnc, "assessed": ~np.isnan(att)}


def scatter_people(
    ax: Axes,
    xs: np.ndarray,
    ys: np.ndarray,
    roles: np.ndarray,
    look: dict[str, np.ndarray],
    size: float | np.ndarray,
    *,
    hollow: np.ndarray | None = None,
) -> int:
    """Draw people with one ``scatter`` call per role (two when some back a competitor).

    Returns the number of calls.
    """
    sizes = np.broadcast_to(np.asarray(size, float), xs.shape)
    fill = look["fill"].copy()
    if hollow is not None:
        fill[hollow, 3] = 0.0
    calls = 0
    ringed = look["width"] > 0.8
    for role in [*ROLE_ORDER, ""]:
        # people of one role, those without a ring in one call with one line width (per-point
        # widths cost matplotlib a Python loop per point), competitors' backers in another
        for ring in (False, True):
            sel = (roles == role) & (ringed == ring)
            if not sel.any():
                continue
            ax.scatter(
                xs[sel],
                ys[sel],
                s=sizes[sel] * ROLE_SCALE[role] ** 2,
                marker=ROLE_MARKERS[role],
                c=fill[sel],
                edgecolors=look["edge"][sel],
                linewidths=look["width"][sel] * 1.2 if ring else 0.96,
                zorder=3,
            )
            calls += 1
    if look["dnc"].any():
        ax.scatter(
            xs[look["dnc"]],
            ys[look["dnc"]],
            s=sizes[look["dnc"]] * 2.6,
            marker=dnc_marker(),
            facecolors="none",
            edgecolors=DNC_COLOUR,
            linewidths=1.6,
            zorder=4,
            gid="relgraph-do-not-contact",
        )
        calls += 1
    return calls


def dnc_marker() -> Any:
    """Return a matplotlib marker path: a circle with a diagonal slash (do not contact)."""
    global _DNC_PATH
    if _DNC_PATH is None:
        from matplotlib.path import Path

        circle = Path.unit_circle()
        slash = Path([(-0.707, 0.707), (0.707, -0.707)], [Path.MOVETO, Path.LINETO])
        _DNC_PATH = Path.make_compound_path(circle, slash)
    return _DNC_PATH


def main_roles(roles: Mapping[str, list[tuple[str, str]]], pids: list[str]) -> np.ndarray:
    """Return the most powerful role of each person ("" for none)."""
    out = np.full(len(pids), "", dtype=object)
    where = {p: k for k, p in enumerate(pids)}
    for pid, held in roles.items():
        if pid in where:
            out[where[pid]] = main_role(r for r, _ in held)
    return out


def people_legend(
    ax: Axes,
    roles_present: set[str],
    comp_colour: Mapping[str, str],
    net: RelationshipNetwork,
    *,
    hidden_line: bool = True,
    dnc: bool = False,
    backed: set[str] | None = None,
    no_role: str = "viz_role_none",
) -> None:
    """Add the people plots' legend: roles, competitor rings, marks and hidden influence.

    ``backed`` limits the rings to the competitors someone drawn backs; ``no_role`` is the
    template naming people without a role (in the chain they are hidden influencers).
    """
    from matplotlib.lines import Line2D

    lang = net.settings.language

    def mark(marker: Any, label: str, **kw: Any) -> Line2D:
        style = {"color": "#bdbdbd", "mec": "#4d4d4d", "ms": 8, **kw}
        return Line2D([], [], ls="", marker=marker, label=label, **style)

    handles = [
        mark(ROLE_MARKERS[r], term("role", r, lang=lang), ms=8 * ROLE_SCALE[r])
        for r in ROLE_ORDER
        if r in roles_present
    ]
    if "" in roles_present:
        handles.append(mark("o", say(no_role, lang=lang)))
    org = net.org_labels
    for c, col in comp_colour.items():
        if backed is None or c in backed:
            handles.append(
                mark("o", say("plot_backs", org=str(org.get(c, c)), lang=lang), mec=col, mew=2.5)
            )
    if dnc:
        handles.append(
            mark(dnc_marker(), say("viz_legend_dnc", lang=lang), color="none", mec=DNC_COLOUR)
        )
    if hidden_line:
        handles.append(
            Line2D([], [], color=HIDDEN_COLOUR, ls="--", label=say("plot_hidden_tie", lang=lang))
        )
    if handles:
        ax.legend(
            handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False
        )


def backed_by(net: RelationshipNetwork, pids: list[str]) -> set[str]:
    """Return the competitors that some of ``pids`` back."""
    sup = net.people["supports"].fillna("").astype(str).to_numpy()
    idx = net.index_of(pids) if pids else np.array([], dtype=np.int64)
    return set(sup[idx].tolist()) - {""}


def comp_colours(net: RelationshipNetwork, opp: str | None) -> dict[str, str]:
    """Ring colour per competitor: the opportunity's, then any other backed competitor."""
    return competitor_colours(competitor_order(net, opp))


def competitor_order(net: RelationshipNetwork, opp: str | None) -> list[str]:
    """List the opportunity's competitors, then every other competitor org (table order)."""
    comps = net.competitors_of(opp) if opp is not None else []
    kinds = net.orgs["kind"].astype(str).to_numpy()
    others = net.orgs["id"].astype(str).to_numpy()[kinds == "competitor"].tolist()
    backed = set(net.people["supports"].fillna("").astype(str)) - {""}
    return list(dict.fromkeys([*comps, *others, *sorted(backed)]))


def note_below(
    ax: Axes, text: str, below: float, fam: list[str] | None, gid: str, *, row: int = 0
) -> None:
    """Write a small note under the axes (privacy, size limit), ``row`` lines further down."""
    note = ax.annotate(
        textwrap.fill(text, 110),
        xy=(0.0, 0.0),
        xycoords="axes fraction",
        xytext=(0.0, -below - 20.0 * row),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=7,
        color="#8a4b00",
        gid=gid,
    )
    if fam is not None:
        note.set_fontfamily(fam)


def privacy_note(ax: Axes, pol: SharePolicy, below: float, fam: list[str] | None) -> None:
    """Say under the plot what was left out (nothing when there is nothing sensitive)."""
    if pol.include_sensitive or pol.hidden_ties or pol.hidden_people or pol.hidden_affiliations:
        note_below(ax, pol.note, below, fam, PRIVACY_NOTE_GID)


def empty(ax: Axes, title: str, message: str, fam: list[str] | None) -> Axes:
    """Make an empty but labelled plot: the title and a message in the middle."""
    ax.set_title(title)
    ax.text(
        0.5,
        0.5,
        textwrap.fill(message, 60),
        ha="center",
        va="center",
        fontsize=10,
        color="#666666",
        transform=ax.transAxes,
    )
    ax.set_xticks([])
    ax.set_yticks([])
    fix_text(ax, fam)
    return ax


def tie_colour(kind: str) -> str:
    """Line colour of a tie kind."""
    return TIE_COLOURS.get(kind, TIE_COLOURS["personal"])
