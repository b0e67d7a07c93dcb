"""The support index per party over time, from :func:`relgraph.load_history`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from relgraph.checks import invalid
from relgraph.errors import InvalidParameterError, UnknownOpportunityError
from relgraph.locale import check_language
from relgraph.text import message, say
from relgraph.viz.plot_common import check_ax
from relgraph.viz.style import cjk_font_family

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_trend"]


def plot_trend(
    history: pd.DataFrame,
    *,
    opportunity: str | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Draw the support index per party over time (one line per party).

    Parameters
    ----------
    history : pandas.DataFrame
        The trend table from :func:`relgraph.load_history`.
    opportunity : str, optional
        Which opportunity to draw; may be left out when the table holds only one.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    lang : {"en", "zh"}, optional
        The language of the title and axis label; by default the table's
        ``attrs["language"]`` (the snapshots' ``settings.language``), else English.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    UnknownOpportunityError
        When ``opportunity`` is not in the table, or is left out and there are several.
    InvalidParameterError
        When ``history`` is not a table from :func:`relgraph.load_history`.

    Notes
    -----
    Our index is on −3..+3 (attitudes), a competitor's on 0..3 (backing strength); both
    share the y axis, with a line at 0.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import relgraph as rg
    >>> net = rg.datasets.tiny()
    >>> ax = plot_trend(rg.load_history({"2026-01-31": net, "2026-06-30": net}))
    >>> len(ax.get_lines())
    3
    """
    check_ax(ax)
    import matplotlib.pyplot as plt

    needed = ("date", "opportunity", "party", "name", "index")
    if not isinstance(history, pd.DataFrame):
        raise invalid("history", history, message("exp_history"))
    lang = check_language(history.attrs.get("language", "en") if lang is None else lang)
    missing = [c for c in needed if c not in history]
    if missing:
        said = message("err_not_history", missing=", ".join(missing))
        expected = message("exp_columns", columns=", ".join(needed))
        raise InvalidParameterError("history", list(history.columns), expected, message=said)
    known = list(dict.fromkeys(history["opportunity"].astype(str)))
    if opportunity is None:
        if len(known) != 1:
            raise UnknownOpportunityError(None, known)
        opportunity = known[0]
    elif str(opportunity) not in known:
        raise UnknownOpportunityError(opportunity, known)
    h = history[history["opportunity"].astype(str).eq(str(opportunity))]
    family = cjk_font_family(warn=False)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    for _, grp in h.groupby("party", sort=False):
        grp = grp.sort_values("date")
        ax.plot(grp["date"], grp["index"], marker="o", label=str(grp["name"].iloc[0]))
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.set_title(say("mon_plot_title", opp=opportunity, lang=lang))
    ax.set_ylabel(say("mon_plot_ylabel", lang=lang))
    legend = ax.legend(loc="best")
    if family is not None:
        for text in [ax.title, ax.yaxis.label, *legend.get_texts()]:
            text.set_fontfamily(family)
    if ax.figure.get_layout_engine() is None:
        ax.figure.autofmt_xdate()  # slanted dates, and room for them below
    else:  # the layout engine makes the room (matplotlib 3.7 warns on autofmt_xdate)
        for label in ax.get_xticklabels():
            label.set_rotation(30)
            label.set_horizontalalignment("right")
    return ax
