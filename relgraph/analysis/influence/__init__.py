"""Who sways whom: the Friedkin–Johnsen influence model, support indices, leverage and chains.

- :mod:`~relgraph.analysis.influence.model`: the solver and a network's influence model;
- :mod:`~relgraph.analysis.influence.support`: the support index per party and leverage;
- :mod:`~relgraph.analysis.influence.hidden`: hidden influencers, with their evidence;
- :mod:`~relgraph.analysis.influence.paths`: the strongest chains of sway between two people.
"""

from relgraph.analysis.influence.hidden import hidden_influencers
from relgraph.analysis.influence.model import (
    friedkin_johnsen,
    influence_matrix,
    predicted_attitudes,
)
from relgraph.analysis.influence.paths import InfluencePaths, influence_paths
from relgraph.analysis.influence.support import leverage, support_index

__all__ = [
    "InfluencePaths",
    "friedkin_johnsen",
    "hidden_influencers",
    "influence_matrix",
    "influence_paths",
    "leverage",
    "predicted_attitudes",
    "support_index",
]
