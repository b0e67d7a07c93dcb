"""Whom to work on next: targets ranked by the expected gain a realistic effort buys (DOMAIN §6).

- :mod:`~relgraph.analysis.targets.candidates`: everyone we could work on, every gain term;
- :mod:`~relgraph.analysis.targets.choose`: the greedy pick under the team's capacity;
- :mod:`~relgraph.analysis.targets.people`: owner A, owner B and the sponsor;
- :mod:`~relgraph.analysis.targets.words`: the route and the ``why`` of each target.
"""

from relgraph.analysis.targets.candidates import CANDIDATE_COLUMNS, GOAL_ATTITUDE
from relgraph.analysis.targets.choose import TARGET_COLUMNS, recommend_targets, target_candidates

__all__ = [
    "CANDIDATE_COLUMNS",
    "GOAL_ATTITUDE",
    "TARGET_COLUMNS",
    "recommend_targets",
    "target_candidates",
]
