"""matplotlib plots: decision chain, power map, coverage matrix and one introduction route."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from relgraph.model import Stage, TieKind
from relgraph.network import RelationshipNetwork
from relgraph.palette import (
    OUR_COLOUR,
    ROLE_MARKERS,
    ROLE_ORDER,
    TIE_COLOURS,
    attitude_colour,
    competitor_colours,
    main_role,
)
from relgraph.viz.style import cjk_font_family, has_cjk

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from relgraph.privacy import SharePolicy

__all__ = [
    "PRIVACY_NOTE_GID",
    "plot_coverage",
    "plot_decision_chain",
    "plot_power_map",
    "plot_route",
]

#: ``gid`` of the text under a plot saying what was left out for privacy (or that
#: sensitive data is included); absent when the network holds no sensitive data.
PRIVACY_NOTE_GID = "relgraph-privacy-note"

_LEVEL_NAMES = {1: "1 board", 2: "2 C-suite", 3: "3 VP/director", 4: "4 manager", 5: "5 staff"}
_STAGES = [str(s) for s in Stage]
_FORMAL = {"reports_to", "influences", "covers", "informs"}


# ---------------------------------------------------------------------- shared helpers
@contextmanager
def _fonts() -> Iterator[list[str] | None]:
    """Create text with a concrete CJK-capable family list (kept by each Text at draw time)."""
    import matplotlib as mpl

    fam = cjk_font_family()
    if fam is None:
        yield None
        return
    with mpl.rc_context({"font.family": fam}):
        yield fam


def _new_axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _fig, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _namer(net: RelationshipNetwork, fam: list[str] | None, *, short: bool = False) -> Any:
    """Person id → display text; English name only when no CJK font is installed."""
    labels = net.labels
    names = pd.Series(net.people["name"].astype(str).to_numpy(), index=net.person_ids)
    en = pd.Series(net.people["name_en"].fillna("").astype(str).to_numpy(), index=net.person_ids)

    def name(pid: str) -> str:
        text = str(names[pid] if short else labels[pid])
        if fam is None and has_cjk(text):
            return str(en[pid]) or pid
        return text

    return name


def _fix_ticks(ax: Axes, fam: list[str] | None) -> None:
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


def _roles(net: RelationshipNetwork, opp: str) -> dict[str, list[tuple[str, str]]]:
    r = net.opportunity_roles(opp)
    out: dict[str, list[tuple[str, str]]] = {}
    for pid, role, stage in zip(r["person"], r["role"], r["stage"], strict=True):
        out.setdefault(str(pid), []).append((str(role), "" if pd.isna(stage) else str(stage or "")))
    return out


def _attr(net: RelationshipNetwork, column: str) -> pd.Series:
    return pd.Series(net.people[column].to_numpy(), index=net.person_ids)


def _visible_ties(net: RelationshipNetwork, include_sensitive: bool) -> pd.DataFrame:
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


def _person_style(
    net: RelationshipNetwork, pid: str, comp_colour: Mapping[str, str]
) -> tuple[str, str | None, float]:
    """(fill, ring colour or None, ring width) of one person."""
    party = str(net.party[pid])
    supports = str(_attr(net, "supports")[pid] or "")
    support = _attr(net, "support")[pid]
    if party == "us":
        fill = OUR_COLOUR
    else:
        att = _attr(net, "attitude")[pid]
        fill = attitude_colour(None if pd.isna(att) else att)
    ring = comp_colour.get(supports) if supports else None
    width = 1.0 + (2.0 if pd.isna(support) else float(support)) if ring else 0.8
    return fill, ring, width


def _policy(net: RelationshipNetwork, include_sensitive: bool) -> SharePolicy:
    from relgraph.privacy import share_policy

    return share_policy(net, include_sensitive=include_sensitive)


def _privacy_note(ax: Axes, policy: SharePolicy, below: float, fam: list[str] | None) -> None:
    """Say under the plot what was left out (nothing when there is nothing sensitive)."""
    import textwrap

    if not (
        policy.include_sensitive
        or policy.hidden_ties
        or policy.hidden_people
        or policy.hidden_affiliations
    ):
        return
    text = ax.annotate(
        textwrap.fill(policy.note, 110),
        xy=(0.0, 0.0),
        xycoords="axes fraction",
        xytext=(0.0, -below),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=7,
        color="#8a4b00",
        gid=PRIVACY_NOTE_GID,
    )
    if fam is not None:
        text.set_fontfamily(fam)


def _shareable_ids(net: RelationshipNetwork, policy: SharePolicy) -> set[str]:
    return {str(p) for p in net.person_ids[policy.people]}


def _arrow(ax: Axes, p: tuple[float, float], q: tuple[float, float], **kw: Any) -> None:
    ax.annotate(
        "",
        xy=q,
        xytext=p,
        arrowprops={"arrowstyle": "-|>", "shrinkA": 9, "shrinkB": 9, **kw},
        zorder=1,
    )


# ---------------------------------------------------------------------- decision chain
def plot_decision_chain(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    ax: Axes | None = None,
    hidden: int = 5,
    include_sensitive: bool = False,
) -> Axes:
    """Draw an opportunity's decision chain in rows by level, with its hidden influencers.

    Each role holder is a marker (shape = buying role, colour = attitude toward us, a
    coloured ring = backing for a competitor) in the row of their level, ordered by the
    buying stage of their role. The top ``hidden`` hidden influencers are added; their
    influence and personal ties into the chain are dashed, reporting lines solid.

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

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.
    ValueError
        For a negative ``hidden``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import relgraph as rg
    >>> ax = rg.plot_decision_chain(rg.datasets.tiny())
    >>> ax.get_title()
    'Decision chain of O1: 3 role holders, 1 hidden influencer(s)'
    """
    if hidden < 0:
        raise ValueError(f"hidden = {hidden!r}; expected >= 0")
    from relgraph.analysis.influence import hidden_influencers

    opp = net.resolve_opportunity(opportunity)
    roles = _roles(net, opp)
    policy = _policy(net, include_sensitive)
    ok = _shareable_ids(net, policy)
    hi = hidden_influencers(
        net, opp, k=hidden + policy.hidden_people, include_sensitive=include_sensitive
    )
    hidden_ids = [p for p in hi["person"].astype(str) if p not in roles and p in ok][:hidden]
    people = [*roles, *hidden_ids]
    comps = net.competitors_of(opp)
    comp_colour = competitor_colours(comps)
    level = _attr(net, "level")
    stage_rank = {s: k for k, s in enumerate(_STAGES)}

    def row_of(pid: str) -> int:
        return 6 if pd.isna(level[pid]) else int(level[pid])

    def order(pid: str) -> tuple[int, int, str]:
        st = [stage_rank.get(s, 9) for _, s in roles.get(pid, [])]
        return (0 if pid in roles else 1, min(st) if st else 9, pid)

    xy: dict[str, tuple[float, float]] = {}
    rows: dict[int, list[str]] = {}
    for pid in people:
        rows.setdefault(row_of(pid), []).append(pid)
    width = max(len(v) for v in rows.values()) if rows else 1
    for lv, members in rows.items():
        members.sort(key=order)
        start = (width - len(members)) / 2.0
        for k, pid in enumerate(members):
            xy[pid] = (start + k, -lv + (0.18 if k % 2 else 0.0))

    ax = _new_axes(ax, (max(8.0, 1.25 * width + 2), 1.5 * len(rows) + 2))
    with _fonts() as fam:
        name = _namer(net, fam, short=True)
        ties = _visible_ties(net, include_sensitive)
        shown = ties[ties["a"].isin(xy) & ties["b"].isin(xy)]
        hidden_set = set(hidden_ids)
        for a, b, kind in zip(shown["a"], shown["b"], shown["kind"], strict=True):
            if kind == "reports_to":
                _arrow(ax, xy[a], xy[b], color=TIE_COLOURS["reports_to"], lw=1.0)
            elif kind == "influences":
                dashed = a not in roles
                _arrow(
                    ax,
                    xy[a],
                    xy[b],
                    color=TIE_COLOURS["influences"],
                    lw=1.4,
                    linestyle="--" if dashed else "-",
                )
            elif kind not in _FORMAL and (a in hidden_set or b in hidden_set):
                ax.plot(
                    [xy[a][0], xy[b][0]],
                    [xy[a][1], xy[b][1]],
                    color=TIE_COLOURS["personal"],
                    lw=1.2,
                    ls="--",
                    zorder=1,
                )
        for pid in people:
            role = main_role(r for r, _ in roles.get(pid, []))
            fill, ring, ring_w = _person_style(net, pid, comp_colour)
            ax.scatter(
                *xy[pid],
                s=420 if role == "decider" else 260,
                marker=ROLE_MARKERS[role],
                c=fill,
                edgecolors=ring or "#4d4d4d",
                linewidths=ring_w * 1.3,
                zorder=3,
            )
            what = ", ".join(sorted({r for r, _ in roles.get(pid, [])})) or "hidden influencer"
            ax.annotate(
                f"{name(pid)}\n{what}",
                xy[pid],
                xytext=(0, -16),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=7,
                zorder=4,
            )
        levels = sorted(rows)
        ax.set_yticks(
            [-lv for lv in levels],
            labels=[_LEVEL_NAMES.get(lv, "outside / not given") for lv in levels],
        )
        ax.set_xticks([])
        ax.set_xlim(-0.8, width - 0.2)
        ax.set_ylim(-max(levels) - 0.8, -min(levels) + 0.5)
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
        ax.set_title(
            f"Decision chain of {opp}: {len(roles)} role holders, "
            f"{len(hidden_ids)} hidden influencer(s)"
        )
        _role_legend(ax, roles, comp_colour, net)
        _fix_ticks(ax, fam)
        _privacy_note(ax, policy, 8.0, fam)
    return ax


def _role_legend(
    ax: Axes,
    roles: Mapping[str, list[tuple[str, str]]],
    comp_colour: Mapping[str, str],
    net: RelationshipNetwork,
) -> None:
    from matplotlib.lines import Line2D

    present = {main_role(r for r, _ in v) for v in roles.values()}
    handles = [
        Line2D([], [], ls="", marker=ROLE_MARKERS[r], color="#bdbdbd", mec="#4d4d4d", ms=8, label=r)
        for r in ROLE_ORDER
        if r in present
    ]
    handles.append(
        Line2D(
            [],
            [],
            ls="",
            marker="o",
            color="#bdbdbd",
            mec="#4d4d4d",
            ms=8,
            label="no role (hidden influencer)",
        )
    )
    handles.append(
        Line2D([], [], color=TIE_COLOURS["influences"], ls="--", label="hidden influence")
    )
    org_en = dict(
        zip(net.orgs["id"].astype(str), net.orgs["name_en"].fillna(net.orgs["name"]), strict=True)
    )
    for org, col in comp_colour.items():
        handles.append(
            Line2D(
                [],
                [],
                ls="",
                marker="o",
                color="#bdbdbd",
                mec=col,
                mew=2.5,
                ms=8,
                label=f"backs {org_en.get(org, org)}",
            )
        )
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False
    )


# ---------------------------------------------------------------------- power map
def plot_power_map(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    ax: Axes | None = None,
    label: int = 12,
    include_sensitive: bool = False,
) -> Axes:
    """Plot leverage against attitude, in four quadrants, competitor supporters ringed.

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

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.

    Notes
    -----
    Everyone outside our and the competitors' staff with leverage above zero is a point
    (x = attitude toward us, spread a little where several share a value; not assessed =
    hollow at 0; y = leverage from :func:`relgraph.leverage`). The horizontal line is
    ``1 / (number of role holders)``, the leverage each role holder would have if the
    decision were split evenly; the vertical line separates supporters (attitude > 0).
    Quadrants: high leverage and supporter = *manage closely* (mobilise them); high
    leverage, not yet a supporter = *keep satisfied* (work on them); supporter with low
    leverage = *keep informed*; the rest = *monitor* — the power/interest grid of
    Mendelow (1991) with attitude in place of interest.

    References
    ----------
    Mendelow, A. (1991). Stakeholder mapping. Proceedings of the 2nd International
    Conference on Information Systems, Cambridge, MA.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import relgraph as rg
    >>> ax = rg.plot_power_map(rg.datasets.tiny())
    >>> ax.get_xlabel()
    'attitude toward us (−3 … +3)'
    """
    from relgraph.analysis.influence import leverage

    opp = net.resolve_opportunity(opportunity)
    lev = leverage(net, opp)
    policy = _policy(net, include_sensitive)
    shareable = lev["person"].astype(str).isin(_shareable_ids(net, policy))
    lev = lev[~lev["party"].isin(["us", "competitor"]) & (lev["leverage"] > 0) & shareable]
    lev = lev.sort_values(["leverage", "person"], ascending=[False, True]).reset_index(drop=True)
    roles = _roles(net, opp)
    comp_colour = competitor_colours(net.competitors_of(opp))
    att = pd.to_numeric(lev["attitude"], errors="coerce")
    assessed = att.notna().to_numpy()
    xs = att.fillna(0).to_numpy(float)
    seen: dict[float, int] = {}
    jitter = np.zeros(len(xs))
    for k, v in enumerate(xs):
        c = seen.get(v, 0)
        seen[v] = c + 1
        jitter[k] = ((c % 7) - 3) * 0.07
    xs = xs + jitter
    ys = lev["leverage"].to_numpy(float)
    threshold = 1.0 / max(len(roles), 1)

    ax = _new_axes(ax, (9.0, 6.5))
    with _fonts() as fam:
        name = _namer(net, fam)
        for k, pid in enumerate(lev["person"].astype(str)):
            role = main_role(r for r, _ in roles.get(pid, []))
            fill, ring, ring_w = _person_style(net, pid, comp_colour)
            ax.scatter(
                xs[k],
                ys[k],
                s=90,
                marker=ROLE_MARKERS[role],
                c=fill if assessed[k] else "none",
                edgecolors=ring or "#4d4d4d",
                linewidths=ring_w * 1.2,
                zorder=3,
            )
            if k < label:
                ax.annotate(
                    name(pid),
                    (xs[k], ys[k]),
                    xytext=(5, 3),
                    textcoords="offset points",
                    fontsize=7,
                    zorder=4,
                )
        ymax = max(float(ys.max()) if len(ys) else 0.0, threshold) * 1.12
        ax.set_xlim(-3.6, 3.6)
        ax.set_ylim(0, ymax)
        ax.axhline(threshold, color="#999999", lw=0.8, ls=":")
        ax.axvline(0.5, color="#999999", lw=0.8, ls=":")
        for x, y, text in (
            (3.5, ymax * 0.98, "manage closely"),
            (-3.5, ymax * 0.98, "keep satisfied"),
            (3.5, threshold * 0.5, "keep informed"),
            (-3.5, threshold * 0.5, "monitor"),
        ):
            ax.text(
                x,
                y,
                text,
                ha="right" if x > 0 else "left",
                va="top" if y > threshold else "center",
                fontsize=9,
                color="#666666",
                style="italic",
            )
        ax.set_xlabel("attitude toward us (−3 … +3)")
        ax.set_ylabel("leverage on the decision support index")
        ax.set_title(f"Power map of {opp}: {len(lev)} people, {len(roles)} role holders")
        _role_legend(ax, roles, comp_colour, net)
        _fix_ticks(ax, fam)
        _privacy_note(ax, policy, 40.0, fam)
    return ax


# ---------------------------------------------------------------------- coverage
def plot_coverage(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    ax: Axes | None = None,
    include_sensitive: bool = False,
) -> Axes:
    """Draw the roles × parties matrix: whom each buying role's holders stand with.

    Rows are the opportunity's buying roles (most powerful first); columns are our side
    (attitude > 0 and backing no competitor), each competitor (its backers), neutral
    (attitude 0), against us without a competitor (attitude < 0) and not assessed. A cell
    counts the role's holders in that column and names up to three of them; the right margin
    says how many of the row's holders have an owner on our team (a ``covers`` tie).

    Parameters
    ----------
    net : RelationshipNetwork
    opportunity : str, optional
        May be left out when the network has one opportunity.
    ax : matplotlib Axes, optional
        Draw here; a new figure is made when omitted.
    include_sensitive : bool
        Count sensitive ``covers`` ties as coverage (left out by default; a note under the
        plot says what was left out).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import relgraph as rg
    >>> ax = rg.plot_coverage(rg.datasets.tiny())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['decider', 'influencer', 'user']
    """
    opp = net.resolve_opportunity(opportunity)
    r = net.opportunity_roles(opp)
    comps = net.competitors_of(opp)
    orgs = net.orgs.assign(id=net.orgs["id"].astype(str)).set_index("id")
    org_en = orgs["name_en"].fillna(orgs["name"]).astype(str)
    us = orgs.index[orgs["kind"].astype(str).eq("us")]
    us_name = str(org_en[us[0]]) if len(us) else "us"
    columns = [
        f"{us_name} (supporters)",
        *[f"backs {org_en.get(c, c)}" for c in comps],
        "neutral",
        "against us, no competitor",
        "not assessed",
    ]
    att = _attr(net, "attitude")
    sup = _attr(net, "supports").fillna("").astype(str)
    ties = _visible_ties(net, include_sensitive)
    covered = set(ties.loc[ties["kind"].eq("covers"), "b"])

    def column(pid: str) -> int:
        s = sup[pid]
        if s in comps:
            return 1 + comps.index(s)
        a = att[pid]
        if pd.isna(a):
            return len(columns) - 1
        if a > 0 and not s:
            return 0
        if a == 0:
            return len(comps) + 1
        return len(comps) + 2 if a < 0 else len(comps) + 1

    roles_present = [x for x in ROLE_ORDER if x in set(r["role"].astype(str))]
    counts = np.zeros((len(roles_present), len(columns)), int)
    names: dict[tuple[int, int], list[str]] = {}
    margin: list[str] = []
    ax = _new_axes(ax, (2.0 * len(columns) + 3, 0.8 * len(roles_present) + 2.2))
    with _fonts() as fam:
        name = _namer(net, fam, short=True)
        for i, role in enumerate(roles_present):
            holders = sorted(dict.fromkeys(r.loc[r["role"].astype(str).eq(role), "person"]))
            for pid in holders:
                j = column(str(pid))
                counts[i, j] += 1
                names.setdefault((i, j), []).append(name(str(pid)))
            n_cov = sum(1 for p in holders if p in covered)
            margin.append(f"covered {n_cov}/{len(holders)}")
        ax.imshow(counts, cmap="Blues", aspect="auto", vmin=0, vmax=max(3, int(counts.max())))
        for (i, j), who in names.items():
            more = f" +{len(who) - 3}" if len(who) > 3 else ""
            text = f"{counts[i, j]}\n" + "\n".join(who[:3]) + more
            dark = counts[i, j] >= max(3, int(counts.max())) * 0.6
            ax.text(
                j, i, text, ha="center", va="center", fontsize=7, color="white" if dark else "black"
            )
        for i, text in enumerate(margin):
            ax.text(len(columns) - 0.4, i, text, ha="left", va="center", fontsize=8)
        ax.set_xticks(range(len(columns)), labels=columns, rotation=20, ha="right")
        ax.set_yticks(range(len(roles_present)), labels=roles_present)
        ax.set_xlim(-0.5, len(columns) + 0.6)
        ax.set_title(f"Coverage of {opp}: role holders by where they stand")
        _fix_ticks(ax, fam)
        _privacy_note(ax, _policy(net, include_sensitive), 70.0, fam)
    return ax


# ---------------------------------------------------------------------- route
def plot_route(
    net: RelationshipNetwork,
    route: Sequence[str] | Mapping[str, Any] | pd.Series,
    *,
    ax: Axes | None = None,
    include_sensitive: bool = False,
) -> Axes:
    """Draw one introduction route, hop by hop, with each tie's kind and strength.

    Parameters
    ----------
    net : RelationshipNetwork
    route : sequence of str, or a row of ``connection_routes(...).routes``
        The people in order (ids or names), or a row with ``path`` and optionally
        ``kinds`` and ``strengths``. For a plain path each hop uses the strongest tie
        between the two people.
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
        raise ValueError(f"route {path!r} has fewer than two people")
    policy = _policy(net, include_sensitive)
    if not include_sensitive:
        ok = _shareable_ids(net, policy)
        settings = net.settings
        sens_kinds = {str(k) for k in settings.sensitive_tie_kinds} | {
            f"affiliation:{k}" for k in settings.sensitive_affiliation_kinds
        }
        hidden_people = [p for p in path if p not in ok]
        if marked or hidden_people or any(str(k) in sens_kinds for k in kinds or ()):
            who = f" (through {', '.join(hidden_people)})" if hidden_people else ""
            raise ValueError(
                f"this route uses sensitive ties{who}; pass include_sensitive=True to draw it"
            )
    if kinds is None or strengths is None:
        ties = _visible_ties(net, include_sensitive)
        kinds, strengths = [], []
        for a, b in zip(path[:-1], path[1:], strict=True):
            hop = ties[
                ((ties["a"] == a) & (ties["b"] == b)) | ((ties["a"] == b) & (ties["b"] == a))
            ]
            if hop.empty:
                raise ValueError(
                    f"no tie between {a} and {b} (sensitive ties excluded: {not include_sensitive})"
                )
            best = hop.sort_values(["strength", "kind"], ascending=[False, True]).iloc[0]
            kinds.append(str(best["kind"]))
            strengths.append(float(best["strength"]))
    total = float(np.prod(np.asarray(strengths, float)))
    ax = _new_axes(ax, (max(6.0, 2.6 * len(path)), 3.0))
    with _fonts() as fam:
        name = _namer(net, fam)
        title = _attr(net, "title").fillna("")
        for k, pid in enumerate(path):
            fill, ring, ring_w = _person_style(net, pid, {})
            ax.scatter(
                k, 0, s=700, c=fill, edgecolors=ring or "#4d4d4d", linewidths=ring_w, zorder=3
            )
            ax.annotate(
                f"{name(pid)}\n{title[pid]}",
                (k, 0),
                xytext=(0, -22),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=8,
            )
        for k, (kind, s) in enumerate(zip(kinds, strengths, strict=True)):
            directed = kind in {str(t) for t in TieKind if t.directed}
            _arrow(
                ax,
                (k, 0),
                (k + 1, 0),
                color=TIE_COLOURS.get(kind, TIE_COLOURS["personal"]),
                lw=1.0 + 3.0 * float(s),
                arrowstyle="-|>" if directed else "-",
            )
            ax.text(
                k + 0.5,
                0.12,
                f"{str(kind).replace('_', ' ')}\n{float(s):.2f}",
                ha="center",
                va="bottom",
                fontsize=8,
            )
        ax.set_xlim(-0.6, len(path) - 0.4)
        ax.set_ylim(-0.8, 0.6)
        ax.axis("off")
        product = " × ".join(f"{float(s):.2f}" for s in strengths)
        ax.set_title(
            f"Route {name(path[0])} → {name(path[-1])}: {len(path) - 1} hop(s), "
            f"strength {total:.2f} = {product}"
        )
        _fix_ticks(ax, fam)
        _privacy_note(ax, policy, 8.0, fam)
    return ax
