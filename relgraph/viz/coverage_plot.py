"""The coverage matrix: each buying role's holders by where they stand (us, each competitor …)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from relgraph.palette import ROLE_ORDER
from relgraph.text import say, term
from relgraph.viz import plot_common as pc

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from relgraph.network import RelationshipNetwork

__all__ = ["plot_coverage"]

_DNC_MARK = " ⊘"


def plot_coverage(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    ax: Axes | None = None,
    include_sensitive: bool = False,
) -> Axes:
    """Draw the roles × parties matrix: whom each buying role's holders stand with.

    Rows are the opportunity's buying roles (most powerful first); columns are our side
    (attitude > 0 and backing no competitor), each competitor (its backers, named as in
    :attr:`RelationshipNetwork.org_labels`), neutral (attitude 0), against us without a
    competitor (attitude < 0) and not assessed. A cell counts the role's holders in that
    column and names up to three of them (⊘ = do not contact); the right margin says how
    many of the row's holders have an owner on our team (a ``covers`` tie).

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
        An empty plot with a message when the opportunity has no role holders yet.

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
    lang = net.settings.language
    opp, include_sensitive, pol = pc.entry(net, opportunity, include_sensitive)
    r = net.opportunity_roles(opp)
    comps = net.competitors_of(opp)
    columns = _columns(net, comps)
    roles_present = [x for x in ROLE_ORDER if x in set(r["role"].astype(str))]
    title = say("plot_coverage_title", opp=opp, lang=lang)
    ax = pc.new_axes(ax, (2.0 * len(columns) + 3, 0.8 * max(len(roles_present), 3) + 2.2))
    with pc.fonts() as fam:
        if not roles_present:
            return pc.empty(ax, title, say("plot_no_roles", opp=opp, lang=lang), fam)
        counts, names, margin = _cells(net, opp, r, comps, roles_present, include_sensitive, fam)
        top = max(3, int(counts.max()))
        ax.imshow(counts, cmap="Blues", aspect="auto", vmin=0, vmax=top)
        for (i, j), who in names.items():
            more = f" +{len(who) - 3}" if len(who) > 3 else ""
            text = f"{counts[i, j]}\n" + "\n".join(who[:3]) + more
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=7,
                color="white" if counts[i, j] >= top * 0.6 else "black",
            )
        for i, text in enumerate(margin):
            ax.text(len(columns) - 0.4, i, text, ha="left", va="center", fontsize=8)
        ax.set_xticks(range(len(columns)), labels=columns, rotation=20, ha="right")
        ax.set_yticks(
            range(len(roles_present)), labels=[term("role", x, lang=lang) for x in roles_present]
        )
        ax.set_xlim(-0.5, len(columns) + 0.6)
        ax.set_title(title)
        pc.fix_text(ax, fam)
        pc.privacy_note(ax, pol, 100.0, fam)
        if any(_DNC_MARK in w for who in names.values() for w in who):
            pc.note_below(
                ax,
                say("plot_dnc_key", mark=_DNC_MARK.strip(), lang=lang),
                100.0,
                fam,
                "relgraph-dnc-note",
                row=1,
            )
    return ax


def _columns(net: RelationshipNetwork, comps: list[str]) -> list[str]:
    lang = net.settings.language
    org = net.org_labels
    kinds = net.orgs.assign(id=net.orgs["id"].astype(str)).set_index("id")["kind"].astype(str)
    us = kinds.index[kinds.eq("us")]
    us_name = str(org.get(us[0], us[0])) if len(us) else term("party", "us", lang=lang)
    return [
        say("plot_col_us", us=us_name, lang=lang),
        *[say("plot_backs", org=str(org.get(c, c)), lang=lang) for c in comps],
        term("attitude", 0, lang=lang),
        say("plot_col_against", lang=lang),
        term("attitude", "unknown", lang=lang),
    ]


def _cells(
    net: RelationshipNetwork,
    opp: str,
    r: pd.DataFrame,
    comps: list[str],
    roles_present: list[str],
    include_sensitive: bool,
    fam: list[str] | None,
) -> tuple[np.ndarray, dict[tuple[int, int], list[str]], list[str]]:
    """Count holders per role × column, name them per cell, and compute the coverage margin."""
    lang = net.settings.language
    att = pd.Series(
        pd.to_numeric(net.people["attitude"], errors="coerce").to_numpy(), index=net.person_ids
    )
    sup = pd.Series(net.people["supports"].fillna("").astype(str).to_numpy(), index=net.person_ids)
    dnc = pd.Series(net.do_not_contact(), index=net.person_ids)
    ties = pc.visible_ties(net, include_sensitive)
    covered = set(ties.loc[ties["kind"].eq("covers"), "b"])
    n_cols = len(comps) + 4

    def column(pid: str) -> int:
        if sup[pid] in comps:
            return 1 + comps.index(sup[pid])
        a = att[pid]
        if pd.isna(a):
            return n_cols - 1
        if a > 0 and not sup[pid]:
            return 0
        return len(comps) + 2 if a < 0 else len(comps) + 1

    name = pc.names(net, fam, short=True)
    counts = np.zeros((len(roles_present), n_cols), int)
    names: dict[tuple[int, int], list[str]] = {}
    margin = []
    for i, role in enumerate(roles_present):
        holders = sorted(dict.fromkeys(r.loc[r["role"].astype(str).eq(role), "person"]))
        for pid in holders:
            j = column(str(pid))
            counts[i, j] += 1
            names.setdefault((i, j), []).append(name[pid] + (_DNC_MARK if dnc[pid] else ""))
        n_cov = sum(1 for p in holders if p in covered)
        margin.append(say("plot_covered", n=n_cov, total=len(holders), lang=lang))
    return counts, names, margin
