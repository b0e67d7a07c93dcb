"""Coverage: where we are weaker than a competitor, rule by rule (DOMAIN.md §5).

- :mod:`~relgraph.analysis.coverage.check`: :func:`coverage`, the entry point;
- :mod:`~relgraph.analysis.coverage.rules`: the rules, one function each, in a declared table;
- :mod:`~relgraph.analysis.coverage.parity`: level parity against each competitor;
- :mod:`~relgraph.analysis.coverage.context`: what every rule reads;
- :mod:`~relgraph.analysis.coverage.tables`: the report's tables;
- :mod:`~relgraph.analysis.coverage.report`: :class:`CoverageReport`.
"""

from relgraph.analysis.coverage.check import coverage
from relgraph.analysis.coverage.context import SUPPORTER, Severity
from relgraph.analysis.coverage.report import GAP_COLUMNS, CoverageReport
from relgraph.analysis.coverage.rules import RULE_TABLE, RULES, Rule
from relgraph.analysis.coverage.tables import MATRIX_NAME, PEOPLE_COLUMNS, SUMMARY_COLUMNS

__all__ = [
    "GAP_COLUMNS",
    "MATRIX_NAME",
    "PEOPLE_COLUMNS",
    "RULES",
    "RULE_TABLE",
    "SUMMARY_COLUMNS",
    "SUPPORTER",
    "CoverageReport",
    "Rule",
    "Severity",
    "coverage",
]
