"""The result of :func:`relgraph.coverage`: gaps, key people, parties, levels, factions."""

from __future__ import annotations

import datetime as _dt
import html
from dataclasses import dataclass, field

import pandas as pd

from relgraph.analysis.coverage.context import Severity
from relgraph.text import say

__all__ = ["GAP_COLUMNS", "CoverageReport"]

#: Columns of :attr:`CoverageReport.gaps`.
GAP_COLUMNS = ["rule", "severity", "person", "name", "competitor", "candidates", "why"]


@dataclass(frozen=True, eq=False)
class CoverageReport:
    """What :func:`coverage` found for one opportunity.

    Attributes
    ----------
    opportunity : str
        The opportunity id.
    as_of : datetime.date
        The date ages (stale attitudes, tie ages) are measured against.
    people : pandas.DataFrame
        One row per key person (role holders, hidden influencers, competitors' supporters,
        level-parity candidates); columns :data:`PEOPLE_COLUMNS`.
    gaps : pandas.DataFrame
        One row per broken rule, most severe first; columns :data:`GAP_COLUMNS`.
    summary : pandas.DataFrame
        One row per party (us, then each competitor); columns :data:`SUMMARY_COLUMNS`.
    matrix : pandas.DataFrame
        Level × level: rows our people's level, columns the account's people's level;
        each cell counts the pairs with a direct, non-sensitive tie (the organisational
        layer: executives should meet executives).
    factions : pandas.DataFrame
        The account's factions with the decision power each holds in this opportunity.
    notes : tuple of str
        What the report could not do or left out (e.g. missing interaction data).
    language : str
        The language of its texts (``net.settings.language``); the notebook view's
        headings follow it.

    Examples
    --------
    >>> import relgraph as rg
    >>> rep = rg.coverage(rg.datasets.tiny(), as_of="2026-01-01")
    >>> rep
    CoverageReport('O1', as of 2026-01-01: 4 key people, 10 gaps (5 high, 4 medium, 1 low))
    >>> rep.summary[["party", "index", "supporters"]].round(3)
      party  index  supporters
    0    us  0.068           2
    1     R  0.748           1
    """

    opportunity: str
    as_of: _dt.date
    people: pd.DataFrame
    gaps: pd.DataFrame
    summary: pd.DataFrame
    matrix: pd.DataFrame
    factions: pd.DataFrame
    notes: tuple[str, ...] = field(default=())
    language: str = "en"

    def __repr__(self) -> str:
        counts = self.gaps["severity"].value_counts()
        parts = ", ".join(f"{int(counts.get(str(s), 0))} {s}" for s in Severity)
        return (
            f"CoverageReport({self.opportunity!r}, as of {self.as_of}: {len(self.people)} "
            f"key people, {len(self.gaps)} gaps ({parts}))"
        )

    def _repr_html_(self) -> str:
        def table(frame: pd.DataFrame) -> str:
            return frame.to_html(index=False, escape=True, na_rep="")

        def head(key: str, **values: object) -> str:
            return html.escape(say(key, lang=self.language, **values))

        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        title = head("cov_title", opportunity=self.opportunity, as_of=self.as_of)
        return (
            f"<h4>{title}</h4><h5>{head('cov_gaps')}</h5>{table(self.gaps)}"
            f"<h5>{head('cov_summary')}</h5>{table(self.summary)}"
            f"<h5>{head('cov_matrix')}</h5>"
            f"{self.matrix.to_html(escape=True)}"
            f"<h5>{head('cov_people')}</h5>{table(self.people)}"
            + (f"<ul>{notes}</ul>" if notes else "")
        )
