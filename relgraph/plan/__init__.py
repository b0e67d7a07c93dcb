"""The yearly planning set (DOMAIN.md §9): status, target task book, action plan, cards.

- :mod:`~relgraph.plan.build`: :func:`plan`, from the coverage check and the targets;
- :mod:`~relgraph.plan.actions`: the dated actions of each target, in the practice's order;
- :mod:`~relgraph.plan.document`: :class:`Plan`, its sheets and columns, and the writers.
"""

from relgraph.plan.build import plan
from relgraph.plan.document import (
    ABOUT_COLUMNS,
    ABOUT_SHEET,
    ACTION_COLUMNS,
    CARD_COLUMNS,
    PERIODS,
    REQUIRED,
    SHEETS,
    STATUS_COLUMNS,
    TARGET_COLUMNS,
    Plan,
    column_meaning,
)

__all__ = [
    "ABOUT_COLUMNS",
    "ABOUT_SHEET",
    "ACTION_COLUMNS",
    "CARD_COLUMNS",
    "PERIODS",
    "REQUIRED",
    "SHEETS",
    "STATUS_COLUMNS",
    "TARGET_COLUMNS",
    "Plan",
    "column_meaning",
    "plan",
]
