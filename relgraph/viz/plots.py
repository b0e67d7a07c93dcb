"""matplotlib plots: decision chain, power map, coverage matrix and one introduction route.

Each plot lives in its own module (:mod:`relgraph.viz.chain_plot`,
:mod:`relgraph.viz.power_map`, :mod:`relgraph.viz.coverage_plot`,
:mod:`relgraph.viz.route_plot`); this module gathers them. Every plot takes the network
first, ``opportunity=`` (positional for the opportunity plots) and keyword-only options,
draws into ``ax=`` when given and returns the Axes.
"""

from __future__ import annotations

from relgraph.viz.chain_plot import plot_decision_chain
from relgraph.viz.coverage_plot import plot_coverage
from relgraph.viz.plot_common import CAP_NOTE_GID, PLOT_MAX_PEOPLE, PRIVACY_NOTE_GID
from relgraph.viz.power_map import plot_power_map
from relgraph.viz.route_plot import plot_route

__all__ = [
    "CAP_NOTE_GID",
    "PLOT_MAX_PEOPLE",
    "PRIVACY_NOTE_GID",
    "plot_coverage",
    "plot_decision_chain",
    "plot_power_map",
    "plot_route",
]
